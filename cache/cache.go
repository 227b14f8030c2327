// Package cache keeps the answers of an extractor on disk, so that a run that
// was stopped — interrupted, killed, a machine that went down — starts again
// where it stopped, and scoring the same predictions again (other schemes,
// another label map) sends no document at all.
//
// # Layout
//
// A cache is a folder. Each extractor identity — its name and version; for an
// external program (`cmd:`) its name is the whole spec, program and
// arguments — has a subfolder named by a hash of that identity, holding
// extractor.json (the identity, for people and for Stats) and one small file
// per document answered, named by the SHA-256 of the document's id and text:
//
//	DIR/CACHEDIR.TAG
//	DIR/<identity hash>/extractor.json
//	DIR/<identity hash>/<document hash>.json
//
// A document whose text changed, or an extractor whose version or arguments
// changed, is therefore a miss, never a stale hit. Every file is written to a
// temporary file in the same folder and renamed into place, so a process
// killed at any moment leaves each answer whole or absent. A document the
// extractor failed on is not stored: it is sent again next time.
package cache

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/arabench/arabench/corpus"
)

// Layout names.
const (
	metaFile = "extractor.json"
	tagFile  = "CACHEDIR.TAG"
	entryExt = ".json"
	tmpGlob  = ".tmp-*"
)

// cacheDirTag marks the folder as a cache for backup tools
// (https://bford.info/cachedir/).
const cacheDirTag = "Signature: 8a477f597d28d172789f06886806bc55\n# This file marks an arabench prediction cache (arabench eval --cache).\n"

// Cache is a prediction cache folder. Its methods are safe for concurrent
// use, and several processes may share one folder.
type Cache struct {
	dir string
}

// Open opens the cache in dir, making the folder (not its parents) when it
// does not exist, and checks that a file can be written there, so that a run
// finds out before any work.
func Open(dir string) (*Cache, error) {
	if dir == "" {
		return nil, errors.New("cache: no folder given")
	}
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.Mkdir(dir, 0o755); err != nil {
			return nil, fmt.Errorf("cache %s: cannot make the folder: %w", dir, err)
		}
	case err != nil:
		return nil, fmt.Errorf("cache %s: %w", dir, err)
	case !info.IsDir():
		return nil, fmt.Errorf("cache %s: is a file, not a folder", dir)
	}
	f, err := os.CreateTemp(dir, tmpGlob)
	if err != nil {
		return nil, fmt.Errorf("cache %s: cannot write there: %w", dir, err)
	}
	f.Close()
	if err := os.Remove(f.Name()); err != nil {
		return nil, fmt.Errorf("cache %s: %w", dir, err)
	}
	tag := filepath.Join(dir, tagFile)
	if _, err := os.Stat(tag); errors.Is(err, fs.ErrNotExist) {
		if err := writeAtomic(tag, []byte(cacheDirTag)); err != nil {
			return nil, fmt.Errorf("cache %s: cannot write there: %w", dir, err)
		}
	}
	return &Cache{dir: dir}, nil
}

// OpenExisting opens the cache in dir for Stats and Prune: dir must be a
// folder already.
func OpenExisting(dir string) (*Cache, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("cache %s: %w", dir, err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("cache %s: is a file, not a folder", dir)
	}
	return &Cache{dir: dir}, nil
}

// Dir returns the cache's folder.
func (c *Cache) Dir() string { return c.dir }

// Identity is what an extractor's answers are stored under: its name (for a
// `cmd:` extractor the whole spec) and version.
type Identity struct {
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
}

// key is the folder name of an identity: a hash of its fields, each
// length-prefixed so that no two identities share one.
func (id Identity) key() string {
	return hashParts("arabench-cache/1", id.Name, id.Version)
}

// DocKey is the name a document's answer is stored under: the SHA-256 of its
// id and its text, in hex.
func DocKey(doc corpus.Document) string {
	return hashParts(doc.ID, doc.Text)
}

// hashParts is the hex SHA-256 of parts, each preceded by its length.
func hashParts(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(strconv.Itoa(len(p))))
		h.Write([]byte{':'})
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// entry is the content of one answer file. Offsets are bytes into the
// document text, as Extract returns them.
type entry struct {
	Doc      string           `json:"doc"`
	Mentions []corpus.Mention `json:"mentions"`
}

// store is the answers of one identity.
type store struct {
	dir string
}

// store returns the folder of id, writing its extractor.json when it is new.
func (c *Cache) store(id Identity) (*store, error) {
	dir := filepath.Join(c.dir, id.key())
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("cache %s: %w", c.dir, err)
	}
	meta := filepath.Join(dir, metaFile)
	if _, err := os.Stat(meta); err != nil {
		b, err := json.Marshal(id)
		if err != nil {
			return nil, err
		}
		if err := writeAtomic(meta, append(b, '\n')); err != nil {
			return nil, fmt.Errorf("cache %s: %w", c.dir, err)
		}
	}
	return &store{dir: dir}, nil
}

// get returns the stored answer of doc; ok is false when there is none, or
// when the file cannot be read as one (then the document is sent again and
// its file replaced). A hit refreshes the file's time, so that Prune's age is
// the time since last use.
func (s *store) get(doc corpus.Document) (ms []corpus.Mention, ok bool) {
	path := filepath.Join(s.dir, DocKey(doc)+entryExt)
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, false
	}
	var e entry
	if err := json.Unmarshal(b, &e); err != nil || e.Doc != doc.ID {
		return nil, false
	}
	now := timeNow()
	_ = os.Chtimes(path, now, now)
	return e.Mentions, true
}

// put stores the answer of doc.
func (s *store) put(doc corpus.Document, ms []corpus.Mention) error {
	if ms == nil {
		ms = []corpus.Mention{}
	}
	b, err := json.Marshal(entry{Doc: doc.ID, Mentions: ms})
	if err != nil {
		return err
	}
	return writeAtomic(filepath.Join(s.dir, DocKey(doc)+entryExt), append(b, '\n'))
}

// writeAtomic writes b to path through a temporary file in the same folder
// renamed over it: readers, and a process killed midway, see the whole file
// or none.
func writeAtomic(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), tmpGlob)
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// isEntry reports whether name is an answer file.
func isEntry(name string) bool {
	return strings.HasSuffix(name, entryExt) && name != metaFile && !strings.HasPrefix(name, ".")
}

// timeNow is the clock of hits and of Prune; tests set it.
var timeNow = time.Now
