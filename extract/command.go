package extract

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/extract/wire"
)

// Defaults and limits of CommandOptions.
const (
	// DefaultTimeout is how long an external program may take over one
	// document, after its first answer, when CommandOptions.Timeout is zero.
	DefaultTimeout = 30 * time.Second
	// DefaultStartupTimeout is how long an external program may take from
	// its start to its first answer when CommandOptions.StartupTimeout is
	// zero: long enough to load a large model.
	DefaultStartupTimeout = 10 * time.Minute
	// DefaultGrace is how long a program gets to exit on its own, after its
	// input is closed or it closed its output, before it is killed, when
	// CommandOptions.Grace is zero.
	DefaultGrace = 2 * time.Second
	// DefaultMaxLine is the longest answer line read from a program when
	// CommandOptions.MaxLine is zero.
	DefaultMaxLine = 64 << 20
	// MinLineLimit and MaxLineLimit bound CommandOptions.MaxLine.
	MinLineLimit = 1 << 10
	MaxLineLimit = 1 << 30
	// MaxJobs bounds CommandOptions.Jobs.
	MaxJobs = 256
)

// stderrKeep is how much of a program's standard error is kept for errors.
const stderrKeep = 4 << 10

// CommandOptions tune an external extractor. The zero value is the default.
type CommandOptions struct {
	// Timeout bounds the time from sending a document to reading its answer,
	// for every answer but the first of each run of the program; 0 means
	// DefaultTimeout.
	Timeout time.Duration
	// StartupTimeout bounds the time from starting the program to its first
	// answer (loading a model, then the first document); it applies again
	// each time the program is restarted. The first answer gets at least
	// Timeout. 0 means DefaultStartupTimeout.
	StartupTimeout time.Duration
	// Grace is how long the program gets to exit on its own before it is
	// killed; 0 means DefaultGrace.
	Grace time.Duration
	// MaxLine is the longest answer line, in bytes without its newline, that
	// is read from the program; a longer line fails its document and stops
	// the program, so that memory stays bounded whatever the program writes.
	// 0 means DefaultMaxLine; otherwise it must lie in [MinLineLimit,
	// MaxLineLimit].
	MaxLine int
	// Jobs is how many copies of the program run side by side (see
	// Command.ExtractOn); 0 means 1, at most MaxJobs.
	Jobs int
	// Stderr, when not nil, receives a copy of the program's standard error
	// as it is written, besides the tail kept for errors. Write errors on it
	// are ignored; writes from several copies of the program are serialized.
	Stderr io.Writer
}

// check refuses values out of range and fills in the defaults.
func (o *CommandOptions) check() error {
	switch {
	case o.Timeout < 0:
		return fmt.Errorf("timeout %v is negative", o.Timeout)
	case o.StartupTimeout < 0:
		return fmt.Errorf("start-up timeout %v is negative", o.StartupTimeout)
	case o.Grace < 0:
		return fmt.Errorf("grace period %v is negative", o.Grace)
	case o.MaxLine != 0 && (o.MaxLine < MinLineLimit || o.MaxLine > MaxLineLimit):
		return fmt.Errorf("answer line limit %s is outside [%s, %s]", sizeString(o.MaxLine), sizeString(MinLineLimit), sizeString(MaxLineLimit))
	case o.Jobs < 0 || o.Jobs > MaxJobs:
		return fmt.Errorf("%d jobs: want 1 to %d processes", o.Jobs, MaxJobs)
	}
	if o.Timeout == 0 {
		o.Timeout = DefaultTimeout
	}
	if o.StartupTimeout == 0 {
		o.StartupTimeout = DefaultStartupTimeout
	}
	if o.Grace == 0 {
		o.Grace = DefaultGrace
	}
	if o.MaxLine == 0 {
		o.MaxLine = DefaultMaxLine
	}
	if o.Jobs == 0 {
		o.Jobs = 1
	}
	if o.Stderr != nil {
		o.Stderr = &lockedWriter{w: o.Stderr}
	}
	return nil
}

// Command is an external program used as an extractor, by the protocol that
// PROTOCOL.md describes. It runs CommandOptions.Jobs copies of the program,
// its workers; each is started on its first document and kept running, and
// takes one document at a time. A document that times out, or output the
// harness cannot follow (a line that is not JSON or too long, an answer for
// another document), stops that copy, and its next document starts it again.
// Close stops them for good.
//
// Command is a Pool: Run gives each worker its share of the documents in
// input order. Extract, for other callers, uses whichever worker is free.
//
// Every error Extract returns is a *DocError that names the program, the
// document, the output line when there is one, and ends with the tail of the
// program's standard error. Output line numbers count the lines of the
// current run of the program, from 1.
type Command struct {
	name    string
	argv    []string
	opts    CommandOptions
	workers []*worker
	idle    chan int // the workers Extract may take
}

