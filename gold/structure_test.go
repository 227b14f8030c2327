package gold

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/corpus"
)

// guidelines checks a gold against the guidelines as well as its structure.
var guidelines = CheckOptions{Guidelines: true}

// tinyCorpus is one document: "زار بوتين موسكو" (بوتين [4,9), موسكو [10,15)
// in code points).
func tinyCorpus() *corpus.Corpus {
	return &corpus.Corpus{Name: "tiny", Documents: []corpus.Document{{ID: "a", Text: "زار بوتين موسكو"}}}
}

func TestStructureOfAnyGold(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		// want are the errors, as printed; note the warning, if any.
		want []string
		note string
		// types are the table's columns.
		types []string
	}{
		{"a gold without entities.tsv and links, with its own labels, passes",
			map[string]string{"a.ann": "T1\tPERS 4 9\tبوتين\nT2\tLOC 10 15\tموسكو\n"},
			nil, "", []string{"LOC", "PERS"}},
		{"nested spans are read, span by span",
			map[string]string{"a.ann": "T1\tPER 4 9\tبوتين\nT2\tLOC 10 15\tموسكو\nT3\tEVENT 0 15\tزار بوتين موسكو\n"},
			nil, "", []string{"EVENT", "LOC", "PER"}},
		{"a type that is not a label is refused with its line",
			map[string]string{"a.ann": "T1\tPER 4 9\tبوتين\nT2\t9LOC 10 15\tموسكو\n"},
			[]string{`a.ann:2: T2: type "9LOC" does not match [A-Za-z][A-Za-z0-9_.-]*`}, "", nil},
		{"annotation.conf, when present, declares the labels",
			map[string]string{
				"a.ann":           "T1\tPERS 4 9\tبوتين\nT2\tGPE 10 15\tموسكو\n",
				"annotation.conf": "[entities]\nPERS\n\tLOC\n!ORG\n[relations]\nGPE\n",
			},
			[]string{`a.ann:2: T2: type "GPE" is not declared in the [entities] of annotation.conf (LOC, ORG, PERS)`}, "", nil},
		{"a discontinuous span is refused with its line",
			map[string]string{"a.ann": "T1\tPER 4 6;7 9\tبو تين\n"},
			[]string{`a.ann:1: T1 has a discontinuous span "PER 4 6;7 9": a mention is one contiguous span`}, "", nil},
		{"relations, events and attributes are read past with one note",
			map[string]string{"a.ann": "T1\tPER 4 9\tبوتين\nT2\tLOC 10 15\tموسكو\nR1\tVisits Arg1:T1 Arg2:T2\nA1\tNegated T1\nE1\tVisit:T1\n"},
			nil, "a.ann:3: warning: 3 lines of kinds R, E, M, * or A", []string{"PER", "ORG", "LOC", "DATE", "NUM"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, data := range tc.files {
				fsys[name] = &fstest.MapFile{Data: []byte(data)}
			}
			r := Check(fsys, tinyCorpus(), CheckOptions{})
			var errs []string
			for _, p := range r.Errors() {
				errs = append(errs, p.Error())
			}
			assert.Equal(t, tc.want, errs)
			if tc.note == "" {
				assert.Empty(t, r.Warnings())
			} else {
				require.Len(t, r.Warnings(), 1)
				assert.Contains(t, r.Warnings()[0].Error(), tc.note)
			}
			if tc.types != nil {
				assert.Equal(t, tc.types, r.Types)
			}
			// eval loads with Load: it refuses exactly the errors.
			_, problems := Load(fsys, tinyCorpus())
			assert.Len(t, problems, len(tc.want), "Load and Check refuse the same things")
		})
	}
}

func TestGuidelinesRefuseWhatStructureAllows(t *testing.T) {
	fsys := fstest.MapFS{"a.ann": &fstest.MapFile{Data: []byte("T1\tPER 4 9\tبوتين\nT2\tLOC 4 15\tبوتين موسكو\n")}}
	assert.Empty(t, Check(fsys, tinyCorpus(), CheckOptions{}).Errors(), "nested spans are structure")
	var msgs []string
	for _, p := range Check(fsys, tinyCorpus(), guidelines).Errors() {
		msgs = append(msgs, p.Error())
	}
	assert.Equal(t, []string{
		`a.ann:1: T1: PER mention "بوتين" has no link: every PER, ORG and LOC mention needs one line N<n><TAB>Reference T1 kb:<id>`,
		`a.ann:2: T2: LOC mention "بوتين موسكو" has no link: every PER, ORG and LOC mention needs one line N<n><TAB>Reference T2 kb:<id>`,
		"a.ann:2: T2 [4,15) overlaps T1 [4,9): spans never overlap or nest (mark only the outer name)",
		"entities.tsv: missing: the gold needs its entity catalogue (id<TAB>type<TAB>name_en<TAB>name_ar)",
	}, msgs)
}

func TestGoldHasLinksAndValues(t *testing.T) {
	g, problems := Load(SeedFS(), corpus.Seed())
	require.Empty(t, problems)
	assert.True(t, g.HasLinks())
	assert.True(t, g.HasValues())
	plain := FromMentions(tinyCorpus(), map[string][]corpus.Mention{"a": {{Start: 7, End: 17, Type: "PERS"}}})
	assert.False(t, plain.HasLinks())
	assert.False(t, plain.HasValues())
}
