package search

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"seisaku/indexer"
	"seisaku/search/hit"
	"seisaku/search/internal/engine"
	"seisaku/search/internal/vocab"
)

// The run: a planned query becomes a page of matches, through the fast
// path (package search/internal/engine) where it serves the index and the
// query, else through bleve's searchers, which are also the reference the
// fast path is tested against.

// runner runs queries over a Searcher's index (or NewMulti's indexes).
type runner struct {
	idx        bleve.Index
	members    []bleve.Index       // NewMulti's indexes, which idx is an alias of
	engine     *engine.Engine      // the fast path
	plainOnly  bool                // tests: always let bleve run the whole query
	fastPages  atomic.Int64        // pages the fast path served
	fallbacks  atomic.Int64        // searches the fast path handed to bleve
	onFallback func(error)         // nil: none; see SetFallbackHook
	firsts     *engine.StoredCache // documents' first passages' fields (withDocuments)
	texts      atomic.Pointer[textDecoder]
}

// textDecoder decodes the stored passage text of the runner's indexes
// (indexer.TextDecoder); err is why it could not be made.
type textDecoder struct {
	dec *indexer.TextDecoder
	err error
}

// loadTexts makes the decoder of the stored text of the runner's indexes,
// with each one's dictionary: once, at Refresh, for every request after.
// A bare IndexAlias of several indexes cannot give their dictionaries
// (NewMulti can): its text decodes only where it was compressed without.
func (rn *runner) loadTexts() error {
	idxs := rn.members
	if len(idxs) == 0 {
		idxs = []bleve.Index{rn.idx}
	}
	var dicts [][]byte
	for _, idx := range idxs {
		if d, err := indexer.TextDictionary(idx); err == nil {
			dicts = append(dicts, d)
		}
	}
	dec, err := indexer.NewTextDecoder(dicts...)
	rn.texts.Store(&textDecoder{dec: dec, err: err})
	return err
}

// completeMatches gives each match its document ID and seq, which the
// index does not store (the passage's ID names both: indexer.PassageID),
// and its speech's key, which it stores as the seq of the speech's first
// passage (indexer.SpeechKeyFromStored),
// and replaces the stored value of its text field by the passage text it
// holds (indexer.TextDecoder). Every match a search returns passes here
// once, on both paths (run, fastPage).
func (rn *runner) completeMatches(ms []*bsearch.DocumentMatch) error {
	t := rn.texts.Load()
	if t == nil { // before the first Refresh
		t = &textDecoder{err: indexer.ErrTextDecoder}
	}
	for _, m := range ms {
		orderThemes(m)
		if doc, seq, ok := indexer.SplitPassageID(m.ID); ok {
			if m.Fields == nil {
				m.Fields = make(map[string]any, 2)
			}
			m.Fields[indexer.FieldDocID], m.Fields[indexer.FieldSeq] = doc, float64(seq)
			if key, ok := m.Fields[indexer.FieldSpeech].(string); ok {
				m.Fields[indexer.FieldSpeech] = indexer.SpeechKeyFromStored(doc, key)
			}
		}
		v, ok := m.Fields[indexer.FieldText]
		if !ok {
			continue
		}
		var text string
		stored, ok := v.(string)
		err := t.err
		if err == nil && !ok {
			err = fmt.Errorf("text of %s is %T, not one value", m.ID, v)
		}
		if err == nil {
			text, err = t.dec.Text([]byte(stored))
		}
		if err != nil {
			return &Error{Code: EInternal, Message: "段落の本文を読めません (stored passage text)", Err: fmt.Errorf("%s: %w", m.ID, err)}
		}
		m.Fields[indexer.FieldText] = text
	}
	return nil
}

// maxCachedFirsts bounds the documents whose first passage's fields the
// runner keeps (a map of nine values, under 1 KB each): kiryu's minutes
// are 468 documents, the 100 MB synthetic corpus 19,279.
const maxCachedFirsts = 20_000

