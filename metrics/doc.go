// Package metrics is arabench's scoring core: it matches predicted mentions
// against gold ones and turns the matches into precision, recall and F1 under
// several schemes, per type and on average, with entity linking, NUM value
// accuracy and the B³ score of a normalizer's clustering. A report carries
// the signature that pins how its scores were computed (package signature).
// The packages around it build on it, each with one job: erroranalysis (the
// categories of errors, their groups, per-document scores), bootstrap
// (confidence intervals and paired tests), render (tables, Markdown, CSV and
// JSON), runfile (run files) and compare (two runs side by side).
// conlleval.pl is reproduced in package conlleval, which hands its chunks to
// this package as Docs.
//
// # Matching
//
// Mentions are matched per document (or per any other unit, such as a
// sentence), one-to-one: a gold mention is paired with at most one prediction
// and a prediction with at most one gold mention. Align builds one pairing
// that every scheme then reads, so the number of gold mentions (POS) and of
// predictions (ACT) is the same under every scheme.
//
// The pairing is nervaluate 1.1.0's, so that the counts equal its counts on
// any input: the predictions, in text order, each take the first gold
// mention, in text order, that is still free and whose span overlaps theirs.
// Neither the type nor the size of the overlap is looked at: a prediction
// overlapping a gold LOC and then a gold PER is paired with the LOC even when
// it is a PER itself (the PER is then missed), and an exact span later in
// the text does not win over an earlier overlap. nervaluate's four
// strategies all pair this way; they differ only in what a pair counts as.
// The pairing is maximal: no gold mention left unpaired overlaps a prediction
// left unpaired; it does not depend on the order of the input, only on the
// spans (ties of equal spans are broken by type).
//
// # Schemes
//
// A pair counts as COR, INC or PAR; an unpaired gold mention is MIS and an
// unpaired prediction SPU (the MUC categories). The schemes of SemEval-2013
// task 9.1, as nervaluate defines them:
//
//	strict   COR if same span and same type, else INC
//	exact    COR if same span, else INC
//	type     COR if same type (spans overlap), else INC
//	partial  COR if same span, else PAR (half credit)
//
// and arabench's own:
//
//	clitic   COR if same type and the spans are equal once a leading proclitic
//	         stack is removed from either, else INC
//
// A proclitic stack is one to three (MaxProclitics) letters from و ف ب ل ك,
// each optionally carrying diacritics or tatweel: و، ب، وب، ول، فب، وك، ولل.
// Two spans are clitic-equal when they end at the same byte and the text
// between their starts is such a stack, so the prediction وواشنطن is correct
// for the gold واشنطن under clitic and not under strict. This scores fairly
// taggers trained on ANERcorp- or Wojood-style data, which tag the
// space-delimited word whole, against gold that leaves proclitics out.
// Comparing the difference of the starts, instead of stripping each span
// greedily, keeps names that begin with those letters whole (لبنان, بوتين).
// The clitic scheme reads the document text; Doc carries it.
//
// # Formulas
//
//	POS = COR + INC + PAR + MIS          (gold mentions, the support)
//	ACT = COR + INC + PAR + SPU          (predictions)
//	P   = (COR + ½·PAR) / ACT
//	R   = (COR + ½·PAR) / POS
//	F1  = 2·P·R / (P + R)
//
// PAR is non-zero under partial only, so for strict, exact, type and clitic
// these are nervaluate's P = COR/ACT, R = COR/POS; for partial they are its
// half-credit formulas. A zero denominator gives 0, never NaN.
//
// Per-type rows are scored as nervaluate scores them: for each type, the
// gold mentions and the predictions of that type alone are aligned and
// tallied. A same-span prediction of the wrong type is therefore MIS in the
// gold type's row and SPU in the predicted type's row under every scheme,
// while the overall tally, from the alignment of all mentions, counts it INC
// under strict (COR under exact). Per-type rows thus need not add up to the
// overall tally; the micro average is the score of the overall tally. Per
// type, strict P/R/F1 equal conlleval's and seqeval's: COR is the number of
// predictions of the type whose span and type equal a gold mention's.
//
// Micro averages score the tallies summed over all types. Macro averages are
// the unweighted means of the per-type precision, recall and F1 (macro F1 is
// the mean of the F1s, not the F1 of the means), over the types present in
// the gold or in the predictions, as seqeval does (scikit-learn's labels =
// those of y_true ∪ y_pred). A type that is only predicted thus counts with
// zeros; a type in neither is not averaged. Weighted averages (seqeval's
// "weighted avg") weight each type's precision, recall and F1 by its support,
// so types only predicted weigh nothing.
//
// One deliberate difference from nervaluate 1.1.0: its evaluate() merges the
// documents' results with compute_metrics() without the half credit, so with
// more than one document the partial precision and recall it returns are
// COR/ACT and COR/POS, although each document was scored with half credit.
// arabench keeps the half-credit formula of the partial scheme whatever the
// number of documents; the counts are nervaluate's either way (see the oracle
// test in this package).
//
// # Linking and values
//
// Entity linking compares, per document, the set of entity ids of the gold
// mentions with the set of ids carried by predictions: TP = |gold ∩ pred|,
// FP = |pred \ gold|, FN = |gold \ pred|, summed over documents (micro):
// P = TP/(TP+FP), R = TP/(TP+FN). It is reported when some prediction carries
// an id.
//
// NUM value accuracy is the fraction of strictly matched NUM pairs whose
// prediction carries a value that equals the gold value as a number (see
// SameValue). It is reported when some NUM prediction carries a value.
//
// # Units
//
// ScoreDoc scores one unit and keeps its per-scheme, per-type tallies (and
// its linking and value counts) in a DocScore; Summarize adds DocScores up.
// Every count is additive, so a bootstrap can resample units (documents,
// the sentences of package bootstrap's SentenceUnits, or those of
// conlleval's File.Documents) and summarize the sample without matching
// again. Evaluate is ScoreDoc over all units followed by
// Summarize.
//
// # Signature
//
// Every rendering ends with a signature line, as sacrebleu's scores do:
// arabench:1.0|gold:3f2a9c1e|corpus:seed-5|norm:none|scheme:strict|avg:micro|boot:1000@12345.
// Report.Signature holds it; package signature defines it (signature.Version
// is the version of the scoring definitions above). Two scores are comparable
// only when their signatures are equal; signature.Signature.Diff names the
// parts that differ.
package metrics
