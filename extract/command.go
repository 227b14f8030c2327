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
)

// DefaultTimeout is how long an external program may take over one document
// when CommandOptions.Timeout is zero.
const DefaultTimeout = 30 * time.Second

// DefaultGrace is how long a program gets to exit on its own, after its input
// is closed or it closed its output, before it is killed, when
// CommandOptions.Grace is zero.
const DefaultGrace = 2 * time.Second

// stderrKeep is how much of a program's standard error is kept for errors.
const stderrKeep = 4 << 10

// CommandOptions tune an external extractor. The zero value is the default.
type CommandOptions struct {
	// Timeout bounds the time from sending a document to reading its answer
	// (the first document's time includes the program's start-up); 0 means
	// DefaultTimeout.
	Timeout time.Duration
	// Grace is how long the program gets to exit on its own before it is
	// killed; 0 means DefaultGrace.
	Grace time.Duration
	// Stderr, when not nil, receives a copy of the program's standard error
	// as it is written, besides the tail kept for errors. Write errors on it
	// are ignored.
	Stderr io.Writer
}

// Command is an external program used as an extractor, by the protocol that
// PROTOCOL.md describes. It starts the program on the first document and
// keeps it running; requests are sent one at a time, so concurrent calls to
// Extract wait for each other. A document that times out, or output the
// harness cannot follow (a line that is not JSON, an answer for another
// document), stops the program, and the next document starts it again.
// Close stops it for good.
//
// Every error Extract returns is a *DocError that names the program, the
// document, the output line when there is one, and ends with the tail of the
// program's standard error. Output line numbers count the lines of the
// current run of the program, from 1.
type Command struct {
	name string
	argv []string
	opts CommandOptions

	mu     sync.Mutex
	p      *process // nil when the program is not running
	closed bool
}

// NewCommand makes an extractor of the external program spec,
// "cmd:<program> [args]" (the "cmd:" prefix may be left out). The spec is
// split into arguments with shell-like quoting (single and double quotes,
// backslash) and run without a shell; the program is looked up in PATH
// unless it contains a slash. It is not started until the first document.
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
	path, err := exec.LookPath(argv[0])
	if err != nil {
		return nil, fmt.Errorf("extract: %s: %w", name, err)
	}
	argv[0] = path
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Grace <= 0 {
		opts.Grace = DefaultGrace
	}
	return &Command{name: name, argv: argv, opts: opts}, nil
}

// Name returns the spec the extractor was made from, "cmd:<program> [args]".
func (c *Command) Name() string { return c.name }

// Extract sends doc to the program and reads its answer.
func (c *Command) Extract(ctx context.Context, doc corpus.Document) ([]Mention, error) {
	req, err := appendJSON(nil, wireRequest{Doc: doc.ID, Text: doc.Text})
	if err != nil {
		return nil, c.fail(nil, doc.ID, 0, fmt.Errorf("cannot encode the document: %w", err))
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil, c.fail(nil, doc.ID, 0, errors.New("the extractor is closed"))
	}
	if err := ctx.Err(); err != nil {
		return nil, c.fail(nil, doc.ID, 0, err)
	}
	if c.p == nil {
		p, err := c.start()
		if err != nil {
			return nil, c.fail(nil, doc.ID, 0, fmt.Errorf("cannot start the program: %w", err))
		}
		c.p = p
	}
	p := c.p
	tctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()

	// The write runs on its own so that a program that stops reading cannot
	// block the timeout; stopping the program closes the pipe and ends it.
	written := make(chan error, 1)
	go func() {
		_, err := p.stdin.Write(req)
		written <- err
	}()
	var (
		line  []byte
		ok    bool
		lines = p.lines // nil once the answer is in
	)
	for lines != nil || written != nil {
		select {
		case err := <-written:
			written = nil
			if err != nil {
				c.p = nil
				p.settle(c.opts.Grace)
				return nil, c.fail(p, doc.ID, 0, fmt.Errorf("the program stopped reading its input (%v) and %s", err, p.status()))
			}
		case line, ok = <-lines:
			lines = nil
			if !ok {
				c.p = nil
				p.settle(c.opts.Grace)
				return nil, c.fail(p, doc.ID, 0, fmt.Errorf("the program closed its output before answering and %s", p.status()))
			}
			p.line++
		case <-tctx.Done():
			c.p = nil
			p.kill()
			if err := ctx.Err(); err != nil {
				return nil, c.fail(p, doc.ID, 0, fmt.Errorf("stopped the program: %w", err))
			}
			return nil, c.fail(p, doc.ID, 0, fmt.Errorf("no answer within %v: stopped the program, which starts again for the next document (it must flush its output after each line)", c.opts.Timeout))
		}
	}
	ms, inStep, err := checkAnswer(doc, line)
	if !inStep {
		c.p = nil
		p.kill()
	}
	if err != nil {
		return nil, c.fail(p, doc.ID, p.line, err)
	}
	return ms, nil
}

