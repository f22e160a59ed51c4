package hit

import (
	"cmp"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	bsearch "github.com/blevesearch/bleve/v2/search"

	"seisaku/analyzers"
	"seisaku/indexer"
	"seisaku/indexer/meta"
	"seisaku/search/plan"
)

// Permalink is the address of a passage in the web UI:
// /documents/<docID>#p<seq>, the document page scrolled to the passage.
func Permalink(docID string, seq int) string {
	return "/documents/" + url.PathEscape(docID) + fmt.Sprintf("#p%d", seq)
}

// Hit is one passage with its document's metadata.
type Hit struct {
	ID         string   `json:"id"` // passage ID
	Text       string   `json:"text"`
	Headings   []string `json:"headings"`
	DocID      string   `json:"documentId"`
	Title      string   `json:"title"`
	City       string   `json:"city,omitempty"`       // omitted when unknown
	Prefecture string   `json:"prefecture,omitempty"` // the city's prefecture; omitted when unknown
	Department string   `json:"department,omitempty"` // omitted when unknown
	Year       int      `json:"year,omitempty"`       // omitted when unknown
	Published  string   `json:"published,omitempty"`
	IssueTypes []string `json:"issueTypes"`
	Source     string   `json:"source"`
	URL        string   `json:"url,omitempty"`
	CitySite   string   `json:"citySite,omitempty"`   // the city's official site, https://host/ (CitySite); omitted when unknown
	Page       int      `json:"page,omitempty"`       // the PDF page the passage starts on; omitted for formats without pages
	SamePage   int      `json:"samePage,omitempty"`   // other matching passages of the same PDF page, folded into this hit (pages.go)
	SameSpeech int      `json:"sameSpeech,omitempty"` // in minutes: other matching passages of the same speech, folded into this hit (pages.go)
	Read       string   `json:"read,omitempty"`       // "ocr": some of the text was read from a page image, so a character may be wrong
	Speech
	Permalink string    `json:"permalink"`
	Score     float64   `json:"score"`
	Match     *Match    `json:"match,omitempty"` // how the passage holds each query word (explain.go); nil when browsing
	Formatted Formatted `json:"_formatted"`
	// SpeechKey is, in minutes, the speech the passage is part of
	// (indexer.FieldSpeech): "" elsewhere.
	SpeechKey    string  `json:"-"`
	SpeechWeight float64 `json:"-"` // the factor for its speech's length (WeighSpeeches); 0: not set
}

// Formatted holds the highlighted, HTML-escaped, cropped versions of a hit's
// fields, safe to insert into a page as HTML.
type Formatted struct {
	Text     string   `json:"text"`
	Title    string   `json:"title"`
	Headings []string `json:"headings"`
}

// FacetValues returns the hit's values of the keyword or year facet called
// name (see indexer.Facets): none when unknown or not a facet.
func (h Hit) FacetValues(name string) []string {
	one := func(v string) []string {
		if v == "" {
			return nil
		}
		return []string{v}
	}
	switch name {
	case "city":
		return one(h.City)
	case "department":
		return one(h.Department)
	case "prefecture":
		return one(h.Prefecture)
	case "issue_type":
		return h.IssueTypes
	case "speaker":
		return one(h.Speaker)
	case "role":
		return one(h.Role)
	case "session":
		return one(h.Session)
	case "year":
		if h.Year > 0 {
			return []string{strconv.Itoa(h.Year)}
		}
	}
	return nil
}

// textFields are the fields whose locations are byte ranges of the stored
// passage text. The bigram field has none (no term vectors): words that
// matched only there are found again in the text (Marker.unlocated).
var textFields = []string{indexer.FieldText}

// Hit is a whole hit: bare, explained and highlighted.
func (mk Marker) Hit(m *bsearch.DocumentMatch) Hit {
	h := bare(m)
	ft := analyzers.NewFolded(h.Text) // folded once for every word searched in it
	h.Match = explain(mk.Words, &h, ft, m.Locations)
	mk.format(&h, m, ft)
	return h
}

