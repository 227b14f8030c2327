package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/erroranalysis"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/metrics/metricstest"
	"github.com/arabench/arabench/runfile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// contains checks that html holds sub, without printing the whole page when
// it does not.
func contains(t *testing.T, html, sub string, msg ...any) {
	t.Helper()
	if !strings.Contains(html, sub) {
		t.Errorf("the page lacks %q %v", sub, msg)
	}
}

func render(t *testing.T, r *Report) string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, r.Write(&buf))
	return buf.String()
}

func TestGolden(t *testing.T) {
	c, g, old, new := small(t)
	one, err := Build(c, g, []System{new}, smallOptions())
	require.NoError(t, err)
	metricstest.Golden(t, "small.html", []byte(render(t, one)))
	two, err := Build(c, g, []System{old, new}, smallOptions())
	require.NoError(t, err)
	metricstest.Golden(t, "small-compare.html", []byte(render(t, two)))
}

// TestSmallNumbers pins the small corpus' arithmetic, so that the golden
// files are checked against something other than themselves. Doc c failed
// and is left out. Doc a, under strict:
//
//	بوتين        correct
//	لافروف       wrong boundary (gold سيرغي لافروف)
//	وواشنطن      wrong boundary (gold واشنطن)
//	موسكو ORG    wrong type (gold LOC)
//	البنتاغون    missed
//	الأحد        spurious
//	100 DATE     wrong type and boundary (gold 100 ألف NUM)
//
// Doc b: "الشرق" with its quotes is a wrong boundary, بيروت correct, the
// gold </mark> missed, the script spurious.
func TestSmallNumbers(t *testing.T) {
	c, g, _, new := small(t)
	r, err := Build(c, g, []System{new}, smallOptions())
	require.NoError(t, err)
	assert.Equal(t, 3, r.Docs)
	assert.Equal(t, 2, r.Scored)
	var want erroranalysis.CategoryCounts
	want[erroranalysis.Correct] = 2
	want[erroranalysis.WrongType] = 1
	want[erroranalysis.WrongBoundary] = 3
	want[erroranalysis.WrongBoth] = 1
	want[erroranalysis.Missed] = 2
	want[erroranalysis.Spurious] = 2
	assert.Equal(t, want, r.Counts)
	assert.Equal(t, metrics.Tally{COR: 2, INC: 5, MIS: 2, SPU: 2}, r.Tally)

	html := render(t, r)
	contains(t, html, `<td data-count="boundary">3</td>`)
	contains(t, html, `<td data-muc="INC">5</td>`)
	assert.Equal(t, 2+1+3+1+2+2, strings.Count(html, ` tabindex="0" data-o="`), "one mark per place")
	contains(t, html, "not scored: failed (timeout after 30s &lt;b&gt;)")
	contains(t, html, "1 of 3 documents this run did not score")
}

func TestEscaping(t *testing.T) {
	c, g, _, new := small(t)
	r, err := Build(c, g, []System{new}, smallOptions())
	require.NoError(t, err)
	html := render(t, r)
	assert.Equal(t, 1, strings.Count(html, "<script"), "only the page's own script")
	assert.Equal(t, 1, strings.Count(html, "</script>"))
	assert.False(t, strings.Contains(html, "<img"), "no <img> element")
	contains(t, html, `&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;`)
	contains(t, html, `&lt;/mark&gt;</mark>`, "the document's </mark> is text inside the mark of the gold mention over it")
	contains(t, html, `kb:&#34;&gt;&lt;img src=x onerror=alert(1)&gt;`, "the entity id stays inside the data-tip attribute")
	contains(t, html, `في &#39;<mark tabindex="0" data-o="correct"`, "the quote before بيروت")
}

