package search

import (
	"context"
	"fmt"
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"seisaku/indexer"
	"seisaku/indexer/meta"
	"seisaku/indexer/passage"
)

// passageInfo is the fixture passage behind a passage ID.
func passageInfo(ds []*indexer.Document, id string) (*indexer.Document, indexer.Passage) {
	docID, seq, _ := indexer.SplitPassageID(id)
	for _, d := range ds {
		if d.ID == docID {
			return d, d.Passages[seq]
		}
	}
	panic("no passage " + id)
}

// facetValues are a passage's values for a facet, "unknown" when none.
func facetValues(d *indexer.Document, p indexer.Passage, facet string) []string {
	var v string
	switch facet {
	case "city":
		v = d.Meta.City
	case "department":
		v = d.Meta.Department
	case "prefecture":
		v = d.Meta.Prefecture
	case "year":
		if d.Meta.FiscalYear > 0 {
			v = strconv.Itoa(d.Meta.FiscalYear)
		}
	case "issue_type":
		if len(p.Themes) == 0 {
			return []string{"unknown"}
		}
		return p.Themes
	}
	if v == "" {
		return []string{"unknown"}
	}
	return []string{v}
}

// TestFacetsBruteForce checks every facet count against a count over the
// fixture passages of all hits, and that filters never let other values in.
func TestFacetsBruteForce(t *testing.T) {
	s, ds := newTestSearcher(t)
	facets := []string{"city", "department", "issue_type", "year"}
	reqs := []Request{
		{},
		{Q: "推進"},
		{Q: "情報発信"},
		{Q: "市民", City: []string{"大阪市"}},
		{City: []string{"枚方市", "柏原市"}},
		{Department: []string{"市民局"}},
		{IssueType: []string{"広報・広聴", "人権"}},
		{YearFrom: 2020, YearTo: 2022},
		{YearFrom: 2011, YearTo: 2011},
		{YearTo: 2015},
		{Q: "区政 OR 多文化共生", YearFrom: 2011, City: []string{"大阪市"}},
	}
	for _, r := range reqs {
		r.Facets, r.HitsPerPage = facets, 100
		res := search(t, s, r)
		if len(res.Hits) == 0 {
			t.Errorf("%+v: no hits", r)
		}
		want := map[string]map[string]int{}
		for _, f := range facets {
			want[f] = map[string]int{}
		}
		for _, h := range res.Hits {
			d, p := passageInfo(ds, h.ID)
			for _, f := range facets {
				for _, v := range facetValues(d, p, f) {
					want[f][v]++
				}
			}
			assertFiltered(t, r, d, p)
		}
		if got, w := fmt.Sprint(res.FacetDistribution), fmt.Sprint(want); got != w {
			t.Errorf("%+v facets:\n got %s\nwant %s", r, got, w)
		}
		if res.TotalHits != len(res.Hits) {
			t.Errorf("%+v: totalHits %d, %d hits", r, res.TotalHits, len(res.Hits))
		}
	}
}

func assertFiltered(t *testing.T, r Request, d *indexer.Document, p indexer.Passage) {
	t.Helper()
	if len(r.City) > 0 && !slices.Contains(r.City, d.Meta.City) {
		t.Errorf("%+v: hit from %q", r, d.Meta.City)
	}
	if len(r.Department) > 0 && !slices.Contains(r.Department, d.Meta.Department) {
		t.Errorf("%+v: hit from %q", r, d.Meta.Department)
	}
	if len(r.IssueType) > 0 && !slices.ContainsFunc(p.Themes, func(s string) bool { return slices.Contains(r.IssueType, s) }) {
		t.Errorf("%+v: hit with themes %q", r, p.Themes)
	}
	y := d.Meta.FiscalYear
	if (r.YearFrom != 0 || r.YearTo != 0) && (y == 0 || (r.YearFrom != 0 && y < r.YearFrom) || (r.YearTo != 0 && y > r.YearTo)) {
		t.Errorf("%+v: hit of year %d", r, y)
	}
}

