package query

import (
	"regexp"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Answers. In assembly minutes the executive answers (答弁) the members'
// questions, and people who read minutes ask for those answers as they
// would say it: ヤングケアラー 答弁, 学校給食費の無償化について市長の答弁,
// 空き家対策 市の回答. The word says which speeches are wanted, not what
// they are about: matched as text, 答弁 finds the members' 「御答弁ありがとう
// ございました」 and the chair's 「答弁は。」 rather than answers. So, in an index
// of minutes (one whose passages have the role answer), such a word is read
// as the filter role:answer (Query.LiftAnswers) and no longer matched, and
// the response's queryFilters says so; quoted ("答弁") it is a word again.
//
// What is read as asking for answers, written as one word or at the end of
// one (its topic before it stays a word):
//
//   - 答弁 (御答弁, ご答弁), alone or after a topic: 答弁 is the assembly's
//     word for the executive's answer;
//   - 回答 and 答え after one who answers for the city and の: 市長の回答,
//     市の答え, 教育長の答弁. Alone, 回答 and 答え stay words (アンケート 回答 is a
//     survey's answers, not an assembly's).
//   - 見解, 所見 and 考え (お考え) after one who answers for the city and の:
//     区の見解, 市長の所見, 市のお考え are how members ask for the executive's
//     position (「区の見解を伺います」), so matched as text they find the
//     questions, and the position is in the answers. Alone they stay words,
//     and so does 考え方 (市の考え方 heads a パブリックコメント's replies).
//
// Who answers (市長の…) is left out with the answer word: the executive
// answers through the mayor and the heads of departments, and grading the
// kiryu minutes found the mayor's question answered by 部長 as often as by
// the mayor; the speaker filter names one person.

// answerer is one who answers for the executive, before の.
const answerer = `(?:市長|副市長|町長|副町長|村長|副村長|区長|副区長|知事|副知事|教育長|部長|局長|当局|執行部|理事者|行政|市|町|村|区|県|都|道|府)`

// answerWord matches a word that asks for the executive's answer: topic,
// a joining particle, who answers and the answer word.
var answerWord = regexp.MustCompile(`^(.*?)(?:についての|について|に関して|に関する|に対する|への|の)?(?:(` + answerer + `)の)?((?:御|ご)?答弁|回答|答え|見解|所見|(?:お)?考え)$`)

// askedAnswer splits a word into its topic and the part that asks for the
// executive's answer; ok is false for a word that does not ask.
func askedAnswer(word string) (topic, asked string, ok bool) {
	w := norm.NFKC.String(word)
	m := answerWord.FindStringSubmatchIndex(w)
	if m == nil {
		return "", "", false
	}
	start := m[6] // the answer word
	if m[4] >= 0 && (m[4] == 0 || trimJoin(w[:m[4]]) != w[:m[4]]) {
		start = m[4] // who answers, at the start or after a particle: 市の回答, not 大阪市の回答
	}
	if start == m[6] && !strings.HasSuffix(w, "答弁") {
		return "", "", false // 回答, アンケートの回答, 答え: words
	}
	return trimJoin(w[:start]), w[start:], true
}

// LiftAnswers reads the words of q that ask for the executive's answer as
// the filter role:answer (see above): a word that only asks is dropped, one
// with a topic keeps the topic. A clause of alternatives (答弁 OR 質問) and
// quoted phrases stay as typed, and a query left with no word keeps its
// words. It reports whether the filter was added.
func (q *Query) LiftAnswers() bool {
	var cs []Clause
	var written []string
	for _, c := range q.Clauses {
		if len(c.Any) != 1 || c.Any[0].Phrase {
			cs = append(cs, c)
			continue
		}
		topic, asked, ok := askedAnswer(c.Any[0].Text)
		if !ok {
			cs = append(cs, c)
			continue
		}
		written = append(written, asked)
		if topic != "" {
			cs = append(cs, Clause{Any: []Word{{Text: topic}}})
		}
	}
	if len(written) == 0 || len(cs) == 0 {
		return false
	}
	q.Clauses = cs
	q.Filters = append(q.Filters, Filter{Facet: "role", Value: "answer", Written: strings.Join(written, " "), bare: true})
	return true
}

// trimJoin drops the particles a topic ends with before the answer word
// (学校給食費の無償化について).
func trimJoin(topic string) string {
	for _, p := range []string{"についての", "について", "に関して", "に関する", "に対する", "への", "の"} {
		if t, ok := strings.CutSuffix(topic, p); ok {
			return t
		}
	}
	return topic
}
