package report

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/erroranalysis"
	"github.com/arabench/arabench/signature"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The browser test opens generated reports in a real headless Chromium,
// driven over the DevTools protocol by chromedp, and checks what a person
// would: the page loads without a console error, the documents read right
// to left, every mark is there, the filters hide what they should, and text
// from the documents stays text. Screenshots go to testdata/out for a person
// to look at.

var docsScreenshot = flag.Bool("docs-screenshot", false, "also write the README's screenshot of the page to ../docs/report.png")

// requireBrowser, when set in the environment, turns a missing browser from
// a skip into a failure (make report-check sets it).
const requireBrowser = "ARABENCH_REQUIRE_BROWSER"

// browserPath finds a Chromium or Chrome binary: $ARABENCH_CHROME, or the
// first of the usual names on PATH.
func browserPath(t *testing.T) string {
	if p := os.Getenv("ARABENCH_CHROME"); p != "" {
		return p
	}
	names := []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "headless-shell", "headless_shell"}
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	msg := fmt.Sprintf("no Chromium or Chrome found (looked for %s on PATH, and ARABENCH_CHROME is unset): the browser test is skipped. "+
		"Install one (Debian: apt-get install chromium) and run make report-check.", strings.Join(names, ", "))
	if os.Getenv(requireBrowser) != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// startBrowser starts a headless browser for the test.
func startBrowser(t *testing.T) context.Context {
	path := browserPath(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.WindowSize(1200, 900))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	// Start the browser now, outside any timeout: a timeout on the first run
	// would stop the whole browser when it expires.
	require.NoError(t, chromedp.Do(ctx), "starting %s", path)
	return ctx
}

// tab is one page open in the browser, with what its console said.
type tab struct {
	ctx    context.Context
	mu     sync.Mutex
	msgs   []chromedp.ConsoleMessage
	loaded time.Duration // from navigation to the load event, as Go saw it
}

// open writes r to dir/name and opens it in a new tab of the browser.
func open(t *testing.T, browser context.Context, r *Report, dir, name string) *tab {
	t.Helper()
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	require.NoError(t, err)
	w := bufio.NewWriter(f)
	require.NoError(t, r.Write(w))
	require.NoError(t, w.Flush())
	require.NoError(t, f.Close())

	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	tb := &tab{ctx: ctx}
	// The first run opens the tab, which lives as long as the context of
	// that run: no timeout here.
	require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(1200, 900)))
	// Subscribe before navigating, so that no message is lost.
	sub, stop := context.WithCancel(ctx)
	t.Cleanup(stop)
	messages := chromedp.Console(sub)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			tb.mu.Lock()
			tb.msgs = append(tb.msgs, m)
			tb.mu.Unlock()
		}
	}()
	abs, err := filepath.Abs(path)
	require.NoError(t, err)
	start := time.Now()
	tb.do(t, chromedp.Navigate("file://"+abs))
	tb.loaded = time.Since(start)
	return tb
}

// do runs actions with a time limit.
func (tb *tab) do(t *testing.T, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 90*time.Second)
	defer cancel()
	require.NoError(t, chromedp.Do(ctx, actions...))
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](t *testing.T, tb *tab, js string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 90*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	require.NoError(t, err, "evaluating %s", js)
	return v
}

// screenshot saves the viewport as dir/name and returns its path.
func (tb *tab) screenshot(t *testing.T, dir, name string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 90*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	require.NoError(t, err)
	path := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(path, png, 0o644))
	t.Logf("screenshot: %s", path)
	return path
}

// noConsoleErrors fails on any error or uncaught exception the page logged.
func (tb *tab) noConsoleErrors(t *testing.T) {
	t.Helper()
	// A round trip, so that the messages of what ran so far have arrived.
	eval[int](t, tb, "0")
	tb.mu.Lock()
	defer tb.mu.Unlock()
	for _, m := range tb.msgs {
		if m.Type == chromedp.ConsoleError || m.IsException() {
			t.Errorf("console %s", m)
		} else {
			t.Logf("console %s", m)
		}
	}
}

// readmeShot writes the README's screenshot, ../docs/report.png: the filters
// and a few lines of a document with the card of the mark sel open, in a
// smaller window, in 256 colours so that the file stays small.
func readmeShot(t *testing.T, tb *tab, sel string) {
	t.Helper()
	tb.do(t, chromedp.EmulateViewport(960, 540),
		chromedp.Evaluate[chromedp.Void](sel+`.scrollIntoView({block: "center"}); `+sel+`.focus()`))
	ctx, cancel := context.WithTimeout(tb.ctx, 90*time.Second)
	defer cancel()
	data, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	require.NoError(t, err)
	img, err := png.Decode(bytes.NewReader(data))
	require.NoError(t, err)
	pal := image.NewPaletted(img.Bounds(), commonColors(img, 256))
	draw.Draw(pal, pal.Bounds(), img, img.Bounds().Min, draw.Src)
	var buf bytes.Buffer
	require.NoError(t, (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, pal))
	path := filepath.Join("..", "docs", "report.png")
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	t.Logf("README screenshot: %s (%d KB)", path, buf.Len()/1024)
	tb.do(t, chromedp.EmulateViewport(1200, 900))
}

