package metrics

import (
	"math/big"
	"slices"
	"strings"
	"unicode"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/signature"
)

// Doc is one unit of scoring: a document (or a sentence of one) with its text,
// its gold mentions and the mentions an extractor predicted. Spans are byte
// offsets into Text. The text is needed by the clitic and bag schemes; with an
// empty text clitic scores like strict.
type Doc struct {
	ID   string
	Text string
	Gold []corpus.Mention
	Pred []corpus.Mention
	// Unplaced holds predictions that have a type and a text but no place in
	// the document: strings a model returned that occur nowhere in the text
	// (or more often than the text has them; see package anchor). Every
	// span-based scheme counts them SPU; the bag scheme compares their text.
	Unplaced []corpus.Mention
	// Fold maps a mention's text to the key the bag scheme compares (a
	// normalizer's String method); nil compares texts as they are. Texts are
	// trimmed of surrounding space first.
	Fold func(string) string
}

// Options controls Evaluate.
type Options struct {
	// Signature is copied into the report and printed under every rendering
	// of it (with the rendered scheme filled in).
	Signature signature.Signature
}

// DocScore is everything one unit contributes to a report. Its tallies add up
// across units (see Summarize), so a bootstrap can resample DocScores and
// re-summarize without matching again.
type DocScore struct {
	ID string
	// Pairs is the document's alignment (see Align), shared by all schemes.
	Pairs []Pair
	// Totals holds, per scheme, the tally of the whole unit: Pairs classified
	// under the scheme.
	Totals map[Scheme]Tally
	// Tallies holds, per scheme, the per-type tallies of this unit. Each
	// type's tally comes from its own alignment of the gold and predicted
	// mentions of that type alone, as nervaluate scores its per-type rows, so
	// the rows need not add up to Totals: a same-span prediction of the wrong
	// type is INC in Totals under strict, MIS in the gold type's row and SPU in
	// the predicted type's row.
	Tallies map[Scheme]TypeTallies
	// Links is the entity linking tally of this unit.
	Links LinkTally
	// Values is the NUM value tally of this unit.
	Values ValueTally
	// Types lists the types of the unit's gold and predicted mentions.
	Types []string
}

// LinkTally counts entity ids per document: the gold set is the ids of the
// document's gold mentions, the predicted set the ids carried by its
// predictions. TP = |gold ∩ pred|, FP = |pred \ gold|, FN = |gold \ pred|.
// Linked counts predictions that carry an id at all.
type LinkTally struct {
	TP     int `json:"tp"`
	FP     int `json:"fp"`
	FN     int `json:"fn"`
	Linked int `json:"linked"`
}

// Add adds o's counts to t.
func (t *LinkTally) Add(o LinkTally) {
	t.TP += o.TP
	t.FP += o.FP
	t.FN += o.FN
	t.Linked += o.Linked
}

// Score is the micro P/R/F1 of the tally: P = TP/(TP+FP), R = TP/(TP+FN);
// the support is the number of gold ids, TP+FN.
func (t LinkTally) Score() Score {
	tp := float64(t.TP)
	return newScore(ratio(tp, t.TP+t.FP), ratio(tp, t.TP+t.FN), t.TP+t.FN)
}

// ValueTally counts NUM values. Matched is the number of strictly matched NUM
// pairs whose prediction carries a value, Correct those whose value equals the
// gold value as a number, Carried the number of NUM predictions carrying a
// value, matched or not.
type ValueTally struct {
	Matched int `json:"matched"`
	Correct int `json:"correct"`
	Carried int `json:"carried"`
}

// Add adds o's counts to t.
func (t *ValueTally) Add(o ValueTally) {
	t.Matched += o.Matched
	t.Correct += o.Correct
	t.Carried += o.Carried
}

// Accuracy is Correct/Matched, or 0 when nothing matched.
func (t ValueTally) Accuracy() float64 { return ratio(float64(t.Correct), t.Matched) }

