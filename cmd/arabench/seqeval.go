package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/arabench/arabench/conlleval"
	"github.com/arabench/arabench/render"
	"github.com/arabench/arabench/signature"

	"github.com/arabench/arabench/seqeval"
)

// seqevalFlags are score's flags for seqeval's classification report.
type seqevalFlags struct {
	mode    string
	tagging string
}

func (s *seqevalFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&s.mode, "mode", "", "with --conlleval, print seqeval's classification report instead: `default` (seqeval's default mode) or strict (its strict mode, see --tagging)")
}

// wanted reports whether the command line asks for seqeval's report.
func (s *seqevalFlags) wanted(sf *scoreFlags) bool {
	return s.mode != "" || s.tagging != "" || sf.avg == "weighted"
}

// seqevalAllowed are the flags that go with --mode.
var seqevalAllowed = map[string]bool{"conlleval": true, "mode": true, "tagging": true, "avg": true, "format": true, "name": true}

// options checks the flags and returns seqeval's options.
func (s *seqevalFlags) options(fs *flag.FlagSet, path string, sf *scoreFlags) (seqeval.Options, error) {
	var opt seqeval.Options
	var stray []string
	fs.Visit(func(f *flag.Flag) {
		if !seqevalAllowed[f.Name] {
			stray = append(stray, "--"+f.Name)
		}
	})
	sort.Strings(stray)
	switch {
	case s.mode == "":
		return opt, errors.New("--tagging and --avg weighted belong to seqeval's report: add --mode default or --mode strict")
	case path == "":
		return opt, errors.New("--mode scores a conlleval file: give it with --conlleval FILE")
	case len(stray) > 0:
		return opt, fmt.Errorf("%s cannot go with --mode (seqeval's report takes --tagging, --avg, --format and --name)", strings.Join(stray, ", "))
	case s.mode != "default" && s.mode != "strict":
		return opt, fmt.Errorf("unknown --mode %q (want default or strict)", s.mode)
	case s.tagging != "" && s.mode != "strict":
		return opt, errors.New("--tagging goes with --mode strict")
	case sf.avg != "micro" && sf.avg != "macro" && sf.avg != "weighted":
		return opt, fmt.Errorf("unknown average %q (want micro, macro or weighted)", sf.avg)
	case sf.format != string(render.FormatTable) && sf.format != string(render.FormatJSON):
		return opt, fmt.Errorf("--format %s: seqeval's report prints as table or json", sf.format)
	}
	if s.mode == "strict" {
		opt.Strict = true
		if s.tagging != "" {
			sc, err := seqeval.ParseScheme(s.tagging)
			if err != nil {
				return opt, err
			}
			opt.Scheme = sc
		}
	}
	return opt, nil
}

// scoreSeqeval prints seqeval's classification report of a conlleval file:
// a text table like classification_report(digits=4) and the signature, or
// JSON. A file without any entity type is refused: seqeval's macro average
// is NaN there and the others 0, which would read as a score of zero.
func scoreSeqeval(e *env, fs *flag.FlagSet, path, name string, s *seqevalFlags, sf *scoreFlags) int {
	opt, err := s.options(fs, path, sf)
	if err != nil {
		fmt.Fprintf(e.stderr, "arabench score: %v\n", err)
		return exitUsage
	}
	cf, err := readConllFile(e, path)
	if err != nil {
		fmt.Fprintf(e.stderr, "arabench score: %v\n", err)
		return exitUsage
	}
	gold, pred, lines := conllSentences(cf)
	rep, err := seqeval.ClassificationReport(gold, pred, opt)
	var te *seqeval.TagError
	switch {
	case errors.As(err, &te):
		hint := ""
		if opt.Strict {
			hint = "; --tagging names the file's scheme"
		}
		fmt.Fprintf(e.stderr, "arabench score: %s:%d: %s tag: %s (seqeval %s%s)\n", path, lines[te.Sentence][te.Token], te.Side, te.Reason(), modeName(opt), hint)
		return exitUsage
	case errors.Is(err, seqeval.ErrNoSentences):
		fmt.Fprintf(e.stderr, "arabench score: %s: no token to score (seqeval refuses empty input)\n", path)
		return exitUsage
	case err != nil:
		fmt.Fprintf(e.stderr, "arabench score: %s: %v\n", path, err)
		return exitUsage
	case len(rep.Types) == 0:
		fmt.Fprintf(e.stderr, "arabench score: %s: no entity type in this file (no chunk in the gold or the predictions, seqeval %s): "+
			"nothing to score; seqeval's macro average would be NaN and its micro and weighted averages 0\n", path, modeName(opt))
		return exitFailed
	}
	if name == "" {
		name = filepath.Base(path)
	}
	sig := signature.Signature{Gold: "conlleval:" + name, Corpus: fmt.Sprintf("%d-sentences", len(gold)), Norm: "none",
		Scheme: "seqeval-" + strings.ReplaceAll(modeName(opt), " ", "-"), Avg: sf.avg}
	w := bufio.NewWriter(e.stdout)
	if sf.format == string(render.FormatJSON) {
		err = writeSeqevalJSON(w, rep, opt, sf.avg, name, sig)
	} else {
		err = rep.WriteText(w, 4)
		if err == nil {
			_, err = fmt.Fprintln(w, sig.String())
		}
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "arabench score: %v\n", err)
		return exitFailed
	}
	return exitOK
}

