package gold

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/internal/syntax"
)

// ConfFile is brat's annotation configuration in a gold folder. When a
// folder has one, the types its [entities] section declares are the only
// types the folder's T lines may use.
const ConfFile = "annotation.conf"

// ReadEntityTypes reads the entity types an annotation.conf declares: every
// line of its [entities] section that is not blank or a # comment, trimmed,
// without brat's '!' (a type only used to group others). Indentation, which
// brat reads as a hierarchy, is ignored: every type listed may be used. name
// is the file name used in errors.
func ReadEntityTypes(name string, r io.Reader) (map[string]bool, error) {
	types := map[string]bool{}
	sc := bufio.NewScanner(r)
	section := ""
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if n == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
			continue
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			section = strings.TrimSpace(line[1 : len(line)-1])
			continue
		case section != "entities":
			continue
		}
		typ := strings.TrimPrefix(strings.Fields(line)[0], "!")
		if !corpus.ValidLabel(typ) {
			return nil, &syntax.Error{FileName: name, Line: n, Msg: fmt.Sprintf("entity type %q does not match "+corpus.LabelSyntax, typ)}
		}
		types[typ] = true
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return types, nil
}
