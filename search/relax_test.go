package search

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"seisaku/analyzers"
	"seisaku/indexer"
	"seisaku/indexer/meta"
	"seisaku/indexer/passage"
	"seisaku/indexer/samples"
	"seisaku/search/hit"
	"seisaku/search/synonym"
)

var (
	samplesOnce     sync.Once
	samplesSearcher *Searcher
)

// sampleSearcher returns one Searcher over the bundled samples for the tests of
// this file (building the index takes a few seconds).
func sampleSearcher(t *testing.T) *Searcher {
	t.Helper()
	if testing.Short() {
		t.Skip("builds an index of the samples")
	}
	samplesOnce.Do(func() {
		idx, _, err := indexer.BuildMemory(context.Background(), samples.FS(), indexer.Options{})
		if err != nil {
			t.Fatal(err)
		}
		samplesSearcher = New(idx) // kept open for every test of the package run
	})
	if samplesSearcher == nil {
		t.Skip("no samples index")
	}
	return samplesSearcher
}

// holds reports whether a hit shows word as typed (under the analyzers'
// folding) in its title, headings or text.
func holds(h Hit, word string) bool {
	return len(analyzers.FindFolded(h.Title+"\n"+strings.Join(h.Headings, "\n")+"\n"+h.Text, word)) > 0
}

// firstThen checks that every hit for which first is true comes before every
// hit for which it is false, and that both kinds occur.
func firstThen(t *testing.T, q string, hits []Hit, first func(Hit) bool) {
	t.Helper()
	seenOther, nFirst := false, 0
	for i, h := range hits {
		switch {
		case first(h) && seenOther:
			t.Errorf("%s: hit %d (%s) ranks below a hit that lacks it", q, i+1, h.ID)
		case first(h):
			nFirst++
		default:
			seenOther = true
		}
	}
	if nFirst == 0 || !seenOther {
		t.Errorf("%s: %d hits of the first kind, others: %v; the test proves nothing", q, nFirst, seenOther)
	}
}

// A compound typed without spaces that the documents never write as one
// (they say 犯罪被害者等, 犯罪被害者…支援) finds its parts; the passages that hold it
// as typed come first; the response says so. matchingStrategy=all keeps the
// strict answer.
func TestRelaxedCompound(t *testing.T) {
	s := sampleSearcher(t)
	const q = "犯罪被害者支援"
	strict := search(t, s, Request{Q: q, Matching: MatchingAll, HitsPerPage: 100})
	res := search(t, s, Request{Q: q, HitsPerPage: 100})
	if res.TotalHits <= strict.TotalHits || strict.TotalHits >= relaxUntil {
		t.Fatalf("relaxed %d hits, strict %d", res.TotalHits, strict.TotalHits)
	}
	if res.Relaxed == nil || res.Relaxed.StrictHits != strict.TotalHits {
		t.Fatalf("relaxed = %+v, want strictHits %d", res.Relaxed, strict.TotalHits)
	}
	if strict.Relaxed != nil {
		t.Errorf("matchingStrategy=all reported a relaxation: %+v", strict.Relaxed)
	}
	ids := map[string]bool{}
	for _, h := range strict.Hits {
		ids[h.ID] = true
	}
	if len(ids) > 0 {
		firstThen(t, q, res.Hits, func(h Hit) bool { return ids[h.ID] })
	}
	// among the relaxed hits, those with every part come before those with some
	all := func(h Hit) bool { return holds(h, "犯罪") && holds(h, "被害") && holds(h, "支援") }
	var relaxedOnly []Hit
	for _, h := range res.Hits {
		if !ids[h.ID] {
			relaxedOnly = append(relaxedOnly, h)
		}
	}
	firstThen(t, q+" (relaxed hits)", relaxedOnly, all)
	if !strings.Contains(res.Relaxed.Message, "「犯罪被害者支援」") {
		t.Errorf("message %q", res.Relaxed.Message)
	}
}

