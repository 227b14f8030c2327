package bench

import (
	"bytes"
	"math/rand/v2"
	"sync"
	"unicode/utf8"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/dataset"
)

// Input is one benchmark input: the seed corpus, a text built from it by
// repetition or from its words in random order, or the text of the ANERcorp
// test split. Benchmarks name it as
// input=<Name>. Its bytes are built on first use, so a -bench filter that
// leaves it out never pays for it, and then shared: callers must not modify
// them.
type Input struct {
	// Name is the benchmark label: "seed", "1MiB", "64MiB", "anercorp" or
	// "shuffled".
	Name string
	// Size is the length in bytes of a text built by repetition, 0 for a
	// text used as its source returns it.
	Size int

	text func() ([]byte, error) // the text, or the text repeated
	once sync.Once
	data []byte
	err  error
}

// Text returns the input text, building it on first use.
func (in *Input) Text() ([]byte, error) {
	in.once.Do(func() {
		in.data, in.err = in.text()
		if in.err == nil && in.Size > 0 {
			in.data = Repeat(in.data, in.Size)
		}
	})
	return in.data, in.err
}

// Large reports whether the input is too big for a -short run.
func (in *Input) Large() bool { return in.Size > 1<<20 }

var inputs = []*Input{
	{Name: "seed", text: seedText},
	{Name: "1MiB", Size: 1 << 20, text: seedText},
	{Name: "64MiB", Size: 64 << 20, text: seedText},
	{Name: "anercorp", text: AnercorpText},
	{Name: "shuffled", text: func() ([]byte, error) { return Shuffled(SeedText(), 1<<20), nil }},
}

func seedText() ([]byte, error) { return SeedText(), nil }

// Shuffled returns exactly size bytes of the words of text (as bytes.Fields
// splits them) in an order drawn at random with a fixed seed, so the same
// bytes every time: one in fifteen joined by a newline, the others by a
// space, until the next word drawn does not fit, then padded with newlines
// to size (all newlines when text has no words). Nothing in it repeats but
// the words themselves.
func Shuffled(text []byte, size int) []byte {
	words := bytes.Fields(text)
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]byte, 0, size)
	for len(words) > 0 {
		w := words[rng.IntN(len(words))]
		if len(out)+1+len(w) > size {
			break
		}
		if len(out) > 0 {
			sep := byte(' ')
			if rng.IntN(15) == 0 {
				sep = '\n'
			}
			out = append(out, sep)
		}
		out = append(out, w...)
	}
	for len(out) < size {
		out = append(out, '\n')
	}
	return out
}

// Inputs returns the shared benchmark inputs: the seed corpus, 1 MiB and
// 64 MiB built from it by repetition, the ANERcorp test split's text, and
// 1 MiB of the seed corpus's words in random order (input=shuffled).
//
// The repeated inputs come back to the same 42 KiB every 42 KiB, and a
// processor's branch predictor learns much of that: code that branches on
// where words end measures faster there than on text that does not repeat,
// and so does utf8.Valid (bench/README.md). The ANERcorp text, 0.24 MB of
// news in which no KiB comes twice, and the shuffled words, the same words
// as the 1 MiB input in an order that does not repeat, are the check.
func Inputs() []*Input { return inputs }

// AnercorpText returns the text of the ANERcorp test split built into
// arabench (dataset anercorp): its documents, 925 sentences whose tokens are
// joined by spaces, in id order, joined by newlines. The caller owns the
// slice.
func AnercorpText() ([]byte, error) {
	set, err := dataset.Load("anercorp")
	if err != nil {
		return nil, err
	}
	return joinDocuments(set.Corpus.Documents), nil
}

// SeedText returns the seed corpus as one text: its documents in id order,
// joined by newlines (the documents do not end in one, and joining them bare
// would glue the last word of one to the first of the next). The caller owns
// the slice.
func SeedText() []byte { return joinDocuments(corpus.Seed().Documents) }

// joinDocuments returns the texts of docs joined by newlines.
func joinDocuments(docs []corpus.Document) []byte {
	var b bytes.Buffer
	for i, d := range docs {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.Text)
	}
	return b.Bytes()
}

// Repeat returns exactly size bytes of valid UTF-8: copies of text joined by
// newlines, the last one cut at a rune boundary and padded with newlines.
func Repeat(text []byte, size int) []byte {
	out := make([]byte, 0, size)
	for len(out) < size {
		if len(out) > 0 {
			out = append(out, '\n')
		}
		room := size - len(out)
		if room >= len(text) {
			out = append(out, text...)
			continue
		}
		cut := room
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		out = append(out, text[:cut]...)
		for len(out) < size {
			out = append(out, '\n')
		}
	}
	return out[:size]
}
