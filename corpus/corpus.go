// Package corpus holds the documents that arabench evaluates on: the five seed
// documents embedded in the binary, a loader for any folder of .txt files, and
// the vocabulary shared by the gold, the extractors and the scorer (Document,
// Mention, and the index that converts code point offsets to byte offsets).
//
// A document's id is its file name without the .txt extension. Its text is kept
// exactly as stored: no normalization, no newline conversion.
package corpus

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Document is one text of a corpus. Text is the raw UTF-8 content of the file;
// every offset inside arabench is a byte offset into it.
type Document struct {
	ID   string
	Text string
}

// Corpus is an ordered set of documents (sorted by id) with a name that goes
// into score signatures (for example "seed-5" or the folder's base name).
type Corpus struct {
	Name      string
	Documents []Document
	// Notes says what Load left out and why: files named *.txt that are not
	// regular files (a FIFO, a device), which are never opened.
	Notes []string
}

// Doc returns the document with the given id.
func (c *Corpus) Doc(id string) (Document, bool) {
	i := sort.Search(len(c.Documents), func(i int) bool { return c.Documents[i].ID >= id })
	if i < len(c.Documents) && c.Documents[i].ID == id {
		return c.Documents[i], true
	}
	return Document{}, false
}

// Size is the total length of the corpus text in bytes.
func (c *Corpus) Size() int {
	n := 0
	for _, d := range c.Documents {
		n += len(d.Text)
	}
	return n
}

//go:embed *.txt SHA256SUMS
var seedFS embed.FS

// SeedName is the corpus name of the embedded seed documents.
const SeedName = "seed-5"

// Seed returns the five embedded seed documents. The caller owns the returned
// Corpus; the texts are shared immutable strings.
func Seed() *Corpus {
	c, err := loadFS(seedFS, ".", SeedName)
	if err != nil {
		// The embedded files are part of the binary; failing to read them is a
		// build defect, not an input error.
		panic(fmt.Sprintf("corpus: embedded seed documents unreadable: %v", err))
	}
	return c
}

// SeedSums returns the embedded SHA256SUMS file that pins the seed documents.
func SeedSums() []byte {
	b, err := seedFS.ReadFile("SHA256SUMS")
	if err != nil {
		panic(fmt.Sprintf("corpus: embedded SHA256SUMS unreadable: %v", err))
	}
	return b
}

// Load reads every *.txt file of dir (not recursing) as a document. The corpus
// is named after the folder's base name.
func Load(dir string) (*Corpus, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("corpus: %s is not a folder of .txt files", dir)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	return loadFS(os.DirFS(dir), ".", filepath.Base(abs))
}

func loadFS(fsys fs.FS, dir, name string) (*Corpus, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("corpus: cannot list %s: %w", name, err)
	}
	c := &Corpus{Name: name}
	for _, e := range entries {
		if e.IsDir() || filepath.Ext(e.Name()) != ".txt" {
			continue
		}
		p := path.Join(dir, e.Name())
		if !e.Type().IsRegular() {
			if e.Type()&fs.ModeSymlink == 0 {
				c.Notes = append(c.Notes, fmt.Sprintf("%s: skipped: not a regular file (%s)", p, e.Type()))
				continue
			}
			info, err := fs.Stat(fsys, p)
			if err != nil {
				return nil, fmt.Errorf("corpus: %s: %w", p, err)
			}
			if !info.Mode().IsRegular() {
				c.Notes = append(c.Notes, fmt.Sprintf("%s: skipped: a link to something that is not a regular file (%s)", p, info.Mode().Type()))
				continue
			}
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, fmt.Errorf("corpus: %w", err)
		}
		id := strings.TrimSuffix(e.Name(), ".txt")
		c.Documents = append(c.Documents, Document{ID: id, Text: string(b)})
	}
	if len(c.Documents) == 0 {
		return nil, fmt.Errorf("corpus: %s holds no readable .txt files", name)
	}
	sort.Slice(c.Documents, func(i, j int) bool { return c.Documents[i].ID < c.Documents[j].ID })
	return c, nil
}
