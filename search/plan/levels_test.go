package plan

import (
	"strings"
	"testing"

	parsed "seisaku/search/query"
)

// TestPlanWords checks what each word of a plan became: its kana
// readings, its parts (~ a bigram part, (v) a verb or adjective), its
// variants and synonyms, the theme it names. A phrase is only its text.
func TestPlanWords(t *testing.T) {
	o := Options{
		Themes:   func(w string) (string, bool) { return "子育て", w == "子育て支援" },
		Synonyms: mustSynonyms(t),
	}
	for _, tt := range []struct{ q, want string }{
		{"子育て支援", "子育て支援{parts: 子育 支援; theme: 子育て}"},
		{"保育園に入りたい", "保育園に入りたい{parts: 保育園 入る(v)}"},
		{"財政難", "財政難{parts: ~財政 ~政難}"},
		{"粗大ごみ", "粗大ごみ{parts: 粗大 ごみ}"}, // one word in the dictionary, two in its scripts
		{"空き家", "空き家{parts: ~空き ~き家}"}, // き家 is okurigana, not a word
		{`"区政会議"`, "区政会議{}"},
		{"子供の医療費 OR 防災", "子供の医療費{parts: 子供 医療 費; alts: 子どもの医療費(variant)} | 防災{parts: 防災}"},
	} {
		q, err := parsed.Parse(tt.q)
		if err != nil {
			t.Fatal(err)
		}
		var ws []string
		for _, w := range New(q, tt.q, parsed.Scope{}, o).At(LevelStrict).Words {
			ws = append(ws, w.String())
		}
		if got := strings.Join(ws, " | "); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.q, got, tt.want)
		}
	}
}

// TestPlanLevels checks which levels a query relaxes to (Next) and the
// tier each adds: parts of a compound, all words but one with the parts'
// signal, any part; a phrase never relaxes.
func TestPlanLevels(t *testing.T) {
	for _, tt := range []struct{ q, want string }{
		{"空き家対策", "parts any"},
		{"防災 訓練 計画", "most any"},
		{"多文化共生施策推進", "parts most any"},
		{"防災", ""},
		{`"空き家対策"`, ""},
	} {
		q, err := parsed.Parse(tt.q)
		if err != nil {
			t.Fatal(err)
		}
		p := New(q, tt.q, parsed.Scope{}, Options{})
		var lvs []string
		for lv, ok := p.Next(LevelStrict); ok; lv, ok = p.Next(lv) {
			lvs = append(lvs, lv.String())
			if s := Describe(p.At(lv).Query); !strings.HasPrefix(s, "BOOL(must: OR(") {
				t.Errorf("%s at %s: %s is not the strict query OR its tiers", tt.q, lv, s)
			}
		}
		if got := strings.Join(lvs, " "); got != tt.want {
			t.Errorf("%s relaxes to %q, want %q", tt.q, got, tt.want)
		}
	}
	q, _ := parsed.Parse("空き家対策")
	got := Describe(New(q, "", parsed.Scope{}, Options{}).At(LevelParts).Query)
	want := `BOOL(must: OR(OR(text:"空き家対策"^3, title:"空き家対策"^2, headings:"空き家対策"^1.5, text_bigram:all(空き家対策)^0.5), ` +
		`OR(text:"空き家対策"^0.03, title:"空き家対策"^0.02, headings:"空き家対策"^0.015, text_bigram:all(空き家対策)^0.005, ` +
		`text:[空家 対策]^0.03, AND(text=空家^0.03, text=対策^0.03))))` // 空家: the okurigana-free form
	if got != want {
		t.Errorf("空き家対策 at parts:\n got %s\nwant %s", got, want)
	}
}
