package metrics

// B3 scores a clustering of mentions against a gold clustering with the B³
// measure (Bagga & Baldwin 1998), mention-weighted. Mention i is in the
// predicted cluster keys[i] and the gold cluster gold[i]; with C(i) the
// mentions sharing its key and G(i) those sharing its gold cluster,
//
//	P = 1/n · Σ_i |C(i) ∩ G(i)| / |C(i)|
//	R = 1/n · Σ_i |C(i) ∩ G(i)| / |G(i)|
//	F1 = 2PR / (P + R)
//
// arabench uses it to score a normalizer: the keys are the normalized texts
// of the gold PER/ORG/LOC mentions and the gold clusters are their links, so
// a normalizer that merges two spellings of one entity (شويغو/شويجو) gains
// recall and one that merges two entities loses precision. Support is n. It
// panics when the slices differ in length (a programming error).
func B3(keys, gold []string) Score {
	if len(keys) != len(gold) {
		panic("metrics: B3 with keys and gold of different lengths")
	}
	n := len(keys)
	if n == 0 {
		return Score{}
	}
	type pair struct{ key, gold string }
	byKey := map[string]int{}
	byGold := map[string]int{}
	both := map[pair]int{}
	for i := range keys {
		byKey[keys[i]]++
		byGold[gold[i]]++
		both[pair{keys[i], gold[i]}]++
	}
	var p, r float64
	for i := range keys {
		common := float64(both[pair{keys[i], gold[i]}])
		p += common / float64(byKey[keys[i]])
		r += common / float64(byGold[gold[i]])
	}
	return newScore(p/float64(n), r/float64(n), n)
}

// NormRow is one normalizer's B³ score on the gold's named mentions.
type NormRow struct {
	// Name is the normalizer's name ("none" for the raw text).
	Name string
	// Score is the B³ score of the clustering its keys induce.
	Score Score
	// Clusters is the number of distinct keys; Entities the number of
	// distinct gold links.
	Clusters, Entities int
}

// ScoreNormalizer clusters the PER, ORG and LOC mentions of docs' gold by
// key(mention text) and scores that clustering against the clustering of
// their links (Entity) with B3. A mention's type is part of its key, so only
// mentions of one type can merge.
func ScoreNormalizer(name string, docs []Doc, key func(string) string) NormRow {
	var keys, gold []string
	distinct := map[string]bool{}
	for _, d := range docs {
		for _, m := range d.Gold {
			if m.Type != "PER" && m.Type != "ORG" && m.Type != "LOC" {
				continue
			}
			k := m.Type + "\x00" + key(d.Text[m.Start:m.End])
			keys = append(keys, k)
			gold = append(gold, m.Entity)
			distinct[k] = true
		}
	}
	entities := map[string]bool{}
	for _, g := range gold {
		entities[g] = true
	}
	return NormRow{Name: name, Score: B3(keys, gold), Clusters: len(distinct), Entities: len(entities)}
}
