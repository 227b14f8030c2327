package runfile

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/arabench/arabench/shard"
	"github.com/arabench/arabench/signature"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadFile(t *testing.T) {
	_, _, whole := runFixture(t)
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, data, 0o644))
		return path
	}
	run, err := ReadRun("whole.json", bytes.NewReader(whole))
	require.NoError(t, err)
	run.Shard = &shard.Spec{Index: 1, Count: 2}
	part := filepath.Join(dir, "part.json")
	require.NoError(t, run.WriteFile(part))

	for _, tc := range []struct {
		name    string
		path    string
		wantErr string
	}{
		{"a whole run", write("whole.json", whole), ""},
		{"a shard's run", part, part + " is the run of shard 1/2 only: join the shards first with `arabench merge PART... -o RUN.json`"},
		{"not JSON", write("not.json", []byte("notjson\n")), "not a run file"},
		{"no file", filepath.Join(dir, "missing.json"), "no such file or directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			run, err := ReadFile(tc.path)
			if tc.wantErr == "" {
				require.NoError(t, err)
				assert.Equal(t, "rules", run.Extractor)
				assert.Len(t, run.Predictions, 2)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantErr)
		})
	}
}

func TestCheckWhole(t *testing.T) {
	for _, tc := range []struct {
		name    string
		shard   *shard.Spec
		wantErr string
	}{
		{"whole", nil, ""},
		{"shard", &shard.Spec{Index: 0, Count: 3}, "r.json is the run of shard 0/3 only: join the shards first with `arabench merge PART... -o RUN.json`"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckWhole("r.json", &Run{Shard: tc.shard})
			if tc.wantErr == "" {
				assert.NoError(t, err)
				return
			}
			assert.EqualError(t, err, tc.wantErr)
		})
	}
}

func TestUpgradeLegacyCorpus(t *testing.T) {
	c, _, _ := runFixture(t)
	hash := signature.CorpusHash(c.Documents)
	for _, tc := range []struct {
		name       string
		format     string
		corpus     string
		want       bool
		wantCorpus string
	}{
		{"format 1 naming the loaded corpus", "arabench-run/1", c.Name, true, hash},
		{"format 1 naming another corpus", "arabench-run/1", "seed-5", false, "seed-5"},
		{"format 2 pins the content already", Format, c.Name, false, c.Name},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sig := signature.Signature{Corpus: tc.corpus}
			assert.Equal(t, tc.want, UpgradeLegacyCorpus(&Run{Format: tc.format}, &sig, c))
			assert.Equal(t, tc.wantCorpus, sig.Corpus)
		})
	}
}
