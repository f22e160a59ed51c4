package engine

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"seisaku/analyzers"
	"seisaku/indexer"
)

// passages are sentences of the seed pages (大阪市 運営方針, 枚方市 市長公室,
// 柏原市 部長マニフェスト), one bleve document each, with their metadata.
var passages = []testPassage{
	{"kashiwara-0", "外国人市民への情報提供を充実させ、多文化共生の地域づくりを進める。", "柏原市", "政策推進部", 0},
	{"kashiwara-1", "第4次柏原市総合計画に基づいて、柏原市の将来像の実現を目指す。", "柏原市", "政策推進部", 0},
	{"osaka-0", "大阪市多文化共生施策推進本部において、多文化共生指針の進捗管理を行う。", "大阪市", "市民局", 2022},
	{"osaka-1", "市民との情報共有と信頼の確保を図るための情報発信の推進", "大阪市", "政策企画室", 2022},
	{"osaka-2", "区政会議の設置等により、協働型の区政を展開する。", "大阪市", "", 2011},
	{"hirakata-0", "広報紙や市ホームページ、SNSなど多様な情報発信媒体を活用する。", "枚方市", "市長公室", 2022},
}

type testPassage struct {
	id, text, city, dept string
	year                 int
}

// testIndex indexes passages in a scorch index on disk, as served.
func testIndex(tb testing.TB) bleve.Index { return testIndexOf(tb, passages) }

func testIndexOf(tb testing.TB, passages []testPassage) bleve.Index {
	tb.Helper()
	idx, err := bleve.New(filepath.Join(tb.TempDir(), "idx"), indexer.NewMapping())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { idx.Close() })
	b := idx.NewBatch()
	for _, p := range passages {
		f := map[string]any{indexer.FieldText: p.text, indexer.FieldCity: p.city, indexer.FieldDocID: DocumentOfPassage(p.id)}
		if p.dept != "" {
			f[indexer.FieldDepartment] = p.dept
		}
		if p.year != 0 {
			f[indexer.FieldYear] = float64(p.year)
			f[indexer.FieldYearFacet] = strconv.Itoa(p.year)
		}
		if err := b.Index(p.id, f); err != nil {
			tb.Fatal(err)
		}
	}
	if err := idx.Batch(b); err != nil {
		tb.Fatal(err)
	}
	return idx
}

// testView indexes passages and opens a view of them, closed with the test.
func testView(t *testing.T) (bleve.Index, *View) { return testViewOf(t, passages) }

