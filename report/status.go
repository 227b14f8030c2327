package report

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Status is what became of one document when a run was made, when the run
// file says so: run files that record a status per document (scored, failed
// with an error, never ran) carry it in their predictions' "status" and
// "error" fields. A run file without them has every document scored.
type Status struct {
	// State is the run file's word for it, e.g. "failed"; "" or "scored"
	// (also "ok") means the document was scored.
	State string
	// Error is the extractor's error message, if any.
	Error string
}

// Scored reports whether the document was scored.
func (s Status) Scored() bool {
	switch strings.ToLower(strings.TrimSpace(s.State)) {
	case "", "scored", "ok":
		return true
	}
	return false
}

// ReadStatuses returns the documents of a run file that were not scored, by
// id, read from the optional "status" and "error" fields of its predictions.
// The file must already have been read with runfile.ReadRun, which reports
// any syntax error; name is used in errors.
func ReadStatuses(name string, data []byte) (map[string]Status, error) {
	var raw struct {
		Predictions []struct {
			Doc    string          `json:"doc"`
			Status json.RawMessage `json:"status"`
			Error  json.RawMessage `json:"error"`
		} `json:"predictions"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	out := map[string]Status{}
	for _, p := range raw.Predictions {
		st := Status{State: text(p.Status), Error: text(p.Error)}
		if st.State == "" && st.Error != "" {
			st.State = "failed"
		}
		if !st.Scored() {
			out[p.Doc] = st
		}
	}
	return out, nil
}

// text is a JSON string's value, or the JSON text of any other value (an
// object or a number), so that a status of another shape still shows.
func text(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}