// worker is one copy of the program, restarted as needed.
type worker struct {
	mu     sync.Mutex
	p      *process // nil when the program is not running
	closed bool
}

// NewCommand makes an extractor of the external program spec,
// "cmd:<program> [args]" (the "cmd:" prefix may be left out). The spec is
// split into arguments with shell-like quoting (single and double quotes,
// backslash) and run without a shell; the program is looked up in PATH
// unless it contains a slash. It is not started until the first document.
// Options out of range are an error.
func NewCommand(spec string, opts CommandOptions) (*Command, error) {
	line := strings.TrimSpace(strings.TrimPrefix(spec, CommandPrefix))
	name := CommandPrefix + line
	argv, err := splitArgs(line)
	if err != nil {
		return nil, fmt.Errorf("extract: %s: %w", name, err)
	}
	if len(argv) == 0 {
		return nil, fmt.Errorf("extract: %q names no program: write cmd:<program> [args]", spec)
	}
	if err := opts.check(); err != nil {
		return nil, fmt.Errorf("extract: %s: %w", name, err)
	}
	path, err := exec.LookPath(argv[0])
	if err != nil {
		return nil, fmt.Errorf("extract: %s: %w", name, err)
	}
	argv[0] = path
	c := &Command{name: name, argv: argv, opts: opts, idle: make(chan int, opts.Jobs)}
	for w := range opts.Jobs {
		c.workers = append(c.workers, &worker{})
		c.idle <- w
	}
	return c, nil
}

// Name returns the spec the extractor was made from, "cmd:<program> [args]".
func (c *Command) Name() string { return c.name }

// Workers returns the number of copies of the program, CommandOptions.Jobs.
func (c *Command) Workers() int { return len(c.workers) }

// Extract sends doc to a copy of the program that is not busy, waiting for
// one if need be, and reads its answer.
func (c *Command) Extract(ctx context.Context, doc corpus.Document) ([]Mention, error) {
	select {
	case w := <-c.idle:
		defer func() { c.idle <- w }()
		return c.ExtractOn(ctx, w, doc)
	case <-ctx.Done():
		return nil, c.fail(nil, doc.ID, 0, ctx.Err())
	}
}

// ExtractOn sends doc to copy w of the program, 0 <= w < Workers(), and reads
// its answer. Calls for one copy wait for each other, so the copy sees the
// documents in the order of the calls.
func (c *Command) ExtractOn(ctx context.Context, w int, doc corpus.Document) ([]Mention, error) {
	if w < 0 || w >= len(c.workers) {
		return nil, c.fail(nil, doc.ID, 0, fmt.Errorf("no worker %d: the program runs as %d processes", w, len(c.workers)))
	}
	req, err := wire.AppendRequest(nil, doc)
	if err != nil {
		return nil, c.fail(nil, doc.ID, 0, fmt.Errorf("cannot encode the document: %w", err))
	}
	wk := c.workers[w]
	wk.mu.Lock()
	defer wk.mu.Unlock()
	if wk.closed {
		return nil, c.fail(nil, doc.ID, 0, errors.New("the extractor is closed"))
	}
	if err := ctx.Err(); err != nil {
		return nil, c.fail(nil, doc.ID, 0, err)
	}
	if p := wk.p; p != nil && p.hasExited() {
		// The program ended after its previous answer; say so rather than
		// sending this document into a closed pipe.
		wk.p = nil
		p.settle()
		return nil, c.fail(p, doc.ID, 0, fmt.Errorf("the program %s after its previous answer; it starts again for the next document", p.status()))
	}
	if wk.p == nil {
		p, err := c.start()
		if err != nil {
			return nil, c.fail(nil, doc.ID, 0, fmt.Errorf("cannot start the program: %w", err))
		}
		wk.p = p
	}
	ms, keep, err := c.exchange(ctx, wk.p, doc, req)
	if !keep {
		wk.p = nil
	}
	return ms, err
}

