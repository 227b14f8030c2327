package wire_test

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/extract/wire"
)

// The documents of the worked examples. Offsets:
//
//	arabic     "زار بوتين موسكو في 2024."  24 code points, 39 bytes (Arabic
//	           letters are 2 bytes): بوتين is code points [4,9) = bytes
//	           [7,17), موسكو is [10,15) = bytes [18,28), 2024 is [19,23) =
//	           bytes [34,38), "2024." ends the text at [19,24) = [34,39).
//	emoji      "Hello 😀 world"  the emoji is 1 code point and 4 bytes, so
//	           world is code points [8,13) = bytes [11,16).
//	invalid    "ab\xffcd"  the invalid byte is one code point: [1,4) =
//	           bytes [1,4) is "b\xffc".
//	invisible  "a\u200f b\u200c\n c"  RLM (3 bytes) and ZWNJ (3 bytes): "b\u200c"
//	           is code points [3,5) = bytes [5,9).
//	ascii      "a b c d"
const (
	arabic    = "زار بوتين موسكو في 2024."
	emoji     = "Hello 😀 world"
	invalid   = "ab\xffcd"
	invisible = "a\u200f b\u200c\n c"
	ascii     = "a b c d"
)

var (
	putin  = corpus.Mention{Start: 7, End: 17, Type: "PER", Text: "بوتين"}
	moscow = corpus.Mention{Start: 18, End: 28, Type: "LOC", Text: "موسكو"}
)

func str(s string) *string { return &s }

func raws(ss ...string) *[]json.RawMessage {
	rs := make([]json.RawMessage, len(ss))
	for i, s := range ss {
		rs[i] = json.RawMessage(s)
	}
	return &rs
}

func TestDecodeLine(t *testing.T) {
	cases := []struct {
		name    string
		line    string
		want    wire.Line
		problem string
	}{
		{
			name: "doc and mentions are read, the mentions left raw",
			line: `{"doc":"a","mentions":[{"start":4,"end":9,"type":"PER"},{"start":"x"}]}`,
			want: wire.Line{Doc: str("a"), Mentions: raws(`{"start":4,"end":9,"type":"PER"}`, `{"start":"x"}`)},
		},
		{
			name: "a bad mention is left to ToMentions, not refused with the line",
			line: `{"doc":"a","mentions":[7,null,"x"]}`,
			want: wire.Line{Doc: str("a"), Mentions: raws(`7`, `null`, `"x"`)},
		},
		{
			name: "an empty mentions list is present, not missing",
			line: `{"doc":"a","mentions":[]}`,
			want: wire.Line{Doc: str("a"), Mentions: raws()},
		},
		{
			name: "an empty doc id is present, not missing",
			line: `{"doc":"","mentions":[]}`,
			want: wire.Line{Doc: str(""), Mentions: raws()},
		},
		{
			name: "an error stands in for the mentions",
			line: `{"doc":"a","error":"model not loaded"}`,
			want: wire.Line{Doc: str("a"), Error: str("model not loaded")},
		},
		{
			name: "unknown fields are ignored",
			line: `{"doc":"a","model":"x","scores":[0.5],"mentions":[],"meta":{"k":1}}`,
			want: wire.Line{Doc: str("a"), Mentions: raws()},
		},
		{
			name: "whitespace around the object and a CR are allowed",
			line: " \t{\"doc\":\"a\", \"mentions\": [ ]}\r",
			want: wire.Line{Doc: str("a"), Mentions: raws()},
		},
		{
			name: "an Arabic doc id is read as it is",
			line: `{"doc":"وثيقة\u200f","mentions":[]}`,
			want: wire.Line{Doc: str("وثيقة\u200f"), Mentions: raws()},
		},
		{
			name:    "no doc field",
			line:    `{"mentions":[]}`,
			problem: `no "doc" field`,
		},
		{
			name:    "a null doc is no doc",
			line:    `{"doc":null,"mentions":[]}`,
			problem: `no "doc" field`,
		},
		{
			name:    "no mentions field, and no error, says to write an empty list",
			line:    `{"doc":"a"}`,
			problem: `no "mentions" field (write "mentions":[] for a document without mentions)`,
		},
		{
			name:    "null mentions are no mentions",
			line:    `{"doc":"a","mentions":null}`,
			problem: `no "mentions" field (write "mentions":[] for a document without mentions)`,
		},
		{
			name:    "a doc id that is a number names the field",
			line:    `{"doc":7,"mentions":[]}`,
			problem: `field "doc" is a JSON number, want a string`,
		},
		{
			name:    "mentions that are an object name the field",
			line:    `{"doc":"a","mentions":{"start":1}}`,
			problem: `field "mentions" is a JSON object, want a list`,
		},
		{
			name:    "an error that is not a string names the field",
			line:    `{"doc":"a","error":true}`,
			problem: `field "error" is a JSON bool, want a string`,
		},
		{
			name:    "a line that is a list is not an object",
			line:    `[{"doc":"a","mentions":[]}]`,
			problem: `the line is a JSON array, want an object`,
		},
		{
			name:    "a line that is a string is not an object",
			line:    `"a"`,
			problem: `the line is a JSON string, want an object`,
		},
		{
			name:    "a null line has no doc",
			line:    `null`,
			problem: `no "doc" field`,
		},
		{
			name:    "a cut-off line is not JSON, and is quoted",
			line:    `{"doc":"a","mentions":[`,
			problem: `not JSON (unexpected end of JSON input): "{\"doc\":\"a\",\"mentions\":["`,
		},
		{
			name:    "text after the object is not JSON",
			line:    `{"doc":"a","mentions":[]} {}`,
			problem: `not JSON (invalid character '{' after top-level value): "{\"doc\":\"a\",\"mentions\":[]} {}"`,
		},
		{
			name:    "an empty line is not JSON: callers skip blank lines",
			line:    "",
			problem: `not JSON (unexpected end of JSON input): ""`,
		},
		{
			name:    "a whitespace-only line is not JSON: callers skip blank lines",
			line:    " \t\r",
			problem: `not JSON (unexpected end of JSON input): " \t\r"`,
		},
		{
			name: "a byte order mark before the line is skipped, as every reader skips one",
			line: "\ufeff{\"doc\":\"a\",\"mentions\":[]}",
			want: wire.Line{Doc: str("a"), Mentions: raws()},
		},
		{
			name:    "a long bad line is cut in the message after 40 characters",
			line:    `{"doc":"` + strings.Repeat("ب", 1000),
			problem: `not JSON (unexpected end of JSON input): "{\"doc\":\"` + strings.Repeat("ب", 32) + `"…`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, problem := wire.DecodeLine([]byte(tc.line))
			require.Equal(t, tc.problem, problem)
			if tc.problem == "" {
				assert.Equal(t, tc.want, got)
			}
		})
	}
}

