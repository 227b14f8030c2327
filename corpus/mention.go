package corpus

import "fmt"

// The five mention types of the annotation guidelines.
const (
	PER  = "PER"
	ORG  = "ORG"
	LOC  = "LOC"
	DATE = "DATE"
	NUM  = "NUM"
)

// Types lists the mention types in the order tables print them.
var Types = []string{PER, ORG, LOC, DATE, NUM}

// KnownType reports whether t is one of the five mention types.
func KnownType(t string) bool {
	switch t {
	case PER, ORG, LOC, DATE, NUM:
		return true
	}
	return false
}

// Mention is a typed span of a document: what the gold marks and what an
// extractor predicts. Start and End are byte offsets into Document.Text,
// half-open. Entity (a catalogue id such as "kb:vladimir-putin") and Value
// (a NUM mention's number in ASCII digits) are optional.
type Mention struct {
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Type   string `json:"type"`
	Text   string `json:"text,omitempty"`
	Entity string `json:"entity,omitempty"`
	Value  string `json:"value,omitempty"`
}

// Overlaps reports whether m and o share at least one byte.
func (m Mention) Overlaps(o Mention) bool {
	return m.Start < o.End && o.Start < m.End
}

// String formats m for messages, e.g. `PER [12,26) "بوتين"`.
func (m Mention) String() string {
	return fmt.Sprintf("%s [%d,%d) %q", m.Type, m.Start, m.End, m.Text)
}

// LabelSyntax is the form of a mention type (a label) that every reader of
// arabench accepts, as its messages state it: a letter, then letters, digits,
// '_', '.' or '-' (PER, B-ORG's ORG, NUM.money).
const LabelSyntax = "[A-Za-z][A-Za-z0-9_.-]*"

// ValidLabel reports whether s has the form LabelSyntax.
func ValidLabel(s string) bool {
	if s == "" || !isASCIILetter(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !isASCIILetter(c) && (c < '0' || c > '9') && c != '_' && c != '.' && c != '-' {
			return false
		}
	}
	return true
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
