package analyzers

import (
	"strings"
	"testing"
)

// TestQuestion: what a query word asks about (required, scored) and what
// only asks (ignored), as "topic|asked asked".
func TestQuestion(t *testing.T) {
	for _, c := range []struct{ word, want string }{
		// whole words that only ask
		{"どこ", "|どこ"},
		{"どこと", "|どこと"},
		{"どこから", "|どこから"},
		{"誰", "|誰"},
		{"だれ", "|だれ"},
		{"いつ", "|いつ"},
		{"何人", "|何人"},
		{"何件", "|何件"},
		{"何のため", "|何のため"},
		{"何に使う", "|何に使う"},
		{"どうなる", "|どうなる"},
		{"なぜ", "|なぜ"},
		{"いかが", "|いかが"},
		{"いくら", "|いくら"},
		{"どれくらい", "|どれくらい"},
		{"どのように", "|どのように"},
		{"知りたい", "|知りたい"},
		{"教えて", "|教えて"},
		{"教えてください", "|教えてください"},
		{"調べたい", "|調べたい"},
		// a topic with its question
		{"避難所どこ", "避難所|どこ"},
		{"避難所はどこ", "避難所|どこ"}, // the particle that ties topic and question belongs to neither
		{"どこで申請", "申請|どこで"},
		{"補正予算何に使う", "補正予算|何に使う"},
		{"人口は何人", "人口|何人"},
		{"どのような支援", "支援|どのような"},
		{"ごみの出し方を知りたい", "ごみの出し方|知りたい"},
		{"ふるさと納税の返礼品はどうなっているか", "ふるさと納税の返礼品|どうなっているか"},
		{"空き家バンクについて教えてください", "空き家バンク|教えてください"},
		{"ＡＥＤどこ", "ＡＥＤ|どこ"},
		// words that ask nothing
		{"災害協定", "災害協定|"},
		{"否決された議案", "否決された議案|"},
		{"国と比べて", "国と比べて|"},
		{"取りやすく", "取りやすく|"},
		{"知る権利", "知る権利|"},
		{"知る", "知る|"},
		{"いつも", "いつも|"},
		{"何らか", "何らか|"},
		{"誰でも通園制度", "誰でも通園制度|"},
		{"何か", "何か|"},
		{"どこかで", "どこかで|"},
	} {
		topic, asked := Question(c.word)
		if got := topic + "|" + strings.Join(asked, " "); got != c.want {
			t.Errorf("Question(%q) = %q, want %q", c.word, got, c.want)
		}
	}
}