func testViewOf(t *testing.T, ps []testPassage) (bleve.Index, *View) {
	t.Helper()
	idx := testIndexOf(t, ps)
	v, err := Open(idx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(v.Close)
	return idx, v
}

func testEngine(cacheBytes int) *Engine {
	return New(Config{CacheBytes: cacheBytes, Located: []string{indexer.FieldText},
		YearTerms: indexer.FieldYearFacet})
}

func term(t string) *query.TermQuery {
	q := query.NewTermQuery(t)
	q.SetField(indexer.FieldText)
	return q
}

func phraseOf(text string) *query.MatchPhraseQuery {
	q := query.NewMatchPhraseQuery(text)
	q.SetField(indexer.FieldText)
	q.Analyzer = analyzers.Morph
	return q
}

func minOf(min int, qs ...query.Query) *query.DisjunctionQuery {
	d := query.NewDisjunctionQuery(qs)
	d.SetMin(float64(min))
	return d
}

func keyword(field, v string) *query.TermQuery {
	q := query.NewTermQuery(v)
	q.SetField(field)
	return q
}

func noValue(field string) query.Query {
	p := query.NewPrefixQuery("")
	p.SetField(field)
	return query.NewBooleanQuery(nil, nil, []query.Query{p})
}

// filtered is q as the plan's filter: the Filter of a boolean query.
func filtered(q query.Query) query.Query {
	bq := query.NewBooleanQuery(nil, nil, nil)
	bq.AddFilter(q)
	return bq
}

func years(lo, hi int) query.Query {
	return yearTerms(strconv.Itoa(lo), strconv.Itoa(hi))
}

func yearTerms(lo, hi string) query.Query {
	in := true
	q := query.NewTermRangeInclusiveQuery(lo, hi, &in, &in)
	q.SetField(indexer.FieldYearFacet)
	return q
}

func TestCompile(t *testing.T) {
	e := testEngine(0)
	m := indexer.NewMapping()
	match := query.NewMatchQuery("情報発信")
	match.SetField(indexer.FieldTextBigram)
	match.Analyzer = analyzers.Bigram
	match.SetOperator(query.MatchQueryOperatorAnd)
	match.SetBoost(0.5)
	for _, tt := range []struct {
		q    query.Query
		want string
	}{
		{term("推進"), "text=推進"},
		{phraseOf("情報発信"), "text:[情報 発信]"},
		{phraseOf("推進"), "OR(text=推進)"},
		{match, "AND(text_bigram=情報^0.5, text_bigram=報発^0.5, text_bigram=発信^0.5)"},
		{query.NewConjunctionQuery([]query.Query{phraseOf("情報発信"), term("推進")}), "AND(text=推進, text:[情報 発信])"},
		{query.NewConjunctionQuery([]query.Query{term("情報"), term("推進")}), "AND(text=情報, text=推進)"},
		{query.NewConjunctionQuery(nil), "NONE"},
		{minOf(2, term("多文化"), phraseOf("情報発信"), term("推進")), "OR(text=多文化, text=推進, text:[情報 発信])≥2"},
		{minOf(1, term("多文化"), term("推進")), "OR(text=多文化, text=推進)"},
		{query.NewBooleanQuery([]query.Query{term("市民")}, nil, []query.Query{term("大阪")}),
			"BOOL(must: AND(text=市民); not: text=大阪)"},
		{years(2019, 2022), "year[2019,2022]"},
		{yearTerms("", "2022"), "year[,2022]"},
		{noValue(indexer.FieldCity), "BOOL(not: city:*)"},
		{query.NewMatchAllQuery(), "*"},
	} {
		got, err := e.Compile(tt.q, m)
		if err != nil {
			t.Errorf("%s: %v", tt.want, err)
			continue
		}
		if got.String() != tt.want {
			t.Errorf("Compile:\n got %s\nwant %s", got, tt.want)
		}
	}
	or := query.NewMatchQuery("情報発信")
	or.SetField(indexer.FieldText)
	or.Analyzer = analyzers.Morph
	should := query.NewBooleanQuery(nil, []query.Query{term("市民")}, nil)
	for _, tt := range []struct {
		q    query.Query
		want string
	}{
		{minOf(3, term("多文化"), term("推進")), "disjunction with min 3 of 2"},
		{should, "should"},
		{or, "only the AND operator"},
		{query.NewWildcardQuery("推*"), "*query.WildcardQuery"},
		{query.NewConjunctionQuery([]query.Query{term("a"), query.NewFuzzyQuery("推進")}), "FuzzyQuery"},
		// a bound of other than four digits orders otherwise as a term
		{yearTerms("999", "2022"), "not a year of four digits"},
		{yearTerms("2019", "20220"), "not a year of four digits"},
	} {
		_, err := e.Compile(tt.q, m)
		if !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Compile(%T): error %v, want ErrUnsupported saying %q", tt.q, err, tt.want)
		}
	}
}

// matchOf compiles q and matches it exactly over v.
func matchOf(t *testing.T, e *Engine, v *View, q query.Query) (*Query, *matched) {
	t.Helper()
	cq, err := e.Compile(q, indexer.NewMapping())
	if err != nil {
		t.Fatal(err)
	}
	m, err := e.match(v, cq.root)
	if err != nil {
		t.Fatal(err)
	}
	return cq, m
}

// matches returns the IDs of the passages q matches exactly, sorted.
func matches(t *testing.T, e *Engine, v *View, q query.Query) string {
	t.Helper()
	ord, err := e.order.get(v, DocumentOfPassage)
	if err != nil {
		t.Fatal(err)
	}
	_, m := matchOf(t, e, v, q)
	var ids []string
	for i, set := range m.sets {
		for _, d := range set.ToArray() {
			ids = append(ids, ord.ids[ord.rank[m.base[i]+uint64(d)]])
		}
	}
	slices.Sort(ids)
	return strings.Join(ids, " ")
}

