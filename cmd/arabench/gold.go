package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/evalset"
	"github.com/arabench/arabench/gold"
)

// embeddedGold returns the gold folder built into the binary. It is nil in a
// build without one, and then `gold check` needs a DIR.
var embeddedGold = func() (fs.FS, error) { return gold.SeedFS(), nil }

func init() {
	commands["gold"] = command{summary: "check a gold's structure (any gold) and guidelines (arabench's own), and count it (gold check [PATH])", run: runGold}
}

const goldUsage = `usage: arabench gold check [flags] [PATH]

Validates a gold and prints its mentions per document and type. PATH is a
brat folder (<doc>.ann per document; entities.tsv, annotation.conf and
links optional), a CoNLL token file or a JSONL spans file, told apart by
content; it defaults to the gold built into arabench.

Every gold is checked for structure: syntax, spans inside their document
and equal to its text, labels matching [A-Za-z][A-Za-z0-9_.-]* and, when
the folder has an annotation.conf, declared in its [entities]. Overlapping
and nested spans are allowed. These are exactly what eval and score refuse.
arabench's own gold (the built-in one, or a folder with the same content),
or any gold with --guidelines, is also checked against the annotation
guidelines (gold/GUIDELINES.md): five types, flat spans, a link on every
name, a value on every number.

Problems are listed as file:line: what is wrong; warnings do not fail the
check. Exit status: 0 the gold passes, 1 it breaks a rule, 2 bad usage or
unreadable input.

flags:
`

func runGold(_ context.Context, e *env, args []string) int {
	if len(args) > 0 && args[0] == "check" {
		return runGoldCheck(e, args[1:])
	}
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
		fmt.Fprint(e.stdout, goldUsage)
		return exitOK
	}
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, "arabench gold: missing subcommand: the one subcommand is check (arabench gold check [PATH])")
	} else {
		fmt.Fprintf(e.stderr, "arabench gold: unknown subcommand %q: the one subcommand is check (arabench gold check [PATH])\n", args[0])
	}
	return exitUsage
}

func runGoldCheck(e *env, args []string) int {
	flags := flag.NewFlagSet("gold check", flag.ContinueOnError)
	corpusDir := flags.String("corpus", "", "check a brat folder's .ann files against the .txt documents of `DIR` (default: the .txt files beside them, else the built-in seed corpus)")
	withGuidelines := flags.Bool("guidelines", false, "apply arabench's annotation guidelines to any gold (always applied to arabench's own)")
	var tf tokenFlags
	tf.register(flags)
	flags.Usage = func() {
		fmt.Fprint(flags.Output(), goldUsage)
		flags.PrintDefaults()
	}
	// Flags may stand before or after PATH.
	var paths []string
	for {
		if code, ok := parseFlags(e, flags, args); !ok {
			return code
		}
		if flags.NArg() == 0 {
			break
		}
		paths = append(paths, flags.Arg(0))
		args = flags.Args()[1:]
	}
	if len(paths) > 1 {
		return usageError(e, "gold check", fmt.Sprintf("one gold at a time, got %d: %s", len(paths), strings.Join(paths, " ")))
	}
	opts, err := tf.options()
	if err != nil {
		return usageError(e, "gold check", err.Error())
	}
	seedHash := ""
	if g, err := gold.Seed(); err == nil {
		seedHash = g.Hash()
	}

	var r gold.Report
	var c *corpus.Corpus
	switch {
	case len(paths) == 0:
		if embeddedGold == nil {
			fmt.Fprintln(e.stderr, "arabench gold check: no embedded gold in this build; give the gold folder: arabench gold check DIR")
			return exitUsage
		}
		fsys, err := embeddedGold()
		if err != nil {
			fmt.Fprintf(e.stderr, "arabench gold check: embedded gold: %v\n", err)
			return exitUsage
		}
		if c, err = evalset.BratCorpus(*corpusDir, ""); err != nil {
			fmt.Fprintf(e.stderr, "arabench gold check: %v\n", err)
			return exitUsage
		}
		r = gold.Check(fsys, c, gold.CheckOptions{Guidelines: true})
		// The embedded files are the repository's gold/ folder: name them so.
		for i := range r.Problems {
			r.Problems[i].File = path.Join("gold", r.Problems[i].File)
		}
	default:
		format, err := gold.DetectFormat(paths[0])
		if err != nil && !os.IsNotExist(errors.Unwrap(err)) {
			fmt.Fprintf(e.stderr, "arabench gold check: %v\n", err)
			return exitUsage
		}
		if format == gold.FormatCoNLL || format == gold.FormatJSONL {
			if *corpusDir != "" || *withGuidelines {
				return usageError(e, "gold check", fmt.Sprintf("%s is a %s gold: its corpus is its own text (no --corpus), and the guidelines are for brat folders (no --guidelines)", paths[0], format))
			}
			var g *gold.Gold
			c, g, err = gold.ReadFile(paths[0], format, opts)
			if err != nil {
				fmt.Fprintf(e.stderr, "arabench gold check: %v\n", err)
				return exitFailed
			}
			r = gold.Report{Docs: g.Counts(), Types: g.Types(), Hash: g.Hash()}
			break
		}
		if c, err = evalset.BratCorpus(*corpusDir, paths[0]); err != nil {
			fmt.Fprintf(e.stderr, "arabench gold check: %v\n", err)
			return exitUsage
		}
		r = gold.CheckDir(paths[0], c, gold.CheckOptions{Guidelines: true})
		if !*withGuidelines && r.Hash != seedHash {
			r = gold.CheckDir(paths[0], c, gold.CheckOptions{})
		}
	}

	if r.Docs == nil {
		// The folder itself could not be read: bad input, not a failed check.
		for _, p := range r.Problems {
			fmt.Fprintf(e.stderr, "arabench gold check: %v\n", p)
		}
		return exitUsage
	}
	if err := r.WriteTable(e.stdout); err != nil {
		fmt.Fprintf(e.stderr, "arabench gold check: writing the table: %v\n", err)
		return exitFailed
	}
	if warnings := r.Warnings(); len(warnings) > 0 {
		fmt.Fprintf(e.stdout, "\n%s:\n", count(len(warnings), "warning", "warnings"))
		for _, p := range warnings {
			fmt.Fprintln(e.stdout, p)
		}
	}
	if errs := r.Errors(); len(errs) > 0 {
		for _, p := range errs {
			fmt.Fprintln(e.stderr, p)
		}
		fmt.Fprintf(e.stderr, "arabench gold check: %s; the gold fails where listed above\n", count(len(errs), "problem", "problems"))
		return exitFailed
	}
	total := r.Total()
	fmt.Fprintf(e.stdout, "\ngold ok: %s, %s, %s, %s (gold:%s, corpus:%s)\n",
		count(len(r.Docs), "document", "documents"), count(total.Mentions(), "mention", "mentions"),
		count(total.Links, "link", "links"), count(total.Values, "value", "values"), r.Hash, c.Name)
	return exitOK
}
