// Package report builds the error analysis page of `arabench report`: one
// self-contained HTML file that shows where and how an extractor is wrong.
//
// Build scores a run (or two, to compare) against a corpus and its gold and
// lays out the page; Report.Write writes it. The page holds:
//
//   - every document, right to left, with each place of its alignment (see
//     metrics.Align) marked by its category under the chosen scheme (see
//     erroranalysis.Judge): correct, wrong type, wrong boundary, wrong type and
//     boundary, missed, spurious; a colour, a line style and a text marker
//     per category, and a card with the types, code point offsets and
//     entity ids on hover or focus;
//   - the run's signature, the per-type scores, the MUC counts with the
//     wrong pairs split by category, the type confusion matrix with a
//     no-match row and column, the most frequent errors grouped by surface
//     form and linked to their places, and the scores of every document;
//   - with two runs, the per-type F1 deltas with the paired bootstrap's
//     intervals and p-values (compare.Compare), and the mentions gained,
//     lost and changed, outlined in the text and listed per document.
//
// The page is one html/template (page.html) with its style sheet
// (style.css) and the script of its filters and sortable table (filter.js)
// inlined: it loads nothing and opens from disk. Every string from a
// document, the gold or a run file is written by the template's contextual
// escaping, so it is text, never markup. Marks that cross each other are
// cut into nested fragments (see markup). The documents are laid out only
// as they come near the screen (CSS content-visibility), which is what lets
// a run of thousands of documents open in seconds.
package report
