package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The worked example of every format test: two sentences, each a document
// of the corpus rebuilt from the gold's tokens (ids s0001, s0002).
//
//	s0001  زار بوتين موسكو أمس              gold: PER بوتين, LOC موسكو
//	s0002  التقى سيرغي لافروف في واشنطن     gold: PER سيرغي لافروف, LOC واشنطن
//
// The predictions, the same in every format:
//
//	s0001  PER بوتين (correct), ORG موسكو (right span, wrong type)
//	s0002  LOC التقى (spurious), PER لافروف (part of the gold span), LOC واشنطن (correct)
//
// strict: COR 2 of 4 gold and 5 predicted: P 2/5 = 0.4, R 2/4 = 0.5,
// F1 2·0.4·0.5/0.9 = 0.4444; exact (span only): COR 3: P 0.6, R 0.75.
var sentences = [][]string{
	{"زار O", "بوتين B-PER", "موسكو B-LOC", "أمس O"},
	{"التقى O", "سيرغي B-PER", "لافروف I-PER", "في O", "واشنطن B-LOC"},
}

// predTags are the predictions as IOB2 tags, sentence by sentence.
var predTags = [][]string{
	{"O", "B-PER", "B-ORG", "O"},
	{"B-LOC", "O", "B-PER", "O", "B-LOC"},
}

// predMention is one prediction: its document, type and text (each text
// occurs once in its document).
type predMention struct{ doc, typ, text string }

var predMentions = []predMention{
	{"s0001", "PER", "بوتين"}, {"s0001", "ORG", "موسكو"},
	{"s0002", "LOC", "التقى"}, {"s0002", "PER", "لافروف"}, {"s0002", "LOC", "واشنطن"},
}

// docText is the text of each document, tokens joined by single spaces.
func docText(i int) string {
	var toks []string
	for _, l := range sentences[i] {
		toks = append(toks, strings.Fields(l)[0])
	}
	return strings.Join(toks, " ")
}

func docID(i int) string { return fmt.Sprintf("s%04d", i+1) }

// cp returns the code point span of sub in text.
func cp(text, sub string) (int, int) {
	b := strings.Index(text, sub)
	if b < 0 {
		panic(sub + " not in " + text)
	}
	start := utf8.RuneCountInString(text[:b])
	return start, start + utf8.RuneCountInString(sub)
}

// goldCoNLL is the gold as a token file, lines ended by eol, columns
// separated by sep, with a BOM in front when bom.
func goldCoNLL(bom bool, eol, sep string) string {
	var b strings.Builder
	if bom {
		b.WriteString("\ufeff")
	}
	for i, s := range sentences {
		if i > 0 {
			b.WriteString(eol)
		}
		for _, l := range s {
			b.WriteString(strings.Replace(l, " ", sep, 1) + eol)
		}
	}
	return b.String()
}

// goldSpans is the gold as JSONL spans.
func goldSpans() string {
	var b strings.Builder
	golds := [][]predMention{
		{{"", "PER", "بوتين"}, {"", "LOC", "موسكو"}},
		{{"", "PER", "سيرغي لافروف"}, {"", "LOC", "واشنطن"}},
	}
	for i, ms := range golds {
		text := docText(i)
		var parts []string
		for _, m := range ms {
			s, e := cp(text, m.text)
			parts = append(parts, fmt.Sprintf(`{"start":%d,"end":%d,"type":%q}`, s, e, m.typ))
		}
		fmt.Fprintf(&b, `{"doc":%q,"text":%q,"mentions":[%s]}`+"\n", docID(i), text, strings.Join(parts, ","))
	}
	return b.String()
}

// goldBrat writes the gold as a brat folder with each .txt beside its .ann.
func goldBrat(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	golds := [][]predMention{
		{{"", "PER", "بوتين"}, {"", "LOC", "موسكو"}},
		{{"", "PER", "سيرغي لافروف"}, {"", "LOC", "واشنطن"}},
	}
	for i, ms := range golds {
		text := docText(i)
		var ann strings.Builder
		for k, m := range ms {
			s, e := cp(text, m.text)
			fmt.Fprintf(&ann, "T%d\t%s %d %d\t%s\n", k+1, m.typ, s, e, m.text)
		}
		require.NoError(t, os.WriteFile(filepath.Join(dir, docID(i)+".txt"), []byte(text), 0o644))
		require.NoError(t, os.WriteFile(filepath.Join(dir, docID(i)+".ann"), []byte(ann.String()), 0o644))
	}
	return dir
}

