package gold

import (
	"embed"
	"fmt"
	"io/fs"

	"github.com/arabench/arabench/corpus"
)

//go:embed *.ann entities.tsv annotation.conf tools.conf
var seedFS embed.FS

// SeedFS returns the gold of the seed corpus built into the binary: the five
// .ann files, entities.tsv and brat's configuration.
func SeedFS() fs.FS { return seedFS }

// Seed loads the embedded gold against the embedded seed corpus. The gold is
// validated by tests, so a problem here is a build defect and is returned as
// an error naming the first problem.
func Seed() (*Gold, error) {
	g, problems := Load(seedFS, corpus.Seed())
	if len(problems) > 0 {
		return nil, fmt.Errorf("gold: embedded gold: %v (and %d more problems)", problems[0], len(problems)-1)
	}
	return g, nil
}
