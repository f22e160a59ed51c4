package indexer

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"seisaku/analyzers"
	"seisaku/indexer/meta"
	"seisaku/indexer/minutes"
	"seisaku/indexer/passage"
	"seisaku/indexer/source"
	"seisaku/indexer/theme"
)

// Document is one source document ready for the index: its metadata, its
// passages in order and the themes rolled up from them.
type Document struct {
	ID       string
	Title    string
	Meta     meta.Metadata
	Source   string // file path (as given to the build, relative to its root) plus record key
	URL      string // the document's own address when known
	Themes   []string
	Passages []Passage
}

// Passage is a passage of a Document with its themes and, in minutes,
// who spoke it.
type Passage struct {
	passage.Passage
	Themes []string
	// Speaker, SpeakerTitle and Role: the speech the passage is part of
	// (every passage of a speech carries them); "" when unknown or not
	// minutes. Role is RoleQuestion, RoleAnswer or RoleChair.
	Speaker, SpeakerTitle, Role string
	// Reply is, on an answer, the question it answers; nil otherwise.
	Reply *Reply
	// SpeechStart is, in minutes, the seq of the first passage of the
	// speech (-1 when the passage is part of none): the speech's key, with
	// the document's ID (SpeechKey).
	SpeechStart int

	folded analyzers.FoldedText // Text's first stage of folding, for its analysis
}

// foldedText returns p's text folded (analyzers.FoldText), as its document
// folded it for the theme tagging when it still holds the same text.
func (p Passage) foldedText() analyzers.FoldedText {
	if p.folded.Text() == p.Text {
		return p.folded
	}
	return analyzers.FoldText(p.Text)
}

// Reply is the question speech an answer answers.
type Reply struct {
	Seq     int    // the first passage of the question speech
	Speaker string // who asked
	Lead    string // its first words (minutes.LeadRunes at most)
}

// PassageID is the index ID of passage seq of document docID.
func PassageID(docID string, seq int) string {
	return docID + "-" + strconv.Itoa(seq)
}

// SpeechKey is the value of the speech field of the passages of a speech
// of document docID whose first passage is seq: that passage's ID.
func SpeechKey(docID string, seq int) string { return PassageID(docID, seq) }

// A passage stores its speech key as the seq of the speech's first
// passage alone ("129"), whose document is the passage's own; the term it
// indexes is the whole key (analyze.go). SpeechKeyFromStored reads the
// key back from what passage of document docID stores.
func SpeechKeyFromStored(docID, stored string) string {
	if seq, err := strconv.Atoi(stored); err == nil && seq >= 0 {
		return SpeechKey(docID, seq)
	}
	return stored
}

// SplitPassageID is the inverse of PassageID.
func SplitPassageID(id string) (docID string, seq int, ok bool) {
	i := strings.LastIndexByte(id, '-')
	if i <= 0 {
		return "", 0, false
	}
	n, err := strconv.Atoi(id[i+1:])
	if err != nil || n < 0 {
		return "", 0, false
	}
	return id[:i], n, true
}

// DocumentID derives a stable ID from where the document came from, so a
// rebuild gives the same permalinks.
func DocumentID(path, key string) string {
	h := sha256.Sum256([]byte(path + "\x00" + key))
	return hex.EncodeToString(h[:8])
}

// Analyzer turns a source into a Document: metadata, passages, themes.
type Analyzer struct {
	Defaults  meta.Metadata    // the operator's defaults (--city …)
	Thesaurus *theme.Thesaurus // nil means theme.Default()
}

