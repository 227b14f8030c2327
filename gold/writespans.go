package gold

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/arabench/arabench/corpus"
)

// spanOut is one mention as WriteSpans writes it.
type spanOut struct {
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Type   string `json:"type"`
	Entity string `json:"entity,omitempty"`
	Value  string `json:"value,omitempty"`
}

// WriteSpans writes one line of a JSONL spans file (see ReadSpans): the
// document's id and text and its mentions, whose byte offsets become code
// points; entity and value when set. HTML characters are not escaped.
func WriteSpans(w io.Writer, d corpus.Document, ms []corpus.Mention) error {
	ix := corpus.NewIndex(d.Text)
	spans := make([]spanOut, len(ms))
	for i, m := range ms {
		start, end, err := ix.CodePointSpan(m.Start, m.End)
		if err != nil {
			return fmt.Errorf("document %s: mention %d: %w", d.ID, i, err)
		}
		spans[i] = spanOut{start, end, m.Type, m.Entity, m.Value}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(struct {
		Doc      string    `json:"doc"`
		Text     string    `json:"text"`
		Mentions []spanOut `json:"mentions"`
	}{d.ID, d.Text, spans})
}
