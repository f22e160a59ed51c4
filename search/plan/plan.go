package plan

import (
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2/search/query"

	"seisaku/analyzers"
	"seisaku/indexer"
	"seisaku/search/internal/vocab"
	parsed "seisaku/search/query"
	"seisaku/search/synonym"
)

// Options say how a query's words are widened beyond their letters.
type Options struct {
	Themes     func(word string) (theme string, ok bool) // the theme a word or query names; nil: no theme expansion
	ThemeWords func(theme string) []string               // the thesaurus words of a theme, for the explanation
	Synonyms   *synonym.Dict                             // nil: no synonym expansion
	Readings   *vocab.Readings                           // nil: kana words do not match readings
	// Found reports whether a word's strict query (within the scope)
	// finds any passage: a word the dictionary knows as one that does is
	// not relaxed into its bigrams (Planner.Next). nil: every word may be.
	Found func(query.Query) bool
}

// Planner plans one parsed query at every relaxation level; the analysis
// of its words (their parts) is done once for all of them.
type Planner struct {
	q     *parsed.Query
	raw   string // the query as typed: the whole of it may name a theme
	scope parsed.Scope
	opt   Options
	parts partsCache
	found map[string]bool // of Options.Found, by word
}

// New returns the planner of q (typed as raw) within scope.
func New(q *parsed.Query, raw string, scope parsed.Scope, o Options) *Planner {
	return &Planner{q: q, raw: raw, scope: scope, opt: o, parts: partsCache{}, found: map[string]bool{}}
}

// whole reports whether w finds passages as typed (Options.Found), which
// keeps a word the dictionary knows as one from being relaxed into its
// bigrams (relaxable): of 多文化, or 多文化 XYZ where XYZ finds nothing, the
// passages holding 多文化 are wanted, not those holding 文化.
func (p *Planner) whole(w parsed.Word) bool {
	if p.opt.Found == nil || w.Phrase {
		return false
	}
	f, ok := p.found[w.Text]
	if !ok {
		one := &parsed.Query{Clauses: []parsed.Clause{{Any: []parsed.Word{w}}}, Exclude: p.q.Exclude, Filters: p.q.Filters}
		b := newBuilder(p.opt, p.parts, nil)
		f = p.opt.Found(excludeFacets(b.build(one, w.Text, p.scope, LevelStrict), p.q))
		p.found[w.Text] = f
	}
	return f
}

// Plan is what a query means against the index at one level: the bleve
// query to run and what each word became.
type Plan struct {
	Query      query.Query  // words, exclusions and filters, the query's facet exclusions included
	Words      []Word       // the positive words, in query order: for the explanation
	Marks      []Mark       // the words and alternatives the highlighter looks for
	Expansions []Expansion  // the themes that stood in for words
	Synonyms   []SynonymUse // the variants and synonyms the words were expanded with
}

// At plans the query at level lv: the strict query, or above LevelStrict
// the strict query OR the tier of every level up to lv.
func (p *Planner) At(lv Level) *Plan {
	b := newBuilder(p.opt, p.parts, p.whole)
	q := excludeFacets(b.build(p.q, p.raw, p.scope, lv), p.q)
	return &Plan{Query: q, Words: b.words, Marks: b.marks, Expansions: b.expansions, Synonyms: b.synonyms}
}

// Next returns the first level after lv that can find more than lv, and
// whether there is one. With Options.Found, it counts the passages each
// word finds as typed (once per planner); MayRelax does not.
func (p *Planner) Next(lv Level) (Level, bool) {
	return p.next(lv, p.whole)
}

// MayRelax reports whether some level after lv might find more than lv,
// were no word found as typed: without counting anything.
func (p *Planner) MayRelax(lv Level) bool {
	_, ok := p.next(lv, nil)
	return ok
}

func (p *Planner) next(lv Level, whole func(parsed.Word) bool) (Level, bool) {
	for l := lv + 1; l <= LevelAny; l++ {
		if canRelax(p.q, l, relaxable{p.parts, whole}) {
			return l, true
		}
	}
	return lv, false
}

// String renders the plan compactly (Describe), then each word as String
// renders it: for tests and debugging.
func (p *Plan) String() string {
	var b strings.Builder
	b.WriteString(Describe(p.Query))
	for _, w := range p.Words {
		b.WriteString("\n")
		b.WriteString(w.String())
	}
	return b.String()
}

