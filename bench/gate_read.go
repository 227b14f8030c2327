package bench

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"

	"golang.org/x/perf/benchfmt"
)

// A ResultFile is everything the gate reads from one file of Go benchmark
// output: the results, the unit metadata and the lines it could not parse.
// It owns its Results (they are clones, not benchfmt's reused buffers).
type ResultFile struct {
	// Name is the file name used in messages.
	Name string
	// Results are the benchmark results in file order, with the file's
	// configuration lines (goos, pkg, cpu, ...) in each Result's Config.
	Results []*benchfmt.Result
	// Units is the unit metadata from "Unit" lines, keyed by unit in base
	// units as the Results' values are.
	Units benchfmt.UnitMetadataMap
	// SyntaxErrors are the malformed lines, each printed as
	// "file:line: msg". Reading goes on past them.
	SyntaxErrors []*benchfmt.SyntaxError
}

// ErrNoResults is returned (wrapped) when a file holds no benchmark result.
var ErrNoResults = errors.New("no benchmark results")

// ReadResults reads Go benchmark output (the format of `go test -bench`,
// any number of runs per benchmark, configuration and Unit lines, other
// lines ignored) from r. fileName names r in messages. Values are in base
// units: benchunit's tidying (ns/op is sec/op, MB/s is B/s) and the other
// prefixes of time and bytes scaled the same way (ms/op is sec/op, times
// 1e-3). Malformed benchmark lines, and lines with a NaN, an infinite value
// or a negative duration, are collected in SyntaxErrors and skipped; the
// error is non-nil only for an I/O error (including a line longer than
// benchfmt's limit) or when no result at all was read (ErrNoResults).
func ReadResults(r io.Reader, fileName string) (*ResultFile, error) {
	rd := benchfmt.NewReader(r, fileName)
	f := &ResultFile{Name: fileName}
	for rd.Scan() {
		switch rec := rd.Result().(type) {
		case *benchfmt.Result:
			// A NaN or infinite measurement has no rank: the statistics
			// below cannot order it (Mann-Whitney loops on NaN), so the
			// line is refused like any other malformed line; so is a
			// negative duration, which no clock measures. Scaling to base
			// units comes first: it can overflow to infinity.
			res := rec.Clone()
			bad := normalizeResult(res)
			if bad == "" {
				bad = nonFinite(res)
			}
			if bad != "" {
				name, line := res.Pos()
				f.SyntaxErrors = append(f.SyntaxErrors, &benchfmt.SyntaxError{FileName: name, Line: line, Msg: bad})
				continue
			}
			f.Results = append(f.Results, res)
		case *benchfmt.SyntaxError:
			f.SyntaxErrors = append(f.SyntaxErrors, rec)
		}
	}
	f.Units = normalizeUnitMetadata(rd.Units())
	if err := rd.Err(); err != nil {
		return f, err
	}
	if len(f.Results) == 0 {
		return f, fmt.Errorf("%s: %w: expected lines like \"BenchmarkName  100  1234 ns/op\" (output of go test -bench)", fileName, ErrNoResults)
	}
	return f, nil
}

// ReadResultsFile reads the benchmark output in the file at path; see
// ReadResults.
func ReadResultsFile(path string) (*ResultFile, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	return ReadResults(fh, path)
}

// nonFinite describes the first NaN or infinite value of a result, or
// returns "".
func nonFinite(r *benchfmt.Result) string {
	for _, v := range r.Values {
		if math.IsNaN(v.Value) || math.IsInf(v.Value, 0) {
			return fmt.Sprintf("%s: value %v is not a finite number", v.Unit, v.Value)
		}
	}
	return ""
}
