// Command bigcorpus writes a large corpus and its brat gold for measuring
// arabench's memory and time: the seed documents and their gold, each
// document repeated once or twice within itself (a newline between copies),
// as many documents as asked. Usage:
//
//	go run ./scripts/bigcorpus -docs 17300 -out /tmp/big
//
// writes /tmp/big/corpus/<id>.txt and /tmp/big/gold/<id>.ann with the seed's
// entities.tsv. The offsets of every copy are shifted by the code points
// before it, and annotation ids are renumbered per copy. With -jsonl it writes
// the same documents and mentions as one JSONL spans file, /tmp/big/gold.jsonl
// (-docs 44500 makes it about 1 GB). With -jsonl -sentences the documents are
// the sentences of the ANERcorp test split instead, in turn, each under an id
// of its own (-docs 2500000 makes 1.0 GB).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/dataset"
	"github.com/arabench/arabench/gold"
	"github.com/arabench/arabench/spans"
)

func main() {
	docs := flag.Int("docs", 17300, "number of documents")
	out := flag.String("out", "", "output folder (corpus/ and gold/ are made in it)")
	jsonl := flag.Bool("jsonl", false, "write OUT/gold.jsonl, one JSONL spans line per document, instead of brat folders")
	sentences := flag.Bool("sentences", false, "with -jsonl: the documents are ANERcorp's test sentences, not the seed's documents")
	flag.Parse()
	if *out == "" || *docs < 1 {
		log.Fatal("usage: bigcorpus [-jsonl [-sentences]] -docs N -out DIR")
	}
	if *jsonl && *sentences {
		if err := writeSentences(*out, *docs); err != nil {
			log.Fatal(err)
		}
		return
	}
	if *jsonl {
		if err := writeJSONL(*out, *docs); err != nil {
			log.Fatal(err)
		}
		return
	}
	seed := corpus.Seed()
	gfs := gold.SeedFS()
	for _, d := range []string{"corpus", "gold"} {
		if err := os.MkdirAll(filepath.Join(*out, d), 0o755); err != nil {
			log.Fatal(err)
		}
	}
	cat, err := fs.ReadFile(gfs, gold.CatalogueFile)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(*out, "gold", gold.CatalogueFile), cat, 0o644); err != nil {
		log.Fatal(err)
	}
	size := 0
	for i := 0; i < *docs; i++ {
		base := seed.Documents[i%len(seed.Documents)]
		ann, err := fs.ReadFile(gfs, base.ID+".ann")
		if err != nil {
			log.Fatal(err)
		}
		copies := 1 + i%2
		var text strings.Builder
		var lines []string
		shift := 0
		for k := 0; k < copies; k++ {
			if k > 0 {
				text.WriteByte('\n')
				shift++
			}
			text.WriteString(base.Text)
			lines = append(lines, shifted(string(ann), shift, k*10000)...)
			shift += utf8.RuneCountInString(base.Text)
		}
		id := fmt.Sprintf("%06d_%s", i, base.ID[4:])
		if err := os.WriteFile(filepath.Join(*out, "corpus", id+".txt"), []byte(text.String()), 0o644); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(*out, "gold", id+".ann"), []byte(strings.Join(lines, "")), 0o644); err != nil {
			log.Fatal(err)
		}
		size += text.Len()
	}
	fmt.Printf("%d documents, %d bytes of text in %s\n", *docs, size, *out)
}

// shifted returns the lines of an .ann file with every span moved by shift
// code points and every annotation id (T1, N1, #1) raised by add.
func shifted(ann string, shift, add int) []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(ann))
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 2 {
			continue
		}
		f[0] = renumber(f[0], add)
		parts := strings.Fields(f[1])
		switch f[0][0] {
		case 'T':
			for j := 1; j < len(parts); j++ {
				n, err := strconv.Atoi(parts[j])
				if err != nil {
					log.Fatalf("span %q: %v", f[1], err)
				}
				parts[j] = strconv.Itoa(n + shift)
			}
		default:
			if len(parts) > 1 {
				parts[1] = renumber(parts[1], add)
			}
		}
		f[1] = strings.Join(parts, " ")
		out = append(out, strings.Join(f, "\t")+"\n")
	}
	return out
}

// renumber raises the number of an annotation id such as T12 by add.
func renumber(id string, add int) string {
	i := strings.IndexFunc(id, func(r rune) bool { return r >= '0' && r <= '9' })
	if i < 0 {
		return id
	}
	n, err := strconv.Atoi(id[i:])
	if err != nil {
		return id
	}
	return id[:i] + strconv.Itoa(n+add)
}

// writeJSONL writes the documents of main as one JSONL spans file,
// out/gold.jsonl.
func writeJSONL(out string, docs int) error {
	seed := corpus.Seed()
	g, err := gold.Seed()
	if err != nil {
		return err
	}
	return writeSpansFile(out, docs, func(i int) (corpus.Document, []corpus.Mention) {
		base := seed.Documents[i%len(seed.Documents)]
		d := corpus.Document{ID: fmt.Sprintf("%06d_%s", i, base.ID[4:])}
		var ms []corpus.Mention
		for k := 0; k < 1+i%2; k++ {
			if k > 0 {
				d.Text += "\n"
			}
			shift := len(d.Text)
			d.Text += base.Text
			for _, m := range g.Mentions(base.ID) {
				m.Start += shift
				m.End += shift
				ms = append(ms, m)
			}
		}
		return d, ms
	})
}

// writeSentences writes docs documents, the sentences of the ANERcorp test
// split in turn, as one JSONL spans file, out/gold.jsonl.
func writeSentences(out string, docs int) error {
	set, err := dataset.Load("anercorp")
	if err != nil {
		return err
	}
	all := set.Corpus.Documents
	return writeSpansFile(out, docs, func(i int) (corpus.Document, []corpus.Mention) {
		d := all[i%len(all)]
		ms := set.Gold.Mentions(d.ID)
		d.ID = fmt.Sprintf("%08d_%s", i, d.ID)
		return d, ms
	})
}

// writeSpansFile writes out/gold.jsonl, the line of document(i) for each i
// below docs.
func writeSpansFile(out string, docs int, document func(i int) (corpus.Document, []corpus.Mention)) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	path := filepath.Join(out, "gold.jsonl")
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for i := 0; i < docs; i++ {
		d, ms := document(i)
		if err := spans.Write(w, d, ms); err != nil {
			return err
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Printf("%d documents in %s\n", docs, path)
	return nil
}
