package rules

import (
	"context"
	"strings"
	"testing"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/extract"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// found is a mention as a test states it: type, text and (for NUM) value.
type found struct {
	typ, text, value string
}

func date(text string) found       { return found{corpus.DATE, text, ""} }
func num(text, value string) found { return found{corpus.NUM, text, value} }

// extractAll runs the extractor on text and checks what every mention must
// satisfy: its Text is its span, and its span has no space at its edges.
func extractAll(t *testing.T, text string) []found {
	t.Helper()
	ms, err := New().Extract(context.Background(), corpus.Document{ID: "t", Text: text})
	require.NoError(t, err)
	var out []found
	for _, m := range ms {
		require.Equal(t, text[m.Start:m.End], m.Text, "Text is the span")
		require.Equal(t, strings.TrimSpace(m.Text), m.Text, "no space at a span's edge")
		out = append(out, found{m.Type, m.Text, m.Value})
	}
	return out
}

type ruleCase struct {
	rule string
	in   string
	want []found
}

func runCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.rule, func(t *testing.T) {
			assert.Equal(t, tc.want, extractAll(t, tc.in), "in: %s", tc.in)
		})
	}
}

func TestDATE(t *testing.T) {
	runCases(t, []ruleCase{
		// Weekdays.
		{"a weekday name is a date", "التقى الوزيران الثلاثاء في موسكو",
			[]found{date("الثلاثاء")}},
		{"a directly preceding يوم is inside", "وصل الوفد يوم الأحد إلى دمشق",
			[]found{date("يوم الأحد")}},
		{"الاثنين with and without hamza is Monday", "يوم الإثنين والاثنين المقبل",
			[]found{date("يوم الإثنين"), date("الاثنين المقبل")}},
		{"a weekday with its deictic is one span", "اجتمع المجلس الخميس الماضي",
			[]found{date("الخميس الماضي")}},
		{"a feminine deictic after الجمعة", "تبدأ المحادثات الجمعة المقبلة",
			[]found{date("الجمعة المقبلة")}},
		{"a part of the day stays outside", "مساء الثلاثاء وصباح السبت",
			[]found{date("الثلاثاء"), date("السبت")}},
		{"a weekday with its date is one span", "أعلن الكرملين السبت 12 فبراير/شباط 2022 أن",
			[]found{date("السبت 12 فبراير/شباط 2022")}},
		{"يوم before a weekday and its date", "يوم الجمعة 5 مارس",
			[]found{date("يوم الجمعة 5 مارس")}},

		// Gregorian and Syriac months.
		{"day and month", "في 15 مارس أعلنت الوزارة", []found{date("15 مارس")}},
		{"day, month and year", "وقعت الاتفاقية في 21 يناير 2019", []found{date("21 يناير 2019")}},
		{"the Levantine month names", "في 3 تموز و9 أيلول 2015",
			[]found{date("3 تموز"), date("9 أيلول 2015")}},
		{"كانون الثاني is one month of two words", "منذ كانون الثاني 2023", []found{date("كانون الثاني 2023")}},
		{"تشرين الأول without hamza", "في تشرين الاول الماضي", []found{date("تشرين الاول الماضي")}},
		{"month and year", "بدأت الأزمة في نوفمبر 2013", []found{date("نوفمبر 2013")}},
		{"a month alone is a date", "زار الرئيس بكين في أكتوبر", []found{date("أكتوبر")}},
		{"April with hamza below, above and without", "إبريل وأبريل وابريل",
			[]found{date("إبريل"), date("أبريل"), date("ابريل")}},
		{"Maghrebi month names", "في 5 جانفي و12 فيفري و3 أفريل و20 جويلية",
			[]found{date("5 جانفي"), date("12 فيفري"), date("3 أفريل"), date("20 جويلية")}},
		{"Moroccan month names", "يوم 7 يوليوز و9 شتنبر و11 دجنبر",
			[]found{date("يوم 7 يوليوز"), date("9 شتنبر"), date("11 دجنبر")}},
		{"a slash pair of the two systems", "في فبراير/شباط الماضي", []found{date("فبراير/شباط الماضي")}},
		{"a slash pair with a space after the slash", "أواخر شباط/ فبراير 2022",
			[]found{date("أواخر شباط/ فبراير 2022")}},
		{"a bracket pair closes inside the span", "في آب (أغسطس) 2014 اندلعت", []found{date("آب (أغسطس) 2014")}},
		{"a year in brackets after the date", "هجمات 11 سبتمبر (2001) غيرت", []found{date("11 سبتمبر (2001)")}},
		{"a bracket that does not close stays outside", "في 11 سبتمبر (2001", []found{date("11 سبتمبر"), date("2001")}},
		{"a date with a following deictic year", "في 15 مارس العام الماضي", []found{date("15 مارس العام الماضي")}},
		{"a month with من and a deictic year", "في مارس من العام الماضي", []found{date("مارس من العام الماضي")}},
		{"a month with من عام and a year", "في مايو من عام 2018", []found{date("مايو من عام 2018")}},
		{"a month with its deictic", "منذ أيار/مايو الماضي", []found{date("أيار/مايو الماضي")}},
		{"an ordinal day with من", "في الأول من كانون الثاني 2023", []found{date("الأول من كانون الثاني 2023")}},
		{"a compound ordinal day", "ذكرى الحادي عشر من سبتمبر", []found{date("الحادي عشر من سبتمبر")}},
		{"a day of the current month", "في 15 من الشهر الجاري", []found{date("15 من الشهر الجاري")}},
		{"two days of one month", "يومي 5 و6 مارس", []found{date("5 و6 مارس")}},
		{"a date inside an unmarked event is marked", "قوى 14 آذار وهجمات 11 سبتمبر",
			[]found{date("14 آذار"), date("11 سبتمبر")}},
		{"شهر before a month is inside", "خلال شهر مارس", []found{date("شهر مارس")}},
		{"a Hijri month with a day", "في 15 رمضان 1445", []found{date("15 رمضان 1445")}},
		{"a Hijri month after شهر", "خلال شهر رمضان", []found{date("شهر رمضان")}},

		// Ambiguous month names need calendar context.
		{"مارس as a verb is not a date", "مارس الرئيس ضغوطا على الحكومة", nil},
		{"مارس after في is March", "في مارس", []found{date("مارس")}},
		{"نيسان the company is not a date", "أعلنت شركة نيسان", nil},
		{"نيسان with a day is April", "في 4 نيسان", []found{date("4 نيسان")}},
		{"ماي the surname is not a date", "قالت تيريزا ماي", nil},
		{"آب needs context", "منذ آب", []found{date("آب")}},
		{"a coordinated month takes context from the first", "في فبراير ومارس",
			[]found{date("فبراير"), date("مارس")}},
		{"a Hijri month name alone is a given name", "التقى رمضان قديروف ورجب طيب أردوغان", nil},

		// Years.
		{"عام before a year is inside", "منذ عام 2019", []found{date("عام 2019")}},
		{"العام before a year is inside", "في العام 2014", []found{date("العام 2014")}},
		{"سنة before a year stays outside", "سنة 2019", []found{date("2019")}},
		{"a bare year after a preposition", "في 2019 ومنذ 2014", []found{date("2019"), date("2014")}},
		{"a year coordinated with a year", "منذ 2014 و2022", []found{date("2014"), date("2022")}},
		{"عامي is outside, each year a date", "بين عامي 2014 و2022", []found{date("2014"), date("2022")}},
		{"a year range with a hyphen", "الفترة 2014-2022", []found{date("2014"), date("2022")}},
		{"Arabic-Indic digits in a year", "عام ٢٠١٩", []found{date("عام ٢٠١٩")}},
		{"an era letter glued to the year is inside", "عام 2019م وفي 2020م", []found{date("عام 2019م"), date("2020م")}},
		{"the Hijri era letter with tatweel", "في 15 رمضان 1445هـ", []found{date("15 رمضان 1445هـ")}},

		// Decades and centuries: calendar units coarser than a year.
		{"a decade with its century after من", "في الثمانينيات من القرن الماضي", []found{date("الثمانينيات من القرن الماضي")}},
		{"a decade as a construct with its century", "تسعينيات القرن العشرين", []found{date("تسعينيات القرن العشرين")}},
		{"a modifier on a decade", "أواخر الثمانينيات", []found{date("أواخر الثمانينيات")}},
		{"a century with a compound ordinal", "مطلع القرن الحادي والعشرين", []found{date("مطلع القرن الحادي والعشرين")}},
		{"a century with its deictic", "منذ القرن الماضي", []found{date("القرن الماضي")}},

		// Numeric dates.
		{"day/month/year with slashes", "بتاريخ 12/02/2022", []found{date("12/02/2022")}},
		{"year-month-day with hyphens", "بتاريخ 2022-02-12", []found{date("2022-02-12")}},
		{"day.month.year with dots", "بتاريخ 12.02.2022", []found{date("12.02.2022")}},

		// Modifiers on a calendar unit.
		{"أوائل on a month", "في أوائل مارس", []found{date("أوائل مارس")}},
		{"أواسط on a month and year", "أواسط يونيو 2020", []found{date("أواسط يونيو 2020")}},
		{"مطلع on عام and a year", "مطلع عام 2020", []found{date("مطلع عام 2020")}},
		{"منتصف on a bare year", "منتصف 2019", []found{date("منتصف 2019")}},
		{"بداية on a unit with its deictic", "بداية العام الجاري", []found{date("بداية العام الجاري")}},
		{"نهاية الأسبوع is a date", "عطلة نهاية الأسبوع", []found{date("نهاية الأسبوع")}},
		{"مطلع on شهر and a month", "مطلع شهر آذار", []found{date("مطلع شهر آذار")}},
		{"مطلع on هذا العام", "مطلع هذا العام", []found{date("مطلع هذا العام")}},
		{"a modifier on anything else is not a date", "منذ بداية الحرب ونهاية المفاوضات", nil},

		// Calendar deictics.
		{"أمس is a date", "قال الوزير أمس", []found{date("أمس")}},
		{"امس without hamza is a date", "وقال امس", []found{date("امس")}},
		{"يوم أمس is one span", "صرح يوم أمس", []found{date("يوم أمس")}},
		{"بالأمس: the preposition stays outside", "أعلن بالأمس", []found{date("الأمس")}},
		{"أمس with its weekday is one span", "وقع الانفجار أمس الخميس", []found{date("أمس الخميس")}},
		{"أول من أمس is one span", "وصل أول من أمس", []found{date("أول من أمس")}},
		{"أول أمس is one span", "وصل أول أمس", []found{date("أول أمس")}},
		{"أمس الأول is one span", "وصل أمس الأول", []found{date("أمس الأول")}},
		{"غدا is a date", "يصل الوفد غدا", []found{date("غدا")}},
		{"غداً with tanween and its weekday", "تبدأ القمة غداً الأحد", []found{date("غداً الأحد")}},
		{"بعد غد is the day after tomorrow", "يصل بعد غد", []found{date("بعد غد")}},
		{"غد alone is not a date", "صحيفة الغد", nil},
		{"الأسبوع الماضي", "التقى الأسبوع الماضي", []found{date("الأسبوع الماضي")}},
		{"الأسبوع المقبل", "يزور الأسبوع المقبل", []found{date("الأسبوع المقبل")}},
		{"الشهر الماضي", "في الشهر الماضي", []found{date("الشهر الماضي")}},
		{"العام الماضي and العام المقبل", "العام الماضي والعام المقبل",
			[]found{date("العام الماضي"), date("العام المقبل")}},
		{"السنة الماضية", "خلال السنة الماضية", []found{date("السنة الماضية")}},
		{"هذا العام", "في وقت لاحق هذا العام", []found{date("هذا العام")}},
		{"a vague span is not a date", "في الأيام القليلة المقبلة وفي الأسابيع المقبلة", nil},
		{"a duration is not a date", "منذ 8 سنوات", []found{num("8", "8")}},

		// اليوم: today or the day.
		{"اليوم as an adverb is today", "قال الكرملين اليوم إن", []found{date("اليوم")}},
		{"اليوم with its weekday is one span", "أعلن اليوم السبت", []found{date("اليوم السبت")}},
		{"a part of the day keeps اليوم today", "صباح اليوم", []found{date("اليوم")}},
		{"حتى اليوم is until today", "حتى اليوم", []found{date("اليوم")}},
		{"the conjunction stays outside today", "واليوم", []found{date("اليوم")}},
		{"اليوم before an ordinal is the day", "في اليوم الأول من القمة", nil},
		{"اليوم before an adjective is the day", "اليوم التالي واليوم نفسه واليوم الذي", nil},
		{"اليوم after a demonstrative is the day", "منذ ذلك اليوم وطوال اليوم", nil},
		{"في اليوم is per day", "مئة برميل في اليوم", []found{num("مئة", "100")}},
		{"a preposition glued to اليوم makes it the day", "باليوم", nil},
		{"منتصف اليوم is a time of day", "منتصف اليوم", nil},
	})
}

