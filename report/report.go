package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/arabench/arabench/bootstrap"
	"github.com/arabench/arabench/compare"
	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/erroranalysis"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/runfile"
	"github.com/arabench/arabench/signature"
)

// Gold gives a document's gold mentions, byte offsets into its text;
// *gold.Gold is one.
type Gold interface {
	Mentions(doc string) []corpus.Mention
}

// System is one run a report shows.
type System struct {
	// Name and Version are the extractor's.
	Name, Version string
	// Source names where the run came from, such as its file; shown in the
	// header.
	Source string
	// Signature is the run's signature line, as its file has it.
	Signature string
	// Pred holds the run's predictions by document id, byte offsets into
	// the documents' texts (runfile.Run.Mentions converts a run file's).
	Pred map[string][]corpus.Mention
	// Status holds the documents that were not scored, by id (see
	// StatusesOf); nil when every document was.
	Status map[string]Status
}

// Options controls Build.
type Options struct {
	// Scheme judges every mention; "" is strict. The bag scheme places no
	// mention and is refused.
	Scheme metrics.Scheme
	// Signature pins the data the runs are scored on (gold, corpus,
	// normalization, average); Build fills in the scheme, and with two runs
	// the bootstrap.
	Signature signature.Signature
	// Bootstrap sets the paired bootstrap of a comparison.
	Bootstrap bootstrap.Bootstrap
	// MaxGroups is how many of the most frequent errors the page lists;
	// 0 is DefaultMaxGroups.
	MaxGroups int
}

// DefaultMaxGroups is how many groups of errors a page lists by default.
const DefaultMaxGroups = 40

// maxLinks is how many occurrences of an error group the page links.
const maxLinks = 12

// Report is a built page: the numbers and the marked-up documents, ready to
// be written.
type Report struct {
	page page
	// Counts holds the number of marks of each category the page shows: the
	// categories of every place of the scored documents under the scheme.
	Counts erroranalysis.CategoryCounts
	// Tally is the scheme's MUC tally over the scored documents.
	Tally metrics.Tally
	// Docs is the number of documents shown, Scored the number scored.
	Docs, Scored int
}

// Write writes the page as one self-contained HTML file.
func (r *Report) Write(w io.Writer) error {
	return pageTemplate.Execute(w, &r.page)
}

// Build scores the documents of c with the predictions of one system, or of
// two to compare (old, then new: the page shows the new one's marks and what
// changed since the old), and lays out the page. A document that a run did
// not score (see System.Status) is shown without marks and left out of every
// number; with two runs, so is a document either run did not score.
func Build(c *corpus.Corpus, g Gold, systems []System, opts Options) (*Report, error) {
	if len(systems) < 1 || len(systems) > 2 {
		return nil, fmt.Errorf("report: %d runs given; a report shows one run or compares two", len(systems))
	}
	s := opts.Scheme
	if s == "" {
		s = metrics.SchemeStrict
	}
	if s == metrics.SchemeBag {
		return nil, fmt.Errorf("report: the bag scheme places no mention in the text; choose strict, exact, type, partial or clitic")
	}
	if _, err := metrics.ParseScheme(string(s)); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	maxGroups := opts.MaxGroups
	if maxGroups <= 0 {
		maxGroups = DefaultMaxGroups
	}
	shown := systems[len(systems)-1]
	b := &builder{scheme: s, corpus: c, shown: shown, linked: map[string]bool{}}
	if len(systems) == 2 {
		b.old = &systems[0]
	}
	if err := b.score(g); err != nil {
		return nil, err
	}
	sig := opts.Signature
	sig.Scheme = string(s)
	r := &Report{Docs: len(c.Documents), Scored: len(b.docs)}
	p := &r.page
	p.CSS, p.JS = styleCSS, filterJS
	p.Scheme = string(s)
	p.Docs, p.Scored = len(c.Documents), len(b.docs)
	p.Corpus = c.Name
	for _, sys := range systems {
		p.Systems = append(p.Systems, systemView{Name: sys.Name, Version: sys.Version, Source: sys.Source, Signature: sys.Signature})
	}
	if b.old != nil {
		p.Title = b.old.Name + " → " + shown.Name
		if err := b.compare(p, sig, opts.Bootstrap); err != nil {
			return nil, err
		}
		sig.Boot = opts.Bootstrap.Spec()
	} else {
		p.Title = shown.Name
	}
	p.Signature = sig.String()
	if n := len(c.Documents) - len(b.docs); n > 0 {
		what := "this run did not score"
		if b.old != nil {
			what = "one of the runs did not score"
		}
		p.Notes = append(p.Notes, fmt.Sprintf("%d of %d documents %s (failed or never ran): they are shown without marks and left out of every number.",
			n, len(c.Documents), what))
	}

	report := metrics.Summarize(b.scores, metrics.Options{Signature: sig})
	sr := report.Schemes[s]
	r.Tally = sr.Total
	for _, js := range b.judged {
		r.Counts.Add(erroranalysis.CountCategories(js))
	}
	p.ScoreRows = scoreRows(sr)
	p.Types = b.types()
	p.Categories = categoryViews(r.Counts)
	for _, c := range erroranalysis.Categories {
		p.Marks += r.Counts[c]
	}
	t := sr.Total
	p.MUC = []countView{{"COR", t.COR}, {"INC", t.INC}, {"PAR", t.PAR}, {"MIS", t.MIS}, {"SPU", t.SPU}, {"POS", t.POS()}, {"ACT", t.ACT()}}
	p.Confusion = newConfusionView(metrics.NewConfusion(b.docs, b.pairs()))
	p.Groups, p.GroupsMore = b.groupViews(maxGroups)
	p.DocRows = b.docRows(report)
	p.Documents = b.documents()
	return r, nil
}