// ScoreDoc aligns and tallies one unit under every scheme, overall and per
// type. Edge invisible characters are left out of every span first (see
// TrimInvisible); Pairs index d.Gold and d.Pred as given.
func ScoreDoc(d Doc) DocScore {
	d.Gold, d.Pred = TrimInvisible(d.Text, d.Gold), TrimInvisible(d.Text, d.Pred)
	ds := DocScore{
		ID:      d.ID,
		Pairs:   Align(d.Gold, d.Pred),
		Totals:  make(map[Scheme]Tally, len(Schemes)),
		Tallies: make(map[Scheme]TypeTallies, len(Schemes)),
	}
	seen := map[string]bool{}
	for _, ms := range [][]corpus.Mention{d.Gold, d.Pred, d.Unplaced} {
		for _, m := range ms {
			if !seen[m.Type] {
				seen[m.Type] = true
				ds.Types = append(ds.Types, m.Type)
			}
		}
	}
	SortTypes(ds.Types)
	for _, s := range Schemes {
		ds.Tallies[s] = TypeTallies{}
		if s == SchemeBag {
			ds.Totals[s] = bagTally(d, d.Gold, d.Pred, d.Unplaced)
			continue
		}
		t := tallyPairs(s, d.Text, d.Gold, d.Pred, ds.Pairs)
		t.SPU += len(d.Unplaced)
		ds.Totals[s] = t
	}
	for _, typ := range ds.Types {
		gold, pred, unplaced := ofType(d.Gold, typ), ofType(d.Pred, typ), ofType(d.Unplaced, typ)
		pairs := Align(gold, pred)
		for _, s := range Schemes {
			if s == SchemeBag {
				ds.Tallies[s][typ] = bagTally(d, gold, pred, unplaced)
				continue
			}
			t := tallyPairs(s, d.Text, gold, pred, pairs)
			t.SPU += len(unplaced)
			ds.Tallies[s][typ] = t
		}
	}
	ds.Links = linkTally(d)
	ds.Values = valueTally(d, ds.Pairs)
	return ds
}

// bagTally is the bag scheme's tally of gold against the predictions placed
// and unplaced: the multisets of (type, folded text) are compared, COR is the
// size of their intersection (the smaller count of each key), MIS the gold
// left over and SPU the predictions left over. INC and PAR stay 0, so P =
// COR/ACT and R = COR/POS.
func bagTally(d Doc, gold []corpus.Mention, preds ...[]corpus.Mention) Tally {
	key := func(m corpus.Mention) [2]string {
		text := m.Text
		if text == "" && m.Start >= 0 && m.Start <= m.End && m.End <= len(d.Text) {
			text = d.Text[m.Start:m.End]
		}
		text = strings.TrimFunc(text, func(r rune) bool { return unicode.IsSpace(r) || IsEdgeInvisible(r) })
		if d.Fold != nil {
			text = d.Fold(text)
		}
		return [2]string{m.Type, text}
	}
	want := map[[2]string]int{}
	for _, m := range gold {
		want[key(m)]++
	}
	var t Tally
	for _, ps := range preds {
		for _, m := range ps {
			k := key(m)
			if want[k] > 0 {
				want[k]--
				t.COR++
			} else {
				t.SPU++
			}
		}
	}
	t.MIS = len(gold) - t.COR
	return t
}

// ofType returns the mentions of ms whose type is typ, in input order.
func ofType(ms []corpus.Mention, typ string) []corpus.Mention {
	var out []corpus.Mention
	for _, m := range ms {
		if m.Type == typ {
			out = append(out, m)
		}
	}
	return out
}

// tallyPairs classifies every pair of an alignment of gold and pred under
// scheme s.
func tallyPairs(s Scheme, text string, gold, pred []corpus.Mention, pairs []Pair) Tally {
	var t Tally
	for _, pr := range pairs {
		switch {
		case pr.Gold < 0:
			t.SPU++
		case pr.Pred < 0:
			t.MIS++
		default:
			switch Classify(s, text, gold[pr.Gold], pred[pr.Pred]) {
			case COR:
				t.COR++
			case PAR:
				t.PAR++
			default:
				t.INC++
			}
		}
	}
	return t
}