// decodeMentions reads a JSON list into raw mentions, as DecodeLine leaves them.
func decodeMentions(t *testing.T, list string) []json.RawMessage {
	t.Helper()
	var rs []json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(list), &rs), "test input %s", list)
	return rs
}

func TestToMentions(t *testing.T) {
	cases := []struct {
		name     string
		text     string
		mentions string // a JSON list
		want     []corpus.Mention
		problems []string
	}{
		{
			name:     "offsets count code points, not bytes",
			text:     arabic,
			mentions: `[{"start":4,"end":9,"type":"PER"}]`,
			want:     []corpus.Mention{putin},
		},
		{
			name:     "an emoji is one code point, not four bytes or two UTF-16 units",
			text:     emoji,
			mentions: `[{"start":8,"end":13,"type":"ORG","text":"world"}]`,
			want:     []corpus.Mention{{Start: 11, End: 16, Type: "ORG", Text: "world"}},
		},
		{
			name:     "an invisible mark is a code point of its own",
			text:     invisible,
			mentions: `[{"start":3,"end":5,"type":"PER","text":"b\u200c"}]`,
			want:     []corpus.Mention{{Start: 5, End: 9, Type: "PER", Text: "b\u200c"}},
		},
		{
			name:     "in ASCII text code points are bytes",
			text:     ascii,
			mentions: `[{"start":2,"end":5,"type":"ORG","text":"b c"}]`,
			want:     []corpus.Mention{{Start: 2, End: 5, Type: "ORG", Text: "b c"}},
		},
		{
			name:     "an invalid byte is one code point and matches the U+FFFD JSON gives it; Text is the document's bytes",
			text:     invalid,
			mentions: `[{"start":1,"end":4,"type":"ORG","text":"b\ufffdc"}]`,
			want:     []corpus.Mention{{Start: 1, End: 4, Type: "ORG", Text: "b\xffc"}},
		},
		{
			name:     "a U+FFFD claimed for a valid letter does not match",
			text:     "abxcd",
			mentions: `[{"start":1,"end":4,"type":"ORG","text":"b\ufffdc"}]`,
			problems: []string{`mention 1: text "b�c" does not match the span, which reads "bxc"`},
		},
		{
			name:     "a span may run to the end of the text",
			text:     arabic,
			mentions: `[{"start":19,"end":24,"type":"NUM"}]`,
			want:     []corpus.Mention{{Start: 34, End: 39, Type: "NUM", Text: "2024."}},
		},
		{
			name:     "a span may start at the start of the text, written -0",
			text:     arabic,
			mentions: `[{"start":-0,"end":3,"type":"LOC"}]`,
			want:     []corpus.Mention{{Start: 0, End: 6, Type: "LOC", Text: "زار"}},
		},
		{
			name:     "Text is set to the span when the line gives none",
			text:     arabic,
			mentions: `[{"start":10,"end":15,"type":"LOC"}]`,
			want:     []corpus.Mention{moscow},
		},
		{
			name:     "a null text is no text",
			text:     arabic,
			mentions: `[{"start":10,"end":15,"type":"LOC","text":null}]`,
			want:     []corpus.Mention{moscow},
		},
		{
			name:     "entity and value are kept",
			text:     arabic,
			mentions: `[{"start":19,"end":23,"type":"NUM","value":"2024"},{"start":4,"end":9,"type":"PER","entity":"kb:vladimir-putin"}]`,
			want: []corpus.Mention{
				{Start: 7, End: 17, Type: "PER", Text: "بوتين", Entity: "kb:vladimir-putin"},
				{Start: 34, End: 38, Type: "NUM", Text: "2024", Value: "2024"},
			},
		},
		{
			name:     "unknown fields are ignored",
			text:     arabic,
			mentions: `[{"start":4,"end":9,"type":"PER","score":0.97,"tokens":["بوتين"],"source":{"model":"x"}}]`,
			want:     []corpus.Mention{putin},
		},
		{
			name:     "an integral number written as a float is an integer offset",
			text:     arabic,
			mentions: `[{"start":10.0,"end":1.5e1,"type":"LOC"}]`,
			want:     []corpus.Mention{moscow},
		},
		{
			name:     "an integral number with an exponent is an integer offset",
			text:     arabic,
			mentions: `[{"start":4E0,"end":900e-2,"type":"PER"}]`,
			want:     []corpus.Mention{putin},
		},
		{
			name:     "a fractional start is refused, naming the field",
			text:     arabic,
			mentions: `[{"start":4.5,"end":9,"type":"PER"}]`,
			problems: []string{`mention 1: field "start" is 4.5, want an integer offset`},
		},
		{
			name:     "a fractional end is refused, naming the field",
			text:     arabic,
			mentions: `[{"start":4,"end":8.999,"type":"PER"}]`,
			problems: []string{`mention 1: field "end" is 8.999, want an integer offset`},
		},
		{
			name:     "a number too large to be an exact integer is refused",
			text:     arabic,
			mentions: `[{"start":4,"end":1e300,"type":"PER"}]`,
			problems: []string{`mention 1: field "end" is 1e300, want an integer offset`},
		},
		{
			name:     "a float beyond 2^53, where floats skip integers, is refused",
			text:     arabic,
			mentions: `[{"start":4,"end":1e16,"type":"PER"}]`,
			problems: []string{`mention 1: field "end" is 1e16, want an integer offset`},
		},
		{
			name:     "a number of 100,000 digits is cut in the message",
			text:     arabic,
			mentions: `[{"start":0.` + strings.Repeat("1", 100000) + `,"end":9,"type":"PER"}]`,
			problems: []string{`mention 1: field "start" is 0.` + strings.Repeat("1", 38) + `…, want an integer offset`},
		},
		{
			name:     "an integer too large for an int is refused",
			text:     arabic,
			mentions: `[{"start":4,"end":99999999999999999999,"type":"PER"}]`,
			problems: []string{`mention 1: field "end" is 99999999999999999999, want an integer offset`},
		},
		{
			name:     "an offset written as a string is not a number",
			text:     arabic,
			mentions: `[{"start":"4","end":9,"type":"PER"}]`,
			problems: []string{`mention 1: field "start" is not a JSON number ("4"), want an integer offset`},
		},
		{
			name:     "an offset written as a boolean is not a number",
			text:     arabic,
			mentions: `[{"start":4,"end":true,"type":"PER"}]`,
			problems: []string{`mention 1: field "end" is not a JSON number (true), want an integer offset`},
		},
		{
			name:     "an offset written as a list is not a number, and is cut after 40 characters",
			text:     arabic,
			mentions: `[{"start":[` + strings.Repeat("1,", 100) + `1],"end":9,"type":"PER"}]`,
			problems: []string{`mention 1: field "start" is not a JSON number ([` + strings.Repeat("1,", 19) + `1…), want an integer offset`},
		},
		{
			name:     "no start",
			text:     arabic,
			mentions: `[{"end":9,"type":"PER"}]`,
			problems: []string{`mention 1: no "start"`},
		},
		{
			name:     "a null start is no start",
			text:     arabic,
			mentions: `[{"start":null,"end":9,"type":"PER"}]`,
			problems: []string{`mention 1: no "start"`},
		},
		{
			name:     "no end",
			text:     arabic,
			mentions: `[{"start":4,"type":"PER"}]`,
			problems: []string{`mention 1: no "end"`},
		},
		{
			name:     "a reversed span",
			text:     arabic,
			mentions: `[{"start":9,"end":4,"type":"PER"}]`,
			problems: []string{`mention 1: span [9,4) is reversed`},
		},
		{
			name:     "an empty span",
			text:     arabic,
			mentions: `[{"start":4,"end":4,"type":"PER"}]`,
			problems: []string{`mention 1: span [4,4) is empty`},
		},
		{
			name:     "a negative start is outside the text",
			text:     arabic,
			mentions: `[{"start":-1,"end":3,"type":"LOC"}]`,
			problems: []string{`mention 1: span [-1,3) is outside the text, which has 24 code points`},
		},
		{
			name:     "an end one past the text is outside it, counted in code points",
			text:     arabic,
			mentions: `[{"start":19,"end":25,"type":"NUM"}]`,
			problems: []string{`mention 1: span [19,25) is outside the text, which has 24 code points`},
		},
		{
			name:     "a byte offset into Arabic text is outside it",
			text:     arabic,
			mentions: `[{"start":34,"end":38,"type":"NUM"}]`,
			problems: []string{`mention 1: span [34,38) is outside the text, which has 24 code points`},
		},
		{
			name:     "the largest int is outside the text",
			text:     arabic,
			mentions: `[{"start":0,"end":9223372036854775807,"type":"NUM"}]`,
			problems: []string{`mention 1: span [0,9223372036854775807) is outside the text, which has 24 code points`},
		},
		{
			name:     "no type",
			text:     arabic,
			mentions: `[{"start":4,"end":9}]`,
			problems: []string{`mention 1: no type (want a label such as PER, ORG, LOC, DATE, NUM)`},
		},
		{
			name:     "a type with a space",
			text:     arabic,
			mentions: `[{"start":4,"end":9,"type":"B PER"}]`,
			problems: []string{`mention 1: type "B PER" holds a space or control character`},
		},
		{
			name:     "a type that is a number names the field",
			text:     arabic,
			mentions: `[{"start":4,"end":9,"type":1}]`,
			problems: []string{`mention 1: field "type" is a JSON number, want a string`},
		},
		{
			name:     "a label outside the five types is kept as it is",
			text:     arabic,
			mentions: `[{"start":4,"end":9,"type":"PERS"}]`,
			want:     []corpus.Mention{{Start: 7, End: 17, Type: "PERS", Text: "بوتين"}},
		},
		{
			name:     "a claimed text that differs from the span is refused, quoting both",
			text:     arabic,
			mentions: `[{"start":4,"end":9,"type":"PER","text":"بوش"}]`,
			problems: []string{`mention 1: text "بوش" does not match the span, which reads "بوتين"`},
		},
		{
			name:     "a claimed text one code point off the span is refused",
			text:     arabic,
			mentions: `[{"start":4,"end":10,"type":"PER","text":"بوتين"}]`,
			problems: []string{`mention 1: text "بوتين" does not match the span, which reads "بوتين "`},
		},
		{
			name:     "a claimed text without the span's invisible mark is refused",
			text:     invisible,
			mentions: `[{"start":3,"end":5,"type":"PER","text":"b"}]`,
			problems: []string{`mention 1: text "b" does not match the span, which reads "b\u200c"`},
		},
		{
			name:     "a claimed empty text is checked, not taken for no text",
			text:     arabic,
			mentions: `[{"start":4,"end":9,"type":"PER","text":""}]`,
			problems: []string{`mention 1: text "" does not match the span, which reads "بوتين"`},
		},
		{
			name:     "a text that is not a string names the field",
			text:     arabic,
			mentions: `[{"start":4,"end":9,"type":"PER","text":5}]`,
			problems: []string{`mention 1: field "text" is a JSON number, want a string`},
		},
		{
			name:     "an entity that is a list names the field",
			text:     arabic,
			mentions: `[{"start":4,"end":9,"type":"PER","entity":["kb:x"]}]`,
			problems: []string{`mention 1: field "entity" is a JSON array, want a string`},
		},
		{
			name:     "a mention that is not an object is quoted",
			text:     arabic,
			mentions: `[7,"بوتين",[4,9]]`,
			problems: []string{
				`mention 1: not a JSON object: "7"`,
				`mention 2: not a JSON object: "\"بوتين\""`,
				`mention 3: not a JSON object: "[4,9]"`,
			},
		},
		{
			name: "a bad mention costs only itself, and is named by its place in the line from 1",
			text: arabic,
			mentions: `[{"start":10,"end":15,"type":"LOC"},` +
				`{"start":4.5,"end":9,"type":"PER"},` +
				`{"start":4,"end":9,"type":"PER"}]`,
			want:     []corpus.Mention{putin, moscow},
			problems: []string{`mention 2: field "start" is 4.5, want an integer offset`},
		},
		{
			name: "every bad mention is listed, in line order",
			text: arabic,
			mentions: `[{"start":9,"end":4,"type":"PER"},` +
				`{"start":10,"end":15,"type":"LOC"},` +
				`{"start":4,"end":9},` +
				`{"start":0,"end":99,"type":"LOC"}]`,
			want: []corpus.Mention{moscow},
			problems: []string{
				`mention 1: span [9,4) is reversed`,
				`mention 3: no type (want a label such as PER, ORG, LOC, DATE, NUM)`,
				`mention 4: span [0,99) is outside the text, which has 24 code points`,
			},
		},
		{
			name:     "mentions come back sorted whatever their order in the line",
			text:     arabic,
			mentions: `[{"start":19,"end":23,"type":"NUM"},{"start":10,"end":15,"type":"LOC"},{"start":4,"end":9,"type":"PER"},{"start":4,"end":9,"type":"ORG"}]`,
			want: []corpus.Mention{
				{Start: 7, End: 17, Type: "ORG", Text: "بوتين"},
				putin,
				moscow,
				{Start: 34, End: 38, Type: "NUM", Text: "2024"},
			},
		},
		{
			name:     "the same mention twice is kept twice",
			text:     arabic,
			mentions: `[{"start":4,"end":9,"type":"PER"},{"start":4,"end":9,"type":"PER"}]`,
			want:     []corpus.Mention{putin, putin},
		},
		{
			name:     "no mentions give an empty list, not nil",
			text:     arabic,
			mentions: `[]`,
			want:     []corpus.Mention{},
		},
		{
			name:     "only bad mentions give an empty list, not nil",
			text:     arabic,
			mentions: `[{"start":4,"end":4,"type":"PER"}]`,
			want:     []corpus.Mention{},
			problems: []string{`mention 1: span [4,4) is empty`},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := corpus.Document{ID: "d", Text: tc.text}
			got, problems := wire.ToMentions(doc, corpus.NewIndex(doc.Text), decodeMentions(t, tc.mentions))
			assert.Equal(t, tc.problems, problems)
			want := tc.want
			if want == nil {
				want = []corpus.Mention{}
			}
			assert.Equal(t, want, got)
		})
	}
}