func TestNUM(t *testing.T) {
	runCases(t, []ruleCase{
		// Digits.
		{"digits are a number", "قتل 300 شخص", []found{num("300", "300")}},
		{"a thousands comma is not in the value", "1,500 دبابة", []found{num("1,500", "1500")}},
		{"several thousands dots are groups", "1.234.567 ناخب", []found{num("1.234.567", "1234567")}},
		{"a decimal point stays", "ارتفع 3.5 نقطة", []found{num("3.5", "3.5")}},
		{"Arabic-Indic digits with the Arabic decimal separator", "٣٫٥ و١٢٬٠٠٠",
			[]found{num("٣٫٥", "3.5"), num("١٢٬٠٠٠", "12000")}},
		{"Persian digits", "۱۴۰۰ شخص", []found{num("۱۴۰۰", "1400")}},
		{"leading zeros are not in the value", "رقم 007", []found{num("007", "7")}},
		{"a percent sign stays outside", "50%", []found{num("50", "50")}},
		{"في المئة stays outside", "5 في المئة", []found{num("5", "5")}},

		// Digits with a multiplier.
		{"digits times ألف", "100 ألف", []found{num("100 ألف", "100000")}},
		{"digits times آلاف", "3 آلاف جندي", []found{num("3 آلاف", "3000")}},
		{"a decimal times مليون resolves to an integer", "2.5 مليون", []found{num("2.5 مليون", "2500000")}},
		{"a decimal comma times مليار", "1,5 مليار", []found{num("1,5 مليار", "1500000000")}},
		{"a decimal that stays a decimal", "3.14159 ألف", []found{num("3.14159 ألف", "3141.59")}},
		{"digits with their own multiplier join", "مليار و200 مليون", []found{num("مليار و200 مليون", "1200000000")}},
		{"digits without a multiplier do not join", "2 مليون و500", []found{num("2 مليون", "2000000"), num("500", "500")}},

		// Number words.
		{"a unit", "سبعة أشخاص", []found{num("سبعة", "7")}},
		{"a feminine unit", "ثلاث دول", []found{num("ثلاث", "3")}},
		{"عشر", "عشر سنوات", []found{num("عشر", "10")}},
		{"اثنين is two", "قتل اثنين", []found{num("اثنين", "2")}},
		{"a tens word in the oblique case", "تسعين طناً", []found{num("تسعين", "90")}},
		{"a tens word in the nominative", "تسعون", []found{num("تسعون", "90")}},
		{"a teen", "ثلاثة عشر", []found{num("ثلاثة عشر", "13")}},
		{"أحد عشر", "أحد عشر لاعبا", []found{num("أحد عشر", "11")}},
		{"إحدى عشرة", "إحدى عشرة دولة", []found{num("إحدى عشرة", "11")}},
		{"اثنا عشر", "اثنا عشر شهرا", []found{num("اثنا عشر", "12")}},
		{"unit and tens joined by و", "خمسة وعشرين", []found{num("خمسة وعشرين", "25")}},
		{"مئة", "مئة عام", []found{num("مئة", "100")}},
		{"مائة, the classical spelling", "مائة", []found{num("مائة", "100")}},
		{"a joined hundred with مئة", "ثلاثمئة", []found{num("ثلاثمئة", "300")}},
		{"a joined hundred with مائة", "ثلاثمائة", []found{num("ثلاثمائة", "300")}},
		{"a unit and مئة written apart", "ثلاث مئة", []found{num("ثلاث مئة", "300")}},
		{"مئتان", "مئتان", []found{num("مئتان", "200")}},
		{"hundreds, unit and tens", "مئة وخمسة وعشرون", []found{num("مئة وخمسة وعشرون", "125")}},
		{"ألف alone", "ألف جندي", []found{num("ألف", "1000")}},
		{"ألفان, the dual, is two thousand", "ألفان", []found{num("ألفان", "2000")}},
		{"ألفين, the oblique dual", "ألفين", []found{num("ألفين", "2000")}},
		{"آلاف after a unit", "ثلاثة آلاف", []found{num("ثلاثة آلاف", "3000")}},
		{"مئة ألف", "مئة ألف", []found{num("مئة ألف", "100000")}},
		{"14 ألف", "14 ألف", []found{num("14 ألف", "14000")}},
		{"مليونان", "مليونان", []found{num("مليونان", "2000000")}},
		{"مليونين", "مليونين", []found{num("مليونين", "2000000")}},
		{"ملايين after a unit", "خمسة ملايين", []found{num("خمسة ملايين", "5000000")}},
		{"مليارات after a unit", "عشرة مليارات", []found{num("عشرة مليارات", "10000000000")}},
		{"a compound below a thousand times ألف", "ثلاثمائة وخمسون ألفا", []found{num("ثلاثمائة وخمسون ألفا", "350000")}},
		{"thousands then hundreds then units", "ألفين وأربعمئة وثلاثة وعشرون",
			[]found{num("ألفين وأربعمئة وثلاثة وعشرون", "2423")}},
		{"a teen times ألف and hundreds", "ثلاثة عشر ألف وأربعمئة", []found{num("ثلاثة عشر ألف وأربعمئة", "13400")}},
		{"مليون ونصف", "مليون ونصف", []found{num("مليون ونصف", "1500000")}},
		{"نصف مليون", "نصف مليون", []found{num("نصف مليون", "500000")}},
		{"a number word after its noun counts", "يوم واحد", []found{num("واحد", "1")}},
		{"a definite cardinal after its noun counts", "خلال الأشهر الثلاثة الماضية", []found{num("الثلاثة", "3")}},
		{"a definite teen after its noun", "جمهورياته الخمس عشرة", []found{num("الخمس عشرة", "15")}},
		{"a definite cardinal after a noun with proclitics", "وبالدول السبع", []found{num("السبع", "7")}},
		{"واحدة after its noun", "سنة واحدة", []found{num("واحدة", "1")}},

		// What is not joined.
		{"two numbers in a range stay two", "بين 50 و60", []found{num("50", "50"), num("60", "60")}},
		{"two tens in a range stay two", "بين خمسين وستين", []found{num("خمسين", "50"), num("ستين", "60")}},
		{"two units stay two", "ثلاثة وأربعة", []found{num("ثلاثة", "3"), num("أربعة", "4")}},
	})
}

