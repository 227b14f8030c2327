package gold

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/conll"
)

func writeTemp(t *testing.T, name, data string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, []byte(data), 0o644))
	return p
}

func TestGoldFilesOfEveryFormatReadAlike(t *testing.T) {
	// One sentence, "زار بوتين موسكو": بوتين PERS [4,9), موسكو LOC [10,15)
	// in code points.
	conllFile := writeTemp(t, "g.txt", "-DOCSTART- a\nزار O\nبوتين B-PERS\nموسكو B-LOC\n")
	spans := writeTemp(t, "g.data", `{"doc":"a","text":"زار بوتين موسكو","mentions":[{"start":4,"end":9,"type":"PERS"},{"start":10,"end":15,"type":"LOC","text":"موسكو"}]}`+"\n")
	var hashes []string
	for _, tc := range []struct {
		path string
		want Format
	}{{conllFile, FormatCoNLL}, {spans, FormatJSONL}} {
		f, err := DetectFormat(tc.path)
		require.NoError(t, err)
		assert.Equal(t, tc.want, f, "told from the content, not the name")
		c, g, err := ReadFile(tc.path, f, conll.Options{})
		require.NoError(t, err)
		require.Len(t, c.Documents, 1)
		assert.Equal(t, "زار بوتين موسكو", c.Documents[0].Text)
		ms := g.Mentions("a")
		require.Len(t, ms, 2)
		// Byte offsets: زار is 6 bytes and a space, بوتين 10 bytes.
		assert.Equal(t, [3]any{7, 17, "PERS"}, [3]any{ms[0].Start, ms[0].End, ms[0].Type})
		assert.Equal(t, [3]any{18, 28, "LOC"}, [3]any{ms[1].Start, ms[1].End, ms[1].Type})
		hashes = append(hashes, g.Hash())
	}
	assert.Equal(t, hashes[0], hashes[1], "the same gold hashes alike whatever the file")
}

func TestDetectFormatRefusesABratFile(t *testing.T) {
	_, err := DetectFormat(writeTemp(t, "a.ann", "T1\tPER 0 5\tPutin\n"))
	assert.ErrorContains(t, err, "a brat gold is the folder of its <doc>.ann files")
}
