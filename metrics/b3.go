package metrics

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
)

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

// WriteNormBoard prints normalizer rows side by side in format f (table,
// markdown, csv or json), ending with the signature.
func WriteNormBoard(w io.Writer, rows []NormRow, f Format, sig Signature) error {
	header := []string{"normalizer", "B³ P", "B³ R", "B³ F1", "mentions", "clusters", "entities"}
	var body [][]string
	for _, r := range rows {
		body = append(body, []string{r.Name, fixed(r.Score.Precision), fixed(r.Score.Recall), fixed(r.Score.F1),
			strconv.Itoa(r.Score.Support), strconv.Itoa(r.Clusters), strconv.Itoa(r.Entities)})
	}
	switch f {
	case FormatTable, FormatMarkdown:
		line := sig.String()
		if f == FormatMarkdown {
			line = "\n`" + line + "`"
		}
		if err := renderRows(w, f == FormatMarkdown, header, alignRight(len(header), 1), body, false); err != nil {
			return err
		}
		return writeLines(w, []string{line})
	case FormatCSV:
		cw := csv.NewWriter(w)
		if err := cw.Write(header); err != nil {
			return err
		}
		if err := cw.WriteAll(body); err != nil {
			return err
		}
		return writeLines(w, []string{"# " + sig.String()})
	case FormatJSON:
		type jsonNorm struct {
			Normalizer string  `json:"normalizer"`
			Precision  float64 `json:"b3_precision"`
			Recall     float64 `json:"b3_recall"`
			F1         float64 `json:"b3_f1"`
			Mentions   int     `json:"mentions"`
			Clusters   int     `json:"clusters"`
			Entities   int     `json:"entities"`
		}
		out := struct {
			Normalizers []jsonNorm `json:"normalizers"`
			Signature   string     `json:"signature"`
		}{Signature: sig.String()}
		for _, r := range rows {
			out.Normalizers = append(out.Normalizers, jsonNorm{r.Name, r.Score.Precision, r.Score.Recall, r.Score.F1, r.Score.Support, r.Clusters, r.Entities})
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	return fmt.Errorf("unknown format %q", f)
}