// builder holds what Build computes along the way.
type builder struct {
	scheme metrics.Scheme
	corpus *corpus.Corpus
	shown  System
	old    *System

	// For every document of the corpus, its index among the scored ones or
	// -1, and its status.
	scoredAt []int
	status   []Status
	// The scored documents, their offset indexes, scores and judgments.
	docs   []metrics.Doc
	index  []*corpus.Index
	oldPre [][]corpus.Mention
	scores []metrics.DocScore
	judged [][]erroranalysis.Judgment
	// changes[i] are the changes of scored document i in a comparison.
	changes  [][]compare.Change
	changeOf []map[int]string // per scored document: judgment index → change kind
	oldF1    []float64
	// linked holds the ids of the marks something links to; only those
	// marks carry an id.
	linked map[string]bool
}

// score validates, scores and judges every document.
func (b *builder) score(g Gold) error {
	n := len(b.corpus.Documents)
	b.scoredAt = make([]int, n)
	b.status = make([]Status, n)
	for i, d := range b.corpus.Documents {
		b.scoredAt[i] = -1
		st := b.shown.Status[d.ID]
		if b.old != nil && st.Scored() {
			if o := b.old.Status[d.ID]; !o.Scored() {
				st = o
				st.State = "not scored by " + b.old.Name + ": " + o.State
			}
		}
		b.status[i] = st
		if !st.Scored() {
			continue
		}
		doc := metrics.Doc{ID: d.ID, Text: d.Text, Gold: g.Mentions(d.ID), Pred: b.shown.Pred[d.ID]}
		ix := corpus.NewIndex(d.Text)
		if err := checkSpans(d.ID, ix, "gold", doc.Gold); err != nil {
			return err
		}
		if err := checkSpans(d.ID, ix, b.shown.Name, doc.Pred); err != nil {
			return err
		}
		if b.old != nil {
			if err := checkSpans(d.ID, ix, b.old.Name, b.old.Pred[d.ID]); err != nil {
				return err
			}
			b.oldPre = append(b.oldPre, b.old.Pred[d.ID])
		}
		ds := metrics.ScoreDoc(doc)
		b.scoredAt[i] = len(b.docs)
		b.docs = append(b.docs, doc)
		b.index = append(b.index, ix)
		b.scores = append(b.scores, ds)
		b.judged = append(b.judged, erroranalysis.Judge(b.scheme, doc, ds.Pairs))
	}
	return nil
}

// checkSpans refuses a mention outside the document or not on character
// boundaries, so that the page never cuts a character.
func checkSpans(doc string, ix *corpus.Index, who string, ms []corpus.Mention) error {
	for k, m := range ms {
		if _, _, err := ix.CodePointSpan(m.Start, m.End); err != nil {
			return fmt.Errorf("report: doc %q: %s mention %d (%s): %w", doc, who, k+1, m, err)
		}
	}
	return nil
}

func (b *builder) pairs() [][]metrics.Pair {
	out := make([][]metrics.Pair, len(b.scores))
	for i, ds := range b.scores {
		out[i] = ds.Pairs
	}
	return out
}

