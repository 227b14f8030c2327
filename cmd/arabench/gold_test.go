package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var goldFixtures = filepath.Join("..", "..", "gold", "testdata")

// runArgs runs the CLI with args and no input.
func runArgs(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	return runCLI(t, "", args...)
}

// goldDir copies the valid gold fixture, with a broken fixture's files laid
// over it when broken is not empty, into a temporary folder.
func goldDir(t *testing.T, broken string) string {
	t.Helper()
	dir := t.TempDir()
	copyDir := func(src string) {
		entries, err := os.ReadDir(src)
		require.NoError(t, err)
		for _, e := range entries {
			data, err := os.ReadFile(filepath.Join(src, e.Name()))
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644))
		}
	}
	copyDir(filepath.Join(goldFixtures, "valid"))
	if broken != "" {
		copyDir(filepath.Join(goldFixtures, "broken", broken))
	}
	return dir
}

func TestGoldCheckPassesAValidFolder(t *testing.T) {
	code, out, errOut := runArgs(t, "gold", "check", "--guidelines", goldDir(t, ""))
	assert.Equal(t, exitOK, code, errOut)
	assert.Empty(t, errOut)
	for _, s := range []string{"document", "PER", "ORG", "LOC", "DATE", "NUM", "links", "values",
		"000_54e2bb75203d1eb2", "total", "gold ok: 5 documents, 33 mentions, 22 links, 3 values", "corpus:seed-5"} {
		assert.Contains(t, out, s)
	}
	assert.NotContains(t, out, "warning")
}

func TestGoldCheckFailsWithFileLineProblems(t *testing.T) {
	dir := goldDir(t, "two-links")
	code, out, errOut := runArgs(t, "gold", "check", "--guidelines", dir)
	assert.Equal(t, exitFailed, code)
	assert.Contains(t, out, "total", "the counts are printed even when the check fails")
	assert.Contains(t, errOut, filepath.Join(dir, "000_54e2bb75203d1eb2.ann")+":15: N7: T4 has 2 links (N3, N7); want exactly one\n")
	assert.Contains(t, errOut, "arabench gold check: 1 problem; the gold fails where listed above")
}

func TestGoldCheckListsWarningsWithoutFailing(t *testing.T) {
	dir := goldDir(t, "proclitic-inside-span")
	code, out, errOut := runArgs(t, "gold", "check", "--guidelines", dir)
	assert.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "1 warning:\n"+filepath.Join(dir, "002_8bf56170bc9a3a7f.ann")+":8: warning: T5: span \"وواشنطن\" starts with the proclitic")
	assert.Contains(t, out, "gold ok")
}

func TestGoldCheckAgainstAnotherCorpus(t *testing.T) {
	docs := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(docs, "tiny.txt"), []byte("في موسكو امس\n"), 0o644))
	g := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(g, "tiny.ann"),
		[]byte("T1\tLOC 3 8\tموسكو\nN1\tReference T1 kb:moscow\tMoscow\nT2\tDATE 9 12\tامس\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(g, "entities.tsv"), []byte("moscow\tLOC\tMoscow\tموسكو\n"), 0o644))

	for _, args := range [][]string{
		{"gold", "check", "--corpus", docs, g},
		{"gold", "check", g, "--corpus", docs}, // flags after the folder too
	} {
		code, out, errOut := runArgs(t, args...)
		assert.Equal(t, exitOK, code, errOut)
		assert.Contains(t, out, "gold ok: 1 document, 2 mentions, 1 link, 0 values")
	}

	// Against the seed corpus the same folder misses five documents and
	// annotates one that is not there.
	code, _, errOut := runArgs(t, "gold", "check", g)
	assert.Equal(t, exitFailed, code)
	assert.Contains(t, errOut, "no document tiny in corpus seed-5")
	assert.Contains(t, errOut, "missing: document 000_54e2bb75203d1eb2 of corpus seed-5 has no annotation file")
}

func TestGoldCheckEmbedded(t *testing.T) {
	saved := embeddedGold
	t.Cleanup(func() { embeddedGold = saved })

	embeddedGold = nil
	code, _, errOut := runArgs(t, "gold", "check")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "no embedded gold")

	embeddedGold = func() (fs.FS, error) { return nil, errors.New("unreadable") }
	code, _, errOut = runArgs(t, "gold", "check")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "embedded gold: unreadable")

	embeddedGold = func() (fs.FS, error) { return os.DirFS(goldDir(t, "value-not-digits")), nil }
	code, _, errOut = runArgs(t, "gold", "check")
	assert.Equal(t, exitFailed, code)
	assert.Contains(t, errOut, "gold/001_6498fe370d19e1ff.ann:12: #1: value \"14,000\" is not ASCII digits",
		"embedded files are named as the repository's gold/ folder")
}

func TestGoldCheckUsage(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"gold needs a subcommand", []string{"gold"}, exitUsage, "arabench gold: missing subcommand: the one subcommand is check"},
		{"an unknown subcommand is refused", []string{"gold", "fix"}, exitUsage, `arabench gold: unknown subcommand "fix"`},
		{"help is not an error", []string{"gold", "check", "-h"}, exitOK, "-corpus DIR"},
		{"help of gold itself", []string{"gold", "--help"}, exitOK, "usage: arabench gold check"},
		{"one gold at a time", []string{"gold", "check", "a", "b"}, exitUsage, "arabench gold check: one gold at a time, got 2: a b"},
		{"an unknown flag is refused", []string{"gold", "check", "--nope"}, exitUsage, "flag provided but not defined: -nope"},
		{"a missing folder is bad input", []string{"gold", "check", filepath.Join("no", "such", "dir")}, exitUsage, "cannot read the gold folder"},
		{"a missing corpus is bad input", []string{"gold", "check", "--corpus", filepath.Join("no", "such", "dir"), "x"}, exitUsage, "corpus:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runArgs(t, tc.args...)
			assert.Equal(t, tc.code, code)
			if tc.code == exitOK {
				assert.Contains(t, out, tc.msg, "help goes to standard output")
				assert.Empty(t, errOut)
			} else {
				assert.Contains(t, errOut, tc.msg)
			}
		})
	}
}
