package metrics

import "fmt"

// ForScheme returns the report's scores under scheme s, or an error naming
// the scheme when the report has none.
func (r *Report) ForScheme(s Scheme) (*SchemeReport, error) {
	sr := r.Schemes[s]
	if sr == nil {
		return nil, fmt.Errorf("report has no scores for scheme %q", s)
	}
	return sr, nil
}

// Row returns the row of type typ, and whether there is one; without one it
// returns an empty row of that type.
func (sr *SchemeReport) Row(typ string) (TypeRow, bool) {
	for _, r := range sr.Types {
		if r.Type == typ {
			return r, true
		}
	}
	return TypeRow{Type: typ}, false
}
