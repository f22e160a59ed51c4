package hit

import (
	"fmt"
	"strings"
	"testing"

	bsearch "github.com/blevesearch/bleve/v2/search"

	"seisaku/indexer"
)

// TestPrecedentOrder: for a passage of 大阪市市民局, other cities come
// first, then other departments of 大阪市, then the rest, each by score,
// however close the rest are; a candidate under a quarter of the best
// score, or sharing no distinctive term, goes last.
func TestPrecedentOrder(t *testing.T) {
	t.Parallel()
	src := Hit{City: "大阪市", Department: "市民局"}
	hits := []Hit{
		{ID: "osaka-shimin", City: "大阪市", Department: "市民局", Score: 9},
		{ID: "osaka-unknown-dept", City: "大阪市", Score: 8},
		{ID: "osaka-seisaku", City: "大阪市", Department: "政策企画室", Score: 7},
		{ID: "hirakata", City: "枚方市", Department: "市長公室", Score: 6},
		{ID: "kashiwara-weak", City: "柏原市", Score: 2},
		{ID: "unknown-city", Department: "危機管理室", Score: 5},
		{ID: "kurashiki", City: "倉敷市", Score: 4},
		{ID: "kiryu-generic", City: "桐生市", Score: 8.5}, // shares 施策 and 推進 only
	}
	ms := make(bsearch.DocumentMatchCollection, len(hits))
	for i, h := range hits {
		locs := bsearch.TermLocationMap{}
		if h.ID != "kiryu-generic" {
			locs["多文化"] = []*bsearch.Location{{Start: 0, End: 9}} // End: the length
		}
		ms[i] = &bsearch.DocumentMatch{Locations: bsearch.FieldTermLocationMap{indexer.FieldText: locs}}
	}
	var got []string
	for _, p := range Precedents(src, hits, ms, []string{"多文化"}) {
		got = append(got, fmt.Sprintf("%s/%s", p.ID, p.Elsewhere))
	}
	want := "hirakata/city kurashiki/city osaka-seisaku/department unknown-city/department osaka-shimin/ osaka-unknown-dept/ kiryu-generic/city kashiwara-weak/city"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("order:\n got %s\nwant %s", g, want)
	}
}

// TestSharedWords lists the source's terms a precedent holds as its text
// writes them, most distinctive first, and leaves out inflected ones.
func TestSharedWords(t *testing.T) {
	t.Parallel()
	text := "ＳＮＳを活用し、情報発信が行われるようパートナーと連携する。"
	locs := bsearch.TermLocationMap{}
	add := func(term, surface string) {
		i := strings.Index(text, surface)
		locs[term] = append(locs[term], &bsearch.Location{Start: uint64(i), End: uint64(len(surface))}) // End: the length (analyzers.TextIndex)
	}
	add("sns", "ＳＮＳ")
	add("行う", "行わ")
	add("パートナ", "パートナー")
	add("連携", "連携")
	m := &bsearch.DocumentMatch{Locations: bsearch.FieldTermLocationMap{indexer.FieldText: locs}}
	terms := []string{"連携", "行う", "sns", "パートナ", "市民"}
	if got := strings.Join(shared(text, text, m, terms), " "); got != "連携 ＳＮＳ パートナー" {
		t.Errorf("shared = %s, want 連携 ＳＮＳ パートナー", got)
	}
}
