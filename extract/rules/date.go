package rules

// The DATE rules. Each rule is a function of the token where it starts that
// returns the token just after the expression it recognizes (k) and whether
// it recognized one. date tries them in turn at each token.

// The prepositions of cYearIntro that make a following اليوم "the day" rather
// than "today": في اليوم (on the day, per day), خلال اليوم (during the day).
// introSanah marks سنة, which introduces a year (سنة 2019) but after a number
// counts years (2000 سنة).
const (
	introFi     = 1
	introKhilal = 2
	introSanah  = 3
)

// date matches a DATE expression at token i and returns its tokens
// [first, end). first is i except after عامي, which stays outside the span.
func (m *matcher) date(i int) (first, end int, ok bool) {
	var k int
	switch m.ws[i].cat {
	case cModifier:
		k, ok = m.modified(i)
	case cYaum:
		k, ok = m.dayAfterYaum(i + 1)
	case cShahr:
		k, ok = m.month(i+1, ctxNoun)
	case cAam:
		k, ok = m.yearAfterAam(i + 1)
	case cUnitWord:
		if k, ok = m.unitDeictic(i); !ok {
			switch m.ws[i].val {
			case unitYear:
				k, ok = m.yearAfterAam(i + 1)
			case unitCentury:
				k, ok = m.century(i)
			}
		}
	case cDecade:
		k, ok = m.decade(i)
	case cThis:
		k, ok = m.thisUnit(i)
	case cAwwal:
		k, ok = m.dayBeforeYesterday(i)
	case cBaad:
		// بعد غد: the day after tomorrow.
		if m.plain(i+1, cTomorrow) {
			k, ok = i+2, true
		}
	case cToday:
		k, ok = m.today(i)
	case cYesterday:
		k, ok = m.yesterday(i)
	case cTomorrow:
		k, ok = m.tomorrow(i, false)
	case cWeekday:
		k, ok = m.weekday(i)
	case cOrdinal, cOrdTens:
		k, ok = m.dayMonth(i)
	case cMonth, cMonthHead, cHijri, cHijriHead:
		ctx := ctxNone
		if m.introduced(i) || m.coordinated(i) {
			ctx = ctxPrep
		}
		k, ok = m.month(i, ctx)
	case cAamDual:
		// بين عامي 2014 و2022: عامي is a dual noun, outside the span; each
		// year is a DATE (the second through coordinated).
		if m.yearNumber(i + 1) {
			return i + 1, m.era(i + 2), true
		}
	case cDigits:
		if k, ok = m.numericDate(i); !ok {
			if k, ok = m.dayMonth(i); !ok && m.bareYear(i) {
				k, ok = m.era(i+1), true
			}
		}
	}
	return i, k, ok
}

// introduced reports whether token i follows a preposition that introduces
// a date (في مارس، منذ آب، بعد نيسان).
func (m *matcher) introduced(i int) bool {
	if i == 0 {
		return false
	}
	c := m.ws[i-1].cat
	return c == cYearIntro || c == cBaad
}

// coordinated reports whether token i is joined by و to the DATE just
// before it: in فبراير ومارس the و is the proclitic of token i; in 2014 و2022
// it is a token of its own, glued to the digits.
func (m *matcher) coordinated(i int) bool {
	if m.ws[i].pre == preWa && m.lastDateEnd == i {
		return true
	}
	return i > 0 && m.ws[i-1].cat == cWa && m.adjacent(i-1) && m.lastDateEnd == i-1
}

// dayNumber reports whether token j is a day of the month in digits: one or
// two digits, 1–31.
func (m *matcher) dayNumber(j int) bool {
	return j < len(m.ws) && m.ws[j].cat == cDigits && m.ws[j].nd >= 1 && m.ws[j].nd <= 2 &&
		m.ws[j].val >= 1 && m.ws[j].val <= 31
}

// yearNumber reports whether token j is a year in four digits (1000–2199),
// as it follows a month name.
func (m *matcher) yearNumber(j int) bool {
	return j < len(m.ws) && m.ws[j].cat == cDigits && m.ws[j].nd == 4 &&
		m.ws[j].val >= 1000 && m.ws[j].val <= 2199
}

