// Package wire is the one JSON line of mentions that the external extractor
// protocol (package extract, PROTOCOL.md) and JSONL prediction files (package
// predictions) share, and the checks every mention passes against its
// document, wherever it comes from.
//
// On the line, offsets count Unicode code points; the mentions it decodes to
// and encodes from have byte offsets into the document text (corpus.Mention).
// Messages about a line or a mention are strings, so that each caller can
// place them (a file and line, a program and document).
package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/internal/syntax"
)

// Request is one line written to an external extractor: a document.
type Request struct {
	Doc  string `json:"doc"`
	Text string `json:"text"`
}

// Line is one line read from a prediction file or an external extractor.
// Pointers tell a missing field from a zero one. Mentions are left raw:
// ToMentions decodes and checks them one by one.
type Line struct {
	Doc      *string            `json:"doc"`
	Mentions *[]json.RawMessage `json:"mentions"`
	Error    *string            `json:"error"`
}

// lineMention is one mention of a Line. It is decoded on its own, so that a
// bad mention costs only itself; offsets are numbers checked by
// integralOffset.
type lineMention struct {
	Start  json.RawMessage `json:"start"`
	End    json.RawMessage `json:"end"`
	Type   string          `json:"type"`
	Text   *string         `json:"text"`
	Entity string          `json:"entity"`
	Value  string          `json:"value"`
}

// outLine and outMention are what AppendLine writes.
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

// utf8BOM is the byte order mark some writers put before UTF-8 text.
var utf8BOM = []byte("\ufeff")

// DecodeLine parses one line. It returns what is wrong with the line as a
// whole, or "": when there is nothing wrong, Doc is set and so is Mentions
// or Error.
func DecodeLine(line []byte) (Line, string) {
	var w Line
	// A byte order mark (an extractor writing UTF-8 with a signature) is
	// skipped, as every reader of arabench skips one.
	line = bytes.TrimPrefix(line, utf8BOM)
	if err := json.Unmarshal(line, &w); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			where := "the line"
			if te.Field != "" {
				where = fmt.Sprintf("field %q", te.Field)
			}
			return w, fmt.Sprintf("%s is a JSON %s, want %s", where, te.Value, jsonKind(te.Type))
		}
		return w, fmt.Sprintf("not JSON (%v): %s", err, syntax.QuoteShort(string(line)))
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

// ToMentions converts the code point mentions of one line to byte mentions of
// doc; ix is doc.Text's index. It returns the valid ones, sorted
// (SortMentions), each with Text set to its span, and one message per invalid
// one, naming the mention by its place in the line (from 1) and the field at
// fault; a bad mention costs only itself.
func ToMentions(doc corpus.Document, ix *corpus.Index, raws []json.RawMessage) ([]corpus.Mention, []string) {
	var (
		ms       = make([]corpus.Mention, 0, len(raws))
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
	SortMentions(ms)
	return ms, problems
}

func toMention(doc corpus.Document, ix *corpus.Index, raw json.RawMessage) (corpus.Mention, string) {
	var w lineMention
	if err := json.Unmarshal(raw, &w); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			return corpus.Mention{}, fmt.Sprintf("field %q is a JSON %s, want %s", te.Field, te.Value, jsonKind(te.Type))
		}
		return corpus.Mention{}, fmt.Sprintf("not a JSON object: %s", syntax.QuoteShort(string(raw)))
	}
	switch {
	case w.Start == nil || string(w.Start) == "null":
		return corpus.Mention{}, `no "start"`
	case w.End == nil || string(w.End) == "null":
		return corpus.Mention{}, `no "end"`
	}
	start, problem := integralOffset("start", w.Start)
	if problem != "" {
		return corpus.Mention{}, problem
	}
	end, problem := integralOffset("end", w.End)
	if problem != "" {
		return corpus.Mention{}, problem
	}
	switch {
	case start > end:
		return corpus.Mention{}, fmt.Sprintf("span [%d,%d) is reversed", start, end)
	case start == end:
		return corpus.Mention{}, fmt.Sprintf("span [%d,%d) is empty", start, end)
	case start < 0 || end > ix.Len():
		return corpus.Mention{}, fmt.Sprintf("span [%d,%d) is outside the text, which has %d code points", start, end, ix.Len())
	}
	if p := CheckType(w.Type); p != "" {
		return corpus.Mention{}, p
	}
	bs, be, err := ix.Span(start, end)
	if err != nil {
		return corpus.Mention{}, err.Error()
	}
	span := doc.Text[bs:be]
	if w.Text != nil {
		if p := checkText(*w.Text, span); p != "" {
			return corpus.Mention{}, p
		}
	}
	return corpus.Mention{Start: bs, End: be, Type: w.Type, Text: span, Entity: w.Entity, Value: w.Value}, ""
}

// integralOffset reads an offset: a JSON number that is an integer, also when
// written as an integral number such as 51.0 or 5.1e1 (which some JSON
// writers emit); a fractional or out-of-range number, or a value of another
// JSON type, is refused, naming the field.
func integralOffset(field string, raw json.RawMessage) (int, string) {
	n := string(raw)
	if n == "" || !(n[0] == '-' || n[0] >= '0' && n[0] <= '9') {
		return 0, fmt.Sprintf("field %q is not a JSON number (%s), want an integer offset", field, syntax.Shorten(n, 40))
	}
	if i, err := strconv.ParseInt(n, 10, 0); err == nil {
		return int(i), ""
	}
	f, err := strconv.ParseFloat(n, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		return 0, fmt.Sprintf("field %q is %s, want an integer offset", field, syntax.Shorten(n, 40))
	}
	return int(f), ""
}

// AppendLine appends the predictions line of doc (code point offsets, every
// mention's text, a trailing newline) to dst; ix is doc.Text's index. The
// mentions are written sorted (SortMentions); ms is left as it is. It fails
// when a mention's offsets are not byte offsets on character boundaries of
// doc.
func AppendLine(dst []byte, doc corpus.Document, ix *corpus.Index, ms []corpus.Mention) ([]byte, error) {
	line := outLine{Doc: doc.ID, Mentions: make([]outMention, 0, len(ms))}
	sorted := append([]corpus.Mention(nil), ms...)
	SortMentions(sorted)
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

// AppendRequest appends the request line of doc (a trailing newline) to dst.
func AppendRequest(dst []byte, doc corpus.Document) ([]byte, error) {
	return appendJSON(dst, Request{Doc: doc.ID, Text: doc.Text})
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