// Document builds the Document for src. It returns nil when the source has
// no passage left (all chrome or empty).
func (a *Analyzer) Document(src source.Source) *Document {
	th := a.Thesaurus
	if th == nil {
		th = theme.Default()
	}
	var text strings.Builder
	for _, b := range src.Blocks {
		text.WriteString(b.Text)
		text.WriteByte('\n')
	}
	rec, blocks := minutes.Read(src.Blocks, src.Front, src.Session, src.Title)
	hints := src.Hints
	if rec != nil {
		// the meeting's day is when the minutes were made: the date they
		// are published under, and (unless the title names a 年度) the
		// fiscal year they belong to
		if hints.Published == "" {
			hints.Published = rec.Date
		}
		if hints.Session == "" {
			hints.Session = rec.Session
		}
	}
	in := meta.Input{Title: src.Title, Text: text.String(), Path: src.Path, URL: src.URL, Hints: hints, Lines: metaLines(src.Blocks)}
	if src.Encoding == "PDF" {
		in.Title, in.InfoTitle = "", src.Title // a PDF's Title is its document information's: a claim to check
	}
	md := meta.Extract(in, a.Defaults)
	if rec != nil && md.Department == "" && reAssemblySession.MatchString(rec.Session) {
		// the record of a session of the assembly is the assembly's own,
		// as a header naming 議会 and 会議録 would file it
		md.Department, md.Why.Department = "議会", rec.Session+" (a session of the assembly)"
	}
	if rec != nil && md.Department == "" {
		// a committee of the assembly (決算特別委員会会議録, 総務委員会)
		for _, t := range []string{rec.Title, src.Title} {
			if minutes.AssemblyCommittee(t) {
				md.Department, md.Why.Department = "議会", t+" (a committee of the assembly)"
				break
			}
		}
	}
	ps := passage.Split(blocks)
	if len(ps) == 0 {
		return nil
	}
	d := &Document{
		ID:     DocumentID(src.Path, src.Key),
		Title:  documentTitle(src, md, ps),
		Meta:   md,
		Source: sourceName(src),
		URL:    src.URL,
	}
	if d.URL == "" {
		d.URL = statedAddress(src.Blocks)
	}
	all := make([][]string, len(ps))
	for i, p := range ps {
		ft := analyzers.FoldText(p.Text) // folded once, for the themes and the analysis
		tags := th.TagFolded(p.Headings, ft.Fold())
		all[i] = tags
		d.Passages = append(d.Passages, Passage{Passage: p, Themes: tags, SpeechStart: -1, folded: ft})
	}
	if rec != nil {
		speakers(d.Passages, rec)
		if rec.Title != "" && !source.NamesMeeting(d.Title) {
			d.Title, d.Meta.Title = rec.Title, rec.Title // a PDF's largest line may be a list's heading (出席議員)
		}
	}
	d.Themes = theme.Rollup(all)
	return d
}

// reAssemblySession names a session only an assembly holds (定例会,
// 臨時会, 定例月議会, 本会議); a 委員会 or a 審議会 may be the executive's.
var reAssemblySession = regexp.MustCompile(`定例会|臨時会|定例月議会|本会議`)

// speakers gives every passage of a speech its speaker, title and role,
// and an answer's passages the question they answer: the first passage of
// that question speech, who asked and its first words.
func speakers(ps []Passage, rec *minutes.Record) {
	first := map[int]int{} // speech index → seq of its first passage
	for _, p := range ps {
		if k := p.Speech - 1; k >= 0 {
			if _, ok := first[k]; !ok {
				first[k] = p.Seq
			}
		}
	}
	for i := range ps {
		k := ps[i].Speech - 1
		if k < 0 || k >= len(rec.Speeches) {
			continue
		}
		sp := rec.Speeches[k]
		ps[i].Speaker, ps[i].SpeakerTitle, ps[i].Role = sp.Name, sp.Title, sp.Role
		ps[i].SpeechStart = first[k]
		if q := sp.ReplyTo; q >= 0 && sp.Role == RoleAnswer {
			if seq, ok := first[q]; ok {
				ps[i].Reply = &Reply{Seq: seq, Speaker: rec.Speeches[q].Name, Lead: rec.Speeches[q].Lead}
			}
		}
	}
}

// reAddressLine is a line that states the document's own address:
// 出典: https://…, 出所：…, 掲載ページ: …, URL: ….
var reAddressLine = regexp.MustCompile(`^(?:出典|出所|引用元|掲載元|掲載ページ|元ページ|URL|url)\s*[:：]\s*(https?://\S+)$`)

// statedAddress is the address a document states in a labelled line among
// its first or last five blocks; "" when it states none (an address in the
// running text is a link to somewhere else).
func statedAddress(bs []source.Block) string {
	for i, b := range bs {
		if i >= 5 && i < len(bs)-5 {
			continue
		}
		if m := reAddressLine.FindStringSubmatch(strings.TrimSpace(b.Text)); m != nil {
			return m[1]
		}
	}
	return ""
}

func sourceName(src source.Source) string {
	if src.Key == "" {
		return src.Path
	}
	return src.Path + "#" + src.Key
}

// metaLines are the first blocks as the metadata rules read them: the
// title block and what surrounds it.
func metaLines(bs []source.Block) []meta.Line {
	const n = 40
	out := make([]meta.Line, 0, min(len(bs), n))
	for _, b := range bs {
		if len(out) == n {
			break
		}
		out = append(out, meta.Line{Text: b.Text, Heading: b.Kind == source.Heading, Level: b.Level, Page: b.Page, Table: b.Kind == source.TableCell})
	}
	return out
}

