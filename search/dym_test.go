package search

import (
	"fmt"
	"strings"
	"testing"

	"seisaku/indexer"
	"seisaku/indexer/meta"
	"seisaku/indexer/passage"
)

// もしかして on the bundled samples: a typo one character away from the
// index's vocabulary gets the corrected query, the corrections that sound
// like the typed word before those that only look like it; a word that
// matches as typed (避難所 in one passage) gets none, nor does a word of the
// dictionary the index lacks (粗大, not a misspelling of 拡大, 最大, 増大).
func TestDidYouMean(t *testing.T) {
	s := sampleSearcher(t)
	for _, tt := range []struct{ q, want string }{
		{"多文化共性", "多文化共性→多文化共生 (多文化共生)"}, // not also 多文化共有, 多文化共同 (one passage each)
		{"区政会儀 推進", "区政会儀→区政会議 (区政会議 推進)"},
		{"情報発心", "情報発心→情報発信 (情報発信)"}, // 発心 ホッシン, a word, sounds like 発信 ハッシン
		{"空き家 対索", "対索→対策 (空き家 対策)"}, // タイサク: not 対象 or 対応, which find more
		{"子育て支園", "子育て支園→子育て支援 (子育て支援)"},
		{"区政会議", ""},
		{"避難所", ""},   // was 避難
		{"粗大 ごみ", ""}, // was 拡大 ごみ, 最大 ごみ, 増大 ごみ
		{"防災訓連", ""},  // the samples hold 訓練 but not 防災訓練
	} {
		res := search(t, s, Request{Q: tt.q})
		if got := corrected(res); got != tt.want {
			t.Errorf("%s: did you mean %q, want %q (all: %+v)", tt.q, got, tt.want, res.DidYouMean)
		}
		for _, c := range res.DidYouMean {
			if c.Hits == 0 {
				t.Errorf("%s: %+v finds nothing", tt.q, c)
			}
		}
	}
}

// corrected renders every correction of res as word→fixed (query).
func corrected(res *Result) string {
	var out []string
	for _, c := range res.DidYouMean {
		out = append(out, fmt.Sprintf("%s→%s (%s)", c.Word, c.Fixed, c.Query))
	}
	return strings.Join(out, "; ")
}

// An index that holds 防災訓練 in a single passage corrects 防災訓連 to
// it (防災くんれん finds it by reading): the right word need not be frequent when
// the typed one finds nothing. A correction with which the whole query
// finds nothing is not offered.
func TestDidYouMeanRareRightWord(t *testing.T) {
	ds := append(documents(), &indexer.Document{ID: "kiryu-bousai", Title: "広報きりゅう 防災のお知らせ",
		Meta: meta.Metadata{City: "桐生市", Department: "防災・危機管理課", FiscalYear: 2024}, Source: "test/kiryu-bousai",
		Passages: []indexer.Passage{
			{Passage: passage.Passage{Seq: 0, Text: "9月1日に市内の全小学校区で総合防災訓練を実施します。避難所の開設と運営の手順を確認します。"}},
			{Passage: passage.Passage{Seq: 1, Text: "自主防災組織による初期消火の訓練に、多くの市民が参加しました。"}},
		}})
	s := New(memoryIndex(t, ds))
	for _, tt := range []struct{ q, want string }{
		{"防災訓連", "防災訓連→防災訓練 (防災訓練)"},
		{"防災くんれん", ""}, // found as is: its reading ボウサイクンレン is 防災訓練's (plan.mixedReading)
		{"防災訓連 避難所", "防災訓連→防災訓練 (防災訓練 避難所)"},
		{"防災訓連 情報発信", ""}, // no passage holds both
		{"防災訓練", ""},
	} {
		if got := corrected(search(t, s, Request{Q: tt.q})); got != tt.want {
			t.Errorf("%s: did you mean %q, want %q", tt.q, got, tt.want)
		}
	}
}

// Several indexes served as one offer the same corrections as one index
// of the same documents: the vocabulary is their merged dictionary.
func TestDidYouMeanOverSeveralIndexes(t *testing.T) {
	var ds []*indexer.Document // the fixture three times, so its words are not rare
	for i := range 3 {
		for _, d := range documents() {
			d.ID = fmt.Sprintf("%s-%d", d.ID, i)
			ds = append(ds, d)
		}
	}
	single := New(memoryIndex(t, ds))
	multi := NewMulti(memoryIndex(t, ds[:5]), memoryIndex(t, ds[5:10]), memoryIndex(t, ds[10:]))
	for _, q := range []string{"多文化共性", "情報発心 推進"} {
		want, got := search(t, single, Request{Q: q}).DidYouMean, search(t, multi, Request{Q: q}).DidYouMean
		if len(want) == 0 || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: over several indexes %+v, over one %+v", q, got, want)
		}
	}
}
