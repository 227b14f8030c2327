package gold

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/arabench/arabench/corpus"
)

// Gold is a corpus's gold annotation: the parsed .ann file and the resolved
// mentions of every document, and the entity catalogue.
type Gold struct {
	// Catalogue is the entity catalogue; nil when entities.tsv is missing.
	Catalogue *Catalogue

	corpus   *corpus.Corpus
	files    map[string]*File
	mentions map[string][]corpus.Mention
	hash     string
}

// Mentions returns the gold mentions of the document with the given id,
// sorted by (Start, End), in byte offsets. The caller owns the returned
// slice. A document without gold mentions returns nil.
func (g *Gold) Mentions(docID string) []corpus.Mention {
	return slices.Clone(g.mentions[docID])
}

// File returns the parsed .ann file of the document with the given id, or nil.
// The File is shared: callers must not modify it.
func (g *Gold) File(docID string) *File { return g.files[docID] }

// Corpus returns the corpus the gold was loaded against.
func (g *Gold) Corpus() *corpus.Corpus { return g.corpus }

// Hash pins the gold's content for score signatures: the first 8 hex digits of
// the SHA-256 of its files — every top-level .ann and entities.tsv, in name
// order, each written as its name, a newline, its length in decimal, a newline
// and its bytes. Renaming, editing, adding or removing any of them changes it.
func (g *Gold) Hash() string { return g.hash }

// Load reads a gold folder — <doc>.ann for every document of c, and
// entities.tsv — from the top level of fsys (sub-folders are ignored) and
// resolves every mention against c's documents. It returns the gold, which is
// usable as far as it could be read, and the problems that kept parts of it
// from loading: unreadable files, syntax errors, a document without an .ann
// file or an .ann file without a document, spans that do not resolve. Load
// does not apply the guidelines' rules; Validate and Check do. A .txt file
// next to the .ann files (brat needs one to open a document) must equal the
// corpus document byte for byte.
func Load(fsys fs.FS, c *corpus.Corpus) (*Gold, []Problem) {
	return load(fsys, "", c)
}

// LoadDir is Load on the folder dir; problems name files by their path
// under dir.
func LoadDir(dir string, c *corpus.Corpus) (*Gold, []Problem) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, []Problem{{File: dir, Msg: fmt.Sprintf("cannot read the gold folder: %v", err)}}
	}
	if !info.IsDir() {
		return nil, []Problem{{File: dir, Msg: "not a folder: want a folder of <doc>.ann files and entities.tsv"}}
	}
	return load(os.DirFS(dir), dir, c)
}

func load(fsys fs.FS, dir string, c *corpus.Corpus) (*Gold, []Problem) {
	display := func(name string) string {
		if dir == "" {
			return name
		}
		return filepath.Join(dir, name)
	}
	if c == nil {
		return nil, []Problem{{File: display("."), Msg: "no corpus to load the gold against"}}
	}
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, []Problem{{File: display("."), Msg: fmt.Sprintf("cannot read the gold folder: %v", err)}}
	}

	g := &Gold{
		corpus:   c,
		files:    make(map[string]*File),
		mentions: make(map[string][]corpus.Mention),
	}
	var problems []Problem
	addErrs := func(errs []error) {
		for _, err := range errs {
			problems = append(problems, asProblem(err))
		}
	}
	hashed := make(map[string][]byte)

	data, err := fs.ReadFile(fsys, CatalogueFile)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		problems = append(problems, Problem{File: display(CatalogueFile),
			Msg: "missing: the gold needs its entity catalogue (id<TAB>type<TAB>name_en<TAB>name_ar)"})
	case err != nil:
		problems = append(problems, Problem{File: display(CatalogueFile), Msg: fmt.Sprintf("cannot read: %v", err)})
	default:
		hashed[CatalogueFile] = data
		cat, errs := ReadCatalogue(display(CatalogueFile), bytes.NewReader(data))
		g.Catalogue = cat
		addErrs(errs)
	}

	for _, de := range entries {
		name := de.Name()
		if de.IsDir() || !strings.HasSuffix(name, ".ann") {
			continue
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			problems = append(problems, Problem{File: display(name), Msg: fmt.Sprintf("cannot read: %v", err)})
			continue
		}
		hashed[name] = data
		id := strings.TrimSuffix(name, ".ann")
		f, errs := Parse(display(name), bytes.NewReader(data))
		addErrs(errs)
		doc, ok := c.Doc(id)
		if !ok {
			problems = append(problems, Problem{File: display(name),
				Msg: fmt.Sprintf("no document %s in corpus %s: an .ann file annotates the .txt of the same name", id, c.Name)})
			continue
		}
		g.files[id] = f
		ms, errs := f.Mentions(doc)
		addErrs(errs)
		g.mentions[id] = ms
	}

	for _, doc := range c.Documents {
		if _, ok := g.files[doc.ID]; !ok {
			problems = append(problems, Problem{File: display(doc.ID + ".ann"),
				Msg: fmt.Sprintf("missing: document %s of corpus %s has no annotation file", doc.ID, c.Name)})
		}
		txt, err := fs.ReadFile(fsys, doc.ID+".txt")
		if err == nil && string(txt) != doc.Text {
			problems = append(problems, Problem{File: display(doc.ID + ".txt"),
				Msg: fmt.Sprintf("differs from document %s of corpus %s: the offsets are over the corpus text; copy it byte for byte", doc.ID, c.Name)})
		}
	}

	g.hash = hashFiles(hashed)
	sortProblems(problems)
	return g, problems
}

// hashFiles is the Gold.Hash of a set of named files.
func hashFiles(files map[string][]byte) string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		h.Write([]byte(n + "\n" + strconv.Itoa(len(files[n])) + "\n"))
		h.Write(files[n])
	}
	return hex.EncodeToString(h.Sum(nil))[:8]
}
