package normalize

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// action says what a Normalizer does with one input rune. Its low three bits
// are the kind; the rest depends on it:
//
//	actInline: bits 3–4 the length (1–3), bits 8–31 the replacement bytes
//	actBlob:   bits 8–23 the offset of the replacement in tables.blob, bits 24–31 its length
type action uint32

const (
	actKeep    action = iota // copy the rune as it is
	actDelete                // drop the rune
	actInline                // replace the rune by up to three bytes
	actBlob                  // replace the rune by a longer string
	actSpace                 // white space: collapses into a space
	actNewline               // a line break: collapses into a newline
	kindMask   action = 7

	// actComposer flags, under Compatibility, a kept rune that NFC can
	// compose with the rune before it (U+0654 after ا). Such a rune after a
	// letter the rules mapped may need another NFKC pass, so it leaves the
	// fast path and tells the NFKC path to check.
	actComposer action = 1 << 5
)

// replacementChar is the action for an invalid input byte: U+FFFD.
var replacementChar = inlineAction("\uFFFD")

func inlineAction(s string) action {
	a := actInline | action(len(s))<<3
	for i := 0; i < len(s); i++ {
		a |= action(s[i]) << (8 + 8*i)
	}
	return a
}

// tables are the lookup tables of one rule set. They are built once per rule
// set and shared by every Normalizer of that set; nothing writes to them after
// build.
type tables struct {
	rules Rule
	// compat is set when the rule set holds Compatibility: the per-rune
	// tables then hold the other rules only and run after NFKC.
	compat bool
	// ascii is the action of each byte below 0x80.
	ascii [0x80]action
	// lone marks the two white space bytes that stay as they are when alone
	// between kept characters (' ' and '\n'), when Whitespace is on.
	lone [0x80]bool
	// asciiFast is what the hot loop does with each byte below 0x80.
	asciiFast [0x80]uint8
	// act2 is the action of each rune below U+0800 (two bytes in UTF-8).
	act2 [0x800]action
	// keep2 is indexed by (lead-0xC0)<<8 | continuation byte: true when the
	// two bytes are a valid encoding of a rune whose action is actKeep. It
	// folds the validity check into the lookup on the hot path.
	keep2 [0x2000]bool
	// fast16 is indexed by two bytes of text read as a little-endian uint16
	// (the first byte low) and tells the hot loop what to write for them:
	// fastSlow sends them to the general path (anything but a valid
	// two-byte rune that is kept, deleted or replaced by at most two bytes);
	// otherwise bits 0–15 are the output bytes, bits 16–17 their number (0
	// for a deleted rune), the bits from fastNextShift up the offset of the
	// second byte, and fastTwo that the rune is written as two bytes, kept or
	// replaced, which lets the hot loop copy four such runes at once.
	// Invalid UTF-8 is fastSlow, so the lookup is also the validity check.
	// fastWrites marks the runes that the hot loop writes as one or two
	// bytes, kept or replaced (not deleted), and the ASCII bytes it copies
	// (whatever the byte after them): a space before one is alone in its
	// run.
	fast16 [1 << 16]uint32
	// page and blocks give the action of runes U+0800–U+FFFF:
	// blocks[page[r>>8]][r&0xFF]. Block 0 keeps every rune.
	page   [0x100]uint8
	blocks [][0x100]action
	// blob holds the replacements longer than three bytes.
	blob []byte
	// supp is the action of every rune above U+FFFF: no rule maps one, but
	// under Compatibility they are flagged actComposer, to be safe.
	supp action
	// general turns the fast paths off: run then takes every rune through
	// the general path, and runCompat leaves every quick check to
	// golang.org/x/text. The differential tests compare the two ways.
	general bool
}

// lookup returns the action for a valid rune r.
func (t *tables) lookup(r rune) action {
	switch {
	case r < 0x800:
		return t.act2[r]
	case r < 0x10000:
		return t.blocks[t.page[r>>8]][r&0xFF]
	}
	return t.supp
}

// keep3 reports whether c0 c1 c2 is a valid three-byte encoding of a rune
// whose action is actKeep.
func (t *tables) keep3(c0, c1, c2 byte) bool {
	if !valid3(c0, c1, c2) {
		return false
	}
	r := rune(c0&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F)
	return t.blocks[t.page[r>>8]][r&0xFF] == actKeep
}

var tableCache sync.Map // Rule → *tables

// tablesFor returns the shared tables of a rule set, building them on first
// use.
func tablesFor(rules Rule) *tables {
	if t, ok := tableCache.Load(rules); ok {
		return t.(*tables)
	}
	t, _ := tableCache.LoadOrStore(rules, build(rules))
	return t.(*tables)
}

