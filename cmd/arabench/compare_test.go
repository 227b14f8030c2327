package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/evalset"
	"github.com/arabench/arabench/extract"
	"github.com/arabench/arabench/gold"
	"github.com/arabench/arabench/labelmap"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/runfile"
	"github.com/arabench/arabench/signature"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// evalRun saves the run of a registered extractor and returns its path.
func evalRun(t *testing.T, extractor string, flags ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), extractor+".json")
	code, _, errs := runCLI(t, "", append([]string{"eval", "--extractor", extractor, "--save", path}, flags...)...)
	require.Equal(t, exitOK, code, errs)
	return path
}

// readRun reads a run file.
func readRun(t *testing.T, path string) *runfile.Run {
	t.Helper()
	run, err := runfile.ReadFile(path)
	require.NoError(t, err)
	return run
}

// rewriteRun writes run to a new file after edit.
func rewriteRun(t *testing.T, run *runfile.Run, edit func(*runfile.Run)) string {
	t.Helper()
	edit(run)
	path := filepath.Join(t.TempDir(), "edited.json")
	require.NoError(t, saveRun(path, run))
	return path
}

// rulesPlusGoldPER saves a run of the rules extractor's predictions plus every
// gold PER mention: a synthetic new version that gains PER and nothing else.
func rulesPlusGoldPER(t *testing.T, old string) string {
	t.Helper()
	c := corpus.Seed()
	g, err := gold.Seed()
	require.NoError(t, err)
	preds, errs := readRun(t, old).Mentions(old, c)
	require.Empty(t, errs)
	var docs []metrics.Doc
	for _, d := range c.Documents {
		for _, m := range g.Mentions(d.ID) {
			if m.Type == corpus.PER {
				preds[d.ID] = append(preds[d.ID], m)
			}
		}
		docs = append(docs, metrics.Doc{ID: d.ID, Text: d.Text, Gold: g.Mentions(d.ID), Pred: preds[d.ID]})
	}
	sig := (&evalset.Set{Corpus: c, Gold: g, Labels: &labelmap.Map{}}).Signature(metrics.SchemeStrict, metrics.Micro)
	run, err := runfile.NewRun("rules+per", "2", c, preds, metrics.Evaluate(docs, metrics.Options{Signature: sig}), sig)
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "new.json")
	require.NoError(t, saveRun(path, run))
	return path
}

