package plan

import (
	"slices"

	"github.com/blevesearch/bleve/v2/search/query"

	"seisaku/analyzers"
	"seisaku/search/synonym"
)

// Synonym expansion. A positive word (not a phrase) also matches the words
// the Sudachi synonym dictionary gives for it (package synonym): for the whole
// word, and, spelling variants only, for a run of its morphological tokens
// inside a compound (子供の医療費 → 子どもの医療費), unless the word is all
// hiragana, whose split is a guess. A spelling variant counts variantWeight of the
// literal word, a synonym synonymWeight, so the word as typed ranks first.
// Plan.Synonyms lists what was used.
const (
	variantWeight = 0.8
	synonymWeight = 0.3
	maxAlts       = 4 // alternatives per word, variants first
)

// SynonymUse reports one alternative a query word was expanded with.
type SynonymUse struct {
	Word        string `json:"word"`
	Alternative string `json:"alternative"`
	Relation    string `json:"relation"` // variant or synonym
}

// Alternative is a rewriting of a query word.
type Alternative struct {
	Text     string
	Relation synonym.Relation
}

// alternatives returns the rewritings of text: the dictionary's words for
// the whole text, then for each run of its tokens that is a headword.
func alternatives(d *synonym.Dict, text string) []Alternative {
	if d == nil {
		return nil
	}
	var out []Alternative
	seen := map[string]bool{text: true}
	add := func(t string, rel synonym.Relation) {
		if !seen[t] && len(out) < maxAlts {
			seen[t] = true
			out = append(out, Alternative{t, rel})
		}
	}
	for _, a := range d.Lookup(text) {
		add(a.Text, a.Relation)
	}
	if hiraganaOnly(text) {
		return out // its split is a guess: しょうがいしゃ is not しょうが|いしゃ
	}
	ts, err := analyzers.Analyze(analyzers.Morph, text)
	if err != nil || len(ts) < 2 {
		return out
	}
	// inside a compound only spelling variants: a synonym of one part
	// (支援 → 後押し) rarely makes a compound anybody writes
	for _, rel := range []synonym.Relation{synonym.Variant} {
		for i := range ts {
			for j := len(ts) - 1; j >= i; j-- {
				if i == 0 && j == len(ts)-1 {
					continue // the whole word, done above
				}
				start, end := ts[i].Start, ts[j].End
				for _, a := range d.Lookup(text[start:end]) {
					if a.Relation == rel {
						add(text[:start]+a.Text+text[end:], rel)
					}
				}
			}
		}
	}
	return out
}

// synonymAlts returns the queries of w's alternatives, as one disjunction
// (nil when it has none), and records them for the response and the marks.
func (b *builder) synonymAlts(w string) query.Query {
	as := alternatives(b.syn, w)
	if len(as) == 0 {
		return nil
	}
	var qs []query.Query
	for _, a := range as {
		weight := synonymWeight
		if a.Relation == synonym.Variant {
			weight = variantWeight
		}
		saved := b.weight
		b.weight *= weight
		qs = append(qs, query.NewDisjunctionQuery(b.literal(a.Text)[:2])) // the text and the title only: each field is a posting list per alternative
		b.weight = saved
		if u := (SynonymUse{Word: w, Alternative: a.Text, Relation: a.Relation.String()}); !slices.Contains(b.synonyms, u) {
			b.synonyms = append(b.synonyms, u)
			b.marks = append(b.marks, newMark(a.Text, nil))
		}
	}
	return query.NewDisjunctionQuery(qs)
}

// hiraganaOnly reports whether text is written in hiragana (and ー) alone.
func hiraganaOnly(text string) bool {
	for _, r := range text {
		if (r < 0x3041 || r > 0x309F) && r != 'ー' {
			return false
		}
	}
	return text != ""
}
