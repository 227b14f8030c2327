package rules

import "fmt"

// cat is what a token is to the rules: a kind of token (digits, punctuation)
// or the class of a lexicon word.
type cat uint8

const (
	cNone   cat = iota // any other token
	cDigits            // a number token (digits of any script)
	cPunct             // a punctuation or symbol token; val is its rune
	cWa                // a lone و

	// DATE words.
	cWeekday    // الأحد … السبت; val 0–6
	cMonth      // a month name that is one word; val 1–12
	cMonthHead  // كانون, تشرين: a month with الأول or الثاني after it
	cHijri      // a one-word Hijri month; val 1–12
	cHijriHead  // ربيع, جمادى, ذو/ذي: a Hijri month with its second word after it
	cHijriTail  // the second word of a two-word Hijri month
	cOrdinal    // الأول … العاشر, الحادي: a day of the month as an ordinal; val 1–10
	cOrdTens    // العشرين, الثلاثين; val 20, 30
	cDeictic    // الماضي, المقبل, ...: points a calendar unit at now
	cUnitWord   // الأسبوع, الشهر, العام, السنة, القرن; val is unitWeek … unitCentury
	cThis       // هذا, هذه
	cModifier   // أوائل, أواسط, أواخر, مطلع, منتصف, نهاية, بداية
	cYaum       // يوم
	cAam        // عام
	cAamDual    // عامي (the two years)
	cShahr      // شهر
	cYesterday  // أمس, الأمس, البارحة
	cTomorrow   // غدا (val 1), غد (val 0: only after يوم or بعد)
	cToday      // اليوم
	cAwwal      // أول, in أول من أمس
	cMin        // من
	cBaad       // بعد: introduces a year, and بعد غد
	cYearIntro  // في, منذ, حتى, ...: a preposition that introduces a date
	cTimeOfDay  // صباح, مساء, ...: a part of the day before a day word
	cNotToday   // ذلك, نفس, طوال, ...: before اليوم, it is "the day", not today
	cDayAdj     // التالي, نفسه, الذي, ...: after اليوم, it is "the day", not today
	cApprox     // نحو, حوالي, قرابة, زهاء, يقارب
	cApproxHead // أكثر, أقل, يقرب: an approximator with من after it
	cEvery      // كل: كل واحد is "each one", not a count
	cYears      // عاما, أعوام, سنوات: years counted (a duration)
	cEra        // a lone م or هـ: the era letter glued to a year (2019م)
	cDecade     // التسعينيات, تسعينات: a decade

	// NUM words.
	cUnit     // واحد … عشرة; val 1–10
	cUnitDef  // الثلاثة … العشرة: a definite unit, 3–10, after its noun (الأشهر الثلاثة)
	cTeenHead // أحد, إحدى (val 1), اثنا, اثني, اثنتا, اثنتي (val 2): only before عشر
	cTens     // عشرون … تسعون; val 20–90
	cHundreds // مئة … تسعمئة, مئتان; val 100–900
	cMult     // ألف, مليون, مليار, تريليون and their duals and plurals; val is the power of ten
	cFraction // نصف (val 2), ربع (val 4): a fraction of a multiplier
)

// The calendar units of cUnitWord.
const (
	unitWeek    = 1 + iota // الأسبوع
	unitMonth              // الشهر
	unitYear               // العام: also stands before a year number (العام 2019)
	unitSanah              // السنة
	unitCentury            // القرن
)

// Flags in entry.sub.
const (
	// subAmbiguous marks a month name that is also a common word or name
	// (مارس "he practised", آب/أب, نيسان "Nissan", ماي "May" the surname,
	// جوان, أوت, غشت): it is a month only with calendar context around it.
	subAmbiguous uint8 = 1 << iota
	// subWeekdayDeictic marks a deictic that also follows a weekday
	// (الخميس الماضي); الجاري and الحالي follow only longer units.
	subWeekdayDeictic
	// subCompound marks الحادي, which is a day only in a compound ordinal
	// (الحادي عشر، الحادي والعشرين).
	subCompound
	// subMiaa marks the bare مئة/مائة, which multiplies a unit before it
	// (ثلاث مئة = 300).
	subMiaa
	// subDual and subPlural mark the dual (ألفان, مليونين) and the plural
	// (آلاف, ملايين) forms of a multiplier. A dual is a number by itself
	// (ألفان = 2000); a plural only after a count (ثلاثة آلاف), since
	// آلاف alone ("thousands") has no value.
	subDual
	subPlural
)