// documentTitle is the document's own title as the metadata rules read it
// (the format's, the cover's, the first heading), else the title the
// source states, else, for a PDF, its file's name when that names a
// document, else the first heading, else the first line of the first
// passage: a label to show, not a title the document claims (the
// metadata keeps its title unknown).
func documentTitle(src source.Source, md meta.Metadata, ps []passage.Passage) string {
	if md.Title != "" {
		return md.Title
	}
	if t := strings.TrimSpace(src.Title); t != "" && src.Encoding != "PDF" {
		return t
	}
	if src.Encoding == "PDF" {
		// a policy speech or a bill's reasons printed as their text alone
		// (施政方針.pdf opens 「おはようございます。」): the name the city
		// gave the file says what it is
		if t := fileLabel(src.Path); t != "" {
			return t
		}
	}
	// a heading set three times or more on its page is a table's value or
	// a page's label (原案可決 down a column of 議決結果), not what the
	// document is (a budget book names itself over each of its parts)
	type onPage struct {
		page int
		text string
	}
	seen := map[onPage]int{}
	for _, b := range src.Blocks {
		seen[onPage{b.Page, strings.TrimSpace(b.Text)}]++
	}
	rows := 0 // a heading below a table's rows is the table's matter (a budget book's page opening the file)
	for _, b := range src.Blocks {
		if b.Kind == source.TableCell && !meta.IsSpacedText(b.Text) {
			rows++
		}
		if b.Kind == source.Heading && (src.Encoding != "PDF" || meta.ReadsAsLabel(b.Text) && seen[onPage{b.Page, strings.TrimSpace(b.Text)}] < 3 && rows < 2) {
			return strings.TrimSpace(b.Text)
		}
	}
	first, _, _ := strings.Cut(ps[0].Text, "\n")
	r := []rune(first)
	if len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return string(r)
}

// fileLabel is a file's name without its extension when it names a
// document and reads as a title (施政方針（446回）, 議案第１号：一般会計補正
// 予算), else "" (Ｐ５.pdf, R040224.pdf, scan0001.pdf).
func fileLabel(path string) string {
	base := filepath.Base(path)
	base = strings.TrimSpace(strings.TrimSuffix(base, filepath.Ext(base)))
	if !meta.NamesDocument(base) || !meta.ReadsAsTitle(base) {
		return ""
	}
	return base
}

// Fields is the passage as the property map the mapping indexes.
// Unknown metadata is left out (see schema.go).
func (d *Document) Fields(p Passage) map[string]any {
	f := map[string]any{
		FieldDocID: d.ID,
		FieldSeq:   float64(p.Seq),
		FieldTitle: d.Title,
		FieldText:  p.Text,
	}
	if len(p.Headings) > 0 {
		f[FieldHeadings] = strings.Join(p.Headings, HeadingSep)
	}
	setString(f, FieldCity, d.Meta.City)
	setString(f, FieldPrefecture, d.Meta.Prefecture)
	setString(f, FieldDepartment, d.Meta.Department)
	setString(f, FieldPublished, d.Meta.Published)
	setString(f, FieldSource, d.Source)
	setString(f, FieldURL, d.URL)
	if y := d.Meta.FiscalYear; y > 0 {
		f[FieldYear] = float64(y)
		f[FieldYearFacet] = strconv.Itoa(y)
	}
	if len(p.Themes) > 0 {
		f[FieldIssueType] = p.Themes
	}
	if p.Page > 0 {
		f[FieldPage] = float64(p.Page)
	}
	if p.OCR {
		f[FieldRead] = ReadOCR
	}
	setString(f, FieldSession, d.Meta.Session)
	setString(f, FieldSpeaker, p.Speaker)
	setString(f, FieldSpeakerTitle, p.SpeakerTitle)
	setString(f, FieldRole, p.Role)
	if p.SpeechStart >= 0 && p.Speaker != "" {
		f[FieldSpeech] = SpeechKey(d.ID, p.SpeechStart)
	}
	if r := p.Reply; r != nil {
		f[FieldReplyTo] = float64(r.Seq)
		setString(f, FieldReplyToSpeaker, r.Speaker)
		setString(f, FieldReplyToLead, r.Lead)
	}
	// The title list wants each document once: kept on passage 0 alone,
	// it costs nothing per passage. (The document's themes are not kept:
	// the document view rolls them up from its passages' themes.)
	if p.Seq == 0 {
		setString(f, FieldDocTitle, d.Title)
	}
	return f
}

func setString(f map[string]any, k, v string) {
	if v != "" {
		f[k] = v
	}
}

// maxDocumentText bounds the text of one document: a file past it (a
// database dump, a whole year of minutes pasted into one line) is cut
// there, at a block or rune boundary, and reported as damaged, so that no
// stage of a build sees more than this at once. A variable for the tests.
var maxDocumentText = 16 << 20

// cutToSize cuts src's blocks after max bytes of text and says so, or
// returns "" when the document is within the bound.
func cutToSize(src *source.Source, max int) string {
	total := 0
	for _, b := range src.Blocks {
		total += len(b.Text)
	}
	if total <= max {
		return ""
	}
	kept, n := src.Blocks[:0:0], 0
	for _, b := range src.Blocks {
		if n+len(b.Text) > max {
			if rest := max - n; rest > 0 {
				b.Text = strings.ToValidUTF8(b.Text[:rest], "")
				kept = append(kept, b)
			}
			break
		}
		kept = append(kept, b)
		n += len(b.Text)
	}
	src.Blocks = kept
	return fmt.Sprintf("cut after %d MB of its %d MB of text (the limit of one document)", max>>20, total>>20)
}