func TestSpans(t *testing.T) {
	runCases(t, []ruleCase{
		// Proclitics stay outside.
		{"و before أمس stays outside", "وأمس", []found{date("أمس")}},
		{"و before digits stays outside", "و100 دبابة", []found{num("100", "100")}},
		{"ب before عام stays outside", "بعام 2019", []found{date("عام 2019")}},
		{"ل before عام stays outside", "لعام 2020", []found{date("عام 2020")}},
		{"only the first ل of لل stays outside", "للعام المقبل", []found{date("لعام المقبل")}},
		{"و before a weekday stays outside", "والسبت", []found{date("السبت")}},
		{"a proclitic stack stays outside", "وبنهاية العام", []found{date("نهاية العام")}},
		{"و before a number word stays outside", "وخمسة وعشرين", []found{num("خمسة وعشرين", "25")}},
		{"ب before a number word stays outside", "بثلاثة آلاف", []found{num("ثلاثة آلاف", "3000")}},
		{"a diacritic on the proclitic stays outside", "وَأمس", []found{date("أمس")}},
		{"a word that begins with a proclitic letter keeps it", "واحد وبداية مارس",
			[]found{num("واحد", "1"), date("بداية مارس")}},
		{"ل is not split off a two-letter stem: لست is not six", "لست متأكدا", nil},
		{"the و of a compound number is inside", "ألف وخمسمئة", []found{num("ألف وخمسمئة", "1500")}},

		// Tatweel.
		{"tatweel inside a month name", "مـارس 2014", []found{date("مـارس 2014")}},
		{"tatweel inside a weekday", "الخميـس", []found{date("الخميـس")}},
		{"a preposition with tatweel stays outside", "بـ50 دولارا وبــ2019", []found{num("50", "50"), date("2019")}},

		// Approximators and counted nouns stay outside.
		{"نحو stays outside", "نحو 100 ألف جندي", []found{num("100 ألف", "100000")}},
		{"حوالي stays outside", "حوالي ثلاثين", []found{num("ثلاثين", "30")}},
		{"أكثر من stays outside", "أكثر من 2000 شخص", []found{num("2000", "2000")}},
		{"ما يقرب من stays outside", "ما يقرب من خمسة ملايين", []found{num("خمسة ملايين", "5000000")}},
		{"the unit stays outside", "تسعين طناً", []found{num("تسعين", "90")}},

		// Numbers inside a DATE are not NUM.
		{"the day and year of a date are not NUM", "15 مارس 2014", []found{date("15 مارس 2014")}},
	})
}