// storedFields are the fields every hit loads (its document ID and seq
// come from its ID: completeMatches).
var storedFields = []string{
	indexer.FieldTitle, indexer.FieldText,
	indexer.FieldHeadings, indexer.FieldCity, indexer.FieldDepartment, indexer.FieldYear,
	indexer.FieldIssueType, indexer.FieldPublished, indexer.FieldSource, indexer.FieldURL,
	indexer.FieldPage, indexer.FieldPrefecture, indexer.FieldRead,
	indexer.FieldSpeaker, indexer.FieldSpeakerTitle, indexer.FieldRole, indexer.FieldSession,
	indexer.FieldReplyTo, indexer.FieldReplyToSpeaker, indexer.FieldReplyToLead, indexer.FieldSpeech,
}

// page runs q for the plan's page: through the fast path when it can serve
// it, else through bleve's searchers.
// It reports whether the fast path served it.
func (rn *runner) page(ctx context.Context, q query.Query, p *spec) (*Result, bool, error) {
	if !rn.plainOnly {
		res, ok, err := rn.fastOrFallback(ctx, q, p)
		if err != nil || ok {
			return res, ok, err
		}
	}
	var res *Result
	var err error
	if p.distinct {
		res, err = rn.searchDistinct(ctx, q, p)
	} else {
		res, err = rn.searchPage(ctx, q, p)
	}
	return res, false, err
}

// searchPage fetches page p of the passages matching q with bleve's own
// searchers: for indexes and queries the fast path does not serve, and as
// the reference the fast path is tested against.
func (rn *runner) searchPage(ctx context.Context, q query.Query, p *spec) (*Result, error) {
	req := rn.hitRequest(q, p, p.hitsPerPage, (p.page-1)*p.hitsPerPage)
	addFacets(req, p.facets)
	sr, err := rn.run(ctx, req)
	if err != nil {
		return nil, err
	}
	if err := rn.withDocuments(ctx, sr.Hits); err != nil {
		return nil, err
	}
	return &Result{
		Hits:              p.hits(sr.Hits),
		TotalHits:         int(sr.Total),
		FacetDistribution: hit.Distribution(sr.Facets, p.facets),
	}, nil
}

// hitRequest asks for hits with their stored fields and term locations.
func (rn *runner) hitRequest(q query.Query, p *spec, size, from int) *bleve.SearchRequest {
	req := bleve.NewSearchRequestOptions(q, size, from, false)
	req.Fields = storedFields
	req.IncludeLocations = true
	req.SortByCustom(p.sort)
	return req
}

func (rn *runner) run(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	sr, err := rn.idx.SearchInContext(ctx, req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, &Error{Code: EInternal, Message: "検索が中断されました (search canceled)", Err: err}
		}
		return nil, &Error{Code: EInternal, Message: "検索に失敗しました (search failed)", Err: err}
	}
	if err := rn.termValues(req.Fields, sr.Hits); err != nil {
		return nil, &Error{Code: EInternal, Message: "検索に失敗しました (search failed)", Err: err}
	}
	if err := rn.completeMatches(sr.Hits); err != nil {
		return nil, err
	}
	return sr, nil
}

// searchDistinct is searchPage with at most one passage per document: the
// best one in the requested order. bleve has no collapse, so it reads a
// window of passage IDs (no fields, no locations) that grows until it holds
// the documents up to the end of the page or every hit; the collapse is
// exact unless the window reaches MaxWindow passages. The page's passages
// are then fetched with fields and locations. TotalHits is the number of
// distinct documents when the window held every hit, else the number of
// passages (an upper bound). The first window reads at least
// distinctWindow passage IDs, so small results get an exact document count.
func (rn *runner) searchDistinct(ctx context.Context, q query.Query, p *spec) (*Result, error) {
	need := p.page * p.hitsPerPage
	window := min(max(need*4, distinctWindow), MaxWindow)
	for {
		req := bleve.NewSearchRequestOptions(q, window, 0, false)
		req.Fields = []string{indexer.FieldDocID}
		req.SortByCustom(p.sort)
		addFacets(req, p.facets)
		sr, err := rn.run(ctx, req)
		if err != nil {
			return nil, err
		}
		ids, docs := firstPerDocument(sr.Hits)
		all := int(sr.Total) <= len(sr.Hits)
		if docs >= need || all || window >= MaxWindow {
			res := &Result{TotalHits: int(sr.Total), FacetDistribution: hit.Distribution(sr.Facets, p.facets)}
			if all {
				res.TotalHits = docs
			}
			lo, hi := min((p.page-1)*p.hitsPerPage, len(ids)), min(need, len(ids))
			res.Hits, err = rn.fetch(ctx, q, p, ids[lo:hi])
			return res, err
		}
		window = min(window*4, MaxWindow)
	}
}

