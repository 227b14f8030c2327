package predictions

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// eachLine calls fn with the number and the trimmed bytes of every line of r
// that is not blank, a leading UTF-8 BOM skipped. A read error ends the
// reading and is returned, naming the file and line.
func eachLine(name string, r io.Reader, fn func(n int, line []byte)) error {
	br := bufio.NewReader(r)
	for n := 1; ; n++ {
		raw, err := br.ReadBytes('\n')
		if n == 1 {
			raw = bytes.TrimPrefix(raw, utf8BOM)
		}
		if line := bytes.TrimSpace(raw); len(line) > 0 {
			fn(n, line)
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
}

// utf8BOM is skipped at the start of a file, where some editors put it.
var utf8BOM = []byte("\ufeff")