func TestNotMarked(t *testing.T) {
	runCases(t, []ruleCase{
		{"ordinals are not NUM", "الجولة الأولى والاجتماع الثاني وللعام الثالث", nil},
		{"a dual noun that only implies two is not NUM", "عضوين ويومين وعامين", nil},
		{"a number with the article is not NUM in a name", "مجموعة العشرين ومجموعة السبع والخمسة الكبار", nil},
		{"a vague plural is not NUM", "آلاف الجنود وعشرات الآلاف ومئات القتلى", nil},
		{"كل واحد is each one", "كل واحد منهم", nil},
		{"واحد من is one of", "واحد من أبرز القادة", nil},
		{"a number inside a weapon's name", "صواريخ إس-400 وطائرات F-16 وكوفيد-19", nil},
		{"a time of day", "الساعة 10:30", nil},
		{"a proclitic after the first word ends a number", "ثلاثة وأربعة", []found{num("ثلاثة", "3"), num("أربعة", "4")}},
	})
}

func TestYearOrCount(t *testing.T) {
	runCases(t, []ruleCase{
		{"a bare year is a date", "انتخابات 2024 الرئاسية", []found{date("2024")}},
		{"a round number is a count", "2000 جندي", []found{num("2000", "2000")}},
		{"a year-like number after an approximator is a count", "نحو 1950 شخصا", []found{num("1950", "1950")}},
		{"after أكثر من too", "أكثر من 2014 شخصا", []found{num("2014", "2014")}},
		{"a number of years after it makes a duration", "قبل 2000 عام", []found{num("2000", "2000")}},
		{"a multiplier after it makes a count", "2014 ألف", []found{num("2014 ألف", "2014000")}},
		{"outside 1900–2100 it is a count", "1500 جندي و2500 دبابة", []found{num("1500", "1500"), num("2500", "2500")}},
	})
}

