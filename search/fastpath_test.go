package search

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/google/go-cmp/cmp"

	"seisaku/analyzers"
	"seisaku/indexer"
	"seisaku/search/plan"
)

// agreementQueries exercise every shape the builder produces: single and
// multi-term words, kana words (readings), themes, phrases, OR, exclusion,
// filters and deep pages.
var agreementRequests = []Request{
	{Q: "多文化共生", Expand: true},
	{Q: "多文化共生", Expand: false},
	{Q: "情報発信"},
	{Q: "情報発信 OR 広報紙 -SNS"},
	{Q: `"区政会議"`},
	{Q: "「市民協働」"},
	{Q: "こうほうし"},
	{Q: "ｺﾝﾋﾞﾆ"},
	{Q: "市民 -大阪"},
	{Q: "推進 -市民 -大阪"},
	{Q: "外国人 相談"},
	{Q: "人権", City: []string{"枚方市"}},
	{Q: "推進", YearFrom: 2019, YearTo: 2022},
	{Q: "推進", YearFrom: 2022},
	{Q: "推進", Department: []string{"市民局", "政策企画室"}, IssueType: []string{"デジタル・ICT"}},
	{Q: "推進", Page: 2, HitsPerPage: 5},
	{Q: "市", Page: 3, HitsPerPage: 7},
	{Q: "まちづくり 防災 OR 防犯"},
	{Q: "存在しない語句"},
	{City: []string{"大阪市"}},
	{Q: "推進", Sort: "year"},
	{Q: "市民 OR 情報", Sort: "date", Page: 2, HitsPerPage: 3},
	{City: []string{"大阪市", "枚方市"}, Sort: "date"},
	{Q: "こうほうし", Sort: "year", YearFrom: 2020},
	{Q: "区政会議", Distinct: "document"},
	{Q: "市民", Distinct: "document", Page: 2, HitsPerPage: 2},
	{Q: "推進", Distinct: "document", Sort: "year", HitsPerPage: 3},
	{Q: "推進 OR 情報", Distinct: "document", Sort: "date"},
	// deep pages: past the 1,000th hit, and the last documents of a query
	// with more than 1,000 passages
	{Page: 60, HitsPerPage: 20},
	{Q: "の OR 推進", Page: 11, HitsPerPage: 100},
	{Q: "の", Distinct: "document", Page: 2, HitsPerPage: 100},
	{Sort: "year", Page: 25, HitsPerPage: 50},
	// a facet's unknown value as a filter: the passages without a value
	{Q: "推進", Department: []string{"unknown"}},
	{Q: "市", YearUnknown: true},
	{Q: "多文化共生", Prefecture: []string{"unknown"}, Expand: true},
	{City: []string{"unknown"}},
	{Q: "人権 OR 推進", IssueType: []string{"unknown", "人権"}},
	{Department: []string{"unknown", "市長公室"}, Sort: "year"},
	{Q: "情報", Department: []string{"unknown"}, Distinct: "document", Sort: "date"},
}

