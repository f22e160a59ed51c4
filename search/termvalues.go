package search

import (
	"errors"
	"slices"

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
// Page.Terms); bleve's path here, from the same ordinals or else the
// passages' doc values. An index built before they left the stored fields
// has them stored, and a value stored is never read twice.

// termValues gives each match of bleve's path the values of the fields of
// fields that are indexer.TermValuedFields and that it does not store:
// where the engine reads the index, from the facet ordinals it keeps
// (engine.TermValues: a lookup of the ID and two slices), else from the
// match's doc values in the index that holds it now.
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
					if _, stored := m.Fields[f]; !stored {
						for _, x := range vals[m.ID][f] {
							m.AddFieldValue(f, x)
						}
					}
				}
			}
			return nil
		}
		if !errors.Is(err, engine.ErrUnsupported) {
			return err
		}
	}
	idxs := rn.members
	if len(idxs) == 0 {
		idxs = []bleve.Index{rn.idx}
	}
	need := slices.Clone(ms)
	for _, idx := range idxs {
		if len(need) == 0 {
			break
		}
		rest, err := docValues(idx, want, need)
		if err != nil {
			return err
		}
		need = rest
	}
	return nil
}

// docValues adds the doc values of fields to the matches idx holds, and
// returns those it does not hold. (A match's internal ID may be of
// another snapshot than the reader's, so each is looked up by its ID.)
func docValues(idx bleve.Index, fields []string, ms []*bsearch.DocumentMatch) ([]*bsearch.DocumentMatch, error) {
	adv, err := idx.Advanced()
	if err != nil { // a bare alias of several indexes: no reader of its own
		return idSearchValues(idx, fields, ms)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	dvr, err := r.DocValueReader(fields)
	if err != nil {
		return nil, err
	}
	var rest []*bsearch.DocumentMatch
	stored := make(map[string]bool, len(fields))
	for _, m := range ms {
		iid, err := r.InternalID(m.ID)
		if err != nil {
			return nil, err
		}
		if iid == nil {
			rest = append(rest, m)
			continue
		}
		for _, f := range fields {
			_, stored[f] = m.Fields[f]
		}
		err = dvr.VisitDocValues(iid, func(field string, term []byte) {
			if !stored[field] {
				m.AddFieldValue(field, string(term))
			}
		})
		if err != nil {
			return nil, err
		}
	}
	return rest, nil
}

// idSearchValues is docValues through idx's searches, for an index that
// gives no reader (a bare IndexAlias: NewMulti's searchers read their
// members'): a search of each match's ID counts the values of fields.
func idSearchValues(idx bleve.Index, fields []string, ms []*bsearch.DocumentMatch) ([]*bsearch.DocumentMatch, error) {
	var rest []*bsearch.DocumentMatch
	for _, m := range ms {
		req := bleve.NewSearchRequestOptions(query.NewDocIDQuery([]string{m.ID}), 0, 0, false)
		for _, f := range fields {
			req.AddFacet(f, bleve.NewFacetRequest(f, 1000))
		}
		sr, err := idx.Search(req)
		if err != nil {
			return nil, err
		}
		if sr.Total == 0 {
			rest = append(rest, m)
			continue
		}
		for _, f := range fields {
			if _, stored := m.Fields[f]; stored || sr.Facets[f] == nil || sr.Facets[f].Terms == nil {
				continue
			}
			for _, tf := range sr.Facets[f].Terms.Terms() {
				m.AddFieldValue(f, tf.Term)
			}
		}
	}
	return rest, nil
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
		if ra != rb {
			return ra - rb
		}
		switch {
		case sa < sb:
			return -1
		case sa > sb:
			return 1
		}
		return 0
	})
}