func TestOffsetsAreBytes(t *testing.T) {
	// "وأمس": و is 2 bytes, أمس 6 bytes: the span is [2, 8).
	ms, err := New().Extract(context.Background(), corpus.Document{Text: "وأمس"})
	require.NoError(t, err)
	require.Len(t, ms, 1)
	assert.Equal(t, corpus.Mention{Start: 2, End: 8, Type: corpus.DATE, Text: "أمس"}, ms[0])
}

func TestValues(t *testing.T) {
	for _, tc := range []struct {
		rule, in, want string
	}{
		// 2.5 × 10^6 = 25 × 10^5 = 2500000
		{"a decimal times a multiplier is an integer when exact", "2.5 مليون", "2500000"},
		// 1.2345678 × 10^6 = 1234567.8: not whole, so the point stays
		{"a decimal times a multiplier that is not whole keeps its point", "1.2345678 مليون", "1234567.8"},
		// (300 + 50) × 1000 = 350000
		{"a compound count times ألف", "ثلاثمائة وخمسون ألفا", "350000"},
		// 2 × 10^6 + 300 × 10^3 = 2300000
		{"two groups", "مليونين وثلاثمئة ألف", "2300000"},
		// 10^9 + 200 × 10^6 = 1200000000
		{"a digit group under a word multiplier", "مليار و200 مليون", "1200000000"},
		// 0.25 × 10^6 = 250000
		{"ربع مليون", "ربع مليون", "250000"},
		// 15 × 10^3 × 10^9 = 15 × 10^12: a multiplier stacked on a smaller one
		{"a multiplier on a multiplier", "15 ألف مليار", "15000000000000"},
		// 26 digits, more than 2^64: written from its digits
		{"a number longer than 64 bits keeps its digits", "12345678901234567890123456", "12345678901234567890123456"},
		{"a long decimal keeps its digits", "0000123456789012345678901234.5000", "123456789012345678901234.5"},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			got := extractAll(t, tc.in)
			require.NotEmpty(t, got)
			assert.Equal(t, tc.want, got[0].value)
		})
	}
}

