// Package signature pins how a printed score was computed, after sacrebleu's
// signatures: the scoring Version, fingerprints of the gold and of the corpus
// (CorpusHash, Fingerprint), the label map, the normalization, the scheme,
// the average and the bootstrap (BootSpec), printed as one line that Parse
// reads back. Two scores are comparable only when their signatures are
// equal; Signature.Diff names the parts that differ.
package signature

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"strconv"
	"strings"

	"github.com/arabench/arabench/corpus"
)

// Version is the version of arabench's scoring definitions (package
// metrics: matching, schemes, formulas). It opens every signature; it changes
// whenever a score computed from the same inputs could change.
const Version = "1.0"

// Signature pins what a printed score depends on, after sacrebleu's: two
// scores are comparable only when their signatures are equal. It prints as
//
//	arabench:1.0|gold:3f2a9c1e|corpus:3fafd76b|norm:none|scheme:strict|avg:micro|boot:1000@12345
//
// and, when a label map renamed or dropped labels, with its fingerprint after
// the corpus (map:9c1e3f2a, see labelmap.Map.Hash); without one the part is
// left out, so signatures written before maps existed read and compare as
// scores without a map.
//
// The gold and corpus parts pin content, never names: the same documents and
// gold copied to another folder give the same signature, and two corpora in
// folders of the same name do not (see CorpusHash, and gold.Gold.Hash). An
// empty field prints as "none" (an empty Version as the current Version).
// A '%', '|' or control character inside a value is percent-escaped, so any
// corpus name survives a round trip through String and Parse.
type Signature struct {
	// Version is the scoring version (Version).
	Version string
	// Gold is a fingerprint of the gold annotations' content, e.g.
	// "3f2a9c1e" (gold.Gold.Hash; conlleval.Hashes for a conlleval file).
	Gold string
	// Corpus is a fingerprint of the documents scored, their ids and texts
	// (CorpusHash), e.g. "3fafd76b".
	Corpus string
	// Map is the fingerprint of the label map applied to the gold and the
	// predictions, or "" (printed as nothing) without one.
	Map string
	// Norm names the normalization applied before matching, or "none".
	Norm string
	// Scheme is the matching scheme of the headline score.
	Scheme string
	// Avg is the average of the headline score: "micro" or "macro".
	Avg string
	// Boot is the bootstrap as "resamples@seed" (see BootSpec), or "none".
	Boot string
}

// keys are the parts of a signature in the order they print.
var keys = []string{"arabench", "gold", "corpus", "map", "norm", "scheme", "avg", "boot"}

// optionalKeys are the parts a signature may lack, and what they then read.
var optionalKeys = map[string]string{"map": "none", "boot": "none"}

// BootSpec formats a bootstrap's parameters for Signature.Boot.
func BootSpec(resamples int, seed int64) string {
	return strconv.Itoa(resamples) + "@" + strconv.FormatInt(seed, 10)
}

// values returns the printed value of each part, in keys order.
func (s Signature) values() []string {
	v := []string{s.Version, s.Gold, s.Corpus, s.Map, s.Norm, s.Scheme, s.Avg, s.Boot}
	if v[0] == "" {
		v[0] = Version
	}
	for i := range v {
		if v[i] == "" {
			v[i] = "none"
		}
	}
	return v
}

// String formats the signature as one line of key:value parts joined by '|'.
// The map part is left out when there is no map.
func (s Signature) String() string {
	var b strings.Builder
	for i, v := range s.values() {
		if keys[i] == "map" && v == "none" {
			continue
		}
		if i > 0 {
			b.WriteByte('|')
		}
		b.WriteString(keys[i])
		b.WriteByte(':')
		escapeValue(&b, v)
	}
	return b.String()
}

