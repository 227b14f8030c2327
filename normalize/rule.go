package normalize

import (
	"fmt"
	"math/bits"
	"sort"
	"strings"
)

// Rule is a set of normalization rules, combined with |. Every rule acts on
// single characters except Whitespace (which looks at runs) and
// Compatibility (which looks at a base letter and its combining marks).
type Rule uint32

// The rules a Normalizer is built from. Where a rule maps a character to one
// that another rule also maps, the rules are applied until nothing changes:
// with PersianLetters and TehMarbuta, U+06C3 ۃ becomes ة and then ه.
const (
	// Harakat removes the eight harakat U+064B–U+0652: fathatan, dammatan,
	// kasratan, fatha, damma, kasra, shadda, sukun.
	Harakat Rule = 1 << iota
	// SuperscriptAlef removes the superscript (dagger) alef U+0670.
	SuperscriptAlef
	// QuranicMarks removes the Quranic annotation signs U+0610–U+061A and
	// U+06D6–U+06ED.
	QuranicMarks
	// Tatweel removes the elongation character U+0640 ـ.
	Tatweel
	// CombiningHamza removes the combining maddah and hamza marks
	// U+0653–U+0655: the decomposed spelling of آ أ إ ؤ ئ is then matched like
	// AlefHamza and HamzaCarriers match the composed one.
	CombiningHamza
	// AlefHamza maps the alef with a hamza or a madda, أ إ آ (U+0623, U+0625,
	// U+0622), to the bare alef ا.
	AlefHamza
	// AlefWasla maps the alef wasla ٱ (U+0671) to the bare alef ا.
	AlefWasla
	// AlefMaqsura maps the alef maqsura (dotless yeh) ى to yeh ي.
	AlefMaqsura
	// TehMarbuta maps teh marbuta ة to heh ه.
	TehMarbuta
	// HamzaCarriers maps the hamza on a waw or yeh seat to the bare seat:
	// ؤ → و, ئ → ي.
	HamzaCarriers
	// PersianLetters maps the Persian and Urdu forms of Arabic letters to the
	// Arabic ones: farsi yeh ی and yeh barree ے → ي; keheh ک and swash kaf ڪ →
	// ك; heh goal ہ, heh doachashmee ھ, ae ە, heh with yeh above ۀ and heh goal
	// with hamza ۂ → ه; teh marbuta goal ۃ → ة. Letters that Arabic lacks
	// (پ چ ژ گ) stay: they are letters of their own, not spellings of others.
	PersianLetters
	// PresentationForms replaces the Arabic presentation forms and ligatures
	// (U+FB50–U+FDFF, U+FE70–U+FEFF) by what NFKC makes of each: ﻻ → لا,
	// ﷺ → صلى الله عليه وسلم. The other rules then apply to the result.
	PresentationForms
	// Compatibility applies NFKC to the whole text, as CAMeL Tools'
	// normalize_unicode does, including its two fixes applied first: U+FDFC
	// ﷼ becomes ريال (NFKC alone would spell it with a farsi yeh) and U+FDFD
	// ﷽ becomes بسم الله الرحمن الرحيم (NFKC leaves it). The other rules then
	// apply to the result. It subsumes PresentationForms. Idempotence holds
	// for every preset; a set that adds Tatweel or Invisible to it can leave
	// a mark next to the letter it would compose with once the removed
	// character is gone (ا + ـ + U+0654 gives ا + U+0654, which a second pass
	// makes أ).
	Compatibility
	// Digits maps the Arabic-Indic digits ٠–٩ (U+0660–U+0669) and the
	// extended ones ۰–۹ (U+06F0–U+06F9) to 0–9.
	Digits
	// Punctuation maps the Arabic comma ، semicolon ؛ and question mark ؟ to
	// , ; ? and the curly and guillemet quotes to ASCII: ‘ ’ ‚ ‛ ‹ › → ' and
	// “ ” „ ‟ « » → ".
	Punctuation
	// Invisible removes the zero-width and bidirectional controls: U+200B–U+200F,
	// U+061C, U+202A–U+202E, U+2066–U+2069 and U+FEFF.
	Invisible
	// Whitespace collapses every run of white space (unicode.IsSpace) into one
	// character: a newline if the run holds a line break (\n \v \f \r U+0085
	// U+2028 U+2029), else a space. Characters that other rules remove do not
	// break a run. Leading and trailing runs are collapsed, not trimmed.
	Whitespace

	lastRule
)

