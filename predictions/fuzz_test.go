package predictions

import (
	"slices"
	"strings"
	"testing"

	"github.com/arabench/arabench/anchor"
	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/extract/wire"
)

// checkPredictions asserts what every reader promises on any input: only
// documents of the corpus, mentions sorted, each a non-empty span on
// character boundaries with a known type and Text equal to its span.
func checkPredictions(t *testing.T, c *corpus.Corpus, preds map[string][]corpus.Mention) {
	t.Helper()
	for id, ms := range preds {
		doc, ok := c.Doc(id)
		if !ok {
			t.Fatalf("predictions for %q, which is not in the corpus", id)
		}
		if !slices.IsSortedFunc(ms, wire.CompareMentions) {
			t.Fatalf("doc %q: mentions not sorted: %v", id, ms)
		}
		ix := corpus.NewIndex(doc.Text)
		for _, m := range ms {
			if p := wire.CheckMention(doc.Text, ix, m); p != "" {
				t.Fatalf("doc %q: mention %s: %s", id, m, p)
			}
			if m.Text != doc.Text[m.Start:m.End] {
				t.Fatalf("doc %q: mention %s: Text is not the span", id, m)
			}
		}
	}
}

func FuzzReadJSONL(f *testing.F) {
	for _, s := range []string{
		`{"doc":"a","mentions":[{"start":4,"end":9,"type":"PER","text":"بوتين"}]}`,
		`{"doc":"b","mentions":[{"start":8,"end":13,"type":"ORG","text":"world"}]}`,
		`{"doc":"c","mentions":[{"start":1,"end":4,"type":"ORG","text":"b\ufffdc"}]}`,
		`{"doc":"a","mentions":[{"start":9,"end":4,"type":"PER"},{"start":-1,"end":99,"type":"X"}]}`,
		"{\"doc\":\"e\",\"mentions\":[]}\n{\"doc\":\"e\",\"mentions\":[]}",
		`{"doc":"a","error":"x"}`,
		`{"doc":"a","mentions":[{"start":1e30,"end":2,"type":"PER"}]}`,
		"\ufeff\r\n[]\n{",
	} {
		f.Add(s)
	}
	c := testCorpus()
	f.Fuzz(func(t *testing.T, in string) {
		preds, _ := ReadJSONL("fuzz.jsonl", strings.NewReader(in), c)
		checkPredictions(t, c, preds)
	})
}

func FuzzReadCoNLL(f *testing.F) {
	for _, s := range []string{
		"-DOCSTART- a\nزار O\nبوتين B-PER\nموسكو I-LOC\nفي O\n2024 S-NUM\n. O\n",
		"-DOCSTART- -X- -X- O\n\nزار O\n",
		"-DOCSTART- e\na B-PER\n\nb I-PER\nc E-PER\nd S-PER\n",
		"-DOCSTART- c\nab O\n\xffcd B-LOC\n",
		"-DOCSTART- f\na B-ORG\nb I-ORG\nc O\n",
		"-DOCSTART- zz\nx\n-DOCSTART-\n-DOCSTART- e\na B-\nb B-MISC\n",
		"\ufeffword\n",
	} {
		f.Add(s)
	}
	c := testCorpus()
	f.Fuzz(func(t *testing.T, in string) {
		preds, _ := ReadCoNLL("fuzz.conll", strings.NewReader(in), c, CoNLLOptions{})
		checkPredictions(t, c, preds)
	})
}

func FuzzReadSegmented(f *testing.F) {
	for _, s := range []string{
		"-DOCSTART- a\nزار O\nبوتين B-PER\nموسكو L-LOC\n",
		"a U-PER\nb O\n\nc +B-X\n+ O\n",
		"-DOCSTART- e\na+ B-PER\n+b I-PER\nc O\nd O\n",
	} {
		f.Add(s)
	}
	c := testCorpus()
	f.Fuzz(func(t *testing.T, in string) {
		preds, _ := ReadCoNLL("fuzz.conll", strings.NewReader(in), c, CoNLLOptions{Segmented: true, Column: 2})
		checkPredictions(t, c, preds)
	})
}

func FuzzReadSpaCy(f *testing.F) {
	for _, s := range []string{
		`{"text":"a b c d","spans":[{"start":2,"end":3,"label":"LOC"}]}`,
		`{"text":"x","spans":[{"start":0,"end":1,"label":"PER"}],"meta":{"doc":"b"}}`,
		`{"ents":[{"start":-1,"end":99,"label":""}],"id":7}`,
	} {
		f.Add(s)
	}
	c := testCorpus()
	f.Fuzz(func(t *testing.T, in string) {
		preds, _ := ReadSpaCy("fuzz.jsonl", strings.NewReader(in), c)
		checkPredictions(t, c, preds)
	})
}

func FuzzReadStrings(f *testing.F) {
	for _, s := range []string{
		`{"doc":"a","mentions":[{"type":"PER","text":"بوتين"},{"type":"PER","text":"بوتين"}]}`,
		`{"doc":"c","mentions":[{"type":"X","text":"\ufffd"}]}`,
		`{"doc":"f","mentions":[{"type":"X","text":" "}],"error":"x"}`,
	} {
		f.Add(s)
	}
	c := testCorpus()
	f.Fuzz(func(t *testing.T, in string) {
		preds, _, _ := ReadStrings("fuzz.jsonl", strings.NewReader(in), c, anchor.NewPlacer(nil))
		checkPredictions(t, c, preds)
	})
}
