package hit

import (
	"fmt"
	"strings"
	"testing"

	bsearch "github.com/blevesearch/bleve/v2/search"

	"seisaku/indexer"
	"seisaku/search/plan"
	parsed "seisaku/search/query"
)

// match is a bleve match of a passage of document doc with text, and the
// term locations of text's terms at the given substrings (End a length, as
// the index keeps the text field's: analyzers.TextIndex).
func match(id, doc, text string, terms map[string]string) *bsearch.DocumentMatch {
	locs := bsearch.TermLocationMap{}
	for term, sub := range terms {
		for i := 0; ; {
			j := strings.Index(text[i:], sub)
			if j < 0 {
				break
			}
			locs[term] = append(locs[term], &bsearch.Location{Start: uint64(i + j), End: uint64(len(sub))})
			i += j + len(sub)
		}
	}
	return &bsearch.DocumentMatch{ID: id, Score: 1, Fields: map[string]any{
		indexer.FieldDocID: doc, indexer.FieldSeq: 0.0, indexer.FieldTitle: doc + "の計画", indexer.FieldText: text,
	}, Locations: bsearch.FieldTermLocationMap{indexer.FieldText: locs}}
}

// TestMarkerHits builds a page of hits from bleve matches and what the
// words of a plan became, without an index: each hit's explanation and its
// highlighted, cropped text.
func TestMarkerHits(t *testing.T) {
	q, err := parsed.Parse("空き家 対策")
	if err != nil {
		t.Fatal(err)
	}
	lp := plan.New(q, "", parsed.Scope{}, plan.Options{}).At(plan.LevelStrict)
	mk := Marker{Pre: "[", Post: "]", Crop: 20, Marks: lp.Marks, Words: lp.Words}
	ms := bsearch.DocumentMatchCollection{
		match("a-0", "a", "市は空き家の対策を進めます。", map[string]string{"空家": "空き家", "対策": "対策"}),
		match("b-0", "b", "対策会議を開き、管理されていない空き家について協議しました。", map[string]string{"空家": "空き家", "対策": "対策"}),
		match("c-0", "c", "空き家バンクの登録を受け付けています。", map[string]string{"空家": "空き家"}),
	}
	var got []string
	for _, h := range mk.Hits(ms) {
		var how []string
		for _, w := range h.Match.Words {
			how = append(how, w.Word+":"+w.How)
		}
		got = append(got, fmt.Sprintf("%s %s(%s) %s %s", h.ID, h.Match.Kind, strings.Join(how, " "), h.Formatted.Text, h.Permalink))
	}
	want := []string{
		"a-0 exact(空き家:exact 対策:exact) 市は[空き家]の[対策]を進めます。 /documents/a#p0",
		"b-0 exact(空き家:exact 対策:exact) [対策]会議を開き、管理されていない[空き家]に… /documents/b#p0",
		"c-0 relaxed(空き家:exact 対策:missing) [空き家]バンクの登録を受け付けています。 /documents/c#p0",
	}
	if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
		t.Errorf("page:\n got %s\nwant %s", g, w)
	}
}
