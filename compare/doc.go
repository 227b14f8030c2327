// Package compare compares two systems scored on the same gold: the
// difference of every score with its paired-bootstrap p-value (the headline
// tested on its own, the other rows Holm-adjusted together) and the mentions
// that changed between them, grouped by kind of change. docs/compare.md
// explains the test and measures how often it raises a false alarm.
package compare
