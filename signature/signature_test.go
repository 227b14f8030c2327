package signature

import (
	"testing"

	"github.com/arabench/arabench/corpus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSignatureString(t *testing.T) {
	sig := Signature{Version: "1.0", Gold: "3f2a9c1e", Corpus: "3fafd76b", Norm: "none", Scheme: "strict", Avg: "micro", Boot: BootSpec(1000, 12345)}
	assert.Equal(t, "arabench:1.0|gold:3f2a9c1e|corpus:3fafd76b|norm:none|scheme:strict|avg:micro|boot:1000@12345", sig.String())

	assert.Equal(t, "arabench:"+Version+"|gold:none|corpus:none|norm:none|scheme:none|avg:none|boot:none", Signature{}.String(),
		"empty fields print as none, an empty version as the current one")
}

func TestSignatureRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		sig  Signature
	}{
		{"plain", Signature{Version: "1.0", Gold: "3f2a9c1e", Corpus: "3fafd76b", Norm: "search", Scheme: "clitic", Avg: "macro", Boot: "none"}},
		{"pipe and percent in a corpus name", Signature{Version: "1.0", Gold: "ab", Corpus: "a|b%c", Norm: "none", Scheme: "strict", Avg: "micro", Boot: "none"}},
		{"colon and arabic in a corpus name", Signature{Version: "1.0", Gold: "ab", Corpus: "أخبار:2024", Norm: "none", Scheme: "strict", Avg: "micro", Boot: "none"}},
		{"newline in a corpus name", Signature{Version: "1.0", Gold: "ab", Corpus: "a\nb", Norm: "none", Scheme: "strict", Avg: "micro", Boot: "200@1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			line := tc.sig.String()
			assert.NotContains(t, line, "\n")
			got, err := Parse(line)
			require.NoError(t, err)
			assert.Equal(t, tc.sig, got)
			assert.Empty(t, tc.sig.Diff(got))
		})
	}
}

func TestParse(t *testing.T) {
	got, err := Parse("  scheme:exact|arabench:1.0|gold:g|corpus:c|norm:none|avg:micro  ")
	require.NoError(t, err)
	assert.Equal(t, Signature{Version: "1.0", Gold: "g", Corpus: "c", Norm: "none", Scheme: "exact", Avg: "micro", Boot: "none"}, got,
		"parts in any order; a missing boot means none")

	bad := []struct {
		name, line, msg string
	}{
		{"empty", "", "empty"},
		{"not key:value", "arabench", "not key:value"},
		{"unknown part", "arabench:1.0|gold:g|corpus:c|norm:none|scheme:strict|avg:micro|tok:13a", "unknown part"},
		{"repeated part", "arabench:1.0|gold:g|gold:h|corpus:c|norm:none|scheme:strict|avg:micro", "given twice"},
		{"missing part", "arabench:1.0|gold:g|corpus:c|norm:none|avg:micro", `"scheme" is missing`},
		{"bad escape", "arabench:1.0|gold:g|corpus:a%zzb|norm:none|scheme:strict|avg:micro", "bad escape"},
		{"truncated escape", "arabench:1.0|gold:g|corpus:a%7|norm:none|scheme:strict|avg:micro", "truncated escape"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(tc.line)
			assert.ErrorContains(t, err, tc.msg)
		})
	}
}

func TestSignatureDiffNamesTheDifferingParts(t *testing.T) {
	a := Signature{Version: "1.0", Gold: "3f2a9c1e", Corpus: "3fafd76b", Norm: "none", Scheme: "strict", Avg: "micro", Boot: "1000@12345"}
	b := a
	b.Gold, b.Scheme, b.Boot = "0badf00d", "clitic", ""
	d := a.Diff(b)
	assert.Equal(t, []FieldDiff{
		{Key: "gold", Left: "3f2a9c1e", Right: "0badf00d"},
		{Key: "scheme", Left: "strict", Right: "clitic"},
		{Key: "boot", Left: "1000@12345", Right: "none"},
	}, d)
	assert.Equal(t, "gold: 3f2a9c1e ≠ 0badf00d", d[0].String())

	c := a
	c.Norm = ""
	assert.Empty(t, c.Diff(a), "an empty norm prints, and compares, as none")
}

