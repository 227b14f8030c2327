package rules

import (
	"context"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/tokenize"
)

// Name is the name the extractor is registered under.
const Name = "rules"

// version changes whenever a rule changes what the extractor finds, so that
// two runs of different rule sets are told apart.
const version = "rules-1"

// Extractor finds DATE and NUM mentions by rule. Its zero value is ready to
// use, and it is safe for concurrent use.
type Extractor struct{}

// New returns the rules extractor.
func New() *Extractor { return &Extractor{} }

// Name returns "rules".
func (*Extractor) Name() string { return Name }

// Types returns the types the rules produce: DATE and NUM.
func (*Extractor) Types() []string { return []string{corpus.DATE, corpus.NUM} }

// Version returns the version of the rule set, e.g. "rules-1".
func (*Extractor) Version() string { return version }

// scratch holds the buffers of one Extract call; a pool recycles them so that
// a warm extractor allocates only what it returns.
type scratch struct {
	text  []byte
	toks  []tokenize.Token
	ws    []wtok
	out   []corpus.Mention
	arena []byte     // the values that are not a substring of the text
	fixes []valueFix // which mention gets which part of arena
}

// valueFix says that out[mention].Value is arena[start:end].
type valueFix struct{ mention, start, end int }

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// cancelEvery is how many tokens are matched between two looks at the
// context: often enough to stop a huge document quickly, rarely enough to
// cost nothing.
const cancelEvery = 1 << 14

// Extract returns the DATE and NUM mentions of doc, in text order, with byte
// offsets into doc.Text. Every mention's Text is its span of doc.Text, and
// every NUM mention carries its value in ASCII digits. The caller owns the
// returned slice.
func (*Extractor) Extract(ctx context.Context, doc corpus.Document) ([]corpus.Mention, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	s.text = append(s.text[:0], doc.Text...)
	s.toks = tokenize.Append(s.toks[:0], s.text)
	s.ws = describe(s.ws[:0], s.text, s.toks)
	s.out, s.arena, s.fixes = s.out[:0], s.arena[:0], s.fixes[:0]

	m := matcher{ws: s.ws, text: s.text, lastDateEnd: -1}
	for i := 0; i < len(m.ws); {
		if i%cancelEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if c := m.ws[i].cat; c == cNone || c == cPunct {
			i++ // most tokens: no rule starts at them
			continue
		}
		m.lead = i
		if first, end, ok := m.date(i); ok {
			s.out = append(s.out, m.mention(doc.Text, first, end, corpus.DATE))
			m.lastDateEnd = end
			i = end
			continue
		}
		if end, v, ok := m.number(i); ok {
			mt := m.mention(doc.Text, i, end, corpus.NUM)
			if v.literal && isPlainDigits(s.text[mt.Start:mt.End]) {
				mt.Value = mt.Text // the value is the text itself: nothing to build
			} else {
				start := len(s.arena)
				s.arena = v.appendTo(s.arena, s.text[mt.Start:mt.End])
				s.fixes = append(s.fixes, valueFix{len(s.out), start, len(s.arena)})
			}
			s.out = append(s.out, mt)
			i = end
			continue
		}
		i++
	}
	if len(s.out) == 0 {
		return nil, nil
	}
	out := slices.Clone(s.out)
	if len(s.fixes) > 0 {
		values := string(s.arena) // one allocation for every built value
		for _, f := range s.fixes {
			out[f.mention].Value = values[f.start:f.end]
		}
	}
	return out, nil
}

