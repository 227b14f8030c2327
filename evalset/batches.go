package evalset

import (
	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/shard"
)

// Count is the number of documents of the set that spec holds (all when
// spec is nil).
func (s *Set) Count(spec *shard.Spec) int {
	if s.spans == nil {
		return len(s.shard(spec).Corpus.Documents)
	}
	n := 0
	for i := range s.spans.Len() {
		if spec == nil || spec.Holds(s.spans.ID(i)) {
			n++
		}
	}
	return n
}

// Batches calls fn with the documents of the set that spec holds (all when
// spec is nil) in corpus order, with their gold mentions after the label
// map. A set read whole is one batch; a streamed set comes in batches of
// at most Options.BatchDocs documents and Options.BatchBytes of text, read
// as they are needed. An error of fn or of reading ends the batches.
func (s *Set) Batches(spec *shard.Spec, fn func([]corpus.Document, map[string][]corpus.Mention) error) error {
	if s.spans == nil {
		return fn(s.shard(spec).Corpus.Documents, s.Mentions)
	}
	var docs []corpus.Document
	golds := map[string][]corpus.Mention{}
	size := 0
	flush := func() error {
		if len(docs) == 0 {
			return nil
		}
		err := fn(docs, s.Labels.ApplyAll(golds))
		docs, golds, size = nil, map[string][]corpus.Mention{}, 0
		return err
	}
	for i := range s.spans.Len() {
		if spec != nil && !spec.Holds(s.spans.ID(i)) {
			continue
		}
		d, ms, err := s.spans.Doc(i)
		if err != nil {
			return err
		}
		if len(docs) == s.batchDocs || (len(docs) > 0 && size+len(d.Text) > s.batchBytes) {
			if err := flush(); err != nil {
				return err
			}
		}
		docs = append(docs, d)
		size += len(d.Text)
		if len(ms) > 0 {
			golds[d.ID] = ms
		}
	}
	return flush()
}

// shard returns the set restricted to the documents of spec, or s itself
// when spec is nil. Only the corpus shrinks: the signature of scores stays
// that of s (see Set.Signature on the whole set).
func (s *Set) shard(spec *shard.Spec) *Set {
	if spec == nil {
		return s
	}
	sub := *s
	c := &corpus.Corpus{Name: s.Corpus.Name, Notes: s.Corpus.Notes}
	for _, d := range s.Corpus.Documents {
		if spec.Holds(d.ID) {
			c.Documents = append(c.Documents, d)
		}
	}
	sub.Corpus = c
	return &sub
}