// TestExactSets runs its cases twice on one engine, the second time in
// reverse order: a term's postings are kept in the cache and may be what a
// node returns, so a node that modified its kids' sets would change the
// answers of the cases after it.
func TestExactSets(t *testing.T) {
	_, v := testView(t)
	e := testEngine(1 << 20)
	cases := []struct {
		name string
		q    query.Query
		want string
	}{
		{"term", term("推進"), "osaka-0 osaka-1"},
		{"phrase", phraseOf("情報発信"), "hirakata-0 osaka-1"},
		{"phrase whose terms occur apart", phraseOf("市民情報"), ""},
		{"2 of 3", minOf(2, term("情報"), term("推進"), term("多文化")), "kashiwara-0 osaka-0 osaka-1"},
		{"3 of 3", minOf(3, term("情報"), term("推進"), term("多文化")), ""},
		{"2 of 3 with a phrase", minOf(2, phraseOf("情報発信"), term("推進"), term("媒体")), "hirakata-0 osaka-1"},
		{"2 of 4, one matching nothing", minOf(2, term("存在しない"), term("区政"), term("会議"), term("協働")), "osaka-2"},
		{"not", query.NewBooleanQuery([]query.Query{term("情報")}, nil, []query.Query{term("推進")}), "hirakata-0 kashiwara-0"},
		{"filter", query.NewBooleanQuery([]query.Query{term("情報")}, nil, nil), "hirakata-0 kashiwara-0 osaka-1"},
		{"year range", years(2012, 2022), "hirakata-0 osaka-0 osaka-1"},
		{"unknown year", noValue(indexer.FieldYearFacet), "kashiwara-0 kashiwara-1"},
		{"unknown department", noValue(indexer.FieldDepartment), "osaka-2"},
		{"unknown or a city", filtered(query.NewDisjunctionQuery([]query.Query{keyword(indexer.FieldCity, "枚方市"), noValue(indexer.FieldDepartment)})),
			"hirakata-0 osaka-2"},
		{"a field with no values", noValue(indexer.FieldPrefecture), "hirakata-0 kashiwara-0 kashiwara-1 osaka-0 osaka-1 osaka-2"},
	}
	for pass := range 2 {
		for _, tt := range cases {
			if got := matches(t, e, v, tt.q); got != tt.want {
				t.Errorf("pass %d, %s: got %q, want %q", pass+1, tt.name, got, tt.want)
			}
		}
		slices.Reverse(cases)
	}
}

// TestFirstPhase checks that the first phase, run over every live passage,
// finds the exact set (a superset when a MustNot is left to the exact set)
// and scores each match as the exact phase does, up to the query norm and
// float32 rounding, for every kind of scored node.
func TestFirstPhase(t *testing.T) {
	_, v := testView(t)
	e := testEngine(1 << 20)
	for _, q := range []query.Query{
		term("推進"),
		phraseOf("情報発信"),
		query.NewDisjunctionQuery([]query.Query{term("情報"), phraseOf("情報発信"), term("市民")}),
		minOf(2, term("情報"), term("推進"), term("多文化"), phraseOf("多文化共生")),
		query.NewConjunctionQuery([]query.Query{term("市民"), minOf(2, term("情報"), term("推進"), term("多文化"))}),
		query.NewBooleanQuery([]query.Query{term("情報")}, nil, []query.Query{term("推進")}),
		query.NewConjunctionQuery([]query.Query{term("情報"), query.NewDisjunctionQuery([]query.Query{boostedAll(0.001), term("推進")})}),
	} {
		cq, m := matchOf(t, e, v, q)
		ord, err := e.order.get(v, DocumentOfPassage)
		if err != nil {
			t.Fatal(err)
		}
		var nums []uint64
		first := make([][]float32, len(m.sets)) // by segment
		for i, set := range m.sets {
			f := &firstPhase{m: m, e: m.segs[i]}
			mem, scores, err := cq.root.first(f, m.segs[i].live)
			if err != nil {
				t.Fatal(err)
			}
			_, hasNot := cq.root.(*boolNode)
			if !mem.Equals(set) && !(hasNot && roaring.AndNot(set, mem).IsEmpty()) {
				t.Errorf("%s: first phase matched %v, exact set %v", cq, mem.ToArray(), set.ToArray())
			}
			first[i] = scores
			for _, d := range set.ToArray() {
				nums = append(nums, m.base[i]+uint64(d))
			}
		}
		if len(nums) < 2 {
			t.Errorf("%s matches %d passages: the case tests too little", cq, len(nums))
			continue
		}
		ranked, _, err := m.rescore(cq.root, e.located, nums, ord, nil, func([]rescored) []int { return nil })
		if err != nil {
			t.Fatal(err)
		}
		qn := queryNorm(t, m, cq.root)
		for _, x := range ranked {
			s, d := m.segmentOf(x.num)
			got := float64(first[s][d]) * qn
			if math.Abs(got-x.score) > 1e-5*x.score {
				t.Errorf("%s: %s first phase %g × query norm = %g, exact %g", cq, ord.ids[x.rank], first[s][d], got, x.score)
			}
		}
	}
}

