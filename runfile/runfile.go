package runfile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/arabench/arabench/bootstrap"
	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/render"
	"github.com/arabench/arabench/shard"
	"github.com/arabench/arabench/signature"
)

// Format identifies the run file layout. A reader accepts the formats it
// knows and refuses any other with a message that names both. Format 2 added
// each document's status; a file of format 1 has none, and every document of
// it reads as scored. An older arabench refuses format 2, rather than reading
// a failed document as one without mentions.
const Format = "arabench-run/2"

// format1 is the format before document statuses, still read.
const format1 = "arabench-run/1"

// validStatus reports whether s is a status a run file may hold ("" is scored).
func validStatus(s metrics.DocStatus) bool {
	switch s {
	case "", metrics.StatusScored, metrics.StatusFailed, metrics.StatusNotRun, metrics.StatusMissing:
		return true
	}
	return false
}

// Run is what `arabench eval --save` and `score --save` write: which system
// ran, how it was scored, every prediction and every metric. It is what
// `compare` and `report` read.
type Run struct {
	Format string `json:"format"`
	// Arabench is the scoring version (Version) that wrote the file.
	Arabench  string `json:"arabench"`
	Extractor string `json:"extractor"`
	// ExtractorVersion is the extractor's own version string, if any.
	ExtractorVersion string `json:"extractor_version,omitempty"`
	// Signature is the signature of the headline score; its scheme and avg
	// parts name the scheme and average the run was asked for.
	Signature string `json:"signature"`
	// Predictions holds every document's mentions with CODE POINT offsets,
	// as in predictions JSONL, in corpus order.
	Predictions []Doc `json:"predictions"`
	// Metrics is the report under every scheme.
	Metrics []render.JSONReport `json:"metrics"`
	// CI holds the bootstrap intervals of every F1 when the run was scored
	// with them (eval --ci); nil otherwise.
	CI *bootstrap.Intervals `json:"ci,omitempty"`
	// Partial is set on the run of an interrupted evaluation, saved on
	// request: some documents never ran.
	Partial bool `json:"partial,omitempty"`
	// Shard is set on the run of one shard (eval --shard): its predictions
	// hold the shard's documents only (every other document of the corpus
	// has no entry, rather than an entry marked failed), its metrics score
	// those documents, and its signature is the whole run's, the one
	// `arabench merge` checks and writes. Nil on a whole run.
	Shard *shard.Spec `json:"shard,omitempty"`
}

// Doc is one document's predictions in a run file.
type Doc struct {
	Doc string `json:"doc"`
	// Status is what became of the document; empty (a format 1 file) reads
	// as metrics.StatusScored.
	Status metrics.DocStatus `json:"status,omitempty"`
	// Error is why a document failed or did not run.
	Error    string    `json:"error,omitempty"`
	Mentions []Mention `json:"mentions"`
}

// Scored reports whether the document's predictions are the extractor's.
func (d Doc) Scored() bool { return d.Status == "" || d.Status == metrics.StatusScored }

// Mention is a mention with code point offsets.
type Mention struct {
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Type   string `json:"type"`
	Text   string `json:"text,omitempty"`
	Entity string `json:"entity,omitempty"`
	Value  string `json:"value,omitempty"`
}

// NewRun builds the run file of one system: preds (byte offsets, by
// document id) are converted to code points against c's documents. Every
// document is marked scored; MarkDoc marks those that were not.
func NewRun(name, version string, c *corpus.Corpus, preds map[string][]corpus.Mention, r *metrics.Report, headline signature.Signature) (*Run, error) {
	run := &Run{Format: Format, Arabench: signature.Version, Extractor: name, ExtractorVersion: version,
		Signature: headline.String(), Predictions: []Doc{}}
	for _, d := range c.Documents {
		rd, err := NewDoc(name, d, preds[d.ID])
		if err != nil {
			return nil, err
		}
		run.Predictions = append(run.Predictions, rd)
	}
	for _, s := range metrics.Schemes {
		jr, err := render.NewJSONReport(r, s)
		if err != nil {
			return nil, err
		}
		run.Metrics = append(run.Metrics, jr)
	}
	return run, nil
}

// MarkDoc records that document id was not scored: its status (failed,
// not run or missing) and why. The document must be in the run, without
// predictions.
func (r *Run) MarkDoc(id string, status metrics.DocStatus, why string) error {
	if status == metrics.StatusScored || !validStatus(status) || status == "" {
		return fmt.Errorf("run of %s: doc %q: %q is not the status of a document that was not scored", r.Extractor, id, status)
	}
	for i := range r.Predictions {
		if r.Predictions[i].Doc != id {
			continue
		}
		if len(r.Predictions[i].Mentions) > 0 {
			return fmt.Errorf("run of %s: doc %q is %s but has %d predictions", r.Extractor, id, status, len(r.Predictions[i].Mentions))
		}
		r.Predictions[i].Status, r.Predictions[i].Error = status, why
		return nil
	}
	return fmt.Errorf("run of %s: no doc %q", r.Extractor, id)
}