// yearAfterAam matches the year number after عام or العام (عام 2019):
// after these nouns any number up to four digits is a year.
func (m *matcher) yearAfterAam(j int) (int, bool) {
	if j < len(m.ws) && m.ws[j].cat == cDigits && m.ws[j].nd >= 1 && m.ws[j].nd <= 4 &&
		m.ws[j].val >= 1 && m.ws[j].val <= 2199 {
		return m.era(j + 1), true
	}
	return 0, false
}

// era extends a year that ends before token k over an era letter glued to it
// (2019م for ميلادي, 1445هـ for هجري), which reads as part of the year.
func (m *matcher) era(k int) int {
	if k < len(m.ws) && m.ws[k].cat == cEra && m.adjacent(k-1) {
		return k + 1
	}
	return k
}

// monthName matches one month name at j: a one-word month, كانون/تشرين with
// الأول/الثاني, or a Hijri month (one word, or two: ربيع الأول، ذو الحجة).
func (m *matcher) monthName(j int) (k int, ambiguous, hijri, ok bool) {
	if j >= len(m.ws) || (j != m.lead && m.ws[j].pre != preNone) {
		return 0, false, false, false
	}
	w := m.ws[j]
	switch w.cat {
	case cMonth:
		return j + 1, w.sub&subAmbiguous != 0, false, true
	case cMonthHead:
		if m.plain(j+1, cOrdinal) && m.ws[j+1].sub == 0 && m.ws[j+1].val <= 2 {
			return j + 2, false, false, true
		}
	case cHijri:
		return j + 1, false, true, true
	case cHijriHead:
		if j+1 < len(m.ws) && m.ws[j+1].pre == preNone {
			t := m.ws[j+1]
			pair := (t.cat == cOrdinal && t.sub == 0 && t.val <= 2) || t.cat == cHijriTail
			if w.val == 11 { // ذو/ذي: only القعدة, الحجة
				pair = t.cat == cHijriTail && t.val >= 11
			} else if t.cat == cHijriTail && t.val >= 11 {
				pair = false
			}
			if pair {
				return j + 2, false, true, true
			}
		}
	}
	return 0, false, false, false
}

// monthContext is what stands before a month name, from weakest to strongest.
type monthContext uint8

const (
	ctxNone monthContext = iota
	ctxPrep              // a preposition (في مارس) or a coordinated date (فبراير ومارس)
	ctxNoun              // شهر or a modifier (شهر رمضان، مطلع آذار)
	ctxDay               // a day of the month (15 مارس، الأول من رجب)
)

// month matches a month expression at j: the month name, an alternative name
// after a slash or in brackets (فبراير/شباط، شباط/ فبراير، آب (أغسطس)), then
// a year (2014, (2001), عام 2014, من العام 2014) or a deictic (الماضي, العام
// الماضي, من العام المقبل). ctx is what stands before it. An ambiguous month
// name needs some context on either side; a Hijri month, whose names are
// also given names, needs شهر, a modifier or a day before it, or a year
// after it.
func (m *matcher) month(j int, ctx monthContext) (int, bool) {
	k, ambiguous, hijri, ok := m.monthName(j)
	if !ok {
		return 0, false
	}
	alt := false
	switch {
	case m.punct(k, '/') || m.punct(k, '-'):
		if k2, _, _, ok := m.monthName(k + 1); ok {
			k, alt = k2, true
		}
	case m.punct(k, '('):
		if k2, _, _, ok := m.monthName(k + 1); ok && m.punct(k2, ')') {
			k, alt = k2+1, true
		}
	}
	year, deictic := false, false
	switch {
	case m.yearNumber(k):
		k, year = m.era(k+1), true
	case m.punct(k, '(') && m.yearNumber(k+1) && m.punct(k+2, ')'):
		// 11 سبتمبر (2001): a bracket opened inside the span closes inside it.
		k, year = k+3, true
	default:
		k2 := k
		if m.plain(k2, cMin) {
			k2++
		}
		if m.plain(k2, cAam) || (m.plain(k2, cUnitWord) && m.ws[k2].val == unitYear) {
			if k3, ok := m.yearAfterAam(k2 + 1); ok {
				k, year = k3, true
				break
			}
		}
		if k3, ok := m.unitDeictic(k2); ok && m.ws[k2].val >= unitYear {
			// 15 مارس العام الماضي: a date with a following deictic year.
			k, deictic = k3, true
			break
		}
		if m.plain(k, cDeictic) {
			k, deictic = k+1, true
		}
	}
	switch {
	case hijri && ctx < ctxNoun && !year:
		return 0, false
	case ambiguous && ctx == ctxNone && !alt && !year && !deictic:
		return 0, false
	}
	return k, true
}

