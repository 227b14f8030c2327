package gold

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/arabench/arabench/brat"
	"github.com/arabench/arabench/corpus"
)

// Gold is a corpus's gold annotation: the parsed .ann file and the resolved
// mentions of every document, and the entity catalogue.
type Gold struct {
	// Catalogue is the entity catalogue; nil when entities.tsv is missing.
	Catalogue *Catalogue

	corpus   *corpus.Corpus
	dir      string // the folder's path in problems; "" for an fs.FS
	files    map[string]*brat.File
	mentions map[string][]corpus.Mention
	hash     string
	// skipped notes, per document, the .ann lines read past (see Notes).
	skipped map[string]skipNote
}

// skipNote is what Notes says of one .ann file: its name, the line of its
// first relation, event, modifier, equivalence or attribute, and how many
// such lines it has.
type skipNote struct {
	file  string
	line  int
	lines int
}

// Mentions returns the gold mentions of the document with the given id,
// sorted by (Start, End), in byte offsets. The caller owns the returned
// slice. A document without gold mentions returns nil.
func (g *Gold) Mentions(docID string) []corpus.Mention {
	return slices.Clone(g.mentions[docID])
}

// File returns the parsed .ann file of the document with the given id, or nil.
// The File is shared: callers must not modify it.
func (g *Gold) File(docID string) *brat.File { return g.files[docID] }

// Corpus returns the corpus the gold was loaded against.
func (g *Gold) Corpus() *corpus.Corpus { return g.corpus }

// Hash pins the gold's content for score signatures: the first 8 hex digits of
// the SHA-256 of its files — every top-level .ann and entities.tsv, in name
// order, each written as its name, a newline, its length in decimal, a newline
// and its bytes. Renaming, editing, adding or removing any of them changes it.
func (g *Gold) Hash() string { return g.hash }

// Load reads a gold folder — <doc>.ann for every document of c, and
// entities.tsv when the gold links its mentions — from the top level of fsys
// (sub-folders are ignored) and resolves every mention against c's
// documents. It returns the gold, which is usable as far as it could be
// read, and the problems that kept parts of it from loading: unreadable
// files, syntax errors, a document without an .ann file or an .ann file
// without a document, spans that do not resolve, a type that is not a label
// ([A-Za-z][A-Za-z0-9_.-]*) or that annotation.conf, when the folder has
// one, does not declare. These are the structure every gold must have;
// overlapping and nested spans are part of it. Load does not apply the
// guidelines' rules; Validate does. A .txt file next to the .ann files (brat
// needs one to open a document) must equal the corpus document byte for
// byte.
func Load(fsys fs.FS, c *corpus.Corpus) (*Gold, []Problem) {
	return load(fsys, "", c, true)
}

// LoadDir is Load on the folder dir; problems name files by their path
// under dir.
func LoadDir(dir string, c *corpus.Corpus) (*Gold, []Problem) {
	return loadDir(dir, c, true)
}

// LoadDirCompact is LoadDir for scoring: the same mentions, catalogue, hash,
// notes and problems, but no parsed .ann file is kept (File returns nil), and
// each is let go as soon as its mentions are resolved, so that loading a
// large gold never holds them all.
func LoadDirCompact(dir string, c *corpus.Corpus) (*Gold, []Problem) {
	return loadDir(dir, c, false)
}

func loadDir(dir string, c *corpus.Corpus, keepFiles bool) (*Gold, []Problem) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, []Problem{{File: dir, Msg: fmt.Sprintf("cannot read the gold folder: %v", err)}}
	}
	if !info.IsDir() {
		return nil, []Problem{{File: dir, Msg: "not a folder: want a folder of <doc>.ann files and entities.tsv"}}
	}
	return load(os.DirFS(dir), dir, c, keepFiles)
}

// display names a file of the gold's folder as problems do.
func (g *Gold) display(name string) string {
	if g.dir == "" {
		return name
	}
	return filepath.Join(g.dir, name)
}

// readConf reads the entity types of fsys's annotation.conf, or returns nil
// when there is none.
func readConf(fsys fs.FS, display string) (map[string]bool, error) {
	data, err := fs.ReadFile(fsys, ConfFile)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	case err != nil:
		return nil, Problem{File: display, Msg: fmt.Sprintf("cannot read: %v", err)}
	}
	return ReadEntityTypes(display, bytes.NewReader(data))
}

