package main

import (
	"runtime/debug"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHelpOfEveryCommandGoesToStdout(t *testing.T) {
	calls := [][]string{{"-h"}, {"--help"}, {"help"}}
	for _, name := range commandNames() {
		calls = append(calls, []string{name, "-h"}, []string{name, "--help"}, []string{"help", name})
	}
	calls = append(calls, []string{"gold", "check", "-h"}, []string{"bench", "compare", "--help"}, []string{"bench", "min-runs", "-h"})
	for _, args := range calls {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, out, errs := runCLI(t, "", args...)
			assert.Equal(t, exitOK, code)
			assert.Contains(t, out, "usage: arabench")
			assert.Empty(t, errs)
		})
	}
}

func TestUsageErrorsSayWhatWasWrong(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no command", nil, "arabench: missing command"},
		{"one run file", []string{"compare", "a.json"}, "arabench compare: want two run files, OLD.json NEW.json, got 1: a.json"},
		{"an argument eval does not take", []string{"eval", "extra-arg"}, `arabench eval: unexpected argument "extra-arg": eval takes flags only`},
		{"predictions and a conlleval file", []string{"score", "--pred", "a", "--conlleval", "b"}, "arabench score: --pred and --conlleval: give one of them"},
		{"nothing to score", []string{"score"}, "arabench score: nothing to score"},
		{"an unknown flag", []string{"eval", "--nope"}, "arabench eval: flag provided but not defined: -nope\nRun 'arabench help eval' for its flags."},
		{"help for no such command", []string{"help", "frob"}, `arabench help: want one command, one of bench, cache, compare, eval, gold, merge, normalize, report, score, tokenize, version; got "frob"`},
		{"a dataset and a gold", []string{"eval", "--dataset", "seed", "--gold", "x"}, "arabench eval: --dataset seed and --gold x: give one of them"},
		{"an unknown dataset", []string{"score", "--dataset", "conll2003", "--pred", "x"}, `arabench score: --dataset: unknown dataset "conll2003" (built in: [anercorp seed])`},
		{"a bad map", []string{"score", "--map", "PERS", "--pred", "x"}, `arabench score: --map "PERS": want FROM=TO (TO empty to drop FROM)`},
		{"a bad tagging", []string{"score", "--tagging", "bio", "--pred", "x"}, `arabench score: --tagging: unknown tagging "bio"`},
		{"an unknown normalization", []string{"score", "--norm", "nfkc", "--pred", "x"}, `arabench score: --norm: unknown preset "nfkc"`},
		{"a version argument", []string{"version", "2"}, `arabench version: unexpected argument "2"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runCLI(t, "", tc.args...)
			assert.Equal(t, exitUsage, code)
			assert.Empty(t, out)
			assert.Contains(t, errs, tc.want)
			assert.Empty(t, repeatedPrefix(errs), "no prefix said twice")
		})
	}
}

// repeatedPrefix returns the first word of s that is followed by ": " and
// then by itself and ": " again ("normalize: normalize:"), or "".
func repeatedPrefix(s string) string {
	for _, line := range strings.Split(s, "\n") {
		parts := strings.Split(line, ": ")
		for i := 1; i < len(parts)-1; i++ {
			prev := strings.Fields(parts[i-1])
			if len(prev) > 0 && prev[len(prev)-1] == parts[i] {
				return parts[i]
			}
		}
	}
	return ""
}

func TestNoRepeatedPrefixes(t *testing.T) {
	assert.Equal(t, "normalize", repeatedPrefix("arabench normalize: normalize: unknown preset"))
	code, _, errs := runCLI(t, "", "normalize", "--preset", "nfkc")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, `arabench normalize: --preset: unknown preset "nfkc"`)
	assert.NotContains(t, errs, "normalize: normalize:")
}

func TestVersion(t *testing.T) {
	code, out, errs := runCLI(t, "", "version")
	require.Equal(t, exitOK, code, errs)
	assert.True(t, strings.HasPrefix(out, "arabench "), out)
	assert.Contains(t, out, "\ngo go1.")

	info := &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Path: "github.com/arabench/arabench", Version: "v0.3.0"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123abcd"}, {Key: "vcs.time", Value: "2026-01-02T03:04:05Z"}, {Key: "vcs.modified", Value: "true"}}}
	assert.Equal(t, "arabench v0.3.0 (github.com/arabench/arabench)\nrevision 0123abcd+dirty (2026-01-02T03:04:05Z)\ngo go1.26.0\n", versionText(info))
}

func TestEvalOnATokenFile(t *testing.T) {
	// The extractors run on the text rebuilt from the tokens: the gazetteer
	// knows بوتين and موسكو and واشنطن, and the gold has them as PER, LOC
	// and LOC.
	gold := writeFile(t, "g.conll", goldCoNLL(false, "\n", " "))
	code, out, errs := runCLI(t, "", "eval", "--gold", gold, "--extractor", "gazetteer", "--scheme", "strict", "--format", "json")
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, `"notes": [`+"\n"+`        "linking and values not scored: the gold has no entity links and no values"`)
	assert.NotContains(t, out, `"linking"`, "no linking section on a gold without links")
	assert.Contains(t, out, `"declared_types": [`)

	code, out, errs = runCLI(t, "", "gold", "check", gold)
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "│ document │ PER │ ORG │ LOC │ DATE │ NUM │ links │ values │", "types of the guidelines only: their five columns")
	assert.Contains(t, out, "gold ok: 2 documents, 4 mentions, 0 links, 0 values")
}