// bare is a hit's stored fields, without Match and Formatted.
func bare(m *bsearch.DocumentMatch) Hit {
	f := m.Fields
	h := Hit{
		ID:         m.ID,
		Text:       StoredString(f[indexer.FieldText]),
		Headings:   splitHeadings(StoredString(f[indexer.FieldHeadings])),
		DocID:      StoredString(f[indexer.FieldDocID]),
		Title:      StoredString(f[indexer.FieldTitle]),
		City:       StoredString(f[indexer.FieldCity]),
		Prefecture: StoredString(f[indexer.FieldPrefecture]),
		Department: StoredString(f[indexer.FieldDepartment]),
		Year:       StoredInt(f[indexer.FieldYear]),
		Published:  StoredString(f[indexer.FieldPublished]),
		IssueTypes: StoredStrings(f[indexer.FieldIssueType]),
		Source:     StoredString(f[indexer.FieldSource]),
		URL:        StoredString(f[indexer.FieldURL]),
		Page:       StoredInt(f[indexer.FieldPage]),
		Read:       StoredString(f[indexer.FieldRead]),
		Speech:     speech(f),
		SpeechKey:  StoredString(f[indexer.FieldSpeech]),
		Score:      m.Score,
	}
	h.Permalink = Permalink(h.DocID, StoredInt(f[indexer.FieldSeq]))
	if h.ReplyTo != nil {
		h.ReplyTo.Permalink = Permalink(h.DocID, h.ReplyTo.Seq)
	}
	h.CitySite = CitySite(h.City, h.Prefecture)
	return h
}

// CitySite is the official site of the municipality city (in prefecture
// pref when several share the name), "https://www.city.kurashiki.okayama.jp/",
// from the municipalities table (indexer/meta, CC0); "" when unknown. It
// stands for where a document comes from when the document states no
// address of its own.
func CitySite(city, pref string) string {
	if city == "" {
		return ""
	}
	m, ok := meta.Lookup(city, pref)
	if !ok || m.Host == "" {
		return ""
	}
	return "https://" + m.Host + "/"
}

// format fills in h.Formatted from m's locations and h's folded text.
func (mk Marker) format(h *Hit, m *bsearch.DocumentMatch, ft *analyzers.Folded) {
	spans := append(mk.textSpans(m.Locations, ft), mk.unlocated(m.Locations, ft)...)
	h.Formatted = Formatted{
		Text:     mk.highlight(h.Text, append(spans, themeSpans(h.Match, ft)...)),
		Title:    Marker{Pre: mk.Pre, Post: mk.Post}.highlight(h.Title, spansIn(m.Locations, indexer.FieldTitle)),
		Headings: mk.headings(StoredString(m.Fields[indexer.FieldHeadings]), spansIn(m.Locations, indexer.FieldHeadings)),
	}
}

// unlocated returns the spans of the query words that matched no located
// term in text: a word found only through the bigram field (or a title) is
// marked wherever it occurs in the text under the analyzers' folding.
func (mk Marker) unlocated(locs bsearch.FieldTermLocationMap, text *analyzers.Folded) []span {
	var out []span
	for _, w := range mk.Marks {
		if located(locs, w.Terms) {
			continue
		}
		for _, r := range text.Find(w.Text) {
			out = append(out, span{r[0], r[1]})
		}
	}
	return out
}

