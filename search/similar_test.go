package search

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"seisaku/search/hit"
)

// A word written with okurigana is one distinctive term, not two: the
// index holds 取り組み beside its okurigana-free 取組 at the same position.
func TestDistinctiveCountsAWordOnce(t *testing.T) {
	s, _ := newTestSearcher(t)
	total, _ := s.runner.idx.DocCount()
	ws := hit.NewSimilarity(s.runner.docFreq, total).Distinctive("地域の取り組みを広げ、取り組みの成果を共有する。", "", similarTerms)
	terms := map[string]bool{}
	for _, w := range ws {
		terms[w.Term] = true
	}
	if terms["取り組み"] && terms["取組"] {
		t.Errorf("both spellings of one word are distinctive terms: %+v", ws)
	}
	if !terms["取組"] && !terms["取り組み"] {
		t.Errorf("取り組み is no distinctive term: %+v", ws)
	}
}

// For 大阪市 市民局's passage on its 多文化共生施策推進本部会議 (bundled
// samples), the first precedents are of other cities, and what each is
// shown to share are its distinctive words, rarest first: not the generic
// 施策, 推進, 連携, 課題, 取組 that every 運営方針 holds (before: two
// 大阪市 区役所 passages sharing 各区, 会議, 課題, 取組 in the first five,
// other cities from rank 7 on), nor 大阪 of the source's own city.
func TestSimilarMulticulturalPrecedents(t *testing.T) {
	s := sampleSearcher(t)
	var id string
	for _, h := range search(t, s, Request{Q: "多文化共生施策推進本部会議"}).Hits {
		if strings.HasPrefix(h.Text, "大阪市多文化共生施策推進本部会議を運営し") {
			id = h.ID
		}
	}
	res, err := s.Similar(context.Background(), id, 10)
	if err != nil || id == "" {
		t.Fatalf("passage %q: %v", id, err)
	}
	var got []string
	for _, p := range res.Hits[:min(5, len(res.Hits))] {
		got = append(got, fmt.Sprintf("%s/%s:%s", p.City, p.Department, strings.Join(p.Shared, ",")))
	}
	want := "桐生市/市長:共生,多文化,分野 枚方市/市長公室:分野 桐生市/市長:円滑 桐生市/市長:本部 桐生市/市長:本部"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("first five:\n got %s\nwant %s", g, want)
	}
	rank := map[string]int{"city": 2, "department": 1}
	for i, p := range res.Hits {
		for _, w := range p.Shared {
			if slices.Contains([]string{"施策", "推進", "連携", "課題", "取組", "実施", "事業", "大阪"}, w) {
				t.Errorf("%s shares the generic %s: %v", p.ID, w, p.Shared)
			}
		}
		if i > 0 && rank[p.Elsewhere] > rank[res.Hits[i-1].Elsewhere] && len(res.Hits[i-1].Shared) > 0 {
			t.Errorf("%s (%s) after %s (%s)", p.ID, p.Elsewhere, res.Hits[i-1].ID, res.Hits[i-1].Elsewhere)
		}
	}
}
