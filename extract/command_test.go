package extract

import (
	"bufio"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/corpus"
)

// newHelper starts nothing yet: it builds the extractor that runs the test
// binary in mode, and closes it when the test ends.
func newHelper(t testing.TB, mode string, opts CommandOptions) *Command {
	t.Helper()
	c, err := NewCommand(helperSpec(t, mode), opts)
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func docErr(t *testing.T, err error) *DocError {
	t.Helper()
	var de *DocError
	require.ErrorAs(t, err, &de)
	return de
}

func TestCommandAnswersWithByteOffsets(t *testing.T) {
	c := newHelper(t, "tag", CommandOptions{})
	// "في 2024 زار" — ف ي are 2 bytes each, so "2024" is code points [3,7)
	// and bytes [5,9).
	doc := corpus.Document{ID: "d1", Text: "في 2024 زار 15 مدينة"}
	ms, err := c.Extract(context.Background(), doc)
	require.NoError(t, err)
	require.Len(t, ms, 2)
	assert.Equal(t, Mention{Start: 5, End: 9, Type: "NUM", Text: "2024", Value: "2024"}, ms[0])
	assert.Equal(t, "15", doc.Text[ms[1].Start:ms[1].End])

	// The same process answers the next document.
	pid := c.workers[0].p.cmd.Process.Pid
	ms, err = c.Extract(context.Background(), corpus.Document{ID: "d2", Text: "لا أرقام"})
	require.NoError(t, err)
	assert.Empty(t, ms)
	assert.Equal(t, pid, c.workers[0].p.cmd.Process.Pid, "one long-lived process")
}

func TestCommandThroughRunIsDeterministic(t *testing.T) {
	c := newHelper(t, "tag", CommandOptions{})
	var docs []corpus.Document
	for i := range 12 {
		docs = append(docs, corpus.Document{ID: string(rune('a' + i)), Text: strings.Repeat("عدد 7 ", i+1)})
	}
	res := Run(context.Background(), c, docs)
	require.Empty(t, res.Errors)
	require.Len(t, res.Docs, len(docs))
	for i, d := range res.Docs {
		assert.Equal(t, docs[i].ID, d.Doc, "input order")
		assert.Len(t, d.Mentions, i+1)
	}
}

// TestCommandBadOutput sends one bad document, then a good one: the error
// must name the program, the document and the output line, and the
// extractor must recover for the next document.
func TestCommandBadOutput(t *testing.T) {
	cases := []struct {
		name      string
		text      string
		wantLine  int
		want      string
		restarted bool // the program had to be stopped
	}{
		{"garbage on stdout stops the program", "GARBAGE", 1, `): "this is not json"; the output must hold one JSON line per document`, true},
		{"an answer for another document stops the program", "WRONGDOC", 1, `answers for doc "someone-else"`, true},
		{"offsets beyond the text", "RANGE 1", 1, "mention 2: span [0,12) is outside the text, which has 7 code points", false},
		{"reversed offsets", "REVERSED", 1, "mention 1: span [3,1) is reversed", false},
		{"an empty span", "EMPTY", 1, "mention 1: span [2,2) is empty", false},
		{"a type that cannot be a label", "BADTYPE", 1, `mention 1: type "GPE X" holds a space or control character`, false},
		{"text that disagrees with the span", "BADTEXT", 1, `mention 1: text "nothing like it" does not match the span, which reads "B"`, false},
		{"a mention without start", "NOSTART", 1, `mention 1: no "start"`, false},
		{"an answer without mentions", "NOMENTIONS", 1, `no "mentions" field`, true},
		{"the program reports an error", "REPORT", 1, "the program reported an error: out of memory on this one", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newHelper(t, "tag", CommandOptions{})
			_, err := c.Extract(context.Background(), corpus.Document{ID: "bad-doc", Text: tc.text})
			require.Error(t, err)
			de := docErr(t, err)
			assert.Equal(t, c.Name(), de.Extractor)
			assert.Equal(t, "bad-doc", de.Doc)
			msg := err.Error()
			assert.Contains(t, msg, `extractor "cmd:`)
			assert.Contains(t, msg, `doc "bad-doc"`)
			assert.Contains(t, msg, "output line 1: ")
			assert.Contains(t, msg, tc.want)
			assert.Equal(t, tc.restarted, c.workers[0].p == nil, "stopped after the bad answer")

			ms, err := c.Extract(context.Background(), corpus.Document{ID: "good", Text: "رقم 42"})
			require.NoError(t, err, "the next document is answered")
			require.Len(t, ms, 1)
			assert.Equal(t, "42", ms[0].Value)
		})
	}
}

