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

// --max-token bounds the token the command holds in memory: a longer one is
// an error that names its offset, the limit and the flag, after the tokens
// before it are written.
func TestTokenizeMaxToken(t *testing.T) {
	long := strings.Repeat("ب", 600) // 1200 bytes
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"the default holds it", nil, exitOK, "ARABIC\tأ\nARABIC\t" + long + "\nARABIC\tج\n", ""},
		{"a limit above its length", []string{"--max-token", "1200"}, exitOK, "ARABIC\tأ\nARABIC\t" + long + "\nARABIC\tج\n", ""},
		{"a limit below its length", []string{"--max-token", "1KiB"}, exitFailed, "ARABIC\tأ\n",
			"arabench tokenize: stdin: tokenize: token too long: the token at byte 3 is longer than 1024 bytes, the maximum token size (1KiB); --max-token raises it\n"},
		{"zero is refused", []string{"--max-token", "0"}, exitUsage, "", `invalid value "0" for flag -max-token`},
		{"a size needs a number", []string{"--max-token", "MiB"}, exitUsage, "", `"MiB" is not a size such as`},
		{"past 1 TiB is refused", []string{"--max-token", "2048GiB"}, exitUsage, "", `2048GiB is outside 1 to 1024GiB`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runCLI(t, "أ "+long+" ج", append([]string{"tokenize"}, tc.args...)...)
			assert.Equal(t, tc.code, code)
			assert.Equal(t, tc.stdout, out)
			if tc.stderr == "" {
				assert.Empty(t, errs)
			} else {
				assert.Contains(t, errs, tc.stderr)
			}
		})
	}
}

func TestMaxTokenSizeFlag(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
		show string
	}{
		{"65536", 65536, "64KiB"}, {"1000", 1000, "1000"}, {"512KiB", 512 << 10, "512KiB"},
		{"64MiB", 64 << 20, "64MiB"}, {"1GiB", 1 << 30, "1GiB"}, {"1536MiB", 1536 << 20, "1536MiB"},
	} {
		b := sizeFlag{min: 1, max: 1 << 40}
		assert.NoError(t, b.Set(tc.in), tc.in)
		assert.Equal(t, tc.want, b.n, tc.in)
		assert.Equal(t, tc.show, b.String(), tc.in)
	}
	for _, bad := range []string{"", "-1", "0KiB", "1.5MiB", "64mb", "1025GiB"} {
		b := sizeFlag{min: 1, max: 1 << 40}
		assert.Error(t, b.Set(bad), "%q", bad)
	}
}

func TestUnknownCommand(t *testing.T) {
	code, _, errs := runCLI(t, "", "frobnicate")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, `unknown command "frobnicate"`)
}
