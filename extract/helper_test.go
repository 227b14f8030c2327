package extract

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/arabench/arabench/extract/wire"
)

// The external-program tests run this test binary as the program: with
// helperEnv set, TestMain plays an extractor instead of running the tests, so
// the tests need nothing but Go. The first argument picks the behaviour.
const helperEnv = "ARABENCH_EXTRACT_TEST_HELPER"

func TestMain(m *testing.M) {
	if os.Getenv(helperEnv) == "1" {
		os.Exit(helperMain(os.Args[1:]))
	}
	os.Exit(m.Run())
}

// quoteArg quotes an argument so that splitArgs gives it back unchanged.
func quoteArg(a string) string {
	if a != "" && !strings.ContainsAny(a, " \t\n\r'\"\\$`") {
		return a
	}
	return "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
}

// helperSpec is the cmd: spec that runs this binary as a helper in mode.
func helperSpec(t testing.TB, mode string) string {
	t.Helper()
	t.Setenv(helperEnv, "1")
	// A race-enabled helper would otherwise sleep a second at every exit.
	t.Setenv("GORACE", "atexit_sleep_ms=0")
	return CommandPrefix + quoteArg(os.Args[0]) + " " + mode
}

// helperMain is the helper program. Modes:
//
//	tag        answer every document: each run of ASCII digits is a NUM with
//	           its value; directives in the text change the answer (below)
//	log        print a log line on standard output first, then as tag
//	exit       write to stderr and exit 2 without reading
//	noread     never read the input; sleep
//	linger     as tag, but keep running after the input closes
//	failclose  as tag, but exit 4 when the input closes
//	flood      write 20 KiB to stderr and exit 1
//	record D   as tag, and append each document's id to the file D/<pid>
//	slowstart T  sleep T (a Go duration) before reading, then as tag
//	nonewline  write output without a newline, forever
//
// Directives (in tag mode, when the document text contains them): HANG
// (never answer), CRASH (stderr then exit 3), GARBAGE (a line that is not
// JSON), WRONGDOC (answer for another document), RANGE (end beyond the text),
// REVERSED, EMPTY, BADTYPE, BADTEXT, NOSTART, NOMENTIONS, REPORT (an "error"
// answer), TWOLINES (an extra line after the answer), LASTWORDS (answer,
// then exit 3), LONG (a 3000-byte field in the answer), ONCE (an "error"
// answer the first time this process sees the document id), SLEEP (answer
// after 100ms).
func helperMain(args []string) int {
	mode := "tag"
	if len(args) > 0 {
		mode = args[0]
	}
	switch mode {
	case "exit":
		fmt.Fprintln(os.Stderr, "helper: cannot load the model")
		return 2
	case "noread":
		time.Sleep(time.Minute)
		return 0
	case "flood":
		fmt.Fprint(os.Stderr, "FIRST-LINE\n")
		fmt.Fprint(os.Stderr, strings.Repeat("x", 20<<10))
		fmt.Fprint(os.Stderr, "\nLAST-LINE\n")
		return 1
	case "log":
		fmt.Println("loading model...")
	case "slowstart":
		d, err := time.ParseDuration(args[1])
		if err != nil {
			return 7
		}
		time.Sleep(d)
	case "nonewline":
		chunk := []byte(strings.Repeat("x", 64<<10))
		for {
			if _, err := os.Stdout.Write(chunk); err != nil {
				return 8
			}
		}
	}
	var record *os.File
	if mode == "record" {
		f, err := os.OpenFile(filepath.Join(args[1], strconv.Itoa(os.Getpid())), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err != nil {
			return 9
		}
		defer f.Close()
		record = f
	}
	seen := map[string]bool{}
	in := bufio.NewReader(os.Stdin)
	for {
		line, err := in.ReadBytes('\n')
		if len(line) > 0 {
			var req wire.Request
			if json.Unmarshal(line, &req) != nil {
				fmt.Fprintf(os.Stderr, "helper: bad request %q\n", line)
				return 5
			}
			if record != nil {
				fmt.Fprintln(record, req.Doc)
			}
			if code := helperAnswer(req, seen); code >= 0 {
				return code
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return 6
		}
	}
	switch mode {
	case "linger":
		time.Sleep(time.Minute)
	case "failclose":
		fmt.Fprintln(os.Stderr, "helper: failing at the end")
		return 4
	}
	return 0
}

// helperAnswer prints the answer to one request; it returns an exit code to
// stop with, or -1 to go on.
func helperAnswer(req wire.Request, seen map[string]bool) int {
	text := req.Text
	n := utf8.RuneCountInString(text)
	answer := map[string]any{"doc": req.Doc}
	var mentions []map[string]any
	// Digit runs, in code points.
	cp, runStart, run := 0, -1, ""
	for _, r := range text + " " {
		if r >= '0' && r <= '9' {
			if runStart < 0 {
				runStart = cp
			}
			run += string(r)
		} else if runStart >= 0 {
			mentions = append(mentions, map[string]any{"start": runStart, "end": cp, "type": "NUM", "text": run, "value": run})
			runStart, run = -1, ""
		}
		cp++
	}
	answer["mentions"] = mentions
	if mentions == nil {
		answer["mentions"] = []any{}
	}
	bad := func(m map[string]any) { answer["mentions"] = append(mentions, m) }
	switch {
	case strings.Contains(text, "HANG"):
		time.Sleep(time.Minute)
		return 0
	case strings.Contains(text, "CRASH"):
		fmt.Fprintf(os.Stderr, "helper: crashing on %s\n", req.Doc)
		return 3
	case strings.Contains(text, "GARBAGE"):
		fmt.Println("this is not json")
		return -1
	case strings.Contains(text, "WRONGDOC"):
		answer["doc"] = "someone-else"
	case strings.Contains(text, "RANGE"):
		bad(map[string]any{"start": 0, "end": n + 5, "type": "LOC"})
	case strings.Contains(text, "REVERSED"):
		bad(map[string]any{"start": 3, "end": 1, "type": "LOC"})
	case strings.Contains(text, "EMPTY"):
		bad(map[string]any{"start": 2, "end": 2, "type": "LOC"})
	case strings.Contains(text, "BADTYPE"):
		bad(map[string]any{"start": 0, "end": 1, "type": "GPE X"})
	case strings.Contains(text, "BADTEXT"):
		bad(map[string]any{"start": 0, "end": 1, "type": "LOC", "text": "nothing like it"})
	case strings.Contains(text, "NOSTART"):
		bad(map[string]any{"end": 1, "type": "LOC"})
	case strings.Contains(text, "NOMENTIONS"):
		delete(answer, "mentions")
	case strings.Contains(text, "REPORT"), strings.Contains(text, "ONCE") && !seen[req.Doc]:
		delete(answer, "mentions")
		answer["error"] = "out of memory on this one"
	case strings.Contains(text, "LONG"):
		answer["pad"] = strings.Repeat("x", 3000)
	case strings.Contains(text, "SLEEP"):
		time.Sleep(100 * time.Millisecond)
	}
	seen[req.Doc] = true
	b, _ := json.Marshal(answer)
	fmt.Printf("%s\n", b)
	if strings.Contains(text, "TWOLINES") {
		fmt.Println(`{"doc":"extra","mentions":[]}`)
	}
	if strings.Contains(text, "LASTWORDS") {
		return 3
	}
	return -1
}
