package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/extract"
)

// Limits of eval's flags for running extractors.
const (
	defaultMaxFailures = 5
	maxRetries         = 10
)

// procFlags are eval's flags for running an extractor: how an external
// program runs and when a run gives up.
type procFlags struct {
	timeout     time.Duration
	startup     time.Duration
	maxLine     sizeFlag
	jobs        int
	maxFailures int
	retries     int
	progress    bool
	cache       cacheFlag
}

func (p *procFlags) register(fs *flag.FlagSet) {
	p.maxLine = sizeFlag{n: extract.DefaultMaxLine, min: extract.MinLineLimit, max: extract.MaxLineLimit}
	fs.DurationVar(&p.timeout, "timeout", extract.DefaultTimeout, "time limit of a 'cmd:' extractor on each document after its first answer; past it the program is killed and restarted for the next document")
	fs.DurationVar(&p.startup, "startup-timeout", extract.DefaultStartupTimeout, "time limit of a 'cmd:' extractor from its start to its first answer (loading a model, then the first document), again after every restart")
	fs.Var(&p.maxLine, "max-line", fmt.Sprintf("longest answer line a 'cmd:' extractor may write (a size such as 512KiB, 64MiB, 1GiB), from %s to %s; a longer line fails its document", formatSize(extract.MinLineLimit), formatSize(extract.MaxLineLimit)))
	fs.IntVar(&p.jobs, "jobs", 1, fmt.Sprintf("copies of a 'cmd:' extractor run side by side, 1 to %d; copy k gets documents k, k+N, k+2N, … of the corpus, in corpus order", extract.MaxJobs))
	fs.IntVar(&p.maxFailures, "max-failures", defaultMaxFailures, "stop an extractor after this many documents in a row failed; the rest are recorded as not run (0: never stop)")
	fs.IntVar(&p.retries, "retries", 0, fmt.Sprintf("send a document that failed again, right away, up to this many times (0 to %d)", maxRetries))
	p.cache.register(fs)
	fs.BoolVar(&p.progress, "progress", false, "print a progress line every few seconds when stderr is not a terminal (on a terminal a progress bar is always shown)")
}

// check refuses values out of range, naming the limit; --max-line is checked
// as it is parsed.
func (p *procFlags) check() error {
	switch {
	case p.timeout <= 0:
		return fmt.Errorf("--timeout %v: must be more than 0", p.timeout)
	case p.startup <= 0:
		return fmt.Errorf("--startup-timeout %v: must be more than 0", p.startup)
	case p.jobs < 1 || p.jobs > extract.MaxJobs:
		return fmt.Errorf("--jobs %d: must be from 1 to %d", p.jobs, extract.MaxJobs)
	case p.maxFailures < 0:
		return fmt.Errorf("--max-failures %d: must be 0 (never stop) or more", p.maxFailures)
	case p.retries < 0 || p.retries > maxRetries:
		return fmt.Errorf("--retries %d: must be from 0 to %d", p.retries, maxRetries)
	}
	return p.cache.open()
}

// newExtractor builds a registered extractor, or an external program run as
// the flags say, behind the --cache when there is one.
func (p *procFlags) newExtractor(name string) (extract.Extractor, error) {
	if strings.HasPrefix(name, extract.CommandPrefix) {
		return p.cache.wrap(extract.NewCommand(name, extract.CommandOptions{
			Timeout:        p.timeout,
			StartupTimeout: p.startup,
			MaxLine:        p.maxLine.n,
			Jobs:           p.jobs,
		}))
	}
	return p.cache.wrap(extract.New(name))
}

// extractorRun is one extractor's run over the documents of an evaluation,
// given in batches: its progress on standard error, its errors printed as
// each batch ends, and a summary at the end.
type extractorRun struct {
	p       *procFlags
	e       *env
	name    string
	ex      extract.Extractor
	runner  *extract.Runner
	prog    progress
	total   int
	failed  bool
	retried int
	notRun  int
	stopped error
}

// start builds extractor name and starts its run over total documents,
// with progress on e.stderr; err is a failure to build the extractor.
func (p *procFlags) start(e *env, name string, total int) (*extractorRun, error) {
	ex, err := p.newExtractor(name)
	if err != nil {
		return nil, err
	}
	r := &extractorRun{p: p, e: e, name: name, ex: ex, total: total}
	r.prog = startProgress(e.stderr, name, total, p.progress)
	r.runner = extract.NewRunner(ex, extract.RunOptions{Retries: p.retries, MaxFailures: p.maxFailures, Progress: r.prog.set})
	return r, nil
}

