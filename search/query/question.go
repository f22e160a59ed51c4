package query

import "seisaku/analyzers"

// Question words. People type what they want to know as they would ask it
// (避難所 どこ, 補正予算 何に使う, 人口 推計 何人, 教えてください): the question
// words say what kind of answer is wanted, not what it is about, and
// documents seldom write them, so a search that requires or scores them
// relaxes away from the topic or ranks passages that happen to say どこ.
// analyzers.Question tells them apart; they are left out of the query.

// DropQuestions rewrites q's words without their question parts and drops a
// word that only asks (どこと, 何に使う), or a clause all of whose words only
// ask, and returns the parts left out as typed. Quoted phrases are matched
// as typed, and a query of nothing but question words is left as it is.
func (q *Query) DropQuestions() []string {
	var asked []string
	var cs []Clause
	for _, c := range q.Clauses {
		var ws []Word
		for _, w := range c.Any {
			if w.Phrase {
				ws = append(ws, w)
				continue
			}
			topic, a := analyzers.Question(w.Text)
			asked = append(asked, a...)
			if topic != "" {
				ws = append(ws, Word{Text: topic})
			}
		}
		if len(ws) > 0 {
			cs = append(cs, Clause{Any: ws})
		}
	}
	if len(asked) == 0 || len(cs) == 0 {
		return nil
	}
	q.Clauses = cs
	return asked
}
