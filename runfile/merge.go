package runfile

import (
	"fmt"
	"sort"
	"strings"

	"github.com/arabench/arabench/shard"
)

// Part is one shard's run file and the name it was read from.
type Part struct {
	Name string
	Run  *Run
}

// Union checks that parts are the shards of one run and returns the run
// their predictions make together, without metrics: the caller rescores it.
// The parts must all be shard runs of the same format, scoring version,
// extractor, extractor version, signature and shard count; every index
// from 0 to count-1 must come exactly once; every document must be in the
// shard its id hashes to (shard.Of) and in one part only. The error names
// the files, and every index that is missing. The union is partial when a
// part is. Its predictions come in the parts' order; NewRun puts a rescored
// run in corpus order.
func Union(parts []Part) (*Run, error) {
	if len(parts) == 0 {
		return nil, fmt.Errorf("no run files to merge")
	}
	first := parts[0]
	for _, p := range parts {
		if p.Run.Shard == nil {
			return nil, fmt.Errorf("%s: not the run of a shard (no \"shard\" field): merge joins the run files of `arabench eval --shard i/n --save`", p.Name)
		}
	}
	count := first.Run.Shard.Count
	for _, p := range parts[1:] {
		a, b := first.Run, p.Run
		for _, f := range []struct{ what, a, b string }{
			{"format", a.Format, b.Format},
			{"arabench version", a.Arabench, b.Arabench},
			{"extractor", a.Extractor, b.Extractor},
			{"extractor version", a.ExtractorVersion, b.ExtractorVersion},
			{"signature", a.Signature, b.Signature},
			{"shard count", fmt.Sprint(count), fmt.Sprint(b.Shard.Count)},
		} {
			if f.a != f.b {
				return nil, fmt.Errorf("%s and %s are not shards of the same run: %s %q ≠ %q", first.Name, p.Name, f.what, f.a, f.b)
			}
		}
	}
	byIndex := make(map[int]string, count)
	for _, p := range parts {
		i := p.Run.Shard.Index
		if i < 0 || i >= count {
			return nil, fmt.Errorf("%s: shard %d/%d: the index must be from 0 to %d: the file is damaged", p.Name, i, count, count-1)
		}
		if other, dup := byIndex[i]; dup {
			return nil, fmt.Errorf("shard %d/%d given twice: %s and %s", i, count, other, p.Name)
		}
		byIndex[i] = p.Name
	}
	if len(byIndex) < count {
		var missing []string
		for i := 0; i < count; i++ {
			if _, ok := byIndex[i]; !ok {
				missing = append(missing, fmt.Sprintf("%d/%d", i, count))
			}
		}
		return nil, fmt.Errorf("missing %d of %d shards: %s (got %d run files)", len(missing), count, strings.Join(missing, ", "), len(parts))
	}
	sort.SliceStable(parts, func(i, j int) bool { return parts[i].Run.Shard.Index < parts[j].Run.Shard.Index })
	u := &Run{Format: first.Run.Format, Arabench: first.Run.Arabench, Extractor: first.Run.Extractor,
		ExtractorVersion: first.Run.ExtractorVersion, Signature: first.Run.Signature, Predictions: []Doc{}}
	seen := map[string]string{}
	for _, p := range parts {
		sp := *p.Run.Shard
		for _, d := range p.Run.Predictions {
			if other, dup := seen[d.Doc]; dup {
				return nil, fmt.Errorf("doc %q is in %s and in %s", d.Doc, other, p.Name)
			}
			seen[d.Doc] = p.Name
			if !sp.Holds(d.Doc) {
				return nil, fmt.Errorf("%s: doc %q belongs to shard %d/%d, not %s", p.Name, d.Doc, shard.Of(d.Doc, count), count, sp)
			}
			u.Predictions = append(u.Predictions, d)
		}
		u.Partial = u.Partial || p.Run.Partial
	}
	return u, nil
}