// run runs the extractor on the next batch of documents and prints the
// batch's errors.
func (r *extractorRun) run(ctx context.Context, docs []corpus.Document) *extract.Result {
	res := r.runner.Run(ctx, docs)
	for _, err := range res.Errors {
		fmt.Fprintf(r.e.stderr, "arabench eval: %v\n", err)
		r.failed = true
	}
	for _, d := range res.Docs {
		if d.Status == extract.Done && d.Attempts > 1 {
			r.retried++
		}
		if d.Status == extract.NotRun {
			r.notRun++
		}
	}
	if res.Stopped != nil {
		r.stopped = res.Stopped
	}
	return res
}

// finish ends the run: it closes the extractor and prints the documents
// answered only on a retry and why the run stopped early. It reports
// whether the run printed a failure.
func (r *extractorRun) finish(ctx context.Context) (failed bool) {
	r.prog.finish()
	p, e, name := r.p, r.e, r.name
	p.cache.say(e, name, r.ex)
	if cl, ok := r.ex.(io.Closer); ok {
		if err := cl.Close(); err != nil {
			fmt.Fprintf(e.stderr, "arabench eval: %s: closing: %v\n", name, err)
		}
	}
	if r.retried > 0 {
		what := "documents were"
		if r.retried == 1 {
			what = "document was"
		}
		fmt.Fprintf(e.stderr, "arabench eval: %s: %d %s answered only on a retry (--retries %d)\n", name, r.retried, what, p.retries)
	}
	if r.stopped != nil {
		r.failed = true
		why := r.stopped.Error()
		var fl *extract.FailureLimitError
		switch {
		case errors.As(r.stopped, &fl):
			why += fmt.Sprintf(" (--max-failures %d; 0 never stops)", p.maxFailures)
		case ctx.Err() != nil:
			why = "interrupted"
		}
		fmt.Fprintf(e.stderr, "arabench eval: %s: %s: %d of %d documents not run\n", name, why, r.notRun, r.total)
	}
	return r.failed
}

// progressEvery is how often the plain progress line is printed.
var progressEvery = 5 * time.Second

// progress shows how far a run is: a bar on a terminal, a plain line every
// progressEvery for logs when asked, or nothing.
type progress struct {
	set    func(done int) // called as documents finish
	finish func()         // called once, at the end
}

// startProgress starts the progress of a run of name over total documents
// on w: a bar with the count, the rate and the time left when w is a
// terminal; else, when lines is set, a line every progressEvery and one at
// the end; else nothing.
func startProgress(w io.Writer, name string, total int, lines bool) progress {
	label := name
	if r := []rune(label); len(r) > 30 {
		label = string(r[:29]) + "…"
	}
	if isTerminal(w) {
		bar := progressbar.NewOptions(total,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription(label),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("docs"),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(200*time.Millisecond),
			progressbar.OptionClearOnFinish(),
			// Drawn at once, so that the clock starts with the run and a
			// model loading for minutes shows a bar at 0.
			progressbar.OptionSetRenderBlankState(true),
		)
		return progress{
			set: func(done int) { _ = bar.Set(done) },
			finish: func() {
				_ = bar.Exit()
				_ = bar.Clear()
			},
		}
	}
	if !lines {
		return progress{set: func(int) {}, finish: func() {}}
	}
	var done atomic.Int64
	begin := time.Now()
	stop, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		tick := time.NewTicker(progressEvery)
		defer tick.Stop()
		for {
			select {
			case <-tick.C:
				fmt.Fprintf(w, "arabench eval: %s: %s\n", name, progressLine(int(done.Load()), total, time.Since(begin), false))
			case <-stop:
				fmt.Fprintf(w, "arabench eval: %s: %s\n", name, progressLine(int(done.Load()), total, time.Since(begin), true))
				return
			}
		}
	}()
	return progress{
		set:    func(n int) { done.Store(int64(n)) },
		finish: func() { close(stop); <-stopped },
	}
}

// progressLine says how far a run is after elapsed: "120 of 2000 documents
// in 1m0s, 2.0 docs/s, about 15m40s left", without the time left at the end.
func progressLine(done, total int, elapsed time.Duration, end bool) string {
	elapsed = elapsed.Round(time.Second)
	s := fmt.Sprintf("%d of %d documents in %v", done, total, elapsed)
	if elapsed <= 0 || done == 0 {
		return s
	}
	rate := float64(done) / elapsed.Seconds()
	s += fmt.Sprintf(", %.1f docs/s", rate)
	if !end && done < total {
		left := time.Duration(float64(total-done) / rate * float64(time.Second))
		s += fmt.Sprintf(", about %v left", left.Round(time.Second))
	}
	return s
}