// commonColors is the palette of the n colours img uses most: a page is
// flat colours and the greys of its text, so they keep the page's look.
func commonColors(img image.Image, n int) color.Palette {
	count := map[color.RGBA]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			count[color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)]++
		}
	}
	colors := make([]color.RGBA, 0, len(count))
	for c := range count {
		colors = append(colors, c)
	}
	sort.Slice(colors, func(i, j int) bool {
		if count[colors[i]] != count[colors[j]] {
			return count[colors[i]] > count[colors[j]]
		}
		return fmt.Sprint(colors[i]) < fmt.Sprint(colors[j])
	})
	var pal color.Palette
	for _, c := range colors[:min(n, len(colors))] {
		pal = append(pal, c)
	}
	return pal
}

// outDir is where screenshots and pages are kept for a person to look at.
func outDir(t *testing.T) string {
	dir := filepath.Join("testdata", "out")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	return dir
}

// markCounts counts the marks of each category in the document view (first
// fragments only), by category key.
const markCounts = `(() => {
  const n = {};
  for (const k of ["correct", "type", "boundary", "both", "missed", "spurious"]) {
    n[k] = document.querySelectorAll('#docs mark[data-o="' + k + '"]:not(.cont)').length;
  }
  return n;
})()`

// shownCounts counts the marks of each category the filters leave shown.
const shownCounts = `(() => {
  const n = {};
  for (const k of ["correct", "type", "boundary", "both", "missed", "spurious"]) {
    n[k] = [...document.querySelectorAll('#docs mark[data-o="' + k + '"]:not(.cont)')]
      .filter(m => !m.classList.contains("off") && !m.closest("section").hidden).length;
  }
  return n;
})()`

// pageCounts reads the counts the page prints in its error categories table.
const pageCounts = `Object.fromEntries([...document.querySelectorAll("td[data-count]")].map(td => [td.dataset.count, Number(td.textContent)]))`

func countsByKey(n erroranalysis.CategoryCounts) map[string]int {
	out := map[string]int{}
	for _, c := range erroranalysis.Categories {
		out[c.Key()] = n[c]
	}
	return out
}

// checkPage checks what every report must hold: documents right to left, and
// as many marks of each category as the report counts and the page says.
func checkPage(t *testing.T, tb *tab, r *Report) {
	t.Helper()
	rtl := eval[[]string](t, tb, `[...document.querySelectorAll("#docs .text")].map(e => getComputedStyle(e).direction + "/" + e.lang)`)
	require.Len(t, rtl, r.Docs, "one text per document")
	for i, d := range rtl {
		assert.Equal(t, "rtl/ar", d, "document %d", i)
	}
	want := countsByKey(r.Counts)
	assert.Equal(t, want, eval[map[string]int](t, tb, markCounts), "marks in the document view")
	assert.Equal(t, want, eval[map[string]int](t, tb, pageCounts), "counts printed by the page")
	muc := eval[map[string]int](t, tb, `Object.fromEntries([...document.querySelectorAll("td[data-muc]")].map(td => [td.dataset.muc, Number(td.textContent)]))`)
	assert.Equal(t, map[string]int{"COR": r.Tally.COR, "INC": r.Tally.INC, "PAR": r.Tally.PAR, "MIS": r.Tally.MIS,
		"SPU": r.Tally.SPU, "POS": r.Tally.POS(), "ACT": r.Tally.ACT()}, muc)
}

