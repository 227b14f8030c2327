package bench

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/perf/benchfmt"
	"golang.org/x/perf/benchunit"
)

// Units are compared in base units: benchfmt already runs every unit
// through benchunit.Tidy, which rescales "ns" to "sec" and "MB" to "B" and
// nothing else, so a file that reports ms/op would otherwise compare with
// the sec/op of go test as two unrelated units, each "only" on one side.
// normalizeUnit finishes the job for the other prefixes of time and bytes,
// on the same tokens as benchunit (separated by "/", "*", "-" and spaces,
// "/" starting the denominator): in the numerator a duration becomes "sec"
// and a byte count "B", as benchunit writes them; in the denominator a
// duration becomes "s", as in benchfmt's "B/s".

// scaledTokens are the unit tokens with a prefix (or a spelling) to undo:
// each one's base unit and the factor from it to the base unit, as written
// in the numerator.
var scaledTokens = map[string]struct {
	base   string
	factor float64
}{
	"s": {"sec", 1}, "sec": {"sec", 1},
	"ms": {"sec", 1e-3}, "us": {"sec", 1e-6}, "µs": {"sec", 1e-6}, "μs": {"sec", 1e-6}, "ns": {"sec", 1e-9},
	"kB": {"B", 1e3}, "MB": {"B", 1e6}, "GB": {"B", 1e9},
	"KiB": {"B", 1 << 10}, "MiB": {"B", 1 << 20}, "GiB": {"B", 1 << 30},
}

// normalizeUnit returns unit in base units and the factor that converts a
// value in unit to a value in the returned unit: ("ms/op", x) gives
// ("sec/op", 1e-3), ("B/ms", x) gives ("B/s", 1e3). benchunit.Tidy runs
// first, so its conversions are the ones used for ns and MB; a unit with no
// prefix to scale comes back as it is, with factor 1.
func normalizeUnit(unit string) (string, float64) {
	factor, rest := benchunit.Tidy(1, unit)
	var b strings.Builder
	denom := false
	for rest != "" {
		end := strings.IndexFunc(rest, isUnitSeparator)
		if end == 0 {
			r, size := utf8.DecodeRuneInString(rest)
			switch r {
			case '/':
				denom = true
			case '*':
				denom = false
			}
			b.WriteString(rest[:size])
			rest = rest[size:]
			continue
		}
		if end < 0 {
			end = len(rest)
		}
		tok := rest[:end]
		rest = rest[end:]
		conv, ok := scaledTokens[tok]
		switch {
		case !ok:
			b.WriteString(tok)
		case denom:
			base := conv.base
			if base == "sec" {
				base = "s"
			}
			b.WriteString(base)
			factor /= conv.factor
		default:
			b.WriteString(conv.base)
			factor *= conv.factor
		}
	}
	return b.String(), factor
}

// isUnitSeparator reports whether r separates the tokens of a unit, as in
// benchunit's parser.
func isUnitSeparator(r rune) bool {
	return r == '/' || r == '*' || r == '-' || unicode.IsSpace(r)
}

// isDuration reports whether a unit in base units measures time: its
// numerator is "sec" or ends in "-sec" ("cpu-sec/op").
func isDuration(unit string) bool {
	num := numerator(unit)
	return num == "sec" || strings.HasSuffix(num, "-sec")
}

// numerator returns what unit measures: "sec" for "sec/op".
func numerator(unit string) string {
	num, _, _ := strings.Cut(unit, "/")
	return num
}

// normalizeResult rescales the values of r to base units in place and
// returns a message for the first value the gate refuses: a negative
// duration, or two values of one line that normalize to the same unit
// ("5 ns/op 0.005 ms/op"), which would count one run twice.
func normalizeResult(r *benchfmt.Result) string {
	for i := range r.Values {
		v := &r.Values[i]
		unit, factor := normalizeUnit(v.Unit)
		if unit != v.Unit {
			if v.OrigUnit == "" {
				v.OrigValue, v.OrigUnit = v.Value, v.Unit
			}
			v.Value, v.Unit = v.Value*factor, unit
		}
		if isDuration(v.Unit) && v.Value < 0 {
			return fmt.Sprintf("negative timing %s: a duration cannot be below zero", written(*v))
		}
		for _, prev := range r.Values[:i] {
			if prev.Unit == v.Unit {
				return fmt.Sprintf("%s and %s are both %s: one line holds one value per unit", written(prev), written(*v), v.Unit)
			}
		}
	}
	return ""
}

// written is a value as the file wrote it: "-5 ns/op".
func written(v benchfmt.Value) string {
	if v.OrigUnit != "" {
		return fmt.Sprintf("%v %s", v.OrigValue, v.OrigUnit)
	}
	return fmt.Sprintf("%v %s", v.Value, v.Unit)
}

// normalizeUnitMetadata keys the file's unit metadata by normalized unit,
// so that "Unit ms/op better=higher" applies to the sec/op values it now
// describes. When two lines end up on one key, the earlier line wins
// (benchfmt keeps the last line of the same unit, but then the units were
// written alike).
func normalizeUnitMetadata(m benchfmt.UnitMetadataMap) benchfmt.UnitMetadataMap {
	out := make(benchfmt.UnitMetadataMap, len(m))
	for k, v := range m {
		unit, _ := normalizeUnit(k.Unit)
		nk := benchfmt.UnitMetadataKey{Unit: unit, Key: k.Key}
		if have, ok := out[nk]; ok && earlier(have, v) {
			continue
		}
		out[nk] = v
	}
	return out
}

func earlier(a, b *benchfmt.UnitMetadata) bool {
	_, la := a.Pos()
	_, lb := b.Pos()
	return la < lb
}