func TestAppendLine(t *testing.T) {
	cases := []struct {
		name string
		doc  corpus.Document
		ms   []corpus.Mention
		want string
	}{
		{
			name: "byte offsets are written as code points, each mention with its text, sorted",
			doc:  corpus.Document{ID: "a", Text: arabic},
			ms: []corpus.Mention{
				{Start: 34, End: 38, Type: "NUM", Value: "2024"},
				{Start: 7, End: 17, Type: "PER", Entity: "kb:vladimir-putin"},
			},
			want: `{"doc":"a","mentions":[{"start":4,"end":9,"type":"PER","text":"بوتين","entity":"kb:vladimir-putin"},{"start":19,"end":23,"type":"NUM","text":"2024","value":"2024"}]}` + "\n",
		},
		{
			name: "an emoji is one code point",
			doc:  corpus.Document{ID: "b", Text: emoji},
			ms:   []corpus.Mention{{Start: 11, End: 16, Type: "ORG"}},
			want: `{"doc":"b","mentions":[{"start":8,"end":13,"type":"ORG","text":"world"}]}` + "\n",
		},
		{
			name: "a document without mentions is written with an empty list, so that it reads back",
			doc:  corpus.Document{ID: "e", Text: ascii},
			want: `{"doc":"e","mentions":[]}` + "\n",
		},
		{
			name: "the text written is the document's span, not the mention's Text",
			doc:  corpus.Document{ID: "a", Text: arabic},
			ms:   []corpus.Mention{{Start: 18, End: 28, Type: "LOC", Text: "بوش"}},
			want: `{"doc":"a","mentions":[{"start":10,"end":15,"type":"LOC","text":"موسكو"}]}` + "\n",
		},
		{
			name: "HTML characters are not escaped",
			doc:  corpus.Document{ID: "h", Text: `x <b>&"</b>`},
			ms:   []corpus.Mention{{Start: 2, End: 7, Type: "ORG"}},
			want: `{"doc":"h","mentions":[{"start":2,"end":7,"type":"ORG","text":"<b>&\""}]}` + "\n",
		},
		{
			name: "newlines and line separators in the text are escaped, so the line stays one line",
			doc:  corpus.Document{ID: "n", Text: "a\nb\r\u2028c\u2029"},
			ms:   []corpus.Mention{{Start: 0, End: len("a\nb\r\u2028c\u2029"), Type: "ORG"}},
			want: `{"doc":"n","mentions":[{"start":0,"end":7,"type":"ORG","text":"a\nb\r\u2028c\u2029"}]}` + "\n",
		},
		{
			name: "an invalid byte is one code point, written as U+FFFD",
			doc:  corpus.Document{ID: "c", Text: invalid},
			ms:   []corpus.Mention{{Start: 1, End: 4, Type: "ORG"}},
			want: `{"doc":"c","mentions":[{"start":1,"end":4,"type":"ORG","text":"b\ufffdc"}]}` + "\n",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := slices.Clone(tc.ms)
			got, err := wire.AppendLine(nil, tc.doc, corpus.NewIndex(tc.doc.Text), tc.ms)
			require.NoError(t, err)
			assert.Equal(t, tc.want, string(got))
			assert.Equal(t, before, tc.ms, "the caller's mentions are left as they are")
		})
	}
}

