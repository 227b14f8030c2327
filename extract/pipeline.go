package extract

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/arabench/arabench/corpus"
)

// PipelineSep joins extractor names into a pipeline: "gazetteer+rules".
const PipelineSep = "+"

// Typer is implemented by extractors that declare the mention types they
// produce. Tables show a type outside them as not predicted ("–") rather
// than as a score of 0.
type Typer interface {
	Types() []string
}

// Types returns the types ex declares, or nil when it declares none.
func Types(ex Extractor) []string {
	if t, ok := ex.(Typer); ok {
		return t.Types()
	}
	return nil
}

// Pipeline runs several extractors on each document as one system: the
// union of their mentions, where mentions of different extractors that
// overlap are resolved by one rule — the longer span wins, and between spans
// of equal length the extractor listed first — so that a document's answer
// never holds two overlapping mentions from two stages. (The rule is
// spaCy's filter_spans, with the listing order as the tie-break.) Mentions of
// one stage are kept as that stage returned them.
type Pipeline struct {
	stages []Extractor
}

// NewPipeline makes a pipeline of the given extractors, in priority order.
func NewPipeline(stages ...Extractor) *Pipeline { return &Pipeline{stages: stages} }

// Name is the stages' names joined by "+".
func (p *Pipeline) Name() string {
	names := make([]string, len(p.stages))
	for i, s := range p.stages {
		names[i] = s.Name()
	}
	return strings.Join(names, PipelineSep)
}

// Version is the stages' versions joined by "+", or "" when none has one.
func (p *Pipeline) Version() string {
	vs := make([]string, len(p.stages))
	any := false
	for i, s := range p.stages {
		vs[i] = Version(s)
		any = any || vs[i] != ""
	}
	if !any {
		return ""
	}
	return strings.Join(vs, PipelineSep)
}

// Types is the union of the stages' declared types, in stage order, or nil
// when a stage declares none (then any type may come out).
func (p *Pipeline) Types() []string {
	var out []string
	for _, s := range p.stages {
		ts := Types(s)
		if ts == nil {
			return nil
		}
		for _, t := range ts {
			if !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
	}
	return out
}

// Extract runs every stage on doc and merges their mentions. A stage's
// failure is the pipeline's failure on the document.
func (p *Pipeline) Extract(ctx context.Context, doc corpus.Document) ([]Mention, error) {
	type tagged struct {
		m     Mention
		stage int
	}
	var all []tagged
	for i, s := range p.stages {
		ms, err := s.Extract(ctx, doc)
		if err != nil {
			return nil, fmt.Errorf("stage %s: %w", s.Name(), err)
		}
		for _, m := range ms {
			all = append(all, tagged{m, i})
		}
	}
	// Longest first, then by stage, then in text order: each mention is kept
	// unless a kept one of another stage overlaps it.
	order := slices.Clone(all)
	slices.SortStableFunc(order, func(a, b tagged) int {
		if la, lb := a.m.End-a.m.Start, b.m.End-b.m.Start; la != lb {
			return lb - la
		}
		if a.stage != b.stage {
			return a.stage - b.stage
		}
		return a.m.Start - b.m.Start
	})
	var kept []tagged
	for _, c := range order {
		ok := true
		for _, k := range kept {
			if k.stage != c.stage && k.m.Overlaps(c.m) {
				ok = false
				break
			}
		}
		if ok {
			kept = append(kept, c)
		}
	}
	out := make([]Mention, len(kept))
	for i, k := range kept {
		out[i] = k.m
	}
	return out, nil
}

// Close closes every stage that holds resources.
func (p *Pipeline) Close() error {
	var errs []error
	for _, s := range p.stages {
		if c, ok := s.(io.Closer); ok {
			errs = append(errs, c.Close())
		}
	}
	return errors.Join(errs...)
}

// splitPipeline splits a pipeline name into its stages' names. A stage that
// starts with "cmd:" takes the rest of the name, "+" included, since a
// program's arguments may hold one.
func splitPipeline(name string) []string {
	var parts []string
	for {
		if strings.HasPrefix(name, CommandPrefix) {
			return append(parts, name)
		}
		part, rest, found := strings.Cut(name, PipelineSep)
		parts = append(parts, part)
		if !found {
			return parts
		}
		name = rest
	}
}
