package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
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
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: arabench tokenize [--offsets] < in.txt > tokens.tsv")
		fmt.Fprintln(fs.Output(), "Reads UTF-8 text on stdin in constant memory and writes one token per line: kind<TAB>text.")
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
		line = appendValidUTF8(line, s.Text())
		line = append(line, '\n')
		if _, err := w.Write(line); err != nil {
			fmt.Fprintf(e.stderr, "arabench tokenize: writing output: %v\n", err)
			return exitFailed
		}
	}
	if err := s.Err(); err != nil {
		fmt.Fprintf(e.stderr, "arabench tokenize: reading stdin: %v\n", err)
		return exitFailed
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintf(e.stderr, "arabench tokenize: writing output: %v\n", err)
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