// readConllFile reads a conlleval file as conlleval.pl does by default
// (columns cut on single spaces), "-" meaning standard input.
func readConllFile(e *env, path string) (*conlleval.File, error) {
	opts := conlleval.Options{Delimiter: " ", OTag: "O"}
	if path == "-" {
		return conlleval.Read(e.stdin, "-", opts)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return conlleval.Read(f, path, opts)
}

// conllSentences splits a conlleval file into the sentences seqeval is fed:
// a sentence ends at a boundary (empty or -X- line) and at a -DOCSTART- line,
// which is not fed; empty sentences are dropped. lines holds the file line of
// every tag, for errors.
func conllSentences(cf *conlleval.File) (gold, pred [][]string, lines [][]int) {
	var g, p []string
	var l []int
	for i := 0; i <= len(cf.Items); i++ {
		if i < len(cf.Items) && !cf.Items[i].Boundary && cf.Items[i].Word != "-DOCSTART-" {
			it := cf.Items[i]
			g, p, l = append(g, it.Gold), append(p, it.Guess), append(l, it.Line)
			continue
		}
		if len(g) > 0 {
			gold, pred, lines = append(gold, g), append(pred, p), append(lines, l)
			g, p, l = nil, nil, nil
		}
	}
	return gold, pred, lines
}

// modeName names seqeval's mode: "default" or "strict IOB2".
func modeName(opt seqeval.Options) string {
	if opt.Strict {
		return "strict " + opt.Scheme.String()
	}
	return "default"
}

// writeSeqevalJSON writes the report with what it was computed from. The
// headline is the --avg row.
func writeSeqevalJSON(w io.Writer, rep *seqeval.Report, opt seqeval.Options, avg, name string, sig signature.Signature) error {
	head := map[string]seqeval.Row{"micro": rep.Micro, "macro": rep.Macro, "weighted": rep.Weighted}[avg]
	out := struct {
		File      string          `json:"file"`
		Mode      string          `json:"mode"`
		Scheme    string          `json:"scheme,omitempty"`
		Avg       string          `json:"avg"`
		Headline  headlineJSON    `json:"headline"`
		Report    *seqeval.Report `json:"report"`
		Signature string          `json:"signature"`
	}{
		File: name, Mode: "default", Avg: avg,
		Headline:  headlineJSON{Row: head.Name, Precision: head.Precision, Recall: head.Recall, F1: head.F1, Support: head.Support},
		Report:    rep,
		Signature: sig.String(),
	}
	if opt.Strict {
		out.Mode, out.Scheme = "strict", opt.Scheme.String()
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// headlineJSON is the --avg row of the report. It is never NaN: a report
// without types is refused before printing.
type headlineJSON struct {
	Row       string  `json:"row"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1-score"`
	Support   int     `json:"support"`
}