func escapeValue(b *strings.Builder, v string) {
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c == '%' || c == '|' || c < 0x20 || c == 0x7f {
			fmt.Fprintf(b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
}

// Parse parses the output of Signature.String. Parts may come in any order;
// every part but map and boot is required (a missing one means "none"), and
// unknown or repeated parts are errors.
func Parse(line string) (Signature, error) {
	line = strings.TrimSpace(line)
	if line == "" {
		return Signature{}, fmt.Errorf("signature: empty")
	}
	got := map[string]string{}
	for _, part := range strings.Split(line, "|") {
		key, raw, ok := strings.Cut(part, ":")
		if !ok {
			return Signature{}, fmt.Errorf("signature: part %q is not key:value", part)
		}
		if !isKey(key) {
			return Signature{}, fmt.Errorf("signature: unknown part %q (want %s)", key, strings.Join(keys, ", "))
		}
		if _, dup := got[key]; dup {
			return Signature{}, fmt.Errorf("signature: part %q given twice", key)
		}
		v, err := unescapeValue(raw)
		if err != nil {
			return Signature{}, fmt.Errorf("signature: part %q: %w", key, err)
		}
		got[key] = v
	}
	for k, v := range optionalKeys {
		if _, ok := got[k]; !ok {
			got[k] = v
		}
	}
	if got["map"] == "none" {
		got["map"] = ""
	}
	for _, k := range keys {
		if _, ok := got[k]; !ok {
			return Signature{}, fmt.Errorf("signature: part %q is missing", k)
		}
	}
	return Signature{
		Version: got["arabench"],
		Gold:    got["gold"],
		Corpus:  got["corpus"],
		Map:     got["map"],
		Norm:    got["norm"],
		Scheme:  got["scheme"],
		Avg:     got["avg"],
		Boot:    got["boot"],
	}, nil
}

func isKey(k string) bool {
	for _, s := range keys {
		if s == k {
			return true
		}
	}
	return false
}

func unescapeValue(raw string) (string, error) {
	if !strings.Contains(raw, "%") {
		return raw, nil
	}
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		if raw[i] != '%' {
			b.WriteByte(raw[i])
			continue
		}
		if i+2 >= len(raw) {
			return "", fmt.Errorf("truncated escape in %q", raw)
		}
		c, err := strconv.ParseUint(raw[i+1:i+3], 16, 8)
		if err != nil {
			return "", fmt.Errorf("bad escape %q in %q", raw[i:i+3], raw)
		}
		b.WriteByte(byte(c))
		i += 2
	}
	return b.String(), nil
}

// FieldDiff is one part on which two signatures differ, with the value each
// side prints.
type FieldDiff struct {
	// Key names the part, as it prints: "gold", "scheme" and so on.
	Key string
	// Left is the value s prints (the receiver of Signature.Diff).
	Left string
	// Right is the value the other signature prints.
	Right string
}

// String formats the difference as "key: left ≠ right".
func (d FieldDiff) String() string { return d.Key + ": " + d.Left + " ≠ " + d.Right }

// Diff lists the parts on which s and other differ, in print order; it is
// empty when the two scores are comparable. Fields are compared as printed, so
// an empty field equals "none".
func (s Signature) Diff(other Signature) []FieldDiff {
	a, b := s.values(), other.values()
	var out []FieldDiff
	for i, k := range keys {
		if a[i] != b[i] {
			out = append(out, FieldDiff{Key: k, Left: a[i], Right: b[i]})
		}
	}
	return out
}

// CorpusHash pins a corpus's content for signatures: the first 8 hex digits
// of the SHA-256 of its documents in the given order (a Corpus keeps them
// sorted by id), each written as two fields (see Fingerprint), its id and its
// text. The corpus's name and folder play no part; editing, adding, removing
// or renaming a document changes the hash.
func CorpusHash(docs []corpus.Document) string {
	var f Fingerprint
	for _, d := range docs {
		f.Field(d.ID)
		f.Field(d.Text)
	}
	return f.Sum()
}

// Fingerprint hashes a sequence of fields for signatures. Each field is
// written as its length in bytes in decimal, a newline, its bytes and a
// newline, so that no two sequences of fields write the same bytes. The zero
// value is ready to use.
type Fingerprint struct {
	h hash.Hash
}

// Field adds s to the fingerprint.
func (f *Fingerprint) Field(s string) {
	if f.h == nil {
		f.h = sha256.New()
	}
	f.h.Write([]byte(strconv.Itoa(len(s)) + "\n"))
	f.h.Write([]byte(s))
	f.h.Write([]byte{'\n'})
}

// Sum is the first 8 hex digits of the SHA-256 of the fields, as gold hashes
// are.
func (f *Fingerprint) Sum() string {
	if f.h == nil {
		f.h = sha256.New()
	}
	return hex.EncodeToString(f.h.Sum(nil))[:8]
}