// types lists every type of the scored documents' gold and shown predictions.
func (b *builder) types() []string {
	seen := map[string]bool{}
	var out []string
	for _, d := range b.docs {
		for _, ms := range [][]corpus.Mention{d.Gold, d.Pred} {
			for _, m := range ms {
				if !seen[m.Type] {
					seen[m.Type] = true
					out = append(out, m.Type)
				}
			}
		}
	}
	metrics.SortTypes(out)
	return out
}

// compare runs the comparison of the old and the shown run on the scored
// documents: the per-type deltas with their paired-bootstrap p-values, and
// the mentions that changed.
func (b *builder) compare(p *page, sig signature.Signature, boot bootstrap.Bootstrap) error {
	pairs := make([]compare.DocPair, len(b.docs))
	for i, d := range b.docs {
		pairs[i] = compare.DocPair{ID: d.ID, Text: d.Text, Gold: d.Gold, Old: b.oldPre[i], New: d.Pred}
	}
	cmp, err := compare.Compare(pairs, compare.Options{
		Old:        compare.System{Name: b.old.Name, Version: b.old.Version, Signature: b.old.Signature},
		New:        compare.System{Name: b.shown.Name, Version: b.shown.Version, Signature: b.shown.Signature},
		Signature:  sig,
		Schemes:    []metrics.Scheme{b.scheme},
		Bootstrap:  boot,
		DiffScheme: b.scheme,
	})
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	p.Compare = true
	rows, err := cmp.Rows(b.scheme)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	for _, r := range rows {
		p.Deltas = append(p.Deltas, deltaRow{Label: r.Label, Support: r.Support, Old: r.Old, New: r.New, Delta: r.F1, PAdjusted: r.PAdjusted, Verdict: r.Verdict()})
	}
	p.Boot = fmt.Sprintf("paired bootstrap over %d sentence units, %d resamples, seed %d", cmp.Test.Units, cmp.Test.Resamples, cmp.Test.Seed)
	counts := cmp.Counts()
	for _, k := range compare.ChangeKinds {
		p.Changes = append(p.Changes, changeCount{Key: changeKey(k), Name: k.String(), N: counts[k]})
	}
	index := map[string]int{}
	for i, d := range b.docs {
		index[d.ID] = i
	}
	b.changes = make([][]compare.Change, len(b.docs))
	for _, ch := range cmp.Changes {
		i := index[ch.Doc]
		b.changes[i] = append(b.changes[i], ch)
	}
	b.changeOf = make([]map[int]string, len(b.docs))
	for i := range b.docs {
		b.changeOf[i] = b.placeChanges(i)
	}
	b.oldF1 = make([]float64, len(b.docs))
	for i, ds := range cmp.OldReport.Docs {
		b.oldF1[i] = ds.Totals[b.scheme].Score().F1
	}
	return nil
}

// placeChanges finds, for every change of scored document i, the judgment
// of the shown run at its place: the one of its gold mention, or for a place
// without gold the one of the new prediction. A change whose place has no
// mark (a prediction the new run dropped) is listed under the document only.
func (b *builder) placeChanges(i int) map[int]string {
	d, js, ix := b.docs[i], b.judged[i], b.index[i]
	same := func(m corpus.Mention, rm *runfile.Mention) bool {
		s, e, err := ix.Span(rm.Start, rm.End)
		return err == nil && s == m.Start && e == m.End && m.Type == rm.Type
	}
	out := map[int]string{}
	for _, ch := range b.changes[i] {
		for k, j := range js {
			var hit bool
			switch {
			case ch.Gold != nil:
				hit = j.Gold >= 0 && same(d.Gold[j.Gold], ch.Gold)
			case ch.New != nil:
				hit = j.Gold < 0 && same(d.Pred[j.Pred], ch.New)
			}
			if hit {
				out[k] = changeKey(ch.Kind)
				break
			}
		}
	}
	return out
}

func changeKey(k compare.ChangeKind) string {
	b, err := k.MarshalText()
	if err != nil {
		return "unknown"
	}
	return string(b)
}

// markID is the HTML id of the mark of judgment k of scored document i.
func (b *builder) markID(i, k int) string {
	return "m" + strconv.Itoa(i) + "-" + strconv.Itoa(k)
}

// docAnchor is the HTML id of the section of corpus document i.
func docAnchor(i int) string { return "d" + strconv.Itoa(i) }

