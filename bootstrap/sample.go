package bootstrap

import (
	"slices"
	"strconv"

	"github.com/arabench/arabench/metrics"
)

// Units are one system's scoring units in the compact form resampling needs.
// Units with equal scores — the many sentences without a mention, the many
// with one correct PER — share one stored score, and each unit is the index
// of its score, so a corpus of a million sentences costs tens of megabytes
// (an id and an index per unit) and a resample sums a few thousand distinct
// scores instead of a million. The sums, and so every interval and p-value,
// are those of the units one by one.
type Units struct {
	ids   []string
	of    []int32
	rows  []metrics.DocScore
	index map[string]int32
	key   []byte
}

// NewUnits returns an empty set of units.
func NewUnits() *Units { return &Units{index: map[string]int32{}} }

// UnitsOf returns the units of scores, in order.
func UnitsOf(scores []metrics.DocScore) *Units {
	u := NewUnits()
	for _, ds := range scores {
		u.Add(ds)
	}
	return u
}

// Add appends a unit. Only its id, its tallies under every scheme and its
// types are kept.
func (u *Units) Add(ds metrics.DocScore) {
	u.key = scoreKey(u.key[:0], ds)
	r, ok := u.index[string(u.key)]
	if !ok {
		r = int32(len(u.rows))
		u.index[string(u.key)] = r
		u.rows = append(u.rows, metrics.DocScore{Totals: ds.Totals, Tallies: ds.Tallies, Types: ds.Types})
	}
	u.ids = append(u.ids, ds.ID)
	u.of = append(u.of, r)
}

// Len is the number of units.
func (u *Units) Len() int { return len(u.of) }

// ID returns the id of unit i.
func (u *Units) ID(i int) string { return u.ids[i] }

// Distinct is the number of distinct unit scores stored.
func (u *Units) Distinct() int { return len(u.rows) }

// scoreKey appends to dst a key that two unit scores share exactly when their
// tallies and types are equal.
func scoreKey(dst []byte, ds metrics.DocScore) []byte {
	tally := func(t metrics.Tally) {
		for _, n := range [...]int{t.COR, t.INC, t.PAR, t.MIS, t.SPU} {
			dst = strconv.AppendInt(dst, int64(n), 10)
			dst = append(dst, ',')
		}
	}
	for _, t := range ds.Types {
		dst = append(dst, t...)
		dst = append(dst, 0)
	}
	for _, s := range metrics.Schemes {
		dst = append(dst, '|')
		tally(ds.Totals[s])
		tt := ds.Tallies[s]
		types := make([]string, 0, len(tt))
		for t := range tt {
			types = append(types, t)
		}
		slices.Sort(types)
		for _, t := range types {
			dst = append(dst, t...)
			dst = append(dst, ':')
			tally(tt[t])
		}
	}
	return dst
}

// unitTypes is every type of the units' gold and predictions, sorted.
func unitTypes(runs ...*Units) []string {
	seen := map[string]bool{}
	var types []string
	add := func(t string) {
		if !seen[t] {
			seen[t] = true
			types = append(types, t)
		}
	}
	for _, u := range runs {
		for _, ds := range u.rows {
			for _, t := range ds.Types {
				add(t)
			}
			for _, tt := range ds.Tallies {
				for t := range tt {
					add(t)
				}
			}
		}
	}
	metrics.SortTypes(types)
	return types
}
