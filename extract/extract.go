// Package extract is where extractors meet the evaluation: the Extractor
// interface, the registry that `arabench eval --extractor NAME` looks names up
// in, the runner that applies an extractor to a corpus and checks what it
// returns, and the adapter that turns any external program into an extractor.
// Predictions that come as files are read by package predictions.
//
// # Offsets
//
// Inside Go a Mention's Start and End are byte offsets into the document text,
// half-open. Everything that crosses the process boundary — prediction files,
// CoNLL files, the external protocol — counts Unicode code points, as Python,
// brat and spaCy do. The conversion happens once per document, with
// corpus.Index, where the line or file is read: package extract/wire for the
// JSON line the external protocol shares with prediction files, package
// predictions for the other file formats.
//
// # External extractors
//
// The name `cmd:<program> [args]` makes any program an extractor (see
// NewCommand and PROTOCOL.md beside this file). The spec is split into
// arguments with shell-like quoting — single quotes, double quotes and
// backslash — and the program is started directly, never through a shell:
// write `cmd:sh -c '…'` to get one. The program is started once and kept
// running; for every document the harness writes one JSON line
//
//	{"doc":"<id>","text":"…"}
//
// to its standard input and reads one JSON line from its standard output:
//
//	{"doc":"<id>","mentions":[{"start":12,"end":26,"type":"PER","text":"…","entity":"kb:…","value":"…"}]}
//
// with code point offsets. Requests are sent one at a time to each copy of the
// program (CommandOptions.Jobs), in input order. A document that gets no
// answer within the timeout (30s by default; 10 minutes for the first answer
// of each run of the program, start-up included) stops the program, and the
// next document starts it again. Its standard error is kept (the last 4 KiB)
// and shown in every error. Malformed output is reported with the program, the
// document and the output line number.
package extract

import (
	"context"

	"github.com/arabench/arabench/corpus"
)

// Mention is a typed span of a document with byte offsets; it is the same type
// as the gold's, so predictions and gold compare directly.
type Mention = corpus.Mention

// Extractor finds mentions in documents. Extract must be safe for concurrent
// use: Run calls it from several goroutines. It returns the mentions of doc
// with byte offsets into doc.Text, in any order; Run validates and sorts them.
// An error means the extractor failed on this document, and whatever mentions
// came with it are discarded.
//
// An extractor that holds resources (a process, a model) also implements
// io.Closer; whoever got it from New closes it.
type Extractor interface {
	Name() string
	Extract(ctx context.Context, doc corpus.Document) ([]Mention, error)
}

// Versioner is implemented by extractors that know their version (a lexicon
// checksum, a model revision). Run files record it beside the name so that
// `arabench compare` can tell two versions of one extractor apart.
type Versioner interface {
	Version() string
}

// Version returns ex's version, or "" when ex does not implement Versioner.
func Version(ex Extractor) string {
	if v, ok := ex.(Versioner); ok {
		return v.Version()
	}
	return ""
}
