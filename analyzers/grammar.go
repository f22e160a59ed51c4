package analyzers

import "strings"

// grammarBigrams is the set of bigrams of two hiragana that ja_bigram
// leaves out: those within the words of Japanese grammar, as the IPA
// dictionary tags them and as Japanese writes them, in hiragana: particles
// (について, として), auxiliaries (ます, ました, でございます), conjunctions
// and dependent words (非自立: the おり of しております, いただく, こと, もの),
// and the stop words ja_morph drops (これ, ある, する): 711 bigrams. In
// kiryu's minutes the bigrams of two hiragana were 37 % of the bigram
// field's postings, two thirds of them in this set. The seams between two
// such words stay (the てお of て|おり, the うこ of という|こと): a set of
// seams would hold most pairs of hiragana, and words' bigrams with them.
//
// The set is fixed, not read from each text's analysis: a bigram is left
// out of every text or of none, so a query word's bigrams, which must all
// be in a passage, are left out of the passages that hold the word alike,
// however kagome splits the word there (おりひめ is おり|ひめ, a verb and a
// verb, after の and a dependent verb after 市). The price is that a word
// written in hiragana loses the bigrams it shares with grammar (いじめ
// keeps いじ, not じめ of はじめ), and keeps the rest.
type grammarBigrams struct {
	set [hiraganaSpan][hiraganaSpan]bool
}

const (
	hiraganaFirst = 'ぁ'
	hiraganaSpan  = 'ゞ' - hiraganaFirst + 1
)

// has reports whether the bigram of a and b is in the set.
func (g *grammarBigrams) has(a, b rune) bool {
	if a < hiraganaFirst || b < hiraganaFirst || a-hiraganaFirst >= hiraganaSpan || b-hiraganaFirst >= hiraganaSpan {
		return false
	}
	return g.set[a-hiraganaFirst][b-hiraganaFirst]
}

// addWord adds the bigrams of two hiragana within word, folded.
func (g *grammarBigrams) addWord(word string) {
	rs := []rune(Fold(word))
	for k := 0; k+1 < len(rs); k++ {
		if isHiragana(rs[k]) && isHiragana(rs[k+1]) {
			g.set[rs[k]-hiraganaFirst][rs[k+1]-hiraganaFirst] = true
		}
	}
}

// allHiragana reports whether s is hiragana only.
func allHiragana(s string) bool {
	for _, r := range s {
		if !isHiragana(r) {
			return false
		}
	}
	return s != ""
}

// toHiragana converts katakana letters in s to hiragana.
func toHiragana(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'ァ' && r <= 'ヶ' {
			return r - ('ァ' - 'ぁ')
		}
		return r
	}, s)
}

// GrammarOnly reports whether text is made of grammar alone (あります,
// について, ということ): no term in the morphological stream (particles,
// auxiliaries and stop words are not terms) and no bigram (grammarBigrams).
// Such a word can match no passage by its characters.
func GrammarOnly(text string) bool {
	if !hasHiragana(text) {
		return false
	}
	for _, name := range []string{MorphQuery, Bigram} {
		if ts, err := Terms(name, text); err != nil || len(ts) > 0 {
			return false
		}
	}
	return true
}
