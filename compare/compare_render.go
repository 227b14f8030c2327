package compare

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/arabench/arabench/bootstrap"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/render"
	"github.com/olekukonko/tablewriter/tw"
)

// Write encodes the comparison in format f: render.FormatTable for a
// terminal, render.FormatMarkdown for a pull-request comment,
// render.FormatJSON for programs. CSV is refused: a comparison is several
// tables.
//
// The table and Markdown renderings show the two systems, then per scheme
// and row the support, OLD, NEW and delta of P, R and F1, the 95% interval of
// the F1 delta, its p-value, the p-value adjusted for multiple testing and the
// verdict (better or worse where the adjusted p < Alpha, blank elsewhere), a
// line saying how verdicts were reached, then linking and NUM value lines,
// then the mention changes by kind: the groups of changes (ChangeGroup), then
// the changes one by one, each list cut at MaxChanges, then one signature
// line per scheme.
func (c *Comparison) Write(w io.Writer, f render.Format) error {
	switch f {
	case render.FormatTable, render.FormatMarkdown:
		return c.writeText(w, f)
	case render.FormatJSON:
		return c.writeJSON(w)
	}
	return fmt.Errorf("compare prints table, markdown or json, not %q", f)
}

var compareHeader = []string{"scheme", "type", "support", "P old", "P new", "ΔP", "R old", "R new", "ΔR",
	"F1 old", "F1 new", "ΔF1", "ΔF1 95% CI", "p", "p Holm", "verdict"}

func (c *Comparison) scoreCells() ([][]string, error) {
	var out [][]string
	for _, s := range c.Schemes {
		rows, err := c.Rows(s)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			adjusted := render.Fixed(r.PAdjusted)
			if r.Headline {
				adjusted = "—"
			}
			out = append(out, []string{string(s), r.Label, strconv.Itoa(r.Support),
				render.Fixed(r.Old.Precision), render.Fixed(r.New.Precision), signed(r.New.Precision - r.Old.Precision),
				render.Fixed(r.Old.Recall), render.Fixed(r.New.Recall), signed(r.New.Recall - r.Old.Recall),
				render.Fixed(r.Old.F1), render.Fixed(r.New.F1), signed(r.F1.Delta),
				"[" + signed(r.F1.CI.Lo) + ", " + signed(r.F1.CI.Hi) + "]", render.Fixed(r.F1.P), adjusted, r.Verdict()})
		}
	}
	return out, nil
}

// signed formats a difference with its sign; one that rounds to zero prints
// as 0.0000.
func signed(x float64) string {
	s := strconv.FormatFloat(x, 'f', 4, 64)
	switch {
	case s == "0.0000" || s == "-0.0000":
		return "0.0000"
	case x > 0:
		return "+" + s
	}
	return s
}

// systemName is the name and version of a system.
func systemName(s System) string {
	if s.Version == "" {
		return s.Name
	}
	return s.Name + " " + s.Version
}

// systemLine introduces one side; Markdown sets the signature as code.
func systemLine(label string, s System, md bool) string {
	line := label + ": " + systemName(s)
	switch {
	case s.Signature == "":
	case md:
		line += " (`" + s.Signature + "`)"
	default:
		line += " (" + s.Signature + ")"
	}
	return line
}

// bootLine says how the significance was computed.
func (c *Comparison) bootLine() string {
	t := c.Test
	return fmt.Sprintf("paired bootstrap: %d resamples of %d sentence units, seed %d; ΔF1 = new − old with its 95%% interval and two-sided p-value",
		t.Resamples, t.Units, t.Seed)
}

