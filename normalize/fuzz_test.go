package normalize

import (
	"bytes"
	"testing"
	"unicode/utf8"
)

// FuzzNormalize checks, for every preset, that normalization never panics,
// writes valid UTF-8, is idempotent, records one offset per output byte that
// never decreases and stays inside the source, and gives the same text
// through AppendNormalized, AppendNormalizedOffsets, Transform fed in small
// pieces, and Span.
func FuzzNormalize(f *testing.F) {
	for _, s := range tricky {
		f.Add([]byte(s))
	}
	seed := seedText()
	for i := 0; i+400 <= len(seed); i += 9000 {
		f.Add(seed[i : i+400])
	}
	ns := allPresets(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, n := range ns {
			out := n.AppendNormalized(nil, src)
			if !utf8.Valid(out) {
				t.Fatalf("%s: invalid UTF-8 out of %q: %q", n.Name(), src, out)
			}
			if again := n.AppendNormalized(nil, out); !bytes.Equal(again, out) {
				t.Fatalf("%s: not idempotent on %q: %q then %q", n.Name(), src, out, again)
			}
			out2, offs := n.AppendNormalizedOffsets(nil, nil, src)
			if !bytes.Equal(out2, out) {
				t.Fatalf("%s: offsets variant writes %q, plain one %q", n.Name(), out2, out)
			}
			checkOffsets(t, n.Name(), src, out2, offs)
			chunk := 1 + len(src)%7
			if got := transformChunks(t, n, src, 1+len(src)%5, chunk); !bytes.Equal(got, out) {
				t.Fatalf("%s: Transform in chunks of %d writes %q, AppendNormalized %q", n.Name(), chunk, got, out)
			}
			checkSpan(t, n, src)
		}
	})
}