// checkAnswer reads one output line as the answer for doc. inStep is false
// when the output can no longer be trusted to answer the next document.
func checkAnswer(doc corpus.Document, line []byte) (ms []Mention, inStep bool, err error) {
	w, problem := decodeLine(bytes.TrimSpace(line))
	if problem != "" {
		return nil, false, fmt.Errorf("%s; the output must hold one JSON line per document and nothing else (write logs to standard error): stopped the program", problem)
	}
	if *w.Doc != doc.ID {
		return nil, false, fmt.Errorf("answers for doc %q: the output is out of step; stopped the program", *w.Doc)
	}
	if w.Error != nil {
		return nil, true, fmt.Errorf("the program reported an error: %s", *w.Error)
	}
	ms, problems := toMentions(doc, corpus.NewIndex(doc.Text), *w.Mentions)
	if len(problems) > 0 {
		return nil, true, errors.New(strings.Join(problems, "; "))
	}
	return ms, true, nil
}

// Close stops the program: it closes its input, waits for it to exit for the
// grace period, then kills it. It reports a program that exits with a failure
// status or has to be killed. Extract fails after Close; Close may be called
// more than once.
func (c *Command) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil
	}
	c.closed = true
	p := c.p
	c.p = nil
	if p == nil {
		return nil
	}
	p.stdin.Close()
	if !p.settle(c.opts.Grace) {
		return fmt.Errorf("extract: %s: did not exit within %v of its input closing: killed%s", c.name, c.opts.Grace, p.stderr.suffix())
	}
	if p.waitErr != nil {
		return fmt.Errorf("extract: %s: %s after its input closed%s", c.name, p.status(), p.stderr.suffix())
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

// process is one run of the program.
type process struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stdout *os.File // the read end of the program's standard output
	stderr *tail
	line   int // output lines read

	lines    chan []byte   // output lines; closed at the end of the output
	quit     chan struct{} // closed to stop the reader
	readDone chan struct{} // closed when the reader returned
	exited   chan struct{} // closed when Wait returned
	waitErr  error         // set before exited is closed
	stopped  bool          // the reader has been shut down
}

func (c *Command) start() (*process, error) {
	cmd := exec.Command(c.argv[0], c.argv[1:]...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	// The program's output goes through a pipe of our own rather than
	// StdoutPipe: Wait closes StdoutPipe's read end when the program exits,
	// which could lose an answer written just before a crash.
	r, w, err := os.Pipe()
	if err != nil {
		stdin.Close()
		return nil, err
	}
	cmd.Stdout = w
	t := &tail{tee: c.opts.Stderr}
	cmd.Stderr = t
	cmd.WaitDelay = c.opts.Grace
	setProcessGroup(cmd)
	if err := cmd.Start(); err != nil {
		r.Close()
		w.Close()
		return nil, err
	}
	w.Close()
	p := &process{
		cmd:      cmd,
		stdin:    stdin,
		stdout:   r,
		stderr:   t,
		lines:    make(chan []byte),
		quit:     make(chan struct{}),
		readDone: make(chan struct{}),
		exited:   make(chan struct{}),
	}
	go p.read()
	go func() {
		p.waitErr = cmd.Wait()
		close(p.exited)
	}()
	return p, nil
}

// read sends the program's output lines until the output ends or quit closes.
// A last line without a newline is sent too.
func (p *process) read() {
	defer close(p.readDone)
	defer close(p.lines)
	br := bufio.NewReaderSize(p.stdout, 64<<10)
	for {
		line, err := br.ReadBytes('\n')
		if len(line) > 0 {
			select {
			case p.lines <- line:
			case <-p.quit:
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// settle waits up to grace for the program to exit, kills it if it does not,
// and shuts the reader down. It reports whether the program exited on its own.
func (p *process) settle(grace time.Duration) bool {
	timer := time.NewTimer(grace)
	defer timer.Stop()
	select {
	case <-p.exited:
		p.shutdown()
		return true
	case <-timer.C:
		p.kill()
		return false
	}
}

// kill stops the program (its whole process group, where there is one) and
// waits for it.
func (p *process) kill() {
	killProcess(p.cmd)
	<-p.exited
	p.shutdown()
}

// shutdown stops the reader after the program exited: closing the read end
// ends a read that a surviving child of the program still holds open.
func (p *process) shutdown() {
	if p.stopped {
		return
	}
	p.stopped = true
	close(p.quit)
	p.stdout.Close()
	<-p.readDone
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
