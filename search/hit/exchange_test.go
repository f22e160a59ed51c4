package hit

import (
	"strings"
	"testing"

	"seisaku/indexer"
)

// TestExchange: an answer gains half the best score of its question's
// passages among the hits (the asker's, from the question's first passage
// up to the answer), and nothing from another member's, a later one's, or
// another day's.
func TestExchange(t *testing.T) {
	q := func(id, speaker string, score float64) Hit {
		doc, _, _ := indexer.SplitPassageID(id)
		return Hit{ID: id, DocID: doc, Score: score, Speech: Speech{Speaker: speaker, Role: indexer.RoleQuestion}}
	}
	a := func(id string, replySeq int, asker string, score float64) Hit {
		doc, _, _ := indexer.SplitPassageID(id)
		return Hit{ID: id, DocID: doc, Score: score, Speech: Speech{Speaker: "桂川正幸", Role: indexer.RoleAnswer, ReplyTo: &Reply{Seq: replySeq, Speaker: asker}}}
	}
	hits := []Hit{
		q("d-3", "渡辺恒", 0.4), q("d-4", "渡辺恒", 0.6), // the question 6 answers
		a("d-6", 3, "渡辺恒", 0.5),
		q("d-19", "田島忠一", 0.9), a("d-23", 19, "田島忠一", 0.3), // answered: 0.3 + 0.45
		a("d-24", 19, "山田太郎", 0.2), // 田島忠一 spoke in its range, not its asker
		q("d-30", "渡辺恒", 0.9),      // after the answer: not its question
		a("e-6", 3, "渡辺恒", 0.7),    // another day
	}
	got := exchange(hits)
	want := []float64{0, 0, 0.3, 0, 0.45, 0, 0, 0}
	for i := range hits {
		if d := got[i] - want[i]; d > 1e-9 || d < -1e-9 {
			t.Errorf("%s: evidence %.3f, want %.3f", hits[i].ID, got[i], want[i])
		}
	}
	Evidence(hits, false)
	var order []string
	for _, h := range hits {
		order = append(order, h.ID)
	}
	if got := strings.Join(order, " "); got != "d-19 d-30 d-6 d-23 e-6 d-4 d-3 d-24" {
		t.Errorf("order %s", got)
	}
}

// TestExecutiveWords: on a query of the executive's words an answer weighs
// executiveWeight times its score and ranks above a question that scores a
// little more; on other queries it does not, and a chair's line weighs
// half either way.
func TestExecutiveWords(t *testing.T) {
	hits := func() []Hit {
		return []Hit{
			{ID: "d-9", DocID: "d", Score: 1.0, Speech: Speech{Speaker: "渡辺恒", Role: indexer.RoleQuestion}},
			{ID: "d-16", DocID: "d", Score: 0.8, Speech: Speech{Speaker: "亀山豊文", Role: indexer.RoleAnswer}},
			{ID: "d-15", DocID: "d", Score: 1.4, Speech: Speech{Speaker: "森山享大", Role: indexer.RoleChair}},
		}
	}
	for _, c := range []struct {
		executive bool
		want      string
	}{{false, "d-9 d-16 d-15"}, {true, "d-16 d-9 d-15"}} {
		hs := hits()
		Evidence(hs, c.executive)
		var order []string
		for _, h := range hs {
			order = append(order, h.ID)
		}
		if got := strings.Join(order, " "); got != c.want {
			t.Errorf("executive %v: order %s, want %s", c.executive, got, c.want)
		}
	}
}
