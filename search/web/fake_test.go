package web

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"seisaku/search"
)

// fakeBackend is a Backend made of function fields; nil fields use the
// small in-memory fixture below.
type fakeBackend struct {
	search   func(context.Context, search.Request) (*search.Result, error)
	document func(context.Context, string) (*search.DocumentView, error)
	suggest  func(context.Context, string, int) ([]search.Suggestion, error)
	similar  func(context.Context, string, int) (*search.SimilarResult, error)
}

func (f *fakeBackend) Search(ctx context.Context, r search.Request) (*search.Result, error) {
	if f.search != nil {
		return f.search(ctx, r)
	}
	return fixtureSearch(r)
}

func (f *fakeBackend) Document(ctx context.Context, id string) (*search.DocumentView, error) {
	if f.document != nil {
		return f.document(ctx, id)
	}
	for _, h := range fixture {
		if h.DocID == id {
			return &search.DocumentView{ID: id, Title: h.Title, City: h.City, Year: h.Year,
				Passages: []search.PassageView{{ID: h.ID, Text: h.Text}}}, nil
		}
	}
	return nil, search.Errorf(search.ENotFound, "no document %s", id)
}

func (f *fakeBackend) Suggest(ctx context.Context, prefix string, n int) ([]search.Suggestion, error) {
	if f.suggest != nil {
		return f.suggest(ctx, prefix, n)
	}
	return []search.Suggestion{{Text: prefix + "共生", Kind: "term", Count: 2}}, nil
}

func (f *fakeBackend) Similar(ctx context.Context, id string, n int) (*search.SimilarResult, error) {
	if f.similar != nil {
		return f.similar(ctx, id, n)
	}
	res, err := fixtureSearch(search.Request{Q: "多文化共生", Page: 1, HitsPerPage: n})
	if err != nil {
		return nil, err
	}
	out := &search.SimilarResult{Query: id, TotalHits: res.TotalHits, Hits: []search.Precedent{}}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, search.Precedent{Hit: h, Elsewhere: "department", Shared: []string{"多文化共生"}})
	}
	return out, nil
}

func (f *fakeBackend) DocCount() (uint64, error) { return uint64(len(fixture)), nil }

func (f *fakeBackend) DocumentCount() (uint64, error) {
	docs := map[string]bool{}
	for _, h := range fixture {
		docs[h.DocID] = true
	}
	return uint64(len(docs)), nil
}

// fixture holds passages of the seed documents (大阪市市民局・政策企画室
// 運営方針, 枚方市 市長公室の取り組み).
var fixture = []search.Hit{
	{ID: "shimin-3", DocID: "shimin", Title: "令和4年度市民局運営方針", City: "大阪市", Department: "市民局",
		Year: 2022, Published: "2024-01-31", IssueTypes: []string{"多文化共生・国際"},
		Headings: []string{"経営課題1", "戦略1-1 多文化共生社会づくりの推進"},
		Text:     "大阪市多文化共生施策推進本部において、大阪市多文化共生指針行動計画の進捗管理を行い、施策分野を横断的に連携して課題に取り組む。",
		Source:   "seeds/001.txt", Permalink: "/api/documents/shimin#shimin-3"},
	{ID: "shimin-4", DocID: "shimin", Title: "令和4年度市民局運営方針", City: "大阪市", Department: "市民局",
		Year: 2022, IssueTypes: []string{"多文化共生・国際"},
		Text:   "地域における多文化共生の実現に向けて、区等が取り組む外国につながる市民のエンパワーメントの推進を支援する。",
		Source: "seeds/001.txt", URL: "https://www.city.osaka.lg.jp/shimin/", Permalink: "/api/documents/shimin#shimin-4",
		Match: &search.Match{Kind: "exact", Words: []search.WordMatch{{Word: "多文化共生", How: "exact"}}}},
	{ID: "seisaku-1", DocID: "seisaku", Title: "令和4年度政策企画室運営方針", City: "大阪市", Department: "政策企画室",
		Year: 2022, Text: "=市民との情報共有と信頼の確保を図るための情報発信の推進", Source: "seeds/000.txt",
		Permalink: "/api/documents/seisaku#seisaku-1"},
	{ID: "hirakata-2", DocID: "hirakata", Title: "市長公室の取り組み", City: "枚方市", Department: "市長公室",
		Year: 2019, IssueTypes: []string{"広報・広聴"}, Text: "広報ひらかたや市ホームページなどで市政情報を発信します。",
		Source: "seeds/003.md", Permalink: "/api/documents/hirakata#hirakata-2"},
}

// fixtureSearch matches every word of q as a substring, like a tiny
// searcher, and rejects an unbalanced quote the way the real parser does.
func fixtureSearch(r search.Request) (*search.Result, error) {
	if strings.Count(r.Q, `"`)%2 == 1 {
		return nil, search.Errorf(search.EInvalid, "引用符が閉じていません (unbalanced quote)")
	}
	var hits []search.Hit
	for _, h := range fixture {
		if matches(h, r) {
			h.Formatted.Text = strings.ReplaceAll(h.Text, r.Q, r.HighlightPre+r.Q+r.HighlightPost)
			hits = append(hits, h)
		}
	}
	res := &search.Result{Query: r.Q, TotalHits: len(hits), Page: r.Page, HitsPerPage: r.HitsPerPage}
	res.TotalPages = (len(hits) + r.HitsPerPage - 1) / r.HitsPerPage
	lo := min((r.Page-1)*r.HitsPerPage, len(hits))
	res.Hits = hits[lo:min(lo+r.HitsPerPage, len(hits))]
	return res, nil
}

func matches(h search.Hit, r search.Request) bool {
	for w := range strings.FieldsSeq(r.Q) {
		if !strings.Contains(h.Text, w) {
			return false
		}
	}
	return (len(r.City) == 0 || slices.Contains(r.City, h.City)) &&
		(r.YearFrom == 0 || h.Year >= r.YearFrom) && (r.YearTo == 0 || h.Year <= r.YearTo)
}

// newTestServer serves backend (the fixture when nil) over httptest.
func newTestServer(t *testing.T, cfg Config, backend Backend) *httptest.Server {
	t.Helper()
	if backend == nil {
		backend = &fakeBackend{}
	}
	ts := httptest.NewServer(NewServer(cfg, backend, slog.New(slog.DiscardHandler)).Handler())
	t.Cleanup(ts.Close)
	return ts
}
