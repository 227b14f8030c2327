package spans

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/arabench/arabench/corpus"
)

// mentionOut is one mention as Write writes it.
type mentionOut struct {
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Type   string `json:"type"`
	Entity string `json:"entity,omitempty"`
	Value  string `json:"value,omitempty"`
}

// Write writes one line of a JSONL spans file (see Read): the document's id
// and text and its mentions, whose byte offsets become code points; entity
// and value when set. HTML characters are not escaped.
func Write(w io.Writer, d corpus.Document, ms []corpus.Mention) error {
	ix := corpus.NewIndex(d.Text)
	spans := make([]mentionOut, len(ms))
	for i, m := range ms {
		start, end, err := ix.CodePointSpan(m.Start, m.End)
		if err != nil {
			return fmt.Errorf("document %s: mention %d: %w", d.ID, i, err)
		}
		spans[i] = mentionOut{start, end, m.Type, m.Entity, m.Value}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(struct {
		Doc      string       `json:"doc"`
		Text     string       `json:"text"`
		Mentions []mentionOut `json:"mentions"`
	}{d.ID, d.Text, spans})
}
