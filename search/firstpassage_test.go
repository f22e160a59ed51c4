package search

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"seisaku/indexer"
	"seisaku/indexer/meta"
	"seisaku/indexer/passage"
)

// firstPassageDocs are two documents of several passages each, every one
// with all the document's fields the index stores on the first passage
// alone (indexer.FirstPassageFields).
func firstPassageDocs() []*indexer.Document {
	mk := func(id, title, city, pref, dept, url, session string, year int, texts ...string) *indexer.Document {
		d := &indexer.Document{ID: id, Title: title, Source: "minutes/" + id + ".txt#" + id, URL: url,
			Meta: meta.Metadata{City: city, Prefecture: pref, Department: dept, FiscalYear: year, Published: fmt.Sprintf("%d-06-0%d", year, len(id)%9), Session: session}}
		for i, t := range texts {
			d.Passages = append(d.Passages, indexer.Passage{Passage: passage.Passage{Seq: i, Text: t}, SpeechStart: -1})
		}
		return d
	}
	return []*indexer.Document{
		mk("kiryu-r4", "令和4年第3回桐生市議会定例会会議録", "桐生市", "群馬県", "議会", "https://www.city.kiryu.lg.jp/gikai/r4-3.html", "令和4年第3回定例会", 2022,
			"開会の宣告。これより本日の会議を開きます。",
			"子育て支援の拡充について、保育所の待機児童の現状を伺います。",
			"待機児童は本年4月1日現在でゼロです。子育て支援センターの相談も増えています。",
			"定例会の会議録に署名する議員を指名します。"),
		mk("kiryu-r5", "令和5年第1回桐生市議会定例会会議録", "桐生市", "群馬県", "議会", "https://www.city.kiryu.lg.jp/gikai/r5-1.html", "令和5年第1回定例会", 2023,
			"開会の宣告。",
			"空き店舗の活用と商店街の活性化について伺います。",
			"子育て世帯の転入を促す住宅支援について伺います。",
			"空き店舗の改修に補助金を出しています。"),
	}
}

// TestDocumentFieldsOnEveryPassage: the index stores the title, the
// document's facets, source and url on a document's first passage only,
// yet every hit, whichever passage it is and whichever path made it (the
// fast path, bleve's searchers, one passage per document, similar
// passages, several indexes served as one), shows its document's values,
// and the title is highlighted as before.
func TestDocumentFieldsOnEveryPassage(t *testing.T) {
	ds := firstPassageDocs()
	byID := map[string]*indexer.Document{}
	for _, d := range ds {
		byID[d.ID] = d
	}
	idx := memoryIndex(t, ds)

	// what the index holds: the fields on passage 0, not on the others
	for _, id := range []string{"kiryu-r4-0", "kiryu-r4-2"} {
		req := bleve.NewSearchRequest(query.NewDocIDQuery([]string{id}))
		req.Fields = []string{"*"}
		sr, err := idx.Search(req)
		if err != nil || len(sr.Hits) != 1 {
			t.Fatalf("%s: %v %v", id, err, sr)
		}
		_, hasURL := sr.Hits[0].Fields[indexer.FieldURL]
		_, hasTitle := sr.Hits[0].Fields[indexer.FieldTitle]
		if first := strings.HasSuffix(id, "-0"); hasURL != first || hasTitle != first {
			t.Errorf("%s stores url %v, title %v; want %v", id, hasURL, hasTitle, first)
		}
	}

	check := func(where string, h Hit) {
		t.Helper()
		d := byID[h.DocID]
		if d == nil {
			t.Errorf("%s: %s: unknown document %q", where, h.ID, h.DocID)
			return
		}
		got := fmt.Sprintf("%s|%s|%s|%s|%s|%s|%d|%s|%s", h.Title, h.URL, h.Source, h.City, h.Prefecture, h.Department, h.Year, h.Published, h.Session)
		want := fmt.Sprintf("%s|%s|%s|%s|%s|%s|%d|%s|%s", d.Title, d.URL, d.Source, d.Meta.City, d.Meta.Prefecture, d.Meta.Department, d.Meta.FiscalYear, d.Meta.Published, d.Meta.Session)
		if got != want {
			t.Errorf("%s: %s:\n got %s\nwant %s", where, h.ID, got, want)
		}
		if h.CitySite == "" {
			t.Errorf("%s: %s: no city site", where, h.ID)
		}
	}
	ctx := context.Background()
	fast := New(idx)
	plain := New(idx)
	plain.runner.plainOnly = true
	multi := NewMulti(memoryIndex(t, ds[:1]), memoryIndex(t, ds[1:]))
	notFirst := 0
	for name, s := range map[string]*Searcher{"fast": fast, "plain": plain, "multi": multi} {
		for _, r := range []Request{
			{Q: "子育て"}, {Q: "空き店舗"}, {Q: "定例会"}, {Q: "子育て", Distinct: "document"},
			{Q: "子育て", Sort: "year"}, {Q: "", HitsPerPage: 100}, {Q: "伺います", PerDocument: -1},
			{Q: "子育て", Facets: []string{"city", "department", "session", "year", "prefecture"}, Distinct: "document"},
		} {
			res := search(t, s, r)
			if len(res.Hits) == 0 {
				t.Errorf("%s %+v: no hits", name, r)
			}
			for _, h := range res.Hits {
				check(fmt.Sprintf("%s q=%q", name, r.Q), h)
				if !strings.HasSuffix(h.ID, "-0") {
					notFirst++
				}
				if r.Q == "定例会" && !strings.Contains(h.Formatted.Title, "<mark>定例会</mark>") {
					t.Errorf("%s: %s: title not marked: %q", name, h.ID, h.Formatted.Title)
				}
			}
			if fd := res.FacetDistribution; fd != nil {
				if fd["city"]["桐生市"] == 0 || fd["city"][indexer.Unknown] != 0 || fd["session"][indexer.Unknown] != 0 {
					t.Errorf("%s %+v: facets %v", name, r, fd)
				}
			}
		}
		sim, err := s.Similar(ctx, "kiryu-r4-2", 5)
		if err != nil {
			t.Fatal(err)
		}
		check(name+" similar source", sim.Source)
		if len(sim.Hits) == 0 {
			t.Errorf("%s: no similar passage", name)
		}
		for _, p := range sim.Hits {
			check(name+" similar", p.Hit)
		}
		dv, err := s.Document(ctx, "kiryu-r5")
		if err != nil {
			t.Fatal(err)
		}
		if d := ds[1]; dv.Title != d.Title || dv.URL != d.URL || dv.Source != d.Source || dv.Session != d.Meta.Session || len(dv.Passages) != len(d.Passages) {
			t.Errorf("%s: document view %+v", name, dv)
		}
	}
	if notFirst == 0 {
		t.Error("no hit was a passage other than its document's first")
	}

	// a document built again with another title and address: the hits
	// show the new ones (the fast path's cache of first passages is the
	// index's of the time)
	d := ds[0]
	d.Title, d.URL = "令和4年第3回桐生市議会定例会会議録(訂正)", "https://www.city.kiryu.lg.jp/gikai/r4-3-2.html"
	addDocuments(t, idx, ds[:1])
	for name, s := range map[string]*Searcher{"fast": fast, "plain": plain} {
		res := search(t, s, Request{Q: "待機児童"})
		if len(res.Hits) == 0 {
			t.Fatalf("%s: no hits", name)
		}
		for _, h := range res.Hits {
			check(name+" after the change", h)
		}
	}
}