func linkTally(d Doc) LinkTally {
	gold, pred := map[string]bool{}, map[string]bool{}
	for _, m := range d.Gold {
		if id := strings.TrimSpace(m.Entity); id != "" {
			gold[id] = true
		}
	}
	var t LinkTally
	for _, m := range d.Pred {
		if id := strings.TrimSpace(m.Entity); id != "" {
			pred[id] = true
			t.Linked++
		}
	}
	for id := range pred {
		if gold[id] {
			t.TP++
		} else {
			t.FP++
		}
	}
	t.FN = len(gold) - t.TP
	return t
}

func valueTally(d Doc, pairs []Pair) ValueTally {
	var t ValueTally
	for _, p := range d.Pred {
		if p.Type == corpus.NUM && p.Value != "" {
			t.Carried++
		}
	}
	for _, pr := range pairs {
		if pr.Gold < 0 || pr.Pred < 0 {
			continue
		}
		g, p := d.Gold[pr.Gold], d.Pred[pr.Pred]
		if g.Type != corpus.NUM || p.Value == "" || Classify(SchemeStrict, d.Text, g, p) != COR {
			continue
		}
		t.Matched++
		if SameValue(g.Value, p.Value) {
			t.Correct++
		}
	}
	return t
}

// SameValue reports whether two NUM values are the same number. Each is
// trimmed of surrounding space and must be a decimal in ASCII digits: an
// optional sign, digits, and an optional fraction after a dot ("100000",
// "2.5", "-3"). They are compared exactly, so "2.50" equals "2.5". A value
// that is not such a number equals nothing.
func SameValue(gold, pred string) bool {
	a, ok := parseValue(gold)
	if !ok {
		return false
	}
	b, ok := parseValue(pred)
	if !ok {
		return false
	}
	return a.Cmp(b) == 0
}

func parseValue(s string) (*big.Rat, bool) {
	s = strings.TrimSpace(s)
	body := strings.TrimLeft(s, "+-")
	if len(s)-len(body) > 1 {
		return nil, false
	}
	digits, dot := 0, false
	for i := 0; i < len(body); i++ {
		switch c := body[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		default:
			return nil, false
		}
	}
	if digits == 0 {
		return nil, false
	}
	r, ok := new(big.Rat).SetString(strings.TrimPrefix(s, "+"))
	return r, ok
}

// Report is the result of scoring a set of units.
type Report struct {
	// Signature pins how the scores were computed; renderers print it.
	Signature signature.Signature
	// Types is every type seen in the gold or the predictions, sorted with
	// SortTypes. Per-type rows and macro averages range over it.
	Types []string
	// Schemes holds the scores under every scheme.
	Schemes map[Scheme]*SchemeReport
	// Linking is nil when no prediction carries an entity id.
	Linking *LinkReport
	// Values is nil when no NUM prediction carries a value.
	Values *ValueReport
	// Docs keeps each unit's tallies, in input order; nil when the report
	// was summed without them (Sum).
	Docs []DocScore
}

// SchemeReport holds one scheme's scores.
type SchemeReport struct {
	Scheme Scheme
	// Types has one row per type of Report.Types, in that order.
	Types []TypeRow
	// Total is the tally over all types and units.
	Total Tally
	// Micro is the score of Total.
	Micro Score
	// Macro is the unweighted mean of the per-type precision, recall and F1
	// over Report.Types; its support is the number of gold mentions.
	Macro Score
	// Weighted is the mean of the per-type precision, recall and F1 weighted
	// by each type's support (seqeval's and scikit-learn's "weighted avg"):
	// types seen only in the predictions weigh nothing. It is 0 when the
	// gold has no mention.
	Weighted Score
}

// TypeRow is one type's tally and score under a scheme.
type TypeRow struct {
	Type  string
	Tally Tally
	Score Score
}

// LinkReport is the entity linking score.
type LinkReport struct {
	Tally LinkTally
	Score Score
}