// isPlainDigits reports whether b is ASCII digits with no leading zero: a
// number written exactly as its value is.
func isPlainDigits(b []byte) bool {
	if len(b) == 0 || (b[0] == '0' && len(b) > 1) {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// wtok is a token as the rules see it.
type wtok struct {
	tstart int // where the token starts
	start  int // where a mention that begins with it starts: after its proclitic
	end    int // where the token ends
	kind   tokenize.Kind
	cat    cat
	sub    uint8
	pre    uint8 // preNone, preWa, preFa or prePrep
	nd     uint8 // for cDigits: how many digits, or 0 when separators are inside
	val    int32 // the lexicon value; for cDigits the value when nd <= 9; for cPunct the rune
}

// describe appends a wtok for every token of text to dst.
func describe(dst []wtok, text []byte, toks []tokenize.Token) []wtok {
	for _, t := range toks {
		w := wtok{tstart: t.Start, start: t.Start, end: t.End, kind: t.Kind}
		switch t.Kind {
		case tokenize.ArabicWord:
			if e, preLen, pre, ok := lookup(text[t.Start:t.End]); ok {
				w.cat, w.sub, w.val, w.pre = e.cat, e.sub, e.val, pre
				w.start += preLen
			}
		case tokenize.Number:
			w.cat = cDigits
			w.nd, w.val = digitsValue(text[t.Start:t.End])
		case tokenize.Punct, tokenize.Symbol:
			w.cat = cPunct
			r, _ := utf8.DecodeRune(text[t.Start:t.End])
			w.val = r
		}
		dst = append(dst, w)
	}
	return dst
}

// digitsValue reads a number token: how many digits it has and their value,
// or 0 digits when separators stand between them (the value is then read by
// parseLiteral when a rule needs it). A value that does not fit nine digits
// is 0.
func digitsValue(b []byte) (nd uint8, val int32) {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		d := digitOf(r)
		if d < 0 {
			return 0, 0
		}
		if n < 9 {
			val = val*10 + int32(d)
		}
		if n < 255 {
			n++
		}
	}
	if n > 9 {
		val = 0
	}
	return uint8(n), val
}

// digitOf returns the value of the decimal digit r of any script, or -1.
func digitOf(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= 0x0660 && r <= 0x0669: // Arabic-Indic
		return int(r - 0x0660)
	case r >= 0x06F0 && r <= 0x06F9: // Extended Arabic-Indic (Persian, Urdu)
		return int(r - 0x06F0)
	case !unicode.IsDigit(r):
		return -1
	}
	// Every other script's digits are a run of ten code points starting at
	// zero, and runs that touch follow each other whole (the mathematical
	// digits U+1D7CE–U+1D7FF are five runs), so the place in the run of
	// digits is the value.
	k := 0
	for unicode.IsDigit(r - rune(k) - 1) {
		k++
	}
	return k % 10
}

// matcher applies the rules to the tokens of one document.
type matcher struct {
	ws   []wtok
	text []byte
	// lead is the token a match starts at: the only token whose proclitic
	// may stand before the span (a proclitic on a later token ends it).
	lead int
	// lastDateEnd is the token just after the last DATE mention, so that
	// a coordinated date (فبراير ومارس، بين عامي 2014 و2022) is known.
	lastDateEnd int
}

// mention builds the mention over tokens [first, end).
func (m *matcher) mention(text string, first, end int, typ string) corpus.Mention {
	s, e := m.ws[first].start, m.ws[end-1].end
	return corpus.Mention{Start: s, End: e, Type: typ, Text: text[s:e]}
}

// word reports whether token j is a word of category c that may stand at j:
// without a proclitic, unless j is where the match started.
func (m *matcher) word(j int, c cat) bool {
	return j >= 0 && j < len(m.ws) && m.ws[j].cat == c && (j == m.lead || m.ws[j].pre == preNone)
}

// plain reports whether token j is a word of category c with no proclitic.
func (m *matcher) plain(j int, c cat) bool {
	return j >= 0 && j < len(m.ws) && m.ws[j].cat == c && m.ws[j].pre == preNone
}

// punct reports whether token j is the punctuation mark r.
func (m *matcher) punct(j int, r rune) bool {
	return j >= 0 && j < len(m.ws) && m.ws[j].cat == cPunct && m.ws[j].val == r
}

// adjacent reports whether tokens j and j+1 touch, with no space between.
func (m *matcher) adjacent(j int) bool {
	return j >= 0 && j+1 < len(m.ws) && m.ws[j].end == m.ws[j+1].tstart
}