func TestSearchHighlight(t *testing.T) {
	s, _ := newTestSearcher(t)
	tests := []struct {
		q, id, want string
		crop        int
	}{
		{"区政会議", "osaka-kaikaku-1", "ア <mark>区政会議</mark>の設置 イ 各区の実情に応じた区民参加の拡充", 0},
		{"SNS", "osaka-seisaku-3", "<mark>ＳＮＳ</mark>を活用した情報発信を全庁的に推進する。", 0},
		{"コンビニ", "hirakata-koshitsu-2", "&lt;script&gt;alert(1)&lt;/script&gt;市内の<mark>ｺﾝﾋﾞﾆ</mark>で広報紙を配布する。", 0},
		{"区政会議", "osaka-kaikaku-0", "【趣旨・目的】 区政についての意見と区政の評価を行う「<mark>区政会議</mark>」の設置等により、…", 40},
	}
	for _, tt := range tests {
		res := search(t, s, Request{Q: tt.q, CropLength: tt.crop, HitsPerPage: 100})
		var found bool
		for _, h := range res.Hits {
			if h.ID == tt.id {
				found = true
				if h.Formatted.Text != tt.want {
					t.Errorf("%s in %s:\n got %s\nwant %s", tt.q, tt.id, h.Formatted.Text, tt.want)
				}
			}
			if strings.Contains(h.Formatted.Text, "<script>") {
				t.Errorf("%s: unescaped %s", tt.q, h.Formatted.Text)
			}
		}
		if !found {
			t.Errorf("%s: %s not found", tt.q, tt.id)
		}
	}
	res := search(t, s, Request{Q: "区政会議", HighlightPre: "[", HighlightPost: "]"})
	h := res.Hits[0]
	if !strings.Contains(h.Formatted.Text, "[区政会議]") || !strings.Contains(strings.Join(h.Formatted.Headings, "|"), "[区政会議]") {
		t.Errorf("custom tags: %+v", h.Formatted)
	}
	res = search(t, s, Request{Q: "政策企画室"})
	if res.Hits[0].Formatted.Title != "令和4年度<mark>政策企画室</mark>運営方針" {
		t.Errorf("title: %s", res.Hits[0].Formatted.Title)
	}
}

func TestSearchFields(t *testing.T) {
	s, _ := newTestSearcher(t)
	res := search(t, s, Request{Q: "ＳＮＳ 活用", City: []string{"大阪市"}, Matching: MatchingAll})
	if len(res.Hits) != 1 {
		t.Fatalf("%d hits", len(res.Hits))
	}
	h := res.Hits[0]
	got := fmt.Sprintf("%s %s %s %s %s %d %s %q %q %s", h.ID, h.DocID, h.Title, h.City, h.Department, h.Year, h.Published, h.IssueTypes, h.Headings, h.Permalink)
	want := `osaka-seisaku-3 osaka-seisaku 令和4年度政策企画室運営方針 大阪市 政策企画室 2022 2023-06-09 ["広報・広聴" "デジタル・ICT"] ["室の使命(どのような役割を担うのか)"] /documents/osaka-seisaku#p3`
	if got != want {
		t.Errorf("hit:\n got %s\nwant %s", got, want)
	}
	res = search(t, s, Request{Q: "コンビニ", City: []string{"枚方市"}})
	if h := res.Hits[0]; fmt.Sprintf("%q", h.IssueTypes) != `["広報・広聴"]` {
		t.Errorf("single issue type: %q", h.IssueTypes)
	}
}

func TestSearchSort(t *testing.T) {
	s, _ := newTestSearcher(t)
	for _, sortBy := range []string{"year", "date"} {
		res := search(t, s, Request{Q: "市民 OR 推進 OR 区政 OR 政策", Sort: sortBy, HitsPerPage: 100})
		var keys []string
		for _, h := range res.Hits {
			k := h.Published
			if sortBy == "year" && h.Year > 0 {
				k = strconv.Itoa(h.Year)
			}
			keys = append(keys, k)
		}
		// Non-increasing, with unknown ("") last.
		for i := 1; i < len(keys); i++ {
			if keys[i] != "" && (keys[i-1] == "" || keys[i] > keys[i-1]) {
				t.Errorf("sort %s: %q", sortBy, keys)
				break
			}
		}
		if len(keys) < 5 || keys[len(keys)-1] != "" || keys[0] == "" {
			t.Errorf("sort %s: %q", sortBy, keys)
		}
	}
	if _, err := s.Search(context.Background(), Request{Sort: "title"}); ErrorCode(err) != EInvalid {
		t.Errorf("sort title: %v", err)
	}
}

