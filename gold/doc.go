// Package gold reads and validates the gold annotations of the seed corpus:
// brat standoff files (one <doc>.ann per document) and the entity catalogue
// entities.tsv that their links point into.
//
// The layers follow the annotation guidelines (gold/GUIDELINES.md):
//
//	T1<TAB>PER 12 26<TAB>فلاديمير بوتين                 a mention: type, code point span, text
//	N1<TAB>Reference T1 kb:vladimir-putin<TAB>Vladimir Putin  its link into the catalogue
//	#1<TAB>Value T9<TAB>100000                          a NUM mention's value
//
// Offsets in the files count Unicode code points, half-open; Parse keeps them
// as written and File.Mentions converts them once, with corpus.Index, to the
// byte offsets every other package uses.
//
// Reading and validating are separate on purpose. Parse checks syntax only and
// File.Mentions resolves spans leniently (a missing or doubled link is not its
// business), so the same two calls read brat folders of predictions
// (ReadPredictionDir, what `arabench score --pred DIR` uses). Load ties
// a folder of .ann files and the catalogue to a corpus; Check adds every rule
// of the guidelines that a machine can check and counts the mentions per
// document and type for `arabench gold check`.
package gold
