package hit

import (
	"strings"
	"testing"
)

// A page two of whose passages match outranks a page with one better
// passage; a passage without a page keeps its place among the scores; a
// relaxed hit never rises above a literal one.
func TestPageEvidence(t *testing.T) {
	h := func(id, doc string, page int, score float64, kind string) Hit {
		return Hit{ID: id, DocID: doc, Page: page, Score: score, Match: &Match{Kind: kind}}
	}
	hits := []Hit{
		h("議案一覧p2", "giketsu", 2, 1.2, "exact"),
		h("議決結果p1a", "giketsu", 1, 1.0, "exact"),
		h("施政方針", "hoshin", 0, 0.9, "exact"),
		h("議決結果p1b", "giketsu", 1, 0.8, "exact"),
		h("補正予算p3", "hosei", 3, 0.01, "relaxed"),
		h("補正予算p3b", "hosei", 3, 0.01, "relaxed"),
		h("質問p5", "shitsumon", 5, 0.015, "relaxed"),
	}
	Evidence(hits, false)
	var got []string
	for _, x := range hits {
		got = append(got, x.ID)
	}
	// p1a: 1.0 + 0.5×0.8 = 1.4; p1b: 0.8 + 0.5×1.0 = 1.3; 補正予算p3: 0.015
	want := "議決結果p1a 議決結果p1b 議案一覧p2 施政方針 補正予算p3 補正予算p3b 質問p5"
	if s := strings.Join(got, " "); s != want {
		t.Errorf("order\n got %s\nwant %s", s, want)
	}
}
