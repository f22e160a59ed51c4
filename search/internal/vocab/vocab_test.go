package vocab

import (
	"fmt"
	"strings"
	"testing"
)

func TestReadingSplits(t *testing.T) {
	d := NewReadings(map[string]uint64{
		"コウホウ": 50, "シ": 900, "コウ": 30, "ホウシ": 10, "ホウ": 40, "シミン": 80, "コエ": 20,
		"コウレイシャ": 60, "ミマモリ": 5, "マモリ": 50,
	})
	// the index leaves particles out: の is a gap ("" between the spaces)
	tests := []struct {
		word string
		k    int
		want string // splits joined by "|", terms by " "
	}{
		{"コウホウシ", 3, "コウホウ シ|コウ ホウシ"}, // not コウ|ホウ|シ: more terms
		{"コウホウシ", 1, "コウホウ シ"},
		{"シミンノコエ", 3, "シミン  コエ"},
		{"シミンノコエカ", 3, ""}, // か is a particle, but a gap only inside the word
		{"シミンノ", 3, ""},    // nor at its end
		{"ノコエ", 3, ""},     // or start
		{"コウホウシノシミン", 3, "コウホウ シ  シミン|コウ ホウシ  シミン"}, // one gap between two words, not two gaps (シ is a particle too)
		// のみ is a particle too, but a gap that stands for less is checked more
		{"コウレイシャノミマモリ", 1, "コウレイシャ  ミマモリ"},
		{strings.Repeat("シ", 31), 3, ""}, // too long to split
		{"", 3, ""},
	}
	for _, tt := range tests {
		var got []string
		for _, s := range d.Splits(tt.word, tt.k) {
			got = append(got, strings.Join(s, " "))
		}
		if s := strings.Join(got, "|"); s != tt.want {
			t.Errorf("splits(%s, %d) = %s, want %s", tt.word, tt.k, s, tt.want)
		}
	}
	// a particle's reading that is also a word's: both
	d = NewReadings(map[string]uint64{"シミン": 80, "ノ": 7, "コエ": 20})
	if got := d.Splits("シミンノコエ", 3); fmt.Sprint(got) != "[[シミン ノ コエ] [シミン  コエ]]" {
		t.Errorf("splits with ノ a word too: %q", got)
	}
	if got := (*Readings)(nil).Splits("コウホウシ", 3); got != nil {
		t.Errorf("nil dictionary split %v", got)
	}
}

func TestKanaReading(t *testing.T) {
	tests := []struct{ in, want string }{
		{"こうほうし", "コウホウシ"},
		{"ｺｳﾎｳｼ", "コウホウシ"},
		{"シティ・プロモーション", "シティプロモション"},
		{"広報紙", ""},
		{"sns", ""},
		{"・", ""},
	}
	for _, tt := range tests {
		if got, _ := KanaReading(tt.in); got != tt.want {
			t.Errorf("KanaReading(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTermTableComplete checks both paths of the suggestion table: a
// one-character prefix (precomputed top terms) and a longer one (binary
// search), most frequent first, the prefix itself left out.
func TestTermTableComplete(t *testing.T) {
	t.Parallel()
	terms := []Suggestion{ // sorted by term, as the dictionary gives them
		{Text: "市", Count: 90}, {Text: "市政", Count: 40}, {Text: "市民", Count: 70},
		{Text: "市民協働", Count: 5}, {Text: "市長", Count: 60}, {Text: "広報", Count: 30},
	}
	tt := &termTable{sorted: terms, first: map[string][]Suggestion{}}
	tt.first["市"] = topByCount(terms[:5], MaxSuggestions+1)
	tt.first["広"] = topByCount(terms[5:], MaxSuggestions+1)
	for _, tc := range []struct {
		prefix string
		n      int
		want   string
	}{
		{"市", 3, "[市民/70 市長/60 市政/40]"},
		{"市民", 8, "[市民協働/5]"},
		{"広", 8, "[広報/30]"},
		{"区", 8, "[]"},
	} {
		var got []string
		for _, s := range tt.complete(tc.prefix, tc.n) {
			got = append(got, fmt.Sprintf("%s/%d", s.Text, s.Count))
		}
		if g := fmt.Sprint(got); g != tc.want {
			t.Errorf("complete(%q, %d) = %s, want %s", tc.prefix, tc.n, g, tc.want)
		}
	}
}

// TestBestSurface picks the written form of a folded term.
func TestBestSurface(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		term  string
		count map[string]int
		want  string
	}{
		{"sns", map[string]int{"ＳＮＳ": 1, "SNS": 1}, "SNS"},
		{"sns", map[string]int{"ＳＮＳ": 3, "SNS": 1}, "ＳＮＳ"},
		{"パートナ", map[string]int{"パートナー": 2}, "パートナー"},
		{"連携する", map[string]int{"連携し": 2}, "連携する"}, // inflected: the base form
		{"市民", map[string]int{}, "市民"},
	} {
		if got := BestSurface(tc.term, tc.count); got != tc.want {
			t.Errorf("BestSurface(%q, %v) = %q, want %q", tc.term, tc.count, got, tc.want)
		}
	}
}

func TestOneEdit(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{{"訓連", "訓練", true}, {"共性", "共生", true}, {"共生", "共生", false}, {"文化", "多文化", true}, {"訓練", "練習", false}} {
		if got := OneEdit([]rune(tt.a), []rune(tt.b)); got != tt.want {
			t.Errorf("OneEdit(%s, %s) = %v", tt.a, tt.b, got)
		}
	}
}

// TestTermReadings: an index's text terms give the readings a kana word is
// split into, each standing for its terms, the most frequent first.
func TestTermReadings(t *testing.T) {
	d := NewReadings(map[string]uint64{
		"広報": 50, "公報": 2, "紙": 40, "市": 900, "市民": 80, "声": 20,
		"高齢者": 60, "見守る": 5, "見守": 5, "ごみ": 30, "ゴミ": 10,
	})
	for _, tt := range []struct{ reading, want string }{
		{"コウホウ", "広報 公報"},
		{"ミマモリ", "見守 見守る"}, // 見守り reads so; its terms are 見守る and 見守
		{"ゴミ", "ごみ ゴミ"},    // a kana term reads as itself
		{"シミン", "市民"},
		{"カイギ", ""}, // no term of the index reads so
		{Gap, ""},
	} {
		if got := strings.Join(d.Terms(tt.reading), " "); got != tt.want {
			t.Errorf("terms of %q = %q, want %q", tt.reading, got, tt.want)
		}
	}
	if got := d.Terms("シ"); len(got) < 2 || got[0] != "市" {
		t.Errorf("terms of シ = %q, want 市 first, then 紙", got)
	}
	for word, want := range map[string]string{
		"コウホウシ":       "コウホウ シ",
		"シミンノコエ":      "シミン  コエ",
		"コウレイシャノミマモリ": "コウレイシャ  ミマモリ",
	} {
		if got := d.Splits(word, 1); len(got) == 0 || strings.Join(got[0], " ") != want {
			t.Errorf("split of %s = %q, want %s", word, got, want)
		}
	}
}