// predCoNLL writes the predictions as a token file: each IOB2 tag through
// retag, columns separated by sep, lines ended by eol, with -DOCSTART- lines
// naming the documents when docStart.
func predCoNLL(retag func(tags []string) []string, sep, eol string, docStart bool) string {
	var b strings.Builder
	for i, s := range sentences {
		if docStart {
			b.WriteString("-DOCSTART- " + docID(i) + eol)
		} else if i > 0 {
			b.WriteString(eol)
		}
		tags := retag(predTags[i])
		for k, l := range s {
			b.WriteString(strings.Fields(l)[0] + sep + tags[k] + eol)
		}
	}
	return b.String()
}

func iob2(tags []string) []string { return tags }

// iobes rewrites IOB2 tags as IOBES: a chunk of one token is S-, the last
// token of a longer one E-.
func iobes(tags []string) []string {
	out := make([]string, len(tags))
	for i, t := range tags {
		out[i] = t
		if t == "O" {
			continue
		}
		last := i+1 == len(tags) || !strings.HasPrefix(tags[i+1], "I-")
		switch {
		case t[0] == 'B' && last:
			out[i] = "S-" + t[2:]
		case t[0] == 'I' && last:
			out[i] = "E-" + t[2:]
		}
	}
	return out
}

// bilou rewrites IOB2 tags as BILOU: IOBES with L- for E- and U- for S-.
func bilou(tags []string) []string {
	out := iobes(tags)
	for i, t := range out {
		switch {
		case strings.HasPrefix(t, "S-"):
			out[i] = "U-" + t[2:]
		case strings.HasPrefix(t, "E-"):
			out[i] = "L-" + t[2:]
		}
	}
	return out
}

// predJSONL writes the predictions with code point offsets.
func predJSONL() string {
	return predLines(func(id, text string, ms []predMention) string {
		var parts []string
		for _, m := range ms {
			s, e := cp(text, m.text)
			parts = append(parts, fmt.Sprintf(`{"start":%d,"end":%d,"type":%q}`, s, e, m.typ))
		}
		return fmt.Sprintf(`{"doc":%q,"mentions":[%s]}`, id, strings.Join(parts, ","))
	})
}

// predSpaCy writes the predictions as spaCy JSONL, naming each document in
// meta.doc when named, else by its text alone.
func predSpaCy(named bool) string {
	return predLines(func(id, text string, ms []predMention) string {
		var parts []string
		for _, m := range ms {
			s, e := cp(text, m.text)
			parts = append(parts, fmt.Sprintf(`{"start":%d,"end":%d,"label":%q}`, s, e, m.typ))
		}
		meta := ""
		if named {
			meta = fmt.Sprintf(`,"meta":{"doc":%q}`, id)
		}
		return fmt.Sprintf(`{"text":%q,"spans":[%s]%s}`, text, strings.Join(parts, ","), meta)
	})
}

// predStrings writes the predictions as strings without offsets, with extra
// strings added to the last document.
func predStrings(extra ...predMention) string {
	return predLines(func(id, text string, ms []predMention) string {
		if id == docID(len(sentences)-1) {
			ms = append(ms, extra...)
		}
		var parts []string
		for _, m := range ms {
			parts = append(parts, fmt.Sprintf(`{"type":%q,"text":%q}`, m.typ, m.text))
		}
		return fmt.Sprintf(`{"doc":%q,"mentions":[%s]}`, id, strings.Join(parts, ","))
	})
}

// predLines writes one line per document with line.
func predLines(line func(id, text string, ms []predMention) string) string {
	var b strings.Builder
	for i := range sentences {
		var ms []predMention
		for _, m := range predMentions {
			if m.doc == docID(i) {
				ms = append(ms, m)
			}
		}
		b.WriteString(line(docID(i), docText(i), ms) + "\n")
	}
	return b.String()
}