func FuzzParse(f *testing.F) {
	f.Add("arabench:1.0|gold:3f2a9c1e|corpus:3fafd76b|norm:none|scheme:strict|avg:micro|boot:1000@12345")
	f.Add("arabench:1.0|gold:g|corpus:a%7Cb|norm:none|scheme:strict|avg:micro")
	f.Add("|||")
	f.Add("corpus:%")
	f.Fuzz(func(t *testing.T, line string) {
		sig, err := Parse(line)
		if err != nil {
			return
		}
		// Whatever parses prints back to a line that parses to the same
		// signature.
		again, err := Parse(sig.String())
		require.NoError(t, err)
		require.Empty(t, sig.Diff(again))
	})
}

func TestCorpusHashPinsIDsAndTextsNotNames(t *testing.T) {
	// One document a with text x is written as the fields "a" and "x", each
	// as its length, a newline, itself and a newline: "1\na\n1\nx\n", whose
	// SHA-256 starts 138de91a.
	one := []corpus.Document{{ID: "a", Text: "x"}}
	assert.Equal(t, "138de91a", CorpusHash(one))
	// Then "2\nbb\n0\n\n" for a document bb with an empty text: 667a5fb0.
	two := []corpus.Document{{ID: "a", Text: "x"}, {ID: "bb", Text: ""}}
	assert.Equal(t, "667a5fb0", CorpusHash(two))

	for _, tc := range []struct {
		name  string
		other []corpus.Document
	}{
		{"another text under the same id", []corpus.Document{{ID: "a", Text: "y"}}},
		{"the same text under another id", []corpus.Document{{ID: "b", Text: "x"}}},
		{"a boundary moved between id and text", []corpus.Document{{ID: "ax", Text: ""}}},
		{"one more document", two},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.NotEqual(t, CorpusHash(one), CorpusHash(tc.other))
		})
	}
	// The corpus's name (its folder) is not an input: two folders holding
	// the same documents hash alike.
	a := &corpus.Corpus{Name: "news", Documents: one}
	b := &corpus.Corpus{Name: "copy-of-news", Documents: []corpus.Document{{ID: "a", Text: "x"}}}
	assert.Equal(t, CorpusHash(a.Documents), CorpusHash(b.Documents))
}

func TestSignatureMapPart(t *testing.T) {
	with := Signature{Gold: "3f2a9c1e", Corpus: "3fafd76b", Map: "9c1e3f2a", Norm: "none", Scheme: "strict", Avg: "micro"}
	assert.Equal(t, "arabench:1.0|gold:3f2a9c1e|corpus:3fafd76b|map:9c1e3f2a|norm:none|scheme:strict|avg:micro|boot:none", with.String())
	back, err := Parse(with.String())
	require.NoError(t, err)
	assert.Equal(t, "9c1e3f2a", back.Map)

	// Without a map the part is left out, and a signature written before
	// maps existed reads as one without a map and compares equal to it.
	without := with
	without.Map = ""
	assert.Equal(t, "arabench:1.0|gold:3f2a9c1e|corpus:3fafd76b|norm:none|scheme:strict|avg:micro|boot:none", without.String())
	old, err := Parse("arabench:1.0|gold:3f2a9c1e|corpus:3fafd76b|norm:none|scheme:strict|avg:micro|boot:none")
	require.NoError(t, err)
	assert.Empty(t, old.Diff(without))
	assert.Equal(t, []FieldDiff{{Key: "map", Left: "none", Right: "9c1e3f2a"}}, old.Diff(with))
}