// compareJSON runs compare with --format json and decodes the rows by scheme
// and type, and the change counts.
func compareJSON(t *testing.T, args ...string) (map[string]map[string]map[string]any, map[string]int) {
	t.Helper()
	code, out, errs := runCLI(t, "", append([]string{"compare", "--format", "json"}, args...)...)
	require.Equal(t, exitOK, code, errs)
	var got struct {
		Schemes []struct {
			Scheme string           `json:"scheme"`
			Rows   []map[string]any `json:"rows"`
		} `json:"schemes"`
		Counts map[string]int `json:"counts"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	rows := map[string]map[string]map[string]any{}
	for _, s := range got.Schemes {
		rows[s.Scheme] = map[string]map[string]any{}
		for _, r := range s.Rows {
			rows[s.Scheme][r["type"].(string)] = r
		}
	}
	return rows, got.Counts
}

func f1Delta(row map[string]any) float64 { return row["delta"].(map[string]any)["f1"].(float64) }

func TestCompareRunWithItselfShowsNoChange(t *testing.T) {
	run := evalRun(t, "rules")
	code, out, errs := runCLI(t, "", "compare", run, run)
	require.Equal(t, exitOK, code, errs)
	assert.NotContains(t, out, "better")
	assert.NotContains(t, out, "worse")
	assert.Contains(t, out, "mentions under strict: 0 newly correct, 0 newly wrong, 0 changed type, 0 changed boundary")
	assert.Contains(t, out, "|scheme:clitic|avg:micro|boot:1000@12345", "strict and clitic by default, with the bootstrap in the signature")
	assert.NotContains(t, out, "|scheme:partial|")
	assert.Contains(t, out, "the headline (strict micro) on its own p; the 13 other rows on p Holm")

	rows, counts := compareJSON(t, run, run)
	for scheme, byType := range rows {
		for typ, r := range byType {
			assert.Equal(t, 0.0, f1Delta(r), "%s %s", scheme, typ)
			assert.Equal(t, 1.0, r["p"], "%s %s", scheme, typ)
			assert.Equal(t, "", r["verdict"])
		}
	}
	for kind, n := range counts {
		assert.Zero(t, n, kind)
	}
}

func TestCompareRulesAgainstASyntheticGainInPER(t *testing.T) {
	old := evalRun(t, "rules")
	new := rulesPlusGoldPER(t, old)
	// Flags may follow the files.
	rows, counts := compareJSON(t, old, new, "--scheme", "strict,clitic")
	require.Len(t, rows, 2)
	for _, scheme := range []string{"strict", "clitic"} {
		per := rows[scheme]["PER"]
		assert.Equal(t, 1.0, f1Delta(per), scheme)
		assert.Less(t, per["p"].(float64), 0.01)
		assert.Equal(t, "better", per["verdict"])
		assert.Equal(t, "better", rows[scheme]["micro"]["verdict"])
		for _, typ := range []string{"ORG", "LOC", "DATE", "NUM"} {
			assert.Equal(t, 0.0, f1Delta(rows[scheme][typ]), "%s %s", scheme, typ)
			assert.Equal(t, "", rows[scheme][typ]["verdict"], "%s %s", scheme, typ)
		}
	}
	assert.Equal(t, 115, counts["newly_correct"], "the 115 gold PER mentions")
	assert.Equal(t, 0, counts["newly_wrong"])

	// Markdown for a pull-request comment; the same seed prints the same.
	code, md, errs := runCLI(t, "", "compare", "--format", "markdown", "--scheme", "strict", "--limit", "2", old, new)
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, md, "### `rules rules-1` → `rules+per 2`")
	assert.Contains(t, md, "| strict | PER   |")
	assert.Contains(t, md, "<details><summary>newly correct (115)</summary>")
	assert.Contains(t, md, "… 113 more not shown")
	assert.Contains(t, md, "`arabench:1.0|gold:")
	_, again, _ := runCLI(t, "", "compare", "--format", "markdown", "--scheme", "strict", "--limit", "2", old, new)
	assert.Equal(t, md, again)
	_, other, _ := runCLI(t, "", "compare", "--format", "markdown", "--scheme", "strict", "--limit", "2", "--seed", "7", old, new)
	assert.Contains(t, other, "|boot:1000@7`")
}

func TestCompareRulesAgainstGazetteer(t *testing.T) {
	// rules finds dates and numbers, gazetteer names: names swing up,
	// dates and numbers down, each significantly.
	require.Contains(t, extract.Names(), "gazetteer")
	rows, counts := compareJSON(t, evalRun(t, "rules"), evalRun(t, "gazetteer"), "--scheme", "strict")
	for _, typ := range []string{"PER", "ORG", "LOC"} {
		assert.Greater(t, f1Delta(rows["strict"][typ]), 0.5, typ)
		assert.Equal(t, "better", rows["strict"][typ]["verdict"], typ)
	}
	for _, typ := range []string{"DATE", "NUM"} {
		assert.Less(t, f1Delta(rows["strict"][typ]), -0.5, typ)
		assert.Equal(t, "worse", rows["strict"][typ]["verdict"], typ)
	}
	assert.Greater(t, counts["newly_correct"], 300)
	assert.Greater(t, counts["newly_wrong"], 50, "the dates and numbers rules found")
}

func TestCompareFailOnWorse(t *testing.T) {
	rules, gazetteer := evalRun(t, "rules"), evalRun(t, "gazetteer")
	// One of the 70 DATE and NUM mentions dropped: micro F1 a little lower,
	// not significantly.
	lessOne := rewriteRun(t, readRun(t, rules), func(r *runfile.Run) {
		r.Predictions[0].Mentions = r.Predictions[0].Mentions[1:]
	})
	for _, tc := range []struct {
		name     string
		old, new string
		flags    []string
		code     int
		message  string
	}{
		// Strict micro F1 0.8762 → 0.2323: gazetteer finds 414 names, rules
		// 69 dates and numbers.
		{"a significant loss fails the gate", gazetteer, rules, []string{"--fail-on", "worse"}, exitFailed,
			"is significantly worse than " + gazetteer + ": micro F1 under strict 0.8762 → 0.2323 (ΔF1 -0.6439, p 0.0010 < 0.05); exit 1 for --fail-on worse"},
		{"the headline follows the first scheme", gazetteer, rules, []string{"--fail-on", "worse", "--scheme", "partial"}, exitFailed,
			"micro F1 under partial 0.8804 → 0.2323"},
		{"without --fail-on a loss is only reported", gazetteer, rules, nil, exitOK, ""},
		{"a significant gain passes", rules, gazetteer, []string{"--fail-on", "worse"}, exitOK, ""},
		{"a loss that is not significant passes", rules, lessOne, []string{"--fail-on", "worse"}, exitOK, ""},
		{"no change passes", rules, rules, []string{"--fail-on", "worse"}, exitOK, ""},
		{"--fail-on none never fails", gazetteer, rules, []string{"--fail-on", "none"}, exitOK, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runCLI(t, "", append(append([]string{"compare"}, tc.flags...), tc.old, tc.new)...)
			assert.Equal(t, tc.code, code, errs)
			assert.Contains(t, out, "mentions under", "the comparison is printed either way")
			if tc.message == "" {
				assert.Empty(t, errs)
			} else {
				assert.Contains(t, errs, tc.message)
			}
		})
	}

	rows, _ := compareJSON(t, rules, lessOne)
	micro := rows["strict"]["micro"]
	assert.Less(t, f1Delta(micro), 0.0)
	assert.Greater(t, micro["p"].(float64), 0.05)

	code, out, errs := runCLI(t, "", "compare", "--fail-on", "better", rules, rules)
	assert.Equal(t, exitUsage, code)
	assert.Empty(t, out)
	assert.Contains(t, errs, `--fail-on "better": use worse or none`)
}

