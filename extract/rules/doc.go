// Package rules is the built-in "rules" extractor: it finds DATE and NUM
// mentions in Arabic news text by rule, with spans exactly as the annotation
// guidelines (ANNOTATION.md, sections DATE, NUM and span boundaries) define
// them, and the value of every NUM mention.
//
// It registers itself with package extract under the name "rules"; import it
// for its side effect, or call New.
//
// # How it reads a text
//
// The text is split by package tokenize into words, numbers and punctuation
// with byte offsets. Every Arabic word is folded to a lexicon spelling —
// diacritics, tatweel and zero-width characters dropped, أ إ آ ٱ → ا, ى → ي,
// ة → ه — and looked up whole, then without a proclitic: a conjunction (و ف),
// a preposition (ب ل ك) or both. A word the lexicon knows whole keeps its
// first letter (واحد، فبراير، بداية); ل + ل is the preposition and the article
// (للعام = ل + العام). The rules then match over these tokens left to right;
// the first rule that matches at a token wins, DATE before NUM, and matching
// resumes after it, so spans never overlap and digits inside a date are never
// a number.
//
// A proclitic is outside the span only on the first word (وأمس → أمس, و100 →
// 100, بعام 2019 → عام 2019); on a later word it ends the span, except the و
// that joins the parts of a compound number (خمسة وعشرين).
//
// # DATE
//
// The sources are the two month systems of written Arabic and the calendar
// words of news prose:
//   - Weekdays with the article (الأحد … السبت); without it أحد is "one",
//     اثنين is "two".
//   - The Gregorian month names in their Egyptian/Gulf form (يناير … ديسمبر),
//     in their Tunisian/Algerian form borrowed from French (جانفي، فيفري،
//     أفريل، ماي، جوان، جويلية، أوت) and their Moroccan form (يوليوز، غشت،
//     شتنبر، نونبر، دجنبر); the Syriac names of the Levant and Iraq (كانون
//     الثاني، شباط، آذار، نيسان، أيار، حزيران، تموز، آب، أيلول، تشرين الأول،
//     تشرين الثاني، كانون الأول). News text often pairs the two with a slash or
//     brackets: فبراير/شباط، شباط/ فبراير، آب (أغسطس) 2014.
//   - Hijri months, only with a day, a year or شهر, since رمضان and رجب are
//     also given names.
//   - Day, month and year in any combination, with a day in digits or as an
//     ordinal (الأول من مارس، الحادي عشر من سبتمبر), a year after the month,
//     in brackets (11 سبتمبر (2001)) or with (من) عام, and a deictic year
//     (15 مارس العام الماضي), with the era letter glued to a year inside
//     (2019م، 1445هـ); numeric dates (12/02/2022، 2022-02-12).
//   - A directly preceding يوم، عام، العام، شهر, inside the span; سنة outside.
//   - Decades and centuries, the calendar units above the year
//     (الثمانينيات من القرن الماضي، تسعينيات القرن العشرين، القرن الحادي
//     والعشرين).
//   - The modifiers أوائل، أواسط، أواخر، مطلع، منتصف، نهاية، بداية on a calendar
//     unit (a month, a year, a decade, الأسبوع/الشهر/العام/السنة/القرن).
//   - Calendar deictics: أمس (أمس الأول، أول من أمس)، غدا (بعد غد)، اليوم when
//     it means today, a unit with its deictic (الأسبوع المقبل، الشهر الماضي،
//     العام الجاري) and هذا العام; a weekday with its deictic (الخميس الماضي)
//     or after أمس/اليوم/غدا (اليوم السبت) is one span.
//
// Some month names are also common words (مارس "he practised", نيسان the
// company, ماي the surname, آب/أب): they are dates only with a day, a year,
// a deictic, a paired name or a preposition such as في or منذ around them.
// اليوم is today unless the words around it make it "the day": an ordinal or
// an adjective after it (اليوم الأول، اليوم التالي، اليوم نفسه), a
// demonstrative, نفس or طوال before it, في or خلال before it (per day, during
// the day), a preposition glued to it (باليوم). A four-digit number from 1900
// to 2100 with nothing calendar-like before it is a year unless an
// approximator comes before it, a multiplier or a word for years after it, or
// it is a round hundred (2000 جندي).
//
// # NUM
//
// The source is the grammar of Arabic cardinals: units with their masculine
// and feminine forms, the teens (ثلاثة عشر، أحد عشر، اثنتا عشرة), the tens in
// -ون and -ين, the hundreds (مئة and the classical مائة, joined to their unit
// from three to nine: ثلاثمئة), and the multipliers ألف، مليون، مليار،
// تريليون with their duals (ألفان، مليونين: a number by themselves) and
// plurals (آلاف، ملايين: only after a count). A compound is read in its
// written order — thousands, hundreds, then units before tens (ألفين
// وأربعمئة وثلاثة وعشرون = 2423) — and a و joins only a smaller part to a
// larger one, so ranges (بين 50 و60، بين خمسين وستين) stay two numbers.
// Digits of any script take separators inside (1,500، ٣٫٥، 1.234.567) and a
// multiplier after them (100 ألف، 2.5 مليون).
//
// Outside the span: approximators (نحو، حوالي، أكثر من), the counted noun or
// unit (100 ألف جندي → 100 ألف), percent signs. Not NUM: ordinals (الأولى،
// الثاني), dual nouns that only imply two (عضوين، يومين), vague plurals (آلاف
// الجنود، عشرات), كل واحد and واحد من, numbers glued by a hyphen to a name
// (إس-400، كوفيد-19), times of day (10:30). A number word after its noun
// counts (يوم واحد → واحد), and so does a cardinal with the article right
// after the definite noun it agrees with (الأشهر الثلاثة → الثلاثة); after an
// indefinite noun it heads a name (مجموعة السبع، مجموعة العشرين).
//
// A value is ASCII digits with no separators: the decimal separator becomes a
// point, a multiplier is applied exactly (2.5 مليون → 2500000), and a point is
// kept only when the value is not whole.
package rules
