package seqeval

// Chunk is an entity decoded from one sentence's tags: its type and its
// tokens [Start, End).
type Chunk struct {
	Type       string
	Start, End int
}

// Entities decodes one sentence's tags as seqeval's default mode does
// (get_entities): B-/I-/O with S- (single) and E- (end) understood, a stray
// I- or E- opening a chunk, a change of type closing one. Chunks come in text
// order. It is the decoding every reader of tag files shares, so that a
// sentence means the same chunks wherever it is read.
func Entities(tags []string) []Chunk {
	var out []Chunk
	prevTag, prevType := "O", ""
	begin := 0
	step := func(pos int, tag, typ string) {
		if endOfChunk(prevTag, tag, prevType, typ) {
			out = append(out, Chunk{Type: prevType, Start: begin, End: pos})
		}
		if startOfChunk(prevTag, tag, prevType, typ) {
			begin = pos
		}
		prevTag, prevType = tag, typ
	}
	for i, tag := range tags {
		if tag == "" {
			tag = "O"
		}
		t, typ := splitChunk(tag)
		step(i, t, typ)
	}
	step(len(tags), "O", "_")
	return out
}

// StrictEntities decodes one sentence's tags as seqeval's strict mode does
// under scheme s: a chunk whose tags break the scheme is dropped. A tag whose
// prefix the scheme does not allow is a *TagError (Sentence and Side left for
// the caller to fill in).
func StrictEntities(tags []string, s Scheme) ([]Chunk, error) {
	es, err := strictEntities(tags, &schemes[s], 0, "")
	if err != nil {
		return nil, err
	}
	out := make([]Chunk, len(es))
	for i, e := range es {
		out[i] = Chunk{Type: e.typ, Start: e.start, End: e.end}
	}
	return out, nil
}
