package gold

import (
	"strings"
	"unicode/utf8"
)

// Rule 1 of the guidelines keeps a glued conjunction or preposition outside a
// name's span: `وواشنطن` → `واشنطن`, `بموسكو` → `موسكو`. A span that starts with
// one is not always wrong (`واشنطن`، `وليد المعلم`، `لافروف`، `بغداد` begin with
// these letters), so the check is a warning, raised only when what follows the
// proclitic is itself a name the gold knows: an Arabic name of the catalogue
// or the text of a linked gold mention.

// conjunctions and prepositions are the detachable proclitics. A stack is a
// conjunction followed by a preposition (وب، ول، فب، وك، ...).
const (
	conjunctions = "وف"
	prepositions = "بلك"
)

// procliticPrefixes returns the proclitic prefixes that text could start
// with: a single proclitic letter, and a conjunction + preposition stack.
func procliticPrefixes(text string) []string {
	r1, n1 := utf8.DecodeRuneInString(text)
	if !strings.ContainsRune(conjunctions+prepositions, r1) {
		return nil
	}
	out := []string{text[:n1]}
	if strings.ContainsRune(conjunctions, r1) {
		r2, n2 := utf8.DecodeRuneInString(text[n1:])
		if strings.ContainsRune(prepositions, r2) {
			out = append(out, text[:n1+n2])
		}
	}
	return out
}

// knownNames maps folded names to the catalogue id they name. Names that
// are the catalogue's own Arabic names are also in catalogue, so that a
// catalogued name that happens to begin with a proclitic letter is never
// flagged.
type knownNames struct {
	ids       map[string]string
	catalogue map[string]bool
}

func (k *knownNames) add(name, id string, fromCatalogue bool) {
	key := foldName(name)
	if key == "" {
		return
	}
	if _, ok := k.ids[key]; !ok {
		k.ids[key] = id
	}
	if fromCatalogue {
		k.catalogue[key] = true
	}
}

// detached reports whether text is a proclitic glued to a known name, and
// returns the proclitic, the name as it appears in text, and the name's id.
// Before a name written with the article, a preposition ل swallows the
// article's alef (ل + الأمم → للأمم), so after a ل the rest is also tried
// with the alef restored.
func (k *knownNames) detached(text string) (prefix, name, id string, ok bool) {
	if k.catalogue[foldName(text)] {
		return "", "", "", false
	}
	for _, p := range procliticPrefixes(text) {
		rest := text[len(p):]
		if rest == "" {
			continue
		}
		if id, ok := k.ids[foldName(rest)]; ok {
			return p, rest, id, true
		}
		if strings.HasSuffix(p, "ل") && strings.HasPrefix(rest, "ل") {
			if id, ok := k.ids[foldName("ا"+rest)]; ok {
				return p, rest, id, true
			}
		}
	}
	return "", "", "", false
}

// foldName is the key under which spellings of a name are compared: without
// diacritics (U+064B–U+0652, U+0670) and tatweel, with the alef forms أ إ آ ٱ
// as ا, alef maqsura as ya and teh marbuta as heh — the variation the
// guidelines expect between mentions of one name (الأمم المتحدة / الامم المتحدة).
func foldName(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 0x064B && r <= 0x0652, r == 0x0670, r == 0x0640:
			continue
		case r == 'أ', r == 'إ', r == 'آ', r == 'ٱ':
			r = 'ا'
		case r == 'ى':
			r = 'ي'
		case r == 'ة':
			r = 'ه'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// proclitics warns about linked spans that start with a detachable proclitic
// before a known name.
func (v *validator) proclitics() {
	k := &knownNames{ids: make(map[string]string), catalogue: make(map[string]bool)}
	if cat := v.g.Catalogue; cat != nil {
		for _, e := range cat.Entries {
			k.add(e.NameAr, e.ID, true)
		}
	}
	for _, doc := range v.g.corpus.Documents {
		for _, m := range v.g.mentions[doc.ID] {
			if isLinked(m.Type) && m.Entity != "" {
				k.add(m.Text, strings.TrimPrefix(m.Entity, CatalogueDB+":"), false)
			}
		}
	}
	for _, doc := range v.g.corpus.Documents {
		f := v.g.files[doc.ID]
		if f == nil {
			continue
		}
		for _, e := range f.Entities {
			if !e.Resolved || !isLinked(e.Type) {
				continue
			}
			if p, name, id, ok := k.detached(e.Text); ok {
				v.warn(f.Name, e.Line, "%s: span %q starts with the proclitic %q before %q, a name the gold knows (%s:%s): proclitics stay outside the span",
					e.ID, e.Text, p, name, CatalogueDB, id)
			}
		}
	}
}
