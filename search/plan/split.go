package plan

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/query"

	"seisaku/analyzers"
	"seisaku/indexer"
)

// Noun phrases joined by a particle. A word typed as AのB (ふるさと納税の返礼品,
// 子どもの医療費) names B of A; a speaker says it as often over a sentence
// (「ふるさと納税については、…返礼品の…」) as in the words typed. So a passage
// of a speech (a member's question, the executive's answer, the chair's
// line: the passages that carry a role) that holds each noun phrase of the
// word matches the word at the strict level, splitWeight times as much as
// the word itself; a passage that holds the phrase as typed holds its noun
// phrases too and ranks higher. Other passages (a bulletin's lines packed
// under one heading, where 介護 and 相談 may belong to two notices) hold the
// word only as typed. The explanation says the word is held by its parts,
// so in a relaxed search such a passage ranks with the relaxed ones.
//
// On bench/minutes (18 needs over the 桐生市 minutes, judged by speech, 775
// judgments) nDCG@10 went 0.710 → 0.714 (子どもの医療費 無料 中学生まで
// 0.297 → 0.351, ふるさと納税の返礼品はどうなっているか 0.569 → 0.579; at
// weights of 0.3, 0.8, 2 and 4: 0.711, 0.714, 0.714, 0.715).
// ../shared/relevance and the PDF set hold no passage with a role and do
// not move; on every passage, roles or not, the
// development set went 0.548 → 0.546 (介護の相談 0.395 → 0.312: the
// bulletins' 相談のページ, where 介護 is another notice's). See
// docs/ranking.md.
const splitWeight = 1.0

// speechRoles are the roles of passages of speeches (indexer.FieldRole).
var speechRoles = []string{indexer.RoleQuestion, indexer.RoleAnswer, indexer.RoleChair}

// splitPhrases returns the noun phrases a word joins with particles
// (ふるさと納税の返礼品 → ふるさと納税, 返礼品), or nil when it joins none, or
// has a verb, an adjective or a dependent word (ごみの出し方), or a phrase of
// one character.
func splitPhrases(text string) []string {
	ts, err := analyzers.Analyze(analyzers.Morph, text)
	if err != nil || len(ts) < 2 {
		return nil
	}
	roles := analyzers.Roles(text)
	var out []string
	start, end, last := -1, -1, -1
	flush := func() bool {
		s := surface(text, start, end)
		if utf8.RuneCountInString(s) < 2 {
			return false
		}
		out = append(out, s)
		return true
	}
	for _, t := range ts {
		if t.Position == last { // the okurigana-free form beside the written one
			end = max(end, t.End)
			continue
		}
		if roles[t.Position] != analyzers.Noun {
			return nil
		}
		if last >= 0 && t.Position > last+1 { // a particle between
			if !flush() {
				return nil
			}
			start = -1
		}
		if start < 0 {
			start = t.Start
		}
		end, last = t.End, t.Position
	}
	if !flush() || len(out) < 2 {
		return nil
	}
	return out
}

// splitQuery matches the noun phrases of a word joined by particles
// (splitPhrases) in a passage of a speech, or is nil for another word.
func (b *builder) splitQuery(text string) query.Query {
	phrases := splitPhrases(text)
	if phrases == nil {
		return nil
	}
	saved := b.weight
	b.weight *= splitWeight
	defer func() { b.weight = saved }()
	cs := make([]query.Query, 0, len(phrases)+1)
	for _, p := range phrases {
		alts := b.literal(p)
		if sq := b.synonymAlts(p); sq != nil {
			alts = append(alts, sq)
		}
		cs = append(cs, query.NewDisjunctionQuery(alts))
		b.marks = append(b.marks, newMark(p, nil))
	}
	var roles []query.Query
	for _, r := range speechRoles {
		roles = append(roles, termQuery(indexer.FieldRole, r, roleBoost))
	}
	return query.NewConjunctionQuery(append(cs, query.NewDisjunctionQuery(roles)))
}

// roleBoost weighs the role that makes a passage part of a speech: nothing
// next to the words.
const roleBoost = 1e-9
