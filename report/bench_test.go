package report

import (
	"io"
	"testing"

	"github.com/arabench/arabench/signature"
)

// BenchmarkReport measures the two steps of `arabench report` on the
// synthetic run of 2,000 documents of the browser test: scoring and laying
// out (Build), and writing the HTML (Write).
func BenchmarkReport(b *testing.B) {
	c, g, sys := synthetic(b, 2000)
	opts := Options{Signature: signature.Signature{Corpus: c.Name}}
	b.Run("step=build/docs=2000", func(b *testing.B) {
		for b.Loop() {
			if _, err := Build(c, g, []System{sys}, opts); err != nil {
				b.Fatal(err)
			}
		}
	})
	r, err := Build(c, g, []System{sys}, opts)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("step=write/docs=2000", func(b *testing.B) {
		w := &countWriter{}
		for b.Loop() {
			if err := r.Write(w); err != nil {
				b.Fatal(err)
			}
		}
		b.SetBytes(w.n / int64(b.N))
	})
}

type countWriter struct{ n int64 }

func (w *countWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

var _ io.Writer = (*countWriter)(nil)