// textSpans returns the spans of the terms matched in the passage text, but
// where a query word occurs as typed, its parts are marked only inside those
// occurrences: a relaxed tier records the parts' locations everywhere (区政
// and 会議 alone), which would mark words the hit did not need.
func (mk Marker) textSpans(locs bsearch.FieldTermLocationMap, text *analyzers.Folded) []span {
	within := map[string][][2]int{} // term → the occurrences of its word as typed
	free := map[string]bool{}       // terms of a word not found as typed: marked anywhere
	lone := map[string]bool{}       // one-character ones among them: marked next to another part
	var readings []posSpan          // the runs of words found by their reading
	for _, w := range mk.Marks {
		rs := text.Find(w.Text)
		if len(rs) == 0 {
			readings = append(readings, readingRuns(locs, w.Readings)...)
		}
		for _, t := range w.Terms {
			switch {
			case len(rs) > 0:
				within[t] = append(within[t], rs...)
			case len(w.Terms) > 1 && utf8.RuneCountInString(t) == 1:
				lone[t] = true
			default:
				free[t] = true
			}
		}
	}
	var out, lones []span
	for _, r := range readings {
		out = append(out, r.span)
	}
	for _, f := range textFields {
		for term, ls := range locs[f] {
			rs, restricted := within[term]
			for _, l := range ls {
				// the index keeps a token's length as its end
				// (analyzers.TextIndex)
				sp := span{int(l.Start), int(l.Start + l.End)}
				switch {
				case lone[term] && !free[term]:
					lones = append(lones, sp)
				case !restricted || free[term] || inside(rs, sp.start, sp.end):
					out = append(out, sp)
				}
			}
		}
	}
	// 者 of 犯罪被害者支援 is marked in 犯罪被害者等, not in 事業者
	for _, l := range lones {
		for _, o := range out {
			if o.end == l.start || l.end == o.start {
				out = append(out, l)
				break
			}
		}
	}
	return append(out, particleGaps(readings, text.Text())...)
}

// posSpan is a located term's position and bytes.
type posSpan struct {
	pos uint64
	span
}

// readingRuns returns the located text terms that make a run of one of the
// phrases a kana word reads as: a term of each slot at consecutive
// positions, any position where a gap stands. A term located elsewhere (バス
// matched as a part of コミュニティバス by a relaxed tier) is no reading
// match.
func readingRuns(locs bsearch.FieldTermLocationMap, ps []plan.Phrase) []posSpan {
	tl := locs[indexer.FieldText]
	if len(tl) == 0 {
		return nil
	}
	var out []posSpan
	for _, p := range ps {
		if len(p) == 0 || len(p[0]) == 0 {
			continue
		}
		at := make([]map[uint64]span, len(p)) // slot → position → bytes; nil for a gap
		for i, slot := range p {
			if len(slot) == 0 {
				continue
			}
			at[i] = map[uint64]span{}
			for _, t := range slot {
				for _, l := range tl[t] {
					// the index keeps a token's length as its end (analyzers.TextIndex)
					at[i][l.Pos] = span{int(l.Start), int(l.Start + l.End)}
				}
			}
		}
	starts:
		for p0 := range at[0] {
			for i := 1; i < len(p); i++ {
				if _, ok := at[i][p0+uint64(i)]; at[i] != nil && !ok {
					continue starts
				}
			}
			for i := range p {
				if at[i] != nil {
					out = append(out, posSpan{p0 + uint64(i), at[i][p0+uint64(i)]})
				}
			}
		}
	}
	return out
}

// particleGaps returns the particles inside kana phrases matched by
// reading: the text field leaves particles out, so 市民の声 found by
// しみんのこえ is located as 市民 and 声 two positions apart, and the の
// between them, hiragana alone, is marked with them.
func particleGaps(rs []posSpan, text string) []span {
	if len(rs) < 2 {
		return nil
	}
	slices.SortFunc(rs, func(a, b posSpan) int { return cmp.Compare(a.pos, b.pos) })
	var out []span
	for i := 1; i < len(rs); i++ {
		a, b := rs[i-1], rs[i]
		if b.pos != a.pos+2 || a.end >= b.start || b.start > len(text) {
			continue
		}
		if gap := text[a.end:b.start]; utf8.RuneCountInString(gap) <= maxParticleRunes && allHiragana(gap) {
			out = append(out, span{a.end, b.start})
		}
	}
	return out
}

// maxParticleRunes is the longest particle marked between two readings
// (から, まで, より, など).
const maxParticleRunes = 3

func allHiragana(s string) bool {
	for _, r := range s {
		if !unicode.In(r, unicode.Hiragana) {
			return false
		}
	}
	return s != ""
}

func inside(rs [][2]int, start, end int) bool {
	for _, r := range rs {
		if r[0] <= start && end <= r[1] {
			return true
		}
	}
	return false
}

