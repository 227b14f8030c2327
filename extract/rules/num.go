package rules

import (
	"math/bits"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/arabench/arabench/tokenize"
)

// The NUM rules: a number phrase is one or more groups joined by و, each
// group a count with an optional multiplier.
//
//	phrase  = group { "و" group }    each next group smaller than the last multiplier
//	          [ "ونصف" ]             مليون ونصف = 1,500,000
//	group   = count [ multiplier ]   100 ألف، ثلاثة آلاف، خمسة وعشرين ألف
//	        | multiplier             ألف، مليون، ألفان (a dual counts two)
//	        | ("نصف"|"ربع") multiplier
//	count   = digits
//	        | hundreds [ "و" below100 ]           مئة وخمسون، ثلاثمئة
//	        | unit(3–9) "مئة" [ "و" below100 ]     ثلاث مئة
//	        | below100
//	below100 = unit(1–9) "عشر"                    ثلاثة عشر، الخمس عشرة
//	        | ("أحد"|"إحدى"|"اثنا"|…) "عشر"       أحد عشر، اثنتا عشرة
//	        | unit [ "و" tens ]                   خمسة وعشرين
//	        | tens                                تسعين
//
// The order of the parts is the grammar's (thousands before hundreds, units
// before tens), so that 90 و100 or خمسين وستين (between fifty and sixty) stay
// two numbers: a و joins only a smaller part to a larger one.

// numValue is the value of a number phrase.
type numValue struct {
	d dec
	// literal is set for a phrase that is one number token; its value is
	// then written from the digits (any length) rather than from d.
	literal bool
	// big is set for a literal with more digits than d holds.
	big bool
}

// appendTo appends the value in ASCII digits to dst; raw is the text of the
// phrase (for a big literal, its digits).
func (v numValue) appendTo(dst, raw []byte) []byte {
	if v.big {
		return appendLiteral(dst, raw)
	}
	return v.d.appendTo(dst)
}

// number matches a NUM phrase at token i and returns the token after it.
func (m *matcher) number(i int) (end int, v numValue, ok bool) {
	w := m.ws[i]
	switch w.cat {
	case cDigits:
		if m.nameNumber(i) || m.clockTime(i) {
			return 0, numValue{}, false
		}
		if _, ok := parseLiteral(m.text[w.tstart:w.end]); !ok {
			// Too many digits to compute with: the number stands alone.
			return i + 1, numValue{literal: true, big: true}, true
		}
	case cUnit:
		// كل واحد (each one) and واحد من (one of) do not count anything.
		if w.val == 1 && ((i > 0 && m.ws[i-1].cat == cEvery) || m.plain(i+1, cMin)) {
			return 0, numValue{}, false
		}
	case cUnitDef:
		// A definite cardinal counts the noun just before it, which it
		// agrees with (الأشهر الثلاثة); anywhere else it is a name or a
		// pronoun-like use (مجموعة السبع، والخمسة الكبار).
		if w.pre != preNone || i == 0 || m.ws[i-1].kind != tokenize.ArabicWord || m.ws[i-1].cat != cNone ||
			!definite(m.text[m.ws[i-1].tstart:m.ws[i-1].end]) {
			return 0, numValue{}, false
		}
	case cTeenHead, cTens, cHundreds, cMult, cFraction:
	default:
		return 0, numValue{}, false
	}
	g, k, ok := m.group(i)
	if !ok {
		return 0, numValue{}, false
	}
	total, last := g.d, g.mult
	v.literal = w.cat == cDigits && k == i+1
	for last > 0 && k < len(m.ws) {
		j := k
		switch t := m.ws[j]; {
		case t.cat == cWa && j+1 < len(m.ws) && m.ws[j+1].cat == cDigits && m.adjacent(j):
			j++ // و300: the tokenizer splits the letter from the digits
		case t.pre != preWa:
			j = -1
		case t.cat == cFraction && t.val == 2 && !m.plain(j+1, cMult):
			// مليون ونصف: and a half of the last multiplier.
			if sum, ok := total.add(dec{5, last - 1}); ok {
				total, k = sum, j+1
			}
			j = -1
		}
		if j < 0 {
			break
		}
		g2, k2, ok := m.group(j)
		if !ok || !g2.d.below(last) || g2.d.e < 0 || (m.ws[j].cat == cDigits && g2.mult == 0) {
			// Digits join only with their own multiplier (مليار و200 مليون):
			// مليون و500 or 1.5 مليار و0.5 read as lists.
			break
		}
		sum, ok := total.add(g2.d)
		if !ok {
			break
		}
		total, k, last = sum, k2, g2.mult
	}
	v.d = total
	return k, v, true
}