// firstPerDocument returns the IDs of the first passage of each document in
// hit order, and the number of documents.
func firstPerDocument(hits bsearch.DocumentMatchCollection) ([]string, int) {
	seen := map[string]bool{}
	var ids []string
	for _, h := range hits {
		d, _, _ := indexer.SplitPassageID(h.ID)
		if seen[d] {
			continue
		}
		seen[d] = true
		ids = append(ids, h.ID)
	}
	return ids, len(ids)
}

// fetch loads the passages ids (matching q) with fields and locations, in
// the plan's order.
func (rn *runner) fetch(ctx context.Context, q query.Query, p *spec, ids []string) ([]Hit, error) {
	if len(ids) == 0 {
		return []Hit{}, nil
	}
	bq := query.NewBooleanQuery([]query.Query{q}, nil, nil)
	bq.AddFilter(query.NewDocIDQuery(ids))
	sr, err := rn.run(ctx, rn.hitRequest(bq, p, len(ids), 0))
	if err != nil {
		return nil, err
	}
	if err := rn.withDocuments(ctx, sr.Hits); err != nil {
		return nil, err
	}
	return p.hits(sr.Hits), nil
}

// withDocuments gives every match that is not its document's first passage
// the stored fields the index keeps on that passage alone
// (indexer.FirstPassageFields: title, city, source, url, …), as if they
// were stored on each: the first passages of the matches' documents are
// read once, together, whatever the number of matches of each document.
// A field the first passage does not hold either (an unknown city) stays
// absent; a field the match holds itself is kept.
func (rn *runner) withDocuments(ctx context.Context, ms bsearch.DocumentMatchCollection) error {
	want := map[string]string{} // the match's ID → its document's first passage
	var firsts []string
	for _, m := range ms {
		doc, seq, ok := indexer.SplitPassageID(m.ID)
		if !ok || seq == 0 {
			continue
		}
		id := indexer.PassageID(doc, 0)
		if _, seen := want[id]; !seen {
			firsts = append(firsts, id)
			want[id] = ""
		}
		want[m.ID] = id
	}
	if len(firsts) == 0 {
		return nil
	}
	stored, err := rn.firstPassages(ctx, firsts)
	if err != nil {
		return err
	}
	for _, m := range ms {
		id := want[m.ID]
		if id == "" {
			continue
		}
		for k, v := range stored[id] {
			if m.Fields == nil {
				m.Fields = map[string]any{}
			}
			if _, ok := m.Fields[k]; !ok {
				m.Fields[k] = v
			}
		}
	}
	return nil
}

// count returns the number of passages q matches (the fast path counts
// them from its bitmaps where it can).
func (rn *runner) count(ctx context.Context, q query.Query) (int, error) {
	if !rn.plainOnly {
		p := &spec{page: 1, hitsPerPage: 0, sort: bsearch.SortOrder{&bsearch.SortScore{Desc: true}, &bsearch.SortDocID{}}}
		if res, ok, err := rn.fastOrFallback(ctx, q, p); err != nil || ok {
			if err != nil {
				return 0, err
			}
			return res.TotalHits, nil
		}
	}
	sr, err := rn.run(ctx, bleve.NewSearchRequestOptions(q, 0, 0, false))
	if err != nil {
		return 0, err
	}
	return int(sr.Total), nil
}