// Diacritics removes the harakat and the superscript alef: U+064B–U+0652 and
// U+0670.
const Diacritics = Harakat | SuperscriptAlef

// AlefVariants maps every alef variant أ إ آ ٱ to the bare alef ا.
const AlefVariants = AlefHamza | AlefWasla

var ruleNames = [...]string{
	"harakat", "superscript-alef", "quranic-marks", "tatweel", "combining-hamza",
	"alef-hamza", "alef-wasla", "alef-maqsura", "teh-marbuta", "hamza-carriers",
	"persian-letters", "presentation-forms", "compatibility", "digits",
	"punctuation", "invisible", "whitespace",
}

// String lists the rules of r by name, joined with "|" ("none" for the empty
// set), in the order of the constants.
func (r Rule) String() string {
	if r == 0 {
		return "none"
	}
	var b strings.Builder
	for i := 0; r != 0; i++ {
		bit := Rule(1) << i
		if r&bit == 0 {
			continue
		}
		r &^= bit
		if b.Len() > 0 {
			b.WriteByte('|')
		}
		if i < len(ruleNames) {
			b.WriteString(ruleNames[i])
		} else {
			fmt.Fprintf(&b, "rule(%d)", i)
		}
	}
	return b.String()
}

// Count is the number of rules in r.
func (r Rule) Count() int { return bits.OnesCount32(uint32(r)) }

// The presets, each reproducing a documented peer or a purpose.
var presets = []struct {
	name  string
	rules Rule
	about string
}{
	{
		// CAMeL Tools: normalize_unicode, dediac_ar (AR_DIAC_CHARSET is
		// U+064B–U+0652 and U+0670; it keeps tatweel), normalize_alef_ar
		// ([إأٱآ] → ا), normalize_alef_maksura_ar, normalize_teh_marbuta_ar.
		name:  "camel",
		rules: Compatibility | Diacritics | AlefVariants | AlefMaqsura | TehMarbuta,
		about: "CAMeL Tools: normalize_unicode (NFKC), dediac_ar, normalize_alef_ar, normalize_alef_maksura_ar, normalize_teh_marbuta_ar",
	},
	{
		name:  "light",
		rules: Tatweel | Invisible | PresentationForms,
		about: "only invisible noise: tatweel, zero-width and bidi controls, presentation forms",
	},
	{
		// Lucene's ArabicNormalizer and Bleve's normalize_ar: alef madda and
		// hamza above/below (not wasla) → alef, dotless yeh → yeh, teh marbuta
		// → heh, tatweel and the eight harakat (not U+0670) removed.
		name:  "lucene",
		rules: AlefHamza | AlefMaqsura | TehMarbuta | Tatweel | Harakat,
		about: "Lucene ArabicNormalizer / Bleve normalize_ar: أ إ آ → ا, ى → ي, ة → ه, tatweel and harakat removed",
	},
	{
		name: "search",
		rules: Diacritics | QuranicMarks | Tatweel | CombiningHamza | AlefVariants |
			AlefMaqsura | TehMarbuta | HamzaCarriers | PersianLetters | PresentationForms |
			Digits | Punctuation | Invisible | Whitespace,
		about: "everything that helps matching: every rule but full NFKC",
	},
}

// Presets returns the names of the presets, sorted. The caller owns the slice.
func Presets() []string {
	names := make([]string, len(presets))
	for i, p := range presets {
		names[i] = p.name
	}
	sort.Strings(names)
	return names
}

// PresetRules returns the rule set of the named preset and a one-line
// description of what it reproduces.
func PresetRules(name string) (rules Rule, about string, err error) {
	for _, p := range presets {
		if p.name == name {
			return p.rules, p.about, nil
		}
	}
	return 0, "", fmt.Errorf("normalize: unknown preset %q (presets: %s)", name, strings.Join(Presets(), ", "))
}
