package metrics

import (
	"fmt"
	"strings"
)

// Scheme names one way of deciding whether a predicted mention matches a gold
// one. Every scheme scores the same one-to-one pairing (see Align); a scheme
// only decides what each pair counts as.
type Scheme string

// The five matching schemes. The first four are those of SemEval-2013 task
// 9.1 as nervaluate implements them; SchemeClitic is arabench's own.
const (
	// SchemeStrict: same span and same type.
	SchemeStrict Scheme = "strict"
	// SchemeExact: same span, any type.
	SchemeExact Scheme = "exact"
	// SchemeType: overlapping span and same type (nervaluate's "ent_type").
	SchemeType Scheme = "type"
	// SchemePartial: overlapping span, any type; a pair whose spans differ
	// earns half credit.
	SchemePartial Scheme = "partial"
	// SchemeClitic: same type, and spans that are equal once a leading
	// proclitic stack (و ف ب ل ك, up to three letters) is removed from either.
	SchemeClitic Scheme = "clitic"
	// SchemeBag: no offsets; per document, the multiset of (type, normalized
	// text) of the predictions against that of the gold. It scores output
	// that names mentions without placing them, such as an LLM's.
	SchemeBag Scheme = "bag"
)

// Schemes lists every scheme in the order reports print them.
var Schemes = []Scheme{SchemeStrict, SchemeExact, SchemeType, SchemePartial, SchemeClitic, SchemeBag}

// ParseScheme returns the scheme named s (case-insensitive). "ent_type", the
// name nervaluate uses, is accepted for SchemeType.
func ParseScheme(s string) (Scheme, error) {
	name := strings.ToLower(strings.TrimSpace(s))
	if name == "ent_type" {
		return SchemeType, nil
	}
	for _, sc := range Schemes {
		if string(sc) == name {
			return sc, nil
		}
	}
	return "", fmt.Errorf("unknown scheme %q (want one of strict, exact, type, partial, clitic, bag)", s)
}

// String returns the scheme's name.
func (s Scheme) String() string { return string(s) }

// Outcome is what a scheme makes of one gold or predicted mention: the MUC
// categories of SemEval-2013 9.1.
type Outcome uint8

// The MUC categories.
const (
	// COR: the pair matches under the scheme.
	COR Outcome = iota + 1
	// INC: the pair does not match under the scheme.
	INC
	// PAR: the pair's spans overlap without being equal (partial scheme only).
	PAR
	// MIS: a gold mention paired with no prediction.
	MIS
	// SPU: a prediction paired with no gold mention.
	SPU
)

// String returns the category's three-letter name.
func (o Outcome) String() string {
	switch o {
	case COR:
		return "COR"
	case INC:
		return "INC"
	case PAR:
		return "PAR"
	case MIS:
		return "MIS"
	case SPU:
		return "SPU"
	}
	return fmt.Sprintf("Outcome(%d)", uint8(o))
}
