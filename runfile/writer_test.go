package runfile

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/metrics"
)

func TestWriterWritesWhatRunWriteWrites(t *testing.T) {
	_, _, file := runFixture(t)
	whole, err := ReadRun("run.json", bytes.NewReader(file))
	require.NoError(t, err)
	html := Doc{Doc: "<b>&", Status: metrics.StatusFailed, Error: `"quoted" <x> & y`, Mentions: []Mention{}}
	for _, tc := range []struct {
		name string
		docs []Doc
	}{
		{"the fixture's documents", whole.Predictions},
		{"a document marked failed, with HTML characters", append(append([]Doc{}, whole.Predictions...), html)},
		{"no document", []Doc{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			run := *whole
			run.Predictions = tc.docs
			var want bytes.Buffer
			require.NoError(t, run.Write(&want))

			path := filepath.Join(t.TempDir(), "run.json")
			w, err := NewWriter(path)
			require.NoError(t, err)
			for _, d := range tc.docs {
				require.NoError(t, w.Add(d))
			}
			head := run
			head.Predictions = nil
			require.NoError(t, w.Finish(&head))
			got, err := os.ReadFile(path)
			require.NoError(t, err)
			assert.Equal(t, want.String(), string(got))
			left, err := filepath.Glob(filepath.Join(filepath.Dir(path), ".*"))
			require.NoError(t, err)
			assert.Empty(t, left, "no temporary file is left")
		})
	}
}

func TestWriterAbortLeavesThePathAlone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "run.json")
	require.NoError(t, os.WriteFile(path, []byte("old"), 0o644))
	w, err := NewWriter(path)
	require.NoError(t, err)
	require.NoError(t, w.Add(Doc{Doc: "a", Mentions: []Mention{}}))
	w.Abort()
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "old", string(got))
	left, err := filepath.Glob(filepath.Join(filepath.Dir(path), ".*"))
	require.NoError(t, err)
	assert.Empty(t, left)
}

func TestUnscoredDocTakesOnlyTheStatusesOfUnscoredDocuments(t *testing.T) {
	for _, tc := range []struct {
		status metrics.DocStatus
		ok     bool
	}{
		{metrics.StatusFailed, true},
		{metrics.StatusNotRun, true},
		{metrics.StatusMissing, true},
		{metrics.StatusScored, false},
		{"", false},
		{"lost", false},
	} {
		d, err := UnscoredDoc("a", tc.status, "why")
		if !tc.ok {
			assert.ErrorContains(t, err, "is not the status of a document that was not scored", "status %q", tc.status)
			continue
		}
		require.NoError(t, err, "status %q", tc.status)
		assert.Equal(t, Doc{Doc: "a", Status: tc.status, Error: "why", Mentions: []Mention{}}, d)
	}
}
