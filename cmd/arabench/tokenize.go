package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/arabench/arabench/tokenize"
)

func init() {
	commands["tokenize"] = command{summary: "tokenize stdin to stdout, one token per line", run: runTokenize}
}

func runTokenize(_ context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("tokenize", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	offsets := fs.Bool("offsets", false, "print each token as start<TAB>end<TAB>kind<TAB>text, offsets in code points from the start of the input")
	maxToken := byteSize(tokenize.DefaultMaxTokenSize)
	fs.Var(&maxToken, "max-token", "the longest token accepted: `SIZE` in bytes, or with a suffix KiB, MiB, GiB; a longer token is an error. Memory use stays under about 3×SIZE")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: arabench tokenize [--offsets] [--max-token SIZE] < in.txt > tokens.tsv")
		fmt.Fprintln(e.stderr, "Reads UTF-8 text on stdin in memory bounded by the longest token, in time linear in the input,")
		fmt.Fprintln(e.stderr, "and writes one token per line: kind<TAB>text.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return exitUsage
	}
	w := bufio.NewWriterSize(e.stdout, 64<<10)
	s := tokenize.NewScanner(e.stdin)
	s.SetMaxTokenSize(int(maxToken))
	var line []byte
	for s.Scan() {
		line = line[:0]
		if *offsets {
			start, end := s.RuneSpan()
			line = strconv.AppendInt(line, int64(start), 10)
			line = append(line, '\t')
			line = strconv.AppendInt(line, int64(end), 10)
			line = append(line, '\t')
		}
		line = append(line, s.Token().Kind.String()...)
		line = append(line, '\t')
		text := s.Text()
		if !utf8.Valid(text) {
			line = appendValidUTF8(line, text)
			text = nil
		}
		// A long token goes out as it is, not copied into line. Errors of
		// a bufio.Writer stick: the last write reports any of them.
		w.Write(line)
		w.Write(text)
		if err := w.WriteByte('\n'); err != nil {
			fmt.Fprintf(e.stderr, "arabench tokenize: writing output: %v\n", err)
			return exitFailed
		}
	}
	// The tokens before a failed read or a token too long are written.
	if err := w.Flush(); err != nil {
		fmt.Fprintf(e.stderr, "arabench tokenize: writing output: %v\n", err)
		return exitFailed
	}
	if err := s.Err(); err != nil {
		if errors.Is(err, tokenize.ErrTokenTooLong) {
			fmt.Fprintf(e.stderr, "arabench tokenize: stdin: %v (%s); --max-token raises it\n", err, maxToken.String())
		} else {
			fmt.Fprintf(e.stderr, "arabench tokenize: reading stdin: %v\n", err)
		}
		return exitFailed
	}
	return exitOK
}

// appendValidUTF8 appends text to dst with every invalid UTF-8 byte written
// as U+FFFD, so the output is always UTF-8: the tokenizer makes a Symbol token
// of each invalid byte of the input, and such a token's offsets still count
// it as one code point.
func appendValidUTF8(dst, text []byte) []byte {
	if utf8.Valid(text) {
		return append(dst, text...)
	}
	for len(text) > 0 {
		r, size := utf8.DecodeRune(text)
		dst = utf8.AppendRune(dst, r)
		text = text[size:]
	}
	return dst
}

// byteSize is a flag value: a number of bytes, written plain or with a
// binary suffix (512KiB, 64MiB, 1GiB).
type byteSize int

// maxByteSize bounds a byteSize: 1 TiB, or what an int holds.
const maxByteSize = min(1<<40, math.MaxInt)

var sizeUnits = []struct {
	suffix string
	n      int64
}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}}

func (b *byteSize) String() string {
	for _, u := range sizeUnits {
		if *b != 0 && int64(*b)%u.n == 0 {
			return strconv.FormatInt(int64(*b)/u.n, 10) + u.suffix
		}
	}
	return strconv.Itoa(int(*b))
}

func (b *byteSize) Set(s string) error {
	num, unit := s, int64(1)
	for _, u := range sizeUnits {
		if n, ok := strings.CutSuffix(s, u.suffix); ok {
			num, unit = n, u.n
			break
		}
	}
	v, err := strconv.ParseInt(num, 10, 64)
	if err != nil || v <= 0 || v > maxByteSize/unit {
		return fmt.Errorf("%q is not a size from 1 byte to 1TiB, such as 65536, 512KiB or 64MiB", s)
	}
	*b = byteSize(v * unit)
	return nil
}