func TestAppendLineAppends(t *testing.T) {
	doc := corpus.Document{ID: "a", Text: arabic}
	ix := corpus.NewIndex(doc.Text)
	dst := []byte(`{"doc":"z","mentions":[]}` + "\n")
	got, err := wire.AppendLine(dst, doc, ix, []corpus.Mention{putin})
	require.NoError(t, err)
	assert.Equal(t,
		`{"doc":"z","mentions":[]}`+"\n"+`{"doc":"a","mentions":[{"start":4,"end":9,"type":"PER","text":"بوتين"}]}`+"\n",
		string(got))
}

func TestAppendLineRefusesWhatIsNotASpan(t *testing.T) {
	doc := corpus.Document{ID: "a", Text: arabic}
	ix := corpus.NewIndex(doc.Text)
	cases := []struct {
		name string
		m    corpus.Mention
		want string
	}{
		{"a start inside a two-byte letter", corpus.Mention{Start: 8, End: 17, Type: "PER"}, `doc "a": mention PER [8,17) "": start 8 is inside a multi-byte character`},
		{"an end inside a two-byte letter", corpus.Mention{Start: 7, End: 16, Type: "PER"}, `doc "a": mention PER [7,16) "": end 16 is inside a multi-byte character`},
		{"an end past the text, counted in bytes", corpus.Mention{Start: 34, End: 40, Type: "NUM"}, `doc "a": mention NUM [34,40) "": span [34,40) is outside the text, which has 39 bytes`},
		{"a negative start", corpus.Mention{Start: -1, End: 6, Type: "LOC"}, `doc "a": mention LOC [-1,6) "": span [-1,6) is outside the text, which has 39 bytes`},
		{"a reversed span", corpus.Mention{Start: 17, End: 7, Type: "PER"}, `doc "a": mention PER [17,7) "": span [17,7) is reversed`},
		{"an empty span", corpus.Mention{Start: 7, End: 7, Type: "PER"}, `doc "a": mention PER [7,7) "": span [7,7) is empty`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dst := []byte("kept\n")
			got, err := wire.AppendLine(dst, doc, ix, []corpus.Mention{moscow, tc.m})
			require.Error(t, err)
			assert.Equal(t, tc.want, err.Error())
			assert.Equal(t, "kept\n", string(got), "nothing is appended")
		})
	}
}