func TestBrowser(t *testing.T) {
	browser := startBrowser(t)
	dir := outDir(t)

	t.Run("seed", func(t *testing.T) {
		r, err := Build(corpus.Seed(), seedGold(t), []System{seedRun(t, "gazetteer")}, seedOptions(t))
		require.NoError(t, err)
		tb := open(t, browser, r, dir, "seed.html")
		checkPage(t, tb, r)
		tb.screenshot(t, dir, "seed-top.png")

		// Hover and focus: the card of a wrong boundary names both mentions.
		const boundary = `document.querySelector('#docs mark[data-o="boundary"]')`
		tb.do(t, chromedp.Evaluate[chromedp.Void](boundary+`.scrollIntoView({block: "center"}); `+boundary+`.focus()`))
		card := eval[string](t, tb, `getComputedStyle(`+boundary+`, "::before").content`)
		assert.Contains(t, card, `"wrong boundary\a gold: `)
		assert.Contains(t, card, "predicted: ")
		tb.screenshot(t, dir, "seed-docs.png")
		if *docsScreenshot {
			readmeShot(t, tb, boundary)
		}

		// The outcome filter: correct marks lose their colour and marker, the
		// text stays, the other marks stay.
		tb.do(t, chromedp.Click(chromedp.CSS(`input[name="o"][value="correct"]`)))
		shown := eval[map[string]int](t, tb, shownCounts)
		want := countsByKey(r.Counts)
		assert.Zero(t, shown["correct"], "no correct mark shown")
		for _, k := range []string{"type", "boundary", "both", "missed", "spurious"} {
			assert.Equal(t, want[k], shown[k], k)
		}
		after := eval[string](t, tb, `getComputedStyle(document.querySelector('#docs mark[data-o="correct"]:not(.part)'), "::after").content`)
		assert.Equal(t, "none", after, "a hidden mark has no marker")
		bg := eval[string](t, tb, `getComputedStyle(document.querySelector('#docs mark[data-o="correct"]')).backgroundColor`)
		assert.Equal(t, "rgba(0, 0, 0, 0)", bg, "nor a colour")
		text := eval[string](t, tb, `document.querySelector("#d0 .text").textContent`)
		assert.Equal(t, corpus.Seed().Documents[0].Text, text, "the text is all there")
		assert.Equal(t, fmt.Sprintf("%d of %d marks shown", r.Counts.Wrong()+r.Counts[erroranalysis.Missed]+r.Counts[erroranalysis.Spurious],
			r.Counts.Wrong()+r.Counts[erroranalysis.Correct]+r.Counts[erroranalysis.Missed]+r.Counts[erroranalysis.Spurious]),
			eval[string](t, tb, `document.getElementById("shown").textContent`))

		// The type filter: without PER, no mark of a PER pair shows.
		tb.do(t, chromedp.Click(chromedp.CSS(`input[name="t"][value="PER"]`)))
		perShown := eval[int](t, tb, `[...document.querySelectorAll('#docs mark:not(.off)')].filter(m => m.dataset.g === "PER" && (m.dataset.p === "PER" || m.dataset.p === "")).length`)
		assert.Zero(t, perShown)
		tb.do(t, chromedp.Click(chromedp.CSS(`input[name="t"][value="PER"]`)), chromedp.Click(chromedp.CSS(`input[name="o"][value="correct"]`)))
		assert.Equal(t, want, eval[map[string]int](t, tb, shownCounts), "every mark shows again")

		// The document filter.
		tb.do(t, chromedp.SendKeys(chromedp.CSS(`input[name="doc"]`), "003_"))
		docs := eval[[]string](t, tb, `[...document.querySelectorAll("#docs section.doc")].filter(s => !s.hidden).map(s => s.dataset.doc)`)
		assert.Equal(t, []string{"003_95a347adc52f33ea"}, docs)
		tb.screenshot(t, dir, "seed-filtered.png")

		// Sorting the per-document table by F1 puts the lowest first.
		tb.do(t, chromedp.Click(chromedp.CSS(`#doc-table thead th:nth-child(3)`)))
		f1s := eval[[]float64](t, tb, `[...document.querySelectorAll("#doc-table tbody tr td:nth-child(3)")].map(td => Number(td.dataset.v))`)
		require.Len(t, f1s, 5)
		for i := 1; i < len(f1s); i++ {
			assert.LessOrEqual(t, f1s[i-1], f1s[i], "ascending F1")
		}
		tb.noConsoleErrors(t)
	})

	t.Run("escaping and failed documents", func(t *testing.T) {
		c, g, _, new := small(t)
		r, err := Build(c, g, []System{new}, smallOptions())
		require.NoError(t, err)
		tb := open(t, browser, r, dir, "small.html")
		checkPage(t, tb, r)
		for i, want := range []string{textA, textB, textC} {
			got := eval[string](t, tb, fmt.Sprintf(`document.querySelector("#d%d .text").textContent`, i))
			assert.Equal(t, want, got, "document %d shows its text exactly, markup characters included", i)
		}
		assert.Equal(t, 1, eval[int](t, tb, `document.scripts.length`), "only the page's own script")
		assert.Zero(t, eval[int](t, tb, `document.querySelectorAll("img, #docs script").length`))
		const evil = `[...document.querySelectorAll("#d1 mark")].find(m => m.textContent === "</mark>")`
		assert.Equal(t, "ORG", eval[string](t, tb, evil+`.dataset.g`), "the document's </mark> is the text of a mark")
		assert.Contains(t, eval[string](t, tb, evil+`.dataset.tip`), evilEntity)
		assert.Equal(t, "not scored: failed (timeout after 30s <b>)", eval[string](t, tb, `document.querySelector("#d2 p.failed").textContent`))
		assert.Zero(t, eval[int](t, tb, `document.querySelectorAll("#d2 mark").length`), "a failed document has no marks")
		markers := eval[[]string](t, tb, `[...document.querySelectorAll("#d0 mark")].map(m => getComputedStyle(m, "::after").content)`)
		assert.Equal(t, []string{`"PER ✓"`, `"PER ↔"`, `"LOC ↔"`, `"LOC→ORG ≠"`, `"DATE spurious"`, `"ORG missed"`, `"NUM→DATE ↔"`}, markers,
			"each mark's text marker, in text order")
		tb.do(t, chromedp.Evaluate[chromedp.Void](evil+`.scrollIntoView({block: "center"}); `+evil+`.focus()`))
		tb.screenshot(t, dir, "small-escaping.png")
		tb.noConsoleErrors(t)
	})

	t.Run("comparison", func(t *testing.T) {
		c, g, old, new := small(t)
		r, err := Build(c, g, []System{old, new}, smallOptions())
		require.NoError(t, err)
		tb := open(t, browser, r, dir, "small-compare.html")
		checkPage(t, tb, r)
		changed := eval[map[string]int](t, tb, `(() => { const n = {}; document.querySelectorAll("#docs mark[data-c]").forEach(m => n[m.dataset.c] = (n[m.dataset.c] || 0) + 1); return n; })()`)
		// The retyped موسكو (LOC right before, ORG now) is a changed type.
		assert.Equal(t, map[string]int{"newly_correct": 1, "newly_wrong": 2, "changed_type": 1, "new_false_positive": 3}, changed)
		// Only the changed places: unchecking "unchanged" hides the others.
		tb.do(t, chromedp.Click(chromedp.CSS(`input[name="c"][value="unchanged"]`)))
		assert.Equal(t, "7 of 11 marks shown", eval[string](t, tb, `document.getElementById("shown").textContent`))
		rows := eval[int](t, tb, `document.querySelectorAll("#comparison table:first-of-type tbody tr").length`)
		assert.Equal(t, 8, rows, "PER ORG LOC DATE NUM MISC, micro, macro")
		tb.do(t, chromedp.ScrollIntoView(chromedp.ID("comparison")))
		tb.screenshot(t, dir, "small-compare.png")
		tb.noConsoleErrors(t)
	})

	t.Run("2000 documents", func(t *testing.T) {
		if raceEnabled {
			t.Skip("the 2000-document page is timed without the race detector, which makes building it 15 times slower: make report-check")
		}
		c, g, sys := synthetic(t, 2000)
		start := time.Now()
		r, err := Build(c, g, []System{sys}, Options{Signature: signature.Signature{Corpus: c.Name}})
		require.NoError(t, err)
		require.NoError(t, r.Write(io.Discard))
		built := time.Since(start)
		tb := open(t, browser, r, dir, "synthetic-2000.html")
		info, err := os.Stat(filepath.Join(dir, "synthetic-2000.html"))
		require.NoError(t, err)
		// The times the page took, in ms from the start of the navigation: the
		// first paint (the summary shows; the documents are still being
		// read), the end of parsing, and the first frame once loaded.
		fcp := eval[float64](t, tb, `performance.getEntriesByName("first-contentful-paint")[0].startTime`)
		parsed := eval[float64](t, tb, `performance.getEntriesByType("navigation")[0].domInteractive`)
		painted := eval[float64](t, tb, `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))))`)
		t.Logf("2000 documents, %d marks, %.1f MB: built and written in %s; first paint at %.0f ms, parsed at %.0f ms, loaded and drawn at %.0f ms",
			r.Counts.Wrong()+r.Counts[erroranalysis.Correct]+r.Counts[erroranalysis.Missed]+r.Counts[erroranalysis.Spurious],
			float64(info.Size())/(1<<20), built.Round(time.Millisecond), fcp, parsed, painted)
		assert.Less(t, fcp, 5000.0, "the summary shows at once")
		assert.Less(t, painted, 30000.0, "the whole page within seconds (a generous bound for a loaded CI machine)")
		checkPage(t, tb, r)
		filter := eval[float64](t, tb, `(() => { const t0 = performance.now(); document.querySelector('input[name="o"][value="correct"]').click(); return performance.now() - t0; })()`)
		t.Logf("hiding the correct marks of 2000 documents took %.0f ms", filter)
		assert.Zero(t, eval[map[string]int](t, tb, shownCounts)["correct"])
		tb.screenshot(t, dir, "synthetic-2000.png")
		tb.noConsoleErrors(t)
	})
}
