package cache

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/extract"
)

// Extractor is an extractor whose answers go through a cache: a document
// answered before, by the same identity, is answered from the cache and never
// reaches the inner extractor; any other is sent to it, and its answer stored
// as soon as it arrives. Failures are not stored. It keeps the inner
// extractor's name, version and declared types, and closes it on Close.
//
// When the inner extractor is an extract.Pool (an external program run as
// several processes), Wrap returns a *PoolExtractor, so that each process
// still gets its documents in corpus order, minus those answered from the
// cache.
type Extractor struct {
	inner extract.Extractor
	store *store

	hits, misses atomic.Int64
	mu           sync.Mutex // guards what follows
	putErrs      int
	firstPutErr  error
}

// PoolExtractor is an Extractor over an extract.Pool; it is a Pool with the
// inner one's workers.
type PoolExtractor struct {
	*Extractor
	pool extract.Pool
}

// Wrap returns ex with its answers cached in c under ex's name and version.
func (c *Cache) Wrap(ex extract.Extractor) (extract.Extractor, error) {
	s, err := c.store(Identity{Name: ex.Name(), Version: extract.Version(ex)})
	if err != nil {
		return nil, err
	}
	x := &Extractor{inner: ex, store: s}
	if p, ok := ex.(extract.Pool); ok {
		return &PoolExtractor{Extractor: x, pool: p}, nil
	}
	return x, nil
}

// Name is the inner extractor's name.
func (x *Extractor) Name() string { return x.inner.Name() }

// Version is the inner extractor's version.
func (x *Extractor) Version() string { return extract.Version(x.inner) }

// Types are the types the inner extractor declares, nil when it declares
// none.
func (x *Extractor) Types() []string { return extract.Types(x.inner) }

// Extract answers doc from the cache, or from the inner extractor.
func (x *Extractor) Extract(ctx context.Context, doc corpus.Document) ([]corpus.Mention, error) {
	return x.through(ctx, doc, x.inner.Extract)
}

// Workers is the inner pool's number of workers.
func (p *PoolExtractor) Workers() int { return p.pool.Workers() }

// ExtractOn answers doc from the cache, or from worker w of the inner pool.
func (p *PoolExtractor) ExtractOn(ctx context.Context, w int, doc corpus.Document) ([]corpus.Mention, error) {
	return p.through(ctx, doc, func(ctx context.Context, doc corpus.Document) ([]corpus.Mention, error) {
		return p.pool.ExtractOn(ctx, w, doc)
	})
}

// through is the cache in front of one call of the inner extractor.
func (x *Extractor) through(ctx context.Context, doc corpus.Document, extract func(context.Context, corpus.Document) ([]corpus.Mention, error)) ([]corpus.Mention, error) {
	if ms, ok := x.store.get(doc); ok {
		x.hits.Add(1)
		return ms, nil
	}
	x.misses.Add(1)
	ms, err := extract(ctx, doc)
	if err != nil {
		return ms, err
	}
	if perr := x.store.put(doc, ms); perr != nil {
		// The answer is good; only the next run loses it. Close reports it.
		x.mu.Lock()
		x.putErrs++
		if x.firstPutErr == nil {
			x.firstPutErr = perr
		}
		x.mu.Unlock()
	}
	return ms, nil
}

// Counts returns how many documents were answered from the cache (hits) and
// how many were sent to the inner extractor (misses), so far.
func (x *Extractor) Counts() (hits, misses int) {
	return int(x.hits.Load()), int(x.misses.Load())
}

// Close closes the inner extractor when it is an io.Closer, and reports the
// answers that could not be stored.
func (x *Extractor) Close() error {
	var errs []error
	if cl, ok := x.inner.(io.Closer); ok {
		errs = append(errs, cl.Close())
	}
	x.mu.Lock()
	if x.putErrs > 0 {
		errs = append(errs, fmt.Errorf("cache: %d answers not stored (they will be sent again next time): %w", x.putErrs, x.firstPutErr))
	}
	x.mu.Unlock()
	return errors.Join(errs...)
}