// predBrat writes the predictions as a brat folder.
func predBrat(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for i := range sentences {
		var ann strings.Builder
		k := 0
		for _, m := range predMentions {
			if m.doc != docID(i) {
				continue
			}
			k++
			s, e := cp(docText(i), m.text)
			fmt.Fprintf(&ann, "T%d\t%s %d %d\t%s\n", k, m.typ, s, e, m.text)
		}
		require.NoError(t, os.WriteFile(filepath.Join(dir, docID(i)+".ann"), []byte(ann.String()), 0o644))
	}
	return dir
}

// boardJSON is what the tests read of the board's JSON.
type boardJSON struct {
	Extractors []struct {
		Notes    []string `json:"notes"`
		Unplaced []struct {
			Doc, Type, Text, Outcome string
		} `json:"unplaced"`
		Schemes []struct {
			Scheme string `json:"scheme"`
			Types  []struct {
				Type      string  `json:"type"`
				Precision float64 `json:"precision"`
				Recall    float64 `json:"recall"`
				F1        float64 `json:"f1"`
				Support   int     `json:"support"`
				Predicted int     `json:"predicted"`
				COR       int     `json:"COR"`
			} `json:"types"`
			Micro struct {
				Precision float64 `json:"precision"`
				Recall    float64 `json:"recall"`
				F1        float64 `json:"f1"`
				Support   int     `json:"support"`
				Predicted int     `json:"predicted"`
				COR       int     `json:"COR"`
				INC       int     `json:"INC"`
				PAR       int     `json:"PAR"`
				MIS       int     `json:"MIS"`
				SPU       int     `json:"SPU"`
			} `json:"micro"`
		} `json:"schemes"`
	} `json:"extractors"`
	Signatures []string `json:"signatures"`
}

// scoreJSON runs score with args and every scheme in JSON, and decodes it.
func scoreJSON(t *testing.T, args ...string) (boardJSON, string) {
	t.Helper()
	args = append([]string{"score", "--format", "json", "--scheme", "strict,exact,type,partial,clitic,bag", "--name", "p"}, args...)
	code, out, errs := runCLI(t, "", args...)
	require.Equal(t, exitOK, code, errs)
	var b boardJSON
	require.NoError(t, json.Unmarshal([]byte(out), &b), out)
	require.Len(t, b.Extractors, 1)
	return b, errs
}

// micro returns the micro P, R and F1 under scheme, rounded to 4 digits.
func (b boardJSON) micro(scheme string) [3]string {
	for _, s := range b.Extractors[0].Schemes {
		if s.Scheme == scheme {
			return [3]string{fmt.Sprintf("%.4f", s.Micro.Precision), fmt.Sprintf("%.4f", s.Micro.Recall), fmt.Sprintf("%.4f", s.Micro.F1)}
		}
	}
	panic("no scheme " + scheme)
}

// spanSchemes are the schemes that read offsets.
var spanSchemes = []string{"strict", "exact", "type", "partial", "clitic"}

