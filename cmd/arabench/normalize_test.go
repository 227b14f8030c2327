package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runCmd(t *testing.T, stdin io.Reader, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), &env{stdin: stdin, stdout: &out, stderr: &errOut}, args)
	return code, out.String(), errOut.String()
}

func TestNormalizeCommand(t *testing.T) {
	cases := []struct {
		name, in string
		args     []string
		want     string
	}{
		{"the default preset is search", "أحمدُ  قالَ، ١٢\n", nil, "احمد قال, 12\n"},
		{"lucene keeps punctuation, digits and white space", "أحمدُ  قالَ، ١٢\n", []string{"--preset", "lucene"}, "احمد  قال، ١٢\n"},
		{"light only removes invisible noise", "كـتـاب\u200B َ", []string{"--preset=light"}, "كتاب َ"},
		{"camel applies NFKC", "ﻻ ＡＢＣ", []string{"--preset", "camel"}, "لا ABC"},
		{"invalid bytes become U+FFFD", "\xffب", nil, "\uFFFDب"},
		{"empty input gives empty output", "", nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, strings.NewReader(c.in), append([]string{"normalize"}, c.args...)...)
			require.Equal(t, exitOK, code, errOut)
			assert.Equal(t, c.want, out)
		})
	}
}

func TestNormalizeCommandUsage(t *testing.T) {
	code, _, errOut := runCmd(t, strings.NewReader(""), "normalize", "--preset", "nfkc")
	assert.Equal(t, exitUsage, code, "an unknown preset is bad usage")
	assert.Contains(t, errOut, "camel, light, lucene, search", "the error lists the presets")

	code, _, _ = runCmd(t, strings.NewReader(""), "normalize", "file.txt")
	assert.Equal(t, exitUsage, code, "input comes from stdin, not arguments")

	code, out, errOut := runCmd(t, strings.NewReader(""), "normalize", "-h")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "-preset", "help goes to standard output")
	assert.Empty(t, errOut)

	code, out, _ = runCmd(t, strings.NewReader(""), "normalize", "--list")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "lucene\tLucene ArabicNormalizer")
	assert.Contains(t, out, "rules: harakat|tatweel|alef-hamza|alef-maqsura|teh-marbuta")
}

// repeatReader yields n bytes of a pattern without holding them.
type repeatReader struct {
	pattern []byte
	pos, n  int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, io.EOF
	}
	k := 0
	for k < len(p) && r.n > 0 {
		c := copy(p[k:min(len(p), k+r.n)], r.pattern[r.pos:])
		r.pos = (r.pos + c) % len(r.pattern)
		k += c
		r.n -= c
	}
	return k, nil
}

type countWriter struct{ n int64 }

func (w *countWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// The command streams: 8 MiB go through in far less memory than that.
func TestNormalizeCommandStreams(t *testing.T) {
	word := []byte("المدرسةُ ")
	const size = 8 << 20
	in := &repeatReader{pattern: word, n: size - size%len(word)}
	out := &countWriter{}
	// A first run builds what every run shares (the preset's tables) once.
	warm := &env{stdin: strings.NewReader(string(word)), stdout: io.Discard, stderr: io.Discard}
	require.Equal(t, exitOK, run(context.Background(), warm, []string{"normalize"}))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	code := run(context.Background(), &env{stdin: in, stdout: out, stderr: io.Discard}, []string{"normalize"})
	runtime.ReadMemStats(&after)
	require.Equal(t, exitOK, code)
	// Each word loses its damma (2 bytes); teh marbuta becomes heh (same size).
	assert.Equal(t, int64(size-size%len(word))/int64(len(word))*int64(len(word)-2), out.n)
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(1<<20), "bytes allocated while streaming 8 MiB")
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestNormalizeCommandErrors(t *testing.T) {
	var errOut bytes.Buffer
	big := strings.NewReader(strings.Repeat("ب", 100000))
	code := run(context.Background(), &env{stdin: big, stdout: failingWriter{}, stderr: &errOut}, []string{"normalize"})
	assert.Equal(t, exitFailed, code)
	assert.Contains(t, errOut.String(), "writing output: disk full")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	errOut.Reset()
	code = run(ctx, &env{stdin: strings.NewReader("ب"), stdout: io.Discard, stderr: &errOut}, []string{"normalize"})
	assert.Equal(t, exitFailed, code)
	assert.Contains(t, errOut.String(), "reading stdin: context canceled")
}