// Expansion reports a theme expansion the search applied: the query word
// named a theme, so passages tagged with it matched too.
type Expansion struct {
	Word  string `json:"word"`
	Theme string `json:"theme"`
}

// Word is what a positive query word became: the explanation of a hit
// (package hit) tells by it how the hit holds the word.
type Word struct {
	Text       string
	Readings   []Phrase      // the phrases its kana splits read as
	Parts      []Part        // its analysed parts (relax.go)
	Alts       []Alternative // its variants and synonyms (synonyms.go)
	Theme      string        // the theme it names
	ThemeWords []string      // the thesaurus words of the theme
}

// String renders w as text{readings: …; parts: …; alts: …; theme: …}, the
// empty ones left out.
func (w Word) String() string {
	var fs []string
	if len(w.Readings) > 0 {
		rs := make([]string, len(w.Readings))
		for i, r := range w.Readings {
			rs[i] = r.String()
		}
		fs = append(fs, "readings: "+strings.Join(rs, " "))
	}
	if len(w.Parts) > 0 {
		ps := make([]string, len(w.Parts))
		for i, p := range w.Parts {
			ps[i] = p.Term
			if p.Field == indexer.FieldTextBigram {
				ps[i] = "~" + p.Term
			}
			if p.Predicate {
				ps[i] += "(v)"
			}
		}
		fs = append(fs, "parts: "+strings.Join(ps, " "))
	}
	if len(w.Alts) > 0 {
		as := make([]string, len(w.Alts))
		for i, a := range w.Alts {
			as[i] = fmt.Sprintf("%s(%s)", a.Text, a.Relation)
		}
		fs = append(fs, "alts: "+strings.Join(as, " "))
	}
	if w.Theme != "" {
		fs = append(fs, "theme: "+w.Theme)
	}
	return w.Text + "{" + strings.Join(fs, "; ") + "}"
}

// Mark is a positive query word (or an alternative of one) and the terms
// its matches are recorded under in the locations of the text fields: its
// morph terms, and the phrases its kana splits read as.
type Mark struct {
	Text     string
	Terms    []string
	Readings []Phrase // the phrases its kana splits read as, marked where they run
}

func newMark(text string, readings []Phrase) Mark {
	terms, _ := analyzers.Terms(analyzers.Morph, text)
	return Mark{Text: text, Terms: terms, Readings: readings}
}

// Phrase is a split of a kana word as the text field matches it: at each
// position the terms of that reading (市民, then 声|越える), or none where a
// particle's reading stands (a gap: the field leaves particles out).
type Phrase [][]string

// String renders p as [市民 _ 声|越える].
func (p Phrase) String() string {
	ss := make([]string, len(p))
	for i, s := range p {
		ss[i] = strings.Join(s, "|")
		if len(s) == 0 {
			ss[i] = "_"
		}
	}
	return "[" + strings.Join(ss, " ") + "]"
}

// excludeFacets adds the query's facet exclusions (-city:倉敷市) to the
// query b.build made: a BooleanQuery, or MatchAll for a query of filters
// alone.
func excludeFacets(q query.Query, pq *parsed.Query) query.Query {
	not := anyOf(indexer.FieldCity, pq.Excluded("city"))
	notDept := anyOf(indexer.FieldDepartment, pq.Excluded("department"))
	notRole := anyOf(indexer.FieldRole, pq.Excluded("role"))
	if not == nil && notDept == nil && notRole == nil {
		return q
	}
	bq, ok := q.(*query.BooleanQuery)
	if !ok {
		bq = query.NewBooleanQuery([]query.Query{q}, nil, nil)
	}
	for _, n := range []query.Query{not, notDept, notRole} {
		if n != nil {
			bq.AddMustNot(n)
		}
	}
	return bq
}

// WordQuery is the strict query of the word w alone within scope, no
// exclusion: what the word finds by itself (as Options.Found counts it).
func (p *Planner) WordQuery(w parsed.Word, scope parsed.Scope) query.Query {
	one := &parsed.Query{Clauses: []parsed.Clause{{Any: []parsed.Word{w}}}}
	b := newBuilder(p.opt, p.parts, nil)
	return b.build(one, w.Text, scope, LevelStrict)
}

// appendTerms appends the reading terms of a split but its gaps.
func appendTerms(terms, split []string) []string {
	for _, t := range split {
		if t != vocab.Gap {
			terms = append(terms, t)
		}
	}
	return terms
}
