// Package seqeval reproduces the classification report of seqeval
// (github.com/chakki-works/seqeval, commit cd01b52, v1.2.2 plus CI-only
// commits), the chunk-level NER scorer most Python taggers report, number for
// number: per entity type precision, recall, F1 and support, and the micro,
// macro and weighted averages.
//
// Input is two parallel lists of sentences, the gold tags and the predicted
// tags, one string per token ("B-PER", "I-PER", "O", ...), so any reader can
// feed it.
//
// # Chunks
//
// Default mode (Options.Strict false) is seqeval's get_entities: the
// sentences are joined into one sequence with an "O" after each (so no chunk
// crosses a sentence), and a chunk opens on B- or S-, on I- or E- after O, E-
// or S-, and on any tag whose type differs from the previous tag's; it closes
// after E- and S-, before B-, S- and O, and before a change of type. A stray
// I- therefore opens a chunk, as in conlleval.pl. The prefix is the first
// character of the tag and the type what follows the first hyphen after it
// ("_" when empty); a tag seqeval does not recognise is read the same way
// (seqeval only warns).
//
// Strict mode (Options.Strict true) is seqeval's Tokens and Entities classes
// with the scheme Options.Scheme: a chunk starts on a token that the scheme's
// start patterns allow after the previous token, extends over the tokens its
// inside patterns allow, and is kept only if the token after it is a valid end
// by the end patterns. Otherwise the chunk is dropped: under IOB2 a chunk
// opened by I- is never counted, under IOBES one without an E- or S- ending is
// not. A tag whose prefix the scheme does not allow is an error (*TagError).
//
// # Scores
//
// For each entity type t, over the union of gold and predicted types sorted
// by code point, with correct(t) the chunks present in both gold and
// prediction (same sentence, start, end and type):
//
//	precision(t) = correct(t) / predicted(t)    (0 when predicted(t) = 0)
//	recall(t)    = correct(t) / gold(t)         (0 when gold(t) = 0)
//	f1(t)        = 2·p·r / (p + r)              (0 when p + r = 0)
//	support(t)   = gold(t)
//
// The micro average applies the same formulas to the counts summed over the
// types. The macro average is the unweighted mean of the per-type values, NaN
// when there is no type at all (seqeval's np.average of an empty array). The
// weighted average is Σ value(t)·support(t) / Σ support(t), or 0 when no type
// has gold support. The support of every average is the total gold support.
// These are scikit-learn's precision_recall_fscore_support with its default
// zero_division, which seqeval copies.
//
// Sums are taken in numpy's order (pairwise summation, which is left to right
// for fewer than eight values), so every number is the same float64 that
// seqeval returns, not only close to it.
package seqeval