// agreementQueries are shapes the builder does not make yet but the
// engine serves, each with the request whose filters, page and sort it
// runs under: "at least k of n" (a DisjunctionQuery with Min > 1) over the
// parts of a compound and over the words of a query, inside the
// BooleanQuery that build makes.
func agreementQueries(o plan.Options, marks *[]plan.Mark) []struct {
	name string
	r    Request
	must query.Query
} {
	morph := func(terms ...string) []query.Query { // morph TermQuerys on text
		var qs []query.Query
		for _, t := range terms {
			qs = append(qs, termQuery(indexer.FieldText, t, 3))
		}
		return qs
	}
	phrases := func(texts ...string) []query.Query {
		var qs []query.Query
		for _, t := range texts {
			mq := query.NewMatchPhraseQuery(t)
			mq.SetField(indexer.FieldText)
			mq.Analyzer = analyzers.Morph
			mq.SetBoost(3)
			qs = append(qs, mq)
		}
		return qs
	}
	words := func(texts ...string) []query.Query {
		var qs []query.Query
		for _, t := range texts {
			qs = append(qs, wordQuery(o, t, marks))
		}
		return qs
	}
	atLeast := func(min int, qs []query.Query) query.Query {
		d := query.NewDisjunctionQuery(qs)
		d.SetMin(float64(min))
		return d
	}
	return []struct {
		name string
		r    Request
		must query.Query
	}{
		// 多文化共生施策推進 typed without spaces, matched through 2 of its 4 parts
		{"compound parts ≥2", Request{}, atLeast(2, morph("多文化", "共生", "施策", "推進"))},
		{"compound phrases ≥3", Request{}, atLeast(3, phrases("多文化", "共生", "施策", "推進"))},
		{"compound ≥2 of 3, mixed", Request{HitsPerPage: 3, Page: 2}, atLeast(2, append(morph("情報"), phrases("情報発信", "推進")...))},
		// most of the query words: n-1 of n
		{"words ≥2 of 3", Request{}, atLeast(2, words("市民", "情報", "推進"))},
		{"words ≥3 of 4, year sort", Request{Sort: "year"}, atLeast(3, words("市民", "情報", "発信", "推進"))},
		{"words ≥2 of 3, distinct", Request{Distinct: "document"}, atLeast(2, words("多文化共生", "外国人", "推進"))},
		{"words ≥2 of 3, filtered", Request{City: []string{"大阪市"}, YearFrom: 2020}, atLeast(2, words("市民", "情報", "推進"))},
		{"all of n as min", Request{}, atLeast(3, words("多文化", "共生", "推進"))},
		{"nested in a conjunction", Request{},
			query.NewConjunctionQuery([]query.Query{wordQuery(o, "大阪市", marks), atLeast(2, morph("多文化", "共生", "本部"))})},
		{"beside a word that matches nothing", Request{}, atLeast(2, append(words("存在しない語句"), morph("市民", "情報")...))},
		{"deep page", Request{Page: 4, HitsPerPage: 5}, atLeast(2, words("市", "推進", "情報", "の"))},
	}
}

// checkQueryAgreement runs the queries of agreementQueries through the
// engine and through bleve alone, under the request's filters and page,
// and requires the same answers.
func checkQueryAgreement(t *testing.T, fast, plain *Searcher) {
	t.Helper()
	ctx := context.Background()
	var marks []plan.Mark
	for _, c := range agreementQueries(plan.Options{Readings: fast.vocab.Load().Readings()}, &marks) {
		c.r.Facets = indexer.FacetNames()
		p, err := newSpec(c.r)
		if err != nil {
			t.Fatal(err)
		}
		p.marker.Marks = marks
		q := query.NewBooleanQuery([]query.Query{c.must}, nil, nil)
		if fq := plan.ScopeQuery(p.filters); fq != nil {
			q.AddFilter(fq)
		}
		got, err := fast.runner.fastPage(ctx, q, p)
		if err != nil {
			t.Fatalf("%s: the engine did not serve %s: %v", c.name, plan.Describe(q), err)
		}
		var want *Result
		if p.distinct {
			want, err = plain.runner.searchDistinct(ctx, q, p)
		} else {
			want, err = plain.runner.searchPage(ctx, q, p)
		}
		if err != nil {
			t.Fatal(err)
		}
		if want.TotalHits == 0 {
			t.Errorf("%s: no hits: the case tests nothing", c.name)
		}
		if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b float64) bool {
			return a == b || (a-b)/(a+b) < 1e-9 && (b-a)/(a+b) < 1e-9
		})); diff != "" {
			t.Errorf("%s %s: fast path differs from bleve (-bleve +fast):\n%s", c.name, plan.Describe(q), diff)
		}
	}
}

// TestFastPathAgrees runs requests through the fast path and through bleve
// alone and requires the same totals, facets, hits, order and scores.
func TestFastPathAgrees(t *testing.T) {
	idx := samplesIndex(t)
	fast := New(idx)
	plain := New(idx)
	plain.runner.plainOnly = true
	checkAgreement(t, fast, plain, strictly(agreementRequests))
	// Every request must have taken the fast path, or the comparison
	// proves nothing.
	if n := fast.runner.fastPages.Load(); n != int64(len(agreementRequests)) {
		t.Errorf("the fast path served %d of %d requests", n, len(agreementRequests))
	}
	if n := plain.runner.fastPages.Load(); n != 0 {
		t.Errorf("the plain searcher used the fast path %d times", n)
	}
	// Relaxed (the default): the same answers, every level served too.
	checkAgreement(t, fast, plain, agreementRequests)
	if n := fast.runner.fastPages.Load(); n != int64(2*len(agreementRequests)) {
		t.Errorf("the fast path served %d of %d relaxed and strict requests", n, 2*len(agreementRequests))
	}
	checkQueryAgreement(t, fast, plain)
}