func TestCommandOutOfStepAfterAnExtraLine(t *testing.T) {
	c := newHelper(t, "tag", CommandOptions{})
	_, err := c.Extract(context.Background(), corpus.Document{ID: "one", Text: "TWOLINES"})
	require.NoError(t, err)
	_, err = c.Extract(context.Background(), corpus.Document{ID: "two", Text: "x"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `doc "two": output line 2: answers for doc "extra"`)
	_, err = c.Extract(context.Background(), corpus.Document{ID: "three", Text: "x"})
	assert.NoError(t, err, "restarted in step")
}

func TestCommandLogLineOnStdoutIsExplained(t *testing.T) {
	c := newHelper(t, "log", CommandOptions{})
	_, err := c.Extract(context.Background(), corpus.Document{ID: "d", Text: "x"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `output line 1: not JSON`)
	assert.Contains(t, err.Error(), `"loading model..."`)
	assert.Contains(t, err.Error(), "write logs to standard error")
}

func TestCommandThatExitsNonZero(t *testing.T) {
	c := newHelper(t, "exit", CommandOptions{})
	for _, id := range []string{"first", "second"} {
		_, err := c.Extract(context.Background(), corpus.Document{ID: id, Text: "x"})
		require.Error(t, err, "every document restarts the program")
		msg := err.Error()
		assert.Contains(t, msg, `doc "`+id+`"`)
		assert.Contains(t, msg, "exit status 2")
		assert.Contains(t, msg, "helper: cannot load the model", "stderr is in the error")
		assert.NotContains(t, msg, "output line", "no line was read")
	}
}

func TestCommandThatCrashesMidRun(t *testing.T) {
	c := newHelper(t, "tag", CommandOptions{})
	_, err := c.Extract(context.Background(), corpus.Document{ID: "ok", Text: "1"})
	require.NoError(t, err)
	_, err = c.Extract(context.Background(), corpus.Document{ID: "boom", Text: "CRASH"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "exit status 3")
	assert.Contains(t, err.Error(), "helper: crashing on boom")
	_, err = c.Extract(context.Background(), corpus.Document{ID: "after", Text: "2"})
	assert.NoError(t, err)
}

func TestCommandKeepsAnAnswerWrittenJustBeforeAnExit(t *testing.T) {
	c := newHelper(t, "tag", CommandOptions{})
	for range 20 {
		ms, err := c.Extract(context.Background(), corpus.Document{ID: "last", Text: "LASTWORDS 5"})
		require.NoError(t, err, "the answer is read although the program exits right after it")
		require.Len(t, ms, 1)
		// The next document finds the program gone; the loop's next round
		// restarts it.
		_, err = c.Extract(context.Background(), corpus.Document{ID: "next", Text: "6"})
		require.Error(t, err)
		assert.Contains(t, err.Error(), "exit status 3")
	}
}

func TestCommandStderrKeepsOnlyItsTail(t *testing.T) {
	c := newHelper(t, "flood", CommandOptions{})
	_, err := c.Extract(context.Background(), corpus.Document{ID: "d", Text: "x"})
	require.Error(t, err)
	msg := err.Error()
	assert.Contains(t, msg, "exit status 1")
	assert.Contains(t, msg, "LAST-LINE")
	assert.NotContains(t, msg, "FIRST-LINE", "the head of a long stderr is dropped")
	assert.Contains(t, msg, "stderr (last 4 KiB)")
	assert.Less(t, len(msg), stderrKeep+1000)
}

func TestCommandTimeoutStopsAndRestarts(t *testing.T) {
	c := newHelper(t, "tag", CommandOptions{Timeout: 300 * time.Millisecond})
	_, err := c.Extract(context.Background(), corpus.Document{ID: "first", Text: "1"})
	require.NoError(t, err)
	begin := time.Now()
	_, err = c.Extract(context.Background(), corpus.Document{ID: "slow", Text: "HANG"})
	require.Error(t, err)
	assert.Less(t, time.Since(begin), 10*time.Second)
	assert.Contains(t, err.Error(), `doc "slow": no answer within 300ms (--timeout): stopped the program`)
	ms, err := c.Extract(context.Background(), corpus.Document{ID: "next", Text: "3"})
	require.NoError(t, err, "the next document restarts the program")
	assert.Len(t, ms, 1)
}

func TestCommandTimeoutWhileTheProgramDoesNotRead(t *testing.T) {
	c := newHelper(t, "noread", CommandOptions{Timeout: 300 * time.Millisecond, StartupTimeout: 300 * time.Millisecond})
	// 1 MiB does not fit in a pipe: the write blocks until the program is
	// stopped.
	big := corpus.Document{ID: "big", Text: strings.Repeat("ب", 512<<10)}
	_, err := c.Extract(context.Background(), big)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no first answer within 300ms of starting the program")
}

func TestCommandCancelledContext(t *testing.T) {
	c := newHelper(t, "tag", CommandOptions{})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	_, err := c.Extract(ctx, corpus.Document{ID: "slow", Text: "HANG"})
	require.Error(t, err)
	assert.ErrorIs(t, err, context.Canceled)

	_, err = c.Extract(ctx, corpus.Document{ID: "later", Text: "1"})
	assert.ErrorIs(t, err, context.Canceled, "nothing starts on an ended context")
}

func TestCommandClose(t *testing.T) {
	t.Run("a program that exits on end of input closes cleanly", func(t *testing.T) {
		c := newHelper(t, "tag", CommandOptions{})
		_, err := c.Extract(context.Background(), corpus.Document{ID: "d", Text: "1"})
		require.NoError(t, err)
		assert.NoError(t, c.Close())
		assert.NoError(t, c.Close(), "Close twice")
		_, err = c.Extract(context.Background(), corpus.Document{ID: "d", Text: "1"})
		assert.ErrorContains(t, err, "the extractor is closed")
	})
	t.Run("a program that never started closes cleanly", func(t *testing.T) {
		c := newHelper(t, "tag", CommandOptions{})
		assert.NoError(t, c.Close())
	})
	t.Run("a program that fails at the end is reported", func(t *testing.T) {
		c := newHelper(t, "failclose", CommandOptions{})
		_, err := c.Extract(context.Background(), corpus.Document{ID: "d", Text: "1"})
		require.NoError(t, err)
		err = c.Close()
		require.Error(t, err)
		assert.Contains(t, err.Error(), "exit status 4")
		assert.Contains(t, err.Error(), "helper: failing at the end")
	})
	t.Run("a program that ignores end of input is killed after the grace", func(t *testing.T) {
		c := newHelper(t, "linger", CommandOptions{Grace: 200 * time.Millisecond})
		_, err := c.Extract(context.Background(), corpus.Document{ID: "d", Text: "1"})
		require.NoError(t, err)
		begin := time.Now()
		err = c.Close()
		require.Error(t, err)
		assert.Contains(t, err.Error(), "did not exit within 200ms")
		assert.Less(t, time.Since(begin), 10*time.Second)
	})
}

func TestCommandKillsTheShellsChildren(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	// The trailing ':' keeps sh from exec'ing sleep, so sleep is a child
	// of the program that holds its output open.
	c, err := NewCommand(`cmd:sh -c 'sleep 30; :'`, CommandOptions{Timeout: 300 * time.Millisecond, StartupTimeout: 300 * time.Millisecond, Grace: 300 * time.Millisecond})
	require.NoError(t, err)
	defer c.Close()
	begin := time.Now()
	_, err = c.Extract(context.Background(), corpus.Document{ID: "d", Text: "x"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no first answer within 300ms of starting the program (--startup-timeout")
	assert.Less(t, time.Since(begin), 5*time.Second)
}

// openFiles counts the open file descriptors of this process, or -1 where
// /proc is not there.
func openFiles() int {
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(fds)
}

func TestCommandLeavesNoGoroutinesNorFiles(t *testing.T) {
	before, files := runtime.NumGoroutine(), openFiles()
	runs := []struct {
		mode  string
		texts []string
	}{
		{"tag", []string{"1", "HANG", "GARBAGE", "CRASH", "RANGE", "2"}},
		{"exit", []string{"1", "2"}},
		{"noread", []string{strings.Repeat("ب", 100<<10)}},
		{"log", []string{"1"}},
		{"linger", []string{"1"}},
	}
	for _, r := range runs {
		c, err := NewCommand(helperSpec(t, r.mode), CommandOptions{Timeout: 200 * time.Millisecond, StartupTimeout: 200 * time.Millisecond, Grace: 100 * time.Millisecond})
		require.NoError(t, err)
		for _, text := range r.texts {
			_, _ = c.Extract(context.Background(), corpus.Document{ID: "d", Text: text})
		}
		_ = c.Close()
	}
	// Goroutines of exec and the runtime wind down asynchronously.
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	assert.LessOrEqual(t, runtime.NumGoroutine(), before)
	assert.LessOrEqual(t, openFiles(), files, "every pipe is closed")
}

func TestNewCommandRefusesBadSpecs(t *testing.T) {
	cases := []struct {
		name, spec, want string
	}{
		{"no program", "cmd:", "names no program"},
		{"only spaces", "cmd:   ", "names no program"},
		{"an unclosed single quote", "cmd:python3 'x.py", "single quote at byte 8"},
		{"an unclosed double quote", `cmd:python3 "x.py`, "double quote at byte 8"},
		{"a trailing backslash", `cmd:python3 x.py\`, "backslash at the end"},
		{"a program that is not there", "cmd:no-such-program-anywhere --flag", "no-such-program-anywhere"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewCommand(tc.spec, CommandOptions{})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestNewCommandKeepsTheSpecAsName(t *testing.T) {
	c, err := NewCommand("cmd:sh -c 'exit 0'", CommandOptions{})
	if errors.Is(err, exec.ErrNotFound) {
		t.Skip("no sh")
	}
	require.NoError(t, err)
	assert.Equal(t, "cmd:sh -c 'exit 0'", c.Name())
	assert.Equal(t, []string{"-c", "exit 0"}, c.argv[1:])
	c2, err := NewCommand("sh -c 'exit 0'", CommandOptions{})
	require.NoError(t, err)
	assert.Equal(t, c.Name(), c2.Name(), "the cmd: prefix is optional")
	assert.Equal(t, DefaultTimeout, c.opts.Timeout)
}

func TestSplitArgs(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want []string
	}{
		{"spaces and tabs separate", "python3  x.py\t--flag", []string{"python3", "x.py", "--flag"}},
		{"single quotes keep spaces", "sh -c 'echo a  b'", []string{"sh", "-c", "echo a  b"}},
		{"single quotes keep backslashes and double quotes", `'a\"b'`, []string{`a\"b`}},
		{"double quotes keep spaces", `x "a b"`, []string{"x", "a b"}},
		{"backslash escapes a double quote inside double quotes", `"say \"hi\""`, []string{`say "hi"`}},
		{"other backslashes stay inside double quotes", `"a\nb"`, []string{`a\nb`}},
		{"backslash escapes a space outside quotes", `my\ prog arg`, []string{"my prog", "arg"}},
		{"backslash escapes an Arabic letter whole", `\بحث`, []string{"بحث"}},
		{"quotes join with the text around them", `a'b'"c"`, []string{"abc"}},
		{"an empty quoted argument is kept", `x '' ""`, []string{"x", "", ""}},
		{"no shell meaning for pipes and variables", `a | b $HOME > c`, []string{"a", "|", "b", "$HOME", ">", "c"}},
		{"nothing at all", "  ", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := splitArgs(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func FuzzSplitArgs(f *testing.F) {
	for _, s := range []string{"a b", `sh -c 'x "y"'`, `a\ b`, `"a\"b"`, "'", `\`, "بحث 'عن شيء'"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		args, err := splitArgs(s)
		if err != nil {
			return
		}
		// Quoting the arguments back gives a line that splits the same way.
		quoted := make([]string, len(args))
		for i, a := range args {
			quoted[i] = quoteArg(a)
		}
		again, err := splitArgs(strings.Join(quoted, " "))
		require.NoError(t, err)
		if len(args) == 0 {
			assert.Empty(t, again)
			return
		}
		assert.Equal(t, args, again)
	})
}

func TestPythonExample(t *testing.T) {
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is not on PATH")
	}
	ex, err := New("cmd:python3 ../examples/extractors/regex_extractor.py")
	require.NoError(t, err)
	c := ex.(*Command)
	defer func() { assert.NoError(t, c.Close()) }()

	// "زار بوتين موسكو في ٢٠٢٤ مع 3 وزراء" — موسكو is code points [10,15),
	// ٢٠٢٤ (Arabic-Indic digits) is [19,23) with value 2024, 3 is [27,28).
	doc := corpus.Document{ID: "ex", Text: "زار بوتين موسكو في ٢٠٢٤ مع 3 وزراء"}
	ms, err := c.Extract(context.Background(), doc)
	require.NoError(t, err)
	var got []string
	for _, m := range ms {
		got = append(got, m.Type+":"+m.Text+":"+m.Value)
	}
	assert.Equal(t, []string{"LOC:موسكو:", "NUM:٢٠٢٤:2024", "NUM:3:3"}, got)

	res := Run(context.Background(), c, corpus.Seed().Documents)
	assert.Empty(t, res.Errors, "the example answers every seed document")
}

func TestNewCommandRefusesOptionsOutOfRange(t *testing.T) {
	cases := []struct {
		name string
		opts CommandOptions
		want string
	}{
		{"a negative timeout", CommandOptions{Timeout: -time.Second}, "timeout -1s is negative"},
		{"a negative start-up timeout", CommandOptions{StartupTimeout: -time.Second}, "start-up timeout -1s is negative"},
		{"a negative grace", CommandOptions{Grace: -time.Second}, "grace period -1s is negative"},
		{"a line limit below 1 KiB", CommandOptions{MaxLine: 100}, "answer line limit 100 bytes is outside [1 KiB, 1 GiB]"},
		{"a line limit above 1 GiB", CommandOptions{MaxLine: 2 << 30}, "answer line limit 2 GiB is outside [1 KiB, 1 GiB]"},
		{"negative jobs", CommandOptions{Jobs: -1}, "-1 jobs: want 1 to 256 processes"},
		{"too many jobs", CommandOptions{Jobs: 257}, "257 jobs: want 1 to 256 processes"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewCommand(helperSpec(t, "tag"), tc.opts)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	c := newHelper(t, "tag", CommandOptions{})
	assert.Equal(t, CommandOptions{Timeout: DefaultTimeout, StartupTimeout: DefaultStartupTimeout, Grace: DefaultGrace, MaxLine: DefaultMaxLine, Jobs: 1}, c.opts, "zero means the defaults")
}

func TestCommandAnswerLineLimit(t *testing.T) {
	// The LONG answer is a little over 3000 bytes.
	t.Run("a line over the limit fails its document and stops the program", func(t *testing.T) {
		c := newHelper(t, "tag", CommandOptions{MaxLine: 2 << 10})
		_, err := c.Extract(context.Background(), corpus.Document{ID: "long-doc", Text: "LONG"})
		require.Error(t, err)
		assert.Contains(t, err.Error(), `doc "long-doc": output line 1: the line is longer than 2 KiB, the limit on one answer (--max-line): stopped the program`)
		assert.Nil(t, c.workers[0].p, "stopped")
		ms, err := c.Extract(context.Background(), corpus.Document{ID: "next", Text: "7"})
		require.NoError(t, err, "the next document restarts the program")
		assert.Len(t, ms, 1)
	})
	t.Run("a line under the limit is read", func(t *testing.T) {
		c := newHelper(t, "tag", CommandOptions{MaxLine: 4 << 10})
		ms, err := c.Extract(context.Background(), corpus.Document{ID: "long-doc", Text: "LONG 5"})
		require.NoError(t, err)
		assert.Len(t, ms, 1)
	})
	t.Run("output without a newline is cut at the limit, not at the timeout", func(t *testing.T) {
		c := newHelper(t, "nonewline", CommandOptions{MaxLine: 1 << 20, Timeout: time.Minute, StartupTimeout: time.Minute})
		begin := time.Now()
		_, err := c.Extract(context.Background(), corpus.Document{ID: "endless", Text: "x"})
		require.Error(t, err)
		assert.Less(t, time.Since(begin), 10*time.Second)
		assert.Contains(t, err.Error(), `doc "endless": output line 1: the line is longer than 1 MiB`)
	})
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n += n
	return n, err
}

// endless is an output that never ends and never has a newline.
type endless struct{}

func (endless) Read(b []byte) (int, error) {
	for i := range b {
		b[i] = 'x'
	}
	return len(b), nil
}

func TestReadLine(t *testing.T) {
	const limit = 10
	cases := []struct {
		name    string
		in      string
		want    []string // the lines read, then "TOO LONG" when one is
		wantErr error
	}{
		{"lines at the limit are read", "0123456789\nabc\n", []string{"0123456789\n", "abc\n"}, io.EOF},
		{"the newline does not count", "0123456789\n", []string{"0123456789\n"}, io.EOF},
		{"a last line without a newline is read", "ab\ncd", []string{"ab\n", "cd"}, io.EOF},
		{"a line one byte over the limit is not", "ab\n0123456789a\nok\n", []string{"ab\n", "TOO LONG"}, nil},
		{"a last line over the limit without a newline is not", "0123456789a", []string{"TOO LONG"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// The smallest buffer bufio allows, so that lines span several
			// reads of it.
			br := bufio.NewReaderSize(strings.NewReader(tc.in), 16)
			var got []string
			for {
				line, tooLong, err := readLine(br, limit)
				if tooLong {
					got = append(got, "TOO LONG")
					assert.NoError(t, err)
					break
				}
				if len(line) > 0 {
					got = append(got, string(line))
				}
				if err != nil {
					assert.Equal(t, tc.wantErr, err)
					break
				}
			}
			assert.Equal(t, tc.want, got)
		})
	}
	t.Run("an endless line is read no further than the limit and one buffer", func(t *testing.T) {
		cr := &countingReader{r: endless{}}
		br := bufio.NewReaderSize(cr, 4096)
		line, tooLong, err := readLine(br, 1<<20)
		assert.True(t, tooLong)
		assert.NoError(t, err)
		assert.Nil(t, line)
		assert.LessOrEqual(t, cr.n, 1<<20+4096)
	})
}

func TestCommandStartupTimeout(t *testing.T) {
	t.Run("a slow start within the start-up timeout is not killed", func(t *testing.T) {
		// Loading takes 500ms, more than the per-document timeout.
		c := newHelper(t, "slowstart 500ms", CommandOptions{Timeout: 300 * time.Millisecond, StartupTimeout: 5 * time.Second})
		_, err := c.Extract(context.Background(), corpus.Document{ID: "first", Text: "1"})
		require.NoError(t, err)
		pid := c.workers[0].p.cmd.Process.Pid
		_, err = c.Extract(context.Background(), corpus.Document{ID: "second", Text: "2"})
		require.NoError(t, err)
		assert.Equal(t, pid, c.workers[0].p.cmd.Process.Pid, "not restarted")

		// A hang after the first answer gets the per-document timeout;
		// the restarted program gets the start-up timeout again.
		begin := time.Now()
		_, err = c.Extract(context.Background(), corpus.Document{ID: "hang", Text: "HANG"})
		require.Error(t, err)
		assert.Contains(t, err.Error(), `doc "hang": no answer within 300ms (--timeout)`)
		assert.Less(t, time.Since(begin), 3*time.Second)
		_, err = c.Extract(context.Background(), corpus.Document{ID: "after", Text: "3"})
		require.NoError(t, err, "the restarted program loads for 500ms again, within the start-up timeout")
		assert.NotEqual(t, pid, c.workers[0].p.cmd.Process.Pid, "restarted")
	})
	t.Run("a start past the start-up timeout is killed", func(t *testing.T) {
		c := newHelper(t, "slowstart 5s", CommandOptions{Timeout: 100 * time.Millisecond, StartupTimeout: 300 * time.Millisecond})
		begin := time.Now()
		_, err := c.Extract(context.Background(), corpus.Document{ID: "first", Text: "1"})
		require.Error(t, err)
		assert.Contains(t, err.Error(), `doc "first": no first answer within 300ms of starting the program (--startup-timeout, for its start-up and first document)`)
		assert.Less(t, time.Since(begin), 3*time.Second)
	})
}

func TestCommandSeesAnExitAtOnce(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh to run the program")
	}
	// The shell exits with status 7 at once, while the sleep it started
	// keeps its output open: the exit and its status are what the error
	// says, not a timeout 30 seconds later.
	c, err := NewCommand(`cmd:sh -c 'sleep 30 & echo "child $!" >&2; exit 7'`, CommandOptions{Timeout: 30 * time.Second, StartupTimeout: 30 * time.Second, Grace: 500 * time.Millisecond})
	require.NoError(t, err)
	defer c.Close()
	begin := time.Now()
	_, err = c.Extract(context.Background(), corpus.Document{ID: "d", Text: "x"})
	require.Error(t, err)
	assert.Less(t, time.Since(begin), 5*time.Second)
	msg := err.Error()
	assert.Contains(t, msg, "exit status 7")
	assert.NotContains(t, msg, "no answer within")
	assert.Contains(t, msg, "stderr:\n  | child ", "the stderr written before the exit is kept")
}
