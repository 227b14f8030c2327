package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

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

	code, _, errs := runCLI(t, "", "tokenize", "extra")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "usage: arabench tokenize")
}

func TestUnknownCommand(t *testing.T) {
	code, _, errs := runCLI(t, "", "frobnicate")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, `unknown command "frobnicate"`)
}
