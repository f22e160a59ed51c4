package hit

import "seisaku/indexer"

// Exchange evidence. In assembly minutes a member asks and the executive
// answers, item by item; an answer (Hit.ReplyTo names its question) is on
// the query's matter when the question it answers is too, while an answer
// that names the matter once, replying to a question on something else (a
// budget's list of measures, another item of a long 一般質問), is not. So an
// answer ranks by its score plus questionWeight times the best score of the
// passages of its question among the hits: the question's speaker's
// passages from the question's first one up to the answer. Answers whose
// question does not match, questions, chair lines and the passages of
// other documents keep their scores.
//
// On bench/minutes (18 needs over the 桐生市 minutes, judged by speech)
// nDCG@10 went 0.608 → 0.659 at 0.5 (0.643 at 0.25, 0.656 at 1; the
// executive's answer needs 0.606 → 0.697, the debate needs 0.611 → 0.613);
// see docs/ranking.md.
const questionWeight = 0.5

// Chair lines. The member conducting a meeting announces each item by its
// title (日程第18、議第13号議案　子ども医療費を国の制度で無料化することを求める
// 意見書案を議題といたします。) and calls each speaker: a short line that
// repeats the query's words ranks high and says nothing on the matter. So a
// chair's passage ranks by chairWeight times its score, within its tier;
// where only chair lines match, their order does not change.
//
// On bench/minutes nDCG@10 went 0.676 → 0.68 at 0.5 (one need of 18 moved:
// the 議長 announcing a bill on the national diet's seats left the first
// place of 議員定数 削減); ../shared/relevance did not move.
const chairWeight = 0.5

// The executive's words. Members and the executive do not speak alike: a
// member raises a matter (問題, 反対, 撤退, 削減, 自殺), the executive says
// what the city does (設置, 対策, 補助, 登録, 件数, 見直し). A query whose
// words the minutes' answers hold more often than their questions (each
// against its role's passages: search.executiveWords) asks what the city
// does, which the executive's answers tell and a member's question only
// asks; so on such a query an answer ranks by executiveWeight times its
// score, within its tier. On other queries (who raised a matter, what was
// argued) members' and executive's speeches keep their scores: a prior for
// answers on every query ranked the executive above the members whatever
// was asked (docs/ranking.md).
//
// On bench/minutes nDCG@10 went 0.714 → 0.718 at 1.5 (the same at 2 and 3;
// answer needs 0.751 → 0.758, debate needs unchanged: none of them leans to
// the executive's words; 4 answers new to the top 10 unjudged, counted as 0).
const executiveWeight = 1.5

// roleWeight is the factor on a passage's score for its role in minutes;
// executive: the query's words are the executive's (above).
func roleWeight(h Hit, executive bool) float64 {
	switch {
	case h.Role == indexer.RoleChair:
		return chairWeight
	case executive && h.Role == indexer.RoleAnswer:
		return executiveWeight
	}
	return 1
}

// exchange returns each hit's exchange evidence (see above): questionWeight
// times the best score of its question's passages among hits, or 0.
func exchange(hits []Hit) []float64 {
	type question struct {
		seq     int
		speaker string
		score   float64
	}
	var byDoc map[string][]question
	for _, h := range hits {
		if h.Role != indexer.RoleQuestion {
			continue
		}
		if _, seq, ok := indexer.SplitPassageID(h.ID); ok {
			if byDoc == nil {
				byDoc = map[string][]question{}
			}
			byDoc[h.DocID] = append(byDoc[h.DocID], question{seq, h.Speaker, weighted(h)})
		}
	}
	out := make([]float64, len(hits))
	if byDoc == nil {
		return out
	}
	for i, h := range hits {
		if h.Role != indexer.RoleAnswer || h.ReplyTo == nil {
			continue
		}
		_, seq, ok := indexer.SplitPassageID(h.ID)
		if !ok {
			continue
		}
		best := 0.0
		for _, q := range byDoc[h.DocID] {
			if q.seq >= h.ReplyTo.Seq && q.seq < seq && (h.ReplyTo.Speaker == "" || q.speaker == h.ReplyTo.Speaker) {
				best = max(best, q.score)
			}
		}
		out[i] = questionWeight * best
	}
	return out
}
