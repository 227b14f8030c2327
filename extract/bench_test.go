package extract

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/corpus"
)

// BenchmarkCommandJobs runs a slow external extractor (100 ms a document)
// over 16 documents as 1 and as 4 processes: docs/s is the throughput, and
// every run must give the same predictions whatever the number of processes.
func BenchmarkCommandJobs(b *testing.B) {
	docs := make([]corpus.Document, 16)
	for i := range docs {
		docs[i] = corpus.Document{ID: fmt.Sprintf("d%02d", i), Text: fmt.Sprintf("SLEEP %d", i)}
	}
	var want map[string][]Mention
	for _, jobs := range []int{1, 4} {
		b.Run(fmt.Sprintf("jobs=%d/docs=%d/sleep=100ms", jobs, len(docs)), func(b *testing.B) {
			c := newHelper(b, "tag", CommandOptions{Jobs: jobs, Timeout: 10 * time.Second, StartupTimeout: time.Minute})
			for b.Loop() {
				res := Run(context.Background(), c, docs)
				require.Empty(b, res.Errors)
				got := res.Predictions()
				if want == nil {
					want = got
				}
				require.Equal(b, want, got, "the same predictions with %d processes", jobs)
			}
			b.ReportMetric(float64(b.N*len(docs))/b.Elapsed().Seconds(), "docs/s")
		})
	}
}
