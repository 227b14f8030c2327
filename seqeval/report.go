package seqeval

import (
	"errors"
	"fmt"
	"sort"
)

// Options choose how seqeval finds chunks.
type Options struct {
	// Strict selects seqeval's strict mode (mode='strict') with Scheme;
	// false is seqeval's default mode, which ignores Scheme.
	Strict bool
	// Scheme is the tagging scheme of strict mode.
	Scheme Scheme
}

// Row is one line of a classification report: an entity type or an average.
type Row struct {
	// Name is the entity type, or "micro avg", "macro avg", "weighted avg".
	Name string
	// Precision, Recall and F1 are seqeval's values; the macro average's
	// are NaN when the report has no type.
	Precision, Recall, F1 float64
	// Support is the number of gold chunks (of the type, or of every type).
	Support int
	// Predicted and Correct are the numbers of predicted chunks and of
	// predicted chunks that are also gold chunks (of the type, or of every
	// type). seqeval computes them but does not return them.
	Predicted, Correct int
}

// Report is seqeval's classification_report.
type Report struct {
	// Types has one row per entity type found in the gold or the
	// prediction, sorted by code point as Python sorts strings. It is empty
	// when neither side has a chunk; the macro average is then NaN.
	Types []Row
	// Micro, Macro and Weighted are the three average rows.
	Micro, Macro, Weighted Row
}

// ErrNoSentences is returned for input without a sentence, where seqeval
// raises "TypeError: Found input variables without list of list.".
var ErrNoSentences = errors.New("no sentence to score")

// ClassificationReport scores pred against gold as seqeval's
// classification_report(gold, pred) does, or with mode='strict' and the
// scheme when opt.Strict is set. gold and pred hold one slice of tags per
// sentence and must have the same shape. It returns a *TagError for a tag
// seqeval refuses (the first one seqeval meets: gold before pred, in order),
// ErrNoSentences when there is no sentence, and an error naming the sentence
// when the two sides differ in shape.
func ClassificationReport(gold, pred [][]string, opt Options) (*Report, error) {
	chunks := defaultChunks
	if opt.Strict {
		if opt.Scheme < 0 || int(opt.Scheme) >= len(schemes) {
			return nil, fmt.Errorf("unknown scheme %v", opt.Scheme)
		}
		sc := &schemes[opt.Scheme]
		chunks = func(sents [][]string, side string) (chunkSets, error) {
			return strictChunks(sents, sc, side)
		}
	}
	g, err := chunks(gold, "gold")
	if err != nil {
		return nil, err
	}
	p, err := chunks(pred, "pred")
	if err != nil {
		return nil, err
	}
	if err := sameShape(gold, pred); err != nil {
		return nil, err
	}
	return report(g, p), nil
}

// sameShape is seqeval's check_consistent_length.
func sameShape(gold, pred [][]string) error {
	if len(gold) == 0 && len(pred) == 0 {
		return ErrNoSentences
	}
	if len(gold) != len(pred) {
		return fmt.Errorf("gold has %d sentences, pred %d", len(gold), len(pred))
	}
	for i := range gold {
		if len(gold[i]) != len(pred[i]) {
			return fmt.Errorf("sentence %d: gold has %d tags, pred %d", i+1, len(gold[i]), len(pred[i]))
		}
	}
	return nil
}

// chunkKey identifies a chunk within its type: sentence and token span.
// Default mode numbers tokens across the joined sentences and leaves
// sentence 0.
type chunkKey struct{ sent, start, end int }

// chunkSets are the chunks of one side, by type.
type chunkSets map[string]map[chunkKey]struct{}

func (s chunkSets) add(typ string, k chunkKey) {
	m := s[typ]
	if m == nil {
		m = map[chunkKey]struct{}{}
		s[typ] = m
	}
	m[k] = struct{}{}
}

// strictChunks is seqeval's Entities(sents, scheme).
func strictChunks(sents [][]string, sc *scheme, side string) (chunkSets, error) {
	out := chunkSets{}
	for i, tags := range sents {
		ents, err := strictEntities(tags, sc, i, side)
		if err != nil {
			return nil, err
		}
		for _, e := range ents {
			out.add(e.typ, chunkKey{e.sent, e.start, e.end})
		}
	}
	return out, nil
}