// Two words no passage holds together: passages with either, and the
// message names both.
func TestRelaxedWords(t *testing.T) {
	s := sampleSearcher(t)
	const q = "報道機関 ふるさと納税"
	if n := search(t, s, Request{Q: q, Matching: MatchingAll}).TotalHits; n != 0 {
		t.Fatalf("strict: %d hits; pick two words that never meet", n)
	}
	res := search(t, s, Request{Q: q, HitsPerPage: 100})
	if res.TotalHits == 0 || res.Relaxed == nil || (res.Relaxed.Level != "most" && res.Relaxed.Level != "any") {
		t.Fatalf("%d hits, relaxed %+v", res.TotalHits, res.Relaxed)
	}
	if got := strings.Join(res.Relaxed.Found, ","); got != "報道機関,ふるさと納税" {
		t.Errorf("found %q", got)
	}
	want := "「報道機関」と「ふるさと納税」を両方含む結果はありません — 「報道機関」や「ふるさと納税」を含む結果を表示しています。"
	if res.Relaxed.Message != want {
		t.Errorf("message\n got %s\nwant %s", res.Relaxed.Message, want)
	}
	for _, h := range res.Hits {
		if !slices.ContainsFunc([]string{"報道", "機関", "ふるさと", "納税"}, func(p string) bool { return holds(h, p) }) {
			t.Errorf("hit %s holds neither word: %s", h.ID, h.Text)
		}
	}
}

// A word missing from every passage is named.
func TestRelaxedMissingWord(t *testing.T) {
	s := sampleSearcher(t)
	res := search(t, s, Request{Q: "区政会議 ぱぴぷぺぽ"})
	if res.Relaxed == nil || !slices.Equal(res.Relaxed.Missing, []string{"ぱぴぷぺぽ"}) || !slices.Equal(res.Relaxed.Found, []string{"区政会議"}) {
		t.Fatalf("relaxed %+v", res.Relaxed)
	}
	if !strings.Contains(res.Relaxed.Message, "「ぱぴぷぺぽ」は見つかりません") {
		t.Errorf("message %q", res.Relaxed.Message)
	}
	for _, h := range res.Hits {
		if !holds(h, "区政会議") && !holds(h, "区政") && !holds(h, "会議") {
			t.Errorf("hit %s: %s", h.ID, h.Text)
		}
	}
}

// Quoted phrases are never relaxed; an excluded word stays excluded; a
// query with nothing to relax is not reported as relaxed.
func TestRelaxedKeepsSyntax(t *testing.T) {
	s := sampleSearcher(t)
	strict := search(t, s, Request{Q: "犯罪被害者支援", Matching: MatchingAll})
	phrase := search(t, s, Request{Q: "「犯罪被害者支援」"})
	if phrase.Relaxed != nil || phrase.TotalHits != strict.TotalHits {
		t.Errorf("phrase: %d hits (strict %d), relaxed %+v", phrase.TotalHits, strict.TotalHits, phrase.Relaxed)
	}
	res := search(t, s, Request{Q: "犯罪被害者支援 -条例", HitsPerPage: 100})
	if res.TotalHits == 0 {
		t.Fatal("no hits")
	}
	for _, h := range res.Hits {
		if holds(h, "条例") {
			t.Errorf("excluded word in %s: %s", h.ID, h.Text)
		}
	}
	// nothing at all: the message says so and what to try
	res = search(t, s, Request{Q: "ぱぴぷぺぽ"})
	if res.TotalHits != 0 || res.Relaxed == nil || res.Relaxed.Message != "「ぱぴぷぺぽ」は、語の一部も見つかりません。別の言い方や、より一般的な語を試してください。" {
		t.Errorf("%d hits, relaxed %+v", res.TotalHits, res.Relaxed)
	}
}

// Spelling variants and synonyms from the Sudachi dictionary: 障害者 also
// finds 障がい者 (a variant), ranked below the word as typed; the response
// lists the variant; synonyms=false turns it off.
func TestSynonymExpansion(t *testing.T) {
	s := sampleSearcher(t)
	off := search(t, s, Request{Q: "障害者", Matching: MatchingAll, HitsPerPage: 100})
	on := search(t, s, Request{Q: "障害者", Matching: MatchingAll, Synonyms: true, HitsPerPage: 100})
	if on.TotalHits <= off.TotalHits {
		t.Fatalf("with synonyms %d hits, without %d", on.TotalHits, off.TotalHits)
	}
	if !slices.ContainsFunc(on.Synonyms, func(u SynonymUse) bool {
		return u.Word == "障害者" && u.Alternative == "障がい者" && u.Relation == "variant"
	}) {
		t.Errorf("synonyms %+v", on.Synonyms)
	}
	if len(off.Synonyms) != 0 {
		t.Errorf("synonyms off: %+v", off.Synonyms)
	}
	firstThen(t, "障害者", on.Hits, func(h Hit) bool { return holds(h, "障害者") })
	for _, h := range on.Hits {
		if !holds(h, "障害者") && !strings.Contains(h.Formatted.Text, "<mark>障がい者</mark>") {
			t.Errorf("%s: the variant is not marked: %s", h.ID, h.Formatted.Text)
		}
	}
}

