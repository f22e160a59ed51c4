package query

import "testing"

// TestLiftAnswers: the words that ask for the executive's answer, as people
// who read minutes type them, become role:answer; words that only look
// like them stay words.
func TestLiftAnswers(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ q, want, written string }{
		{"ヤングケアラー 答弁", "ヤングケアラー role:answer", "答弁"},
		{"学校給食費の無償化について市長の答弁", "学校給食費の無償化 role:answer", "市長の答弁"},
		{"空き家対策 市の回答", "空き家対策 role:answer", "市の回答"},
		{"クマ対策への教育長の答え", "クマ対策 role:answer", "教育長の答え"},
		{"いじめ 御答弁", "いじめ role:answer", "御答弁"},
		{"大阪市の答弁", "大阪市 role:answer", "答弁"}, // 大阪市 is the topic, not who answers
		{"新庁舎の答弁 2022", "新庁舎 year:2022 role:answer", "答弁"},
		{"アンケート 回答", "アンケート 回答", ""}, // a survey's answers
		{"アンケートの回答", "アンケートの回答", ""},
		{"大阪市の回答", "大阪市の回答", ""}, // 市 ends the city's name: not who answers
		{"答え 合わせ", "答え 合わせ", ""},
		{`ヤングケアラー "答弁"`, `ヤングケアラー "答弁"`, ""}, // quoted: a word
		{"答弁 OR 質問 給食", "(答弁|質問) 給食", ""},
		{"答弁書 提出", "答弁書 提出", ""},
		{"答弁", "答弁", ""}, // nothing else to search for
		{"ヤングケアラー 区の見解", "ヤングケアラー role:answer", "区の見解"},
		{"羽田 新飛行ルート 区長の所見", "羽田 新飛行ルート role:answer", "区長の所見"},
		{"不登校対策についての市のお考え", "不登校対策 role:answer", "市のお考え"},
		{"見解 相違", "見解 相違", ""}, // alone: a word
		{"パブリックコメント 市の考え方", "パブリックコメント 市の考え方", ""}, // a reply's heading, not an answer
	} {
		q, err := Parse(tc.q)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tc.q, err)
		}
		lifted := q.LiftAnswers()
		if got := q.String(); got != tc.want || lifted != (tc.written != "") {
			t.Errorf("%q: %s (lifted %v), want %s", tc.q, got, lifted, tc.want)
		}
		if lifted {
			f := q.Filters[len(q.Filters)-1]
			if f.Facet != "role" || f.Value != "answer" || f.Written != tc.written {
				t.Errorf("%q: filter %+v, want role:answer written %q", tc.q, f, tc.written)
			}
		}
	}
}
