package browser

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"seisaku/indexer"
	"seisaku/search"
)

// minutesEngine indexes the ward minutes of the minutes reader's tests
// (令和８年第１回品川区議会定例会: a question, three answers, a second
// question and its answer, the chair between them).
func minutesEngine(t *testing.T) *search.Searcher {
	t.Helper()
	b, err := os.ReadFile("../../../indexer/minutes/testdata/ward-minutes.txt")
	if err != nil {
		t.Fatal(err)
	}
	idx, _, err := indexer.BuildMemory(context.Background(), fstest.MapFS{"ward-minutes.txt": {Data: b}}, indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	return search.New(idx)
}

// TestAnswersOnly: on the full page a search of minutes shows who spoke
// each hit; the 答弁のみ switch keeps the executive's answers, each saying
// which question it answers; that link opens the question in the document
// view, which lists the answers to it; a widget with speech-role="answer"
// searches answers alone.
func TestAnswersOnly(t *testing.T) {
	s := newStackOn(t, `<!doctype html><meta charset="utf-8"><script src="{{API}}/widget.js" defer></script>
<seisaku-search speech-role="answer" api="{{API}}"></seisaku-search>`, minutesEngine(t))
	tb := newTab(t, 1280, 900)
	q := "居場所"
	tb.navigate(s.api.URL + "/?q=" + url.QueryEscape(q))
	tb.waitFor(statusDone)
	all := s.searchAPI(t, "facets=role&q="+url.QueryEscape(q))
	if all.FacetDistribution["role"]["question"] == 0 || all.FacetDistribution["role"]["answer"] < 2 {
		t.Fatalf("API roles of %s: %v", q, all.FacetDistribution["role"])
	}
	speeches := tb.strs(`$$(".hit .speech").map(txt)`)
	if !slices.ContainsFunc(speeches, func(s string) bool { return strings.HasPrefix(s, "議員 山田太郎（質問）") }) {
		t.Errorf("speech lines %q: the member's question is not among them", speeches)
	}
	if groups := tb.strs(`$$(".facets h3").map(txt)`); !slices.Contains(groups, "発言区分") || !slices.Contains(groups, "発言者") {
		t.Errorf("facet groups %q, want 発言区分 and 発言者", groups)
	}
	tb.waitFor(`$(".opts label:not([hidden]) [role=switch]:not(:checked)") && [...$$(".opts label")].some((l) => txt(l) === "答弁のみ" && !l.hidden)`)
	tb.click(`[...$$(".opts label")].find((l) => txt(l) === "答弁のみ").querySelector("input")`)
	answers := all.FacetDistribution["role"]["answer"]
	tb.waitFor(fmt.Sprintf(`%s && txt($("[role=status]")) === "段落 %d件見つかりました"`, statusDone, answers))
	if u, _ := url.Parse(tb.str(`location.href`)); u.Query().Get("role") != "answer" {
		t.Errorf("URL %s has no role=answer", u)
	}
	speeches = tb.strs(`$$(".hit .speech").map(txt)`)
	if len(speeches) != answers {
		t.Fatalf("%d speech lines for %d answers", len(speeches), answers)
	}
	for _, sp := range speeches {
		if !strings.Contains(sp, "（答弁） ・ 質問：山田太郎「初めに、子どもの居場所づくりについて伺います。」") {
			t.Errorf("speech line %q: not an answer to 山田太郎's question", sp)
		}
	}
	if got := tb.strs(`$$(".facet[aria-pressed=true]").map(txt)`); !slices.Equal(got, []string{"答弁" + fmt.Sprint(answers)}) {
		t.Errorf("facets %q, want 答弁 pressed with its count", got)
	}

	// the answer's link to its question: the document view at the question
	tb.click(`$(".hit .speech a")`)
	tb.waitFor(`$(".doc .passage") && $(".doc").contains(document.querySelector("seisaku-search").shadowRoot.activeElement)`)
	focused := tb.str(`txt(document.querySelector("seisaku-search").shadowRoot.activeElement)`)
	if !strings.Contains(focused, "議員 山田太郎（質問）") || !strings.Contains(focused, "区民の会の山田太郎です") {
		t.Errorf("focused passage %q, want 山田太郎's question", focused)
	}
	if got := tb.strs(`[...document.querySelector("seisaku-search").shadowRoot.activeElement.querySelectorAll(".speech button")].map(txt)`); !slices.Equal(got, []string{"区長 森澤恭子", "子ども未来部長 伊藤三郎", "教育長 渡辺四郎"}) {
		t.Errorf("answers listed under the question: %q", got)
	}
	if got := tb.str(`txt($(".doc dl"))`); !strings.Contains(got, "会議令和8年第1回定例会") {
		t.Errorf("document metadata %q lacks the session", got)
	}

	// 答弁 typed in the query is the same filter, and the page says so
	tb.navigate(s.api.URL + "/?q=" + url.QueryEscape(q+" 区長の答弁"))
	tb.waitFor(statusDone)
	if got := tb.str(`txt($("[role=status]"))`); got != fmt.Sprintf("段落 %d件見つかりました", answers) {
		t.Errorf("%s 区長の答弁: status %q, want the %d answers", q, got, answers)
	}
	if got := tb.strs(`$$(".expansions .notice").map(txt)`); !slices.Contains(got, `「区長の答弁」を発言区分の絞り込み（答弁）として扱いました。語として探すときは "区長の答弁" と引用符で囲みます。`) {
		t.Errorf("notices %q", got)
	}

	// a city's page with speech-role="answer"
	tb.navigate(s.host.URL + "/")
	tb.focusInput()
	tb.insertText(q)
	tb.waitFor(statusDone)
	calls := s.calls("/api/search")
	if last := calls[len(calls)-1]; !slices.Equal(last["role"], []string{"answer"}) {
		t.Errorf("widget with speech-role=answer sent %v", last)
	}
	if got := tb.str(`txt($("[role=status]"))`); got != fmt.Sprintf("段落 %d件見つかりました", answers) {
		t.Errorf("widget status %q, want the %d answers", got, answers)
	}
	if groups := tb.strs(`$$(".facets h3").map(txt)`); slices.Contains(groups, "発言区分") {
		t.Errorf("facet groups %q: the fixed role needs no role facet", groups)
	}
}

// TestSpeakerByTitleAlone: committee minutes that write a unit's head as
// surname and title in one word, with no roster to tell where the surname
// ends (「○久保田企画経営部長　」), give the speech its title as written and
// no name; the hit still says who spoke and in which role.
func TestSpeakerByTitleAlone(t *testing.T) {
	text := `厚生委員会会議録
令和７年３月４日
○石川（ま）委員長　ただいまから厚生委員会を開会いたします。本日は指定管理者の選定について報告を受けます。
○石川（け）委員　高齢者施設の指定管理料の算定について伺います。赤字が続く施設への対応はどうなっていますか。
○久保田企画経営部長　指定管理料の算定についてお答えいたします。利用率を踏まえ、介護報酬以外のサービス分を区が負担しております。
○石川（ま）委員長　以上で本日の委員会を閉会いたします。
`
	idx, _, err := indexer.BuildMemory(context.Background(), fstest.MapFS{"kosei.txt": {Data: []byte(text)}}, indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	s := newStackOn(t, `<!doctype html><meta charset="utf-8"><p>host</p>`, search.New(idx))
	tb := newTab(t, 1280, 900)
	tb.navigate(s.api.URL + "/?q=" + url.QueryEscape("介護報酬"))
	tb.waitFor(statusDone)
	speeches := tb.strs(`$$(".hit .speech").map(txt)`)
	if len(speeches) == 0 || !strings.HasPrefix(speeches[0], "久保田企画経営部長（答弁）") {
		t.Errorf("speech lines %q, want the answer by 久保田企画経営部長", speeches)
	}
}
