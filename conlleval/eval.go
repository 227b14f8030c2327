package conlleval

import (
	"sort"
	"strings"
)

// splitTag splits a tag as conlleval.pl does: the chunk tag before the first
// hyphen and the type after it ("B-PER" → "B", "PER"; "O" → "O", ""). Like the
// Perl, which tests the type for truth, a type "0" counts as no type.
func splitTag(tag string) (chunk, typ string) {
	chunk, typ, _ = strings.Cut(tag, "-")
	if typ == "0" {
		typ = ""
	}
	return chunk, typ
}

// endOfChunk is conlleval.pl's endOfChunk: whether a chunk ended between the
// previous tag and this one. It handles IOB1, IOB2 and IOE ("E" closes; "S"
// has no rule, so it ends a chunk only through a change of type) and the
// bracket tags of CoNLL-2000.
func endOfChunk(prevTag, tag, prevType, typ string) bool {
	switch {
	case prevTag == "B" && tag == "B",
		prevTag == "B" && tag == "O",
		prevTag == "I" && tag == "B",
		prevTag == "I" && tag == "O",
		prevTag == "E" && tag == "E",
		prevTag == "E" && tag == "I",
		prevTag == "E" && tag == "O":
		return true
	case prevTag != "O" && prevTag != "." && prevType != typ:
		return true
	case prevTag == "]" || prevTag == "[":
		return true
	}
	return false
}

// startOfChunk is conlleval.pl's startOfChunk: whether a chunk started between
// the previous tag and this one. A stray I- after O opens a chunk; B- after B-
// or I- of the same type opens a new one.
func startOfChunk(prevTag, tag, prevType, typ string) bool {
	switch {
	case prevTag == "B" && tag == "B",
		prevTag == "I" && tag == "B",
		prevTag == "O" && tag == "B",
		prevTag == "O" && tag == "I",
		prevTag == "E" && tag == "E",
		prevTag == "E" && tag == "I",
		prevTag == "O" && tag == "E":
		return true
	case tag != "O" && tag != "." && prevType != typ:
		return true
	case tag == "[" || tag == "]":
		return true
	}
	return false
}

// Counts are conlleval's chunk counts, named as its report names them:
// phrases in the gold, phrases found (guessed), and found phrases equal to a
// gold phrase in span and type.
type Counts struct {
	Phrases int `json:"phrases"`
	Found   int `json:"found"`
	Correct int `json:"correct"`
}

// Precision is Correct/Found, or 0.
func (c Counts) Precision() float64 { return frac(c.Correct, c.Found) }

// Recall is Correct/Phrases, or 0.
func (c Counts) Recall() float64 { return frac(c.Correct, c.Phrases) }

// F1 is the harmonic mean of Precision and Recall, or 0.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// TypeCounts are the chunk counts of one type.
type TypeCounts struct {
	Type string
	Counts
}

// Report holds what conlleval.pl computes.
type Report struct {
	// Tokens counts token lines (boundaries excluded, -DOCSTART- lines
	// included, as conlleval.pl counts them); CorrectTags those whose guessed
	// tag equals the gold tag, O included.
	Tokens      int
	CorrectTags int
	// Overall are the chunk counts over all types.
	Overall Counts
	// Types are the per-type counts, sorted by type name in byte order as
	// conlleval.pl sorts them, over the types of gold or found chunks.
	Types []TypeCounts
}

// Accuracy is the token-level accuracy CorrectTags/Tokens, or 0.
func (r *Report) Accuracy() float64 { return frac(r.CorrectTags, r.Tokens) }

func frac(num, den int) float64 {
	if den == 0 {
		return 0
	}
	return float64(num) / float64(den)
}

// Evaluate computes conlleval.pl's numbers for the file. It is a
// transcription of the script's main loop: a chunk is correct when gold and
// guess start it on the same token with the same type and both end it on the
// same token. A -DOCSTART- line is an ordinary token to conlleval.pl (only -X-
// and empty lines are boundaries): usually tagged O, it ends any open chunk
// and counts as a correctly tagged token in the accuracy.
func (f *File) Evaluate() *Report {
	r := &Report{}
	byType := map[string]*Counts{}
	count := func(t string) *Counts {
		c := byType[t]
		if c == nil {
			c = &Counts{}
			byType[t] = c
		}
		return c
	}
	inCorrect := false
	lastCorrect, lastCorrectType := "O", ""
	lastGuessed, lastGuessedType := "O", ""
	for _, it := range f.Items {
		correct, correctType, guessed, guessedType := "O", "", "O", ""
		if !it.Boundary {
			correct, correctType = splitTag(it.Gold)
			guessed, guessedType = splitTag(it.Guess)
		}
		goldEnd := endOfChunk(lastCorrect, correct, lastCorrectType, correctType)
		guessEnd := endOfChunk(lastGuessed, guessed, lastGuessedType, guessedType)
		if inCorrect {
			if goldEnd && guessEnd && lastGuessedType == lastCorrectType {
				inCorrect = false
				r.Overall.Correct++
				count(lastCorrectType).Correct++
			} else if goldEnd != guessEnd || guessedType != correctType {
				inCorrect = false
			}
		}
		goldStart := startOfChunk(lastCorrect, correct, lastCorrectType, correctType)
		guessStart := startOfChunk(lastGuessed, guessed, lastGuessedType, guessedType)
		if goldStart && guessStart && guessedType == correctType {
			inCorrect = true
		}
		if goldStart {
			r.Overall.Phrases++
			count(correctType).Phrases++
		}
		if guessStart {
			r.Overall.Found++
			count(guessedType).Found++
		}
		if !it.Boundary {
			if correct == guessed && guessedType == correctType {
				r.CorrectTags++
			}
			r.Tokens++
		}
		lastCorrect, lastCorrectType = correct, correctType
		lastGuessed, lastGuessedType = guessed, guessedType
	}
	if inCorrect {
		r.Overall.Correct++
		count(lastCorrectType).Correct++
	}
	for t, c := range byType {
		r.Types = append(r.Types, TypeCounts{Type: t, Counts: *c})
	}
	sort.Slice(r.Types, func(i, j int) bool { return r.Types[i].Type < r.Types[j].Type })
	return r
}
