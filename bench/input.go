package bench

import (
	"bytes"
	"sync"
	"unicode/utf8"

	"github.com/arabench/arabench/corpus"
)

// Input is one benchmark input: the seed corpus, or a text built from it by
// repetition. Benchmarks name it as input=<Name>. Its bytes are built on
// first use, so a -bench filter that leaves it out never pays for it, and
// then shared: callers must not modify them.
type Input struct {
	// Name is the benchmark label: "seed", "1MiB" or "64MiB".
	Name string
	// Size is the length in bytes, 0 for the seed corpus as it is.
	Size int

	once sync.Once
	data []byte
}

// Bytes returns the input text, building it on first use.
func (in *Input) Bytes() []byte {
	in.once.Do(func() {
		if in.Size == 0 {
			in.data = SeedText()
		} else {
			in.data = Repeat(SeedText(), in.Size)
		}
	})
	return in.data
}

// Large reports whether the input is too big for a -short run.
func (in *Input) Large() bool { return in.Size > 1<<20 }

var inputs = []*Input{
	{Name: "seed"},
	{Name: "1MiB", Size: 1 << 20},
	{Name: "64MiB", Size: 64 << 20},
}

// Inputs returns the shared benchmark inputs, smallest first: the seed
// corpus, and 1 MiB and 64 MiB built from it by repetition.
func Inputs() []*Input { return inputs }

// SeedText returns the seed corpus as one text: its documents in id order,
// joined by newlines (the documents do not end in one, and joining them bare
// would glue the last word of one to the first of the next). The caller owns
// the slice.
func SeedText() []byte {
	var b bytes.Buffer
	for i, d := range corpus.Seed().Documents {
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