func TestDecimalPoint(t *testing.T) {
	for _, tc := range []struct {
		rule, in string
		want     int
	}{
		{"no separator", "2019", -1},
		{"a lone dot is a decimal point", "3.5", 1},
		{"a lone dot before three digits is still a decimal point", "1.500", 1},
		{"several dots group thousands", "1.000.000", -1},
		{"a lone comma before three digits groups thousands", "1,000", -1},
		{"a lone comma before other than three digits is a decimal comma", "2,5", 1},
		{"several commas group thousands", "1,000,000", -1},
		{"with both, the last is the decimal point", "1,234.5", 5},
		{"with both the other way round", "1.234,5", 5},
		{"the Arabic decimal separator", "٣٫٥", 2},
		{"the Arabic thousands separator", "١٢٬٠٠٠", -1},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			assert.Equal(t, tc.want, decimalPoint([]byte(tc.in)))
		})
	}
}

func TestDigitOf(t *testing.T) {
	for _, tc := range []struct {
		r    rune
		want int
	}{
		{'7', 7}, {'٧', 7}, {'۷', 7},
		{'\u0967', 1},     // Devanagari one
		{'\U0001D7D9', 1}, // mathematical double-struck one: the second run of ten
		{'a', -1},
	} {
		assert.Equal(t, tc.want, digitOf(tc.r), "%U", tc.r)
	}
}

