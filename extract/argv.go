package extract

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// splitArgs splits a command line into arguments with the quoting of a POSIX
// shell and nothing else (no variables, globs, pipes or redirections):
// unquoted spaces, tabs and newlines separate arguments; 'single quotes' keep
// everything literally; "double quotes" keep everything but \" \\ \$ and \`,
// where the backslash escapes the next character; outside quotes a backslash
// escapes any character. Quotes join with the text around them, so a'b'"c" is
// the one argument abc, and a pair of quotes with nothing inside is an empty
// argument.
func splitArgs(s string) ([]string, error) {
	var (
		args   []string
		cur    strings.Builder
		inWord bool
	)
	for i := 0; i < len(s); {
		switch c := s[i]; c {
		case ' ', '\t', '\n', '\r':
			if inWord {
				args = append(args, cur.String())
				cur.Reset()
				inWord = false
			}
			i++
		case '\\':
			if i+1 == len(s) {
				return nil, fmt.Errorf("backslash at the end of %q escapes nothing", s)
			}
			_, size := utf8.DecodeRuneInString(s[i+1:])
			cur.WriteString(s[i+1 : i+1+size])
			inWord = true
			i += 1 + size
		case '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("single quote at byte %d of %q is never closed", i, s)
			}
			cur.WriteString(s[i+1 : i+1+j])
			inWord = true
			i += j + 2
		case '"':
			open := i
			inWord = true
			for i++; ; i++ {
				if i == len(s) {
					return nil, fmt.Errorf("double quote at byte %d of %q is never closed", open, s)
				}
				if s[i] == '"' {
					i++
					break
				}
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\"\\$`", s[i+1]) >= 0 {
					i++
				}
				cur.WriteByte(s[i])
			}
		default:
			cur.WriteByte(c)
			inWord = true
			i++
		}
	}
	if inWord {
		args = append(args, cur.String())
	}
	return args, nil
}
