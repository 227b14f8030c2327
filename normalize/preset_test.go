package normalize

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type presetCase struct {
	name, in, want string
}

func runPreset(t *testing.T, preset string, cases []presetCase) {
	t.Helper()
	n, err := Preset(preset)
	require.NoError(t, err)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := n.String(c.in)
			assert.Equal(t, c.want, got, "%q → %q, want %q", c.in, got, c.want)
			assert.Equal(t, got, n.String(got), "normalizing twice must equal once")
		})
	}
}

// The camel preset reproduces CAMeL Tools (camel_tools/utils/normalize.py,
// dediac.py, charsets.py): normalize_unicode, then dediac_ar, then
// normalize_alef_ar, normalize_alef_maksura_ar, normalize_teh_marbuta_ar.
func TestPresetCamel(t *testing.T) {
	runPreset(t, "camel", []presetCase{
		{"normalize_unicode: NFKC turns the lam-alef ligature ﻻ into لا", "ﻻ", "لا"},
		{"normalize_unicode: NFKC turns the final form ﺐ into ب", "ﺐ", "ب"},
		{"normalize_unicode: NFKC composes alef + U+0654 into أ, which normalize_alef_ar makes ا", "ا\u0654", "ا"},
		{"normalize_unicode: NFKC applies to every script, fullwidth ＡＢＣ → ABC", "ＡＢＣ", "ABC"},
		{"normalize_unicode: NFKC turns the ligature ﬁ into fi", "ﬁ", "fi"},
		{"normalize_unicode: NFKC turns a no-break space into a space", "a\u00A0b", "a b"},
		{"normalize_unicode: ﷼ (U+FDFC) becomes ريال with an Arabic yeh, not NFKC's ریال", "\uFDFC", "ريال"},
		{"normalize_unicode: ﷽ (U+FDFD), which NFKC keeps, becomes بسم الله الرحمن الرحيم", "\uFDFD", "بسم الله الرحمن الرحيم"},
		{"normalize_unicode: ﷺ becomes صلى الله عليه وسلم, then normalize_alef_maksura_ar makes صلي", "\uFDFA", "صلي الله عليه وسلم"},
		{"normalize_unicode: Arabic-Indic digits are not compatibility characters, ١٢٣ stays", "١٢٣", "١٢٣"},
		{"normalize_unicode: NFKC keeps the zero-width non-joiner", "ab\u200Ccd", "ab\u200Ccd"},
		{"dediac_ar: removes the harakat U+064B–U+0652", "كَتَبَ مُعَلِّمٌ كِتَاباً سُكْنٍ", "كتب معلم كتابا سكن"},
		{"dediac_ar: removes the superscript alef U+0670, which AR_DIAC_CHARSET holds", "هٰذا", "هذا"},
		{"dediac_ar: keeps tatweel, which AR_DIAC_CHARSET lacks", "كـتـب", "كـتـب"},
		{"dediac_ar: keeps the Quranic marks, which AR_DIAC_CHARSET lacks", "ربك\u06D6 و\u0615", "ربك\u06D6 و\u0615"},
		{"dediac_ar: keeps maddah above U+0653 where NFKC cannot compose it", "ب\u0653", "ب\u0653"},
		{"normalize_alef_ar: hamza above أ → ا", "أحمد", "احمد"},
		{"normalize_alef_ar: hamza below إ → ا", "إسلام", "اسلام"},
		{"normalize_alef_ar: madda آ → ا", "آمن", "امن"},
		{"normalize_alef_ar: wasla ٱ → ا", "ٱلله", "الله"},
		{"normalize_alef_maksura_ar: ى → ي", "على", "علي"},
		{"normalize_teh_marbuta_ar: ة → ه", "مدرسة", "مدرسه"},
		{"hamza on a waw or yeh seat is no CAMeL rule: ؤ and ئ stay", "مسؤول رئيس", "مسؤول رئيس"},
		{"Persian letters are no CAMeL rule: ی and ک stay", "یک", "یک"},
		{"punctuation is no CAMeL rule: ، ؛ ؟ and quotes stay", "نعم، لا؛ لماذا؟ «قال»", "نعم، لا؛ لماذا؟ «قال»"},
		{"white space is no CAMeL rule: runs stay", "a  \t b", "a  \t b"},
		{"repeated until stable: ى + U+0654 gives ئ (one pass gives ي + U+0654, which NFKC composes)", "ى\u0654", "ئ"},
		{"repeated until stable: آ + U+0654 gives ا (one pass gives ا + U+0654)", "آ\u0654", "ا"},
		{"an invalid byte becomes U+FFFD", "ب\xffت", "ب\uFFFDت"},
	})
}

