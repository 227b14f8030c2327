// Package brat reads brat's standoff format: one <doc>.ann file per
// document, whose lines annotate the document's text.
//
//	T1<TAB>PER 12 26<TAB>فلاديمير بوتين                 a mention: type, code point span, text
//	N1<TAB>Reference T1 kb:vladimir-putin<TAB>Vladimir Putin  its link into the catalogue
//	#1<TAB>Value T9<TAB>100000                          a NUM mention's value
//
// Offsets in the files count Unicode code points, half-open; Parse keeps them
// as written and File.Mentions converts them once, with corpus.Index, to the
// byte offsets every other package uses.
//
// Parse checks syntax only and File.Mentions resolves spans leniently (a
// missing or doubled link is not its business), so the same two calls read
// a gold folder (package gold, which adds the rules of the guidelines) and
// brat folders of predictions (ReadPredictionDir, what `arabench score
// --pred DIR` uses).
package brat