func queryNorm(t *testing.T, m *matched, root node) float64 {
	t.Helper()
	r := &rescorer{m: m, terms: map[[2]string][]*scoredPostings{}, idfs: map[[2]string]float64{},
		phrases: map[*phraseNode][]*roaring.Bitmap{}}
	if err := root.prepare(r); err != nil {
		t.Fatal(err)
	}
	return 1 / math.Sqrt(r.weight)
}

// TestUnsupportedSays checks that Search says why it does not serve a
// query rather than answering it some other way.
func TestUnsupportedSays(t *testing.T) {
	_, v := testView(t)
	e := testEngine(0)
	cq, err := e.Compile(query.NewConjunctionQuery([]query.Query{term("推進"), years(2020, 2022)}), indexer.NewMapping())
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.Search(context.Background(), v, cq, Page{Size: 10})
	if !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), "filter only") {
		t.Errorf("a year range in the scoring part: error %v, want ErrUnsupported", err)
	}
}

func TestCacheLRU(t *testing.T) {
	c := newCache(1900)
	key := func(term string) cacheKey { return cacheKey{kind: kindTerm, field: "f", name: term} }
	entry := func() *scoredPostings { return &scoredPostings{set: roaring.New(), docs: make([]uint32, 20)} } // 390 bytes with its key
	for _, term := range []string{"a", "b", "c", "d", "e"} {
		c.put(key(term), entry())
	}
	if c.get(key("a")) != nil {
		t.Error(`"a" should have been evicted: it is the least recently used`)
	}
	for _, term := range []string{"b", "c", "d", "e"} {
		if c.get(key(term)) == nil {
			t.Errorf("%q should be cached", term)
		}
	}
	c.get(key("b")) // now c is the least recently used
	c.put(key("f"), entry())
	if c.get(key("c")) != nil || c.get(key("b")) == nil {
		t.Error("eviction did not follow use")
	}
	if c.size > c.limit {
		t.Errorf("size %d over limit %d", c.size, c.limit)
	}
	c.put(key("huge"), &scoredPostings{set: roaring.New(), docs: make([]uint32, 100)})
	if c.get(key("huge")) != nil {
		t.Error("an entry over a quarter of the limit should not be cached")
	}
	// Kinds are told apart by key and type: a phrase's set is not a term's postings.
	c.put(cacheKey{kind: kindPhrase, field: "f", name: "b"}, docSet{roaring.New()})
	if _, ok := c.get(key("b")).(*scoredPostings); !ok {
		t.Error("the scored postings of b were replaced by another kind")
	}
}

// TestMinTotal checks that a search finding fewer passages than
// Page.MinTotal returns their count only, and one finding enough the whole
// page, as a search without MinTotal does.
func TestMinTotal(t *testing.T) {
	_, v := testView(t)
	e := testEngine(1 << 20)
	cq, err := e.Compile(term("情報"), indexer.NewMapping()) // 3 passages, 3 documents
	if err != nil {
		t.Fatal(err)
	}
	page := Page{Size: 10, Fields: []string{indexer.FieldCity},
		Facets: []FacetField{{Name: "city", Field: indexer.FieldCity, Size: 5}}}
	full, err := e.Search(context.Background(), v, cq, page)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		min      int
		distinct bool
		hits     int
	}{{4, false, 0}, {4, true, 0}, {3, false, 3}, {1, true, 3}} {
		p := page
		p.MinTotal, p.Distinct = tt.min, tt.distinct
		got, err := e.Search(context.Background(), v, cq, p)
		if err != nil {
			t.Fatal(err)
		}
		if got.Total != 3 || len(got.Hits) != tt.hits {
			t.Errorf("MinTotal %d distinct %v: total %d, %d hits; want 3 and %d", tt.min, tt.distinct, got.Total, len(got.Hits), tt.hits)
		}
		if tt.hits == 0 && got.Facets != nil {
			t.Errorf("MinTotal %d: facets counted for a count-only answer: %v", tt.min, got.Facets)
		}
		if tt.hits > 0 && (got.Facets["city"].Terms["枚方市"] != 1 || got.Hits[0].ID != full.Hits[0].ID) {
			t.Errorf("MinTotal %d: page differs from the search without it: %v", tt.min, got.Facets)
		}
	}
}