func build(rules Rule) *tables {
	t := &tables{rules: rules, compat: rules&Compatibility != 0}
	perRune := rules &^ Compatibility
	if t.compat {
		// NFKC has already replaced the presentation forms.
		perRune &^= PresentationForms
	}
	blobAt := map[string]int{}
	encode := func(out []rune) action {
		if len(out) == 0 {
			return actDelete
		}
		if len(out) == 1 && perRune&Whitespace != 0 && unicode.IsSpace(out[0]) {
			if isLineBreak(out[0]) {
				return actNewline
			}
			return actSpace
		}
		s := string(out)
		if len(s) <= 3 {
			return inlineAction(s)
		}
		off, ok := blobAt[s]
		if !ok {
			off = len(t.blob)
			blobAt[s] = off
			t.blob = append(t.blob, s...)
		}
		return actBlob | action(off)<<8 | action(len(s))<<24
	}
	var isComposer func(rune) bool
	if t.compat {
		t.supp = actKeep | actComposer
		c := composers()
		isComposer = func(r rune) bool { return r < 0x10000 && c[r] }
	}
	act := func(r rune) action {
		if t.compat && r == 0xFDFD {
			// CAMeL's fix for a character that NFKC keeps, so that text
			// NFKC leaves alone gets it too.
			var out []rune
			for _, c := range string(bismiFix) {
				out = append(out, apply(perRune, c)...)
			}
			return encode(out)
		}
		out := apply(perRune, r)
		if len(out) == 1 && out[0] == r {
			if perRune&Whitespace != 0 && unicode.IsSpace(r) {
				return encode(out)
			}
			if isComposer != nil && isComposer(r) {
				return actKeep | actComposer
			}
			return actKeep
		}
		return encode(out)
	}
	for c := rune(0); c < 0x80; c++ {
		t.ascii[c] = act(c)
		t.lone[c] = perRune&Whitespace != 0 && (c == ' ' || c == '\n')
		switch {
		case t.ascii[c] == actKeep:
			t.asciiFast[c] = asciiCopy
		case t.lone[c]:
			t.asciiFast[c] = asciiLone
		default:
			t.asciiFast[c] = asciiStop
		}
	}
	for r := rune(0); r < 0x800; r++ {
		t.act2[r] = act(r)
	}
	for i := range t.fast16 {
		lead, cont := byte(i), byte(i>>8)
		t.fast16[i] = fastSlow
		if lead < 0x80 && t.asciiFast[lead] == asciiCopy {
			t.fast16[i] |= fastWrites
		}
		if lead < 0xC2 || lead >= 0xE0 || cont&0xC0 != 0x80 {
			continue
		}
		r := rune(lead&0x1F)<<6 | rune(cont&0x3F)
		t.keep2[int(lead-0xC0)<<8|int(cont)] = t.act2[r] == actKeep
		t.fast16[i] = fastEntry(t.act2[r], lead, cont)
		if t.fast16[i]&fastSlow == 0 && t.fast16[i]>>16&3 != 0 {
			t.fast16[i] |= fastWrites
		}
		if t.fast16[i]&fastSlow == 0 && t.fast16[i]>>16&3 == 2 {
			t.fast16[i] |= fastTwo
		}
	}
	t.blocks = append(t.blocks, [0x100]action{}) // block 0: keep all
	for hi := 0x08; hi < 0x100; hi++ {
		var blk [0x100]action
		acts := false
		for lo := 0; lo < 0x100; lo++ {
			r := rune(hi<<8 | lo)
			if utf8.ValidRune(r) {
				blk[lo] = act(r)
				acts = acts || blk[lo] != actKeep
			}
		}
		if acts {
			t.page[hi] = uint8(len(t.blocks))
			t.blocks = append(t.blocks, blk)
		}
	}
	return t
}

// Values of tables.asciiFast.
const (
	asciiCopy = iota // copied as it is
	asciiLone        // a space or newline, copied if alone in its run
	asciiStop        // left to the general path
)

// Flags of tables.fast16 entries.
const (
	fastSlow   = 1 << 19
	fastWrites = 1 << 21
	fastTwo    = 1 << fastTwoShift
)

// fastTwoShift is the bit of fastTwo.
const fastTwoShift = 22

// fastNextShift is where a fast16 entry keeps, alone in its top bits, the
// distance from the rune's start of the source byte its second output byte
// maps to: 1 for a kept rune, whose bytes map to themselves, 0 for a
// replaced one, whose bytes map to its start.
const fastNextShift = 24

// fastEntry is the fast16 entry for the two-byte rune lead cont, whose action
// is a.
func fastEntry(a action, lead, cont byte) uint32 {
	if a&actComposer != 0 {
		return fastSlow
	}
	switch a & kindMask {
	case actKeep:
		return 1<<fastNextShift | 2<<16 | uint32(cont)<<8 | uint32(lead)
	case actDelete:
		return 0
	case actInline:
		switch n := a >> 3 & 3; n {
		case 1:
			return 1<<16 | uint32(a>>8&0xFF)
		case 2:
			return 2<<16 | uint32(a>>8&0xFFFF)
		}
	}
	return fastSlow
}