// entry is what the lexicon knows about a word.
type entry struct {
	cat cat
	sub uint8
	val int32
}

// lexicon maps a folded word (see folded.fold) to its entry. It is built once
// and only read afterwards, so concurrent lookups are safe.
var lexicon = map[string]entry{}

// add puts words into the lexicon with the same entry. Each word is folded
// first, so the table may be written with its usual hamza and teh marbuta.
func add(c cat, sub uint8, val int32, words ...string) {
	for _, w := range words {
		var f folded
		if !f.fold([]byte(w)) {
			panic(fmt.Sprintf("rules: lexicon word %q does not fold", w))
		}
		k := string(f.key[:2*f.n])
		if old, dup := lexicon[k]; dup && old != (entry{c, sub, val}) {
			panic(fmt.Sprintf("rules: lexicon word %q has two entries", w))
		}
		lexicon[k] = entry{c, sub, val}
		shapes.add(f.key[:2*f.n])
	}
}

func init() {
	// Weekdays, with the article as news text writes them. Without it
	// أحد is "one (of)", اثنين is "two", خميس a given name.
	add(cWeekday, 0, 0, "الأحد")
	add(cWeekday, 0, 1, "الاثنين", "الإثنين")
	add(cWeekday, 0, 2, "الثلاثاء")
	add(cWeekday, 0, 3, "الأربعاء")
	add(cWeekday, 0, 4, "الخميس")
	add(cWeekday, 0, 5, "الجمعة")
	add(cWeekday, 0, 6, "السبت")

	// The Gregorian months in their Egyptian/Gulf form (يناير …), with the
	// spellings of the Maghreb: Tunisia and Algeria borrow the French names
	// (جانفي، فيفري، أفريل، ماي، جوان، جويلية، أوت), Morocco has its own
	// (يوليوز، غشت، شتنبر، نونبر، دجنبر).
	add(cMonth, 0, 1, "يناير", "جانفي")
	add(cMonth, 0, 2, "فبراير", "فيفري", "فبرير")
	add(cMonth, subAmbiguous, 3, "مارس")
	add(cMonth, 0, 4, "أبريل", "إبريل", "أفريل", "ابريل")
	add(cMonth, 0, 5, "مايو")
	add(cMonth, subAmbiguous, 5, "ماي")
	add(cMonth, 0, 6, "يونيو", "يونيه")
	add(cMonth, subAmbiguous, 6, "جوان")
	add(cMonth, 0, 7, "يوليو", "يوليه", "جويلية", "يوليوز")
	add(cMonth, 0, 8, "أغسطس", "أغسطوس")
	add(cMonth, subAmbiguous, 8, "أوت", "غشت")
	add(cMonth, 0, 9, "سبتمبر", "شتنبر")
	add(cMonth, 0, 10, "أكتوبر")
	add(cMonth, 0, 11, "نوفمبر", "نونبر")
	add(cMonth, 0, 12, "ديسمبر", "دجنبر", "دیسمبر")

	// The Syriac month names of the Levant and Iraq. كانون and تشرين name two
	// months each, told apart by الأول/الثاني after them.
	add(cMonthHead, 0, 1, "كانون")
	add(cMonthHead, 0, 2, "تشرين")
	add(cMonth, 0, 2, "شباط")
	add(cMonth, 0, 3, "آذار")
	add(cMonth, subAmbiguous, 4, "نيسان")
	add(cMonth, 0, 5, "أيار")
	add(cMonth, 0, 6, "حزيران")
	add(cMonth, 0, 7, "تموز")
	add(cMonth, subAmbiguous, 8, "آب")
	add(cMonth, 0, 9, "أيلول")

	// The Hijri months: each is also a given name or a common word
	// (رمضان قديروف، رجب طيب أردوغان، صفر "zero"), so they are dates only
	// with a day number before or a year after them.
	add(cHijri, 0, 1, "محرم")
	add(cHijri, 0, 2, "صفر")
	add(cHijriHead, 0, 3, "ربيع")
	add(cHijriHead, 0, 5, "جمادى", "جمادي")
	add(cHijri, 0, 7, "رجب")
	add(cHijri, 0, 8, "شعبان")
	add(cHijri, 0, 9, "رمضان")
	add(cHijri, 0, 10, "شوال")
	add(cHijriHead, 0, 11, "ذو", "ذي")
	add(cHijriTail, 0, 2, "الآخر", "الآخرة", "الثانية")
	add(cHijriTail, 0, 1, "الأولى")
	add(cHijriTail, 0, 11, "القعدة")
	add(cHijriTail, 0, 12, "الحجة")

	// Ordinal days (الأول من مارس، الحادي عشر من سبتمبر). الأول and الثاني
	// also end كانون/تشرين and ربيع.
	add(cOrdinal, 0, 1, "الأول")
	add(cOrdinal, subCompound, 1, "الحادي")
	add(cOrdinal, 0, 2, "الثاني")
	add(cOrdinal, 0, 3, "الثالث")
	add(cOrdinal, 0, 4, "الرابع")
	add(cOrdinal, 0, 5, "الخامس")
	add(cOrdinal, 0, 6, "السادس")
	add(cOrdinal, 0, 7, "السابع")
	add(cOrdinal, 0, 8, "الثامن")
	add(cOrdinal, 0, 9, "التاسع")
	add(cOrdinal, 0, 10, "العاشر")
	add(cOrdTens, 0, 20, "العشرين")
	add(cOrdTens, 0, 30, "الثلاثين")

	// Deictics that anchor a calendar unit to the time of writing.
	add(cDeictic, subWeekdayDeictic, 0,
		"الماضي", "الماضية", "المقبل", "المقبلة", "القادم", "القادمة",
		"المنصرم", "المنصرمة", "الفائت", "الفائتة")
	add(cDeictic, 0, 0, "الجاري", "الجارية", "الحالي", "الحالية")

	add(cUnitWord, 0, unitWeek, "الأسبوع")
	add(cUnitWord, 0, unitMonth, "الشهر")
	add(cUnitWord, 0, unitYear, "العام")
	add(cUnitWord, 0, unitSanah, "السنة")
	add(cUnitWord, 0, unitCentury, "القرن")
	// Decades: the plural of the tens in -يات (or -ات), with the article or
	// as the head of a construct (تسعينيات القرن الماضي).
	for _, tens := range []string{"عشرين", "ثلاثين", "أربعين", "خمسين", "ستين", "سبعين", "ثمانين", "تسعين"} {
		add(cDecade, 0, 0, "ال"+tens+"يات", "ال"+tens+"ات", tens+"يات", tens+"ات")
	}
	add(cThis, 0, 0, "هذا", "هذه")
	add(cModifier, 0, 0, "أوائل", "أواسط", "أواخر", "مطلع", "منتصف", "نهاية", "بداية")
	add(cYaum, 0, 0, "يوم")
	add(cAam, 0, 0, "عام")
	add(cAamDual, 0, 0, "عامي")
	add(cShahr, 0, 0, "شهر")
	add(cYesterday, 0, 0, "أمس", "الأمس", "البارحة")
	add(cTomorrow, 0, 1, "غدا")
	add(cTomorrow, 0, 0, "غد")
	add(cToday, 0, 0, "اليوم")
	add(cAwwal, 0, 0, "أول")
	add(cMin, 0, 0, "من")
	add(cBaad, 0, 0, "بعد")
	add(cYearIntro, 0, introFi, "في")
	add(cYearIntro, 0, introKhilal, "خلال")
	add(cYearIntro, 0, introSanah, "سنة")
	add(cYearIntro, 0, 0, "منذ", "حتى", "قبل", "بين", "لغاية", "إلى")
	add(cYears, 0, 0, "عاما", "أعوام", "سنوات", "سنين")
	add(cTimeOfDay, 0, 0, "صباح", "مساء", "ظهر", "عصر", "فجر", "ليلة", "ليل", "ظهيرة", "صبيحة")
	add(cNotToday, 0, 0, "ذلك", "تلك", "نفس", "طوال", "طيلة", "مدار", "آخر")
	add(cDayAdj, 0, 0,
		"التالي", "السابق", "الأخير", "الموالي", "العالمي", "الدولي", "الوطني",
		"المحدد", "المقرر", "الموعود", "المشهود", "الموافق", "نفسه", "ذاته", "الذي")
	add(cApprox, 0, 0, "نحو", "حوالي", "حوالى", "قرابة", "زهاء", "يقارب", "ناهز", "يناهز", "قرابه")
	add(cApproxHead, 0, 0, "أكثر", "أقل", "أزيد", "يقرب", "أقرب")
	add(cEvery, 0, 0, "كل")

	// Cardinal number words. Units have a masculine and a feminine form
	// (ثلاث/ثلاثة by the counted noun's gender, reversed) and واحد/اثنان
	// inflect for case; the tens have a nominative -ون and an oblique -ين form.
	add(cUnit, 0, 1, "واحد", "واحدة", "واحدا")
	add(cUnit, 0, 2, "اثنان", "اثنين", "اثنتان", "اثنتين", "ثنتان", "ثنتين")
	add(cUnit, 0, 3, "ثلاث", "ثلاثة")
	add(cUnit, 0, 4, "أربع", "أربعة")
	add(cUnit, 0, 5, "خمس", "خمسة")
	add(cUnit, 0, 6, "ست", "ستة")
	add(cUnit, 0, 7, "سبع", "سبعة")
	add(cUnit, 0, 8, "ثمان", "ثماني", "ثمانية")
	add(cUnit, 0, 9, "تسع", "تسعة")
	add(cUnit, 0, 10, "عشر", "عشرة")
	// A unit with the article agrees with a definite noun before it and
	// counts it (الأشهر الثلاثة، جمهورياته الخمس عشرة). The ordinals have other
	// forms (الثالث، الخامس), so these are cardinals; الواحد and الاثنين are
	// left out, as an adjective "single" and Monday.
	for u, forms := range [][]string{
		{"الثلاث", "الثلاثة"}, {"الأربع", "الأربعة"}, {"الخمس", "الخمسة"}, {"الست", "الستة"},
		{"السبع", "السبعة"}, {"الثماني", "الثمانية"}, {"التسع", "التسعة"}, {"العشر", "العشرة"},
	} {
		add(cUnitDef, 0, int32(u+3), forms...)
	}
	add(cTeenHead, 0, 1, "أحد", "إحدى")
	add(cTeenHead, 0, 2, "اثنا", "اثني", "اثنتا", "اثنتي")
	add(cTens, 0, 20, "عشرون", "عشرين")
	add(cTens, 0, 30, "ثلاثون", "ثلاثين")
	add(cTens, 0, 40, "أربعون", "أربعين")
	add(cTens, 0, 50, "خمسون", "خمسين")
	add(cTens, 0, 60, "ستون", "ستين")
	add(cTens, 0, 70, "سبعون", "سبعين")
	add(cTens, 0, 80, "ثمانون", "ثمانين")
	add(cTens, 0, 90, "تسعون", "تسعين")

	// Hundreds: مئة is the modern spelling, مائة the classical one (its alef
	// is not pronounced); from three to nine the unit is joined to it.
	add(cHundreds, subMiaa, 100, "مئة", "مائة")
	add(cHundreds, 0, 200, "مئتان", "مئتين", "مائتان", "مائتين", "مئتا", "مئتي", "مائتا", "مائتي")
	for u, w := range []string{"ثلاث", "أربع", "خمس", "ست", "سبع", "ثمان", "تسع"} {
		add(cHundreds, 0, int32(u+3)*100, w+"مئة", w+"مائة")
	}
	add(cHundreds, 0, 800, "ثمانيمئة", "ثمانيمائة")

	// Multipliers: singular (also the accusative with tanween alef, ألفاً),
	// dual (nominative -ان, oblique -ين, construct without nun) and plural.
	add(cMult, 0, 3, "ألف", "ألفا")
	add(cMult, subDual, 3, "ألفان", "ألفين", "ألفي")
	add(cMult, subPlural, 3, "آلاف", "ألوف")
	add(cMult, 0, 6, "مليون", "مليونا")
	add(cMult, subDual, 6, "مليونان", "مليونين", "مليوني")
	add(cMult, subPlural, 6, "ملايين")
	add(cMult, 0, 9, "مليار", "مليارا", "بليون", "بليونا")
	add(cMult, subDual, 9, "ملياران", "مليارين", "ملياري", "بليونان", "بليونين")
	add(cMult, subPlural, 9, "مليارات", "بلايين")
	add(cMult, 0, 12, "تريليون", "تريليونا", "ترليون", "ترليونا")
	add(cMult, subDual, 12, "تريليونان", "تريليونين", "ترليونان", "ترليونين")
	add(cMult, subPlural, 12, "تريليونات", "ترليونات")
	add(cFraction, 0, 2, "نصف")
	add(cFraction, 0, 4, "ربع")
}
