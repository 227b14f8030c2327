package main

// The built-in extractors register themselves with package extract.
import (
	_ "github.com/arabench/arabench/extract/gazetteer"
	_ "github.com/arabench/arabench/extract/rules"
)