// roundTrip writes ms as a line of doc and reads it back as a caller does.
func roundTrip(t *testing.T, doc corpus.Document, ms []corpus.Mention) []corpus.Mention {
	t.Helper()
	ix := corpus.NewIndex(doc.Text)
	line, err := wire.AppendLine(nil, doc, ix, ms)
	require.NoError(t, err)
	require.True(t, bytes.HasSuffix(line, []byte("\n")), "the line ends with a newline: %q", line)
	require.Equal(t, 1, bytes.Count(line, []byte("\n")), "one line: %q", line)
	require.True(t, utf8.Valid(line), "the line is UTF-8: %q", line)
	w, problem := wire.DecodeLine(bytes.TrimSuffix(line, []byte("\n")))
	require.Empty(t, problem, "line %q", line)
	require.Equal(t, doc.ID, *w.Doc)
	require.Nil(t, w.Error)
	got, problems := wire.ToMentions(doc, ix, *w.Mentions)
	require.Empty(t, problems, "line %q", line)
	return got
}

// spans sets each mention's Text to its span of text and sorts them: what a
// round trip gives back.
func spans(text string, ms []corpus.Mention) []corpus.Mention {
	out := make([]corpus.Mention, len(ms))
	for i, m := range ms {
		m.Text = text[m.Start:m.End]
		out[i] = m
	}
	wire.SortMentions(out)
	return out
}

