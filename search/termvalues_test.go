package search

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"seisaku/indexer"
	"seisaku/indexer/meta"
	"seisaku/indexer/passage"
	"seisaku/indexer/theme"
)

// TestTermValuedFields: the index does not store a passage's issue types,
// speaker and role (indexer.TermValuedFields), and stores its speech key
// as a seq, yet every hit and every passage of the document view show
// them as the passage has them, issue types in thesaurus order, whichever
// path made the hit (the fast path, bleve's searchers, several indexes
// served as one).
func TestTermValuedFields(t *testing.T) {
	// two themes whose thesaurus order is not their order as text, so
	// that the terms' order (the text's) cannot pass for the thesaurus's
	var a, b string
	ths := theme.Default().Themes()
	for i := 0; i < len(ths) && a == ""; i++ {
		for _, th := range ths[i+1:] {
			if ths[i].Name > th.Name {
				a, b = ths[i].Name, th.Name
				break
			}
		}
	}
	if a == "" {
		t.Fatal("no two themes out of text order in the thesaurus")
	}
	mk := func(id string, ps ...indexer.Passage) *indexer.Document {
		d := &indexer.Document{ID: id, Title: "令和5年第1回桐生市議会定例会会議録", Source: "minutes/" + id,
			Meta: meta.Metadata{City: "桐生市", Prefecture: "群馬県", FiscalYear: 2023, Session: "令和5年第1回定例会"}}
		for i, p := range ps {
			p.Seq = i
			if p.SpeechStart < 0 || p.SpeechStart > i {
				p.SpeechStart = i
			}
			d.Passages = append(d.Passages, p)
		}
		return d
	}
	p := func(text, speaker, role string, themes ...string) indexer.Passage {
		return indexer.Passage{Passage: passage.Passage{Text: text}, Speaker: speaker, Role: role, Themes: themes, SpeechStart: -1}
	}
	second := p("保育士の確保にも子育て支援として取り組みます。", "荒木恵司", indexer.RoleAnswer)
	second.SpeechStart = 1 // the answer's second passage
	ds := []*indexer.Document{
		mk("kiryu-r5-1",
			p("子育て支援と高齢者の見守りについて伺います。", "渡辺恒", indexer.RoleQuestion, a, b),
			p("子育て支援センターを拡充し、高齢者の見守りも続けます。", "荒木恵司", indexer.RoleAnswer, b),
			second,
			p("次に、子育て支援の質問を許します。", "議長", indexer.RoleChair)),
		mk("kiryu-r5-2",
			p("空き店舗の活用と子育て世帯の転入について伺います。", "田島忠一", indexer.RoleQuestion, a)),
	}
	want, wantKey := map[string]string{}, map[string]string{}
	for _, d := range ds {
		for _, p := range d.Passages {
			id := indexer.PassageID(d.ID, p.Seq)
			want[id] = fmt.Sprintf("%s|%s|%s", p.Speaker, p.Role, strings.Join(p.Themes, ","))
			wantKey[id] = indexer.SpeechKey(d.ID, p.SpeechStart)
		}
	}
	idx := memoryIndex(t, ds)

	// what the index holds: none of them stored
	req := bleve.NewSearchRequest(query.NewMatchAllQuery())
	req.Fields = []string{"*"}
	sr, err := idx.Search(req)
	if err != nil || len(sr.Hits) != len(want) {
		t.Fatalf("%v, %d passages", err, len(sr.Hits))
	}
	for _, h := range sr.Hits {
		for _, f := range indexer.TermValuedFields {
			if v, ok := h.Fields[f]; ok {
				t.Errorf("%s stores %s: %v", h.ID, f, v)
			}
		}
		if key, ok := h.Fields[indexer.FieldSpeech].(string); !ok || strings.Contains(key, "-") {
			t.Errorf("%s stores speech %v, not a seq", h.ID, h.Fields[indexer.FieldSpeech])
		}
	}

	ctx := context.Background()
	plain := New(idx)
	plain.runner.plainOnly = true
	multi := NewMulti(memoryIndex(t, ds[:1]), memoryIndex(t, ds[1:]))
	shown := map[string]bool{}
	for name, s := range map[string]*Searcher{"fast": New(idx), "plain": plain, "multi": multi} {
		for _, r := range []Request{
			{Q: "子育て"}, {Q: "伺います"}, {Q: "保育士"}, {Q: "子育て", Distinct: "document"}, {Q: "子育て", Sort: "year"},
			{Q: "子育て", Facets: []string{"speaker", "role", "issue_type"}},
		} {
			res := search(t, s, r)
			if len(res.Hits) == 0 {
				t.Errorf("%s %+v: no hits", name, r)
			}
			for _, h := range res.Hits {
				got := fmt.Sprintf("%s|%s|%s", h.Speaker, h.Role, strings.Join(h.IssueTypes, ","))
				if got != want[h.ID] || h.SpeechKey != wantKey[h.ID] {
					t.Errorf("%s %+v: %s:\n got %s (speech %s)\nwant %s (speech %s)", name, r, h.ID, got, h.SpeechKey, want[h.ID], wantKey[h.ID])
				}
				shown[h.ID] = true
			}
		}
		for _, d := range ds {
			dv, err := s.Document(ctx, d.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range dv.Passages {
				id := indexer.PassageID(d.ID, p.Seq)
				got := fmt.Sprintf("%s|%s|%s", p.Speaker, p.Role, strings.Join(p.IssueTypes, ","))
				if got != want[id] {
					t.Errorf("%s document %s: %s:\n got %s\nwant %s", name, d.ID, id, got, want[id])
				}
			}
		}
	}
	if first := indexer.PassageID("kiryu-r5-1", 0); !shown[first] || !slices.Contains(strings.Split(want[first], ","), b) {
		t.Errorf("the passage with two themes was not among the hits")
	}
	if !shown[indexer.PassageID("kiryu-r5-1", 2)] {
		t.Errorf("the second passage of a speech was not among the hits")
	}
}
