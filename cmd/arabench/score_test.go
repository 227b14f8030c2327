package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/gold"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/runfile"
	"github.com/arabench/arabench/signature"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const doc0 = "000_54e2bb75203d1eb2"

// writeFile writes content to name in a fresh temporary folder.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	return p
}

// goldJSONL renders the embedded gold as predictions JSONL.
func goldJSONL(t *testing.T) string {
	t.Helper()
	g, err := gold.Seed()
	require.NoError(t, err)
	c := corpus.Seed()
	preds := map[string][]corpus.Mention{}
	for _, d := range c.Documents {
		preds[d.ID] = g.Mentions(d.ID)
	}
	run, err := runfile.NewRun("gold", "", c, preds, metrics.Evaluate(nil, metrics.Options{}), signature.Signature{})
	require.NoError(t, err)
	var b strings.Builder
	for _, rd := range run.Predictions {
		b.WriteString(`{"doc":"` + rd.Doc + `","mentions":[`)
		for i, m := range rd.Mentions {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(`{"start":` + itoa(m.Start) + `,"end":` + itoa(m.End) + `,"type":"` + m.Type + `"}`)
		}
		b.WriteString("]}\n")
	}
	return b.String()
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestScoreGoldAgainstItselfIsPerfect(t *testing.T) {
	pred := writeFile(t, "gold.jsonl", goldJSONL(t))
	code, out, errs := runCLI(t, "", "score", "--pred", pred, "--scheme", "strict,exact,type,partial,clitic")
	require.Equal(t, exitOK, code, errs)
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "│") && strings.Contains(line, "micro") {
			assert.Equal(t, 15, strings.Count(line, "1.0000"), line)
		}
	}
	assert.Contains(t, out, "arabench:1.0|gold:")
	assert.Contains(t, out, "|corpus:"+signature.CorpusHash(corpus.Seed().Documents)+"|norm:none|scheme:clitic|avg:micro|boot:none")
}

// withDoc0 returns the gold as predictions JSONL with the line of doc0
// replaced by line.
func withDoc0(t *testing.T, line string) string {
	t.Helper()
	lines := strings.SplitAfter(goldJSONL(t), "\n")
	require.True(t, strings.HasPrefix(lines[0], `{"doc":"`+doc0+`"`))
	lines[0] = line + "\n"
	return strings.Join(lines, "")
}

func TestScoreBadInputNamesFileLineAndDocument(t *testing.T) {
	for _, tc := range []struct {
		name, file, content, want string
		flags                     []string
	}{
		{"invalid JSON", "p.jsonl", withDoc0(t, `{"doc":`), "p.jsonl:1:", []string{"--allow-missing"}},
		{"reversed offsets", "p.jsonl", withDoc0(t, `{"doc":"`+doc0+`","mentions":[{"start":56,"end":51,"type":"LOC"}]}`), `p.jsonl:1: doc "` + doc0 + `"`, nil},
		{"offsets out of range", "p.jsonl", withDoc0(t, `{"doc":"`+doc0+`","mentions":[{"start":51,"end":99999,"type":"LOC"}]}`), "is outside the text", nil},
		{"text disagrees with the span", "p.jsonl", withDoc0(t, `{"doc":"`+doc0+`","mentions":[{"start":51,"end":56,"type":"LOC","text":"واشنطن"}]}`), `p.jsonl:1: doc "` + doc0 + `"`, nil},
		{"a label with a space", "p.jsonl", withDoc0(t, `{"doc":"`+doc0+`","mentions":[{"start":51,"end":56,"type":"B LOC"}]}`), `type "B LOC" holds a space`, nil},
		{"CoNLL tokens that do not align", "p.conll", "-DOCSTART- " + doc0 + "\nفي O\nواشنطن B-LOC\n", "p.conll:3:", []string{"--allow-missing"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pred := writeFile(t, tc.file, tc.content)
			code, out, errs := runCLI(t, "", append([]string{"score", "--pred", pred}, tc.flags...)...)
			assert.Equal(t, exitUsage, code)
			assert.Contains(t, errs, tc.want)
			assert.Contains(t, out, "arabench:1.0|", "the scores of what could be read are still printed")
		})
	}
}

func TestScoreBratFolder(t *testing.T) {
	code, out, errs := runCLI(t, "", "score", "--pred", filepath.Join("..", "..", "gold", "iaa", "b"), "--scheme", "strict")
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "│           │ micro │     525 │   1.0000 │   1.0000 │    1.0000 │")
}

func TestScoreConlleval(t *testing.T) {
	// Two sentences; the stray I-LOC opens a chunk as conlleval does.
	// Gold chunks: PER(بوتين) LOC(موسكو) LOC(واشنطن) = 3; guessed: PER(بوتين)
	// LOC(موسكو) = 2, both correct. P = 2/2, R = 2/3, F1 = 2·1·0.6667/1.6667 = 0.8.
	// Tokens 6, tags equal on 4 (موسكو and واشنطن differ): accuracy 4/6 = 66.67%.
	// These are conlleval.pl's own numbers on this input.
	in := "بوتين B-PER B-PER\nفي O O\nموسكو B-LOC I-LOC\n\nو O O\nواشنطن B-LOC O\n.\tO O\n"
	p := writeFile(t, "c.txt", strings.ReplaceAll(in, "\t", " "))
	code, out, errs := runCLI(t, "", "score", "--conlleval", p, "--scheme", "strict")
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "processed 6 tokens with 3 phrases; found: 2 phrases; correct: 2.")
	assert.Contains(t, out, "accuracy:  66.67%; precision: 100.00%; recall:  66.67%; FB1:  80.00")
	assert.Contains(t, out, "│           │ micro │       3 │   1.0000 │   0.6667 │    0.8000 │")
}

func TestScoreUsage(t *testing.T) {
	code, _, errs := runCLI(t, "", "score")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "arabench score: nothing to score: give --pred FILE|DIR, or --conlleval FILE")
	code, _, errs = runCLI(t, "", "score", "--pred", "x", "--scheme", "fuzzy")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "fuzzy")
}
