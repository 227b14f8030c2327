package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/arabench/arabench/tokenize"
)

func init() {
	commands["tokenize"] = command{summary: "tokenize stdin to stdout, one token per line", run: runTokenize}
}

func runTokenize(_ context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("tokenize", flag.ContinueOnError)
	offsets := fs.Bool("offsets", false, "print each token as start<TAB>end<TAB>kind<TAB>text, offsets in code points from the start of the input")
	maxToken := sizeFlag{n: tokenize.DefaultMaxTokenSize, min: 1, max: min(1<<40, math.MaxInt)}
	fs.Var(&maxToken, "max-token", "the longest token accepted: `SIZE` in bytes, or with a suffix KiB, MiB, GiB; a longer token is an error. Memory use stays under about 3×SIZE")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: arabench tokenize [--offsets] [--max-token SIZE] < in.txt > tokens.tsv")
		fmt.Fprintln(fs.Output(), "Reads UTF-8 text on stdin in memory bounded by the longest token, in time linear in the input,")
		fmt.Fprintln(fs.Output(), "and writes one token per line: kind<TAB>text.")
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return usageError(e, "tokenize", fmt.Sprintf("unexpected argument %q: input comes from stdin", fs.Arg(0)))
	}
	w := bufio.NewWriterSize(e.stdout, 64<<10)
	s := tokenize.NewScanner(e.stdin)
	s.SetMaxTokenSize(maxToken.n)
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
