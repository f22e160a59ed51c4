package query

import (
	"strings"
	"testing"
)

// TestDropQuestions: the words a query requires after its question words
// are left out, and those left out, as "query|asked".
func TestDropQuestions(t *testing.T) {
	for _, c := range []struct{ q, want string }{
		{"避難所 どこ", "避難所|どこ"},
		{"災害協定 どこと", "災害協定|どこと"},
		{"補正予算 財源 どこから", "補正予算 財源|どこから"},
		{"人口 推計 何人", "人口 推計|何人"},
		{"台湾 フェリー 何のため", "台湾 フェリー|何のため"},
		{"補正予算 何に使う", "補正予算|何に使う"},
		{"JR 駅 廃止 どうなる", "JR 駅 廃止|どうなる"},
		{"予算 反対 議員 誰", "予算 反対 議員|誰"},
		{"避難所どこ", "避難所|どこ"},
		{"ごみの出し方を知りたい", "ごみの出し方|知りたい"},
		{"保育園 教えてください", "保育園|教えてください"},
		{"避難所 OR どこ", "避難所|どこ"},
		{`"どこ" 避難所`, `"どこ" 避難所|`}, // quoted: as typed
		{"どこ", "どこ|"},       // nothing else to search for
		{"いつ どこ", "いつ どこ|"}, // likewise
		{"こども誰でも通園制度", "こども誰でも通園制度|"}, // 誰でも asks nothing
		{"職員 給料 国と比べて", "職員 給料 国と比べて|"},
		{"避難所 どこ -津波", "避難所 -津波|どこ"},
	} {
		q, err := Parse(c.q)
		if err != nil {
			t.Fatal(err)
		}
		asked := q.DropQuestions()
		if got := q.String() + "|" + strings.Join(asked, " "); got != c.want {
			t.Errorf("%s: got %q, want %q", c.q, got, c.want)
		}
	}
}
