package metrics

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/arabench/arabench/corpus"
)

// SyntaxError is a malformed line of an input file. It prints as
// "file:line: msg". Readers report it and go on with the next line.
type SyntaxError struct {
	FileName string
	Line     int
	Msg      string
}

// Error formats the error as "file:line: msg".
func (e *SyntaxError) Error() string { return fmt.Sprintf("%s:%d: %s", e.FileName, e.Line, e.Msg) }

// conllBoundary is conlleval.pl's sentence boundary token.
const conllBoundary = "-X-"

// conllDocStart opens a document in CoNLL-2003 files.
const conllDocStart = "-DOCSTART-"

// ConllItem is one line of a conlleval input file: a token with its gold and
// guessed tags, or a sentence boundary.
type ConllItem struct {
	// Line is the 1-based line number in the file.
	Line int
	// Boundary is set for an empty line and for a line whose first column is
	// -X-, which conlleval.pl reads as a boundary whatever its other columns.
	Boundary bool
	// Word is the first column; empty when the file has only the two tag
	// columns.
	Word string
	// Gold and Guess are the second-to-last and last columns.
	Gold, Guess string
}

// ConllFile is a conlleval input file: whitespace-separated columns, one token
// a line, the gold tag second to last and the guessed tag last, sentences
// separated by empty lines or -X- lines.
type ConllFile struct {
	// Name is the file name used in errors and document ids.
	Name string
	// Items are the file's tokens and boundaries in order.
	Items []ConllItem
}

