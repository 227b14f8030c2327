package seqeval

import (
	"strings"
	"unicode/utf8"
)

// defaultChunks is seqeval's get_entities over a list of sentences: the
// sentences joined with an "O" after each, which is Entities of each sentence
// on its own.
func defaultChunks(sents [][]string, side string) (chunkSets, error) {
	out := chunkSets{}
	for i, sent := range sents {
		for j, chunk := range sent {
			if chunk == "" {
				// Python fails on chunk[0] (IndexError).
				return nil, &TagError{Side: side, Sentence: i, Token: j}
			}
		}
		for _, c := range Entities(sent) {
			out.add(c.Type, chunkKey{sent: i, start: c.Start, end: c.End - 1})
		}
	}
	return out, nil
}

// splitChunk splits a tag as get_entities does: the prefix is the first
// character, the type what follows the first hyphen after it (everything
// after the first character when there is no hyphen), "_" when empty. So
// "B-PER" is ("B", "PER"), "O" is ("O", "_").
func splitChunk(chunk string) (tag, typ string) {
	_, size := utf8.DecodeRuneInString(chunk)
	rest := chunk[size:]
	if _, after, ok := strings.Cut(rest, "-"); ok {
		rest = after
	}
	if rest == "" {
		rest = "_"
	}
	return chunk[:size], rest
}

// endOfChunk is seqeval's end_of_chunk: whether a chunk ended between the
// previous tag and this one. Unlike conlleval.pl it closes a chunk after S-
// and before S-.
func endOfChunk(prevTag, tag, prevType, typ string) bool {
	switch {
	case prevTag == "E", prevTag == "S",
		prevTag == "B" && (tag == "B" || tag == "S" || tag == "O"),
		prevTag == "I" && (tag == "B" || tag == "S" || tag == "O"):
		return true
	}
	return prevTag != "O" && prevTag != "." && prevType != typ
}

// startOfChunk is seqeval's start_of_chunk: whether a chunk started between
// the previous tag and this one. A stray I- or E- after O opens a chunk.
func startOfChunk(prevTag, tag, prevType, typ string) bool {
	switch {
	case tag == "B", tag == "S",
		(prevTag == "E" || prevTag == "S" || prevTag == "O") && (tag == "E" || tag == "I"):
		return true
	}
	return tag != "O" && tag != "." && prevType != typ
}