func TestPredictionsInEveryFormatScoreAlike(t *testing.T) {
	gold := writeFile(t, "gold.conll", goldCoNLL(false, "\n", " "))
	want, _ := scoreJSON(t, "--gold", gold, "--pred", writeFile(t, "p.jsonl", predJSONL()))
	// The worked example's numbers (see sentences).
	assert.Equal(t, [3]string{"0.4000", "0.5000", "0.4444"}, want.micro("strict"))
	assert.Equal(t, [3]string{"0.6000", "0.7500", "0.6667"}, want.micro("exact"))

	for _, tc := range []struct {
		name, format string
		pred         func(t *testing.T) string
	}{
		{"CoNLL, IOB2, no -DOCSTART-", "conll", func(t *testing.T) string {
			return writeFile(t, "p.conll", predCoNLL(iob2, " ", "\n", false))
		}},
		{"CoNLL, IOBES", "conll", func(t *testing.T) string { return writeFile(t, "p.txt", predCoNLL(iobes, " ", "\n", false)) }},
		{"CoNLL, BILOU", "conll", func(t *testing.T) string { return writeFile(t, "p.txt", predCoNLL(bilou, " ", "\n", false)) }},
		{"CoNLL with a BOM, CRLF, tabs and -DOCSTART- ids", "conll", func(t *testing.T) string {
			return writeFile(t, "p.jsonl", "\ufeff"+predCoNLL(iob2, "\t", "\r\n", true))
		}},
		{"spaCy JSONL, documents named in meta.doc", "spacy", func(t *testing.T) string { return writeFile(t, "p.jsonl", predSpaCy(true)) }},
		{"spaCy JSONL, documents matched by text", "spacy", func(t *testing.T) string { return writeFile(t, "p.json", predSpaCy(false)) }},
		{"brat folder", "brat", predBrat},
		{"strings without offsets", "strings", func(t *testing.T) string { return writeFile(t, "p.jsonl", predStrings()) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, errs := scoreJSON(t, "--gold", gold, "--pred", tc.pred(t))
			if tc.format == "strings" {
				// Placing strings prints nothing when every one is placed.
				require.NotContains(t, errs, "hallucinated")
			}
			for _, s := range append(spanSchemes, "bag") {
				assert.Equal(t, want.micro(s), got.micro(s), "scheme %s", s)
			}
			assert.Equal(t, want.Extractors[0].Schemes, got.Extractors[0].Schemes, "every row of every scheme")
			assert.Equal(t, "arabench score: warning: p: predictions carry a label that the gold never uses: ORG ×1; they are scored as they are, so strict, type and clitic never count them correct\n",
				strings.ReplaceAll(errs, "arabench score: note: ", ""), "only ORG, which the gold does not use, is warned about")
			code, _, _ := runCLI(t, "", "score", "--gold", gold, "--pred", tc.pred(t), "--pred-format", tc.format)
			assert.Equal(t, exitOK, code, "the detected format is %s", tc.format)
		})
	}
}

func TestGoldInEveryFormatScoresAlike(t *testing.T) {
	pred := writeFile(t, "p.jsonl", predJSONL())
	want, _ := scoreJSON(t, "--gold", writeFile(t, "g.conll", goldCoNLL(false, "\n", " ")), "--pred", pred)
	for _, tc := range []struct {
		name string
		gold func(t *testing.T) string
	}{
		{"CoNLL with a BOM, CRLF and tabs", func(t *testing.T) string {
			return writeFile(t, "g.txt", goldCoNLL(true, "\r\n", "\t"))
		}},
		{"JSONL spans", func(t *testing.T) string { return writeFile(t, "g.jsonl", goldSpans()) }},
		{"brat folder with its .txt files", goldBrat},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := scoreJSON(t, "--gold", tc.gold(t), "--pred", pred)
			assert.Equal(t, want.Extractors[0].Schemes, got.Extractors[0].Schemes)
		})
	}
}

func TestNoiseInTokenFiles(t *testing.T) {
	t.Run("U+200E glued to every gold token, predictions without it", func(t *testing.T) {
		// NewsFANE puts U+200E before every token. The text keeps the marks;
		// span edges ignore them, so a tagger that leaves them out scores
		// the worked example's numbers.
		var b strings.Builder
		for i, s := range sentences {
			if i > 0 {
				b.WriteString("\n")
			}
			for _, l := range s {
				b.WriteString("\u200e" + l + "\n")
			}
		}
		gold := writeFile(t, "g.conll", b.String())
		got, _ := scoreJSON(t, "--gold", gold, "--pred", writeFile(t, "p.conll", predCoNLL(iob2, " ", "\n", false)))
		assert.Equal(t, [3]string{"0.4000", "0.5000", "0.4444"}, got.micro("strict"))
		got, _ = scoreJSON(t, "--gold", gold, "--pred", writeFile(t, "p.jsonl", predStrings()))
		assert.Equal(t, [3]string{"0.4000", "0.5000", "0.4444"}, got.micro("strict"))
	})
	t.Run("a tag outside --tagging is named with its line", func(t *testing.T) {
		code, _, errs := runCLI(t, "", "score", "--gold", writeFile(t, "g.conll", goldCoNLL(false, "\n", " ")),
			"--pred", writeFile(t, "p.conll", predCoNLL(bilou, " ", "\n", false)), "--tagging", "iob2")
		assert.Equal(t, exitUsage, code)
		assert.Contains(t, errs, `p.conll:2: doc "s0001": tag "U-PER": the prefix U- is not part of --tagging iob2; read as O`)
	})
	t.Run("the tag in another column", func(t *testing.T) {
		// Three columns: token, the predicted tag, a POS tag.
		in := predCoNLL(iob2, " ", "\n", false)
		var b strings.Builder
		for _, l := range strings.SplitAfter(in, "\n") {
			if f := strings.Fields(l); len(f) == 2 {
				l = f[0] + " " + f[1] + " NOUN\n"
			}
			b.WriteString(l)
		}
		got, _ := scoreJSON(t, "--gold", writeFile(t, "g.conll", goldCoNLL(false, "\n", " ")), "--pred", writeFile(t, "p.conll", b.String()), "--column", "2")
		assert.Equal(t, [3]string{"0.4000", "0.5000", "0.4444"}, got.micro("strict"))
	})
	t.Run("a token that differs from the gold's is an error naming its line", func(t *testing.T) {
		in := strings.Replace(predCoNLL(iob2, " ", "\n", false), "موسكو", "موسكوو", 1)
		code, _, errs := runCLI(t, "", "score", "--gold", writeFile(t, "g.conll", goldCoNLL(false, "\n", " ")), "--pred", writeFile(t, "p.conll", in))
		assert.Equal(t, exitUsage, code)
		assert.Contains(t, errs, `p.conll:3: doc "s0001": token "موسكوو" does not match the text at code point 10`)
	})
}

