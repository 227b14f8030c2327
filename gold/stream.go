package gold

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/metrics"
)

// SpanFile is a JSONL spans file (see ReadSpans) read one document at a
// time, so that a corpus larger than memory can be scored: OpenSpans reads
// the file through once, checks every line as ReadSpans does and keeps only
// where each document's line is. Documents are then read in id order, the
// order of the corpus ReadSpans returns, so a streamed corpus is scored, and
// hashed, exactly as the same file read whole.
type SpanFile struct {
	name   string
	path   string
	f      *os.File
	places []spanEntry // sorted by id
	hash   string
	corpus string
	links  bool
	values bool
}

// spanEntry is a document of a SpanFile: its id and its line.
type spanEntry struct {
	id string
	spanPlace
}

// OpenSpans opens the JSONL spans file at path. Every problem of the file is
// in the error, as ReadSpans gives them; a file without documents is one.
// The file must stay unchanged until Close: a line that reads differently
// the second time is an error of Doc.
func OpenSpans(path string) (*SpanFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	s := &SpanFile{name: strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)), path: path, f: f}
	var h goldHash
	var ch metrics.Fingerprint
	sorted := true
	err = scanSpans(path, f, func(p spanPlace, doc corpus.Document, ms []corpus.Mention) {
		if n := len(s.places); n > 0 && s.places[n-1].id > doc.ID {
			sorted = false
		}
		s.places = append(s.places, spanEntry{doc.ID, p})
		for _, m := range ms {
			s.links = s.links || m.Entity != ""
			s.values = s.values || m.Value != ""
		}
		if sorted {
			h.add(doc, sortedMentions(ms))
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
		slices.SortFunc(s.places, func(a, b spanEntry) int { return strings.Compare(a.id, b.id) })
		h, ch = goldHash{}, metrics.Fingerprint{}
		for i := range s.places {
			doc, ms, err := s.Doc(i)
			if err != nil {
				f.Close()
				return nil, err
			}
			h.add(doc, ms)
			ch.Field(doc.ID)
			ch.Field(doc.Text)
		}
	}
	s.hash, s.corpus = h.sum(), ch.Sum()
	return s, nil
}

// Name is the corpus name of the file: its base name without extension, as
// ReadFile names the corpus.
func (s *SpanFile) Name() string { return s.name }

// Len is the number of documents.
func (s *SpanFile) Len() int { return len(s.places) }

// ID is the id of document i, in id order.
func (s *SpanFile) ID(i int) string { return s.places[i].id }

// Hash is the gold's hash, equal to that of FromMentions over the same
// documents and mentions (Gold.Hash of ReadFile).
func (s *SpanFile) Hash() string { return s.hash }

// CorpusHash is the hash of the documents' ids and texts, equal to
// metrics.CorpusHash of the corpus ReadFile returns.
func (s *SpanFile) CorpusHash() string { return s.corpus }

// HasLinks reports whether some mention carries an entity id.
func (s *SpanFile) HasLinks() bool { return s.links }

// HasValues reports whether some mention carries a value.
func (s *SpanFile) HasValues() bool { return s.values }

// Doc reads document i (in id order) and its mentions in byte offsets,
// sorted by (Start, End) as FromMentions sorts them.
func (s *SpanFile) Doc(i int) (corpus.Document, []corpus.Mention, error) {
	p := s.places[i]
	buf := make([]byte, p.size)
	if _, err := s.f.ReadAt(buf, p.off); err != nil && err != io.EOF {
		return corpus.Document{}, nil, fmt.Errorf("%s:%d: %w", s.path, p.line, err)
	}
	doc, ms, problems := parseSpanLine(bytes.TrimSpace(buf))
	if len(problems) > 0 || doc.ID != p.id {
		return corpus.Document{}, nil, fmt.Errorf("%s:%d: the file changed while it was read (doc %q)", s.path, p.line, p.id)
	}
	return doc, sortedMentions(ms), nil
}

// Close closes the file.
func (s *SpanFile) Close() error { return s.f.Close() }

// sortedMentions sorts ms by (Start, End), keeping the given order of equal
// spans, as FromMentions does.
func sortedMentions(ms []corpus.Mention) []corpus.Mention {
	slices.SortStableFunc(ms, func(a, b corpus.Mention) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return a.End - b.End
	})
	return ms
}

// goldHash is the hash of a gold made from mentions (see FromMentions),
// written one document at a time in id order.
type goldHash struct {
	h hash.Hash
}

func (g *goldHash) field(s string) {
	g.h.Write([]byte(strconv.Itoa(len(s)) + "\n" + s + "\n"))
}

// add adds a document and its mentions, sorted by (Start, End).
func (g *goldHash) add(d corpus.Document, ms []corpus.Mention) {
	if g.h == nil {
		g.h = sha256.New()
	}
	g.field(d.ID)
	g.field(d.Text)
	g.field(strconv.Itoa(len(ms)))
	for _, m := range ms {
		g.field(strconv.Itoa(m.Start) + " " + strconv.Itoa(m.End) + " " + m.Type)
	}
}

// sum is the hash: 8 hex digits.
func (g *goldHash) sum() string {
	if g.h == nil {
		g.h = sha256.New()
	}
	return hex.EncodeToString(g.h.Sum(nil))[:8]
}