// exchange writes the request req for doc to p and reads the answer. keep is
// false when p was stopped, or can no longer be trusted to answer the next
// document.
func (c *Command) exchange(ctx context.Context, p *process, doc corpus.Document, req []byte) (ms []Mention, keep bool, err error) {
	limit, first := c.opts.Timeout, p.line == 0
	if first {
		limit = max(c.opts.StartupTimeout, c.opts.Timeout)
	}
	tctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()

	// The write runs on its own so that a program that stops reading cannot
	// block the timeout; stopping the program closes the pipe and ends it.
	written := make(chan error, 1)
	go func() {
		_, err := p.stdin.Write(req)
		written <- err
	}()
	var (
		line   []byte
		lines  = p.lines  // nil once the answer is in
		exited = p.exited // nil once the program was seen to exit
		drain  <-chan time.Time
	)
	for lines != nil || written != nil {
		select {
		case err := <-written:
			written = nil
			if err != nil {
				p.settle()
				return nil, false, c.fail(p, doc.ID, 0, fmt.Errorf("the program stopped reading its input (%v) and %s", err, p.status()))
			}
		case out, ok := <-lines:
			lines = nil
			if !ok {
				p.settle()
				return nil, false, c.fail(p, doc.ID, 0, fmt.Errorf("the program closed its output before answering and %s", p.status()))
			}
			p.line++
			if out.tooLong {
				p.kill()
				return nil, false, c.fail(p, doc.ID, p.line, fmt.Errorf("the line is longer than %s, the limit on one answer (--max-line): stopped the program", sizeString(c.opts.MaxLine)))
			}
			line = out.b
		case <-exited:
			// The program ended, maybe leaving children that hold its output
			// open. Kill them, so that its output ends, and read what it
			// wrote before it ended: that may still be its answer.
			exited = nil
			killGroup(p.cmd)
			drain = time.After(c.opts.Grace)
		case <-drain:
			p.shutdown(0)
			return nil, false, c.fail(p, doc.ID, 0, fmt.Errorf("the program %s without answering", p.status()))
		case <-tctx.Done():
			p.kill()
			if err := ctx.Err(); err != nil {
				return nil, false, c.fail(p, doc.ID, 0, fmt.Errorf("stopped the program: %w", err))
			}
			if first {
				return nil, false, c.fail(p, doc.ID, 0, fmt.Errorf("no first answer within %v of starting the program (--startup-timeout, for its start-up and first document): stopped the program, which starts again for the next document (it must flush its output after each line)", limit))
			}
			return nil, false, c.fail(p, doc.ID, 0, fmt.Errorf("no answer within %v (--timeout): stopped the program, which starts again for the next document (it must flush its output after each line)", limit))
		}
	}
	ms, inStep, err := checkAnswer(doc, line)
	if !inStep {
		p.kill()
	}
	if err != nil {
		return nil, inStep, c.fail(p, doc.ID, p.line, err)
	}
	return ms, inStep, nil
}

// checkAnswer reads one output line as the answer for doc. inStep is false
// when the output can no longer be trusted to answer the next document.
func checkAnswer(doc corpus.Document, line []byte) (ms []Mention, inStep bool, err error) {
	w, problem := wire.DecodeLine(bytes.TrimSpace(line))
	if problem != "" {
		return nil, false, fmt.Errorf("%s; the output must hold one JSON line per document and nothing else (write logs to standard error): stopped the program", problem)
	}
	if *w.Doc != doc.ID {
		return nil, false, fmt.Errorf("answers for doc %q: the output is out of step; stopped the program", *w.Doc)
	}
	if w.Error != nil {
		return nil, true, fmt.Errorf("the program reported an error: %s", *w.Error)
	}
	ms, problems := wire.ToMentions(doc, corpus.NewIndex(doc.Text), *w.Mentions)
	if len(problems) > 0 {
		return nil, true, errors.New(strings.Join(problems, "; "))
	}
	return ms, true, nil
}

// Close stops every copy of the program: it closes their input, waits for
// them to exit for the grace period, then kills them. It reports a program
// that exits with a failure status or has to be killed. Extract fails after
// Close; Close may be called more than once.
func (c *Command) Close() error {
	errs := make([]error, len(c.workers))
	var wg sync.WaitGroup
	for i, wk := range c.workers {
		wg.Go(func() { errs[i] = c.closeWorker(i, wk) })
	}
	wg.Wait()
	return errors.Join(errs...)
}

