package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/runfile"
	"github.com/arabench/arabench/signature"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every path below used to print a number with exit status 0, or to read
// something other than what it was given; each now fails loudly or says
// what it did.

// tinyData writes a two-document corpus and its gold, and returns the flags
// that load them. Code points: in "زار بوتين موسكو" بوتين is [4,9) and
// موسكو [10,15); in "Putin met Lavrov" Putin is [0,5) and Lavrov [10,16).
func tinyData(t *testing.T) []string {
	t.Helper()
	dir := t.TempDir()
	texts, golds := filepath.Join(dir, "texts"), filepath.Join(dir, "gold")
	require.NoError(t, os.Mkdir(texts, 0o755))
	require.NoError(t, os.Mkdir(golds, 0o755))
	for name, content := range map[string]string{
		"texts/a.txt":        "زار بوتين موسكو",
		"texts/b.txt":        "Putin met Lavrov",
		"gold/a.ann":         "T1\tPER 4 9\tبوتين\nT2\tLOC 10 15\tموسكو\n",
		"gold/b.ann":         "T1\tPER 0 5\tPutin\nT2\tPER 10 16\tLavrov\n",
		"gold/entities.tsv":  "",
		"gold/annotation.cf": "",
	} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644))
	}
	return []string{"--corpus", texts, "--gold", golds}
}

// tinyCoNLL is the gold of tinyData as CoNLL, with the PER tags renamed.
func tinyCoNLL(per string) string {
	return "-DOCSTART- a\nزار O\nبوتين B-" + per + "\nموسكو B-LOC\n\n-DOCSTART- b\nPutin B-" + per + "\nmet O\nLavrov B-" + per + "\n"
}

func TestScoreRefusesPredictionsThatDoNotCoverTheCorpus(t *testing.T) {
	lines := strings.SplitAfter(strings.TrimSuffix(goldJSONL(t), "\n"), "\n")
	require.Len(t, lines, 5)
	firstThree := strings.Join(lines[:3], "")

	t.Run("missing documents are named and nothing is scored", func(t *testing.T) {
		code, out, errs := runCLI(t, "", "score", "--pred", writeFile(t, "p.jsonl", firstThree))
		assert.Equal(t, exitFailed, code)
		assert.Empty(t, out, "no score is printed")
		assert.Contains(t, errs, `p.jsonl has no predictions for 2 of the 5 documents of corpus seed-5: "003_95a347adc52f33ea", "004_88102d76cfe70e6b"`)
		assert.Contains(t, errs, "or pass --allow-missing to score them as empty")
	})
	t.Run("a document the corpus lacks is named", func(t *testing.T) {
		code, out, errs := runCLI(t, "", "score", "--pred", writeFile(t, "p.jsonl", goldJSONL(t)+`{"doc":"nope","mentions":[]}`+"\n"))
		assert.Equal(t, exitFailed, code)
		assert.Empty(t, out)
		assert.Contains(t, errs, `p.jsonl names a document that is not in corpus seed-5 (5 documents): "nope"`)
	})
	t.Run("many documents the corpus lacks: the first five and a count", func(t *testing.T) {
		var b strings.Builder
		for _, id := range strings.Fields("u00 u01 u02 u03 u04 u05 u06 u07 u08 u09 u10 u11") {
			b.WriteString(`{"doc":"` + id + `","mentions":[]}` + "\n")
		}
		code, _, errs := runCLI(t, "", "score", "--pred", writeFile(t, "p.jsonl", b.String()))
		assert.Equal(t, exitFailed, code)
		assert.Contains(t, errs, `names 12 documents that are not in corpus seed-5 (5 documents): "u00", "u01", "u02", "u03", "u04" and 7 more`)
		assert.Less(t, strings.Count(errs, "\n"), 6, "one line per kind of problem, not one per document")
	})
	t.Run("--allow-missing scores them as empty and says how many", func(t *testing.T) {
		save := filepath.Join(t.TempDir(), "run.json")
		code, out, errs := runCLI(t, "", "score", "--pred", writeFile(t, "p.jsonl", firstThree), "--allow-missing", "--scheme", "strict", "--save", save)
		require.Equal(t, exitOK, code, errs)
		assert.Contains(t, errs, `--allow-missing: scoring 2 of 5 documents as empty: "003_95a347adc52f33ea", "004_88102d76cfe70e6b"`)
		// The gold mentions of 000, 001 and 002 are found: 41 + 231 + 88 =
		// 360 of 525. R = 360/525 = 0.6857, P = 1, F1 = 2R/(1+R) = 0.8136.
		assert.Contains(t, out, "│ micro │     525 │   1.0000 │   0.6857 │    0.8136 │")
		assert.Contains(t, out, "p: 2 of 5 documents had no predictions; scores cover all 5 documents, the 2 not scored counted as empty predictions (their gold mentions missed)")
		run := readRun(t, save)
		assert.Equal(t, []string{"003_95a347adc52f33ea", "004_88102d76cfe70e6b"}, run.Coverage().Missing)
		assert.Equal(t, metrics.StatusMissing, run.Predictions[4].Status)

		code, out, errs = runCLI(t, "", "score", "--pred", writeFile(t, "p.jsonl", firstThree), "--allow-missing", "--format", "json")
		require.Equal(t, exitOK, code, errs)
		var got struct {
			Extractors []struct {
				Documents struct {
					Scored  int      `json:"scored"`
					Missing []string `json:"missing"`
					CountAs string   `json:"unscored_count_as"`
				} `json:"documents"`
			} `json:"extractors"`
		}
		require.NoError(t, json.Unmarshal([]byte(out), &got))
		require.Len(t, got.Extractors, 1)
		assert.Equal(t, 3, got.Extractors[0].Documents.Scored)
		assert.Equal(t, []string{"003_95a347adc52f33ea", "004_88102d76cfe70e6b"}, got.Extractors[0].Documents.Missing)
		assert.Equal(t, "empty predictions", got.Extractors[0].Documents.CountAs)
	})
	t.Run("a brat folder without some documents", func(t *testing.T) {
		dir := t.TempDir()
		require.NoError(t, os.WriteFile(filepath.Join(dir, doc0+".ann"), []byte("T1\tLOC 51 56\tموسكو\n"), 0o644))
		code, out, errs := runCLI(t, "", "score", "--pred", dir)
		assert.Equal(t, exitFailed, code)
		assert.Empty(t, out)
		assert.Contains(t, errs, "has no predictions for 4 of the 5 documents of corpus seed-5")
		assert.Contains(t, errs, "an empty <doc>.ann file")
	})
}