// group is a count with its multiplier: d is its value and mult the power
// of ten of the multiplier (0 when there is none).
type group struct {
	d    dec
	mult int
}

// group matches a group at j; the word at j may carry a proclitic (the
// caller decides whether it may), the words after it may not.
func (m *matcher) group(j int) (group, int, bool) {
	var g group
	var k int
	switch w := m.ws[j]; {
	case w.cat == cMult:
		switch {
		case w.sub&subPlural != 0:
			return group{}, 0, false // آلاف alone: "thousands", no value
		case w.sub&subDual != 0:
			g, k = group{dec{2, int(w.val)}, int(w.val)}, j+1
		default:
			g, k = group{dec{1, int(w.val)}, int(w.val)}, j+1
		}
	case w.cat == cFraction:
		if !m.plain(j+1, cMult) || m.ws[j+1].sub != 0 {
			return group{}, 0, false
		}
		e := int(m.ws[j+1].val)
		d := dec{5, e - 1} // نصف مليون = 500,000
		if w.val == 4 {
			d = dec{25, e - 2} // ربع مليون = 250,000
		}
		g, k = group{d, e}, j+2
	default:
		d, k2, ok := m.count(j)
		if !ok {
			return group{}, 0, false
		}
		g, k = group{d, 0}, k2
	}
	// ثلاثة آلاف، 100 ألف، 2.5 مليون: the count times its multiplier; and a
	// larger multiplier may stack on a smaller one (15 ألف مليار = 15 × 10^12).
	for m.plain(k, cMult) && m.ws[k].sub&subDual == 0 && int(m.ws[k].val) > g.mult {
		e := int(m.ws[k].val)
		g.d = dec{g.d.m, g.d.e + e}.norm()
		g.mult += e
		k++
	}
	return g, k, true
}

// count matches a count at j: digits, or number words up to 999.
func (m *matcher) count(j int) (dec, int, bool) {
	w := m.ws[j]
	switch w.cat {
	case cDigits:
		d, ok := parseLiteral(m.text[w.tstart:w.end])
		return d, j + 1, ok
	case cHundreds:
		return m.hundredsAnd(int64(w.val), j+1)
	case cUnit:
		if u := w.val; u >= 3 && u <= 9 && m.plain(j+1, cHundreds) && m.ws[j+1].sub&subMiaa != 0 {
			return m.hundredsAnd(int64(u)*100, j+2) // ثلاث مئة
		}
	}
	v, k, ok := m.below100(j)
	return decInt(uint64(v)), k, ok
}

// hundredsAnd adds to h the part below 100 that may follow it with و.
func (m *matcher) hundredsAnd(h int64, k int) (dec, int, bool) {
	if k < len(m.ws) && m.ws[k].pre == preWa {
		if v, k2, ok := m.below100(k); ok {
			return decInt(uint64(h + v)), k2, true
		}
	}
	return decInt(uint64(h)), k, true
}