// report turns the chunk sets into seqeval's numbers.
func report(gold, pred chunkSets) *Report {
	names := make([]string, 0, len(gold)+len(pred))
	for t := range gold {
		names = append(names, t)
	}
	for t := range pred {
		if _, ok := gold[t]; !ok {
			names = append(names, t)
		}
	}
	sort.Strings(names)

	r := &Report{Types: make([]Row, len(names))}
	var total Row
	for i, t := range names {
		row := Row{Name: t, Support: len(gold[t]), Predicted: len(pred[t])}
		for k := range pred[t] {
			if _, ok := gold[t][k]; ok {
				row.Correct++
			}
		}
		row.Precision, row.Recall, row.F1 = prf(row.Correct, row.Predicted, row.Support)
		r.Types[i] = row
		total.Support += row.Support
		total.Predicted += row.Predicted
		total.Correct += row.Correct
	}

	r.Micro = total
	r.Micro.Name = "micro avg"
	r.Micro.Precision, r.Micro.Recall, r.Micro.F1 = prf(total.Correct, total.Predicted, total.Support)

	r.Macro = total
	r.Macro.Name = "macro avg"
	r.Macro.Precision, r.Macro.Recall, r.Macro.F1 = r.average(nil)

	r.Weighted = total
	r.Weighted.Name = "weighted avg"
	if total.Support > 0 {
		w := make([]float64, len(r.Types))
		for i, row := range r.Types {
			w[i] = float64(row.Support)
		}
		r.Weighted.Precision, r.Weighted.Recall, r.Weighted.F1 = r.average(w)
	}
	// With no gold chunk scikit-learn returns 0 for the weighted average
	// (its zero_division value) instead of dividing by a zero weight sum;
	// the zero Row values are that.
	return r
}

// prf is scikit-learn's per-label precision, recall and F1 with
// zero_division 0: a ratio with a zero denominator is 0, and F1 is
// (1+β²)·p·r / (β²·p + r) with β = 1, its denominator 0 read as 1.
func prf(correct, predicted, gold int) (p, r, f float64) {
	if predicted > 0 {
		p = float64(correct) / float64(predicted)
	}
	if gold > 0 {
		r = float64(correct) / float64(gold)
	}
	den := p + r
	if den == 0 {
		den = 1
	}
	// The explicit conversion rounds the product, so that no platform
	// fuses it with a later operation.
	return p, r, float64(2*p*r) / den
}

// average is numpy's np.average of each per-type column: the plain mean
// when weights is nil (NaN over no type), otherwise Σ v·w / Σ w.
func (r *Report) average(weights []float64) (p, rec, f float64) {
	col := func(get func(Row) float64) float64 {
		v := make([]float64, len(r.Types))
		for i, row := range r.Types {
			v[i] = get(row)
		}
		if weights == nil {
			return pairwiseSum(v) / float64(len(v))
		}
		for i := range v {
			v[i] = float64(v[i] * weights[i])
		}
		return pairwiseSum(v) / pairwiseSum(weights)
	}
	return col(func(x Row) float64 { return x.Precision }),
		col(func(x Row) float64 { return x.Recall }),
		col(func(x Row) float64 { return x.F1 })
}

// pairwiseSum adds v as numpy's add.reduce adds a contiguous float64 array
// (pairwise_sum in numpy/core/src/umath/loops_utils.h.src), starting from
// the identity 0: left to right below 8 values, eight interleaved partial sums
// up to 128, halves split on a multiple of 8 above. The order matters for the
// last bit of a mean. (np.average of the weights sums a buffered cast, in
// blocks of 8192 values; no report has that many types.)
func pairwiseSum(v []float64) float64 {
	return 0 + pairwise(v)
}

func pairwise(v []float64) float64 {
	n := len(v)
	switch {
	case n < 8:
		res := 0.0
		for _, x := range v {
			res += x
		}
		return res
	case n <= 128:
		var r [8]float64
		copy(r[:], v[:8])
		i := 8
		for ; i < n-n%8; i += 8 {
			for j := range r {
				r[j] += v[i+j]
			}
		}
		res := ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
		for ; i < n; i++ {
			res += v[i]
		}
		return res
	}
	n2 := n / 2
	n2 -= n2 % 8
	return pairwise(v[:n2]) + pairwise(v[n2:])
}
