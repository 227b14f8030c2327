// Package conlleval reproduces conlleval.pl, the CoNLL shared tasks' chunk
// scorer (version 2004-01-26, by Erik Tjong Kim Sang), on its own input:
// Read, File.Evaluate and Report.WriteText print its report byte for byte,
// and File.Documents hands the same chunks to package metrics so that the
// other schemes can score them too.
//
// # Input
//
// One token a line, columns separated by a delimiter, the gold tag second to
// last and the guessed tag last; sentences are separated by lines without
// columns or lines whose first column is -X-. Columns are cut as the script's
// split(/$delimiter/, $line) cuts them, on bytes:
//
//   - The default delimiter is one space. A tab is not a delimiter, two spaces
//     in a row make an empty column between them, a space first makes an
//     empty first column, and trailing empty columns are dropped, so a line of
//     spaces has no column and is a boundary.
//   - Any other byte, a no-break space (U+00A0) or a zero-width joiner
//     included, belongs to its column: a token may hold one.
//   - Options.Delimiter is the script's -d, a regular expression (RE2 syntax,
//     matched on bytes: "." is one byte). "\t" reads tab-separated files. A
//     pattern that can match an empty string is refused.
//
// The first line with columns fixes their number; a later line with another
// number, or a token line with fewer than two columns, stops the reading with
// a *SyntaxError naming the file and line, where the script stops with
// "unexpected number of features" (exit status 1, or 255 for the second).
//
// Options.Raw and Options.OTag are the script's -r and -o: tags without a
// chunk prefix, each token a chunk of its own, typed by its tag, the outside
// tag (O by default) outside any chunk. As in the script, OTag is read only
// with Raw.
//
// # Chunks and counts
//
// A chunk opens and closes by the script's startOfChunk and endOfChunk rules,
// which read IOB1, IOB2 and IOE: a stray I- after O opens a chunk, B- after a
// chunk of the same type opens a new one, E- closes one. S- has no rule, so
// S-X S-X is one chunk. -X- lines and lines without columns are boundaries;
// -DOCSTART- lines are ordinary tokens, counted in the accuracy. A found
// chunk is correct when a gold chunk starts and ends on the same tokens with
// the same type. Accuracy is the share of tokens whose two tags are equal.
//
// # The one leniency: CR LF
//
// perl's chomp removes only the line feed, so on a file with CR LF line ends
// the carriage return stays in the last column: the guessed type "PER\r"
// never equals the gold "PER", every chunk is wrong, and a blank line ("\r",
// one column) makes the script stop with "unexpected number of features".
// Read drops a carriage return at the end of a line instead, scores the file
// as if it had LF line ends, and counts those lines in File.CRLines so that
// the caller can say so. Apart from delimiters that RE2 cannot express or that
// match the empty string, this is the only input on which the output differs
// from the script's.
package conlleval