// groupViews lists the most frequent errors, at most max groups, each with
// links to its first occurrences; more is the number of groups left out.
func (b *builder) groupViews(max int) (views []groupView, more int) {
	groups := erroranalysis.GroupErrors(b.docs, b.judged)
	if len(groups) > max {
		more = len(groups) - max
		groups = groups[:max]
	}
	// The corpus index of every scored document.
	corpusAt := make([]int, len(b.docs))
	for ci, si := range b.scoredAt {
		if si >= 0 {
			corpusAt[si] = ci
		}
	}
	for _, g := range groups {
		v := groupView{Key: g.Category.Key(), Category: g.Category.String(), GoldType: g.GoldType, GoldText: g.GoldText,
			PredType: g.PredType, PredText: g.PredText, N: len(g.Places)}
		for _, pl := range g.Places {
			if len(v.Links) == maxLinks {
				v.More = len(g.Places) - maxLinks
				break
			}
			id := b.markID(pl.Doc, b.judgmentIndex(pl))
			b.linked[id] = true
			v.Links = append(v.Links, linkView{Href: "#" + id, Text: b.docs[pl.Doc].ID})
		}
		views = append(views, v)
	}
	return views, more
}

// judgmentIndex finds the judgment of a place of GroupErrors.
func (b *builder) judgmentIndex(pl erroranalysis.Place) int {
	for k, j := range b.judged[pl.Doc] {
		if j.Pair == pl.Pair {
			return k
		}
	}
	return -1
}

// docRows is the per-document table: every document of the corpus, scored
// or not.
func (b *builder) docRows(report *metrics.Report) []docRow {
	rows := make([]docRow, len(b.corpus.Documents))
	for ci, d := range b.corpus.Documents {
		row := docRow{Anchor: docAnchor(ci), ID: d.ID}
		si := b.scoredAt[ci]
		if si < 0 {
			row.Status = b.status[ci].State
			rows[ci] = row
			continue
		}
		t := report.Docs[si].Totals[b.scheme]
		row.Scored = true
		row.POS, row.ACT = t.POS(), t.ACT()
		row.Score = t.Score()
		row.Counts = erroranalysis.CountCategories(b.judged[si])
		if b.oldF1 != nil {
			row.OldF1 = b.oldF1[si]
			row.Delta = row.Score.F1 - row.OldF1
		}
		rows[ci] = row
	}
	return rows
}

// documents lays out every document: its text with the marks of the shown
// run, or plain when it was not scored.
func (b *builder) documents() []docView {
	out := make([]docView, len(b.corpus.Documents))
	for ci, d := range b.corpus.Documents {
		v := docView{Anchor: docAnchor(ci), ID: d.ID}
		si := b.scoredAt[ci]
		if si < 0 {
			st := b.status[ci]
			v.Status, v.Error = st.State, st.Error
			v.Tokens = []token{{Text: d.Text}}
			out[ci] = v
			continue
		}
		doc, js := b.docs[si], b.judged[si]
		t := b.scores[si].Totals[b.scheme]
		sc := t.Score()
		v.Summary = fmt.Sprintf("F1 %s · P %s · R %s · %d gold · %d predicted", fixed(sc.F1), fixed(sc.Precision), fixed(sc.Recall), t.POS(), t.ACT())
		ix := b.index[si]
		var changeOf map[int]string
		var oldPairs []metrics.Pair
		if b.changeOf != nil {
			changeOf = b.changeOf[si]
			oldPairs = metrics.Align(doc.Gold, b.oldPre[si])
		}
		if b.changes != nil {
			for _, ch := range b.changes[si] {
				c := newChangeItem(ch, changeOf, js, func(k int) string { return b.markID(si, k) }, ix, doc)
				if c.Href != "" {
					b.linked[c.Href[1:]] = true
				}
				v.Changes = append(v.Changes, c)
			}
		}
		items := make([]item, len(js))
		for k, j := range js {
			id := b.markID(si, k)
			if !b.linked[id] {
				id = ""
			}
			items[k] = b.item(ix, doc, j, id, changeOf[k])
			if changeOf[k] != "" {
				items[k].mark.Tip += "\n" + b.oldTip(ix, doc, si, j, oldPairs, changeOf[k])
			}
		}
		v.Tokens = markup(doc.Text, items)
		out[ci] = v
	}
	return out
}

