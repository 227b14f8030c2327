package extract

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/corpus"
)

// funcExtractor is an extractor made of a function, for tests.
type funcExtractor struct {
	name string
	fn   func(ctx context.Context, doc corpus.Document) ([]Mention, error)
}

func (f funcExtractor) Name() string { return f.name }

func (f funcExtractor) Extract(ctx context.Context, doc corpus.Document) ([]Mention, error) {
	return f.fn(ctx, doc)
}

func none(context.Context, corpus.Document) ([]Mention, error) { return nil, nil }

func factoryOf(name string) Factory {
	return func() (Extractor, error) { return funcExtractor{name: name, fn: none}, nil }
}

func TestRegistryBuildsByName(t *testing.T) {
	r := &registry{factories: map[string]Factory{}}
	r.register("rules", factoryOf("rules"))
	r.register("gazetteer", factoryOf("gazetteer"))
	assert.Equal(t, []string{"gazetteer", "rules"}, r.names(), "sorted")

	ex, err := r.new("rules")
	require.NoError(t, err)
	assert.Equal(t, "rules", ex.Name())
}

func TestRegistryUnknownNameListsTheKnownOnes(t *testing.T) {
	r := &registry{factories: map[string]Factory{}}
	r.register("rules", factoryOf("rules"))
	r.register("gazetteer", factoryOf("gazetteer"))
	_, err := r.new("rulez")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `unknown extractor "rulez" (registered: gazetteer, rules; or write cmd:<program> [args]`)
}

func TestRegistryFactoryFailures(t *testing.T) {
	r := &registry{factories: map[string]Factory{}}
	lexiconMissing := errors.New("lexicon missing")
	r.register("broken", func() (Extractor, error) { return nil, lexiconMissing })
	r.register("nil", func() (Extractor, error) { return nil, nil })
	_, err := r.new("broken")
	assert.ErrorIs(t, err, lexiconMissing)
	assert.Contains(t, err.Error(), `building "broken"`)
	_, err = r.new("nil")
	assert.ErrorContains(t, err, "returned no extractor")
}

func TestRegistryUnderstandsCommandSpecs(t *testing.T) {
	spec := helperSpec(t, "tag")
	r := &registry{factories: map[string]Factory{}}
	ex, err := r.new(spec)
	require.NoError(t, err)
	c, ok := ex.(*Command)
	require.True(t, ok, "a cmd: name is an external program")
	defer c.Close()
	assert.Equal(t, spec, c.Name())
	assert.Equal(t, DefaultTimeout, c.opts.Timeout)
}

func TestRegisterPanicsOnProgrammingErrors(t *testing.T) {
	cases := []struct {
		name    string
		regName string
		factory Factory
		panic   string
	}{
		{"a name registered twice", "rules", factoryOf("rules"), `extract: Register called twice for "rules"`},
		{"an empty name", "", factoryOf(""), "extract: Register with an empty name"},
		{"a name in the cmd: space", "cmd:x", factoryOf("cmd:x"), `extract: Register "cmd:x": names starting with "cmd:" are reserved for external programs`},
		{"a nil factory", "lazy", nil, `extract: Register "lazy" with a nil factory`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := &registry{factories: map[string]Factory{}}
			r.register("rules", factoryOf("rules"))
			assert.PanicsWithValue(t, tc.panic, func() { r.register(tc.regName, tc.factory) })
		})
	}
}

func TestPackageRegistry(t *testing.T) {
	const name = "test-only-extractor"
	Register(name, factoryOf(name))
	t.Cleanup(func() {
		defaultRegistry.mu.Lock()
		delete(defaultRegistry.factories, name)
		defaultRegistry.mu.Unlock()
	})
	assert.Contains(t, Names(), name)
	ex, err := New(name)
	require.NoError(t, err)
	assert.Equal(t, name, ex.Name())
	assert.Panics(t, func() { Register(name, factoryOf(name)) })
}

type versioned struct{ funcExtractor }

func (versioned) Version() string { return "lexicon:3f2a" }

func TestVersion(t *testing.T) {
	assert.Equal(t, "", Version(funcExtractor{name: "plain", fn: none}))
	assert.Equal(t, "lexicon:3f2a", Version(versioned{funcExtractor{name: "v", fn: none}}))
}
