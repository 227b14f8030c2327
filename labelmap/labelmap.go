// Package labelmap renames and drops mention labels, so that a corpus and a
// system that name their types differently (ANERcorp's PERS against PER, a
// fine-grained corpus's Politician and Nation against PER and LOC) are scored
// in one vocabulary.
//
// A map applies to mentions, after they are decoded from tags with the
// file's own labels: B-Nation I-Population-Center stays two mentions even
// when both map to LOC. A label the map sends to "" is dropped. Types, when
// set, keeps only mentions of those types, after renaming. The same map is
// applied to the gold and the predictions, and its fingerprint goes into the
// score's signature.
package labelmap

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/arabench/arabench/corpus"
)

// Map renames labels (From → To; To "" drops the mention) and keeps only
// some types. The zero value changes nothing.
type Map struct {
	rename map[string]string
	keep   []string // nil: every type
}

// Parse reads the --map syntax, "FROM=TO,FROM=TO" ("MISC=" drops MISC), into m.
func (m *Map) Parse(s string) error {
	for _, pair := range strings.Split(s, ",") {
		pair = strings.TrimSpace(pair)
		if pair == "" {
			continue
		}
		from, to, ok := strings.Cut(pair, "=")
		if !ok {
			return fmt.Errorf("--map %q: want FROM=TO (TO empty to drop FROM)", pair)
		}
		if err := m.add(strings.TrimSpace(from), strings.TrimSpace(to)); err != nil {
			return fmt.Errorf("--map %q: %w", pair, err)
		}
	}
	return nil
}

// ReadTSV reads a map file: one FROM<TAB>TO a line (TO empty, or the tab
// missing, drops FROM); blank lines and lines starting with # are skipped. name
// is the file name used in errors.
func (m *Map) ReadTSV(r io.Reader, name string) error {
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if n == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		from, to, _ := strings.Cut(line, "\t")
		if err := m.add(strings.TrimSpace(from), strings.TrimSpace(to)); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

func (m *Map) add(from, to string) error {
	if !corpus.ValidLabel(from) {
		return fmt.Errorf("label %q does not match "+corpus.LabelSyntax, from)
	}
	if to != "" && !corpus.ValidLabel(to) {
		return fmt.Errorf("label %q does not match "+corpus.LabelSyntax, to)
	}
	if m.rename == nil {
		m.rename = map[string]string{}
	}
	if prev, dup := m.rename[from]; dup && prev != to {
		return fmt.Errorf("%s is mapped twice, to %q and to %q", from, prev, to)
	}
	m.rename[from] = to
	return nil
}

// Keep restricts the mentions to the given types (after renaming); empty
// keeps every type.
func (m *Map) Keep(types []string) error {
	for _, t := range types {
		if !corpus.ValidLabel(t) {
			return fmt.Errorf("--types: label %q does not match "+corpus.LabelSyntax, t)
		}
	}
	m.keep = slices.Clone(types)
	return nil
}

// Empty reports whether the map changes nothing.
func (m *Map) Empty() bool { return len(m.rename) == 0 && len(m.keep) == 0 }

// Label returns what label l becomes, and false when its mentions are
// dropped.
func (m *Map) Label(l string) (string, bool) {
	if to, ok := m.rename[l]; ok {
		l = to
	}
	if l == "" {
		return "", false
	}
	if m.keep != nil && !slices.Contains(m.keep, l) {
		return "", false
	}
	return l, true
}

// Apply returns ms renamed, without the dropped mentions. It returns ms
// itself when the map is empty.
func (m *Map) Apply(ms []corpus.Mention) []corpus.Mention {
	if m.Empty() {
		return ms
	}
	out := make([]corpus.Mention, 0, len(ms))
	for _, x := range ms {
		if l, ok := m.Label(x.Type); ok {
			x.Type = l
			out = append(out, x)
		}
	}
	return out
}

// ApplyAll applies the map to every document's mentions.
func (m *Map) ApplyAll(docs map[string][]corpus.Mention) map[string][]corpus.Mention {
	if m.Empty() {
		return docs
	}
	out := make(map[string][]corpus.Mention, len(docs))
	for id, ms := range docs {
		out[id] = m.Apply(ms)
	}
	return out
}

// String writes the map in the --map syntax, pairs sorted, then the kept
// types: "MISC=,PERS=PER;types=LOC,ORG,PER". It is "none" for the empty map.
func (m *Map) String() string {
	if m.Empty() {
		return "none"
	}
	pairs := make([]string, 0, len(m.rename))
	for from, to := range m.rename {
		pairs = append(pairs, from+"="+to)
	}
	slices.Sort(pairs)
	s := strings.Join(pairs, ",")
	if m.keep != nil {
		keep := slices.Clone(m.keep)
		slices.Sort(keep)
		s += ";types=" + strings.Join(keep, ",")
	}
	return s
}

// Hash is the map's part of a signature: "none" for the empty map, else the
// first 8 hex digits of the SHA-256 of String.
func (m *Map) Hash() string {
	if m.Empty() {
		return "none"
	}
	sum := sha256.Sum256([]byte(m.String()))
	return hex.EncodeToString(sum[:])[:8]
}