// holmLine says how the verdicts were reached, and when the resamples are
// too few for any adjusted p to fall below Alpha.
func (c *Comparison) holmLine() string {
	line := fmt.Sprintf("verdict where p < %g: the headline (%s micro) on its own p; the %d other rows on p Holm, their p-values Holm–Bonferroni adjusted together",
		bootstrap.Alpha, c.Schemes[0], c.family)
	if need := c.ResamplesNeeded(); c.Test.Resamples < need {
		line += fmt.Sprintf("; with %d resamples no other row can get a verdict (the smallest p Holm is %d/%d): use at least %d resamples",
			c.Test.Resamples, c.family, c.Test.Resamples+1, need)
	}
	return line
}

// extraLines compares linking and NUM values when either report has them;
// a side without them shows "—".
func (c *Comparison) extraLines() []string {
	var out []string
	line := func(what string, o, n *float64) string {
		show := func(x *float64) string {
			if x == nil {
				return "—"
			}
			return render.Fixed(*x)
		}
		l := fmt.Sprintf("%s: %s → %s", what, show(o), show(n))
		if o != nil && n != nil {
			l += " (" + signed(*n-*o) + ")"
		}
		return l
	}
	if lo, ln := c.OldReport.Linking, c.NewReport.Linking; lo != nil || ln != nil {
		var o, n *float64
		if lo != nil {
			o = &lo.Score.F1
		}
		if ln != nil {
			n = &ln.Score.F1
		}
		out = append(out, line("linking F1", o, n))
	}
	if vo, vn := c.OldReport.Values, c.NewReport.Values; vo != nil || vn != nil {
		var o, n *float64
		if vo != nil {
			o = &vo.Accuracy
		}
		if vn != nil {
			n = &vn.Accuracy
		}
		out = append(out, line("NUM value accuracy", o, n))
	}
	return out
}

// countsLine summarizes the mention diff.
func (c *Comparison) countsLine() string {
	n := c.Counts()
	parts := make([]string, 0, len(ChangeKinds))
	for _, k := range ChangeKinds {
		parts = append(parts, fmt.Sprintf("%d %s", n[k], k.plural(n[k])))
	}
	return fmt.Sprintf("mentions under %s: %s", c.DiffScheme, strings.Join(parts, ", "))
}

var changeHeader = []string{"doc", "place", "gold", "old", "new", "context"}

// changeCells renders changes as table rows; escape prepares a cell for the
// rendering (Markdown escapes '|').
func changeCells(cs []Change, escape func(string) string) [][]string {
	out := make([][]string, 0, len(cs))
	for _, ch := range cs {
		out = append(out, []string{escape(ch.Doc), fmt.Sprintf("%d–%d", ch.Start, ch.End), escape(placeLabel(ch, ch.Gold, true)),
			escape(placeLabel(ch, ch.Old, true)), escape(placeLabel(ch, ch.New, true)), escape(ch.Context)})
	}
	return out
}

// groupLine shows a group in a list; Markdown sets the text as code, which
// keeps its characters literal.
func groupLine(g ChangeGroup, md bool) string {
	if !md {
		return "  " + g.String()
	}
	return fmt.Sprintf("- %s %s→%s ×%d%s", markdownCode(g.Text), g.Old, g.New, g.Count, g.goldNote())
}

// markdownCode sets s as a Markdown code span, with a fence longer than any
// run of backticks in s.
func markdownCode(s string) string {
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if longest > 0 {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// oneLine shows every run of white space in s as one space.
func oneLine(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) && r != ' ' }) < 0 && !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	writeSpaced(&b, s)
	return b.String()
}