// dayMonth matches a day of the month and what follows it: a month
// expression (15 مارس، الأول من آذار 2014) or الشهر with a deictic (15 من الشهر
// الجاري). The day is one or two digits (or two days joined by و: 5 و6 مارس)
// or an ordinal; من may stand between.
func (m *matcher) dayMonth(j int) (int, bool) {
	k := j
	switch {
	case m.dayNumber(k):
		k++
		if k+1 < len(m.ws) && m.ws[k].cat == cWa && m.adjacent(k) && m.dayNumber(k+1) {
			k += 2 // 5 و6 مارس: two days of one month are one date
		}
	default:
		k2, ok := m.ordinalDay(k)
		if !ok {
			return 0, false
		}
		k = k2
	}
	if m.plain(k, cMin) {
		k++
	}
	if e, ok := m.month(k, ctxDay); ok {
		return e, true
	}
	if m.plain(k, cUnitWord) && m.ws[k].val == unitMonth && m.plain(k+1, cDeictic) {
		return k + 2, true
	}
	return 0, false
}

// ordinalDay matches a day written as an ordinal: الأول … العاشر, الحادي عشر
// … التاسع عشر, العشرين, الحادي والعشرين … الثلاثين, الحادي والثلاثين.
func (m *matcher) ordinalDay(j int) (int, bool) {
	if m.word(j, cOrdTens) {
		return j + 1, true
	}
	if !m.word(j, cOrdinal) {
		return 0, false
	}
	v, k, compound := m.ws[j].val, j+1, false
	switch {
	case v <= 9 && m.plain(k, cUnit) && m.ws[k].val == 10:
		v, k, compound = v+10, k+1, true
	case v <= 9 && k < len(m.ws) && m.ws[k].cat == cOrdTens && m.ws[k].pre == preWa:
		v, k, compound = v+m.ws[k].val, k+1, true
	}
	if (m.ws[j].sub&subCompound != 0 && !compound) || v > 31 {
		return 0, false
	}
	return k, true
}

// weekday matches a weekday with what may follow it: a deictic (الخميس
// الماضي) or a date (السبت 12 فبراير/شباط 2022).
func (m *matcher) weekday(j int) (int, bool) {
	if !m.word(j, cWeekday) {
		return 0, false
	}
	k := j + 1
	if m.plain(k, cDeictic) && m.ws[k].sub&subWeekdayDeictic != 0 {
		return k + 1, true
	}
	if e, ok := m.dayMonth(k); ok {
		return e, true
	}
	return k, true
}

// dayAfterYaum matches what a preceding يوم joins: a weekday (يوم الأحد), a
// date (يوم 15 مارس), أمس, غد.
func (m *matcher) dayAfterYaum(j int) (int, bool) {
	if j >= len(m.ws) || m.ws[j].pre != preNone {
		return 0, false
	}
	if k, ok := m.weekday(j); ok {
		return k, true
	}
	if k, ok := m.dayMonth(j); ok {
		return k, true
	}
	if k, ok := m.numericDate(j); ok {
		return k, true
	}
	if k, ok := m.yesterday(j); ok {
		return k, true
	}
	return m.tomorrow(j, true)
}

// yesterday matches أمس (الأمس، البارحة) with أمس الأول (the day before
// yesterday) or a following weekday (أمس الجمعة) in the same span.
func (m *matcher) yesterday(j int) (int, bool) {
	if !m.word(j, cYesterday) {
		return 0, false
	}
	k := j + 1
	if (m.plain(k, cOrdinal) && m.ws[k].val == 1 && m.ws[k].sub == 0) || m.plain(k, cWeekday) {
		k++
	}
	return k, true
}

// dayBeforeYesterday matches أول من أمس and أول أمس.
func (m *matcher) dayBeforeYesterday(j int) (int, bool) {
	k := j + 1
	if m.plain(k, cMin) {
		k++
	}
	if m.plain(k, cYesterday) {
		return k + 1, true
	}
	return 0, false
}