// all returns every match of q with fields, however many there are.
func (rn *runner) all(ctx context.Context, q query.Query, fields []string) (bsearch.DocumentMatchCollection, error) {
	size := 1000
	for {
		req := bleve.NewSearchRequestOptions(q, size, 0, false)
		req.Fields = fields
		sr, err := rn.run(ctx, req)
		if err != nil {
			return nil, err
		}
		if int(sr.Total) <= len(sr.Hits) {
			return sr.Hits, nil
		}
		size = int(sr.Total)
	}
}

// firstPassages returns the stored fields of FirstPassageFields of the
// first passages ids, by ID: where the fast path reads the index, from the
// runner's cache or the segments (a lookup of the ID and the decoding of
// the passage's stored fields), else through bleve's searchers (which make
// a document of every stored field of each).
func (rn *runner) firstPassages(ctx context.Context, ids []string) (map[string]map[string]any, error) {
	if !rn.plainOnly {
		v, err := rn.view()
		if err == nil {
			defer v.Close()
			return rn.firsts.StoredFields(v, ids)
		}
		if !errors.Is(err, engine.ErrUnsupported) {
			return nil, err
		}
	}
	req := bleve.NewSearchRequestOptions(query.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = indexer.FirstPassageFields
	req.SortBy([]string{"_id"}) // no scores needed
	sr, err := rn.run(ctx, req)
	if err != nil {
		return nil, err
	}
	out := make(map[string]map[string]any, len(sr.Hits))
	for _, h := range sr.Hits {
		out[h.ID] = h.Fields
	}
	return out, nil
}

// passage loads one passage's stored fields.
func (rn *runner) passage(ctx context.Context, id string) (*bsearch.DocumentMatch, error) {
	req := bleve.NewSearchRequestOptions(query.NewDocIDQuery([]string{id}), 1, 0, false)
	req.Fields = storedFields
	sr, err := rn.run(ctx, req)
	if err != nil {
		return nil, err
	}
	if len(sr.Hits) == 0 {
		return nil, Errorf(ENotFound, "段落 %s は見つかりません (no passage %q)", id, id)
	}
	if err := rn.withDocuments(ctx, sr.Hits[:1]); err != nil {
		return nil, err
	}
	return sr.Hits[0], nil
}

// docFreq is the number of passages whose text holds term, over every
// index served (0 when the index cannot say).
func (rn *runner) docFreq(term string) int {
	return rn.termCount(indexer.FieldText, term)
}

func addFacets(req *bleve.SearchRequest, names []string) {
	for _, n := range names {
		f, _ := indexer.FacetNamed(n)
		req.AddFacet(n, bleve.NewFacetRequest(f.Field, f.Size))
	}
}

// fieldDict returns the terms of field over the Searcher's indexes, counts
// summed where several hold a term.
// hasTerms reports whether some passage of the index holds field.
func (rn *runner) hasTerms(field string) bool {
	d, err := rn.fieldDict(field)
	if err != nil {
		return false
	}
	defer d.Close()
	e, err := d.Next()
	return err == nil && e != nil
}

// hasTerm reports whether some passage holds term in the keyword field.
func (rn *runner) hasTerm(field, term string) bool {
	d, err := rn.fieldDict(field)
	if err != nil {
		return false
	}
	defer d.Close()
	found := false
	_ = engine.EachEntry(d.Next, func(e *index.DictEntry) error {
		found = found || e.Term == term
		return nil
	})
	return found
}

func (rn *runner) fieldDict(field string) (index.FieldDict, error) {
	if len(rn.members) == 0 {
		return rn.idx.FieldDict(field)
	}
	ds := make([]index.FieldDict, 0, len(rn.members))
	for _, idx := range rn.members {
		d, err := idx.FieldDict(field)
		if err != nil {
			for _, d := range ds {
				d.Close()
			}
			return nil, err
		}
		ds = append(ds, d)
	}
	return vocab.Merge(ds)
}

func termQuery(field, term string, boost float64) *query.TermQuery {
	tq := query.NewTermQuery(term)
	tq.SetField(field)
	tq.SetBoost(boost)
	return tq
}
