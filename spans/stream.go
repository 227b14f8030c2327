package spans

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/signature"
)

// File is a JSONL spans file (see Read) read one document at a time, so
// that a corpus larger than memory can be scored: Open reads the file
// through once, checks every line as Read does and keeps only where each
// document's line is. Documents are then read in id order, the order of the
// corpus Read returns, so a streamed corpus is scored, and hashed, exactly
// as the same file read whole.
type File struct {
	name   string
	path   string
	f      *os.File
	places []entry // sorted by id
	hash   string
	corpus string
	links  bool
	values bool
}

// entry is a document of a File: its id and its line.
type entry struct {
	id string
	place
}

// Open opens the JSONL spans file at path. Every problem of the file is in
// the error, as Read gives them; a file without documents is one. The file
// must stay unchanged until Close: a line that reads differently the second
// time is an error of Doc.
func Open(path string) (*File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	s := &File{name: strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)), path: path, f: f}
	var h GoldHash
	var ch signature.Fingerprint
	sorted := true
	err = scan(path, f, func(p place, doc corpus.Document, ms []corpus.Mention) {
		if n := len(s.places); n > 0 && s.places[n-1].id > doc.ID {
			sorted = false
		}
		s.places = append(s.places, entry{doc.ID, p})
		for _, m := range ms {
			s.links = s.links || m.Entity != ""
			s.values = s.values || m.Value != ""
		}
		if sorted {
			h.Add(doc, SortBySpan(ms))
			ch.Field(doc.ID)
			ch.Field(doc.Text)
		}
	})
	if err == nil && len(s.places) == 0 {
		err = fmt.Errorf("gold: %s holds no document", path)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	if !sorted {
		// The gold hash goes through the documents in id order.
		slices.SortFunc(s.places, func(a, b entry) int { return strings.Compare(a.id, b.id) })
		h, ch = GoldHash{}, signature.Fingerprint{}
		for i := range s.places {
			doc, ms, err := s.Doc(i)
			if err != nil {
				f.Close()
				return nil, err
			}
			h.Add(doc, ms)
			ch.Field(doc.ID)
			ch.Field(doc.Text)
		}
	}
	s.hash, s.corpus = h.Sum(), ch.Sum()
	return s, nil
}

// Name is the corpus name of the file: its base name without extension, as
// gold.ReadFile names the corpus.
func (s *File) Name() string { return s.name }

// Len is the number of documents.
func (s *File) Len() int { return len(s.places) }

// ID is the id of document i, in id order.
func (s *File) ID(i int) string { return s.places[i].id }

// Hash is the gold's hash (see GoldHash), equal to that of gold.FromMentions
// over the same documents and mentions (Gold.Hash of gold.ReadFile).
func (s *File) Hash() string { return s.hash }

// CorpusHash is the hash of the documents' ids and texts, equal to
// signature.CorpusHash of the corpus gold.ReadFile returns.
func (s *File) CorpusHash() string { return s.corpus }

// HasLinks reports whether some mention carries an entity id.
func (s *File) HasLinks() bool { return s.links }

// HasValues reports whether some mention carries a value.
func (s *File) HasValues() bool { return s.values }

// Doc reads document i (in id order) and its mentions in byte offsets,
// sorted by (Start, End) as gold.FromMentions sorts them (SortBySpan).
func (s *File) Doc(i int) (corpus.Document, []corpus.Mention, error) {
	p := s.places[i]
	buf := make([]byte, p.size)
	if _, err := s.f.ReadAt(buf, p.off); err != nil && err != io.EOF {
		return corpus.Document{}, nil, fmt.Errorf("%s:%d: %w", s.path, p.line, err)
	}
	doc, ms, problems := parseLine(bytes.TrimSpace(buf))
	if len(problems) > 0 || doc.ID != p.id {
		return corpus.Document{}, nil, fmt.Errorf("%s:%d: the file changed while it was read (doc %q)", s.path, p.line, p.id)
	}
	return doc, SortBySpan(ms), nil
}

// Close closes the file.
func (s *File) Close() error { return s.f.Close() }