// The lucene preset reproduces Lucene's ArabicNormalizer (its Javadoc:
// "Normalization of hamza with alef seat to a bare alef. Normalization of teh
// marbuta to heh. Normalization of dotless yeh (alef maksura) to yeh. Removal
// of Arabic diacritics (the harakat). Removal of tatweel (stretching
// character).") and Bleve's normalize_ar, whose tests are the cases below.
func TestPresetLucene(t *testing.T) {
	runPreset(t, "lucene", []presetCase{
		{"hamza with alef seat to a bare alef: alef madda", "آجن", "اجن"},
		{"hamza with alef seat to a bare alef: alef hamza above", "أحمد", "احمد"},
		{"hamza with alef seat to a bare alef: alef hamza below", "إعاذ", "اعاذ"},
		{"alef wasla is not one of Lucene's alef forms: ٱ stays", "ٱلله", "ٱلله"},
		{"dotless yeh (alef maksura) to yeh", "بنى", "بني"},
		{"teh marbuta to heh", "فاطمة", "فاطمه"},
		{"removal of tatweel (stretching character)", "روبرـــــت", "روبرت"},
		{"removal of the harakat: fatha", "مَبنا", "مبنا"},
		{"removal of the harakat: kasra", "علِي", "علي"},
		{"removal of the harakat: damma", "بُوات", "بوات"},
		{"removal of the harakat: fathatan", "ولداً", "ولدا"},
		{"removal of the harakat: kasratan", "ولدٍ", "ولد"},
		{"removal of the harakat: dammatan", "ولدٌ", "ولد"},
		{"removal of the harakat: sukun", "نلْسون", "نلسون"},
		{"removal of the harakat: shadda", "هتميّ", "هتمي"},
		{"the superscript alef U+0670 is not one of Lucene's harakat: it stays", "هٰذا", "هٰذا"},
		{"hamza on a waw or yeh seat stays: ؤ ئ", "مسؤول رئيس", "مسؤول رئيس"},
		{"presentation forms stay: ﻻ", "ﻻ", "ﻻ"},
		{"Arabic-Indic digits stay", "١٢٣", "١٢٣"},
		{"white space, punctuation and zero-width characters stay", "نعم،  لا\u200B؟", "نعم،  لا\u200B؟"},
		{"a combining hamza stays, even after a mapped letter", "ى\u0654", "ي\u0654"},
		{"empty input stays empty", "", ""},
		{"an invalid byte becomes U+FFFD, as Bleve's bytes.Runes makes it", "ة\xff", "ه\uFFFD"},
	})
}