func (c *Command) closeWorker(i int, wk *worker) error {
	wk.mu.Lock()
	defer wk.mu.Unlock()
	if wk.closed {
		return nil
	}
	wk.closed = true
	p := wk.p
	wk.p = nil
	if p == nil {
		return nil
	}
	which := ""
	if len(c.workers) > 1 {
		which = fmt.Sprintf(" (process %d of %d)", i+1, len(c.workers))
	}
	p.stdin.Close()
	if !p.settle() {
		return fmt.Errorf("extract: %s%s: did not exit within %v of its input closing: killed%s", c.name, which, c.opts.Grace, p.stderr.suffix())
	}
	if p.waitErr != nil {
		return fmt.Errorf("extract: %s%s: %s after its input closed%s", c.name, which, p.status(), p.stderr.suffix())
	}
	return nil
}

// fail builds the *DocError of a failure on doc; line is the output line it
// concerns, 0 for none. p, when not nil, contributes its stderr tail.
func (c *Command) fail(p *process, doc string, line int, err error) error {
	f := &commandFailure{line: line, err: err}
	if p != nil {
		f.stderr = p.stderr.suffix()
	}
	return &DocError{Extractor: c.name, Doc: doc, Err: f}
}

// commandFailure is the Err of an external program's DocError.
type commandFailure struct {
	line   int
	err    error
	stderr string
}

func (f *commandFailure) Error() string {
	if f.line > 0 {
		return fmt.Sprintf("output line %d: %v%s", f.line, f.err, f.stderr)
	}
	return f.err.Error() + f.stderr
}

func (f *commandFailure) Unwrap() error { return f.err }

// process is one run of the program. Its three standard streams are pipes of
// our own, read by goroutines of our own, so that Wait returns as soon as the
// program exits, whoever else still holds the pipes: the exit, and its
// status, are seen when they happen.
type process struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stdout *os.File // the read ends of the program's standard output
	errOut *os.File // and standard error
	stderr *tail
	grace  time.Duration // how long to wait for the program and its streams to end
	line   int           // output lines read

	lines    chan outputLine // output lines; closed at the end of the output
	quit     chan struct{}   // closed to stop the reader
	readDone chan struct{}   // closed when the reader returned
	errDone  chan struct{}   // closed when the stderr copy returned
	exited   chan struct{}   // closed when Wait returned
	waitErr  error           // set before exited is closed
	stopped  bool            // the readers have been shut down
}

// outputLine is one line of the program's output, or the news that the line
// passed the limit (its bytes are not kept).
type outputLine struct {
	b       []byte
	tooLong bool
}

func (c *Command) start() (*process, error) {
	cmd := exec.Command(c.argv[0], c.argv[1:]...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	// Output and errors go through pipes of our own rather than StdoutPipe
	// and a Writer: Wait closes StdoutPipe's read end when the program
	// exits, which could lose an answer written just before a crash, and
	// it waits for a Writer's copy to end, which a child of the program
	// holding the pipe delays until killed.
	outR, outW, err := os.Pipe()
	if err != nil {
		stdin.Close()
		return nil, err
	}
	errR, errW, err := os.Pipe()
	if err != nil {
		stdin.Close()
		outR.Close()
		outW.Close()
		return nil, err
	}
	cmd.Stdout, cmd.Stderr = outW, errW
	setProcessGroup(cmd)
	err = cmd.Start()
	outW.Close()
	errW.Close()
	if err != nil {
		outR.Close()
		errR.Close()
		return nil, err
	}
	p := &process{
		cmd:      cmd,
		stdin:    stdin,
		stdout:   outR,
		errOut:   errR,
		stderr:   &tail{tee: c.opts.Stderr},
		grace:    c.opts.Grace,
		lines:    make(chan outputLine),
		quit:     make(chan struct{}),
		readDone: make(chan struct{}),
		errDone:  make(chan struct{}),
		exited:   make(chan struct{}),
	}
	go p.read(c.opts.MaxLine)
	go func() {
		defer close(p.errDone)
		// The tail never fails; the copy ends at the end of the stream or
		// when shutdown closes it.
		_, _ = io.Copy(p.stderr, p.errOut)
	}()
	go func() {
		p.waitErr = cmd.Wait()
		close(p.exited)
	}()
	return p, nil
}

// read sends the program's output lines until the output ends, a line is too
// long or quit closes. A last line without a newline is sent too.
func (p *process) read(maxLine int) {
	defer close(p.readDone)
	defer close(p.lines)
	br := bufio.NewReaderSize(p.stdout, 64<<10)
	for {
		line, tooLong, err := readLine(br, maxLine)
		if len(line) > 0 || tooLong {
			select {
			case p.lines <- outputLine{b: line, tooLong: tooLong}:
			case <-p.quit:
				return
			}
		}
		if err != nil || tooLong {
			return
		}
	}
}

// readLine reads one line and its newline from br. A line of more than
// maxLine bytes, not counting the newline, is not kept: tooLong is true and
// the line's remaining bytes are left unread, so that memory stays bounded
// whatever the program writes. A long line is gathered in pieces and joined
// once, rather than grown by appending, so that it costs little more than
// its size at its peak.
func readLine(br *bufio.Reader, maxLine int) (line []byte, tooLong bool, err error) {
	var (
		pieces [][]byte
		size   int
	)
	for {
		frag, err := br.ReadSlice('\n')
		n := len(frag)
		if err == nil {
			n-- // the newline
		}
		if size+n > maxLine {
			return nil, true, nil
		}
		size += len(frag)
		if err != bufio.ErrBufferFull {
			if pieces == nil {
				return bytes.Clone(frag), false, err
			}
			line = make([]byte, 0, size)
			for _, p := range pieces {
				line = append(line, p...)
			}
			return append(line, frag...), false, err
		}
		pieces = append(pieces, bytes.Clone(frag))
	}
}

// hasExited reports whether the program has exited.
func (p *process) hasExited() bool {
	select {
	case <-p.exited:
		return true
	default:
		return false
	}
}

// settle waits up to the grace period for the program to exit, kills it if
// it does not, kills what it left running, and shuts the readers down. It
// reports whether the program exited on its own.
func (p *process) settle() bool {
	timer := time.NewTimer(p.grace)
	defer timer.Stop()
	select {
	case <-p.exited:
		killGroup(p.cmd)
		p.shutdown(p.grace)
		return true
	case <-timer.C:
		p.kill()
		return false
	}
}

// kill stops the program and everything it started (its process group, where
// there is one), waits for it and shuts the readers down.
func (p *process) kill() {
	killGroup(p.cmd)
	<-p.exited
	p.shutdown(p.grace)
}

// shutdown stops the readers after the program exited. The stderr copy gets
// up to wait to reach the end of the stream, so that the error shows all the
// program wrote; closing the read ends then ends a read that something
// outside the process group still holds open.
func (p *process) shutdown(wait time.Duration) {
	if p.stopped {
		return
	}
	p.stopped = true
	close(p.quit)
	p.stdout.Close()
	<-p.readDone
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case <-p.errDone:
	case <-timer.C:
	}
	p.errOut.Close()
	<-p.errDone
}

