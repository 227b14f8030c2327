package corpus

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readSums parses a sha256sum(1) file into name → hex digest.
func readSums(t *testing.T, b []byte) map[string]string {
	t.Helper()
	sums := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		require.Len(t, f, 2, "malformed SHA256SUMS line %q", sc.Text())
		sums[strings.TrimPrefix(f[1], "*")] = f[0]
	}
	return sums
}

func TestSeedFilesMatchTheirSums(t *testing.T) {
	sums := readSums(t, SeedSums())
	require.Len(t, sums, 5)
	c := Seed()
	require.Len(t, c.Documents, 5)
	for _, d := range c.Documents {
		h := sha256.Sum256([]byte(d.Text))
		assert.Equal(t, sums[d.ID+".txt"], hex.EncodeToString(h[:]), "document %s differs from its seed", d.ID)
	}
}

func TestSeedSumsEqualTheSharedSeeds(t *testing.T) {
	shared, err := os.ReadFile(filepath.Join("..", "..", "shared", "seeds", "SHA256SUMS"))
	if err != nil {
		t.Skip("the shared seeds are not beside this checkout")
	}
	assert.Equal(t, readSums(t, shared), readSums(t, SeedSums()))
}

func TestLoadFolder(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "b.txt"), []byte("بوتين"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.txt"), []byte("موسكو"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "notes.md"), []byte("ignored"), 0o644))
	c, err := Load(dir)
	require.NoError(t, err)
	require.Len(t, c.Documents, 2)
	assert.Equal(t, "a", c.Documents[0].ID)
	assert.Equal(t, "b", c.Documents[1].ID)
	d, ok := c.Doc("b")
	require.True(t, ok)
	assert.Equal(t, "بوتين", d.Text)
	_, ok = c.Doc("c")
	assert.False(t, ok)
}

func TestLoadErrors(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "missing"))
	assert.ErrorContains(t, err, "no such file or directory")
	_, err = Load(t.TempDir())
	assert.ErrorContains(t, err, "holds no readable .txt files")

	if os.Getuid() != 0 { // root reads any folder
		locked := t.TempDir()
		require.NoError(t, os.WriteFile(filepath.Join(locked, "a.txt"), []byte("x"), 0o644))
		require.NoError(t, os.Chmod(locked, 0o000))
		t.Cleanup(func() { os.Chmod(locked, 0o755) })
		_, err = Load(locked)
		assert.ErrorContains(t, err, "permission denied", "the real cause, not \"holds no .txt files\"")
	}
}
