package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/arabench/arabench/cache"
	"github.com/arabench/arabench/extract"
)

func init() {
	commands["cache"] = command{summary: "show or prune a prediction cache (eval --cache)", run: runCache}
}

// cacheFlag is eval's --cache: the folder answers are kept in, opened before
// any work.
type cacheFlag struct {
	dir   string
	cache *cache.Cache
}

func (c *cacheFlag) register(fs *flag.FlagSet) {
	fs.StringVar(&c.dir, "cache", "", "keep every answer of the extractors in this folder (made if missing), one file per document, as it arrives; a rerun — after a crash, a kill, or to score again with other flags — sends only the documents not answered yet")
}

// open opens the cache folder, when one was given.
func (c *cacheFlag) open() error {
	if c.dir == "" {
		return nil
	}
	cc, err := cache.Open(c.dir)
	if err != nil {
		return fmt.Errorf("--cache %s: %s", c.dir, strings.TrimPrefix(err.Error(), "cache "+c.dir+": "))
	}
	c.cache = cc
	return nil
}

// wrap puts ex behind the cache, when there is one.
func (c *cacheFlag) wrap(ex extract.Extractor, err error) (extract.Extractor, error) {
	if err != nil || c.cache == nil {
		return ex, err
	}
	w, err := c.cache.Wrap(ex)
	if err != nil {
		if cl, ok := ex.(interface{ Close() error }); ok {
			cl.Close()
		}
		return nil, fmt.Errorf("--cache %s: %w", c.dir, err)
	}
	return w, nil
}

// say prints how many documents of a run came from the cache.
func (c *cacheFlag) say(e *env, name string, ex extract.Extractor) {
	var x *cache.Extractor
	switch w := ex.(type) {
	case *cache.Extractor:
		x = w
	case *cache.PoolExtractor:
		x = w.Extractor
	default:
		return
	}
	hits, misses := x.Counts()
	fmt.Fprintf(e.stderr, "arabench eval: %s: %s from the cache, %s sent\n", name, count(hits, "document", "documents"), count(misses, "document", "documents"))
}

const cacheUsage = `usage: arabench cache stats DIR
       arabench cache prune DIR [--extractor NAME] [--older-than DURATION]

A prediction cache is the folder of 'arabench eval --cache DIR': one file per
document answered, under the extractor's name and version (for a 'cmd:'
extractor its whole spec, program and arguments).

stats prints, for every extractor in it, the documents answered and the bytes
they take, then the totals.

prune removes the answers of one extractor (every version), or those not
written or used for a while, or those matching both; a document removed is
sent again by the next eval. To empty the cache, remove the folder.

flags of prune:
`

func runCache(_ context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("cache", flag.ContinueOnError)
	name := fs.String("extractor", "", "prune: remove the answers of the extractor of this name, as eval prints it ('gazetteer', 'cmd:./tagger --model m1')")
	older := fs.Duration("older-than", 0, "prune: remove the answers not written or used for this long (90m, 720h)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), cacheUsage)
		fs.PrintDefaults()
	}
	pos, code, ok := parseInterleavedFlags(e, fs, args)
	if !ok {
		return code
	}
	if len(pos) != 2 || (pos[0] != "stats" && pos[0] != "prune") {
		return usageError(e, "cache", wantFiles(pos, 2, "stats DIR or prune DIR"))
	}
	what, dir := pos[0], pos[1]
	if what == "stats" && (*name != "" || *older != 0) {
		return usageError(e, "cache", "--extractor and --older-than are flags of prune")
	}
	if what == "prune" && *name == "" && *older <= 0 {
		return usageError(e, "cache", "prune needs --extractor NAME or --older-than DURATION (more than 0); to empty the cache, remove "+dir)
	}
	c, err := cache.OpenExisting(dir)
	if err != nil {
		fmt.Fprintf(e.stderr, "arabench cache: %v\n", err)
		return exitUsage
	}
	if what == "stats" {
		return cacheStats(e, c)
	}
	p, err := c.Prune(cache.PruneOptions{Extractor: *name, OlderThan: *older})
	if err != nil {
		fmt.Fprintf(e.stderr, "arabench cache: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(e.stdout, "removed %s (%s), %s emptied\n", count(p.Entries, "answer", "answers"), count(int(p.Bytes), "byte", "bytes"), count(p.Extractors, "extractor", "extractors"))
	return exitOK
}

// cacheStats prints a line per extractor and the totals.
func cacheStats(e *env, c *cache.Cache) int {
	st, err := c.Stats()
	if err != nil {
		fmt.Fprintf(e.stderr, "arabench cache: %v\n", err)
		return exitFailed
	}
	w := bufio.NewWriter(e.stdout)
	fmt.Fprintf(w, "%8s %12s  %s\n", "entries", "bytes", "extractor")
	for _, x := range st.Extractors {
		id := x.Name
		if x.Version != "" {
			id += " (version " + x.Version + ")"
		}
		fmt.Fprintf(w, "%8d %12d  %s\n", x.Entries, x.Bytes, id)
	}
	fmt.Fprintf(w, "%8d %12d  total, %s\n", st.Entries, st.Bytes, count(len(st.Extractors), "extractor", "extractors"))
	if err := w.Flush(); err != nil {
		fmt.Fprintf(e.stderr, "arabench cache: writing output: %v\n", err)
		return exitFailed
	}
	return exitOK
}