func boostedAll(b float64) query.Query {
	q := query.NewMatchAllQuery()
	q.SetBoost(b)
	return q
}

// TestMatchAllBoost checks that a boosted match-all (a constant that lets a
// disjunction score optional words) scores as in bleve: boost times the
// query norm, its square counted in the norm.
func TestMatchAllBoost(t *testing.T) {
	idx, v := testView(t)
	e := testEngine(1 << 20)
	for _, b := range []float64{1, 0.001, 2.5} {
		q := query.NewConjunctionQuery([]query.Query{term("情報"),
			query.NewDisjunctionQuery([]query.Query{boostedAll(b), term("推進"), term("多文化")})})
		cq, err := e.Compile(q, indexer.NewMapping())
		if err != nil {
			t.Fatal(err)
		}
		got, err := e.Search(context.Background(), v, cq, Page{Size: 10})
		if err != nil {
			t.Fatal(err)
		}
		sr, err := idx.Search(bleve.NewSearchRequest(q))
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Hits) != len(sr.Hits) || len(got.Hits) < 3 {
			t.Fatalf("boost %g: %d hits, bleve %d", b, len(got.Hits), len(sr.Hits))
		}
		for i, h := range got.Hits {
			if w := sr.Hits[i]; h.ID != w.ID || math.Abs(h.Score-w.Score) > 1e-9*w.Score {
				t.Errorf("boost %g: hit %d %s %g, bleve %s %g", b, i, h.ID, h.Score, w.ID, w.Score)
			}
		}
	}
}