func TestScoreDocumentsReportedFailed(t *testing.T) {
	pred := writeFile(t, "p.jsonl", withDoc0(t, `{"doc":"`+doc0+`","error":"timeout"}`))
	code, out, errs := runCLI(t, "", "score", "--pred", pred, "--scheme", "strict")
	assert.Equal(t, exitFailed, code)
	assert.Contains(t, errs, `p.jsonl:1: doc "`+doc0+`": the extractor reported an error: timeout`)
	assert.Contains(t, errs, "reports failures on 1 of 5 documents (listed above); the scores count them as empty predictions")
	// The 41 gold mentions of 000 are missed: R = 484/525 = 0.9219.
	assert.Contains(t, out, "│ micro │     525 │   1.0000 │   0.9219 │")
	assert.Contains(t, out, "p: 1 of 5 documents failed; scores cover all 5 documents")
}

func TestScoreWarnsAboutLabelsTheGoldNeverUses(t *testing.T) {
	renamed := strings.ReplaceAll(goldJSONL(t), `"type":"PER"`, `"type":"PERS"`)
	code, out, errs := runCLI(t, "", "score", "--pred", writeFile(t, "p.jsonl", renamed), "--scheme", "strict,exact")
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, errs, "warning: p: predictions carry a label that the gold never uses: PERS ×115; they are scored as they are")
	assert.Contains(t, errs, "warning: p: no prediction carries the gold's label PER ×115: every such gold mention is missed")
	// Kept, not dropped: PERS is wrong under strict and right under exact.
	assert.Contains(t, out, "│           │ PER   │     115 │   0.0000 │   0.0000 │    0.0000 │")
	assert.Contains(t, out, "│           │ PERS  │       0 │   0.0000 │   0.0000 │    0.0000 │")
	assert.Contains(t, out, "│           │ micro │     525 │   0.7810 │   0.7810 │    0.7810 │  1.0000 │  1.0000 │   1.0000 │",
		"strict: 410 of 525 (every PER lost); exact: all 525")

	// The same in CoNLL: the four chunks are kept with their label.
	data := tinyData(t)
	code, out, errs = runCLI(t, "", append([]string{"score", "--pred", writeFile(t, "p.conll", tinyCoNLL("PERS")), "--scheme", "exact"}, data...)...)
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, errs, "predictions carry a label that the gold never uses: PERS ×3")
	assert.Contains(t, errs, "no prediction carries the gold's label PER ×3")
	assert.Contains(t, out, "│           │ micro │       4 │  1.0000 │  1.0000 │   1.0000 │")
}

