package search

import (
	"cmp"
	"errors"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"seisaku/indexer"
	"seisaku/indexer/theme"
	"seisaku/search/internal/engine"
)

// A passage's issue types, speaker and role are not stored: they are its
// terms in those keyword fields (indexer.TermValuedFields). The fast path
// reads them from the facet ordinals it counts facets by (engine,
// Page.Terms); bleve's path here, from the same ordinals where the engine
// reads the index, else by a search of each match's ID. An index built
// before they left the stored fields has them stored, and a value stored
// is never read twice.

// termValues gives each match of bleve's path the values of the fields of
// fields that are indexer.TermValuedFields and that it does not store.
func (rn *runner) termValues(fields []string, ms []*bsearch.DocumentMatch) error {
	var want []string
	for _, f := range indexer.TermValuedFields {
		if slices.Contains(fields, f) {
			want = append(want, f)
		}
	}
	if len(want) == 0 || len(ms) == 0 {
		return nil
	}
	if !rn.plainOnly {
		v, err := rn.view()
		if err == nil {
			defer v.Close()
			ids := make([]string, len(ms))
			for i, m := range ms {
				ids[i] = m.ID
			}
			vals, err := rn.engine.TermValues(v, ids, want)
			if err != nil {
				return err
			}
			for _, m := range ms {
				for _, f := range want {
					addUnlessStored(m, f, vals[m.ID][f])
				}
			}
			return nil
		}
		if !errors.Is(err, engine.ErrUnsupported) {
			return err
		}
	}
	return searchedValues(rn.idx, want, ms)
}

// searchedValues gives each match the values of fields through idx's
// searches, for an index the engine does not read (and bleve's path in
// tests): a search of the match's ID counts the values of each field.
func searchedValues(idx bleve.Index, fields []string, ms []*bsearch.DocumentMatch) error {
	for _, m := range ms {
		req := bleve.NewSearchRequestOptions(query.NewDocIDQuery([]string{m.ID}), 0, 0, false)
		for _, f := range fields {
			req.AddFacet(f, bleve.NewFacetRequest(f, 1000))
		}
		sr, err := idx.Search(req)
		if err != nil {
			return err
		}
		for _, f := range fields {
			if fr := sr.Facets[f]; fr != nil && fr.Terms != nil {
				var vals []string
				for _, tf := range fr.Terms.Terms() {
					vals = append(vals, tf.Term)
				}
				addUnlessStored(m, f, vals)
			}
		}
	}
	return nil
}

// addUnlessStored adds vals to m's field unless m stores the field.
func addUnlessStored(m *bsearch.DocumentMatch, field string, vals []string) {
	if _, stored := m.Fields[field]; stored {
		return
	}
	for _, v := range vals {
		m.AddFieldValue(field, v)
	}
}

// themeRank orders a passage's issue types as the indexer lists them: in
// the order of the thesaurus (theme.Thesaurus.TagPassage), which the terms
// a hit reads them from do not keep.
var themeRank = func() map[string]int {
	ts := theme.Default().Themes()
	m := make(map[string]int, len(ts))
	for i, t := range ts {
		m[t.Name] = i
	}
	return m
}()

// orderThemes puts the issue types of m in thesaurus order (a theme the
// default thesaurus does not know after those it knows, by name).
func orderThemes(m *bsearch.DocumentMatch) {
	vs, ok := m.Fields[indexer.FieldIssueType].([]any)
	if !ok {
		return
	}
	rank := func(v any) (int, string) {
		s, _ := v.(string)
		if i, ok := themeRank[s]; ok {
			return i, s
		}
		return len(themeRank), s
	}
	slices.SortStableFunc(vs, func(a, b any) int {
		ra, sa := rank(a)
		rb, sb := rank(b)
		return cmp.Or(cmp.Compare(ra, rb), strings.Compare(sa, sb))
	})
}
