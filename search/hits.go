package search

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"seisaku/analyzers"
	"seisaku/indexer"
)

// Permalink is the address of a passage in the web UI:
// /documents/<docID>#p<seq>, the document page scrolled to the passage.
func Permalink(docID string, seq int) string {
	return "/documents/" + url.PathEscape(docID) + fmt.Sprintf("#p%d", seq)
}

// hits converts bleve matches into Hits, highlighted with the plan's
// marker; with a pending table, bare ones (see pendingHit).
func (p *spec) hits(ms bsearch.DocumentMatchCollection) []Hit {
	out := make([]Hit, 0, len(ms))
	for _, m := range ms {
		if p.pending != nil {
			p.pending[m.ID] = &pendingHit{m: m}
			out = append(out, bare(m))
			continue
		}
		out = append(out, p.marker.hit(m))
	}
	return out
}

// pendingHit is a bare hit's match, kept until the hit is known to be on
// the page: a diversified page is cut from twice as many hits, and folding
// and highlighting the ones it does not show would cost more than the rest
// of the reordering.
type pendingHit struct {
	m    *bsearch.DocumentMatch
	text *analyzers.Folded // nil until explained
}

// explainPending fills in h.Match, for diversify's tiers.
func (p *spec) explainPending(h *Hit) {
	ph := p.pending[h.ID]
	ph.text = analyzers.NewFolded(h.Text)
	h.Match = explain(p.marker.explain, h, ph.text, ph.m.Locations)
}

// finishPending explains (unless done) and highlights a bare hit.
func (p *spec) finishPending(h *Hit) {
	ph := p.pending[h.ID]
	if ph.text == nil {
		p.explainPending(h)
	}
	p.marker.format(h, ph.m, ph.text)
}

// textFields are the fields whose locations are byte ranges of the stored
// passage text. The bigram field has none (no term vectors): words that
// matched only there are found again in the text (marker.unlocated).
var textFields = []string{indexer.FieldText, indexer.FieldTextReading}

// hit is a whole hit: bare, explained and highlighted.
func (mk marker) hit(m *bsearch.DocumentMatch) Hit {
	h := bare(m)
	ft := analyzers.NewFolded(h.Text) // folded once for every word searched in it
	h.Match = explain(mk.explain, &h, ft, m.Locations)
	mk.format(&h, m, ft)
	return h
}

// bare is a hit's stored fields, without Match and Formatted.
func bare(m *bsearch.DocumentMatch) Hit {
	f := m.Fields
	h := Hit{
		ID:         m.ID,
		Text:       str(f[indexer.FieldText]),
		Headings:   splitHeadings(str(f[indexer.FieldHeadings])),
		DocID:      str(f[indexer.FieldDocID]),
		Title:      str(f[indexer.FieldTitle]),
		City:       str(f[indexer.FieldCity]),
		Prefecture: str(f[indexer.FieldPrefecture]),
		Department: str(f[indexer.FieldDepartment]),
		Year:       num(f[indexer.FieldYear]),
		Published:  str(f[indexer.FieldPublished]),
		IssueTypes: strs(f[indexer.FieldIssueType]),
		Source:     str(f[indexer.FieldSource]),
		URL:        str(f[indexer.FieldURL]),
		Page:       num(f[indexer.FieldPage]),
		Score:      m.Score,
	}
	h.Permalink = Permalink(h.DocID, num(f[indexer.FieldSeq]))
	return h
}

// format fills in h.Formatted from m's locations and h's folded text.
func (mk marker) format(h *Hit, m *bsearch.DocumentMatch, ft *analyzers.Folded) {
	spans := append(mk.textSpans(m.Locations, ft), mk.unlocated(m.Locations, ft)...)
	h.Formatted = Formatted{
		Text:     mk.highlight(h.Text, append(spans, themeSpans(h.Match, ft)...)),
		Title:    marker{pre: mk.pre, post: mk.post}.highlight(h.Title, spansIn(m.Locations, indexer.FieldTitle)),
		Headings: mk.headings(str(m.Fields[indexer.FieldHeadings]), spansIn(m.Locations, indexer.FieldHeadings)),
	}
}