func TestCompareReadsRunsInAnyOrder(t *testing.T) {
	// The same runs with their documents reversed, and with the predictions
	// after every other field: the same comparison, in every format.
	gazetteer, rules := evalRun(t, "gazetteer"), evalRun(t, "rules")
	reversed := rewriteRun(t, readRun(t, rules), func(r *runfile.Run) {
		slices.Reverse(r.Predictions)
	})
	predsLast := filepath.Join(t.TempDir(), "last.json")
	var fields map[string]json.RawMessage
	data, err := os.ReadFile(gazetteer)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &fields))
	var b strings.Builder
	b.WriteString("{")
	for _, k := range []string{"metrics", "signature", "extractor_version", "extractor", "arabench", "format", "predictions"} {
		fmt.Fprintf(&b, "%q: %s", k, fields[k])
		if k != "predictions" {
			b.WriteString(",\n")
		}
	}
	b.WriteString("}\n")
	require.NoError(t, os.WriteFile(predsLast, []byte(b.String()), 0o644))

	for _, format := range []string{"table", "markdown", "json"} {
		t.Run(format, func(t *testing.T) {
			code, want, errs := runCLI(t, "", "compare", "--format", format, gazetteer, rules)
			require.Equal(t, exitOK, code, errs)
			code, got, errs := runCLI(t, "", "compare", "--format", format, predsLast, reversed)
			require.Equal(t, exitOK, code, errs)
			assert.Equal(t, want, strings.ReplaceAll(strings.ReplaceAll(got, predsLast, gazetteer), reversed, rules))
			assert.Equal(t, "arabench compare: "+reversed+" lists its documents in another order than corpus seed-5: it is read whole, in more memory\n", errs)
		})
	}
}

func TestCompareCountsARetypedMentionAsChangedType(t *testing.T) {
	// The gazetteer gets every one of its روسيا right as LOC; a version
	// that calls them ORG changes their type: 44 changes, grouped.
	old := evalRun(t, "gazetteer")
	retyped := 0
	new := rewriteRun(t, readRun(t, old), func(r *runfile.Run) {
		for i := range r.Predictions {
			for j, m := range r.Predictions[i].Mentions {
				if m.Text == "روسيا" {
					r.Predictions[i].Mentions[j].Type = "ORG"
					retyped++
				}
			}
		}
	})
	require.Equal(t, 44, retyped)
	_, counts := compareJSON(t, old, new)
	assert.Equal(t, 44, counts["changed_type"])
	assert.Equal(t, 0, counts["newly_wrong"])
	code, md, errs := runCLI(t, "", "compare", "--format", "markdown", old, new)
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, md, "<details><summary>changed type (44)</summary>\n\n- `روسيا` LOC→ORG ×44 (gold LOC)\n\n| doc ")
	assert.Contains(t, md, "… 39 more not shown", "5 of the 44 listed by default")
}

