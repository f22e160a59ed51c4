package indexer

import (
	"strings"
	"testing"

	"seisaku/indexer/source"
)

// A web page's update stamp is not a passage, and still gives the
// document its date (package meta reads the lines, not the passages).
func TestStampGivesDateNotPassage(t *testing.T) {
	src := source.Source{Path: "kurashiki/jinken.html", Title: "人と出会う映画会の参加者募集", Blocks: []source.Block{
		{Kind: source.Paragraph, Text: "更新日：2024年10月1日"},
		{Kind: source.Paragraph, Text: "ある児童養護施設のドキュメンタリー映画「隣(とな)る人」の上映と、島田妙子氏による講演。手話通訳、要約筆記あり。無料"},
		{Kind: source.Paragraph, Text: "問合せ：本庁男女共同参画課"},
		{Kind: source.Paragraph, Text: "【電話】426-3105"},
	}}
	d := (&Analyzer{}).Document(src)
	if d == nil {
		t.Fatal("no document")
	}
	if d.Meta.Published != "2024-10-01" {
		t.Errorf("published %q, want 2024-10-01", d.Meta.Published)
	}
	for _, p := range d.Passages {
		if strings.Contains(p.Text, "更新日") {
			t.Errorf("passage %d is the stamp: %q", p.Seq, p.Text)
		}
	}
	if len(d.Passages) != 1 {
		t.Errorf("%d passages, want the notice with its contact lines", len(d.Passages))
	}
}