func TestAppendLineRoundTrip(t *testing.T) {
	cases := []struct {
		name string
		doc  corpus.Document
		ms   []corpus.Mention
	}{
		{
			name: "Arabic mentions with entity and value",
			doc:  corpus.Document{ID: "a", Text: arabic},
			ms: []corpus.Mention{
				{Start: 34, End: 38, Type: "NUM", Value: "2024"},
				{Start: 18, End: 28, Type: "LOC", Entity: "kb:moscow"},
				{Start: 7, End: 17, Type: "PER", Entity: "kb:vladimir-putin"},
			},
		},
		{
			name: "Arabic with diacritics and a tatweel",
			doc:  corpus.Document{ID: "d", Text: "قالَ مُحـمّد: ٢٠٢٤"},
			ms: []corpus.Mention{
				{Start: len("قالَ "), End: len("قالَ مُحـمّد"), Type: "PER"},
				{Start: len("قالَ مُحـمّد: "), End: len("قالَ مُحـمّد: ٢٠٢٤"), Type: "DATE", Value: "2024"},
			},
		},
		{
			name: "an emoji before the mention",
			doc:  corpus.Document{ID: "b", Text: emoji},
			ms:   []corpus.Mention{{Start: 6, End: 10, Type: "MISC"}, {Start: 11, End: 16, Type: "ORG"}},
		},
		{
			name: "invisible marks inside and around mentions",
			doc:  corpus.Document{ID: "f", Text: invisible},
			ms: []corpus.Mention{
				{Start: 1, End: 4, Type: "ORG"},
				{Start: 5, End: 9, Type: "PER"},
				{Start: 0, End: len(invisible), Type: "LOC"},
			},
		},
		{
			name: "a byte order mark and a zero-width space inside the text",
			doc:  corpus.Document{ID: "z", Text: "\ufeffمصر\u200bاليوم"},
			ms:   []corpus.Mention{{Start: 0, End: len("\ufeffمصر\u200b"), Type: "LOC"}},
		},
		{
			name: "invalid UTF-8 bytes inside and at the edges of mentions",
			doc:  corpus.Document{ID: "c", Text: "\xffab\xe2\x82cd\xed\xa0\x80"},
			ms: []corpus.Mention{
				{Start: 0, End: 1, Type: "ORG"},
				{Start: 2, End: 6, Type: "PER"},
				{Start: 6, End: 10, Type: "LOC"},
			},
		},
		{
			name: "HTML characters, quotes and backslashes",
			doc:  corpus.Document{ID: "h", Text: `<a href="x">\n&amp;</a>`},
			ms:   []corpus.Mention{{Start: 0, End: 12, Type: "ORG"}, {Start: 12, End: 19, Type: "NUM"}},
		},
		{
			name: "mentions that share a span keep their types, entities and values",
			doc:  corpus.Document{ID: "a", Text: arabic},
			ms: []corpus.Mention{
				{Start: 7, End: 17, Type: "PER", Entity: "kb:b"},
				{Start: 7, End: 17, Type: "PER", Entity: "kb:a"},
				{Start: 7, End: 17, Type: "ORG", Value: "1"},
				{Start: 7, End: 17, Type: "ORG"},
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := roundTrip(t, tc.doc, tc.ms)
			assert.Equal(t, spans(tc.doc.Text, tc.ms), got)
		})
	}
}