// below100 matches number words below 100 at j (its proclitic, if any, is
// the caller's business).
func (m *matcher) below100(j int) (int64, int, bool) {
	w := m.ws[j]
	switch w.cat {
	case cTens:
		return int64(w.val), j + 1, true
	case cTeenHead:
		if m.plain(j+1, cUnit) && m.ws[j+1].val == 10 {
			return 10 + int64(w.val), j + 2, true // أحد عشر، اثنتا عشرة
		}
	case cUnitDef:
		if m.plain(j+1, cUnit) && m.ws[j+1].val == 10 {
			return 10 + int64(w.val), j + 2, true // الخمس عشرة
		}
		return int64(w.val), j + 1, true
	case cUnit:
		u := int64(w.val)
		if u == 10 {
			return 10, j + 1, true
		}
		if m.plain(j+1, cUnit) && m.ws[j+1].val == 10 {
			return 10 + u, j + 2, true // ثلاثة عشر
		}
		if k := j + 1; k < len(m.ws) && m.ws[k].cat == cTens && m.ws[k].pre == preWa {
			return u + int64(m.ws[k].val), k + 1, true // خمسة وعشرين
		}
		return u, j + 1, true
	}
	return 0, 0, false
}

// definite reports whether the Arabic word w is definite, as a noun that a
// definite cardinal agrees with must be: it has the article, after any
// proclitics (الدول، والدول، بالدول، للدول), or a possessive suffix
// (جمهورياته، قواتها، جنودهم، أبناؤنا). An indefinite noun before a definite
// number is the head of a construct, a name (مجموعة السبع).
func definite(w []byte) bool {
	const (
		alef = "\u0627"
		lam  = "\u0644"
	)
	s := string(w)
	for range 3 {
		if strings.HasPrefix(s, alef+lam) || strings.HasPrefix(s, lam+lam) {
			return true
		}
		r, size := utf8.DecodeRuneInString(s)
		if !strings.ContainsRune("وفبلك", r) {
			break
		}
		s = s[size:]
	}
	for _, suffix := range [...]string{"\u0647", "\u0647\u0627", "\u0647\u0645", "\u0647\u0645\u0627", "\u0646\u0627", "\u0643\u0645"} {
		if strings.HasSuffix(string(w), suffix) {
			return true
		}
	}
	return false
}

// nameNumber reports whether the number at i is glued by a hyphen to the
// word before it, as in the names of weapons and diseases (إس-400، إف-16،
// كوفيد-19): a number inside a name is not marked.
func (m *matcher) nameNumber(i int) bool {
	if i < 2 || !m.adjacent(i-1) || !m.adjacent(i-2) {
		return false
	}
	h := m.ws[i-1]
	if h.cat != cPunct || (h.val != '-' && h.val != '‐' && h.val != '–') {
		return false
	}
	k := m.ws[i-2].kind
	return k == tokenize.ArabicWord || k == tokenize.LatinWord
}

// clockTime reports whether the number at i is part of a time of day
// (10:30), which the guidelines leave unmarked.
func (m *matcher) clockTime(i int) bool {
	if m.punct(i+1, ':') && m.adjacent(i) && i+2 < len(m.ws) && m.ws[i+2].cat == cDigits && m.adjacent(i+1) {
		return true
	}
	return m.punct(i-1, ':') && m.adjacent(i-1) && i >= 2 && m.ws[i-2].cat == cDigits && m.adjacent(i-2)
}

// dec is a decimal number m × 10^e, exact: what a number phrase is worth.
// Values up to 2^64 in their significant digits are exact; the trailing
// zeros of a multiplier only raise e.
type dec struct {
	m uint64
	e int
}

// decInt returns the integer v as a dec.
func decInt(v uint64) dec { return dec{v, 0}.norm() }

// norm moves trailing zeros of m into e, so that equal values look alike.
func (d dec) norm() dec {
	if d.m == 0 {
		return dec{}
	}
	for d.m%10 == 0 {
		d.m /= 10
		d.e++
	}
	return d
}

// add returns d + o, or false when the sum does not fit.
func (d dec) add(o dec) (dec, bool) {
	if d.m == 0 {
		return o, true
	}
	if o.m == 0 {
		return d, true
	}
	e := min(d.e, o.e)
	a, ok1 := scale(d.m, d.e-e)
	b, ok2 := scale(o.m, o.e-e)
	sum, carry := bits.Add64(a, b, 0)
	if !ok1 || !ok2 || carry != 0 {
		return dec{}, false
	}
	return dec{sum, e}.norm(), true
}

