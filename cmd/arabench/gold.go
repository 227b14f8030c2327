package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"path"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/gold"
)

// embeddedGold returns the gold folder built into the binary. It is nil in a
// build without one, and then `gold check` needs a DIR.
var embeddedGold = func() (fs.FS, error) { return gold.SeedFS(), nil }

func init() {
	commands["gold"] = command{summary: "check the gold annotation against the guidelines and count it (gold check [DIR])", run: runGold}
}

func runGold(_ context.Context, e *env, args []string) int {
	if len(args) > 0 && args[0] == "check" {
		return runGoldCheck(e, args[1:])
	}
	fmt.Fprintln(e.stderr, "usage: arabench gold check [--corpus DIR] [GOLD_DIR]")
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
		return exitOK
	}
	return exitUsage
}

func runGoldCheck(e *env, args []string) int {
	flags := flag.NewFlagSet("gold check", flag.ContinueOnError)
	flags.SetOutput(e.stderr)
	corpusDir := flags.String("corpus", "", "check the .ann files against the .txt documents of `DIR` instead of the embedded seed corpus")
	flags.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: arabench gold check [--corpus DIR] [GOLD_DIR]")
		fmt.Fprintln(e.stderr, "Validates a brat gold folder (<doc>.ann per document, entities.tsv) against the annotation")
		fmt.Fprintln(e.stderr, "guidelines and prints its mentions per document and type. GOLD_DIR defaults to the embedded gold.")
		fmt.Fprintln(e.stderr, "Problems are listed as file:line: what is wrong; warnings do not fail the check.")
		fmt.Fprintln(e.stderr, "Exit status: 0 the gold passes, 1 it breaks a rule, 2 bad usage or unreadable input.")
		flags.PrintDefaults()
	}
	// Flags may stand before or after GOLD_DIR.
	var dirs []string
	for {
		if err := flags.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return exitOK
			}
			return exitUsage
		}
		if flags.NArg() == 0 {
			break
		}
		dirs = append(dirs, flags.Arg(0))
		args = flags.Args()[1:]
	}
	if len(dirs) > 1 {
		flags.Usage()
		return exitUsage
	}

	c := corpus.Seed()
	if *corpusDir != "" {
		var err error
		if c, err = corpus.Load(*corpusDir); err != nil {
			fmt.Fprintf(e.stderr, "arabench gold check: %v\n", err)
			return exitUsage
		}
	}

	var r gold.Report
	if len(dirs) == 1 {
		r = gold.CheckDir(dirs[0], c)
	} else {
		if embeddedGold == nil {
			fmt.Fprintln(e.stderr, "arabench gold check: no embedded gold in this build; give the gold folder: arabench gold check DIR")
			return exitUsage
		}
		fsys, err := embeddedGold()
		if err != nil {
			fmt.Fprintf(e.stderr, "arabench gold check: embedded gold: %v\n", err)
			return exitUsage
		}
		r = gold.Check(fsys, c)
		// The embedded files are the repository's gold/ folder: name them so.
		for i := range r.Problems {
			r.Problems[i].File = path.Join("gold", r.Problems[i].File)
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
		fmt.Fprintf(e.stdout, "\n%d warning(s):\n", len(warnings))
		for _, p := range warnings {
			fmt.Fprintln(e.stdout, p)
		}
	}
	if errs := r.Errors(); len(errs) > 0 {
		for _, p := range errs {
			fmt.Fprintln(e.stderr, p)
		}
		fmt.Fprintf(e.stderr, "arabench gold check: %d problem(s); the gold breaks the guidelines where listed above\n", len(errs))
		return exitFailed
	}
	total := r.Total()
	fmt.Fprintf(e.stdout, "\ngold ok: %d documents, %d mentions, %d links, %d values (gold:%s, corpus:%s)\n",
		len(r.Docs), total.Mentions(), total.Links, total.Values, r.Hash, c.Name)
	return exitOK
}
