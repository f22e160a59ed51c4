package engine

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
)

// ErrUnsupported is wrapped by the errors of queries and indexes the
// engine does not serve; the message says which part and why. The caller
// runs such a query through bleve.
var ErrUnsupported = errors.New("not served by the engine")

func unsupported(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrUnsupported, fmt.Sprintf(format, args...))
}

// Query is a compiled query.
type Query struct{ root node }

// String renders the compiled query: AND(…), OR(…), OR(…)≥k, BOOL(must: …;
// not: …; filter: …), field=term^boost, field:[a b|c _]^boost (a phrase;
// | joins the terms of one position, _ is a gap), year[lo,hi], field:prefix*.
func (q *Query) String() string { return q.root.String() }

// Compile translates the queries search's builder produces: term, phrase,
// match (AND operator), match phrase, conjunction, disjunction (with any
// Min), boolean without Should, match all and none, an inclusive range of
// the fiscal years' terms, and a prefix on a keyword field. Anything else is an
// error wrapping ErrUnsupported.
func (e *Engine) Compile(q query.Query, m mapping.IndexMapping) (*Query, error) {
	c := compiler{m: m, yearTerms: e.cfg.YearTerms}
	root, err := c.compile(q)
	if err != nil {
		return nil, err
	}
	return &Query{root}, nil
}

type compiler struct {
	m         mapping.IndexMapping
	yearTerms string
	nested    bool // compiling a part of the query, not its root
	unscored  bool // compiling an exclusion or a filter: only matched
}

func (c compiler) compile(q query.Query) (node, error) {
	root := !c.nested
	c.nested = true // c is a copy: what it compiles below is nested
	switch q := q.(type) {
	case *query.MatchAllQuery:
		return allNode{boost: q.Boost()}, nil
	case *query.MatchNoneQuery:
		return noneNode{}, nil
	case *query.TermQuery:
		return &termNode{field: q.FieldVal, term: q.Term, boost: q.Boost()}, nil
	case *query.PhraseQuery:
		slots := make([][]string, len(q.Terms))
		for i, t := range q.Terms {
			if t != "" { // "" is a gap, as in bleve's phrase searcher
				slots[i] = []string{t}
			}
		}
		return phrase(q.FieldVal, slots, q.Boost()), nil
	case *query.MultiPhraseQuery:
		if q.Fuzziness != 0 { // (auto fuzziness is unexported: the plan never sets it)
			return nil, unsupported("multi-phrase %v: fuzziness", q.Terms)
		}
		slots := make([][]string, len(q.Terms))
		for i, s := range q.Terms {
			for _, t := range s {
				if t != "" { // a slot of "" alone is a gap, as in bleve's searcher
					slots[i] = append(slots[i], t)
				}
			}
		}
		return phrase(q.FieldVal, slots, q.Boost()), nil
	case *query.MatchPhraseQuery:
		a, err := c.analyzer(q.Analyzer, q.FieldVal, q.Fuzziness)
		if err != nil {
			return nil, fmt.Errorf("match phrase %q: %w", q.MatchPhrase, err)
		}
		return phrase(q.FieldVal, phraseSlots(a.Analyze([]byte(q.MatchPhrase))), q.Boost()), nil
	case *query.MatchQuery:
		a, err := c.analyzer(q.Analyzer, q.FieldVal, q.Fuzziness)
		if err != nil {
			return nil, fmt.Errorf("match %q: %w", q.Match, err)
		}
		if q.Operator != query.MatchQueryOperatorAnd {
			return nil, unsupported("match %q: only the AND operator", q.Match)
		}
		n := &allTermsNode{}
		for _, t := range a.Analyze([]byte(q.Match)) {
			n.terms = append(n.terms, &termNode{field: q.FieldVal, term: string(t.Term), boost: q.Boost()})
		}
		if len(n.terms) == 0 {
			return noneNode{}, nil
		}
		return n, nil
	case *query.ConjunctionQuery:
		return c.conjunction(q.Conjuncts)
	case *query.DisjunctionQuery:
		return c.disjunction(q)
	case *query.BooleanQuery:
		if !root && !c.unscored && (q.MustNot != nil || q.Filter != nil) {
			// boolNode applies its exclusions and filter to the candidates
			// (exact) but scores by its Must alone, which is bleve's answer
			// only at the root, or where nothing scores (a filter's noValue)
			return nil, unsupported("boolean query with exclusions or a filter inside a scored clause")
		}
		return c.boolean(q)
	case *query.TermRangeQuery:
		if q.FieldVal != c.yearTerms || !incl(q.InclusiveMin, true) || !incl(q.InclusiveMax, false) {
			return nil, unsupported("term range on %q: only an inclusive range on %q", q.FieldVal, c.yearTerms)
		}
		lo, err1 := yearBound(q.Min)
		hi, err2 := yearBound(q.Max)
		if err := errors.Join(err1, err2); err != nil {
			return nil, unsupported("term range on %q: %v", q.FieldVal, err)
		}
		return &yearNode{lo: lo, hi: hi}, nil
	case *query.PrefixQuery:
		if q.FieldVal == "" {
			return nil, unsupported("prefix %q without a field", q.Prefix)
		}
		return &prefixNode{field: q.FieldVal, prefix: q.Prefix}, nil
	}
	return nil, unsupported("%T", q)
}