func TestCompareMarkdownFitsAComment(t *testing.T) {
	// The default --limit keeps the Markdown of the two built-in
	// extractors' comparison on the seed corpus under 10 KB, either way.
	rules, gazetteer := evalRun(t, "rules"), evalRun(t, "gazetteer")
	for _, files := range [][]string{{rules, gazetteer}, {gazetteer, rules}} {
		code, md, errs := runCLI(t, "", "compare", "--format", "markdown", files[0], files[1])
		require.Equal(t, exitOK, code, errs)
		assert.Less(t, len(md), 10*1024)
		assert.Contains(t, md, "… 409 more not shown", "5 of the 414 names listed")
	}
	code, md, _ := runCLI(t, "", "compare", "--format", "markdown", rules, gazetteer)
	require.Equal(t, exitOK, code)
	assert.Contains(t, md, "- `روسيا` —→LOC ×44\n- `أوكرانيا` —→LOC ×37\n")
	code, all, _ := runCLI(t, "", "compare", "--format", "markdown", "--limit", "0", rules, gazetteer)
	require.Equal(t, exitOK, code)
	assert.Greater(t, len(all), 100*1024, "--limit 0 lists every change")
	assert.NotContains(t, all, "more not shown")
}

func TestCompareRefusesRunsScoredDifferently(t *testing.T) {
	old := evalRun(t, "rules")
	for _, tc := range []struct {
		name  string
		edit  func(r *runfile.Run)
		want  string
		force int
	}{
		{"another gold", func(r *runfile.Run) { r.Signature = replaceSig(t, r.Signature, "gold", "deadbeef") },
			"gold fa853faa in", exitOK},
		{"another scheme", func(r *runfile.Run) { r.Signature = replaceSig(t, r.Signature, "scheme", "clitic") },
			"scheme strict in", exitOK},
		{"another scoring version", func(r *runfile.Run) { r.Signature = replaceSig(t, r.Signature, "arabench", "0.9") },
			"arabench 1.0 in", exitOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			new := rewriteRun(t, readRun(t, old), tc.edit)
			code, out, errs := runCLI(t, "", "compare", old, new)
			assert.Equal(t, exitUsage, code)
			assert.Empty(t, out)
			assert.Contains(t, errs, "were scored differently")
			assert.Contains(t, errs, tc.want)
			assert.Contains(t, errs, "--force")
			assert.Contains(t, errs, new, "the message names both files")
			code, out, errs = runCLI(t, "", "compare", "--force", old, new)
			assert.Equal(t, tc.force, code, errs)
			assert.Contains(t, errs, "comparing anyway (--force)")
			assert.Contains(t, out, "mentions under strict")
		})
	}

	// A run scored with --ci compares with one scored without.
	ci := evalRun(t, "rules", "--ci")
	assert.Contains(t, readRun(t, ci).Signature, "|boot:1000@12345")
	code, _, errs := runCLI(t, "", "compare", old, ci)
	assert.Equal(t, exitOK, code, errs)
}

// replaceSig returns sig with one part's value replaced.
func replaceSig(t *testing.T, sig, key, value string) string {
	t.Helper()
	parts := strings.Split(sig, "|")
	for i, p := range parts {
		if strings.HasPrefix(p, key+":") {
			parts[i] = key + ":" + value
			return strings.Join(parts, "|")
		}
	}
	t.Fatalf("no %s part in %s", key, sig)
	return ""
}