// tomorrow matches غدا (غداً) with a following weekday (غدا الأحد). The bare
// غد is tomorrow only when anchored by يوم or بعد before it.
func (m *matcher) tomorrow(j int, anchored bool) (int, bool) {
	if !m.word(j, cTomorrow) || (m.ws[j].val == 0 && !anchored) {
		return 0, false
	}
	k := j + 1
	if m.plain(k, cWeekday) {
		k++
	}
	return k, true
}

// today decides whether اليوم means today, the calendar deictic, or "the
// day". It is today followed by a weekday (اليوم السبت) — one span — and
// otherwise today unless the words around it make it a day of something:
// a preposition glued to it (باليوم، لليوم), في or خلال before it (per day,
// during the day), a demonstrative or a word like نفس، طوال before it, a
// modifier before it (منتصف اليوم is a time of day), or an ordinal or an
// adjective after it (اليوم الأول، اليوم التالي، اليوم نفسه، اليوم الذي).
// A part of the day before it (صباح اليوم) keeps it today.
func (m *matcher) today(i int) (int, bool) {
	if m.ws[i].pre == prePrep {
		return 0, false
	}
	if m.plain(i+1, cWeekday) {
		return i + 2, true
	}
	if i > 0 {
		switch p := m.ws[i-1]; p.cat {
		case cNotToday, cThis, cModifier:
			return 0, false
		case cYearIntro:
			if p.val == introFi || p.val == introKhilal {
				return 0, false
			}
		}
	}
	if j := i + 1; j < len(m.ws) && m.ws[j].pre == preNone {
		switch m.ws[j].cat {
		case cDayAdj, cOrdinal, cOrdTens:
			return 0, false
		}
	}
	return i + 1, true
}

// unitDeictic matches a calendar unit with its deictic: الأسبوع الماضي، الشهر
// المقبل، العام الجاري، السنة الماضية.
func (m *matcher) unitDeictic(j int) (int, bool) {
	if m.word(j, cUnitWord) && m.plain(j+1, cDeictic) {
		return j + 2, true
	}
	return 0, false
}

// century matches القرن with an ordinal (القرن التاسع عشر، القرن الحادي
// والعشرين) or a deictic (القرن الماضي).
func (m *matcher) century(j int) (int, bool) {
	if !m.word(j, cUnitWord) || m.ws[j].val != unitCentury {
		return 0, false
	}
	if k, ok := m.unitDeictic(j); ok {
		return k, true
	}
	if j+1 < len(m.ws) && m.ws[j+1].pre == preNone {
		if k, ok := m.ordinalDay(j + 1); ok {
			return k, true
		}
	}
	return 0, false
}

// decade matches a decade (الثمانينيات) with the century it is of, after
// من or as a construct (الثمانينيات من القرن الماضي، تسعينيات القرن العشرين).
func (m *matcher) decade(j int) (int, bool) {
	if !m.word(j, cDecade) {
		return 0, false
	}
	k := j + 1
	if m.plain(k, cMin) {
		if e, ok := m.century(k + 1); ok {
			return e, true
		}
	}
	if m.plain(k, cUnitWord) {
		if e, ok := m.century(k); ok {
			return e, true
		}
	}
	return k, true
}

// thisUnit matches هذا العام, هذا الأسبوع, هذا الشهر, هذه السنة.
func (m *matcher) thisUnit(j int) (int, bool) {
	if m.word(j, cThis) && m.plain(j+1, cUnitWord) {
		return j + 2, true
	}
	return 0, false
}

// modified matches a modifier (أوائل، أواسط، أواخر، مطلع، منتصف، نهاية، بداية)
// on a calendar unit: a month (أواخر شباط/ فبراير 2022، مطلع شهر مارس), a year
// (مطلع عام 2020، منتصف 2019), a decade or a century (أواخر الثمانينيات،
// مطلع القرن العشرين), or a unit, with or without its deictic (نهاية
// الأسبوع، أواخر العام الماضي، مطلع هذا العام). On anything else (نهاية الحرب)
// it is not a date.
func (m *matcher) modified(i int) (int, bool) {
	j := i + 1
	if j >= len(m.ws) || m.ws[j].pre != preNone {
		return 0, false
	}
	if m.plain(j, cShahr) {
		if k, ok := m.month(j+1, ctxNoun); ok {
			return k, true
		}
	}
	if k, ok := m.month(j, ctxNoun); ok {
		return k, true
	}
	if m.plain(j, cAam) || (m.plain(j, cUnitWord) && m.ws[j].val == unitYear) {
		if k, ok := m.yearAfterAam(j + 1); ok {
			return k, true
		}
	}
	if m.yearNumber(j) {
		return m.era(j + 1), true
	}
	if k, ok := m.unitDeictic(j); ok {
		return k, true
	}
	if k, ok := m.thisUnit(j); ok {
		return k, true
	}
	if k, ok := m.decade(j); ok {
		return k, true
	}
	if k, ok := m.century(j); ok {
		return k, true
	}
	if m.plain(j, cUnitWord) {
		return j + 1, true
	}
	return 0, false
}

