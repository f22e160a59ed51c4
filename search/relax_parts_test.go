package search

import (
	"slices"
	"testing"

	"seisaku/indexer"
	"seisaku/indexer/meta"
	"seisaku/indexer/passage"
)

func notice(id, text string) *indexer.Document {
	return &indexer.Document{ID: id, Title: "お知らせ", Source: "bulletin/" + id, Meta: meta.Metadata{City: "倉敷市"},
		Passages: []indexer.Passage{{Passage: passage.Passage{Text: text}}}}
}

// docIDs returns the documents of res's hits, in rank order.
func docIDs(res *Result) []string {
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.DocID)
	}
	return ids
}

// A compound the dictionary knows as one word, written in two scripts, falls
// back to its parts: 粗大ごみ finds the passages about ごみ, as 粗大 ごみ
// does, though 粗大ごみ shares one bigram of three with ごみ.
func TestRelaxedCompoundOfTwoScripts(t *testing.T) {
	s := New(memoryIndex(t, []*indexer.Document{
		notice("shushu", "燃やせるごみの収集日は月曜日と木曜日です。"),
		notice("genryo", "家庭から出るごみの減量にご協力ください。"),
		notice("matsuri", "夏祭りの会場で盆踊りを開きます。"),
	}))
	for _, q := range []string{"粗大ごみ", "粗大ごみ 出し方"} {
		res := search(t, s, Request{Q: q, HitsPerPage: 10})
		if got := docIDs(res); len(got) != 2 || slices.Contains(got, "matsuri") {
			t.Errorf("%s finds %v, want the two passages about ごみ", q, got)
		}
	}
}

// A relaxed word's fragments and verbs rank below its nouns and their
// synonyms, and a word found as typed is not broken into fragments:
// 保育園に入りたい puts the 保育所 notice before 任意保険に入っている; 空き家
// does not find 空き瓶, nor 多文化 文化祭, nor ほいくえん あいあいえん.
func TestRelaxedFragmentsBelowWords(t *testing.T) {
	s := New(memoryIndex(t, []*indexer.Document{
		notice("hoikusho", "保育所の入所申込みを2月20日から受け付けます。"),
		notice("hoken", "任意保険に入っているから安心と思うかもしれません。"),
		notice("hoken2", "自転車保険に入りましょう。"),
		notice("akiya", "空き家の無料相談会を開きます。"),
		notice("akibin", "空き瓶でスノードームを作ろう。"),
		notice("tabunka", "多文化共生の地域づくりを進めます。"),
		notice("bunka", "文化祭で作品を展示します。"),
		notice("hoikuen", "市内の保育園で給食の試食会を開きます。"),
		notice("aiai", "あいあいえん診療所が休日当番医です。"),
	}))
	res := search(t, s, Request{Q: "保育園に入りたい", HitsPerPage: 10, Synonyms: true})
	firstThen(t, "保育園に入りたい", res.Hits, func(h Hit) bool { return holds(h, "保育園") || holds(h, "保育所") })
	if ids := docIDs(res); len(ids) < 2 || !slices.Contains(ids[:2], "hoikusho") {
		t.Errorf("保育園に入りたい: %v, want the 保育所 notice among the first two", ids)
	}
	for _, tt := range []struct{ q, not string }{
		{"空き家", "akibin"}, {"多文化", "bunka"}, {"ほいくえん", "aiai"}, {"多文化 盆踊り", "bunka"},
	} {
		res := search(t, s, Request{Q: tt.q, HitsPerPage: 10, Synonyms: true})
		if ids := docIDs(res); len(ids) == 0 || slices.Contains(ids, tt.not) {
			t.Errorf("%s finds %v: want some hit, not %s", tt.q, ids, tt.not)
		}
	}
	// a typo's one-character fragments rank below its word: 多文化 of 多文化共性
	s = New(memoryIndex(t, []*indexer.Document{
		notice("tabunka", "多文化共生の地域づくりを進めます。"),
		notice("tomo", "心身共に健康で、性別を問わず参加できます。"),
	}))
	res = search(t, s, Request{Q: "多文化共性", HitsPerPage: 10})
	firstThen(t, "多文化共性", res.Hits, func(h Hit) bool { return holds(h, "多文化") })
}

// A word written in kanji and kana meets its kana spelling through its
// reading: 引きこもり finds ひきこもり, as こうほうし finds 広報紙.
func TestMixedScriptMeetsKana(t *testing.T) {
	s := New(memoryIndex(t, []*indexer.Document{
		notice("kanji", "不登校や引きこもりの相談を受け付けます。"),
		notice("kana", "ひきこもりの理解と地域における支援の講演会を開きます。"),
		notice("other", "高齢者サロンで歌を楽しみました。"),
	}))
	res := search(t, s, Request{Q: "引きこもり", HitsPerPage: 10})
	if ids := docIDs(res); len(ids) != 2 || ids[0] != "kanji" || ids[1] != "kana" {
		t.Errorf("引きこもり finds %v, want [kanji kana]: the word as written first, then its kana spelling", ids)
	}
}