// item builds the mark of judgment j of doc. Its tip holds the mentions;
// the style sheet puts the category above them and the marker after the
// mark.
func (b *builder) item(ix *corpus.Index, doc metrics.Doc, j erroranalysis.Judgment, id, change string) item {
	var g, p *corpus.Mention
	if j.Gold >= 0 {
		g = &doc.Gold[j.Gold]
	}
	if j.Pred >= 0 {
		p = &doc.Pred[j.Pred]
	}
	it := item{start: -1}
	for _, m := range []*corpus.Mention{g, p} {
		if m == nil {
			continue
		}
		if it.start < 0 || m.Start < it.start {
			it.start = m.Start
		}
		if m.End > it.end {
			it.end = m.End
		}
	}
	m := mark{ID: id, Category: j.Category.Key(), Change: change}
	switch {
	case g != nil && p != nil && *g == *p:
		m.Gold, m.Pred = g.Type, p.Type
		m.Tip = "gold and predicted: " + describe(ix, doc.Text, *g, false)
	case g != nil && p != nil:
		m.Gold, m.Pred = g.Type, p.Type
		// The texts are shown only where they differ from the marked text.
		texts := g.Start != p.Start || g.End != p.End
		m.Tip = "gold: " + describe(ix, doc.Text, *g, texts) + "\npredicted: " + describe(ix, doc.Text, *p, texts)
	case g != nil:
		m.Gold = g.Type
		m.Tip = "gold: " + describe(ix, doc.Text, *g, false)
	default:
		m.Pred = p.Type
		m.Tip = "predicted: " + describe(ix, doc.Text, *p, false)
	}
	it.mark = m
	return it
}

// oldTip says what the old run had at the place of judgment j.
func (b *builder) oldTip(ix *corpus.Index, doc metrics.Doc, si int, j erroranalysis.Judgment, oldPairs []metrics.Pair, change string) string {
	kind := strings.ReplaceAll(change, "_", " ")
	old := b.oldPre[si]
	if j.Gold >= 0 {
		for _, pr := range oldPairs {
			if pr.Gold == j.Gold {
				if pr.Pred < 0 {
					return "change: " + kind + "; " + b.old.Name + " had nothing here"
				}
				return "change: " + kind + "; " + b.old.Name + " had " + describe(ix, doc.Text, old[pr.Pred], true)
			}
		}
	}
	return "change: " + kind
}

// describe is a mention in a tip: type, code point offsets, the text when
// asked, the entity id and the value.
func describe(ix *corpus.Index, text string, m corpus.Mention, withText bool) string {
	s, e, err := ix.CodePointSpan(m.Start, m.End)
	if err != nil {
		s, e = m.Start, m.End
	}
	out := fmt.Sprintf("%s [%d,%d)", m.Type, s, e)
	if withText {
		out += " «" + text[m.Start:m.End] + "»"
	}
	if m.Entity != "" {
		out += " " + m.Entity
	}
	if m.Value != "" {
		out += " = " + m.Value
	}
	return out
}

// newChangeItem lists one change under its document, linked to its mark
// when the shown run has one at the place.
func newChangeItem(ch compare.Change, changeOf map[int]string, js []erroranalysis.Judgment, markID func(int) string, ix *corpus.Index, doc metrics.Doc) changeItem {
	v := changeItem{Key: changeKey(ch.Kind), Kind: ch.Kind.String(), Context: ch.Context}
	v.Gold, v.Old, v.New = runMention(ch.Gold), runMention(ch.Old), runMention(ch.New)
	key := changeKey(ch.Kind)
	for k, j := range js {
		if changeOf[k] != key {
			continue
		}
		var m corpus.Mention
		switch {
		case ch.Gold != nil && j.Gold >= 0:
			m = doc.Gold[j.Gold]
		case ch.Gold == nil && ch.New != nil && j.Gold < 0:
			m = doc.Pred[j.Pred]
		default:
			continue
		}
		want := ch.New
		if ch.Gold != nil {
			want = ch.Gold
		}
		if s, e, err := ix.CodePointSpan(m.Start, m.End); err == nil && s == want.Start && e == want.End && m.Type == want.Type {
			v.Href = "#" + markID(k)
			break
		}
	}
	return v
}

func runMention(m *runfile.Mention) string {
	if m == nil {
		return "—"
	}
	return fmt.Sprintf("%s [%d,%d)", m.Type, m.Start, m.End)
}

func fixed(x float64) string { return strconv.FormatFloat(x, 'f', 4, 64) }
