// Package dataset holds the evaluation sets built into the binary, so that
// `arabench eval --dataset NAME` and `arabench score --dataset NAME` need
// nothing else on disk:
//
//   - seed: arabench's own five documents and their gold (PER, ORG, LOC,
//     DATE, NUM, with entity links and NUM values), the default;
//   - anercorp: the ANERcorp CAMeL Lab test split (925 sentences, 25,008
//     tokens; PERS, LOC, ORG, MISC as published), licensed CC BY-SA 4.0 —
//     anercorp/README.md gives its origin and anercorp/README-CAMeL-split.txt
//     the two papers to cite. Its sentences are its documents (ids s0001 …
//     s0925), each text the sentence's tokens separated by single spaces.
//
// Nothing in arabench's extractors is derived from these sets: they are
// what extractors are judged on.
package dataset

import (
	"bytes"
	_ "embed"
	"fmt"
	"slices"

	"github.com/arabench/arabench/conll"
	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/gold"
)

// Set is a built-in evaluation set: a corpus and its gold.
type Set struct {
	// Name is the set's name, which is also its corpus's name.
	Name   string
	Corpus *corpus.Corpus
	Gold   *gold.Gold
	// Credit is the line that credits the set's authors and states its
	// licence; empty for arabench's own.
	Credit string
}

// Default is the set used when none is named.
const Default = "seed"

//go:embed anercorp/ANERCorp_CamelLab_test.txt
var anercorpTest []byte

// AnercorpCredit credits the ANERcorp split wherever it is used.
const AnercorpCredit = "ANERcorp (Benajiba & Rosso), CAMeL Lab test split (Obeid et al., CAMeL Tools, 2020); CC BY-SA 4.0"

var loaders = map[string]func() (*Set, error){
	"seed":     loadSeed,
	"anercorp": loadAnercorp,
}

// Names lists the built-in sets, sorted.
func Names() []string {
	names := make([]string, 0, len(loaders))
	for n := range loaders {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Load returns the built-in set of the given name.
func Load(name string) (*Set, error) {
	load, ok := loaders[name]
	if !ok {
		return nil, fmt.Errorf("unknown dataset %q (built in: %v)", name, Names())
	}
	return load()
}

func loadSeed() (*Set, error) {
	g, err := gold.Seed()
	if err != nil {
		return nil, err
	}
	return &Set{Name: corpus.SeedName, Corpus: g.Corpus(), Gold: g}, nil
}

func loadAnercorp() (*Set, error) {
	f, err := conll.Read(bytes.NewReader(anercorpTest), "anercorp/ANERCorp_CamelLab_test.txt", conll.Options{})
	if err != nil {
		return nil, fmt.Errorf("dataset anercorp: %w", err)
	}
	c := f.Corpus("anercorp-test")
	return &Set{Name: c.Name, Corpus: c, Gold: gold.FromMentions(c, f.Mentions()), Credit: AnercorpCredit}, nil
}
