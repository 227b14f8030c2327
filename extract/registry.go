package extract

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// CommandPrefix starts an extractor name that runs an external program:
// "cmd:<program> [args]".
const CommandPrefix = "cmd:"

// Factory builds a fresh extractor. It runs when an evaluation asks for the
// extractor, not at registration, so that loading a lexicon or a model costs
// nothing to a run that does not use it.
type Factory func() (Extractor, error)

// registry maps extractor names to factories. The package keeps one
// (defaultRegistry); tests build their own.
type registry struct {
	mu        sync.RWMutex
	factories map[string]Factory
}

var defaultRegistry = &registry{factories: map[string]Factory{}}

// Register makes an extractor available under name to New, Names and
// `arabench eval --extractor NAME`. It is meant to be called from an init
// function, and it panics when name is empty, reserved (it starts with
// "cmd:"), or already registered, or when factory is nil: each is a
// programming error that must not reach a release.
func Register(name string, factory Factory) {
	defaultRegistry.register(name, factory)
}

// Names returns the registered extractor names, sorted. The caller owns the
// slice.
func Names() []string {
	return defaultRegistry.names()
}

// New builds the extractor called name: a registered one; for a name of the
// form "cmd:<program> [args]", an external program with the default options
// (see NewCommand); for names joined by "+" ("gazetteer+rules"), a Pipeline
// of them in that order. An extractor that implements io.Closer — every
// external program does — must be closed by the caller.
func New(name string) (Extractor, error) {
	return defaultRegistry.new(name)
}

func (r *registry) register(name string, factory Factory) {
	switch {
	case name == "":
		panic("extract: Register with an empty name")
	case strings.HasPrefix(name, CommandPrefix):
		panic(fmt.Sprintf("extract: Register %q: names starting with %q are reserved for external programs", name, CommandPrefix))
	case factory == nil:
		panic(fmt.Sprintf("extract: Register %q with a nil factory", name))
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := r.factories[name]; dup {
		panic(fmt.Sprintf("extract: Register called twice for %q", name))
	}
	r.factories[name] = factory
}

func (r *registry) names() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	names := make([]string, 0, len(r.factories))
	for n := range r.factories {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func (r *registry) new(name string) (Extractor, error) {
	if parts := splitPipeline(name); len(parts) > 1 {
		stages := make([]Extractor, 0, len(parts))
		for _, part := range parts {
			if part == "" {
				NewPipeline(stages...).Close()
				return nil, fmt.Errorf("extract: %q: an empty stage (write NAME+NAME)", name)
			}
			ex, err := r.new(part)
			if err != nil {
				NewPipeline(stages...).Close()
				return nil, err
			}
			stages = append(stages, ex)
		}
		return NewPipeline(stages...), nil
	}
	if strings.HasPrefix(name, CommandPrefix) {
		return NewCommand(name, CommandOptions{})
	}
	r.mu.RLock()
	f, ok := r.factories[name]
	r.mu.RUnlock()
	if !ok {
		known := "none"
		if names := r.names(); len(names) > 0 {
			known = strings.Join(names, ", ")
		}
		return nil, fmt.Errorf("extract: unknown extractor %q (registered: %s; or write cmd:<program> [args] to run an external program)", name, known)
	}
	ex, err := f()
	if err != nil {
		return nil, fmt.Errorf("extract: building %q: %w", name, err)
	}
	if ex == nil {
		return nil, fmt.Errorf("extract: the factory of %q returned no extractor", name)
	}
	return ex, nil
}
