package gold

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/brat"
	"github.com/arabench/arabench/corpus"
)

func TestLoadGivesMentionsPerDocument(t *testing.T) {
	g, problems := Load(fixture(t, ""), corpus.Seed())
	require.Empty(t, problems)
	ms := g.Mentions("004_88102d76cfe70e6b")
	require.Len(t, ms, 7)
	assert.Equal(t, corpus.Mention{Start: 59, End: 67, Type: "ORG", Text: "داعش", Entity: "kb:isis"}, ms[0])
	assert.Equal(t, corpus.Mention{Start: 1366, End: 1368, Type: "NUM", Text: "50", Value: "50"}, ms[5])

	ms[0].Text = "changed"
	assert.Equal(t, "داعش", g.Mentions("004_88102d76cfe70e6b")[0].Text, "the caller owns the returned slice")
	assert.Nil(t, g.Mentions("no-such-document"))
	assert.Equal(t, "T1", g.File("004_88102d76cfe70e6b").Entities[0].ID)
	assert.Equal(t, corpus.SeedName, g.Corpus().Name)
	e, ok := g.Catalogue.Lookup("isis")
	require.True(t, ok)
	assert.Equal(t, "داعش", e.NameAr)
}

func TestLoadNeedsACorpus(t *testing.T) {
	g, problems := Load(fixture(t, ""), nil)
	assert.Nil(t, g)
	require.Len(t, problems, 1)
	assert.Contains(t, problems[0].Msg, "no corpus")
}

func TestHashPinsTheGoldFiles(t *testing.T) {
	hash := func(fsys fstest.MapFS) string {
		g, _ := Load(fsys, corpus.Seed())
		return g.Hash()
	}
	base := fixture(t, "")
	h := hash(base)
	assert.Regexp(t, regexp.MustCompile(`^[0-9a-f]{8}$`), h)
	assert.Equal(t, h, hash(fixture(t, "")), "the same files hash the same")

	for _, tc := range []struct {
		name   string
		change func(fstest.MapFS)
	}{
		{"an edited .ann changes it", func(fs fstest.MapFS) {
			fs[ann000] = &fstest.MapFile{Data: append([]byte(nil), append(fs[ann000].Data, '\n')...)}
		}},
		{"an edited catalogue changes it", func(fs fstest.MapFS) {
			fs[CatalogueFile] = &fstest.MapFile{Data: fs[CatalogueFile].Data[1:]}
		}},
		{"a renamed .ann changes it", func(fs fstest.MapFS) {
			fs["005_x.ann"] = fs[ann000]
			delete(fs, ann000)
		}},
		{"a removed .ann changes it", func(fs fstest.MapFS) { delete(fs, ann002) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fixture(t, "")
			tc.change(fsys)
			assert.NotEqual(t, h, hash(fsys))
		})
	}
	t.Run("other files do not change it", func(t *testing.T) {
		fsys := fixture(t, "")
		fsys["annotation.conf"] = &fstest.MapFile{Data: []byte("[entities]\n")}
		fsys["iaa/a/"+ann000] = &fstest.MapFile{Data: []byte("T1\tPER 0 1\tx\n")}
		assert.Equal(t, h, hash(fsys))
	})
}

func TestFileHashFraming(t *testing.T) {
	// Each file is framed by its name and length, so moving bytes from one
	// file to the next changes the hash even though the concatenation is
	// the same.
	a, b := newFileHash(), newFileHash()
	a.add("a.ann", []byte("xy"))
	a.add("b.ann", []byte("z"))
	b.add("a.ann", []byte("x"))
	b.add("b.ann", []byte("yz"))
	assert.NotEqual(t, a.sum(), b.sum())
	assert.Len(t, a.sum(), 8)
}

func TestLoadDirCompactLoadsAsLoadDirThenCompact(t *testing.T) {
	// The seed gold, then the same with a relation line read past, an .ann
	// file of no document and a document's .ann file missing: the same
	// mentions, hash, notes and problems either way.
	seed := corpus.Seed()
	withSeed := func(t *testing.T, edit func(dir string)) string {
		dir := t.TempDir()
		require.NoError(t, os.CopyFS(dir, SeedFS()))
		edit(dir)
		return dir
	}
	first, second := seed.Documents[0].ID, seed.Documents[1].ID
	for _, tc := range []struct {
		name     string
		dir      string
		troubled bool // problems and notes to report
	}{
		{"the seed gold", withSeed(t, func(string) {}), false},
		{"with problems and notes", withSeed(t, func(dir string) {
			f, err := os.OpenFile(filepath.Join(dir, first+".ann"), os.O_APPEND|os.O_WRONLY, 0)
			require.NoError(t, err)
			_, err = f.WriteString("R1\tNear Arg1:T1 Arg2:T2\n")
			require.NoError(t, err)
			require.NoError(t, f.Close())
			require.NoError(t, os.WriteFile(filepath.Join(dir, "orphan.ann"), []byte("T1\tPER 0 1\tx\n"), 0o644))
			require.NoError(t, os.Remove(filepath.Join(dir, second+".ann")))
		}), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := tc.dir
			whole, wantProblems := LoadDir(dir, seed)
			lean, problems := LoadDirCompact(dir, seed)
			assert.Equal(t, wantProblems, problems)
			assert.Equal(t, whole.Hash(), lean.Hash())
			assert.Equal(t, whole.Notes(), lean.Notes())
			whole.compact()
			assert.Equal(t, whole, lean)
			assert.Equal(t, tc.troubled, len(problems) > 0, "problems")
			assert.Equal(t, tc.troubled, len(lean.Notes()) > 0, "notes")
		})
	}
}

func TestMentionsRoundTripEveryFixtureSpan(t *testing.T) {
	c := corpus.Seed()
	fsys := fixture(t, "")
	n := 0
	for _, doc := range c.Documents {
		data := fsys[doc.ID+".ann"].Data
		f, errs := brat.Parse(doc.ID+".ann", bytes.NewReader(data))
		require.Empty(t, errs)
		ms, errs := f.Mentions(doc)
		require.Empty(t, errs)
		require.Len(t, ms, len(f.Entities))
		ix := corpus.NewIndex(doc.Text)
		for _, e := range f.Entities {
			require.True(t, e.Resolved, e.ID)
			// bytes → code points gives back the offsets as written …
			cs, ce, err := ix.CodePointSpan(e.Start, e.End)
			require.NoError(t, err)
			assert.Equal(t, [2]int{e.CPStart, e.CPEnd}, [2]int{cs, ce}, e.ID)
			// … and the byte span covers the text, on rune boundaries.
			assert.Equal(t, e.Text, doc.Text[e.Start:e.End], e.ID)
			assert.Equal(t, e.CPEnd-e.CPStart, utf8.RuneCountInString(doc.Text[e.Start:e.End]), e.ID)
			n++
		}
		for i := 1; i < len(ms); i++ {
			assert.LessOrEqual(t, ms[i-1].Start, ms[i].Start, "sorted by start")
		}
	}
	assert.Equal(t, 33, n, "every fixture mention was checked")
}