// TestAppendLineRoundTripRandom round-trips random mentions of random texts
// made of awkward pieces: every span on code point boundaries reads back as
// it was written.
func TestAppendLineRoundTripRandom(t *testing.T) {
	pieces := []string{
		"a", " ", "ب", "ُ", "ـ", "😀", "\u200f", "\u200c", "\ufeff", "\u2028",
		"\xff", "\xe2\x82", "\xed\xa0\x80", "\n", "\r", "\t", "<", "&", `"`, `\`, "e\u0301", "\x00",
	}
	types := []string{"PER", "ORG", "LOC", "DATE", "NUM", "MISC", "شخص"}
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 300 {
		var sb strings.Builder
		for range 1 + r.IntN(30) {
			sb.WriteString(pieces[r.IntN(len(pieces))])
		}
		doc := corpus.Document{ID: "doc" + strconv.Itoa(n), Text: sb.String()}
		var bounds []int
		for i := range doc.Text {
			bounds = append(bounds, i)
		}
		bounds = append(bounds, len(doc.Text))
		var ms []corpus.Mention
		for range r.IntN(6) {
			i := r.IntN(len(bounds) - 1)
			j := i + 1 + r.IntN(len(bounds)-1-i)
			m := corpus.Mention{Start: bounds[i], End: bounds[j], Type: types[r.IntN(len(types))]}
			if r.IntN(2) == 0 {
				m.Entity = "kb:" + strconv.Itoa(r.IntN(3))
			}
			if r.IntN(2) == 0 {
				m.Value = strconv.Itoa(r.IntN(3))
			}
			ms = append(ms, m)
		}
		got := roundTrip(t, doc, ms)
		require.Equal(t, spans(doc.Text, ms), got, "text %q", doc.Text)
	}
}

func TestAppendRequest(t *testing.T) {
	cases := []struct {
		name string
		doc  corpus.Document
		want string
	}{
		{
			name: "the document is sent as stored, newlines escaped, on one line",
			doc:  corpus.Document{ID: "000_54e2bb75203d1eb2", Text: "في موسكو\r\nامس\n"},
			want: `{"doc":"000_54e2bb75203d1eb2","text":"في موسكو\r\nامس\n"}` + "\n",
		},
		{
			name: "HTML characters are not escaped",
			doc:  corpus.Document{ID: "h", Text: "<b>&</b>"},
			want: `{"doc":"h","text":"<b>&</b>"}` + "\n",
		},
		{
			name: "each invalid byte arrives as one U+FFFD",
			doc:  corpus.Document{ID: "c", Text: "ab\xff\xe2\x82cd"},
			want: `{"doc":"c","text":"ab\ufffd\ufffd\ufffdcd"}` + "\n",
		},
		{
			name: "an empty document is sent too",
			doc:  corpus.Document{ID: "e", Text: ""},
			want: `{"doc":"e","text":""}` + "\n",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := wire.AppendRequest([]byte("prev\n"), tc.doc)
			require.NoError(t, err)
			assert.Equal(t, "prev\n"+tc.want, string(got))
		})
	}
}

// TestAppendRequestOffsetsLineUp checks that a program counting code points in
// the text it receives counts the same as the index the answer is read with.
func TestAppendRequestOffsetsLineUp(t *testing.T) {
	for _, text := range []string{arabic, emoji, invalid, invisible, "\xe2\x82\xed\xa0\x80\xff😀ب", "\ufeffa\u2028b"} {
		t.Run(strconv.Quote(text), func(t *testing.T) {
			line, err := wire.AppendRequest(nil, corpus.Document{ID: "d", Text: text})
			require.NoError(t, err)
			require.True(t, utf8.Valid(line), "the request is UTF-8: %q", line)
			var req wire.Request
			require.NoError(t, json.Unmarshal(line, &req))
			assert.Equal(t, "d", req.Doc)
			assert.Equal(t, corpus.NewIndex(text).Len(), utf8.RuneCountInString(req.Text))
		})
	}
}

func TestCheckMention(t *testing.T) {
	cases := []struct {
		name string
		text string
		m    corpus.Mention
		want string
	}{
		{"a span on letter boundaries with a type is fine", arabic, corpus.Mention{Start: 7, End: 17, Type: "PER"}, ""},
		{"a text equal to the span is fine", arabic, putin, ""},
		{"a span may end at the end of the text", arabic, corpus.Mention{Start: 34, End: 39, Type: "NUM"}, ""},
		{"an invalid byte is a character of its own", invalid, corpus.Mention{Start: 2, End: 3, Type: "ORG"}, ""},
		{"a text with U+FFFD matches an invalid byte of the span", invalid, corpus.Mention{Start: 1, End: 4, Type: "ORG", Text: "b\ufffdc"}, ""},
		{"a text with the raw invalid byte matches too", invalid, corpus.Mention{Start: 1, End: 4, Type: "ORG", Text: "b\xffc"}, ""},
		{"a start inside a two-byte letter", arabic, corpus.Mention{Start: 8, End: 17, Type: "PER"}, "start 8 is inside a multi-byte character"},
		{"an end inside a two-byte letter", arabic, corpus.Mention{Start: 7, End: 16, Type: "PER"}, "end 16 is inside a multi-byte character"},
		{"an end inside an emoji", emoji, corpus.Mention{Start: 6, End: 8, Type: "MISC"}, "end 8 is inside a multi-byte character"},
		{"a start inside an invisible mark", invisible, corpus.Mention{Start: 2, End: 5, Type: "PER"}, "start 2 is inside a multi-byte character"},
		{"a reversed span", arabic, corpus.Mention{Start: 17, End: 7, Type: "PER"}, "span [17,7) is reversed"},
		{"an empty span", arabic, corpus.Mention{Start: 7, End: 7, Type: "PER"}, "span [7,7) is empty"},
		{"a negative start, counted in bytes", arabic, corpus.Mention{Start: -1, End: 6, Type: "LOC"}, "span [-1,6) is outside the text, which has 39 bytes"},
		{"an end past the text, counted in bytes", arabic, corpus.Mention{Start: 34, End: 40, Type: "NUM"}, "span [34,40) is outside the text, which has 39 bytes"},
		{"no type", arabic, corpus.Mention{Start: 7, End: 17}, "no type (want a label such as PER, ORG, LOC, DATE, NUM)"},
		{"a type with a tab", arabic, corpus.Mention{Start: 7, End: 17, Type: "PER\t"}, `type "PER\t" holds a space or control character`},
		{"a label outside the five types is fine", arabic, corpus.Mention{Start: 7, End: 17, Type: "MISC"}, ""},
		{"a text that differs from the span", arabic, corpus.Mention{Start: 7, End: 17, Type: "PER", Text: "موسكو"}, `text "موسكو" does not match the span, which reads "بوتين"`},
		{"a U+FFFD in the text does not match a valid letter", "abxcd", corpus.Mention{Start: 1, End: 4, Type: "ORG", Text: "b\ufffdc"}, `text "b�c" does not match the span, which reads "bxc"`},
		{"a text one letter longer than the span", arabic, corpus.Mention{Start: 7, End: 17, Type: "PER", Text: "بوتين "}, `text "بوتين " does not match the span, which reads "بوتين"`},
		{"a text one letter shorter than the span", arabic, corpus.Mention{Start: 7, End: 17, Type: "PER", Text: "بوتي"}, `text "بوتي" does not match the span, which reads "بوتين"`},
		{"an offset checked first, then the type", arabic, corpus.Mention{Start: 8, End: 17}, "start 8 is inside a multi-byte character"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, wire.CheckMention(tc.text, corpus.NewIndex(tc.text), tc.m))
		})
	}
}

func TestCheckType(t *testing.T) {
	cases := []struct {
		name, typ, want string
	}{
		{"PER is a label", "PER", ""},
		{"ORG is a label", "ORG", ""},
		{"LOC is a label", "LOC", ""},
		{"DATE is a label", "DATE", ""},
		{"NUM is a label", "NUM", ""},
		{"a label outside the guidelines is kept as it is", "MISC", ""},
		{"a lower-case label is kept as it is", "per", ""},
		{"a BIO-prefixed label is kept as it is", "B-PER", ""},
		{"an Arabic label is kept as it is", "شخص", ""},
		{"an empty type lists the five types", "", "no type (want a label such as PER, ORG, LOC, DATE, NUM)"},
		{"a space inside", "B PER", `type "B PER" holds a space or control character`},
		{"a trailing space", "PER ", `type "PER " holds a space or control character`},
		{"a leading newline", "\nPER", `type "\nPER" holds a space or control character`},
		{"a no-break space", "PER\u00a0", `type "PER\u00a0" holds a space or control character`},
		{"a NUL", "PER\x00", `type "PER\x00" holds a space or control character`},
		{"a DEL control character", "PER\x7f", `type "PER\x7f" holds a space or control character`},
		{"an ideographic space", "PER\u3000", `type "PER\u3000" holds a space or control character`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, wire.CheckType(tc.typ))
		})
	}
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

func TestCompareMentions(t *testing.T) {
	cases := []struct {
		name string
		a, b corpus.Mention
		want int
	}{
		{"an earlier start comes first, even when it ends later", corpus.Mention{Start: 0, End: 10, Type: "PER"}, corpus.Mention{Start: 1, End: 2, Type: "PER"}, -1},
		{"start counts before type", corpus.Mention{Start: 0, End: 5, Type: "PER"}, corpus.Mention{Start: 1, End: 5, Type: "DATE"}, -1},
		{"the same start: the shorter span comes first", corpus.Mention{Start: 0, End: 2, Type: "PER"}, corpus.Mention{Start: 0, End: 3, Type: "LOC"}, -1},
		{"the same span: types in byte order", corpus.Mention{Start: 0, End: 2, Type: "LOC"}, corpus.Mention{Start: 0, End: 2, Type: "PER"}, -1},
		{"type counts before entity", corpus.Mention{Start: 0, End: 2, Type: "LOC", Entity: "kb:z"}, corpus.Mention{Start: 0, End: 2, Type: "PER", Entity: "kb:a"}, -1},
		{"the same span and type: no entity before an entity", corpus.Mention{Start: 0, End: 2, Type: "PER"}, corpus.Mention{Start: 0, End: 2, Type: "PER", Entity: "kb:a"}, -1},
		{"entity counts before value", corpus.Mention{Start: 0, End: 2, Type: "NUM", Entity: "kb:a", Value: "9"}, corpus.Mention{Start: 0, End: 2, Type: "NUM", Entity: "kb:b", Value: "1"}, -1},
		{"the same span, type and entity: value breaks the tie", corpus.Mention{Start: 0, End: 2, Type: "NUM", Value: "1"}, corpus.Mention{Start: 0, End: 2, Type: "NUM", Value: "2"}, -1},
		{"the same start, end, type, entity and value are equal", corpus.Mention{Start: 0, End: 2, Type: "NUM", Entity: "kb:a", Value: "1"}, corpus.Mention{Start: 0, End: 2, Type: "NUM", Entity: "kb:a", Value: "1"}, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, sign(wire.CompareMentions(tc.a, tc.b)), "compare(a, b)")
			assert.Equal(t, -tc.want, sign(wire.CompareMentions(tc.b, tc.a)), "compare(b, a)")
		})
	}
}

func TestSortMentionsOrderDoesNotDependOnInput(t *testing.T) {
	want := []corpus.Mention{
		{Start: 0, End: 10, Type: "PER"},
		{Start: 0, End: 12, Type: "DATE"},
		{Start: 0, End: 12, Type: "LOC"},
		{Start: 0, End: 12, Type: "LOC", Entity: "kb:a"},
		{Start: 0, End: 12, Type: "LOC", Entity: "kb:a", Value: "1"},
		{Start: 0, End: 12, Type: "LOC", Entity: "kb:b"},
		{Start: 3, End: 4, Type: "ORG"},
		{Start: 5, End: 6, Type: "NUM", Value: "10"},
		{Start: 5, End: 6, Type: "NUM", Value: "9"},
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 100 {
		ms := slices.Clone(want)
		r.Shuffle(len(ms), func(i, j int) { ms[i], ms[j] = ms[j], ms[i] })
		shuffled := slices.Clone(ms)
		wire.SortMentions(ms)
		require.Equal(t, want, ms, "sorted from %v", shuffled)
	}
}