func (c compiler) analyzer(name, field string, fuzziness int) (analysis.Analyzer, error) {
	a := c.m.AnalyzerNamed(name)
	switch {
	case a == nil:
		return nil, unsupported("unknown analyzer %q", name)
	case field == "":
		return nil, unsupported("no field")
	case fuzziness != 0:
		return nil, unsupported("fuzziness")
	}
	return a, nil
}

// yearBound reads a bound of a range of year terms: "" (open) is 0, else
// four digits, so that the years' order is their terms' order.
func yearBound(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	y, err := strconv.Atoi(s)
	if err != nil || len(s) != 4 || y < 1000 {
		return 0, fmt.Errorf("%q is not a year of four digits", s)
	}
	return y, nil
}

func incl(b *bool, def bool) bool {
	if b == nil {
		return def
	}
	return *b
}

func (c compiler) conjunction(qs []query.Query) (node, error) {
	kids, costly, err := c.all(qs)
	if err != nil || len(kids) == 0 {
		return noneNode{}, err // bleve matches nothing for an empty conjunction
	}
	terms := &allTermsNode{}
	for _, k := range kids {
		if t, ok := k.(*termNode); ok {
			terms.terms = append(terms.terms, t)
		}
	}
	if len(terms.terms) == len(kids) {
		return terms, nil
	}
	return &andNode{kids: kids, isCost: costly}, nil
}

func (c compiler) disjunction(q *query.DisjunctionQuery) (node, error) {
	kids, costly, err := c.all(q.Disjuncts)
	if err != nil {
		return nil, err
	}
	min := int(q.Min) // bleve's DisjunctionSearcher truncates it too
	switch {
	case min > len(q.Disjuncts):
		// bleve's Validate rejects it; let bleve say so
		return nil, unsupported("disjunction with min %d of %d", min, len(q.Disjuncts))
	case len(kids) == 0:
		return noneNode{}, nil
	case min <= 1 && len(kids) == 1:
		// A part's share of one is the whole: the alternative alone
		// matches and scores the same, and the first phase reads a unit
		// from its cache only when it is not wrapped.
		return kids[0], nil
	case min <= 1:
		return &orNode{kids: kids, isCost: costly}, nil
	}
	return &atLeastNode{kids: kids, min: min, isCost: costly}, nil
}

func (c compiler) boolean(q *query.BooleanQuery) (node, error) {
	if q.Should != nil {
		return nil, unsupported("boolean query with should clauses")
	}
	n := &boolNode{}
	for _, p := range []struct {
		q      query.Query
		dst    *node
		scored bool
	}{{q.Must, &n.must, true}, {q.MustNot, &n.not, false}, {q.Filter, &n.filter, false}} {
		if p.q == nil {
			continue
		}
		pc := c
		pc.unscored = c.unscored || !p.scored
		k, err := pc.compile(p.q)
		if err != nil {
			return nil, err
		}
		*p.dst = k
	}
	return n, nil
}

// all compiles qs, the cheap parts first: each one narrows what the costly
// ones read.
func (c compiler) all(qs []query.Query) (kids []node, costly bool, err error) {
	var late []node
	for _, q := range qs {
		k, err := c.compile(q)
		if err != nil {
			return nil, false, err
		}
		if k.costly() {
			late = append(late, k)
			costly = true
		} else {
			kids = append(kids, k)
		}
	}
	return append(kids, late...), costly, nil
}

// phrase is a phrase over slots; one slot is a disjunction of terms.
func phrase(field string, slots [][]string, boost float64) node {
	if len(slots) == 0 {
		return noneNode{}
	}
	for i, s := range slots {
		if len(s) == 1 && s[0] == "" {
			slots[i] = nil // a gap: any term at this position, as in bleve
		}
	}
	if len(slots) == 1 {
		if len(slots[0]) == 0 {
			return noneNode{}
		}
		n := &orNode{}
		for _, t := range slots[0] {
			n.kids = append(n.kids, &termNode{field: field, term: t, boost: boost})
		}
		return n
	}
	return &phraseNode{field: field, slots: slots, boost: boost}
}

// phraseSlots groups tokens by position, as bleve's MatchPhraseQuery does.
func phraseSlots(tokens analysis.TokenStream) [][]string {
	if len(tokens) == 0 {
		return nil
	}
	first, last := tokens[0].Position, tokens[0].Position
	for _, t := range tokens {
		first, last = min(first, t.Position), max(last, t.Position)
	}
	slots := make([][]string, last-first+1)
	for _, t := range tokens {
		slots[t.Position-first] = append(slots[t.Position-first], string(t.Term))
	}
	return slots
}