// strictly returns reqs with relaxation off.
func strictly(reqs []Request) []Request {
	out := slices.Clone(reqs)
	for i := range out {
		out[i].Matching = MatchingAll
	}
	return out
}

func checkAgreement(t *testing.T, fast, plain *Searcher, reqs []Request) {
	t.Helper()
	all := []string{"city", "department", "issue_type", "year"}
	for _, r := range reqs {
		r.Facets = all
		got, err := fast.Search(context.Background(), r)
		if err != nil {
			t.Fatalf("%+v: %v", r, err)
		}
		want, err := plain.Search(context.Background(), r)
		if err != nil {
			t.Fatalf("%+v: %v", r, err)
		}
		got.ProcessingTimeMs, want.ProcessingTimeMs = 0, 0
		if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b float64) bool {
			return a == b || (a-b)/(a+b) < 1e-9 && (b-a)/(a+b) < 1e-9
		})); diff != "" {
			t.Errorf("q=%q %+v: fast path differs from bleve (-bleve +fast):\n%s", r.Q, r, diff)
		}
	}
}

// TestFastPathAgreesOnBenchIndex compares the two paths on a large index
// built by bench/run.sh, with the anchors' queries: set
// SEISAKU_AGREE_INDEX=bench/out/idx/seeds100/seisaku (and optionally
// SEISAKU_AGREE_QUERIES, and SEISAKU_BENCH_CITY to run each query also
// filtered to a city) to run it.
func TestFastPathAgreesOnBenchIndex(t *testing.T) {
	idx := openBenchIndex(t)
	qf := os.Getenv("SEISAKU_AGREE_QUERIES")
	if qf == "" {
		qf = "../../shared/anchors/queries.txt"
	}
	f, err := os.Open(qf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var reqs []Request
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			reqs = append(reqs, Request{Q: l, HitsPerPage: 10, Expand: true})
		}
	}
	if c := os.Getenv("SEISAKU_BENCH_CITY"); c != "" { // each query also filtered to the city
		for _, r := range reqs[:len(reqs):len(reqs)] {
			r.City = []string{c}
			reqs = append(reqs, r)
		}
	}
	fast := New(idx)
	plain := New(idx)
	plain.runner.plainOnly = true
	start := time.Now()
	checkAgreement(t, fast, plain, reqs)
	if n := fast.runner.fastPages.Load(); n != int64(len(reqs)) {
		t.Errorf("the fast path served %d of %d requests", n, len(reqs))
	}
	t.Logf("%d queries compared in %v", len(reqs), time.Since(start))
}

// openBenchIndex opens, read-only, the index named by SEISAKU_AGREE_INDEX
// (an indexer's directory or a bare bleve index), or skips.
// TestDeepPagesOnBenchIndex checks deep pages on a large index (set
// SEISAKU_AGREE_INDEX as above): pages past the 1,000th hit agree with
// bleve, and deep distinct=document pages with the exhaustive answer, every
// match ranked by bleve and kept once per document. (bleve's own distinct
// page looks at the first MaxWindow passages only, so it cannot serve as
// the reference there.)
func TestDeepPagesOnBenchIndex(t *testing.T) {
	idx := openBenchIndex(t)
	fast, plain := New(idx), New(idx)
	plain.runner.plainOnly = true
	for _, q := range []string{"多文化共生", "推進", "研修 職員", "情報発信 OR 広報"} {
		checkAgreement(t, fast, plain, []Request{
			{Q: q, Page: 60, HitsPerPage: 20}, {Q: q, Page: 100, HitsPerPage: 100},
			{Q: q, Page: 99, HitsPerPage: 100, Sort: "year"},
		})
		r := Request{Q: q, Page: 30, HitsPerPage: 100, Distinct: "document"}
		got := search(t, fast, r)
		p, err := newSpec(r)
		if err != nil {
			t.Fatal(err)
		}
		strict := plan.New(p.query, r.Q, p.filters, plan.Options{Readings: fast.vocab.Load().Readings()}).At(LevelStrict)
		req := bleve.NewSearchRequestOptions(strict.Query, int(^uint32(0)>>1), 0, false)
		req.Fields = []string{indexer.FieldDocID}
		req.SortByCustom(p.sort) // score, then passage ID
		sr, err := idx.Search(req)
		if err != nil {
			t.Fatal(err)
		}
		ids, docs := firstPerDocument(sr.Hits)
		want := ids[min(2900, len(ids)):min(3000, len(ids))]
		var gotIDs []string
		for _, h := range got.Hits {
			gotIDs = append(gotIDs, h.ID)
		}
		if got.TotalHits != docs || !slices.Equal(gotIDs, want) {
			t.Errorf("%q distinct page 30: %d documents, %d hits; want %d documents and %v, got %v", q, got.TotalHits, len(got.Hits), docs, want, gotIDs)
		}
	}
	if n := fast.runner.fastPages.Load(); n != 4*4 {
		t.Errorf("the fast path served %d of %d deep pages", n, 4*4)
	}
}