func TestSegmentedTokens(t *testing.T) {
	// "سافر لافروف إلى وواشنطن": the gold marks واشنطن inside وواشنطن,
	// after the proclitic و; a segmenter writes و+ واشنطن.
	text := "سافر لافروف إلى وواشنطن"
	ls, le := cp(text, "لافروف")
	ws := utf8.RuneCountInString("سافر لافروف إلى و")
	gold := writeFile(t, "g.jsonl", fmt.Sprintf(`{"doc":"a","text":%q,"mentions":[{"start":%d,"end":%d,"type":"PER"},{"start":%d,"end":%d,"type":"LOC"}]}`+"\n",
		text, ls, le, ws, ws+6))
	seg := writeFile(t, "p.conll", "سافر O\nلافروف B-PER\nإلى O\nو+ O\nواشنطن B-LOC\n")
	got, _ := scoreJSON(t, "--gold", gold, "--pred", seg)
	assert.Equal(t, [3]string{"1.0000", "1.0000", "1.0000"}, got.micro("strict"), "both mentions in place")

	// The same file read as plain CoNLL does not align: و+ is not in the text.
	code, _, errs := runCLI(t, "", "score", "--gold", gold, "--pred", seg, "--pred-format", "conll")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, `p.conll:4: doc "a": token "و+" does not match the text`)

	// Unsegmented, وواشنطن is one token: strict misses it, clitic does not.
	plain := writeFile(t, "p2.conll", "سافر O\nلافروف B-PER\nإلى O\nوواشنطن B-LOC\n")
	got, _ = scoreJSON(t, "--gold", gold, "--pred", plain)
	assert.Equal(t, [3]string{"0.5000", "0.5000", "0.5000"}, got.micro("strict"))
	assert.Equal(t, [3]string{"1.0000", "1.0000", "1.0000"}, got.micro("clitic"))
}

