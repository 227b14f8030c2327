package gold

import (
	"github.com/arabench/arabench/brat"
	"github.com/arabench/arabench/corpus"
)

// compact drops the parsed .ann files, keeping the resolved mentions, the
// catalogue and the hash: what scoring needs, and the gold LoadDirCompact
// returns. After it, File returns nil and Validate finds nothing to check.
func (g *Gold) compact() { g.files = map[string]*brat.File{} }

// Shared returns the gold mentions of the document with the given id, as
// Mentions does, but without copying them: the slice is the gold's own and
// must not be modified. Scoring reads mentions and never writes them, and a
// large corpus's gold is then held once.
func (g *Gold) Shared(docID string) []corpus.Mention { return g.mentions[docID] }
