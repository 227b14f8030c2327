package corpus

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestValidLabel: a label is a letter, then letters, digits, '_', '.' or '-',
// in ASCII: the form every gold and prediction reader accepts.
func TestValidLabel(t *testing.T) {
	cases := []struct {
		name  string
		label string
		want  bool
	}{
		{"the guidelines' types", "PER", true},
		{"ANERcorp's person type", "PERS", true},
		{"one letter", "X", true},
		{"lower case", "loc", true},
		{"a dash, as in OntoNotes' names", "Population-Center", true},
		{"a dot", "GPE.Nation", true},
		{"an underscore and digits", "WORK_OF_ART2", true},
		{"empty", "", false},
		{"a digit first", "1PER", false},
		{"a dash first", "-PER", false},
		{"an underscore first", "_PER", false},
		{"a space inside", "PER ORG", false},
		{"a BIO prefix's dash is fine but the slash is not", "B/PER", false},
		{"Arabic letters are not ASCII", "شخص", false},
		{"a non-ASCII Latin letter", "PÉR", false},
		{"a trailing newline", "PER\n", false},
		{"the bytes around the letters: '@' and '['", "@PER", false},
		{"and '`' and '{' after a letter", "P`{", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, ValidLabel(tc.label), "%q", tc.label)
		})
	}
}