// checkTypes reports every T line of f whose type is not a label, or not one
// of declared when declared is not nil.
func checkTypes(f *brat.File, declared map[string]bool) []Problem {
	var out []Problem
	for _, e := range f.Entities {
		switch {
		case !corpus.ValidLabel(e.Type):
			out = append(out, Problem{File: f.Name, Line: e.Line,
				Msg: fmt.Sprintf("%s: type %q does not match "+corpus.LabelSyntax, e.ID, e.Type)})
		case declared != nil && !declared[e.Type]:
			out = append(out, Problem{File: f.Name, Line: e.Line,
				Msg: fmt.Sprintf("%s: type %q is not declared in the [entities] of %s (%s)", e.ID, e.Type, ConfFile, declaredList(declared))})
		}
	}
	return out
}

// declaredList lists declared types, sorted.
func declaredList(declared map[string]bool) string {
	types := make([]string, 0, len(declared))
	for t := range declared {
		types = append(types, t)
	}
	slices.Sort(types)
	return strings.Join(types, ", ")
}

// load reads the gold; keepFiles keeps every parsed .ann file (see File),
// which Validate needs and scoring does not.
func load(fsys fs.FS, dir string, c *corpus.Corpus, keepFiles bool) (*Gold, []Problem) {
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
		dir:      dir,
		corpus:   c,
		files:    make(map[string]*brat.File),
		mentions: make(map[string][]corpus.Mention),
		skipped:  make(map[string]skipNote),
	}
	var problems []Problem
	addErrs := func(errs []error) {
		for _, err := range errs {
			problems = append(problems, asProblem(err))
		}
	}
	// The files are hashed as they are read, in name order (fs.ReadDir
	// sorts), the catalogue in its place among them.
	hasher := newFileHash()
	var catalogue []byte

	data, err := fs.ReadFile(fsys, CatalogueFile)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		// The catalogue is optional: a gold without links needs none.
	case err != nil:
		problems = append(problems, Problem{File: display(CatalogueFile), Msg: fmt.Sprintf("cannot read: %v", err)})
	default:
		catalogue = data
		cat, errs := ReadCatalogue(display(CatalogueFile), bytes.NewReader(data))
		g.Catalogue = cat
		addErrs(errs)
	}
	declared, err := readConf(fsys, display(ConfFile))
	if err != nil {
		problems = append(problems, asProblem(err))
	}

	annotated := make(map[string]bool)
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
		if catalogue != nil && CatalogueFile < name {
			hasher.add(CatalogueFile, catalogue)
			catalogue = nil
		}
		hasher.add(name, data)
		id := strings.TrimSuffix(name, ".ann")
		f, errs := brat.Parse(display(name), bytes.NewReader(data))
		addErrs(errs)
		problems = append(problems, checkTypes(f, declared)...)
		doc, ok := c.Doc(id)
		if !ok {
			problems = append(problems, Problem{File: display(name),
				Msg: fmt.Sprintf("no document %s in corpus %s: an .ann file annotates the .txt of the same name", id, c.Name)})
			continue
		}
		if keepFiles {
			g.files[id] = f
		}
		if n := len(f.Skipped) + len(f.Attributes); n > 0 {
			g.skipped[id] = skipNote{file: f.Name, line: firstSkipped(f), lines: n}
		}
		ms, errs := f.Mentions(doc)
		addErrs(errs)
		g.mentions[id] = ms
		annotated[id] = true
	}
	if catalogue != nil {
		hasher.add(CatalogueFile, catalogue)
	}

	for _, doc := range c.Documents {
		if !annotated[doc.ID] {
			problems = append(problems, Problem{File: display(doc.ID + ".ann"),
				Msg: fmt.Sprintf("missing: document %s of corpus %s has no annotation file", doc.ID, c.Name)})
		}
		txt, err := fs.ReadFile(fsys, doc.ID+".txt")
		if err == nil && string(txt) != doc.Text {
			problems = append(problems, Problem{File: display(doc.ID + ".txt"),
				Msg: fmt.Sprintf("differs from document %s of corpus %s: the offsets are over the corpus text; copy it byte for byte", doc.ID, c.Name)})
		}
	}

	g.hash = hasher.sum()
	sortProblems(problems)
	return g, problems
}

// fileHash computes Gold.Hash over files added in name order.
type fileHash struct{ h hash.Hash }

func newFileHash() fileHash { return fileHash{sha256.New()} }

// add hashes one file; files must come in increasing name order.
func (f fileHash) add(name string, data []byte) {
	f.h.Write([]byte(name + "\n" + strconv.Itoa(len(data)) + "\n"))
	f.h.Write(data)
}

func (f fileHash) sum() string { return hex.EncodeToString(f.h.Sum(nil))[:8] }
