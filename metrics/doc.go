// Package metrics is arabench's scoring engine: it matches predicted mentions
// against gold ones and turns the matches into precision, recall and F1 under
// several schemes, per type and on average, with entity linking, NUM value
// accuracy, a signature that pins how a score was computed, and renderings of
// a report as a terminal table, Markdown, CSV and JSON. conlleval.pl is
// reproduced in package conlleval, which hands its chunks to this package as
// Docs.
//
// # Matching
//
// Mentions are matched per document (or per any other unit, such as a
// sentence), one-to-one: a gold mention is paired with at most one prediction
// and a prediction with at most one gold mention. Align builds one pairing
// that every scheme then reads, as nervaluate does, so the number of gold
// mentions (POS) and of predictions (ACT) is the same under every scheme.
//
// Candidate pairs are those whose spans are equal or overlap. They are ranked
// by the evidence they carry that the two mentions are one:
//
//  1. the same span and the same type;
//  2. the same span, another type;
//  3. clitic-equal spans (below) and the same type;
//  4. overlapping spans and the same type;
//  5. overlapping spans, another type;
//
// and within a rank by more shared bytes, then boundaries closer together
// (smaller |Δstart| + |Δend|), then position in the text (gold start and end,
// prediction start and end), then the types, and only for mentions identical
// in span and type by input order. Pairs are taken greedily in that order,
// each when both mentions are still free.
//
// Why this order: an exact pair is never broken up to make a looser one, so
// strict and exact counts equal those of span-and-type equality (and so
// conlleval's on CoNLL input); nervaluate too checks for an exact boundary
// before looking for overlaps. Among overlaps, the same type first keeps the
// type scheme from pairing a prediction with a neighbour of another type when
// one of its own type is there; then the largest overlap and the closest
// boundaries (nervaluate's tie-break for its type scheme) decide. The greedy
// pairing is maximal: no gold mention left unpaired overlaps a prediction left
// unpaired. It is not a maximum matching (a chain of overlaps can leave one
// pair fewer than the most possible), but it never trades a well-evidenced
// pair for a poorer one to gain a count, and it is deterministic: the tallies
// do not depend on the order of the input.
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
// Per-type rows file a pair under its gold mention's type, MIS under the gold
// type and SPU under the predicted type. Under the schemes that check types
// (strict, type, clitic) a mistyped pair also counts against the type the
// prediction claimed: gold PER predicted as LOC is INC in the PER row (PER
// recall) and adds one to the LOC row's ACT (LOC precision), which is how
// conlleval and seqeval count per type; see Tally.CrossGold and CrossPred.
// The schemes that ignore types (exact, partial) file the pair under the gold
// type only.
//
// Micro averages score the tallies summed over all types. Macro averages are
// the unweighted means of the per-type precision, recall and F1 (macro F1 is
// the mean of the F1s, not the F1 of the means), over the types present in
// the gold or in the predictions, as seqeval does (scikit-learn's labels =
// those of y_true ∪ y_pred). A type that is only predicted thus counts with
// zeros; a type in neither is not averaged.
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
// Every count is additive, so a bootstrap can resample units (documents, or
// the sentences of conlleval's File.Documents) and summarize the sample
// without matching again. Evaluate is ScoreDoc over all units followed by
// Summarize.
//
// # Signature
//
// Every rendering ends with a Signature line, as sacrebleu's scores do:
// arabench:1.0|gold:3f2a9c1e|corpus:seed-5|norm:none|scheme:strict|avg:micro|boot:1000@12345.
// Two scores are comparable only when their signatures are equal;
// Signature.Diff names the parts that differ.
package metrics