func TestCompareNumbers(t *testing.T) {
	c, g, old, new := small(t)
	r, err := Build(c, g, []System{old, new}, smallOptions())
	require.NoError(t, err)
	assert.Equal(t, 2, r.Scored, "doc c, failed in the new run, is left out of the comparison too")
	html := render(t, r)
	// Doc a, old against new under strict, place by place (gold first):
	//	بوتين        old missed, new correct             newly correct
	//	سيرغي لافروف  old correct, new wrong boundary     newly wrong
	//	واشنطن       neither has it right; only new       new false positive
	//	موسكو        old correct, new wrong type         changed type
	//	البنتاغون    old correct, new missed             newly wrong
	//	100 ألف      only new predicts it, wrongly       new false positive
	//	الأحد        new spurious                        new false positive
	//	جندي         old spurious                        false positive removed
	for kind, n := range map[string]string{"newly_correct": "1", "newly_wrong": "2", "changed_type": "1",
		"changed_boundary": "0", "new_false_positive": "3", "false_positive_removed": "1"} {
		contains(t, html, `<td data-change="`+kind+`">`+n+`</td>`, kind)
	}
	assert.Equal(t, 7, strings.Count(html, ` data-c="`), "every change but the removed one has a mark of the new run")
	contains(t, html, "old-tagger had nothing here")
	contains(t, html, "8 changed since old-tagger")
}

func TestBuildRefuses(t *testing.T) {
	c, g, old, new := small(t)
	cases := []struct {
		name    string
		systems []System
		opts    Options
		want    string
	}{
		{"no run", nil, Options{}, "0 runs given"},
		{"three runs", []System{old, new, new}, Options{}, "3 runs given"},
		{"bag", []System{new}, Options{Scheme: metrics.SchemeBag}, "bag scheme places no mention"},
		{"unknown scheme", []System{new}, Options{Scheme: "lenient"}, `unknown scheme "lenient"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Build(c, g, tc.systems, tc.opts)
			assert.ErrorContains(t, err, tc.want)
		})
	}
	t.Run("a mention outside its document", func(t *testing.T) {
		bad := new
		bad.Pred = map[string][]corpus.Mention{"a": {{Start: 0, End: len(textA) + 4, Type: "PER"}}}
		_, err := Build(c, g, []System{bad}, Options{})
		assert.ErrorContains(t, err, `doc "a": new-tagger mention 1`)
	})
	t.Run("a mention inside a character", func(t *testing.T) {
		bad := new
		bad.Pred = map[string][]corpus.Mention{"a": {{Start: 1, End: 5, Type: "PER"}}}
		_, err := Build(c, g, []System{bad}, Options{})
		assert.ErrorContains(t, err, `doc "a": new-tagger mention 1`)
	})
}

func TestSchemeChangesTheMarks(t *testing.T) {
	c, g, _, new := small(t)
	r, err := Build(c, g, []System{new}, Options{Scheme: metrics.SchemeClitic})
	require.NoError(t, err)
	// Under clitic وواشنطن is correct: one boundary error fewer.
	assert.Equal(t, 3, r.Counts[erroranalysis.Correct])
	assert.Equal(t, 2, r.Counts[erroranalysis.WrongBoundary])
	contains(t, render(t, r), "scheme <b>clitic</b>")
}

func TestSeedCountsEqualTallies(t *testing.T) {
	for _, s := range []metrics.Scheme{metrics.SchemeStrict, metrics.SchemeExact, metrics.SchemeType, metrics.SchemePartial, metrics.SchemeClitic} {
		opts := seedOptions(t)
		opts.Scheme = s
		r, err := Build(corpus.Seed(), seedGold(t), []System{seedRun(t, "gazetteer")}, opts)
		require.NoError(t, err)
		assert.Equal(t, r.Tally.COR, r.Counts[erroranalysis.Correct], s)
		assert.Equal(t, r.Tally.INC+r.Tally.PAR, r.Counts.Wrong(), s)
		assert.Equal(t, r.Tally.MIS, r.Counts[erroranalysis.Missed], s)
		assert.Equal(t, r.Tally.SPU, r.Counts[erroranalysis.Spurious], s)
		assert.Equal(t, 525, r.Tally.POS(), "%s: the seed gold has 525 mentions", s)
	}
}

func TestStatusesOf(t *testing.T) {
	run := &runfile.Run{Predictions: []runfile.Doc{
		{Doc: "a"},
		{Doc: "b", Status: metrics.StatusScored},
		{Doc: "c", Status: metrics.StatusFailed, Error: "exit status 3: boom"},
		{Doc: "d", Status: metrics.StatusNotRun},
		{Doc: "e", Status: metrics.StatusMissing},
	}}
	assert.Equal(t, map[string]Status{
		"c": {State: "failed", Error: "exit status 3: boom"},
		"d": {State: "not_run"},
		"e": {State: "missing"},
	}, StatusesOf(run))
	assert.True(t, Status{}.Scored())
	assert.False(t, Status{State: "failed"}.Scored())
}