func TestCompareRefusesRunsOfOtherData(t *testing.T) {
	old := evalRun(t, "rules")
	seedHash := signature.CorpusHash(corpus.Seed().Documents)
	// Both runs claim another corpus: they agree with each other, not with
	// the loaded (embedded) data.
	edit := func(r *runfile.Run) { r.Signature = replaceSig(t, r.Signature, "corpus", "0badf00d") }
	a, b := rewriteRun(t, readRun(t, old), edit), rewriteRun(t, readRun(t, old), edit)
	code, _, errs := runCLI(t, "", "compare", a, b)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "was scored on other data than the loaded corpus and gold (corpus 0badf00d in "+a+", "+seedHash+" in the loaded data)")
	assert.Contains(t, errs, "--corpus DIR --gold DIR")

	// copyData copies the seed corpus and gold into folders named corpus
	// and gold under dir, with edit applied to the texts.
	copyData := func(dir string, edit func(name string, b []byte) []byte) (string, string) {
		texts, golds := filepath.Join(dir, "news"), filepath.Join(dir, "gold")
		require.NoError(t, os.Mkdir(texts, 0o755))
		require.NoError(t, os.Mkdir(golds, 0o755))
		for _, pattern := range []string{"../../corpus/*.txt", "../../gold/*.ann", "../../gold/entities.tsv"} {
			files, err := filepath.Glob(pattern)
			require.NoError(t, err)
			for _, f := range files {
				b, err := os.ReadFile(f)
				require.NoError(t, err)
				to := golds
				if strings.HasSuffix(f, ".txt") {
					to, b = texts, edit(filepath.Base(f), b)
				}
				require.NoError(t, os.WriteFile(filepath.Join(to, filepath.Base(f)), b, 0o644))
			}
		}
		return texts, golds
	}
	// The same documents and gold in another folder sign alike: a run made
	// on the copy compares with the embedded data, and the other way round.
	news, golds := copyData(t.TempDir(), func(_ string, b []byte) []byte { return b })
	copied := evalRun(t, "rules", "--corpus", news, "--gold", golds)
	assert.Contains(t, readRun(t, copied).Signature, "|corpus:"+seedHash+"|", "the folder's name plays no part")
	code, out, errs := runCLI(t, "", "compare", old, copied)
	assert.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "|corpus:"+seedHash+"|")
	code, _, errs = runCLI(t, "", "compare", "--corpus", news, "--gold", golds, copied, old)
	assert.Equal(t, exitOK, code, errs)

	// Another corpus in a folder of the same name does not: one document's
	// last character differs (an edit that keeps every gold span in place).
	other, otherGold := copyData(t.TempDir(), func(name string, b []byte) []byte {
		if name == "004_88102d76cfe70e6b.txt" {
			return append(b[:len(b)-1], '!')
		}
		return b
	})
	changed := evalRun(t, "rules", "--corpus", other, "--gold", otherGold)
	otherHash := signature.CorpusHash(mustLoad(t, other).Documents)
	require.NotEqual(t, seedHash, otherHash)
	assert.Contains(t, readRun(t, changed).Signature, "|corpus:"+otherHash+"|")
	code, _, errs = runCLI(t, "", "compare", changed, changed)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "corpus "+otherHash+" in "+changed+", "+seedHash+" in the loaded data")
	code, _, errs = runCLI(t, "", "compare", "--corpus", news, "--gold", golds, changed, changed)
	assert.Equal(t, exitUsage, code, "a folder named news does not make it the same corpus")
	assert.Contains(t, errs, "corpus "+otherHash+" in "+changed)

	// A mention whose text is not the loaded document's.
	c := rewriteRun(t, readRun(t, old), func(r *runfile.Run) { r.Predictions[0].Mentions[0].Text = "غير" })
	code, _, errs = runCLI(t, "", "compare", old, c)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "the run was made on other texts")
	assert.Contains(t, errs, "does not fit corpus seed-5")
	code, out, _ = runCLI(t, "", "compare", "--force", old, c)
	assert.Equal(t, exitOK, code, "--force compares what fits")
	assert.Contains(t, out, "1 newly wrong", "the mention left out is lost")
}