// located reports whether any of terms has a location in textFields.
func located(locs bsearch.FieldTermLocationMap, terms []string) bool {
	for _, f := range textFields {
		for _, t := range terms {
			if len(locs[f][t]) > 0 {
				return true
			}
		}
	}
	return false
}

// spansIn collects the byte ranges of every matched term in fields.
func spansIn(locs bsearch.FieldTermLocationMap, fields ...string) []span {
	var out []span
	for _, f := range fields {
		for _, ls := range locs[f] {
			for _, l := range ls {
				out = append(out, span{int(l.Start), int(l.End)})
			}
		}
	}
	return out
}

// headings highlights the stored heading path, whose locations are offsets
// into the joined string, and splits it into its headings (not cropped).
func (mk Marker) headings(joined string, spans []span) []string {
	if joined == "" {
		return []string{}
	}
	full := Marker{Pre: mk.Pre, Post: mk.Post}
	var out []string
	off := 0
	for _, h := range strings.Split(joined, indexer.HeadingSep) {
		var local []span
		for _, s := range spans {
			local = append(local, span{s.start - off, s.end - off})
		}
		out = append(out, full.highlight(h, clipSpans(h, local)))
		off += len(h) + len(indexer.HeadingSep)
	}
	return out
}

// clipSpans keeps the parts of spans that fall inside text.
func clipSpans(text string, spans []span) []span {
	var out []span
	for _, s := range spans {
		s.start, s.end = max(s.start, 0), min(s.end, len(text))
		if s.start < s.end {
			out = append(out, s)
		}
	}
	return out
}

func splitHeadings(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, indexer.HeadingSep)
}

// StoredString returns a stored string field ("" when absent). A field stored with
// several values comes back as []interface{}; the first is used.
func StoredString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []any:
		if len(v) > 0 {
			return StoredString(v[0])
		}
	}
	return ""
}

// StoredStrings returns a stored multi-valued string field: bleve returns a single
// value as a string and several as []interface{}.
func StoredStrings(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return []string{}
}

// StoredInt returns a stored numeric field as an int (0 when absent).
func StoredInt(v any) int {
	switch v := v.(type) {
	case float64:
		return int(v)
	case []any:
		if len(v) > 0 {
			return StoredInt(v[0])
		}
	}
	return 0
}

// Hits converts bleve matches into whole hits.
func (mk Marker) Hits(ms bsearch.DocumentMatchCollection) []Hit {
	out := make([]Hit, 0, len(ms))
	for _, m := range ms {
		out = append(out, mk.Hit(m))
	}
	return out
}

// Pending keeps bare hits' matches until the hits are known to be on the
// page: a diversified page is cut from twice as many hits, and folding and
// highlighting the ones it does not show would cost more than the rest of
// the reordering.
type Pending struct {
	hits map[string]*pendingHit
}

type pendingHit struct {
	m    *bsearch.DocumentMatch
	text *analyzers.Folded // nil until explained
}

// NewPending returns an empty Pending.
func NewPending() *Pending { return &Pending{hits: map[string]*pendingHit{}} }

// Bare converts bleve matches into bare hits and keeps their matches.
func (p *Pending) Bare(ms bsearch.DocumentMatchCollection) []Hit {
	out := make([]Hit, 0, len(ms))
	for _, m := range ms {
		p.hits[m.ID] = &pendingHit{m: m}
		out = append(out, bare(m))
	}
	return out
}

// Explain fills in h.Match, for Diversify's tiers.
func (p *Pending) Explain(mk Marker, h *Hit) {
	ph := p.hits[h.ID]
	ph.text = analyzers.NewFolded(h.Text)
	h.Match = explain(mk.Words, h, ph.text, ph.m.Locations)
}

// Finish explains (unless done) and highlights a bare hit.
func (p *Pending) Finish(mk Marker, h *Hit) {
	ph := p.hits[h.ID]
	if ph.text == nil {
		p.Explain(mk, h)
	}
	mk.format(h, ph.m, ph.text)
}