func TestSearchPaging(t *testing.T) {
	s, _ := newTestSearcher(t)
	all := search(t, s, Request{HitsPerPage: 100, PerDocument: -1}) // the plain order
	if all.TotalHits != 16 || all.TotalPages != 1 {
		t.Errorf("all: %d hits, %d pages", all.TotalHits, all.TotalPages)
	}
	var ids []string
	for page := 1; page <= 4; page++ {
		res := search(t, s, Request{Page: page, HitsPerPage: 5, PerDocument: -1})
		if res.TotalPages != 4 || res.Page != page {
			t.Errorf("page %d: %+v", page, res)
		}
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
	}
	var want []string
	for _, h := range all.Hits {
		want = append(want, h.ID)
	}
	if fmt.Sprint(ids) != fmt.Sprint(want) {
		t.Errorf("pages:\n%v\n%v", ids, want)
	}
	for _, r := range []Request{{Page: -1}, {HitsPerPage: 101}, {HitsPerPage: -1}, {Page: 101, HitsPerPage: 100},
		{Page: 501}, {YearFrom: 2022, YearTo: 2020}, {Facets: []string{"title"}}, {Distinct: "city"},
		{HighlightPre: strings.Repeat("x", 65)}, {CropLength: -1}, {Q: `"区政`}} {
		if _, err := s.Search(context.Background(), r); ErrorCode(err) != EInvalid {
			t.Errorf("%+v: %v", r, err)
		}
	}
	search(t, s, Request{Page: 100, HitsPerPage: 100}) // exactly 10,000 is allowed
}

