// Package peers benchmarks the normalizer against peers that the main
// module does not depend on: Bleve's Arabic normalize_ar filter, which
// reproduces Lucene's ArabicNormalizer. It is a module of its own so that
// the main go.mod stays small; its tests also check that the lucene preset
// gives the same text as Bleve on every whitespace token of the seed corpus.
package peers
