package hit

import (
	"cmp"
	"slices"
	"strconv"
)

// Page evidence. A PDF page is the unit a reader opens, and a passage is a
// piece of it (a table's rows, a heading's paragraphs, up to 400
// characters): a page whose several passages match the query answers more
// than a page with one matching passage of the same score. So within each
// tier of the diversified window, a passage of a page ranks by its score
// plus pageMateWeight times the scores of the other passages of its page in
// the window (CollapsePages then folds those others into it). Passages of
// documents without pages keep their order.
//
// On the PDF set (20 queries) nDCG@10 went 0.542 -> 0.558 at 0.5 (0.545 at
// 0.25, 0.543 at 1); on the development set 0.535 -> 0.539 at 0.5.
const pageMateWeight = 0.5

// Evidence reorders hits (in rank order) in place by the evidence of their
// page (above) and, for minutes, of the question an answer answers, a
// chair's line weighing half, an answer more when the query's words are
// the executive's (executive; exchange.go) and a long speech's passage
// less (speeches.go), never across tiers.
func Evidence(hits []Hit, executive bool) {
	key := func(h Hit) string {
		return strconv.Itoa(tier(h)) + "|" + h.DocID + "|" + strconv.Itoa(h.Page)
	}
	page := map[string]float64{}
	for _, h := range hits {
		if h.Page > 0 {
			page[key(h)] += weighted(h)
		}
	}
	type ranked struct {
		h     Hit
		score float64
	}
	rs := make([]ranked, len(hits))
	ex := exchange(hits)
	for i, h := range hits {
		rs[i] = ranked{h, (weighted(h) + ex[i]) * roleWeight(h, executive)}
		if h.Page > 0 {
			rs[i].score += pageMateWeight * (page[key(h)] - weighted(h))
		}
	}
	slices.SortStableFunc(rs, func(a, b ranked) int {
		if c := cmp.Compare(tier(a.h), tier(b.h)); c != 0 {
			return c
		}
		return cmp.Compare(b.score, a.score)
	})
	for i := range rs {
		hits[i] = rs[i].h
	}
}

// weighted is a hit's score times its speech's length weight.
func weighted(h Hit) float64 { return h.Score * lengthWeight(h) }