// scale returns m × 10^k, or false on overflow.
func scale(m uint64, k int) (uint64, bool) {
	for ; k > 0; k-- {
		hi, lo := bits.Mul64(m, 10)
		if hi != 0 {
			return 0, false
		}
		m = lo
	}
	return m, true
}

// below reports whether d < 10^p: whether it fits under a multiplier of
// power p (ألف وخمسمئة: 500 < 10^3).
func (d dec) below(p int) bool {
	if d.m == 0 {
		return true
	}
	digits := 0
	for m := d.m; m > 0; m /= 10 {
		digits++
	}
	return digits+d.e <= p
}

// appendTo appends d in ASCII digits: an integer with no separators, or a
// decimal with a point when the value is not whole (2.5 مليون = 2500000,
// but 3.5 alone = 3.5).
func (d dec) appendTo(dst []byte) []byte {
	d = d.norm()
	var buf [20]byte
	s := strconv.AppendUint(buf[:0], d.m, 10)
	if d.e >= 0 {
		dst = append(dst, s...)
		if d.m != 0 {
			for range d.e {
				dst = append(dst, '0')
			}
		}
		return dst
	}
	frac := -d.e
	if len(s) > frac {
		dst = append(dst, s[:len(s)-frac]...)
		dst = append(dst, '.')
		return append(dst, s[len(s)-frac:]...)
	}
	dst = append(dst, '0', '.')
	for range frac - len(s) {
		dst = append(dst, '0')
	}
	return append(dst, s...)
}

// decimalPoint finds the separator that is the decimal point of a number
// token and returns its byte offset, or -1 when it is an integer:
//   - ٫ (the Arabic decimal separator) is the decimal point, ٬ groups thousands;
//   - with both . and , the last of them is the decimal point (1,234.5 and
//     1.234,5);
//   - a lone . is a decimal point (3.5); several are groups (1.000.000);
//   - a lone , is a decimal point unless three digits follow (2,5 but
//     1,000); several are groups.
func decimalPoint(b []byte) int {
	dots, commas, last, lastKind, after := 0, 0, -1, rune(0), 0
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		switch r {
		case '٫':
			return i
		case '.', ',':
			if r == '.' {
				dots++
			} else {
				commas++
			}
			last, lastKind, after = i, r, 0
		default:
			if digitOf(r) >= 0 {
				after++
			}
		}
		i += size
	}
	switch {
	case dots > 0 && commas > 0:
		if (lastKind == '.' && dots == 1) || (lastKind == ',' && commas == 1) {
			return last
		}
	case dots == 1:
		return last
	case commas == 1 && after != 3:
		return last
	}
	return -1
}

// parseLiteral reads a number token as a dec, or reports false when it has
// more significant digits than a dec holds.
func parseLiteral(b []byte) (dec, bool) {
	point := decimalPoint(b)
	var d dec
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if v := digitOf(r); v >= 0 {
			hi, lo := bits.Mul64(d.m, 10)
			sum, carry := bits.Add64(lo, uint64(v), 0)
			if hi != 0 || carry != 0 {
				return dec{}, false
			}
			d.m = sum
			if point >= 0 && i > point {
				d.e--
			}
		}
		i += size
	}
	return d.norm(), true
}

// appendLiteral appends the digits of a number token in ASCII, without
// separators and leading zeros, with a point for its decimal separator and no
// trailing zeros after it, at any length.
func appendLiteral(dst, b []byte) []byte {
	point := decimalPoint(b)
	start := len(dst)
	intDigits := 0
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if point >= 0 && i == point {
			if intDigits == 0 {
				dst = append(dst, '0')
			}
			dst = append(dst, '.')
		} else if v := digitOf(r); v >= 0 {
			if point < 0 || i < point {
				if v == 0 && intDigits == 0 {
					i += size
					continue
				}
				intDigits++
			}
			dst = append(dst, byte('0'+v))
		}
		i += size
	}
	if point >= 0 {
		for dst[len(dst)-1] == '0' {
			dst = dst[:len(dst)-1]
		}
		if dst[len(dst)-1] == '.' {
			dst = dst[:len(dst)-1]
		}
	}
	if len(dst) == start {
		dst = append(dst, '0')
	}
	return dst
}