// Coverage counts the run's documents by status.
func (r *Run) Coverage() metrics.Coverage {
	cov := metrics.Coverage{Documents: len(r.Predictions), Partial: r.Partial}
	for _, d := range r.Predictions {
		cov.Add(d.Doc, d.Status)
	}
	return cov
}

// Write encodes the run as indented JSON.
func (r *Run) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// WriteFile writes the run to path atomically: it is encoded into a
// temporary file in path's folder, synced, closed, made readable by all
// (mode 0644, as a result to share; os.CreateTemp creates files 0600) and
// renamed over path, so a reader sees either the old file or the whole new
// one, never half of it. On any failure the temporary file is removed and
// path is left as it was.
func (r *Run) WriteFile(path string) error {
	return writeAtomically(path, r.Write)
}

// writeAtomically writes path with write: into a temporary file in path's
// folder, synced, closed, made readable by all (mode 0644; os.CreateTemp
// creates files 0600) and renamed over path. On any failure the temporary
// file is removed and path is left as it was.
func writeAtomically(path string, write func(io.Writer) error) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	closed := false
	defer func() {
		if err != nil {
			if !closed {
				f.Close()
			}
			os.Remove(tmp)
		}
	}()
	if err = write(f); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err = f.Sync(); err != nil {
		return err
	}
	closed = true
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Chmod(tmp, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// ReadRun decodes a run file; name is used in errors. A file of another
// format (a newer arabench, or not a run file at all) is refused with a
// message that says which format it has and which this build reads; so are
// a truncated file, a value of the wrong JSON type (naming the field), a file
// without predictions, and anything after the run's JSON object. Errors at a
// place in the file read "name:line:column: ...", the column counting code
// points from 1. ReadRun reads the file with a Scanner, reporting its JSON
// errors before the others as encoding/json would, and refusing a field
// that appears twice; an rd that cannot seek (a pipe) is read into memory
// first, as the Scanner reads a file twice.
func ReadRun(name string, rd io.Reader) (*Run, error) {
	rs, ok := rd.(io.ReadSeeker)
	if ok {
		_, err := rs.Seek(0, io.SeekCurrent)
		ok = err == nil // not a pipe
	}
	if !ok {
		data, err := io.ReadAll(rd)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		rs = bytes.NewReader(data)
	}
	s, err := newScanner(name, rs, true)
	if err != nil {
		return nil, err
	}
	r := s.header
	if s.preds >= 0 {
		r.Predictions = []Doc{}
	}
	for s.Scan() {
		r.Predictions = append(r.Predictions, s.Doc())
	}
	if err := s.Err(); err != nil {
		return nil, err
	}
	if s.checkErr != nil {
		return nil, s.checkErr
	}
	return &r, nil
}

// ReadFile opens and decodes the run file at path (ReadRun), which must be
// a whole run, not a shard's (CheckWhole).
func ReadFile(path string) (*Run, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	run, err := ReadRun(path, f)
	if err == nil {
		err = CheckWhole(path, run)
	}
	return run, err
}

// UpgradeLegacyCorpus reads the corpus part of the signature sig of a run
// file written before signatures pinned the corpus's content (format
// arabench-run/1, whose corpus part is a name): when it names corpus c, the
// part is taken as c's hash, and UpgradeLegacyCorpus reports true (the
// mentions' texts are still checked against c's documents, by
// Run.Mentions). Any other run is left as it is.
func UpgradeLegacyCorpus(run *Run, sig *signature.Signature, c *corpus.Corpus) bool {
	if run.Format == Format || sig.Corpus != c.Name {
		return false
	}
	sig.Corpus = signature.CorpusHash(c.Documents)
	return true
}

// CheckWhole refuses the run file at path of one shard where a whole run is
// needed (compare, report): it lacks every document of the other shards.
func CheckWhole(path string, run *Run) error {
	if run.Shard == nil {
		return nil
	}
	return fmt.Errorf("%s is the run of shard %s only: join the shards first with `arabench merge PART... -o RUN.json`", path, run.Shard)
}

// valueStart is the index of the first byte of the JSON value that a type
// error reported at offset off is about. encoding/json reports an object or
// array just after its opening bracket, and a string, number, true, false or
// null just after its last byte.
func valueStart(data []byte, off int64) int {
	i := int(min(max(off, 1), int64(len(data)))) - 1
	if i < 0 {
		return 0
	}
	switch data[i] {
	case '{', '[':
		return i
	case '"':
		// The closing quote: the opening one is the previous quote that no
		// backslash escapes.
		for j := i - 1; j >= 0; j-- {
			if data[j] == '"' && trailingBackslashes(data[:j])%2 == 0 {
				return j
			}
		}
		return i
	}
	for i > 0 && isLiteralByte(data[i-1]) {
		i--
	}
	return i
}

// trailingBackslashes counts the backslashes at the end of b.
func trailingBackslashes(b []byte) int {
	return len(b) - len(bytes.TrimRight(b, "\\"))
}

// isLiteralByte reports whether c can be part of a JSON number, true, false
// or null.
func isLiteralByte(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || c == '-' || c == '+' || c == '.' || c == 'E'
}

// jsonKind names a Go kind the way a JSON reader would.
func jsonKind(kind string) string {
	switch kind {
	case "int", "int64", "float64":
		return "a number"
	case "string":
		return "a string"
	case "slice":
		return "an array"
	case "struct", "map", "ptr":
		return "an object"
	case "bool":
		return "true or false"
	}
	return "a " + kind
}

// Mentions converts the run's predictions back to byte offsets against c.
// Every problem is reported with the file name and document: a document that
// is not in c, listed twice, or missing from the run; offsets out of range;
// a mention without a type; a mention whose text differs from the span it
// covers in c (the run was made on other texts). The documents and mentions
// that convert are kept.
func (r *Run) Mentions(name string, c *corpus.Corpus) (map[string][]corpus.Mention, []error) {
	out := map[string][]corpus.Mention{}
	m := NewMatcher(name, c)
	for _, rd := range r.Predictions {
		if k, ms := m.Match(rd); k >= 0 && len(ms) > 0 {
			out[rd.Doc] = ms
		}
	}
	return out, m.Finish()
}

// Matcher finds the documents of a run in a corpus one at a time, for a run
// read document by document (Scanner), and converts their mentions to byte
// offsets: Run.Mentions for a run in memory, with the same problems
// reported in the same order.
type Matcher struct {
	name string
	c    *corpus.Corpus
	seen []bool
	// last is the place in c of the last document matched, -1 before any.
	last    int
	ordered bool
	errs    []error
}

// NewMatcher returns a Matcher of the run file name against c.
func NewMatcher(name string, c *corpus.Corpus) *Matcher {
	return &Matcher{name: name, c: c, seen: make([]bool, len(c.Documents)), last: -1, ordered: true}
}

// Match finds rd in the corpus and converts its mentions (DocMentions). It
// returns the document's place in the corpus's Documents, or -1 when it is
// not in the corpus or was listed before; the problems are kept for Finish.
func (m *Matcher) Match(rd Doc) (int, []corpus.Mention) {
	docs := m.c.Documents
	k := sort.Search(len(docs), func(i int) bool { return docs[i].ID >= rd.Doc })
	if k == len(docs) || docs[k].ID != rd.Doc {
		m.errs = append(m.errs, fmt.Errorf("%s: doc %q is not in corpus %s", m.name, rd.Doc, m.c.Name))
		return -1, nil
	}
	if m.seen[k] {
		m.errs = append(m.errs, fmt.Errorf("%s: doc %q is listed twice", m.name, rd.Doc))
		return -1, nil
	}
	m.seen[k] = true
	if k < m.last {
		m.ordered = false
	}
	m.last = k
	ms, errs := DocMentions(m.name, rd, docs[k])
	m.errs = append(m.errs, errs...)
	return k, ms
}

// InOrder reports whether the documents matched so far came in the order of
// the corpus (documents it does not have, or listed twice, aside).
func (m *Matcher) InOrder() bool { return m.ordered }

// Finish returns the problems of the documents matched, in their order,
// then one for each document of the corpus that was not matched.
func (m *Matcher) Finish() []error {
	errs := m.errs
	for k, d := range m.c.Documents {
		if !m.seen[k] {
			errs = append(errs, fmt.Errorf("%s: doc %q of corpus %s has no entry in the run", m.name, d.ID, m.c.Name))
		}
	}
	return errs
}

// DocMentions converts the predictions of rd, a document of the run file
// name, to byte offsets against d, the corpus document of the same id. Each
// mention that does not fit is left out and reported: offsets out of range,
// no type, a text that differs from the span it covers in d.
func DocMentions(name string, rd Doc, d corpus.Document) ([]corpus.Mention, []error) {
	var out []corpus.Mention
	var errs []error
	ix := corpus.NewIndex(d.Text)
	for i, m := range rd.Mentions {
		s, e, err := ix.Span(m.Start, m.End)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: doc %q: mention %d: %w", name, rd.Doc, i+1, err))
			continue
		}
		if strings.TrimSpace(m.Type) == "" {
			errs = append(errs, fmt.Errorf("%s: doc %q: mention %d has no type", name, rd.Doc, i+1))
			continue
		}
		if m.Text != "" && m.Text != d.Text[s:e] && m.Text != asJSONText(d.Text[s:e]) {
			errs = append(errs, fmt.Errorf("%s: doc %q: mention %d: text %q differs from the span [%d,%d) of the document, %q: the run was made on other texts", name, rd.Doc, i+1, m.Text, m.Start, m.End, d.Text[s:e]))
			continue
		}
		out = append(out, corpus.Mention{Start: s, End: e, Type: m.Type, Text: d.Text[s:e], Entity: m.Entity, Value: m.Value})
	}
	return out, errs
}

// asJSONText is s as a JSON string holds it once decoded: encoding/json
// writes every byte that is not valid UTF-8 as U+FFFD, so the text of a span
// over such bytes reads back changed, and must still match its span.
func asJSONText(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return string([]rune(s))
}