// unlocated returns the spans of the query words that matched no located
// term in text: a word found only through the bigram field (or a title) is
// marked wherever it occurs in the text under the analyzers' folding.
func (mk marker) unlocated(locs bsearch.FieldTermLocationMap, text *analyzers.Folded) []span {
	var out []span
	for _, w := range mk.words {
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
func (mk marker) textSpans(locs bsearch.FieldTermLocationMap, text *analyzers.Folded) []span {
	within := map[string][][2]int{} // term → the occurrences of its word as typed
	free := map[string]bool{}       // terms of a word not found as typed: marked anywhere
	lone := map[string]bool{}       // one-character ones among them: marked next to another part
	for _, w := range mk.words {
		rs := text.Find(w.Text)
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
	for _, f := range textFields {
		for term, ls := range locs[f] {
			rs, restricted := within[term]
			for _, l := range ls {
				sp := span{int(l.Start), int(l.End)}
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
	return out
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
func (mk marker) headings(joined string, spans []span) []string {
	if joined == "" {
		return []string{}
	}
	full := marker{pre: mk.pre, post: mk.post}
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

// str returns a stored string field ("" when absent). A field stored with
// several values comes back as []interface{}; the first is used.
func str(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []any:
		if len(v) > 0 {
			return str(v[0])
		}
	}
	return ""
}

// strs returns a stored multi-valued string field: bleve returns a single
// value as a string and several as []interface{}.
func strs(v any) []string {
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

// num returns a stored numeric field as an int (0 when absent).
func num(v any) int {
	switch v := v.(type) {
	case float64:
		return int(v)
	case []any:
		if len(v) > 0 {
			return num(v[0])
		}
	}
	return 0
}

// Document returns every passage of document id in order.
func (s *Searcher) Document(ctx context.Context, id string) (*DocumentView, error) {
	tq := termQuery(indexer.FieldDocID, id, 1)
	ms, err := s.all(ctx, tq, append([]string{indexer.FieldDocIssueType}, storedFields...))
	if err != nil {
		return nil, err
	}
	if len(ms) == 0 {
		return nil, Errorf(ENotFound, "文書 %s は見つかりません (no document %q)", id, id)
	}
	// seq has no doc values in the mapping, so bleve cannot sort on it.
	sort.Slice(ms, func(i, j int) bool { return num(ms[i].Fields[indexer.FieldSeq]) < num(ms[j].Fields[indexer.FieldSeq]) })
	f := ms[0].Fields
	d := &DocumentView{
		ID: id, Title: str(f[indexer.FieldTitle]), City: str(f[indexer.FieldCity]), Prefecture: str(f[indexer.FieldPrefecture]),
		Department: str(f[indexer.FieldDepartment]), Year: num(f[indexer.FieldYear]),
		Published: str(f[indexer.FieldPublished]), Source: str(f[indexer.FieldSource]),
		URL: str(f[indexer.FieldURL]), IssueTypes: strs(f[indexer.FieldDocIssueType]),
	}
	for _, m := range ms {
		d.Passages = append(d.Passages, PassageView{
			ID: m.ID, Seq: num(m.Fields[indexer.FieldSeq]), Text: str(m.Fields[indexer.FieldText]),
			Headings:   splitHeadings(str(m.Fields[indexer.FieldHeadings])),
			IssueTypes: strs(m.Fields[indexer.FieldIssueType]),
			Page:       num(m.Fields[indexer.FieldPage]),
		})
	}
	return d, nil
}

// all returns every match of q with fields, however many there are.
func (s *Searcher) all(ctx context.Context, q query.Query, fields []string) (bsearch.DocumentMatchCollection, error) {
	size := 1000
	for {
		req := bleve.NewSearchRequestOptions(q, size, 0, false)
		req.Fields = fields
		sr, err := s.run(ctx, req)
		if err != nil {
			return nil, err
		}
		if int(sr.Total) <= len(sr.Hits) {
			return sr.Hits, nil
		}
		size = int(sr.Total)
	}
}