func TestCompareBadInput(t *testing.T) {
	good := evalRun(t, "rules")
	content, err := os.ReadFile(good)
	require.NoError(t, err)
	write := func(name, s string) string {
		p := filepath.Join(t.TempDir(), name)
		require.NoError(t, os.WriteFile(p, []byte(s), 0o644))
		return p
	}
	future := strings.Replace(string(content), `"format": "`+runfile.Format+`"`, `"format": "arabench-run/9"`, 1)
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"a truncated run file", []string{good, write("cut.json", string(content[:len(content)/3]))}, "cut.json: truncated run file"},
		{"a run file of a future format", []string{write("future.json", future), good}, `run file format "arabench-run/9", this arabench reads "` + runfile.Format + `"`},
		{"not a run file", []string{good, write("bleu.txt", "BLEU = 31.2 62.1/37.5")}, "bleu.txt:1:1: not a run file"},
		{"a missing file", []string{good, filepath.Join(t.TempDir(), "nope.json")}, "nope.json: no such file"},
		{"a wrong type", []string{good, write("t.json", strings.Replace(string(content), `"extractor": "rules"`, `"extractor": 7`, 1))},
			`field "extractor" holds a JSON number where a run file has a string`},
		{"one file", []string{good}, "arabench compare: want two run files, OLD.json NEW.json, got 1: "},
		{"three files", []string{good, good, good}, "arabench compare: want two run files, OLD.json NEW.json, got 3: "},
		{"CSV", []string{"--format", "csv", good, good}, "--format csv: compare prints several tables"},
		{"an unknown scheme", []string{"--scheme", "fuzzy", good, good}, `unknown scheme "fuzzy"`},
		{"no resamples", []string{"--resamples", "0", good, good}, "--resamples 0: must be from 1 to 100000"},
		{"absurdly many resamples", []string{"--resamples", "100000000", good, good}, "--resamples 100000000: must be from 1 to 100000"},
		{"an unknown --fail-on", []string{"--fail-on", "worst", good, good}, `--fail-on "worst": use worse or none`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runCLI(t, "", append([]string{"compare"}, tc.args...)...)
			assert.Equal(t, exitUsage, code)
			assert.Empty(t, out)
			assert.Contains(t, errs, tc.want)
		})
	}
}

func TestEvalAndScoreCI(t *testing.T) {
	save := filepath.Join(t.TempDir(), "run.json")
	code, out, errs := runCLI(t, "", "eval", "--extractor", "rules", "--ci", "--save", save)
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "strict F1 95% CI")
	assert.Contains(t, out, "|scheme:strict|avg:micro|boot:1000@12345")
	assert.Contains(t, out, "│           │ DATE  │      55 │   1.0000 │   1.0000 │    1.0000 │    1.0000–1.0000 │")
	run := readRun(t, save)
	require.NotNil(t, run.CI)
	assert.Equal(t, 1000, run.CI.Resamples)
	assert.Contains(t, run.Signature, "|boot:1000@12345")

	code, out, errs = runCLI(t, "", "eval", "--extractor", "rules", "--ci", "--seed", "7", "--resamples", "200", "--format", "csv")
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "strict F1 lo,strict F1 hi")
	assert.Contains(t, out, "# arabench:1.0|gold:")
	assert.Contains(t, out, "|boot:200@7")

	code, out, _ = runCLI(t, "", "eval", "--extractor", "rules")
	require.Equal(t, exitOK, code)
	assert.NotContains(t, out, "CI")
	assert.Contains(t, out, "|boot:none")

	pred := writeFile(t, "gold.jsonl", goldJSONL(t))
	code, out, errs = runCLI(t, "", "score", "--pred", pred, "--ci", "--scheme", "strict")
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "│    1.0000–1.0000 │", "the gold against itself: F1 1 in every resample")
	assert.Contains(t, out, "|boot:1000@12345")

	conll := writeFile(t, "c.txt", "بوتين B-PER B-PER\nفي O O\nموسكو B-LOC I-LOC\n\nو O O\nواشنطن B-LOC O\n. O O\n")
	code, out, errs = runCLI(t, "", "score", "--conlleval", conll, "--ci", "--scheme", "strict", "--format", "markdown")
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "strict F1 95% CI")
	assert.Contains(t, out, "|boot:1000@12345`")

	code, _, errs = runCLI(t, "", "eval", "--ci", "--resamples", "0")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "--resamples 0")
}

// mustLoad loads a corpus folder.
func mustLoad(t *testing.T, dir string) *corpus.Corpus {
	t.Helper()
	c, err := corpus.Load(dir)
	require.NoError(t, err)
	return c
}
