// Package syntax is what the line readers share: TrimEOL, which takes a
// line's end off, and, to report a line they refuse, Error, which names the
// file and the line, and Clip, Shorten and QuoteShort, which shorten a piece
// of the line to quote in the message, so that a message never carries a
// 10 MB line. Error is brat.SyntaxError (.ann files), spans.SyntaxError
// (JSONL spans), lexicon.SyntaxError (the name lists) and what gold's
// entities.tsv and annotation.conf readers report: one type, so that one
// errors.As finds a malformed line whichever of these files it is in.
package syntax

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Error is a malformed line of a file. It is not fatal: the reader reports
// it and goes on with the next line.
type Error struct {
	FileName string
	Line     int
	Msg      string
}

// Error formats the error as "file:line: msg".
func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d: %s", e.FileName, e.Line, e.Msg)
}

// Clip shortens s for an error message: a string of more than 60 bytes is
// cut to at most 60, before a UTF-8 continuation byte, and ends in "…".
func Clip(s string) string {
	const limit = 60
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}

// Shorten returns s cut to max code points, with "…" when it was longer.
// Each invalid byte of s counts as one code point and comes out as U+FFFD: a
// message is valid UTF-8.
func Shorten(s string, max int) string {
	if cut, longer := cutAt(s, max); longer {
		return validText(s[:cut]) + "…"
	}
	return validText(s)
}

// QuoteShort quotes s for a message (Go syntax, so invisible and invalid
// bytes show), cut after 40 code points with "…".
func QuoteShort(s string) string {
	if cut, longer := cutAt(s, 40); longer {
		return fmt.Sprintf("%q…", s[:cut])
	}
	return fmt.Sprintf("%q", s)
}

// cutAt returns the byte offset of s after max code points, and whether s
// goes on after it.
func cutAt(s string, max int) (cut int, longer bool) {
	n := 0
	for i := range s {
		if n == max {
			return i, true
		}
		n++
	}
	return len(s), false
}

// validText returns s with each invalid byte replaced by U+FFFD.
func validText(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s { // an invalid byte ranges as one U+FFFD
		b.WriteRune(r)
	}
	return b.String()
}

// TrimEOL removes the line terminator, "\n" or "\r\n".
func TrimEOL(line string) string {
	line = strings.TrimSuffix(line, "\n")
	return strings.TrimSuffix(line, "\r")
}