// ReadConll reads a conlleval input file. It returns the file with every line
// it could read, and an error joining a *SyntaxError for each line it skipped:
// a token line with fewer than two columns, or with a different number of
// columns than the first token line (conlleval.pl stops at the first such
// line). Columns are separated by runs of spaces or tabs, where conlleval.pl
// splits on single spaces; the two agree on every file conlleval.pl accepts
// except one with empty columns. A trailing carriage return is dropped. An I/O
// error ends the reading and is returned as is.
func ReadConll(r io.Reader, name string) (*ConllFile, error) {
	f := &ConllFile{Name: name}
	var errs []error
	br := bufio.NewReader(r)
	width := -1
	for n := 1; ; n++ {
		line, err := br.ReadString('\n')
		if len(line) > 0 {
			if e := f.addLine(n, line, &width); e != nil {
				errs = append(errs, e)
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
			break
		}
	}
	return f, errors.Join(errs...)
}

func (f *ConllFile) addLine(n int, line string, width *int) error {
	fields := strings.Fields(line)
	switch {
	case len(fields) == 0 || fields[0] == conllBoundary:
		f.Items = append(f.Items, ConllItem{Line: n, Boundary: true})
		return nil
	case len(fields) < 2:
		return &SyntaxError{FileName: f.Name, Line: n, Msg: fmt.Sprintf("want at least two columns (gold tag, guessed tag), got %d; line skipped", len(fields))}
	case *width >= 0 && len(fields) != *width:
		return &SyntaxError{FileName: f.Name, Line: n, Msg: fmt.Sprintf("%d columns where the first token line has %d; line skipped", len(fields), *width)}
	}
	*width = len(fields)
	it := ConllItem{Line: n, Gold: fields[len(fields)-2], Guess: fields[len(fields)-1]}
	if len(fields) > 2 {
		it.Word = fields[0]
	}
	f.Items = append(f.Items, it)
	return nil
}

// splitTag splits a tag as conlleval.pl does: the chunk tag before the first
// hyphen and the type after it ("B-PER" → "B", "PER"; "O" → "O", ""). Like the
// Perl, which tests the type for truth, a type "0" counts as no type.
func splitTag(tag string) (chunk, typ string) {
	chunk, typ, _ = strings.Cut(tag, "-")
	if typ == "0" {
		typ = ""
	}
	return chunk, typ
}

// endOfChunk is conlleval.pl's endOfChunk: whether a chunk ended between the
// previous tag and this one. It handles IOB1, IOB2 and IOBES ("E" closes, "S"
// only through a change of type) and the bracket tags of CoNLL-2000.
func endOfChunk(prevTag, tag, prevType, typ string) bool {
	switch {
	case prevTag == "B" && tag == "B",
		prevTag == "B" && tag == "O",
		prevTag == "I" && tag == "B",
		prevTag == "I" && tag == "O",
		prevTag == "E" && tag == "E",
		prevTag == "E" && tag == "I",
		prevTag == "E" && tag == "O":
		return true
	case prevTag != "O" && prevTag != "." && prevType != typ:
		return true
	case prevTag == "]" || prevTag == "[":
		return true
	}
	return false
}

// startOfChunk is conlleval.pl's startOfChunk: whether a chunk started between
// the previous tag and this one. A stray I- after O opens a chunk; B- after B-
// or I- of the same type opens a new one.
func startOfChunk(prevTag, tag, prevType, typ string) bool {
	switch {
	case prevTag == "B" && tag == "B",
		prevTag == "I" && tag == "B",
		prevTag == "O" && tag == "B",
		prevTag == "O" && tag == "I",
		prevTag == "E" && tag == "E",
		prevTag == "E" && tag == "I",
		prevTag == "O" && tag == "E":
		return true
	case tag != "O" && tag != "." && prevType != typ:
		return true
	case tag == "[" || tag == "]":
		return true
	}
	return false
}

// ConllCounts are conlleval's chunk counts: chunks in the gold, chunks
// guessed, and guessed chunks equal to a gold chunk in span and type.
type ConllCounts struct {
	Gold    int `json:"gold"`
	Guessed int `json:"guessed"`
	Correct int `json:"correct"`
}

// Precision is Correct/Guessed, or 0.
func (c ConllCounts) Precision() float64 { return ratio(float64(c.Correct), c.Guessed) }

// Recall is Correct/Gold, or 0.
func (c ConllCounts) Recall() float64 { return ratio(float64(c.Correct), c.Gold) }

// F1 is the harmonic mean of Precision and Recall, or 0.
func (c ConllCounts) F1() float64 { return harmonic(c.Precision(), c.Recall()) }

// ConllTypeCounts are the chunk counts of one type.
type ConllTypeCounts struct {
	Type string `json:"type"`
	ConllCounts
}

// ConllEval holds what conlleval.pl computes.
type ConllEval struct {
	// Tokens counts token lines (boundaries excluded, -DOCSTART- lines
	// included, as conlleval.pl counts them); CorrectTags those whose guessed
	// tag equals the gold tag, O included.
	Tokens      int `json:"tokens"`
	CorrectTags int `json:"correct_tags"`
	// Overall are the chunk counts over all types.
	Overall ConllCounts `json:"overall"`
	// Types are the per-type counts, sorted by type name in byte order as
	// conlleval.pl sorts them, over the types of gold or guessed chunks.
	Types []ConllTypeCounts `json:"types"`
}

// Accuracy is the token-level accuracy CorrectTags/Tokens, or 0.
func (e ConllEval) Accuracy() float64 { return ratio(float64(e.CorrectTags), e.Tokens) }

// Eval computes conlleval.pl's numbers for the file. It is a transcription of
// the script's main loop: a chunk is correct when gold and guess start it on
// the same token with the same type and both end it on the same token. A
// -DOCSTART- line is an ordinary token to conlleval.pl (only -X- and empty
// lines are boundaries): usually tagged O, it ends any open chunk and counts
// as a correctly tagged token in the accuracy.
func (f *ConllFile) Eval() ConllEval {
	var e ConllEval
	byType := map[string]*ConllCounts{}
	count := func(t string) *ConllCounts {
		c := byType[t]
		if c == nil {
			c = &ConllCounts{}
			byType[t] = c
		}
		return c
	}
	inCorrect := false
	lastCorrect, lastCorrectType := "O", ""
	lastGuessed, lastGuessedType := "O", ""
	for _, it := range f.Items {
		correct, correctType, guessed, guessedType := "O", "", "O", ""
		if !it.Boundary {
			correct, correctType = splitTag(it.Gold)
			guessed, guessedType = splitTag(it.Guess)
		}
		goldEnd := endOfChunk(lastCorrect, correct, lastCorrectType, correctType)
		guessEnd := endOfChunk(lastGuessed, guessed, lastGuessedType, guessedType)
		if inCorrect {
			if goldEnd && guessEnd && lastGuessedType == lastCorrectType {
				inCorrect = false
				e.Overall.Correct++
				count(lastCorrectType).Correct++
			} else if goldEnd != guessEnd || guessedType != correctType {
				inCorrect = false
			}
		}
		goldStart := startOfChunk(lastCorrect, correct, lastCorrectType, correctType)
		guessStart := startOfChunk(lastGuessed, guessed, lastGuessedType, guessedType)
		if goldStart && guessStart && guessedType == correctType {
			inCorrect = true
		}
		if goldStart {
			e.Overall.Gold++
			count(correctType).Gold++
		}
		if guessStart {
			e.Overall.Guessed++
			count(guessedType).Guessed++
		}
		if !it.Boundary {
			if correct == guessed && guessedType == correctType {
				e.CorrectTags++
			}
			e.Tokens++
		}
		lastCorrect, lastCorrectType = correct, correctType
		lastGuessed, lastGuessedType = guessed, guessedType
	}
	if inCorrect {
		e.Overall.Correct++
		count(lastCorrectType).Correct++
	}
	for t, c := range byType {
		e.Types = append(e.Types, ConllTypeCounts{Type: t, ConllCounts: *c})
	}
	sort.Slice(e.Types, func(i, j int) bool { return e.Types[i].Type < e.Types[j].Type })
	return e
}

// WriteText writes the report exactly as conlleval.pl prints it (without -l):
// the overall line, the accuracy line when there are tokens, and one line per
// type, percentages with two decimals.
func (e ConllEval) WriteText(w io.Writer) error {
	// The arithmetic follows the script's, in percent, so that rounding to
	// two decimals agrees to the last digit.
	pct := func(num, den int) float64 {
		if den == 0 {
			return 0
		}
		return 100 * float64(num) / float64(den)
	}
	fb1 := func(p, r float64) float64 {
		if p+r == 0 {
			return 0
		}
		return 2 * p * r / (p + r)
	}
	var b strings.Builder
	o := e.Overall
	fmt.Fprintf(&b, "processed %d tokens with %d phrases; found: %d phrases; correct: %d.\n", e.Tokens, o.Gold, o.Guessed, o.Correct)
	if e.Tokens > 0 {
		p, r := pct(o.Correct, o.Guessed), pct(o.Correct, o.Gold)
		fmt.Fprintf(&b, "accuracy: %6.2f%%; precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n", pct(e.CorrectTags, e.Tokens), p, r, fb1(p, r))
	}
	for _, t := range e.Types {
		p, r := pct(t.Correct, t.Guessed), pct(t.Correct, t.Gold)
		// Perl's %17s pads by bytes, not by characters.
		line := strings.Repeat(" ", max(0, 17-len(t.Type))) + t.Type +
			fmt.Sprintf(": precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %d\n", p, r, fb1(p, r), t.Guessed)
		b.WriteString(line)
		// The script drops repeated type names from its sorted key lists
		// with a test that is false for the empty name, so a chunk type ""
		// (from untyped tags such as a bare B) prints once per list it is
		// in: twice when both gold and guessed chunks have it.
		if t.Type == "" && t.Gold > 0 && t.Guessed > 0 {
			b.WriteString(line)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Documents turns the file into one pseudo-document per sentence, so that
// every scheme can score it: the text is the sentence's words joined by single
// spaces ("_" stands for a missing word column), and the gold and predicted
// mentions are the chunks of the gold and guessed tags, found with
// conlleval.pl's startOfChunk and endOfChunk. Sentences end at boundaries and
// at -DOCSTART- lines; empty sentences are dropped. A document's id is
// "<file name>:<line of its first token>".
//
// On tags of the form O or X-TYPE (X one of B, I, E, S), strict scoring of the
// documents counts exactly conlleval.pl's gold, guessed and correct chunks.
// They can differ only on exotic tags conlleval.pl gives no chunk rules for
// (untyped or bracket tags, or a -DOCSTART- line tagged other than O).
func (f *ConllFile) Documents() []Doc {
	var docs []Doc
	var sent []ConllItem
	flush := func() {
		if len(sent) > 0 {
			docs = append(docs, conllDoc(f.Name, sent))
		}
		sent = sent[:0]
	}
	for _, it := range f.Items {
		if it.Boundary || it.Word == conllDocStart {
			flush()
			continue
		}
		sent = append(sent, it)
	}
	flush()
	return docs
}

func conllDoc(name string, sent []ConllItem) Doc {
	starts := make([]int, len(sent))
	ends := make([]int, len(sent))
	var b strings.Builder
	for i, it := range sent {
		if i > 0 {
			b.WriteByte(' ')
		}
		w := it.Word
		if w == "" {
			w = "_"
		}
		starts[i] = b.Len()
		b.WriteString(w)
		ends[i] = b.Len()
	}
	text := b.String()
	mentions := func(tag func(ConllItem) string) []corpus.Mention {
		var ms []corpus.Mention
		for _, c := range conllChunks(sent, tag) {
			s, e := starts[c.first], ends[c.last]
			ms = append(ms, corpus.Mention{Start: s, End: e, Type: c.typ, Text: text[s:e]})
		}
		return ms
	}
	id := fmt.Sprintf("%d", sent[0].Line)
	if name != "" {
		id = name + ":" + id
	}
	return Doc{
		ID:   id,
		Text: text,
		Gold: mentions(func(it ConllItem) string { return it.Gold }),
		Pred: mentions(func(it ConllItem) string { return it.Guess }),
	}
}

// conllChunk is a chunk of a sentence: tokens first..last inclusive.
type conllChunk struct {
	first, last int
	typ         string
}

// conllChunks finds the chunks of one tag column of a sentence. A chunk opens
// where startOfChunk says so and closes where endOfChunk says so, where the
// next chunk opens, or at the end of the sentence (a boundary is an O tag).
func conllChunks(sent []ConllItem, tag func(ConllItem) string) []conllChunk {
	var out []conllChunk
	prevTag, prevType := "O", ""
	open := -1
	openType := ""
	for i, it := range sent {
		t, typ := splitTag(tag(it))
		end := endOfChunk(prevTag, t, prevType, typ)
		start := startOfChunk(prevTag, t, prevType, typ)
		if open >= 0 && (end || start) {
			out = append(out, conllChunk{first: open, last: i - 1, typ: openType})
			open = -1
		}
		if start {
			open, openType = i, typ
		}
		prevTag, prevType = t, typ
	}
	if open >= 0 {
		out = append(out, conllChunk{first: open, last: len(sent) - 1, typ: openType})
	}
	return out
}