func TestScoreReadsTheFormatFromTheContent(t *testing.T) {
	data := tinyData(t)
	jsonl := `{"doc":"a","mentions":[{"start":4,"end":9,"type":"PER"},{"start":10,"end":15,"type":"LOC"}]}` + "\n" +
		`{"doc":"b","mentions":[{"start":0,"end":5,"type":"PER"},{"start":10,"end":16,"type":"PER"}]}` + "\n"
	for _, tc := range []struct{ name, file, content string }{
		{"a CoNLL file named .txt", "p.txt", tinyCoNLL("PER")},
		{"a CoNLL file named .jsonl", "p.jsonl", tinyCoNLL("PER")},
		{"a JSONL file named .conll", "p.conll", jsonl},
		{"a JSONL file named .tsv", "p.tsv", jsonl},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runCLI(t, "", append([]string{"score", "--pred", writeFile(t, tc.file, tc.content), "--scheme", "strict"}, data...)...)
			require.Equal(t, exitOK, code, errs)
			assert.Empty(t, errs)
			assert.Contains(t, out, "│           │ micro │       4 │   1.0000 │   1.0000 │    1.0000 │")
		})
	}

	t.Run("a wrong format forced prints ten problems and a count", func(t *testing.T) {
		conll := writeFile(t, "p.txt", strings.Repeat("x O\n", 300))
		code, out, errs := runCLI(t, "", append([]string{"score", "--pred", conll, "--pred-format", "jsonl"}, data...)...)
		assert.Equal(t, exitFailed, code)
		assert.Empty(t, out)
		assert.Contains(t, errs, "p.txt:10: not JSON")
		assert.NotContains(t, errs, "p.txt:11:")
		assert.Contains(t, errs, "… and 290 more problems")
		assert.Less(t, strings.Count(errs, "\n"), 15, errs)
	})
	t.Run("one brat file instead of the folder", func(t *testing.T) {
		code, _, errs := runCLI(t, "", append([]string{"score", "--pred", writeFile(t, "a.ann", "T1\tPER 4 9\tبوتين\n")}, data...)...)
		assert.Equal(t, exitUsage, code)
		assert.Contains(t, errs, "is a brat standoff line: brat predictions are a folder of <doc>.ann files; give the folder")
	})
	t.Run("an unknown --pred-format", func(t *testing.T) {
		code, _, errs := runCLI(t, "", "score", "--pred", writeFile(t, "p.txt", jsonl), "--pred-format", "xml")
		assert.Equal(t, exitUsage, code)
		assert.Contains(t, errs, `unknown predictions format "xml" (want auto, jsonl, conll, brat, spacy, segmented, strings)`)
	})
}

// flaky is an external extractor that fails on document 001 and labels
// موسكو in 000 PERS.
const flaky = `while read -r line; do
  doc=$(printf '%s' "$line" | sed 's/^{"doc":"\([^"]*\)".*/\1/')
  case $doc in
    001_*) printf '{"doc":"%s","error":"boom"}\n' "$doc" ;;
    000_*) printf '{"doc":"%s","mentions":[{"start":51,"end":56,"type":"PERS"}]}\n' "$doc" ;;
    *) printf '{"doc":"%s","mentions":[]}\n' "$doc" ;;
  esac
done
`

