// Package syntax is what the line readers of gold files share: TrimEOL,
// which takes a line's end off, and, to report a line they refuse, Error,
// which names the file and the line, and Clip, which shortens a piece of the
// line to quote in the message. Error is brat.SyntaxError (.ann files, and
// package gold's entities.tsv and annotation.conf) and spans.SyntaxError
// (JSONL spans): one type, so that one errors.As finds a malformed line
// whichever of these files it is in.
package syntax

import (
	"fmt"
	"strings"
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

// TrimEOL removes the line terminator, "\n" or "\r\n".
func TrimEOL(line string) string {
	line = strings.TrimSuffix(line, "\n")
	return strings.TrimSuffix(line, "\r")
}
