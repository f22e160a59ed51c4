package search

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"seisaku/indexer"
	"seisaku/indexer/source"
	"seisaku/search/plan"
)

// minutesSearcher indexes the cut of 桐生市's minutes in
// indexer/minutes/testdata (record 100-4: 渡辺恒's 一般質問 on 奨学金 with the
// answers of 管理部長 and 市長, and the start of 田島忠一's on 市長対話集会,
// answered by 総合政策部長) as the indexer reads it.
func minutesSearcher(t *testing.T) *Searcher {
	t.Helper()
	return minutesFixture(t, "kiryu-100-4-excerpt.jsonl")
}

// minutesFixture indexes one minutes fixture of indexer/minutes/testdata.
func minutesFixture(t *testing.T, file string) *Searcher {
	t.Helper()
	var ds []*indexer.Document
	err := source.ReadFile(filepath.Join("..", "indexer", "minutes", "testdata", file), func(s source.Source) error {
		ds = append(ds, (&indexer.Analyzer{}).Document(s))
		return nil
	})
	if err != nil || len(ds) != 1 || ds[0] == nil {
		t.Fatalf("%s: %v", file, err)
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
// queryFilters, as role:answer written in the query does. Quoted, it is a
// word again; an index without minutes keeps it a word.
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
	for _, q := range []string{"奨学金 role:answer", "奨学金 発言区分:答弁", "奨学金 -role:question -role:chair"} { // written as filters
		if res := search(t, s, Request{Q: q, HitsPerPage: 20}); !allAnswers(res.Hits, 3) {
			t.Errorf("%s: %s, want the three answers", q, seqRoles(res.Hits))
		}
	}
	plain, _ := newTestSearcher(t) // no minutes
	if res := search(t, plain, Request{Q: "区政 答弁"}); len(res.QueryFilters) != 0 {
		t.Errorf("区政 答弁 without minutes: filters %v", res.QueryFilters)
	}
}

// TestMinutesAnswerWordMarks: the same in minutes that write the title in
// the mark (「○子ども未来部長（伊藤三郎君）」, indexer/minutes/testdata's
// ward-minutes.txt): 児童センター 答弁 finds the 子ども未来部長's answer (5), not
// the member's 「御答弁ありがとうございました。…児童センターの開館時間…」 (9),
// which the word finds first.
func TestMinutesAnswerWordMarks(t *testing.T) {
	s := minutesFixture(t, "ward-minutes.txt")
	if got := seqRoles(search(t, s, Request{Q: "児童センター 答弁"}).Hits); got != "5:answer" {
		t.Errorf("児童センター 答弁: %s, want 5:answer", got)
	}
	if got := seqRoles(search(t, s, Request{Q: `児童センター "答弁"`}).Hits); !strings.HasPrefix(got, "9:question") {
		t.Errorf(`児童センター "答弁": %s, want 9:question first`, got)
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

// TestMinutesAnswerByQuestion: 学生 is in three answers of the fixture: 管理部長's
// (6) and the 市長's (12), answering 渡辺恒's questions on students'
// scholarships (3–4, 8–10, which speak of 学生 throughout), and 総合政策部長's
// (23–24), which names a students' club among the groups of the mayor's
// dialogues, answering 田島忠一 (19–21), who does not speak of students.
// By its score alone the 市長's answer ranks below 渡辺恒's speech 8–10 (its
// passage 9); read with that question, it ranks above, and the answers on
// the matter rank above the one that names it in passing. (Ranks are of
// speeches: a speech's passages are shown as one hit.)
func TestMinutesAnswerByQuestion(t *testing.T) {
	s := minutesSearcher(t)
	ranks := func(perDocument int) map[int]int {
		res := search(t, s, Request{Q: "学生", HitsPerPage: 20, PerDocument: perDocument})
		rank := map[int]int{}
		for i, h := range res.Hits {
			_, first, _ := indexer.SplitPassageID(h.SpeechKey)
			if rank[first] == 0 {
				rank[first] = i + 1
			}
		}
		t.Logf("perDocument %d: %s", perDocument, seqRoles(res.Hits))
		return rank
	}
	if plain := ranks(-1); plain[8] == 0 || plain[12] < plain[8] || plain[6] < plain[8] { // by score alone, no reordering
		t.Fatalf("学生 by score: the answers 6 or 12 above the speech 8–10; the test no longer tells")
	}
	rank := ranks(20)
	if rank[6] == 0 || rank[12] == 0 || rank[23] == 0 || rank[12] > rank[8] || rank[23] < rank[6] || rank[23] < rank[12] {
		t.Errorf("学生: want the answer 12 above the speech 8–10, and the answers 6 and 12 above the answer 23–24")
	}
}

// TestMinutesChairLines: the chair's 「次に、４番、田島忠一議員。」 (18) is shorter
// than 田島忠一's own speech (19–21), so it scores higher; it calls him and
// says nothing, and a chair's line weighs half.
func TestMinutesChairLines(t *testing.T) {
	s := minutesSearcher(t)
	first := func(perDocument int) string {
		res := search(t, s, Request{Q: "田島忠一", HitsPerPage: 20, PerDocument: perDocument})
		t.Logf("perDocument %d: %s", perDocument, seqRoles(res.Hits))
		if len(res.Hits) == 0 {
			t.Fatal("田島忠一: no hit")
		}
		return res.Hits[0].Role
	}
	if got := first(-1); got != indexer.RoleChair { // by score alone
		t.Fatalf("田島忠一 by score: first a %s passage; the test no longer tells", got)
	}
	if got := first(20); got != indexer.RoleQuestion {
		t.Errorf("田島忠一: first a %s passage, want his question", got)
	}
}

// TestMinutesSpeechOnce: 奨学金 is in both passages of 渡辺恒's first speech
// (3–4) and in two of his second's three (8–10). Each speech is shown once,
// by its best passage, the other folded into it (sameSpeech).
func TestMinutesSpeechOnce(t *testing.T) {
	s := minutesSearcher(t)
	res := search(t, s, Request{Q: "奨学金", HitsPerPage: 20})
	shown := map[string]bool{}
	folded := map[string]int{}
	for _, h := range res.Hits {
		if shown[h.SpeechKey] {
			t.Errorf("奨学金: speech %s shown twice (%s)", h.SpeechKey, seqRoles(res.Hits))
		}
		shown[h.SpeechKey] = true
		folded[h.SpeechKey] = h.SameSpeech
	}
	doc := res.Hits[0].DocID
	for _, first := range []int{3, 8} {
		if k := indexer.SpeechKey(doc, first); !shown[k] || folded[k] != 1 {
			t.Errorf("奨学金: speech %d shown %v with %d passages folded, want 1 (%s)", first, shown[k], folded[k], seqRoles(res.Hits))
		}
	}
	plain := search(t, s, Request{Q: "奨学金", HitsPerPage: 20, PerDocument: -1}) // no window: every passage
	if len(plain.Hits) != len(res.Hits)+2 {
		t.Errorf("奨学金: %d passages, %d hits; want the two folded passages fewer", len(plain.Hits), len(res.Hits))
	}
}

// TestMinutesLongSpeech: 山田太郎 asks about five matters in one speech of
// three passages, bears in one line of them; 佐藤花子's speech, one passage,
// is on bears (indexer/minutes/testdata's ward-minutes-bears.txt). By its
// score his passage ranks first (it names クマ four times); a passage of a
// long speech weighs less, so hers does.
func TestMinutesLongSpeech(t *testing.T) {
	s := minutesFixture(t, "ward-minutes-bears.txt")
	speakers := func(perDocument int) string {
		res := search(t, s, Request{Q: "クマ role:question", HitsPerPage: 20, PerDocument: perDocument})
		var out []string
		for _, h := range res.Hits {
			out = append(out, h.Speaker)
		}
		return strings.Join(out, " ")
	}
	if got := speakers(-1); got != "山田太郎 佐藤花子" { // by score alone
		t.Fatalf("クマ by score: %s; the test no longer tells", got)
	}
	if got := speakers(0); got != "佐藤花子 山田太郎" {
		t.Errorf("クマ: %s, want 佐藤花子's speech on bears before 山田太郎's on five matters", got)
	}
}

// TestMinutesSplitPhrases: 渡辺恒's first passage (3) holds 奨学金 and, a
// sentence on, 有用な人材, and 管理部長's answer to it (6) both as well; no
// passage holds 奨学金の人材. A word of two noun phrases joined by a
// particle is held by a passage of a speech that holds both (plan,
// split.go): the two are strict matches, and rank first.
func TestMinutesSplitPhrases(t *testing.T) {
	s := minutesSearcher(t)
	res := search(t, s, Request{Q: "奨学金の人材", HitsPerPage: 20})
	t.Logf("奨学金の人材: %s, relaxed %+v", seqRoles(res.Hits), res.Relaxed)
	if res.Relaxed == nil || res.Relaxed.StrictHits != 2 || len(res.Hits) < 2 {
		t.Fatalf("奨学金の人材: %s, relaxed %+v; want passages 3 and 6 as strict matches", seqRoles(res.Hits), res.Relaxed)
	}
	if got := seqRoles(res.Hits[:2]); got != "6:answer 3:question" {
		t.Errorf("奨学金の人材: first %s, want the answer 6 and its question 3", got)
	}
}

// TestMinutesExecutiveWords: in 渡辺恒's 一般質問 on 奨学金, 整備 is the
// 管理部長's word (「新たな奨学金制度の整備」, passage 6; no question holds
// it) and 署名 the member's (the 署名 of the students' 陳情, passages 9 and
// 10; the 市長 names it once in answer, 12). 奨学金 整備 asks what the city
// does: its words are the executive's, so an answer weighs more, and the
// 市長's second answer (16, 奨学金 without 整備) ranks above 渡辺恒's speech
// 8–10, which scores higher. On 奨学金 署名, the members' words, the
// speech 8–10 stays above the answer 16.
func TestMinutesExecutiveWords(t *testing.T) {
	s := minutesSearcher(t)
	ranks := func(q string) map[int]int {
		res := search(t, s, Request{Q: q, HitsPerPage: 20})
		rank := map[int]int{}
		for i, h := range res.Hits {
			_, first, _ := indexer.SplitPassageID(h.SpeechKey)
			if rank[first] == 0 {
				rank[first] = i + 1
			}
		}
		t.Logf("%s: %s", q, seqRoles(res.Hits))
		return rank
	}
	lean := func(q string) float64 {
		p, err := newSpec(Request{Q: q, HitsPerPage: 20})
		if err != nil {
			t.Fatal(err)
		}
		p.query.LiftAnswers() // as Search does in an index of minutes
		return s.executiveWords(context.Background(), plan.New(p.query, q, p.filters, plan.Options{}), p)
	}
	if l := lean("奨学金 整備"); l <= 0 {
		t.Errorf("奨学金 整備: lean %.3f, want the executive's words (> 0)", l)
	}
	if l := lean("奨学金 署名"); l >= 0 {
		t.Errorf("奨学金 署名: lean %.3f, want the members' words (< 0)", l)
	}
	if l := lean("奨学金 答弁"); l != 0 {
		t.Errorf("奨学金 答弁: lean %.3f, want 0 (answers only)", l)
	}
	// the words' counts are kept until the index changes: asked again, the
	// same lean from the kept counts, and none kept after Refresh
	before := lean("奨学金 整備")
	if n := len(s.roleCounts.Load().m); n == 0 {
		t.Error("no word's counts kept")
	}
	if again := lean("奨学金 整備"); again != before {
		t.Errorf("奨学金 整備: lean %.3f from the kept counts, %.3f counted", again, before)
	}
	if err := s.Refresh(context.Background()); err != nil || len(s.roleCounts.Load().m) != 0 {
		t.Errorf("after Refresh (%v): %d words' counts kept", err, len(s.roleCounts.Load().m))
	}
	if r := ranks("奨学金 整備"); r[16] == 0 || r[8] == 0 || r[16] > r[8] {
		t.Errorf("奨学金 整備: the answer 16 at %d, the speech 8–10 at %d; want the answer above", r[16], r[8])
	}
	if r := ranks("奨学金 署名"); r[16] == 0 || r[8] == 0 || r[16] < r[8] {
		t.Errorf("奨学金 署名: the answer 16 at %d, the speech 8–10 at %d; want the speech above", r[16], r[8])
	}
}