// status says how the program ended; call it after it exited.
func (p *process) status() string {
	if p.waitErr == nil {
		return "exited with status 0"
	}
	var ee *exec.ExitError
	if errors.As(p.waitErr, &ee) {
		return fmt.Sprintf("exited (%v)", ee)
	}
	return fmt.Sprintf("ended (%v)", p.waitErr)
}

// sizeString writes a byte count in the largest binary unit that divides it.
func sizeString(n int) string {
	for _, u := range []struct {
		name  string
		shift uint
	}{{"GiB", 30}, {"MiB", 20}, {"KiB", 10}} {
		if n >= 1<<u.shift && n%(1<<u.shift) == 0 {
			return fmt.Sprintf("%d %s", n>>u.shift, u.name)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}

// lockedWriter serializes writes to w.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}

// tail keeps the last stderrKeep bytes written to it, and copies everything
// to tee when tee is not nil.
type tail struct {
	mu  sync.Mutex
	buf []byte
	cut bool // bytes were dropped from the front
	tee io.Writer
}

func (t *tail) Write(b []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.tee != nil {
		// A failing copy must not make the program's stderr fail.
		_, _ = t.tee.Write(b)
	}
	t.buf = append(t.buf, b...)
	if over := len(t.buf) - stderrKeep; over > 0 {
		t.buf = append(t.buf[:0], t.buf[over:]...)
		t.cut = true
	}
	return len(b), nil
}

// suffix formats the kept stderr for the end of an error message: "" when
// there is none, else an indented block after a newline.
func (t *tail) suffix() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	b := bytes.TrimRight(t.buf, "\n\r\t ")
	if len(b) == 0 {
		return ""
	}
	head := "\n  stderr:"
	if t.cut {
		// Start at a character boundary.
		for len(b) > 0 && !utf8.RuneStart(b[0]) {
			b = b[1:]
		}
		head = fmt.Sprintf("\n  stderr (last %d KiB):", stderrKeep>>10)
	}
	var sb strings.Builder
	sb.WriteString(head)
	for _, l := range strings.Split(string(b), "\n") {
		sb.WriteString("\n  | ")
		sb.WriteString(strings.TrimRight(l, "\r"))
	}
	return sb.String()
}
