package cache

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// ExtractorStats are the answers stored for one identity.
type ExtractorStats struct {
	Identity
	// Entries is the number of documents answered; Bytes the size of their
	// files and of extractor.json.
	Entries int
	Bytes   int64
}

// Stats describe a whole cache.
type Stats struct {
	// Extractors are the identities stored, sorted by name then version.
	Extractors []ExtractorStats
	// Entries and Bytes are the totals over all files of the cache,
	// leftover temporary files included in Bytes.
	Entries int
	Bytes   int64
}

// Stats counts what the cache holds.
func (c *Cache) Stats() (Stats, error) {
	var st Stats
	err := c.walk(func(id Identity, dir string, files []os.DirEntry) error {
		es := ExtractorStats{Identity: id}
		for _, f := range files {
			info, err := f.Info()
			if err != nil {
				continue // removed meanwhile
			}
			es.Bytes += info.Size()
			if isEntry(f.Name()) {
				es.Entries++
			}
		}
		st.Extractors = append(st.Extractors, es)
		st.Entries += es.Entries
		st.Bytes += es.Bytes
		return nil
	})
	sort.Slice(st.Extractors, func(i, j int) bool {
		a, b := st.Extractors[i], st.Extractors[j]
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Version < b.Version
	})
	return st, err
}

// PruneOptions choose what Prune removes: the answers that match every
// option given. At least one must be given.
type PruneOptions struct {
	// Extractor, when not "", is the name of the extractor whose answers
	// go, all its versions.
	Extractor string
	// OlderThan, when positive, removes the answers not written or used
	// for that long.
	OlderThan time.Duration
}

// Pruned is what Prune removed.
type Pruned struct {
	Entries int
	Bytes   int64
	// Extractors is the number of identities left with no answer, whose
	// folders were removed.
	Extractors int
}

// staleTemp is the age past which a temporary file is taken for the
// leftover of a killed process and removed by Prune.
const staleTemp = time.Hour

// Prune removes the answers opts choose, the folders of identities left with
// none, and temporary files left by killed processes.
func (c *Cache) Prune(opts PruneOptions) (Pruned, error) {
	if opts.Extractor == "" && opts.OlderThan <= 0 {
		return Pruned{}, fmt.Errorf("cache %s: prune needs an extractor name or an age", c.dir)
	}
	var p Pruned
	now := timeNow()
	err := c.walk(func(id Identity, dir string, files []os.DirEntry) error {
		left := 0
		for _, f := range files {
			name := f.Name()
			info, err := f.Info()
			if err != nil {
				continue
			}
			age := now.Sub(info.ModTime())
			switch {
			case strings.HasPrefix(name, ".tmp-"):
				if age > staleTemp {
					if err := os.Remove(filepath.Join(dir, name)); err == nil {
						p.Bytes += info.Size()
					}
				}
				continue
			case !isEntry(name):
				continue
			}
			if (opts.Extractor != "" && id.Name != opts.Extractor) || (opts.OlderThan > 0 && age <= opts.OlderThan) {
				left++
				continue
			}
			if err := os.Remove(filepath.Join(dir, name)); err != nil {
				return fmt.Errorf("cache %s: %w", c.dir, err)
			}
			p.Entries++
			p.Bytes += info.Size()
		}
		if left == 0 && (opts.Extractor == "" || id.Name == opts.Extractor) {
			if info, err := os.Stat(filepath.Join(dir, metaFile)); err == nil {
				p.Bytes += info.Size()
			}
			if err := os.RemoveAll(dir); err != nil {
				return fmt.Errorf("cache %s: %w", c.dir, err)
			}
			p.Extractors++
		}
		return nil
	})
	return p, err
}

// walk calls fn on the folder of every identity of the cache with the files
// it holds; folders that are not an identity's are left alone.
func (c *Cache) walk(fn func(id Identity, dir string, files []os.DirEntry) error) error {
	subs, err := os.ReadDir(c.dir)
	if err != nil {
		return fmt.Errorf("cache %s: %w", c.dir, err)
	}
	for _, sub := range subs {
		if !sub.IsDir() {
			continue
		}
		dir := filepath.Join(c.dir, sub.Name())
		b, err := os.ReadFile(filepath.Join(dir, metaFile))
		if err != nil {
			continue
		}
		var id Identity
		if err := json.Unmarshal(b, &id); err != nil || id.key() != sub.Name() {
			continue
		}
		files, err := os.ReadDir(dir)
		if err != nil {
			return fmt.Errorf("cache %s: %w", c.dir, err)
		}
		if err := fn(id, dir, files); err != nil {
			return err
		}
	}
	return nil
}
