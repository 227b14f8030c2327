package report

import (
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/runfile"
)

// Status is what became of one document when a run was made, as its run
// file records it (see runfile.Doc): scored, failed with an error, never run
// or missing.
type Status struct {
	// State is the run file's word for it, e.g. "failed"; "" or "scored"
	// means the document was scored.
	State string
	// Error is why the document failed or did not run, if the file says.
	Error string
}

// Scored reports whether the document was scored.
func (s Status) Scored() bool {
	return s.State == "" || s.State == string(metrics.StatusScored)
}

// StatusesOf returns the documents of a run that were not scored, by id.
func StatusesOf(run *runfile.Run) map[string]Status {
	out := map[string]Status{}
	for _, d := range run.Predictions {
		if !d.Scored() {
			out[d.Doc] = Status{State: string(d.Status), Error: d.Error}
		}
	}
	return out
}
