package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb}, args)
	return code, out.String(), errb.String()
}

func TestTokenizeCommand(t *testing.T) {
	code, out, _ := runCLI(t, "في موسكو (2001)", "tokenize", "--offsets")
	assert.Equal(t, exitOK, code)
	assert.Equal(t, "0\t2\tARABIC\tفي\n3\t8\tARABIC\tموسكو\n9\t10\tPUNCT\t(\n10\t14\tNUM\t2001\n14\t15\tPUNCT\t)\n", out)

	code, out, _ = runCLI(t, "كيري-لافروف", "tokenize")
	assert.Equal(t, exitOK, code)
	assert.Equal(t, "ARABIC\tكيري\nPUNCT\t-\nARABIC\tلافروف\n", out)

	// Each invalid byte is a SYM token of one code point; its text is written
	// as U+FFFD so the output is UTF-8. "\xd8" is a cut-off Arabic letter and
	// "\xe2\x82" a cut-off euro sign: two invalid bytes, two tokens.
	code, out, _ = runCLI(t, "a\xffب\xd8 x\xe2\x82", "tokenize", "--offsets")
	assert.Equal(t, exitOK, code)
	assert.Equal(t, "0\t1\tLATIN\ta\n1\t2\tSYM\t\uFFFD\n2\t3\tARABIC\tب\n3\t4\tSYM\t\uFFFD\n"+
		"5\t6\tLATIN\tx\n6\t7\tSYM\t\uFFFD\n7\t8\tSYM\t\uFFFD\n", out)
	assert.True(t, utf8.ValidString(out), "the output is always UTF-8")

	code, _, errs := runCLI(t, "", "tokenize", "extra")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, `arabench tokenize: unexpected argument "extra": input comes from stdin`)
}

func TestUnknownCommand(t *testing.T) {
	code, _, errs := runCLI(t, "", "frobnicate")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, `unknown command "frobnicate"`)
}