func escapeMarkdown(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

func noEscape(s string) string { return s }

func (c *Comparison) writeText(w io.Writer, f render.Format) error {
	md := f == render.FormatMarkdown
	body, err := c.scoreCells()
	if err != nil {
		return err
	}
	var head []string
	if md {
		head = []string{fmt.Sprintf("### `%s` → `%s`", systemName(c.Old), systemName(c.New)), "",
			"- " + systemLine("old", c.Old, true), "- " + systemLine("new", c.New, true), "", "_" + c.bootLine() + "_", ""}
	} else {
		head = []string{systemLine("old", c.Old, false), systemLine("new", c.New, false), c.bootLine()}
	}
	if err := render.WriteLines(w, head); err != nil {
		return err
	}
	align := make(tw.Alignment, len(compareHeader))
	align[0], align[1] = tw.AlignLeft, tw.AlignLeft
	for i := 2; i < len(align); i++ {
		align[i] = tw.AlignRight
	}
	align[len(align)-1] = tw.AlignLeft
	if err := render.RenderRows(w, md, compareHeader, align, body, !md); err != nil {
		return err
	}

	var lines []string
	if md {
		lines = append(lines, "", "_"+c.holmLine()+"_", "")
	} else {
		lines = append(lines, c.holmLine())
	}
	for _, l := range c.extraLines() {
		lines = append(lines, l)
		if md {
			lines = append(lines, "")
		}
	}
	if md {
		lines = append(lines, "#### "+c.countsLine(), "")
	} else {
		lines = append(lines, "", c.countsLine())
	}
	if err := render.WriteLines(w, lines); err != nil {
		return err
	}
	escape := noEscape
	if md {
		escape = escapeMarkdown
	}
	for _, k := range ChangeKinds {
		if err := c.writeKind(w, k, md, escape); err != nil {
			return err
		}
	}
	var sigs []string
	if !md {
		sigs = append(sigs, "")
	}
	for _, s := range c.Signatures() {
		if md {
			sigs = append(sigs, "`"+s.String()+"`", "")
		} else {
			sigs = append(sigs, s.String())
		}
	}
	return render.WriteLines(w, sigs)
}

// writeKind writes the changes of kind k, if any: a title with their number,
// their groups, then the changes themselves, each list cut at MaxChanges.
func (c *Comparison) writeKind(w io.Writer, k ChangeKind, md bool, escape func(string) string) error {
	n := c.counts[k]
	if n == 0 {
		return nil
	}
	groups := c.Groups(k)
	shownGroups, shown := groups, c.ChangesOf(k)
	if c.MaxChanges > 0 {
		shownGroups, shown = shownGroups[:min(len(groups), c.MaxChanges)], shown[:min(len(shown), c.MaxChanges)]
	}
	title := fmt.Sprintf("%s (%d)", k.plural(n), n)
	var lines []string
	if md {
		lines = append(lines, "<details><summary>"+title+"</summary>", "")
	} else {
		lines = append(lines, "", title)
	}
	for _, g := range shownGroups {
		lines = append(lines, groupLine(g, md))
	}
	if more := len(groups) - len(shownGroups); more > 0 {
		bullet := "  "
		if md {
			bullet = "- "
		}
		lines = append(lines, fmt.Sprintf("%s… %d more groups", bullet, more))
	}
	if md {
		lines = append(lines, "") // a table right after a list would be part of its last item
	}
	if err := render.WriteLines(w, lines); err != nil {
		return err
	}
	changeAlign := tw.Alignment{tw.AlignLeft, tw.AlignRight, tw.AlignLeft, tw.AlignLeft, tw.AlignLeft, tw.AlignLeft}
	if err := render.RenderRows(w, md, changeHeader, changeAlign, changeCells(shown, escape), false); err != nil {
		return err
	}
	var tail []string
	if more := n - len(shown); more > 0 {
		if md {
			tail = append(tail, "") // a line right after a Markdown table would be a row of it
		}
		tail = append(tail, fmt.Sprintf("… %d more not shown", more))
	}
	if md {
		tail = append(tail, "", "</details>", "")
	}
	return render.WriteLines(w, tail)
}

// compareJSON is the JSON encoding of a comparison.
type compareJSON struct {
	Old        System              `json:"old"`
	New        System              `json:"new"`
	Bootstrap  bootJSON            `json:"bootstrap"`
	Schemes    []compareSchemeJSON `json:"schemes"`
	Testing    testingJSON         `json:"multiple_testing"`
	DiffScheme metrics.Scheme      `json:"diff_scheme"`
	Counts     map[ChangeKind]int  `json:"counts"`
	Groups     []ChangeGroup       `json:"groups"`
	Changes    []Change            `json:"changes"`
	Extra      []string            `json:"notes,omitempty"`
	Signatures []string            `json:"signatures"`
}

type bootJSON struct {
	Resamples int     `json:"resamples"`
	Seed      int64   `json:"seed"`
	Units     int     `json:"units"`
	Alpha     float64 `json:"alpha"`
}

// testingJSON says how verdicts were reached: the headline row on its own
// p, the family of the other rows on Holm-adjusted p-values.
type testingJSON struct {
	Headline struct {
		Scheme metrics.Scheme `json:"scheme"`
		Type   string         `json:"type"`
	} `json:"headline"`
	Method string `json:"method"`
	Family int    `json:"family"`
	// ResamplesNeeded is Comparison.ResamplesNeeded.
	ResamplesNeeded int `json:"resamples_needed"`
}

type compareSchemeJSON struct {
	Scheme metrics.Scheme   `json:"scheme"`
	Rows   []compareRowJSON `json:"rows"`
}

type prf struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

type compareRowJSON struct {
	Type    string             `json:"type"`
	Support int                `json:"support"`
	Old     prf                `json:"old"`
	New     prf                `json:"new"`
	Delta   prf                `json:"delta"`
	F1CI    bootstrap.Interval `json:"f1_delta_ci"`
	// P is the row's p-value alone, PAdjusted the one its verdict uses.
	P         float64 `json:"p"`
	PAdjusted float64 `json:"p_adjusted"`
	Headline  bool    `json:"headline,omitempty"`
	Verdict   string  `json:"verdict"`
}

func (c *Comparison) writeJSON(w io.Writer) error {
	if c.partial {
		return fmt.Errorf("compare: the comparison kept only the first %d changes of each kind (Options.ListedOnly), and JSON lists every change", c.MaxChanges)
	}
	out := compareJSON{Old: c.Old, New: c.New, DiffScheme: c.DiffScheme, Counts: map[ChangeKind]int{},
		Changes: c.Changes, Extra: c.extraLines(), Groups: []ChangeGroup{},
		Bootstrap: bootJSON{Resamples: c.Test.Resamples, Seed: c.Test.Seed, Units: c.Test.Units, Alpha: bootstrap.Alpha},
		Testing:   testingJSON{Method: "holm-bonferroni", Family: c.family, ResamplesNeeded: c.ResamplesNeeded()}}
	out.Testing.Headline.Scheme, out.Testing.Headline.Type = c.Schemes[0], "micro"
	if out.Changes == nil {
		out.Changes = []Change{}
	}
	for _, k := range ChangeKinds {
		out.Groups = append(out.Groups, c.Groups(k)...)
	}
	for _, k := range ChangeKinds {
		out.Counts[k] = 0
	}
	for k, n := range c.Counts() {
		out.Counts[k] = n
	}
	for _, s := range c.Schemes {
		rows, err := c.Rows(s)
		if err != nil {
			return err
		}
		cs := compareSchemeJSON{Scheme: s}
		for _, r := range rows {
			cs.Rows = append(cs.Rows, compareRowJSON{Type: r.Label, Support: r.Support,
				Old:   prf{r.Old.Precision, r.Old.Recall, r.Old.F1},
				New:   prf{r.New.Precision, r.New.Recall, r.New.F1},
				Delta: prf{r.New.Precision - r.Old.Precision, r.New.Recall - r.Old.Recall, r.F1.Delta},
				F1CI:  r.F1.CI, P: r.F1.P, PAdjusted: r.PAdjusted, Headline: r.Headline, Verdict: r.Verdict()})
		}
		out.Schemes = append(out.Schemes, cs)
	}
	for _, s := range c.Signatures() {
		out.Signatures = append(out.Signatures, s.String())
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