func TestStringsWithOneAbsentFromTheText(t *testing.T) {
	gold := writeFile(t, "g.conll", goldCoNLL(false, "\n", " "))
	pred := writeFile(t, "p.jsonl", predStrings(predMention{"s0002", "PER", "بايدن"}))
	got, errs := scoreJSON(t, "--gold", gold, "--pred", pred)
	// The hallucinated بايدن is one more spurious prediction: strict P 2/6,
	// R 2/4, F1 2·(1/3)·(1/2)/(5/6) = 0.4.
	assert.Equal(t, [3]string{"0.3333", "0.5000", "0.4000"}, got.micro("strict"))
	for _, s := range got.Extractors[0].Schemes {
		if s.Scheme == "strict" {
			// التقى and بايدن are spurious; موسكو (ORG) and لافروف (inside
			// سيرغي لافروف) are paired with gold mentions and wrong.
			assert.Equal(t, [2]int{2, 2}, [2]int{s.Micro.SPU, s.Micro.INC})
		}
	}
	assert.Contains(t, errs, `arabench score: p: doc "s0002": PER "بايدن" is absent from the text (hallucinated): counted as spurious`)
	require.Len(t, got.Extractors[0].Unplaced, 1)
	assert.Equal(t, "بايدن", got.Extractors[0].Unplaced[0].Text)
	assert.Equal(t, "absent", got.Extractors[0].Unplaced[0].Outcome)
	assert.Contains(t, got.Extractors[0].Notes, "strings: 5 placed (norm:search), 1 absent from the text (hallucinated), 0 surplus; the 1 unplaced one is counted as spurious")
	assert.Contains(t, got.Signatures[0], "|norm:search|")

	// Under the bag scheme, per document the multisets of (type, text):
	// s0001 gold {PER بوتين, LOC موسكو}, predicted {PER بوتين, ORG موسكو};
	// s0002 gold {PER سيرغي لافروف, LOC واشنطن}, predicted {LOC التقى,
	// PER لافروف, LOC واشنطن, PER بايدن}: 2 shared of 6 predicted and 4 gold.
	assert.Equal(t, [3]string{"0.3333", "0.5000", "0.4000"}, got.micro("bag"))

	// A diacritized string finds its place under the default preset (search),
	// not without one.
	diac := writeFile(t, "p.jsonl", strings.Replace(predStrings(), `"بوتين"`, `"بُوتِين"`, 1))
	got, _ = scoreJSON(t, "--gold", gold, "--pred", diac)
	assert.Equal(t, [3]string{"0.4000", "0.5000", "0.4444"}, got.micro("strict"))
	got, _ = scoreJSON(t, "--gold", gold, "--pred", diac, "--norm", "none")
	assert.Equal(t, [3]string{"0.2000", "0.2500", "0.2222"}, got.micro("strict"))
}

func TestLabelMapAppliesToGoldAndPredictions(t *testing.T) {
	// ANERcorp's labels in the gold, the guidelines' in the predictions.
	gold := strings.NewReplacer("B-PER", "B-PERS", "I-PER", "I-PERS", "أمس O", "أمس B-MISC").Replace(goldCoNLL(false, "\n", " "))
	g := writeFile(t, "g.conll", gold)
	p := writeFile(t, "p.jsonl", predJSONL())

	code, out, errs := runCLI(t, "", "score", "--gold", g, "--pred", p, "--scheme", "strict")
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, errs, "predictions carry labels that the gold never uses: PER ×2, ORG ×1", "unknown labels are warned about")
	assert.Contains(t, errs, "no prediction carries the gold's labels PERS ×2, MISC ×1")
	assert.Contains(t, out, "│ p         │ LOC   │       2 │", "types in byte order: LOC MISC ORG PER PERS")

	got, errs := scoreJSON(t, "--gold", g, "--pred", p, "--map", "PERS=PER,MISC=")
	assert.NotContains(t, errs, "PERS", "after the map, only ORG is the predictions' own")
	assert.Equal(t, [3]string{"0.4000", "0.5000", "0.4444"}, got.micro("strict"), "as if gold and predictions shared their labels")
	assert.Regexp(t, `\|corpus:[0-9a-f]{8}\|map:[0-9a-f]{8}\|norm:`, got.Signatures[0], "the map is in the signature")

	mapFile := writeFile(t, "map.tsv", "# ANERcorp to the guidelines\nPERS\tPER\nMISC\t\n")
	fromFile, _ := scoreJSON(t, "--gold", g, "--pred", p, "--map-file", mapFile)
	assert.Equal(t, got.Signatures, fromFile.Signatures, "the same map from a file signs alike")
	assert.Equal(t, got.Extractors[0].Schemes, fromFile.Extractors[0].Schemes)

	// --types LOC keeps the two LOC gold mentions and the two LOC
	// predictions (التقى spurious, واشنطن correct): P 1/2, R 1/2.
	got, _ = scoreJSON(t, "--gold", g, "--pred", p, "--map", "PERS=PER,MISC=", "--types", "LOC")
	assert.Equal(t, [3]string{"0.5000", "0.5000", "0.5000"}, got.micro("strict"))
}