// Passages that hold the word rank above those that only carry its theme.
func TestThemeBelowLiteral(t *testing.T) {
	s := sampleSearcher(t)
	res := search(t, s, Request{Q: "多文化共生", Expand: true, HitsPerPage: 100, PerDocument: -1})
	firstThen(t, "多文化共生", res.Hits, func(h Hit) bool { return holds(h, "多文化共生") })
}

func mustSynonyms(t *testing.T) *synonym.Dict {
	d, err := synonym.Default()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// A document shows at most PerDocument hits before the passages of other
// documents; the rest follow in their order, the pages of one size are cut
// from the same reordered window, and the response says how many moved.
func TestDiversifiedPages(t *testing.T) {
	s := sampleSearcher(t)
	r := Request{Q: "市民", HitsPerPage: 10, Matching: MatchingAll}
	plainReq := r
	plainReq.PerDocument, plainReq.HitsPerPage = -1, 100
	plain := search(t, s, plainReq)
	want, moved := hit.Diversify(slices.Clone(plain.Hits), DefaultPerDocument, hit.Window)
	if moved == 0 {
		t.Fatal("nothing to move: the test proves nothing")
	}
	var pages []Hit
	for page := 1; page <= 3; page++ {
		r.Page = page
		res := search(t, s, r)
		if n := hit.MovedPast(plain.Hits, want, page*r.HitsPerPage); n != 0 && (res.Diversified == nil || res.Diversified.Moved != n) {
			t.Errorf("page %d diversified %+v, want %d moved past it", page, res.Diversified, n)
		}
		pages = append(pages, res.Hits...)
	}
	for i := range pages {
		if pages[i].ID != want[i].ID {
			t.Fatalf("hit %d is %s, want %s (plain rank order reordered)", i+1, pages[i].ID, want[i].ID)
		}
	}
	perDoc := map[string]int{}
	for _, h := range pages[:min(len(pages), hit.Window-moved)] {
		if perDoc[h.DocID]++; perDoc[h.DocID] > DefaultPerDocument {
			t.Errorf("%d passages of %s before the moved ones", perDoc[h.DocID], h.DocID)
		}
	}
	if plain.Diversified != nil {
		t.Errorf("perDocument -1: %+v", plain.Diversified)
	}
	out, _ := hit.Diversify([]Hit{{ID: "a-0", DocID: "a", Text: "お知らせ"}, {ID: "b-0", DocID: "b", Text: "お知らせ。"}, {ID: "c-0", DocID: "c", Text: "別"}}, 3, 30)
	if got := out[2].ID; got != "b-0" {
		t.Errorf("the repeated notice should move back: %v", out)
	}
}

// Every hit says how it holds each word; a theme-only hit marks the words
// of the theme it holds.
func TestHitsSayWhyTheyMatched(t *testing.T) {
	s := sampleSearcher(t)
	kinds := func(r Request) map[string]int {
		r.HitsPerPage = 100
		n := map[string]int{}
		for _, h := range search(t, s, r).Hits {
			if h.Match == nil {
				t.Fatalf("%s: hit %s without a match", r.Q, h.ID)
			}
			n[h.Match.Kind]++
			for _, w := range h.Match.Words {
				switch {
				case w.How == "exact" && !holds(h, w.Word):
					t.Errorf("%s: %s says exact but lacks %s", r.Q, h.ID, w.Word)
				case w.How == "parts" && (len(w.Terms) == 0 || !strings.Contains(h.Formatted.Text+h.Formatted.Title+strings.Join(h.Formatted.Headings, ""), "<mark>")):
					t.Errorf("%s: %s holds parts %v, unmarked", r.Q, h.ID, w.Terms)
				}
			}
		}
		return n
	}
	if n := kinds(Request{Q: "犯罪被害者支援"}); n["relaxed"] == 0 {
		t.Errorf("犯罪被害者支援: %v", n)
	}
	if n := kinds(Request{Q: "障害者", Synonyms: true, Matching: MatchingAll}); n["synonym"] == 0 || n["exact"] == 0 {
		t.Errorf("障害者: %v", n)
	}
	if n := kinds(Request{Q: "こうほうし", Matching: MatchingAll}); n["exact"] == 0 {
		t.Errorf("こうほうし (by reading): %v", n)
	}
	res := search(t, s, Request{Q: "多文化共生", Expand: true, HitsPerPage: 100, Matching: MatchingAll})
	themed := 0
	for _, h := range res.Hits {
		if h.Match.Kind != "theme" {
			continue
		}
		themed++
		w := h.Match.Words[0]
		if w.How != "theme" || w.Terms[0] != "多文化共生・国際" {
			t.Errorf("%s: %+v", h.ID, w)
		}
		if len(w.Terms) > 1 && !strings.Contains(h.Formatted.Text, "<mark>") {
			t.Errorf("%s: theme words %v not marked: %s", h.ID, w.Terms[1:], h.Formatted.Text)
		}
	}
	if themed == 0 {
		t.Error("no theme-only hit for 多文化共生")
	}
}

// matchCounts splits the result: literal, theme only, relaxed only.
func TestMatchCounts(t *testing.T) {
	s := sampleSearcher(t)
	on := search(t, s, Request{Q: "多文化共生", Expand: true, Matching: MatchingAll})
	off := search(t, s, Request{Q: "多文化共生", Matching: MatchingAll})
	if c := on.MatchCounts; c == nil || c.Literal != off.TotalHits || c.Theme != on.TotalHits-off.TotalHits || c.Theme == 0 || c.Relaxed != 0 {
		t.Errorf("多文化共生: %+v (total %d, without the theme %d)", on.MatchCounts, on.TotalHits, off.TotalHits)
	}
	res := search(t, s, Request{Q: "犯罪被害者支援"})
	strict := search(t, s, Request{Q: "犯罪被害者支援", Matching: MatchingAll})
	if c := res.MatchCounts; c == nil || c.Literal != strict.TotalHits || c.Literal+c.Theme+c.Relaxed != res.TotalHits || c.Relaxed == 0 {
		t.Errorf("犯罪被害者支援: %+v (total %d, strict %d)", res.MatchCounts, res.TotalHits, strict.TotalHits)
	}
	if off.MatchCounts != nil {
		t.Errorf("no theme, not relaxed: %+v", off.MatchCounts)
	}
}

// A query relaxed to all words but one ranks, among the passages holding
// the same words, those that also hold parts of the missing word first:
// for 母子家庭 手当, the ひとり親家庭 notice of a 手当 (家庭 is a part of
// 母子家庭) above the passages that only name a 手当.
func TestMostLevelCountsPartsOfTheMissingWord(t *testing.T) {
	doc := func(id, text string) *indexer.Document {
		return &indexer.Document{ID: id, Title: "お知らせ", Source: "bulletin/" + id, Meta: meta.Metadata{City: "倉敷市"},
			Passages: []indexer.Passage{{Passage: passage.Passage{Text: text}}}}
	}
	ds := []*indexer.Document{
		doc("hitorioya", "ひとり親家庭の方へ。児童扶養手当の現況届を8月中に提出してください。"),
		doc("tsukin", "通勤手当を支給します。"),
		doc("kijun", "扶養手当、住居手当、通勤手当の支給基準を見直します。"),
		doc("iryo", "母子家庭等の医療費を助成します。"),
	}
	for m := 1; len(ds) < relaxUntil+2; m++ { // enough for the search to stop at LevelMost
		ds = append(ds, doc(fmt.Sprintf("kyuyo-%d", m), fmt.Sprintf("%d月の通勤手当は給与と合わせて支給します。", m)))
	}
	s := New(memoryIndex(t, ds))
	res := search(t, s, Request{Q: "母子家庭 手当", HitsPerPage: 30})
	if res.Relaxed == nil || res.Relaxed.Level != LevelMost.String() {
		t.Fatalf("relaxed: %+v, want level most", res.Relaxed)
	}
	var only []string // the passages that hold 手当 and not 母子家庭, in order
	for _, h := range res.Hits {
		if !holds(h, "母子家庭") {
			only = append(only, h.DocID)
		}
	}
	if len(only) < relaxUntil || only[0] != "hitorioya" {
		t.Errorf("passages without 母子家庭 in order %v: the ひとり親家庭 notice should come first", only)
	}
}

// In a relaxed search a word's nouns count more than its verbs and
// adjectives, and its dependent words not at all: for 保育園に入りたい the
// passages about 保育園 come before one that only says 入る, though 入る is
// the rarer word; くださる of 教えてください is no part to look for.
func TestRelaxedNounsBeforeVerbs(t *testing.T) {
	doc := func(id, text string) *indexer.Document {
		return &indexer.Document{ID: id, Title: "お知らせ", Source: "bulletin/" + id, Meta: meta.Metadata{City: "倉敷市"},
			Passages: []indexer.Passage{{Passage: passage.Passage{Text: text}}}}
	}
	s := New(memoryIndex(t, []*indexer.Document{
		doc("nyuen", "来年度の保育園の入園申し込みを11月から受け付けます。"),
		doc("ichiji", "保育園の一時預かりを利用できます。"),
		doc("kyushoku", "市内の保育園で給食の試食会を開きます。"),
		doc("furo", "お風呂に入る前に脱衣所を暖めましょう。"),
	}))
	res := search(t, s, Request{Q: "保育園に入りたい", HitsPerPage: 10})
	if res.Relaxed == nil {
		t.Fatal("not relaxed")
	}
	firstThen(t, "保育園に入りたい", res.Hits, func(h Hit) bool { return holds(h, "保育園") })
	// where no passage holds the nouns together, a noun still outweighs a
	// rarer verb: 給食 before 食べる for 保育園の給食を食べたい
	s = New(memoryIndex(t, []*indexer.Document{
		doc("kondate", "給食の献立を公開します。"),
		doc("center", "学校給食センターの見学会を開きます。"),
		doc("tearai", "食べる前に手を洗いましょう。"),
	}))
	res = search(t, s, Request{Q: "保育園の給食を食べたい", HitsPerPage: 10})
	firstThen(t, "保育園の給食を食べたい", res.Hits, func(h Hit) bool { return holds(h, "給食") })
}

// A one-character part of a relaxed word is marked where it belongs to the
// word's other parts, not wherever it occurs: 者 of 犯罪被害者支援 in
// 犯罪被害者等, not in 事業者.
func TestLonePartMarkedNextToItsWord(t *testing.T) {
	s := New(memoryIndex(t, []*indexer.Document{{ID: "shien", Title: "運営方針", Source: "seeds/shien",
		Meta: meta.Metadata{City: "大阪市"},
		Passages: []indexer.Passage{{Passage: passage.Passage{
			Text: "犯罪被害者等の支援を進め、市民や事業者の理解を深める。"}}}}}))
	res := search(t, s, Request{Q: "犯罪被害者支援", HighlightPre: "[", HighlightPost: "]"})
	if len(res.Hits) != 1 {
		t.Fatalf("%d hits", len(res.Hits))
	}
	got := res.Hits[0].Formatted.Text
	if !strings.Contains(got, "[犯罪被害者]等") || !strings.Contains(got, "[支援]") || strings.Contains(got, "事業[者]") {
		t.Errorf("highlighted %q: want 犯罪被害者 and 支援 marked, 事業者's 者 not", got)
	}
}

// The same notice in every monthly issue, with another date each time,
// does not fill the first page: its repeats move behind the other hits.
func TestNearIdenticalNoticesMoveBack(t *testing.T) {
	var ds []*indexer.Document
	for m := 4; m <= 6; m++ {
		ds = append(ds, &indexer.Document{ID: fmt.Sprintf("kouhou-%d", m), Title: fmt.Sprintf("広報くらしき%d月号", m),
			Source: "bulletin/" + fmt.Sprint(m), Meta: meta.Metadata{City: "倉敷市"},
			Passages: []indexer.Passage{{Passage: passage.Passage{Text: fmt.Sprintf(
				"■外国人相談 窓口は本庁1階19番で、(月)〜(金)の9時〜17時。%d月は%d日から受け付けます。外国人相談の通訳は英語・中国語・ベトナム語など16言語です。", m, m+1)}}}})
	}
	for i, text := range []string{
		"外国人住民が地域で安心して暮らせるよう、外国人相談の窓口を本庁に開設し、在留手続き、医療、子育て、教育、住まい、仕事など生活全般の相談に多言語で応じるとともに、関係機関や支援団体と連携して課題の解決につなげる。あわせて、やさしい日本語による情報発信を進める。",
		"多文化共生の地域づくりに向けて、多言語による外国人相談の体制を整え、相談件数と解決に至った割合を成果指標とする。相談員の研修を行い、通訳ボランティアの登録を増やすほか、区役所や学校と情報を共有し、地域の日本語教室や交流事業への参加を促す。",
	} {
		ds = append(ds, &indexer.Document{ID: fmt.Sprintf("shisaku-%d", i), Title: "運営方針", Source: "seeds/" + fmt.Sprint(i),
			Meta: meta.Metadata{City: "大阪市"}, Passages: []indexer.Passage{{Passage: passage.Passage{Text: text}}}})
	}
	s := New(memoryIndex(t, ds))
	res := search(t, s, Request{Q: "外国人相談", HitsPerPage: 3})
	notices := 0
	for _, h := range res.Hits {
		if strings.HasPrefix(h.DocID, "kouhou-") {
			notices++
		}
	}
	if notices != 1 || res.Diversified == nil {
		t.Errorf("first page %v (diversified %+v): want one of the three notices and both policies", hitIDs(res.Hits), res.Diversified)
	}
	seen := map[string]bool{} // the pages are disjoint and hold every hit
	for page := 1; page <= 3; page++ {
		for _, h := range search(t, s, Request{Q: "外国人相談", HitsPerPage: 3, Page: page}).Hits {
			if seen[h.ID] {
				t.Errorf("page %d repeats %s", page, h.ID)
			}
			seen[h.ID] = true
		}
	}
	if len(seen) != len(ds) {
		t.Errorf("pages 1-3 hold %d of %d hits", len(seen), len(ds))
	}
}

func hitIDs(hs []Hit) []string {
	var out []string
	for _, h := range hs {
		out = append(out, h.ID)
	}
	return out
}

// The diversified order does not depend on the page size: pages 1–3 of five
// hits are page 1 of fifteen (a window of two pages of five let 区役所's
// passages of one 大阪市 document fill pages 2 and 3), and Diversified.Moved
// counts the hits ranked above a page's end that it moved past it.
func TestDiversityIndependentOfPageSize(t *testing.T) {
	s := sampleSearcher(t)
	r := Request{Q: "区役所", City: []string{"大阪市"}}
	plain := search(t, s, Request{Q: r.Q, City: r.City, HitsPerPage: 100, PerDocument: -1})
	r.HitsPerPage = 15
	whole := search(t, s, r)
	var pages []Hit
	for page := 1; page <= 3; page++ {
		r.Page, r.HitsPerPage = page, 5
		res := search(t, s, r)
		pages = append(pages, res.Hits...)
		want := hit.MovedPast(plain.Hits, pages, len(pages))
		switch {
		case want == 0 && res.Diversified != nil, want > 0 && (res.Diversified == nil || res.Diversified.Moved != want):
			t.Errorf("page %d of 5: diversified %+v, %d moved past it", page, res.Diversified, want)
		}
	}
	if len(whole.Hits) != 15 || len(pages) != 15 {
		t.Fatalf("%d and %d hits, want 15", len(whole.Hits), len(pages))
	}
	docs, all := map[string]bool{}, map[string]bool{}
	for i := range pages {
		if pages[i].ID != whole.Hits[i].ID {
			t.Errorf("hit %d: %s on pages of 5, %s on a page of 15", i+1, pages[i].ID, whole.Hits[i].ID)
		}
		docs[pages[i].DocID] = true
	}
	for _, h := range plain.Hits {
		all[h.DocID] = true
	}
	if len(docs) != len(all) {
		t.Errorf("pages 1–3 of 5 show %d of the %d documents found", len(docs), len(all))
	}
}
