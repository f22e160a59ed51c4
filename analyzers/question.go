package analyzers

import (
	"strings"

	"github.com/ikawaha/kagome/v2/tokenizer"
)

// People type questions into a search box as they would ask them: 避難所 どこ,
// 補正予算 何に使う, 人口 推計 何人, ごみの出し方を知りたい. The question words
// say what kind of answer is wanted (a place, a use, a number), not what it is
// about, and documents do not write them: a page that answers どこ lists
// 避難所 and their addresses, and one that writes どこ is seldom an answer. So
// a query word's question parts are neither required nor scored.
//
// A question part is
//
//   - an interrogative (不定語, a closed class, but not made indefinite by も
//     or か as in 誰でも, 何か): the pronouns どこ, どちら, どれ,
//     誰, 何, いつ, いくつ; the adverbs and adnominals どう, なぜ, いかが, どの,
//     どんな; いくら; with what follows it up to the next noun of the word:
//     particles and auxiliaries (どこと, どこから, 何のため), counters and
//     suffixes (何人, 何件), dependent nouns (どのように) and the verbs and
//     adjectives that ask of it (何に使う, どうなる, いつ始まる);
//   - a request: 知る, 教える, 調べる, 分かる followed by what makes a request
//     of them (知りたい, 教えてください, 調べたい); 知る alone is left as typed.

// interrogatives are the base forms (folded) of the interrogatives; kagome
// tags them 名詞-代名詞 (どこ, 誰, 何), 名詞-数 (何 of 何人), 名詞-一般 (いくら),
// 名詞-形容動詞語幹 (いかが), 副詞 (どう, なぜ) or 連体詞 (どの, どんな).
var interrogatives = wordSet("どこ", "どちら", "どっち", "どなた", "どれ", "どの", "どう", "どんな",
	"どうして", "どれほど", "どれだけ", "何", "なに", "なん", "何時", "何故", "なぜ", "誰", "だれ",
	"いつ", "いくら", "幾ら", "いくつ", "幾つ", "いかが", "如何")

// requestVerbs are the verbs whose request forms ask for information.
var requestVerbs = wordSet("知る", "教える", "調べる", "分かる", "わかる")

func wordSet(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[Fold(w)] = true
	}
	return m
}

// Question splits a query word into its topic and its question parts:
// topic is the word as typed without them ("" when nothing but them is left,
// as for どこと, 何に使う, 教えてください), asked the parts as typed, in order
// (none: the word asks nothing, and topic is word).
func Question(word string) (topic string, asked []string) {
	j := mustJA()
	p := j.parse(word)
	in := make([]bool, len(p.toks)) // in[i]: token i is part of a question
	for i := 0; i < len(p.toks); i++ {
		end := i
		switch {
		case j.interrogative(p, i):
			for end+1 < len(p.toks) && j.asksOn(p, end+1) {
				end++
			}
		case j.request(p, i):
			for end+1 < len(p.toks) && p.kinds[end+1] != symbol && (p.kinds[end+1] == stopTag || j.role(&p.toks[end+1]) == Dependent) {
				end++
			}
			if end == i { // 知る alone names what it says
				continue
			}
		default:
			continue
		}
		for k := i; k <= end; k++ {
			in[k] = true
		}
		i = end
	}
	// The particles between the topic and a question part (避難所|は|どこ,
	// ごみの出し方|を|知りたい) tie the one to the other and belong to
	// neither: kept, a topic of several words (ふるさと納税の返礼品は) would
	// have to be written with them.
	tie := make([]bool, len(p.toks))
	for i := len(p.toks) - 2; i >= 0; i-- {
		if !in[i] && p.kinds[i] == stopTag && (in[i+1] || tie[i+1]) {
			tie[i] = true
		}
	}
	var t, a strings.Builder
	topical := false
	prevIn := false
	for i := range p.toks {
		tk := &p.toks[i]
		start, end := p.span(tk.Position, tk.Position+len(tk.Surface))
		if i == 0 {
			start = 0
		}
		if i == len(p.toks)-1 {
			end = len(word)
		}
		s := word[start:end]
		if in[i] {
			if !prevIn && a.Len() > 0 {
				a.WriteByte(' ')
			}
			a.WriteString(s)
		} else if !tie[i] {
			t.WriteString(s)
			if p.kinds[i] == content && !j.stopWords[j.term(tk)] {
				topical = true
			}
		}
		prevIn = in[i]
	}
	if a.Len() == 0 {
		return word, nil
	}
	asked = strings.Split(a.String(), " ")
	if !topical {
		return "", asked
	}
	return strings.TrimSpace(t.String()), asked
}

// posNames returns a known token's parts of speech (nil for others).
func (j *ja) posNames(t *tokenizer.Token) []string {
	if t.Class != tokenizer.KNOWN {
		return nil
	}
	ids := j.dict.POSTable.POSs[t.ID]
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = j.dict.POSTable.NameList[id]
	}
	return out
}

// interrogative reports whether token i of p is an interrogative.
func (j *ja) interrogative(p *parsed, i int) bool {
	pos := j.posNames(&p.toks[i])
	if len(pos) == 0 || !interrogatives[j.term(&p.toks[i])] {
		return false
	}
	switch pos[0] {
	case "名詞", "副詞", "連体詞":
		return !indefinite(p, i)
	}
	return false
}

// indefinite reports whether the interrogative at i is made indefinite by
// the particle after it: 誰でも (anyone), 何か (something), いつも, どこか.
func indefinite(p *parsed, i int) bool {
	for k := i + 1; k < len(p.toks) && p.kinds[k] == stopTag; k++ {
		switch p.toks[k].Surface {
		case "も", "か", "でも":
			return true
		case "で": // で of でも
			continue
		}
		return false
	}
	return false
}

// asksOn reports whether token i of p, after an interrogative, belongs to
// the question: a particle or auxiliary, a counter or suffix, a dependent
// noun, a verb or adjective, another interrogative; not a noun, a symbol, a
// word the dictionary does not know or a user-dictionary compound.
func (j *ja) asksOn(p *parsed, i int) bool {
	switch p.kinds[i] {
	case symbol:
		return false
	case stopTag:
		return true
	}
	pos := j.posNames(&p.toks[i])
	if len(pos) == 0 {
		return false
	}
	switch {
	case pos[0] == "動詞", pos[0] == "形容詞":
		return true
	case pos[0] == "名詞" && len(pos) > 1 && (pos[1] == "接尾" || pos[1] == "非自立"):
		return true
	}
	return j.interrogative(p, i)
}

// request reports whether token i of p is a verb that asks for information.
func (j *ja) request(p *parsed, i int) bool {
	pos := j.posNames(&p.toks[i])
	return len(pos) > 1 && pos[0] == "動詞" && pos[1] == "自立" && requestVerbs[j.term(&p.toks[i])]
}