// numericDate matches a date in digits: day/month/year or year-month-day
// with / or - between touching numbers (12/2/2022، 2022-02-12), or one number
// token with dots (12.02.2022).
func (m *matcher) numericDate(i int) (int, bool) {
	w := m.ws[i]
	if w.nd == 0 {
		// The tokenizer keeps dots between digits inside the number.
		if dottedDate(m.text[w.tstart:w.end]) {
			return i + 1, true
		}
		return 0, false
	}
	if i+4 >= len(m.ws) || !m.adjacent(i) || !m.adjacent(i+1) || !m.adjacent(i+2) || !m.adjacent(i+3) {
		return 0, false
	}
	sep := m.ws[i+1]
	if sep.cat != cPunct || (sep.val != '/' && sep.val != '-') || !m.punct(i+3, sep.val) {
		return 0, false
	}
	a, b, c := m.ws[i], m.ws[i+2], m.ws[i+4]
	if b.cat != cDigits || c.cat != cDigits {
		return 0, false
	}
	if validDate(int(a.nd), int(a.val), int(b.nd), int(b.val), int(c.nd), int(c.val)) {
		return i + 5, true
	}
	return 0, false
}

// validDate reports whether three numbers (digit counts and values) read as
// day, month, year (year of 2 or 4 digits) or year, month, day.
func validDate(n1, v1, n2, v2, n3, v3 int) bool {
	month := n2 >= 1 && n2 <= 2 && v2 >= 1 && v2 <= 12
	day := func(n, v int) bool { return n >= 1 && n <= 2 && v >= 1 && v <= 31 }
	year := func(n, v int) bool { return (n == 4 && v >= 1000 && v <= 2199) || n == 2 }
	return month && ((day(n1, v1) && year(n3, v3)) || (n1 == 4 && year(n1, v1) && day(n3, v3)))
}

// dottedDate reports whether b, a number token, is a date written with dots.
func dottedDate(b []byte) bool {
	var n, v [3]int
	part := 0
	for _, c := range b {
		switch {
		case c == '.':
			part++
			if part > 2 {
				return false
			}
		case c >= '0' && c <= '9':
			n[part]++
			v[part] = v[part]*10 + int(c-'0')
			if n[part] > 4 {
				return false
			}
		default:
			return false
		}
	}
	return part == 2 && validDate(n[0], v[0], n[1], v[1], n[2], v[2])
}

// bareYear decides whether a number with no calendar word before it is a
// year (DATE) or a count (NUM). It must be four digits, 1900–2100. It is a
// year after a preposition that introduces dates (في 2019، منذ 2014، حتى
// 2030) or when it is coordinated with a year (2014 و2022), unless a
// multiplier, a percent sign or a word for years follows (قبل 2000 عام is a
// duration). Otherwise it is a count after an approximator (نحو 1950،
// أكثر من 2014) or when it is a round hundred (2000 جندي), and a year in
// every other case: news text writes years bare far more often than counts of
// this size.
func (m *matcher) bareYear(i int) bool {
	w := m.ws[i]
	if w.nd != 4 || w.val < 1900 || w.val > 2100 {
		return false
	}
	if j := i + 1; j < len(m.ws) {
		n := m.ws[j]
		if n.cat == cMult || n.cat == cAam || n.cat == cYears || (n.cat == cYearIntro && n.val == introSanah) ||
			(n.cat == cPunct && (n.val == '%' || n.val == '٪')) {
			return false
		}
	}
	if m.introduced(i) || m.coordinated(i) {
		return true
	}
	if i > 0 {
		switch m.ws[i-1].cat {
		case cApprox:
			return false
		case cMin:
			if i > 1 && m.ws[i-2].cat == cApproxHead {
				return false
			}
		}
	}
	return w.val%100 != 0
}