// The search preset applies every rule but full NFKC.
func TestPresetSearch(t *testing.T) {
	runPreset(t, "search", []presetCase{
		{"Harakat: the eight harakat are removed", "مُعَلِّمٌ كَتَبَ كِتاباً", "معلم كتب كتابا"},
		{"SuperscriptAlef: U+0670 is removed", "هٰذا", "هذا"},
		{"QuranicMarks: U+0610–U+061A and U+06D6–U+06ED are removed", "عليه\u0610 ربك\u06D6\u06ED", "عليه ربك"},
		{"Tatweel: U+0640 is removed", "كـــتاب", "كتاب"},
		{"CombiningHamza: a decomposed أ (ا + U+0654) becomes ا", "ا\u0654حمد", "احمد"},
		{"CombiningHamza: U+0653–U+0655 are removed after any letter", "ب\u0653\u0655", "ب"},
		{"AlefVariants: أ إ آ ٱ → ا", "أ إ آ ٱ", "ا ا ا ا"},
		{"AlefMaqsura: ى → ي", "مستشفى", "مستشفي"},
		{"TehMarbuta: ة → ه", "جامعة", "جامعه"},
		{"HamzaCarriers: ؤ → و, ئ → ي", "مسؤول رئيس", "مسوول رييس"},
		{"PersianLetters: farsi yeh ی and yeh barree ے → ي", "ی ے", "ي ي"},
		{"PersianLetters: keheh ک and swash kaf ڪ → ك", "ک ڪ", "ك ك"},
		{"PersianLetters: heh goal ہ, doachashmee ھ, ae ە, ۀ and ۂ → ه", "ہ ھ ە ۀ ۂ", "ه ه ه ه ه"},
		{"PersianLetters: teh marbuta goal ۃ → ة, which TehMarbuta makes ه", "ۃ", "ه"},
		{"PersianLetters: letters Arabic lacks stay: پ چ ژ گ", "پ چ ژ گ", "پ چ ژ گ"},
		{"PresentationForms: ﻻ → لا", "ﻻ", "لا"},
		{"PresentationForms: ﷲ → الله", "\uFDF2", "الله"},
		{"PresentationForms: then the other rules, ﻷ → لأ → لا", "\uFEF7", "لا"},
		{"PresentationForms: ﷺ → صلى الله عليه وسلم → صلي", "\uFDFA", "صلي الله عليه وسلم"},
		{"PresentationForms: then the other rules, isolated fatha ﹶ → space + fatha → a space that collapses", "a \uFE76 b", "a b"},
		{"PresentationForms: ﷼ is NFKC's ریال, and PersianLetters makes it ريال", "\uFDFC", "ريال"},
		{"PresentationForms: fullwidth Latin is not an Arabic presentation form", "ＡＢＣ", "ＡＢＣ"},
		{"Digits: ٠–٩ → 0–9", "٠١٢٣٤٥٦٧٨٩", "0123456789"},
		{"Digits: ۰–۹ → 0–9", "۰۱۲۳۴۵۶۷۸۹", "0123456789"},
		{"Punctuation: ، ؛ ؟ → , ; ?", "نعم، لا؛ لماذا؟", "نعم, لا; لماذا?"},
		{"Punctuation: curly and guillemet quotes → ASCII", "“قال” ‘هو’ «نعم» ‹لا› „x‟ ‚y‛", "\"قال\" 'هو' \"نعم\" 'لا' \"x\" 'y'"},
		{"Invisible: zero-width and bidi controls are removed", "a\u200Bb\u200Cc\u200Dd\u200Ee\u200Ff\u061Cg\u202Ah\u202Ei\u2066j\u2069k\uFEFFl", "abcdefghijkl"},
		{"Whitespace: a run of spaces and tabs → one space", "a  \t  b", "a b"},
		{"Whitespace: a run with a line break → one newline", "a \r\n\n  b", "a\nb"},
		{"Whitespace: no-break and other Unicode spaces count", "a\u00A0\u2003\u3000b", "a b"},
		{"Whitespace: a removed character does not break a run", "a \u200B َ b", "a b"},
		{"Whitespace: leading and trailing runs are collapsed, not trimmed", "  a\t\t", " a "},
		{"Whitespace: a single space stays", "a b", "a b"},
		{"an invalid byte becomes U+FFFD", "ب\xffت", "ب\uFFFDت"},
		{"a truncated rune at the end becomes U+FFFD", "ب\xd8", "ب\uFFFD"},
	})
}

// The light preset removes only invisible noise.
func TestPresetLight(t *testing.T) {
	runPreset(t, "light", []presetCase{
		{"tatweel is removed", "كـــتاب", "كتاب"},
		{"zero-width and bidi controls are removed", "a\u200Bb\u202Bc\uFEFF", "abc"},
		{"presentation forms → base letters", "ﻻ ﺐ", "لا ب"},
		{"the medial fatha form ﹷ is tatweel + fatha: tatweel goes, fatha stays", "ب\uFE77", "بَ"},
		{"diacritics stay", "كَتَبَ", "كَتَبَ"},
		{"letter variants stay: أ ى ة ؤ ی", "أ ى ة ؤ ی", "أ ى ة ؤ ی"},
		{"digits, punctuation and white space stay", "١٢،  ؟", "١٢،  ؟"},
	})
}
