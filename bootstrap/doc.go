// Package bootstrap measures how much a score owes to the particular
// sentences of a corpus. SentenceSpans cuts a document into sentence units
// that no mention straddles, and SentenceUnits scores them one by one.
// Bootstrap.Intervals gives a 95% percentile interval of every F1 of one
// system; Bootstrap.Paired tests two systems scored on the same units with a
// two-sided paired bootstrap, and Holm adjusts a family of such p-values
// (Holm–Bonferroni). Both resample the units' additive tallies
// (metrics.DocScore) and score each sample's sum: nothing is matched again.
// A seed pins the draws on every platform and Go release.
package bootstrap
