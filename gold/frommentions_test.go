package gold

import (
	"testing"

	"github.com/arabench/arabench/corpus"
	"github.com/stretchr/testify/assert"
)

func TestFromMentions(t *testing.T) {
	c := &corpus.Corpus{Name: "x", Documents: []corpus.Document{{ID: "a", Text: "بوتين في موسكو"}, {ID: "b", Text: "لا شيء"}}}
	putin := corpus.Mention{Start: 0, End: 10, Type: "PER", Text: "بوتين"}
	moscow := corpus.Mention{Start: 14, End: 24, Type: "LOC", Text: "موسكو"}
	g := FromMentions(c, map[string][]corpus.Mention{"a": {moscow, putin}})
	assert.Equal(t, []corpus.Mention{putin, moscow}, g.Mentions("a"), "sorted by span")
	assert.Nil(t, g.Mentions("b"))
	assert.Len(t, g.Hash(), 8)

	same := FromMentions(&corpus.Corpus{Name: "another-name", Documents: c.Documents}, map[string][]corpus.Mention{"a": {putin, moscow}})
	assert.Equal(t, g.Hash(), same.Hash(), "the content, not the name or the order given, is hashed")
	moscow.Type = "ORG"
	other := FromMentions(c, map[string][]corpus.Mention{"a": {putin, moscow}})
	assert.NotEqual(t, g.Hash(), other.Hash(), "a changed type changes the hash")
}
