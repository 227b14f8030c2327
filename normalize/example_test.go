package normalize_test

import (
	"fmt"

	"golang.org/x/text/transform"

	"github.com/arabench/arabench/normalize"
)

func ExamplePreset() {
	n, err := normalize.Preset("search")
	if err != nil {
		panic(err)
	}
	fmt.Println(n.String("ذهبَ أحمدُ إلى المدرسةِ  ٣ مرّات؟"))
	// Output: ذهب احمد الي المدرسه 3 مرات?
}

func ExampleNormalizer_AppendNormalizedOffsets() {
	n, _ := normalize.Preset("search")
	src := []byte("قالَ:  «مرحباً»")
	out, offs := n.AppendNormalizedOffsets(nil, nil, src)
	fmt.Printf("%s\n", out)
	// The word at output bytes [9, 19) (after `قال: "`, 9 bytes) maps back
	// to the raw text with its tanween, without the guillemets.
	start, end := normalize.SourceSpan(offs, len(src), 9, 19)
	fmt.Printf("%s\n", src[start:end])
	// Output:
	// قال: "مرحبا"
	// مرحباً
}

func ExampleNormalizer_Transform() {
	n, _ := normalize.Preset("lucene")
	// A Normalizer is a transform.Transformer: it streams and chains.
	s, _, err := transform.String(n, "مُدَرِّسَة")
	if err != nil {
		panic(err)
	}
	fmt.Println(s)
	// Output: مدرسه
}