func openBenchIndex(tb testing.TB) bleve.Index {
	tb.Helper()
	dir := os.Getenv("SEISAKU_AGREE_INDEX")
	if dir == "" {
		tb.Skip("SEISAKU_AGREE_INDEX not set")
	}
	if _, err := os.Stat(filepath.Join(dir, "current")); err == nil {
		dir = filepath.Join(dir, "current")
	}
	idx, err := bleve.OpenUsing(dir, map[string]any{"read_only": true})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { idx.Close() })
	return idx
}

// BenchmarkBenchIndex measures the fast and the plain path per query on
// the index bench/run.sh builds (SEISAKU_AGREE_INDEX), with facets and
// highlighting as the load test asks:
//
//	SEISAKU_AGREE_INDEX=$PWD/bench/out/idx/seeds100/seisaku go test ./search -run '^$' -bench BenchIndex
func BenchmarkBenchIndex(b *testing.B) {
	idx := openBenchIndex(b)
	fast, plain := New(idx), New(idx)
	plain.runner.plainOnly = true
	ctx := context.Background()
	for _, q := range []string{"多文化共生", "市民協働", "消費者被害 高齢者", "女性 就業 支援", "人権"} {
		r := Request{Q: q, HitsPerPage: 10, Expand: true, Facets: []string{"city", "year"}}
		for _, v := range []struct {
			name string
			s    *Searcher
		}{{"fast", fast}, {"plain", plain}} {
			b.Run(q+"/"+v.name, func(b *testing.B) {
				for b.Loop() {
					if _, err := v.s.Search(ctx, r); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// TestFastPathSmallCache runs the agreement requests with a postings cache
// too small to hold a query's entries, so every path that decodes on a
// miss or finds an entry evicted is taken, and from several goroutines at
// once (run with -race to check the locking).
func TestFastPathSmallCache(t *testing.T) {
	idx := samplesIndex(t)
	plain := New(idx)
	plain.runner.plainOnly = true
	small := New(idx)
	small.SetCacheBytes(8 << 10)
	checkAgreement(t, small, plain, agreementRequests)
	if size, limit := small.runner.engine.CacheBytes(); size > limit {
		t.Errorf("cache holds %d bytes, limit %d", size, limit)
	}
	none := New(idx)
	none.SetCacheBytes(0) // serve -cache-mb 0
	checkAgreement(t, none, plain, agreementRequests)
	if n := none.runner.fastPages.Load(); n == 0 {
		t.Error("without a cache the fast path served no page")
	}

	shared := New(idx)
	want := map[int]*Result{}
	for i, r := range agreementRequests {
		want[i] = search(t, shared, r)
		want[i].ProcessingTimeMs = 0
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4*len(agreementRequests))
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, r := range agreementRequests {
				got, err := shared.Search(context.Background(), r)
				if err != nil {
					errs <- err.Error()
					continue
				}
				got.ProcessingTimeMs = 0
				if d := cmp.Diff(want[i], got); d != "" {
					errs <- fmt.Sprintf("q=%q concurrent result differs:\n%s", r.Q, d)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestMultiIndexAgrees serves the fixture split over two indexes through
// NewMulti and requires the answers of one index over all of it: totals,
// facets, hits, order, scores, highlights, suggestions.
func TestMultiIndexAgrees(t *testing.T) {
	ds := documents()
	single := New(memoryIndex(t, ds))
	multi := NewMulti(memoryIndex(t, ds[:2]), memoryIndex(t, ds[2:4]), memoryIndex(t, ds[4:]))
	checkAgreement(t, multi, single, strictly(agreementRequests))
	checkAgreement(t, multi, single, agreementRequests)
	if n := multi.runner.fastPages.Load(); n != int64(2*len(agreementRequests)) {
		t.Errorf("the fast path served %d of %d requests", n, 2*len(agreementRequests))
	}
	for _, prefix := range []string{"多文", "こう", "市"} {
		want, err := single.Suggest(context.Background(), prefix, 8)
		if err != nil {
			t.Fatal(err)
		}
		got, err := multi.Suggest(context.Background(), prefix, 8)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("Suggest(%q) differs (-one index +three):\n%s", prefix, d)
		}
	}
}

// TestFastPathFollowsChanges searches an index that changes under the
// Searcher (empty, then documents added, then some deleted): the caches,
// keyed by segment and by IDF, must never answer from the old state.
func TestFastPathFollowsChanges(t *testing.T) {
	idx, err := indexer.NewMemory(indexer.NewMapping())
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	fast := New(idx)
	plain := New(idx)
	plain.runner.plainOnly = true
	reqs := []Request{{Q: "多文化共生"}, {Q: "推進", Sort: "year"}, {Q: "市民"}, {City: []string{"大阪市"}}}
	checkAgreement(t, fast, plain, reqs) // empty
	ds := documents()
	addDocuments(t, idx, ds[:2])
	checkAgreement(t, fast, plain, reqs)
	addDocuments(t, idx, ds[2:])
	checkAgreement(t, fast, plain, reqs)
	for _, p := range ds[1].Passages {
		if err := idx.Delete(indexer.PassageID(ds[1].ID, p.Seq)); err != nil {
			t.Fatal(err)
		}
	}
	checkAgreement(t, fast, plain, reqs)
	res := search(t, fast, Request{Q: "市民"})
	for _, h := range res.Hits {
		if h.DocID == ds[1].ID {
			t.Errorf("hit %s of a deleted document", h.ID)
		}
	}
	if n := fast.runner.fastPages.Load(); n != int64(4*len(reqs)+1) {
		t.Errorf("the fast path served %d of %d requests", n, 4*len(reqs)+1)
	}
}

// atLeastWords is "most of the query words": a DisjunctionQuery with Min
// n-1 of the words as build makes them, inside build's BooleanQuery.
func atLeastWords(s *Searcher, ws []string) (query.Query, *spec, error) {
	p, err := newSpec(Request{HitsPerPage: 10, Facets: []string{"city", "year"}})
	if err != nil {
		return nil, nil, err
	}
	o := plan.Options{Readings: s.vocab.Load().Readings()}
	var marks []plan.Mark
	var qs []query.Query
	for _, w := range ws {
		qs = append(qs, wordQuery(o, w, &marks))
	}
	d := query.NewDisjunctionQuery(qs)
	d.SetMin(float64(len(ws) - 1))
	p.marker.Marks = marks
	return query.NewBooleanQuery([]query.Query{d}, nil, nil), p, nil
}

var atLeastBenchWords = [][]string{{"消費者被害", "高齢者", "相談"}, {"女性", "就業", "支援", "推進"}}

// TestAtLeastAgreesOnBenchIndex compares the engine's answer to "most of
// the query words" with bleve's on the large index (SEISAKU_AGREE_INDEX).
func TestAtLeastAgreesOnBenchIndex(t *testing.T) {
	idx := openBenchIndex(t)
	fast, plain := New(idx), New(idx)
	ctx := context.Background()
	for _, ws := range atLeastBenchWords {
		q, p, err := atLeastWords(fast, ws)
		if err != nil {
			t.Fatal(err)
		}
		got, err := fast.runner.fastPage(ctx, q, p)
		if err != nil {
			t.Fatal(err)
		}
		want, err := plain.runner.searchPage(ctx, q, p)
		if err != nil {
			t.Fatal(err)
		}
		if want.TotalHits == 0 {
			t.Errorf("%v: no hits", ws)
		}
		if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b float64) bool {
			return a == b || (a-b)/(a+b) < 1e-9 && (b-a)/(a+b) < 1e-9
		})); diff != "" {
			t.Errorf("%v: fast path differs from bleve (-bleve +fast):\n%s", ws, diff)
		}
	}
}

// BenchmarkAtLeastBenchIndex measures "most of the query words" (a
// DisjunctionQuery with Min n-1 of the words build makes) through the
// engine and through bleve's searchers on the index bench/run.sh builds:
//
//	SEISAKU_AGREE_INDEX=$PWD/bench/out/idx/seeds100 go test ./search -run '^$' -bench AtLeast
func BenchmarkAtLeastBenchIndex(b *testing.B) {
	idx := openBenchIndex(b)
	fast, plain := New(idx), New(idx)
	ctx := context.Background()
	for _, ws := range atLeastBenchWords {
		q, p, err := atLeastWords(fast, ws)
		if err != nil {
			b.Fatal(err)
		}
		name := strings.Join(ws, "_")
		b.Run(name+"/fast", func(b *testing.B) {
			for b.Loop() {
				if _, err := fast.runner.fastPage(ctx, q, p); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/plain", func(b *testing.B) {
			for b.Loop() {
				if _, err := plain.runner.searchPage(ctx, q, p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestFallbackSaysWhy checks that a query the fast path does not serve is
// counted and reported with the reason before bleve's searchers run it,
// and that the answer is still bleve's.
func TestFallbackSaysWhy(t *testing.T) {
	idx := samplesIndex(t)
	s := New(idx)
	var reasons []string
	s.SetFallbackHook(func(err error) { reasons = append(reasons, err.Error()) })
	p, err := newSpec(Request{})
	if err != nil {
		t.Fatal(err)
	}
	wq := query.NewWildcardQuery("推*")
	wq.SetField(indexer.FieldText)
	res, ok, err := s.runner.fastOrFallback(context.Background(), wq, p)
	if err != nil || ok || res != nil {
		t.Fatalf("fastOrFallback(wildcard) = %v, %v, %v; want no answer and no error", res, ok, err)
	}
	if _, fell := s.FastPathCounts(); fell != 1 || len(reasons) != 1 || !strings.Contains(reasons[0], "WildcardQuery") {
		t.Errorf("fallbacks %d, reasons %q; want 1 naming the WildcardQuery", fell, reasons)
	}
	if got := search(t, s, Request{Q: "推進"}); got.TotalHits == 0 {
		t.Error("推進: no hits")
	}
	if served, fell := s.FastPathCounts(); served != 1 || fell != 1 {
		t.Errorf("served %d, fell back %d; want 1 and 1", served, fell)
	}
}

// BenchmarkServedQueries runs the anchors' queries as the load test sends
// them (the server's defaults: relaxed matching, themes, synonyms,
// diversity; facets on city and year, ten hits) on the bench index
// (SEISAKU_AGREE_INDEX), one sub-benchmark per query, so a profile shows
// where a served query spends its time:
//
//	SEISAKU_AGREE_INDEX=$PWD/bench/out/idx/seeds100/seisaku go test ./search -run '^$' -bench ServedQueries -cpuprofile /tmp/cpu.out
//
// SEISAKU_BENCH_CITY=堺市 runs them filtered to that city, as a city's
// search widget on an index of many cities sends them.
func BenchmarkServedQueries(b *testing.B) {
	s := New(openBenchIndex(b))
	f, err := os.ReadFile("../../shared/anchors/queries.txt")
	if err != nil {
		b.Skip("the anchors' queries are not beside the checkout:", err)
	}
	ctx := context.Background()
	for i, l := range strings.Split(string(f), "\n") {
		if l = strings.TrimSpace(l); l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		r := Request{Q: l, HitsPerPage: 10, Expand: true, Synonyms: true, Facets: []string{"city", "year"},
			HighlightPre: "<mark>", HighlightPost: "</mark>"}
		if c := os.Getenv("SEISAKU_BENCH_CITY"); c != "" {
			r.City = []string{c}
		}
		b.Run(fmt.Sprintf("q%02d", i), func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Search(ctx, r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// wordQuery is the query of one positive word as the plan makes it (the
// Must of a one-word query's plan), its marks appended to marks.
func wordQuery(o plan.Options, text string, marks *[]plan.Mark) query.Query {
	one := &Query{Clauses: []Clause{{Any: []Word{{Text: text}}}}}
	lp := plan.New(one, "", scope{}, o).At(LevelStrict)
	*marks = append(*marks, lp.Marks...)
	return lp.Query.(*query.BooleanQuery).Must
}
