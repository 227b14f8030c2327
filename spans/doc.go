// Package spans reads and writes a gold as JSONL spans, one document a line
// with its text and its mentions' code point spans:
//
//	{"doc":"a","text":"زار بوتين موسكو","mentions":[{"start":4,"end":9,"type":"PER"}]}
//
// Read reads a file whole; Open streams it, a document at a time, for a
// corpus larger than memory; Write writes a document's line. GoldHash is
// the hash of a gold made of documents and mentions, which a streamed file
// and a gold read whole (gold.FromMentions) share. Offsets are code points
// in the file and bytes in Go, converted once with corpus.Index.
package spans