func isLineBreak(r rune) bool {
	switch r {
	case '\n', '\v', '\f', '\r', 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

// apply returns what the per-rune rules make of r, applying them until no
// rule changes anything.
func apply(rules Rule, r rune) []rune {
	out := step(rules, r)
	for depth := 0; depth < 8; depth++ {
		var next []rune
		changed := false
		for _, c := range out {
			s := step(rules, c)
			if len(s) != 1 || s[0] != c {
				changed = true
			}
			next = append(next, s...)
		}
		out = next
		if !changed {
			break
		}
	}
	return out
}

// persian maps the Persian and Urdu letter forms of PersianLetters.
var persian = [...]struct{ from, to rune }{
	{'\u06CC', '\u064A'}, // farsi yeh → yeh
	{'\u06D2', '\u064A'}, // yeh barree → yeh
	{'\u06A9', '\u0643'}, // keheh → kaf
	{'\u06AA', '\u0643'}, // swash kaf → kaf
	{'\u06C1', '\u0647'}, // heh goal → heh
	{'\u06BE', '\u0647'}, // heh doachashmee → heh
	{'\u06D5', '\u0647'}, // ae → heh
	{'\u06C0', '\u0647'}, // heh with yeh above → heh
	{'\u06C2', '\u0647'}, // heh goal with hamza above → heh
	{'\u06C3', '\u0629'}, // teh marbuta goal → teh marbuta
}

// punctuation maps the characters of Punctuation.
var punctuation = [...]struct{ from, to rune }{
	{'\u060C', ','}, {'\u061B', ';'}, {'\u061F', '?'},
	{'\u2018', '\''}, {'\u2019', '\''}, {'\u201A', '\''}, {'\u201B', '\''},
	{'\u2039', '\''}, {'\u203A', '\''},
	{'\u201C', '"'}, {'\u201D', '"'}, {'\u201E', '"'}, {'\u201F', '"'},
	{'\u00AB', '"'}, {'\u00BB', '"'},
}

func isInvisible(r rune) bool {
	return r >= 0x200B && r <= 0x200F || r == 0x061C || r >= 0x202A && r <= 0x202E ||
		r >= 0x2066 && r <= 0x2069 || r == 0xFEFF
}

func isPresentationForm(r rune) bool {
	return r >= 0xFB50 && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF
}

// presentation holds NFKC of each presentation form that NFKC changes,
// computed from golang.org/x/text/unicode/norm on first use.
var presentation = sync.OnceValue(func() map[rune]string {
	m := map[rune]string{}
	for _, rng := range [][2]rune{{0xFB50, 0xFDFF}, {0xFE70, 0xFEFF}} {
		for r := rng[0]; r <= rng[1]; r++ {
			if s := norm.NFKC.String(string(r)); s != string(r) {
				m[r] = s
			}
		}
	}
	return m
})

// composers marks the runes of the BMP that NFC composes with a rune before
// them: the last rune of the canonical decomposition of every primary
// composite. Computed from golang.org/x/text/unicode/norm on first use.
var composers = sync.OnceValue(func() []bool {
	c := make([]bool, 0x10000)
	for r := rune(0); r < 0x10000; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		s := string(r)
		d := norm.NFD.String(s)
		if d == s || norm.NFC.String(d) != s {
			continue
		}
		last, _ := utf8.DecodeLastRuneInString(d)
		if last < 0x10000 {
			c[last] = true
		}
	}
	return c
})

// step applies the per-rune rules once to r.
func step(rules Rule, r rune) []rune {
	one := func(c rune) []rune { return []rune{c} }
	switch {
	case rules&Harakat != 0 && r >= 0x064B && r <= 0x0652,
		rules&SuperscriptAlef != 0 && r == 0x0670,
		rules&QuranicMarks != 0 && (r >= 0x0610 && r <= 0x061A || r >= 0x06D6 && r <= 0x06ED),
		rules&Tatweel != 0 && r == 0x0640,
		rules&CombiningHamza != 0 && r >= 0x0653 && r <= 0x0655,
		rules&Invisible != 0 && isInvisible(r):
		return nil
	case rules&AlefHamza != 0 && (r == 0x0622 || r == 0x0623 || r == 0x0625),
		rules&AlefWasla != 0 && r == 0x0671:
		return one(0x0627)
	case rules&AlefMaqsura != 0 && r == 0x0649:
		return one(0x064A)
	case rules&TehMarbuta != 0 && r == 0x0629:
		return one(0x0647)
	case rules&HamzaCarriers != 0 && r == 0x0624:
		return one(0x0648)
	case rules&HamzaCarriers != 0 && r == 0x0626:
		return one(0x064A)
	case rules&Digits != 0 && r >= 0x0660 && r <= 0x0669:
		return one('0' + r - 0x0660)
	case rules&Digits != 0 && r >= 0x06F0 && r <= 0x06F9:
		return one('0' + r - 0x06F0)
	case rules&PresentationForms != 0 && isPresentationForm(r):
		if s, ok := presentation()[r]; ok {
			return []rune(s)
		}
	}
	if rules&PersianLetters != 0 {
		for _, m := range persian {
			if m.from == r {
				return one(m.to)
			}
		}
	}
	if rules&Punctuation != 0 {
		for _, m := range punctuation {
			if m.from == r {
				return one(m.to)
			}
		}
	}
	return one(r)
}