// ValueReport is the NUM value accuracy.
type ValueReport struct {
	Tally    ValueTally
	Accuracy float64
}

// Evaluate scores every unit under every scheme, with entity linking and NUM
// values, and sums the result. Units are scored independently; see ScoreDoc
// and Summarize.
func Evaluate(docs []Doc, opts Options) *Report {
	scores := make([]DocScore, len(docs))
	for i, d := range docs {
		scores[i] = ScoreDoc(d)
	}
	return Summarize(scores, opts)
}

// Summarize sums unit scores into a report. The report keeps scores as its
// Docs; the caller must not change them afterwards.
func Summarize(scores []DocScore, opts Options) *Report {
	sum := NewSum()
	for _, ds := range scores {
		sum.Add(ds)
	}
	r := sum.Report(opts)
	r.Docs = scores
	return r
}

// Sum adds up unit scores as they come, for a report over units too many
// to keep: Report after Add of every unit is Summarize of them all, without
// Report.Docs.
type Sum struct {
	seen   map[string]bool
	types  []string
	links  LinkTally
	values ValueTally
	sums   map[Scheme]TypeTallies
	totals map[Scheme]Tally
}

// NewSum returns an empty Sum.
func NewSum() *Sum {
	s := &Sum{seen: map[string]bool{}, sums: make(map[Scheme]TypeTallies, len(Schemes)), totals: make(map[Scheme]Tally, len(Schemes))}
	for _, sc := range Schemes {
		s.sums[sc] = TypeTallies{}
	}
	return s
}

// Add adds the tallies and types of one unit.
func (s *Sum) Add(ds DocScore) {
	for _, t := range ds.Types {
		if !s.seen[t] {
			s.seen[t] = true
			s.types = append(s.types, t)
		}
	}
	for _, sc := range Schemes {
		s.sums[sc].Add(ds.Tallies[sc])
		t := s.totals[sc]
		t.Add(ds.Totals[sc])
		s.totals[sc] = t
	}
	s.links.Add(ds.Links)
	s.values.Add(ds.Values)
}

// Report returns the report of the units added so far, without Docs.
func (s *Sum) Report(opts Options) *Report {
	r := &Report{Signature: opts.Signature, Schemes: make(map[Scheme]*SchemeReport, len(Schemes))}
	r.Types = slices.Clone(s.types)
	SortTypes(r.Types)
	for _, sc := range Schemes {
		r.Schemes[sc] = summarizeScheme(sc, r.Types, s.totals[sc], s.sums[sc])
	}
	if s.links.Linked > 0 {
		r.Linking = &LinkReport{Tally: s.links, Score: s.links.Score()}
	}
	if s.values.Carried > 0 {
		r.Values = &ValueReport{Tally: s.values, Accuracy: s.values.Accuracy()}
	}
	return r
}

func summarizeScheme(s Scheme, types []string, total Tally, rows TypeTallies) *SchemeReport {
	sr := &SchemeReport{Scheme: s, Total: total}
	sr.Micro = sr.Total.Score()
	var p, r, f float64
	var wp, wr, wf float64
	support := 0
	for _, t := range types {
		row := TypeRow{Type: t, Tally: rows[t]}
		row.Score = row.Tally.Score()
		sr.Types = append(sr.Types, row)
		p += row.Score.Precision
		r += row.Score.Recall
		f += row.Score.F1
		w := float64(row.Score.Support)
		wp += row.Score.Precision * w
		wr += row.Score.Recall * w
		wf += row.Score.F1 * w
		support += row.Score.Support
	}
	if n := float64(len(types)); n > 0 {
		sr.Macro = Score{Precision: p / n, Recall: r / n, F1: f / n}
	}
	if support > 0 {
		sr.Weighted = Score{Precision: wp / float64(support), Recall: wr / float64(support), F1: wf / float64(support)}
	}
	sr.Macro.Support = sr.Total.POS()
	sr.Weighted.Support = sr.Total.POS()
	return sr
}