func TestSearchDistinct(t *testing.T) {
	s, _ := newTestSearcher(t)
	res := search(t, s, Request{Q: "市民 OR 推進 OR 区政", Distinct: "document", HitsPerPage: 2})
	if res.TotalHits != 5 || res.TotalPages != 3 {
		t.Errorf("distinct: %d hits, %d pages", res.TotalHits, res.TotalPages)
	}
	full := search(t, s, Request{Q: "市民 OR 推進 OR 区政", HitsPerPage: 100})
	var best []string // first passage of each document in relevance order
	seen := map[string]bool{}
	for _, h := range full.Hits {
		if !seen[h.DocID] {
			seen[h.DocID] = true
			best = append(best, h.ID)
		}
	}
	var got []string
	for page := 1; page <= 3; page++ {
		for _, h := range search(t, s, Request{Q: "市民 OR 推進 OR 区政", Distinct: "document", HitsPerPage: 2, Page: page}).Hits {
			got = append(got, h.ID)
			if h.Formatted.Text == plainHTML(h.Text) {
				t.Errorf("%s: no highlight", h.ID)
			}
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(best) {
		t.Errorf("distinct pages:\n got %v\nwant %v", got, best)
	}
}

func plainHTML(s string) string { return html.EscapeString(s) }

func TestSearchExpansion(t *testing.T) {
	s, _ := newTestSearcher(t)
	const tagged = "hirakata-koshitsu-1" // 異文化交流, tagged 多文化共生・国際
	has := func(res *Result) bool {
		return slices.ContainsFunc(res.Hits, func(h Hit) bool { return h.ID == tagged })
	}
	off := search(t, s, Request{Q: "多文化共生", HitsPerPage: 100})
	if has(off) || len(off.Expansions) != 0 {
		t.Errorf("expand off: found %v, expansions %v", has(off), off.Expansions)
	}
	on := search(t, s, Request{Q: "多文化共生", Expand: true, HitsPerPage: 100})
	if !has(on) || fmt.Sprint(on.Expansions) != "[{多文化共生 多文化共生・国際}]" {
		t.Errorf("expand on: found %v, expansions %v", has(on), on.Expansions)
	}
	if on.Hits[len(on.Hits)-1].ID != tagged {
		t.Errorf("expansion-only hit should rank last: %s", on.Hits[len(on.Hits)-1].ID)
	}
}

func TestDocument(t *testing.T) {
	s, _ := newTestSearcher(t)
	d, err := s.Document(context.Background(), "osaka-shimin")
	if err != nil {
		t.Fatal(err)
	}
	var seqs []string
	for _, p := range d.Passages {
		seqs = append(seqs, fmt.Sprintf("%d:%s", p.Seq, string([]rune(p.Text)[:4])))
	}
	got := fmt.Sprintf("%s %s %s %d %v %q", d.Title, d.City, d.Department, d.Year, seqs, d.IssueTypes)
	if want := "令和4年度市民局運営方針 大阪市 市民局 2022 [0:生活者で 1:ICTを 2:大阪市多 3:女性求職] [\"多文化共生・国際\" \"男女共同参画・女性活躍\" \"防犯・安全安心\" \"デジタル・ICT\"]"; got != want {
		t.Errorf("document:\n got %s\nwant %s", got, want)
	}
	if _, err := s.Document(context.Background(), "nosuch"); ErrorCode(err) != ENotFound {
		t.Errorf("missing document: %v", err)
	}
}

func TestSuggest(t *testing.T) {
	s, _ := newTestSearcher(t)
	got, err := s.Suggest(context.Background(), "推", 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 || got[0] != (Suggestion{Text: "推進", Kind: "term", Count: 5}) {
		t.Errorf("suggestions for 推: %+v", got)
	}
	for _, g := range got {
		if g.Kind == "term" && !strings.HasPrefix(g.Text, "推") || g.Count < 1 {
			t.Errorf("suggestion %+v", g)
		}
	}
	titles, _ := s.Suggest(context.Background(), "運営方針", 5)
	var ts []string
	for _, g := range titles {
		if g.Kind == "title" {
			ts = append(ts, g.Text)
		}
	}
	if fmt.Sprint(ts) != "[令和4年度市民局運営方針 令和4年度政策企画室運営方針]" {
		t.Errorf("titles: %v", titles)
	}
}

func TestSimilar(t *testing.T) {
	s, _ := newTestSearcher(t)
	res, err := s.Similar(context.Background(), "kashiwara-seisaku-1", 5) // 外国人市民への情報提供…多文化共生
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 {
		t.Fatal("no similar passages")
	}
	rank := map[string]int{"city": 2, "department": 1, "": 0}
	differ := func(a, b string) bool { return a != "" && b != "" && a != b } // both known
	for i, h := range res.Hits {
		if h.DocID == "kashiwara-seisaku" {
			t.Errorf("same document: %s", h.ID)
		}
		want := ""
		if differ(res.Source.City, h.City) {
			want = "city"
		} else if differ(res.Source.Department, h.Department) {
			want = "department"
		}
		if h.Elsewhere != want {
			t.Errorf("%s (%s %s) from %s %s: elsewhere %q, want %q", h.ID, h.City, h.Department, res.Source.City, res.Source.Department, h.Elsewhere, want)
		}
		if i > 0 && rank[h.Elsewhere] > rank[res.Hits[i-1].Elsewhere] && res.Hits[i-1].Score >= res.Hits[0].Score/3 {
			t.Errorf("%s (%q) ranked after %s (%q)", h.ID, h.Elsewhere, res.Hits[i-1].ID, res.Hits[i-1].Elsewhere)
		}
		if len(h.Shared) == 0 {
			t.Errorf("%s: no shared words", h.ID)
		}
		marked := regexp.MustCompile(`<mark>(.*?)</mark>`).FindAllStringSubmatch(h.Formatted.Text, -1)
		for _, w := range h.Shared {
			in := false // adjacent marks are merged: 多文化 and 共生 in <mark>多文化共生</mark>
			for _, m := range marked {
				in = in || strings.Contains(m[1], w)
			}
			if !strings.Contains(h.Text, w) || !in {
				t.Errorf("%s: shared word %q not in its text or not marked: %s", h.ID, w, h.Formatted.Text)
			}
		}
	}
	if res.Source.ID != "kashiwara-seisaku-1" || res.Source.City == "" {
		t.Errorf("source %+v", res.Source)
	}
	if _, err := s.Similar(context.Background(), "nosuch-0", 5); ErrorCode(err) != ENotFound {
		t.Errorf("missing passage: %v", err)
	}
}

// TestSearchOCRPassage: a passage read from a page image says so on its
// hit and in the document view (read "ocr"), one read as published does
// not. The text is a 予算の概要 page of the kind cities publish as scans.
func TestSearchOCRPassage(t *testing.T) {
	d := &indexer.Document{ID: "scan", Title: "令和6年度予算の概要", Source: "scan.pdf",
		Meta: meta.Metadata{City: "石垣市", Prefecture: "沖縄県", FiscalYear: 2024}}
	for i, p := range []struct {
		text string
		ocr  bool
	}{
		{"一般会計の歳入歳出予算の総額は、前年度に比べ増額となった。", false},
		{"子育て支援として、保育所の整備に要する経費を計上した。", true},
	} {
		d.Passages = append(d.Passages, indexer.Passage{Passage: passage.Passage{Seq: i, Text: p.text, Page: i + 1, OCR: p.ocr}})
	}
	s := New(memoryIndex(t, []*indexer.Document{d}))
	for q, want := range map[string]string{"保育所": indexer.ReadOCR, "歳入歳出": ""} {
		res := search(t, s, Request{Q: q})
		if len(res.Hits) != 1 || res.Hits[0].Read != want {
			t.Errorf("%s: hits %+v, want one with read %q", q, res.Hits, want)
		}
	}
	v, err := s.Document(context.Background(), "scan")
	if err != nil {
		t.Fatal(err)
	}
	if got := []string{v.Passages[0].Read, v.Passages[1].Read}; got[0] != "" || got[1] != indexer.ReadOCR {
		t.Errorf("document view read = %q, want [\"\" ocr]", got)
	}
}