// TestTermCounts: the passages holding each of several terms, from one
// snapshot, as TermCount counts one: 大阪市 three, 柏原市 two, a city no
// passage holds none; 共生 in two passages' text (twice in one of them).
func TestTermCounts(t *testing.T) {
	idx := testIndex(t)
	got, err := TermCounts([]bleve.Index{idx}, indexer.FieldCity, []string{"大阪市", "柏原市", "京都市", "枚方市"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []int{3, 2, 0, 1}) {
		t.Errorf("city counts %v, want [3 2 0 1]", got)
	}
	for i, c := range []string{"大阪市", "柏原市", "京都市", "枚方市"} {
		if n, err := TermCount([]bleve.Index{idx}, indexer.FieldCity, c); err != nil || n != got[i] {
			t.Errorf("TermCount(%s) = %d, %v; TermCounts gave %d", c, n, err, got[i])
		}
	}
	if n, err := TermCount([]bleve.Index{idx}, indexer.FieldText, "共生"); err != nil || n != 2 {
		t.Errorf("共生 in %d passages (%v), want 2", n, err)
	}
}

// TestFirstPhaseSparse runs the first phase as pool runs it, over the
// exact set, once reading every unit whole and once looking each member up
// (seek): the sets and the scores must be the same to the bit.
func TestFirstPhaseSparse(t *testing.T) {
	// Each passage ten times, of ten lengths, so that a term's documents
	// score differently and a member is rarely a unit's first document.
	var ps []testPassage
	for i := range 10 {
		for _, p := range passages {
			p.id = fmt.Sprintf("%s-%d", p.id, i)
			p.text += strings.Repeat("これは長さを変える文です。", i)
			ps = append(ps, p)
		}
	}
	_, v := testViewOf(t, ps)
	e := testEngine(1 << 20)
	defer func(r uint64) { sparseRatio = r }(sparseRatio)
	for _, q := range []query.Query{
		query.NewConjunctionQuery([]query.Query{term("多文化"), term("推進")}),
		query.NewConjunctionQuery([]query.Query{keyword(indexer.FieldCity, "枚方市"), term("情報")}),
		query.NewConjunctionQuery([]query.Query{keyword(indexer.FieldCity, "枚方市"),
			query.NewDisjunctionQuery([]query.Query{term("情報"), phraseOf("情報発信"), term("市民")})}),
		query.NewConjunctionQuery([]query.Query{term("区政"), query.NewDisjunctionQuery([]query.Query{term("協働"), term("推進"), term("会議")})}),
		minOf(2, term("情報"), term("推進"), term("多文化"), term("市民")),
	} {
		cq, m := matchOf(t, e, v, q)
		type run struct {
			sets   []*roaring.Bitmap
			scores [][]float32
		}
		runs := map[uint64]*run{}
		for _, ratio := range []uint64{0, 1 << 40} { // always sparse; never
			sparseRatio = ratio
			r := &run{}
			for i, set := range m.sets {
				f := &firstPhase{m: m, e: m.segs[i]}
				mem, scores, err := cq.root.first(f, set)
				if err != nil {
					t.Fatal(err)
				}
				r.sets = append(r.sets, mem)
				r.scores = append(r.scores, slices.Clone(scores))
			}
			runs[ratio] = r
		}
		sp, whole := runs[0], runs[1<<40]
		n := 0
		for i := range m.sets {
			if !sp.sets[i].Equals(whole.sets[i]) {
				t.Errorf("%s: sparse matched %v, whole %v", cq, sp.sets[i].ToArray(), whole.sets[i].ToArray())
			}
			for _, d := range whole.sets[i].ToArray() {
				n++
				if a, b := sp.scores[i][d], whole.scores[i][d]; math.Float32bits(a) != math.Float32bits(b) {
					t.Errorf("%s: passage %d scores %g sparse, %g whole", cq, d, a, b)
				}
			}
		}
		if n == 0 {
			t.Errorf("%s matches nothing: the case tests nothing", cq)
		}
	}
}

func TestSeek(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		docs := make([]uint32, rng.IntN(300))
		for i := range docs {
			docs[i] = uint32(rng.IntN(5000))
		}
		slices.Sort(docs)
		docs = slices.Compact(docs)
		from := 0
		for d := uint32(0); d < 5100; d += uint32(1 + rng.IntN(40)) {
			want := sort.Search(len(docs), func(i int) bool { return docs[i] >= d })
			if got := seek(docs, from, d); got != want {
				t.Fatalf("seek(%v, %d, %d) = %d, want %d", docs, from, d, got, want)
			}
			from = want
		}
	}
}

// TestNestedBoolean: a boolean inside another clause scores by its Must
// alone, which is bleve's answer only where nothing is excluded or
// filtered, so with exclusions or a filter it is left to bleve.
func TestNestedBoolean(t *testing.T) {
	_, v := testView(t)
	e := testEngine(1 << 20)
	bq := func(not []query.Query) query.Query {
		return query.NewDisjunctionQuery([]query.Query{term("情報"),
			query.NewBooleanQuery([]query.Query{term("市民")}, nil, not)})
	}
	if _, err := e.Compile(bq([]query.Query{term("推進")}), indexer.NewMapping()); !errors.Is(err, ErrUnsupported) {
		t.Errorf("a nested boolean with an exclusion compiled (%v)", err)
	}
	cq, err := e.Compile(bq(nil), indexer.NewMapping())
	if err != nil {
		t.Fatalf("a nested boolean of a Must alone: %v", err)
	}
	if got, err := e.Search(context.Background(), v, cq, Page{Size: 20}); err != nil {
		t.Error(err)
	} else if got.Total < 3 {
		t.Errorf("a nested boolean of a Must alone: %d hits, want 3 or more", got.Total)
	}
	// at the root, the exclusion applies to the candidates; in a filter,
	// nothing scores: both served
	for _, q := range []query.Query{
		query.NewBooleanQuery([]query.Query{term("市民")}, nil, []query.Query{term("推進")}),
		filtered(query.NewDisjunctionQuery([]query.Query{keyword(indexer.FieldCity, "枚方市"), noValue(indexer.FieldDepartment)})),
	} {
		if _, err := e.Compile(q, indexer.NewMapping()); err != nil {
			t.Errorf("%v", err)
		}
	}
}
