package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"

	"github.com/arabench/arabench/corpus"
)

// The JSON line format shared by prediction files and the external protocol.
// Offsets on the wire count code points; the structs below are never seen
// outside this package.

// wireRequest is one line written to an external extractor.
type wireRequest struct {
	Doc  string `json:"doc"`
	Text string `json:"text"`
}

// wireLine is one line read from a prediction file or an external extractor.
// Pointers tell a missing field from a zero one.
type wireLine struct {
	Doc      *string            `json:"doc"`
	Mentions *[]json.RawMessage `json:"mentions"`
	Error    *string            `json:"error"`
}

// wireMention is one mention of a wireLine. It is decoded on its own, so that
// a bad mention costs only itself; offsets are numbers checked by
// integralOffset.
type wireMention struct {
	Start  json.RawMessage `json:"start"`
	End    json.RawMessage `json:"end"`
	Type   string          `json:"type"`
	Text   *string         `json:"text"`
	Entity string          `json:"entity"`
	Value  string          `json:"value"`
}

// outLine and outMention are what WritePredictions writes.
type outLine struct {
	Doc      string       `json:"doc"`
	Mentions []outMention `json:"mentions"`
}

type outMention struct {
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Type   string `json:"type"`
	Text   string `json:"text"`
	Entity string `json:"entity,omitempty"`
	Value  string `json:"value,omitempty"`
}

// decodeLine parses one line. It returns what is wrong with the line as a
// whole, or "".
func decodeLine(line []byte) (wireLine, string) {
	var w wireLine
	if err := json.Unmarshal(line, &w); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			where := "the line"
			if te.Field != "" {
				where = fmt.Sprintf("field %q", te.Field)
			}
			return w, fmt.Sprintf("%s is a JSON %s, want %s", where, te.Value, jsonKind(te.Type))
		}
		return w, fmt.Sprintf("not JSON (%v): %s", err, quoteShort(string(line)))
	}
	if w.Doc == nil {
		return w, `no "doc" field`
	}
	if w.Mentions == nil && w.Error == nil {
		return w, `no "mentions" field (write "mentions":[] for a document without mentions)`
	}
	return w, ""
}

// jsonKind names what a Go type of the wire format expects in JSON.
func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Int:
		return "an integer"
	case reflect.String:
		return "a string"
	case reflect.Slice:
		return "a list"
	case reflect.Struct:
		return "an object"
	}
	return t.Kind().String()
}

// toMentions converts the code point mentions of one line to byte mentions of
// doc. It returns the valid ones, each with Text set to its span, and one
// message per invalid one, naming the mention by its place in the line (from
// 1) and the field at fault; a bad mention costs only itself.
func toMentions(doc corpus.Document, ix *corpus.Index, raws []json.RawMessage) ([]Mention, []string) {
	var (
		ms       = make([]Mention, 0, len(raws))
		problems []string
	)
	for i, raw := range raws {
		m, problem := toMention(doc, ix, raw)
		if problem != "" {
			problems = append(problems, fmt.Sprintf("mention %d: %s", i+1, problem))
			continue
		}
		ms = append(ms, m)
	}
	sortMentions(ms)
	return ms, problems
}

func toMention(doc corpus.Document, ix *corpus.Index, raw json.RawMessage) (Mention, string) {
	var w wireMention
	if err := json.Unmarshal(raw, &w); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			return Mention{}, fmt.Sprintf("field %q is a JSON %s, want %s", te.Field, te.Value, jsonKind(te.Type))
		}
		return Mention{}, fmt.Sprintf("not a JSON object: %s", quoteShort(string(raw)))
	}
	switch {
	case w.Start == nil || string(w.Start) == "null":
		return Mention{}, `no "start"`
	case w.End == nil || string(w.End) == "null":
		return Mention{}, `no "end"`
	}
	start, problem := integralOffset("start", w.Start)
	if problem != "" {
		return Mention{}, problem
	}
	end, problem := integralOffset("end", w.End)
	if problem != "" {
		return Mention{}, problem
	}
	switch {
	case start > end:
		return Mention{}, fmt.Sprintf("span [%d,%d) is reversed", start, end)
	case start == end:
		return Mention{}, fmt.Sprintf("span [%d,%d) is empty", start, end)
	case start < 0 || end > ix.Len():
		return Mention{}, fmt.Sprintf("span [%d,%d) is outside the text, which has %d code points", start, end, ix.Len())
	}
	if p := checkType(w.Type); p != "" {
		return Mention{}, p
	}
	bs, be, err := ix.Span(start, end)
	if err != nil {
		return Mention{}, err.Error()
	}
	span := doc.Text[bs:be]
	if w.Text != nil {
		if p := checkText(*w.Text, span); p != "" {
			return Mention{}, p
		}
	}
	return Mention{Start: bs, End: be, Type: w.Type, Text: span, Entity: w.Entity, Value: w.Value}, ""
}

// integralOffset reads an offset: a JSON number that is an integer, also when
// written as an integral number such as 51.0 or 5.1e1 (which some JSON
// writers emit); a fractional or out-of-range number, or a value of another
// JSON type, is refused, naming the field.
func integralOffset(field string, raw json.RawMessage) (int, string) {
	n := string(raw)
	if n == "" || !(n[0] == '-' || n[0] >= '0' && n[0] <= '9') {
		return 0, fmt.Sprintf("field %q is not a JSON number (%s), want an integer offset", field, shorten(n, 40))
	}
	if i, err := strconv.ParseInt(n, 10, 0); err == nil {
		return int(i), ""
	}
	f, err := strconv.ParseFloat(n, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		return 0, fmt.Sprintf("field %q is %s, want an integer offset", field, n)
	}
	return int(f), ""
}

// appendLine appends the predictions line of doc (code point offsets, a
// trailing newline) to dst. It fails when a mention's offsets are not byte
// offsets on character boundaries of doc.
func appendLine(dst []byte, doc corpus.Document, ix *corpus.Index, ms []Mention) ([]byte, error) {
	line := outLine{Doc: doc.ID, Mentions: make([]outMention, 0, len(ms))}
	sorted := append([]Mention(nil), ms...)
	sortMentions(sorted)
	for _, m := range sorted {
		if p := checkSpan(doc.Text, ix, m.Start, m.End); p != "" {
			return dst, fmt.Errorf("doc %q: mention %s: %s", doc.ID, m, p)
		}
		start, end, err := ix.CodePointSpan(m.Start, m.End)
		if err != nil {
			return dst, fmt.Errorf("doc %q: mention %s: %w", doc.ID, m, err)
		}
		line.Mentions = append(line.Mentions, outMention{
			Start: start, End: end, Type: m.Type, Text: doc.Text[m.Start:m.End], Entity: m.Entity, Value: m.Value,
		})
	}
	return appendJSON(dst, line)
}

// appendJSON appends v as one JSON line. HTML escaping is off so that text
// with < > & stays readable.
func appendJSON(dst []byte, v any) ([]byte, error) {
	buf := bytes.NewBuffer(dst)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return dst, err
	}
	return buf.Bytes(), nil
}
