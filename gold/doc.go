// Package gold reads and validates the gold annotations of the seed corpus:
// brat standoff files (one <doc>.ann per document, read with package brat)
// and the entity catalogue entities.tsv that their links point into. It
// also reads a gold given as one file, CoNLL tokens (package conll) or JSONL
// spans (package spans), into the same Gold.
//
// The layers follow the annotation guidelines (gold/GUIDELINES.md): a
// mention (a T line), its link into the catalogue (an N line) and a NUM
// mention's value (a # Value note); see package brat for their syntax.
//
// Reading and validating are separate on purpose. brat.Parse checks syntax
// only and brat.File.Mentions resolves spans leniently (a missing or doubled
// link is not its business), so the same two calls read brat folders of
// predictions (brat.ReadPredictionDir, what `arabench score --pred DIR`
// uses). Load ties a folder of .ann files and the catalogue to a corpus;
// Check adds every rule of the guidelines that a machine can check and
// counts the mentions per document and type for `arabench gold check`.
package gold
