package metrics

import (
	"fmt"
	"strings"
)

// DocStatus is what became of one document in a run.
type DocStatus string

// The statuses of a run's documents. Only a scored document has predictions;
// the scores in the run (and any table made from it) count the others as
// documents without predictions, so their gold mentions are missed.
const (
	// StatusScored: the extractor returned its predictions.
	StatusScored DocStatus = "scored"
	// StatusFailed: the extractor failed on it (an error, a timeout, a
	// crash); runfile.Doc.Error says why.
	StatusFailed DocStatus = "failed"
	// StatusNotRun: the run ended (interrupted) before the document was sent.
	StatusNotRun DocStatus = "not_run"
	// StatusMissing: the predictions file had no entry for it, and it was
	// scored as empty on request (score --allow-missing).
	StatusMissing DocStatus = "missing"
)

// Coverage says which documents a score covers: how many the corpus has,
// how many were scored, and which were not and why. The scores count every
// document that was not scored as one without predictions — its gold mentions
// are missed — so that they stay scores of the whole corpus, comparable under
// the same signature; Summary says so wherever a score is printed.
type Coverage struct {
	// Documents is the number of documents in the corpus.
	Documents int `json:"documents"`
	// Scored is the number of documents with the extractor's predictions.
	Scored int `json:"scored"`
	// Failed, NotRun and Missing list the other documents by status, in
	// corpus order.
	Failed  []string `json:"failed,omitempty"`
	NotRun  []string `json:"not_run,omitempty"`
	Missing []string `json:"missing,omitempty"`
	// Partial is set for an interrupted run.
	Partial bool `json:"partial,omitempty"`
}

// NewCoverage counts the documents ids by their status in status (a
// document that is not in status is scored).
func NewCoverage(ids []string, status map[string]DocStatus) Coverage {
	cov := Coverage{Documents: len(ids)}
	for _, id := range ids {
		cov.Add(id, status[id])
	}
	return cov
}

// Add counts document id, whose status is s, in the coverage.
func (c *Coverage) Add(id string, s DocStatus) {
	switch s {
	case StatusFailed:
		c.Failed = append(c.Failed, id)
	case StatusNotRun:
		c.NotRun = append(c.NotRun, id)
	case StatusMissing:
		c.Missing = append(c.Missing, id)
	default:
		c.Scored++
	}
}

// Complete reports whether every document was scored.
func (c Coverage) Complete() bool { return c.Scored == c.Documents && !c.Partial }

// Unscored returns the ids of the documents that were not scored, in the
// order failed, not run, missing.
func (c Coverage) Unscored() []string {
	out := append([]string{}, c.Failed...)
	out = append(out, c.NotRun...)
	return append(out, c.Missing...)
}

// UnscoredAs says how scores treat the documents that were not scored.
const UnscoredAs = "empty predictions"

// Summary is the coverage as one line for a table's footer, e.g.
//
//	3 of 37 documents failed; scores cover all 37 documents, the 3 not scored counted as empty predictions (their gold mentions missed)
//
// and "" when every document was scored. The ids are in the JSON and the
// run file, and each failure is reported with its error as it happens.
func (c Coverage) Summary() string {
	if c.Complete() {
		return ""
	}
	var parts []string
	if n := len(c.Failed); n > 0 {
		parts = append(parts, fmt.Sprintf("%d of %d documents failed", n, c.Documents))
	}
	if n := len(c.NotRun); n > 0 {
		parts = append(parts, fmt.Sprintf("%d of %d documents never ran", n, c.Documents))
	}
	if n := len(c.Missing); n > 0 {
		parts = append(parts, fmt.Sprintf("%d of %d documents had no predictions", n, c.Documents))
	}
	line := strings.Join(parts, ", ")
	if c.Partial {
		line = "interrupted run: " + line
	}
	n := c.Documents - c.Scored
	return fmt.Sprintf("%s; scores cover all %d documents, the %d not scored counted as %s (their gold mentions missed)",
		line, c.Documents, n, UnscoredAs)
}