func TestLexiconWordsAreFolded(t *testing.T) {
	// The folding rules: hamza forms, maqsura, teh marbuta, diacritics and
	// tatweel all reach the same entry.
	for _, pair := range [][2]string{
		{"أبريل", "ابريل"}, {"إحدى", "احدي"}, {"ثلاثة", "ثلاثه"}, {"غداً", "غدا"},
		{"مـــارس", "مارس"}, {"الأربعاء", "الاربعاء"}, {"آلاف", "الاف"},
	} {
		a, _, _, okA := lookup([]byte(pair[0]))
		b, _, _, okB := lookup([]byte(pair[1]))
		assert.True(t, okA && okB, "%s and %s are rule words", pair[0], pair[1])
		assert.Equal(t, a, b, "%s = %s", pair[0], pair[1])
	}
}

func TestExtractStopsWhenCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := New().Extract(ctx, corpus.Document{Text: "في 15 مارس"})
	assert.ErrorIs(t, err, context.Canceled)
}

func TestBadInputDoesNotBreakSpans(t *testing.T) {
	for _, in := range []string{
		"", "\x00\x00", "في \xff15 مارس\xfe", "أمس\u200f", "\u202bاليوم\u202c السبت",
		"(((((", "و", "و و و 5", "مليون و", "12/", "12/02/", "١٢/٠٢/٢٠٢٢",
	} {
		ms, err := New().Extract(context.Background(), corpus.Document{Text: in})
		require.NoError(t, err)
		checkInvariants(t, in, ms)
	}
}

func TestRegistered(t *testing.T) {
	assert.Contains(t, extract.Names(), "rules")
	ex, err := extract.New("rules")
	require.NoError(t, err)
	assert.Equal(t, "rules", ex.Name())
	assert.Equal(t, "rules-1", extract.Version(ex))
}