func TestEvalRecordsFailedDocuments(t *testing.T) {
	save := filepath.Join(t.TempDir(), "run.json")
	code, out, errs := runCLI(t, "", "eval", "--extractor", script(t, flaky), "--save", save, "--scheme", "strict")
	assert.Equal(t, exitFailed, code)
	assert.Contains(t, errs, `doc "001_6498fe370d19e1ff": output line `)
	assert.Contains(t, errs, `the program reported an error: boom`)
	assert.Contains(t, errs, "predictions carry a label that the gold never uses: PERS ×1")
	assert.Contains(t, out, "1 of 5 documents failed; scores cover all 5 documents, the 1 not scored counted as empty predictions (their gold mentions missed)")

	run := readRun(t, save)
	cov := run.Coverage()
	assert.Equal(t, []string{"001_6498fe370d19e1ff"}, cov.Failed)
	assert.Equal(t, 4, cov.Scored)
	assert.Equal(t, metrics.StatusFailed, run.Predictions[1].Status)
	assert.Contains(t, run.Predictions[1].Error, "the program reported an error: boom")
	assert.Equal(t, metrics.StatusScored, run.Predictions[0].Status)
	assert.Equal(t, "PERS", run.Predictions[0].Mentions[0].Type, "a label outside the five is kept")
}

func TestEvalInterruptedKeepsTheSavedRun(t *testing.T) {
	save := filepath.Join(t.TempDir(), "run.json")
	require.NoError(t, os.WriteFile(save, []byte("the good run"), 0o644))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	evalCancelled := func(args ...string) (int, string) {
		var out, errb strings.Builder
		code := run(ctx, &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb}, append([]string{"eval", "--extractor", "rules", "--save", save}, args...))
		return code, errb.String()
	}
	code, errs := evalCancelled()
	assert.Equal(t, exitFailed, code)
	assert.Contains(t, errs, "interrupted: "+save+" is left as it was (5 of 5 documents never ran); pass --save-partial")
	b, err := os.ReadFile(save)
	require.NoError(t, err)
	assert.Equal(t, "the good run", string(b))

	code, errs = evalCancelled("--save-partial")
	assert.Equal(t, exitFailed, code, errs)
	r := readRun(t, save)
	assert.True(t, r.Partial)
	assert.Len(t, r.Coverage().NotRun, 5)
	assert.Contains(t, r.Predictions[0].Error, "not run: context canceled")
}

func TestEvalChecksTheSavePathBeforeRunning(t *testing.T) {
	marker := filepath.Join(t.TempDir(), "ran")
	ex := script(t, "touch "+marker+"\nwhile read -r line; do :; done\n")
	code, _, errs := runCLI(t, "", "eval", "--extractor", ex, "--save", filepath.Join(t.TempDir(), "no", "such", "run.json"))
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "cannot write there")
	assert.NoFileExists(t, marker, "the extractor never started")

	code, _, errs = runCLI(t, "", "eval", "--extractor", "rules", "--save", t.TempDir())
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "is a folder; give a file name")
}

func TestCompareRefusesRunsWithFailedDocuments(t *testing.T) {
	good := evalRun(t, "rules")
	bad := filepath.Join(t.TempDir(), "flaky.json")
	code, _, errs := runCLI(t, "", "eval", "--extractor", script(t, flaky), "--save", bad)
	require.Equal(t, exitFailed, code, errs)

	code, out, errs := runCLI(t, "", "compare", good, bad)
	assert.Equal(t, exitFailed, code)
	assert.Empty(t, out)
	assert.Contains(t, errs, bad+": 1 of 5 documents failed")
	assert.Contains(t, errs, "pass --allow-failed to compare only the documents both runs scored")

	code, out, errs = runCLI(t, "", "compare", "--allow-failed", good, bad)
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, errs, "--allow-failed: comparing only the 4 of 5 documents both runs scored")
	var four []corpus.Document
	for _, d := range corpus.Seed().Documents {
		if d.ID != "001_6498fe370d19e1ff" {
			four = append(four, d)
		}
	}
	assert.Contains(t, out, "|corpus:"+signature.CorpusHash(four)+"|", "the signature pins the documents compared")
	// 001 holds 231 of the 525 gold mentions: the 294 of the other four
	// are what is compared.
	assert.Contains(t, out, "│ micro │     294 │")
}

func TestCompareReadsFormat1RunFiles(t *testing.T) {
	good := evalRun(t, "rules")
	legacy := rewriteRun(t, readRun(t, good), func(r *runfile.Run) {
		r.Format = "arabench-run/1"
		r.Signature = replaceSig(t, r.Signature, "corpus", corpus.SeedName)
		for i := range r.Predictions {
			r.Predictions[i].Status = ""
		}
	})
	code, _, errs := runCLI(t, "", "compare", legacy, good)
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, errs, "was written in format arabench-run/1, whose signature names its corpus (seed-5)")
}
