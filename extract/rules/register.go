package rules

import "github.com/arabench/arabench/extract"

func init() {
	extract.Register(Name, func() (extract.Extractor, error) { return New(), nil })
}

// The rules extractor is an extract.Extractor and reports its version.
var (
	_ extract.Extractor = (*Extractor)(nil)
	_ extract.Versioner = (*Extractor)(nil)
)
