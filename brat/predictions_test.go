package brat

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/corpus"
)

func TestReadPredictionDir(t *testing.T) {
	c := &corpus.Corpus{Name: "fixture-2", Documents: []corpus.Document{
		{ID: "a", Text: "قال بوتين في موسكو."},
		{ID: "b", Text: "Putin met Lavrov."},
	}}
	// In "a", "قال " is 4 code points and 7 bytes (3 Arabic letters of 2
	// bytes, a space of 1), so بوتين (5 letters) is code points [4,9) and
	// bytes [7,17). "قال بوتين في " is 4+5+1+2+1 = 13 code points and
	// 7+10+1+4+1 = 23 bytes, so موسكو is code points [13,18), bytes [23,33).
	putin := corpus.Mention{Start: 7, End: 17, Type: "PER", Text: "بوتين"}
	moscow := corpus.Mention{Start: 23, End: 33, Type: "LOC", Text: "موسكو", Entity: "kb:moscow"}
	// "b" is ASCII: code points and bytes agree.
	lavrov := corpus.Mention{Start: 10, End: 16, Type: "PER", Text: "Lavrov"}

	for _, tc := range []struct {
		name  string
		files map[string]string // file name -> content; nil map for an empty folder
		want  map[string][]corpus.Mention
		// wantErrs are the errors' texts with the folder written as DIR.
		wantErrs []string
	}{
		{
			name: "a good folder gives every document's mentions, links kept, sorted",
			files: map[string]string{
				"a.ann": "T2\tLOC 13 18\tموسكو\nN1\tReference T2 kb:moscow\tMoscow\nT1\tPER 4 9\tبوتين\n",
				"b.ann": "T1\tPER 10 16\tLavrov\n",
				// Neither a sub-folder's nor another extension's files are predictions.
				"a.txt":       "قال بوتين في موسكو.",
				"notes/b.ann": "T1\tPER 0 5\tPutin\n",
			},
			want: map[string][]corpus.Mention{"a": {putin, moscow}, "b": {lavrov}},
		},
		{
			name:  "a document without a file has no predictions",
			files: map[string]string{"b.ann": "T1\tPER 10 16\tLavrov\n"},
			want:  map[string][]corpus.Mention{"b": {lavrov}},
		},
		{
			name: "an .ann naming no corpus document is reported and skipped",
			files: map[string]string{
				"b.ann":  "T1\tPER 10 16\tLavrov\n",
				"zz.ann": "T1\tPER 0 5\tPutin\n",
			},
			want:     map[string][]corpus.Mention{"b": {lavrov}},
			wantErrs: []string{`DIR/zz.ann: no document "zz" in corpus fixture-2: a predictions file is named for the document it annotates`},
		},
		{
			name:  "a malformed line is reported as file:line and the rest of the file is read",
			files: map[string]string{"b.ann": "T1\tPER 0 5\tPutin\nT2 PER 10 16 Lavrov\nT3\tPER 10 16\tLavrov\n"},
			want: map[string][]corpus.Mention{"b": {
				{Start: 0, End: 5, Type: "PER", Text: "Putin"}, lavrov,
			}},
			wantErrs: []string{`DIR/b.ann:2: no tab after the annotation id in "T2 PER 10 16 Lavrov"`},
		},
		{
			name:     "a span that does not fit the document is reported with its line",
			files:    map[string]string{"b.ann": "T1\tPER 10 16\tLavrof\n"},
			want:     map[string][]corpus.Mention{"b": {}},
			wantErrs: []string{`DIR/b.ann:1: T1: text "Lavrof" differs from the document's "Lavrov" at [10,16)`},
		},
		{
			name:     "an empty folder is reported: it is almost always the wrong one",
			want:     map[string][]corpus.Mention{},
			wantErrs: []string{"DIR: no .ann files: brat predictions are a folder of <doc>.ann files"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, content := range tc.files {
				path := filepath.Join(dir, filepath.FromSlash(name))
				require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
				require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
			}
			got, errs := ReadPredictionDir(dir, c)
			assert.Equal(t, tc.want, got)
			var texts []string
			for _, err := range errs {
				texts = append(texts, filepath.ToSlash(err.Error()))
			}
			var want []string
			for _, w := range tc.wantErrs {
				want = append(want, strings.Replace(w, "DIR", filepath.ToSlash(dir), 1))
			}
			assert.Equal(t, want, texts)
		})
	}
}

func TestReadPredictionDirRefusesWhatIsNoFolder(t *testing.T) {
	c := &corpus.Corpus{Name: "fixture-1", Documents: []corpus.Document{{ID: "b", Text: "Putin met Lavrov."}}}
	missing := filepath.Join(t.TempDir(), "missing")
	got, errs := ReadPredictionDir(missing, c)
	assert.Empty(t, got)
	require.Len(t, errs, 1)
	assert.ErrorContains(t, errs[0], missing+": cannot read the predictions folder")

	_, errs = ReadPredictionDir(t.TempDir(), nil)
	require.Len(t, errs, 1)
	assert.ErrorContains(t, errs[0], "no corpus")
}
