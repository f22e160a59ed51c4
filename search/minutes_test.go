package search

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"seisaku/indexer"
	"seisaku/indexer/source"
)

// minutesSearcher indexes the cut of 桐生市's minutes in
// indexer/minutes/testdata (record 100-4: 渡辺恒's 一般質問 on 奨学金 with the
// answers of 管理部長 and 市長, and the start of 田島忠一's on 市長対話集会,
// answered by 総合政策部長) as the indexer reads it.
func minutesSearcher(t *testing.T) *Searcher {
	t.Helper()
	var ds []*indexer.Document
	err := source.ReadFile(filepath.Join("..", "indexer", "minutes", "testdata", "kiryu-100-4-excerpt.jsonl"), func(s source.Source) error {
		ds = append(ds, (&indexer.Analyzer{}).Document(s))
		return nil
	})
	if err != nil || len(ds) != 1 || ds[0] == nil {
		t.Fatalf("the kiryu fixture: %v", err)
	}
	return New(memoryIndex(t, ds))
}

// seqRoles renders hits as seq:role, in rank order.
func seqRoles(hits []Hit) string {
	var parts []string
	for _, h := range hits {
		_, seq, _ := indexer.SplitPassageID(h.ID)
		parts = append(parts, fmt.Sprintf("%d:%s", seq, h.Role))
	}
	return strings.Join(parts, " ")
}

// TestMinutesAnswerWord: in minutes, 答弁 asks for the executive's answers.
// As a word it finds the member's 「御答弁ありがとうございました」 and 「市長、答弁
// ありがとうございました」 (passages 8 and 14); read as role:answer it finds the
// answers on 奨学金 of 管理部長 (6) and 市長 (12, 16), and says so in
// queryFilters. Quoted, it is a word again; an index without minutes keeps
// it a word.
func TestMinutesAnswerWord(t *testing.T) {
	s := minutesSearcher(t)
	res := search(t, s, Request{Q: "奨学金 答弁", HitsPerPage: 20})
	if got := seqRoles(res.Hits); !allAnswers(res.Hits, 3) {
		t.Errorf("奨学金 答弁: %s, want the three answers on 奨学金", got)
	}
	if got := describeFilters(res.QueryFilters); got != "role:answer<答弁>" {
		t.Errorf("奨学金 答弁: queryFilters %s", got)
	}
	res = search(t, s, Request{Q: "奨学金について市長の答弁", HitsPerPage: 20})
	if !allAnswers(res.Hits, 3) || describeFilters(res.QueryFilters) != "role:answer<市長の答弁>" {
		t.Errorf("奨学金について市長の答弁: %s, filters %s", seqRoles(res.Hits), describeFilters(res.QueryFilters))
	}
	word := search(t, s, Request{Q: `奨学金 "答弁"`, HitsPerPage: 20})
	if got := seqRoles(word.Hits); !strings.Contains(got, "8:question") || !strings.Contains(got, "14:question") || len(word.QueryFilters) != 0 {
		t.Errorf(`奨学金 "答弁": %s, filters %v; want the members' thanks 8 and 14, no filter`, got, word.QueryFilters)
	}
	plain, _ := newTestSearcher(t) // no minutes
	if res := search(t, plain, Request{Q: "区政 答弁"}); len(res.QueryFilters) != 0 {
		t.Errorf("区政 答弁 without minutes: filters %v", res.QueryFilters)
	}
}

// allAnswers reports whether hits are n passages, all answers.
func allAnswers(hits []Hit, n int) bool {
	if len(hits) != n {
		return false
	}
	for _, h := range hits {
		if h.Role != indexer.RoleAnswer {
			return false
		}
	}
	return true
}
