package search

import (
	"context"
	"testing"

	"seisaku/search/hit"
)

// DocumentCount counts the documents of the samples, not their passages.
func TestDocumentCount(t *testing.T) {
	s := sampleSearcher(t)
	n, err := s.DocumentCount()
	if err != nil {
		t.Fatal(err)
	}
	all := search(t, s, Request{HitsPerPage: 1, Distinct: "document"})
	passages, _ := s.runner.idx.DocCount()
	if n == 0 || int(n) != all.TotalHits || n >= passages {
		t.Errorf("%d documents; distinct browse %d, %d passages", n, all.TotalHits, passages)
	}
}

// A hit and a document view name their city's official site, which stands
// for the source where the document states no address (広報くらしき's
// articles showed 「kurashiki-2024-10.csv 10件目」 as their 出典).
func TestCitySite(t *testing.T) {
	s := sampleSearcher(t)
	res := search(t, s, Request{Q: "男女共同参画", City: []string{"倉敷市"}})
	if len(res.Hits) == 0 {
		t.Fatal("no hits")
	}
	for _, h := range res.Hits {
		if h.CitySite != "https://www.city.kurashiki.okayama.jp/" {
			t.Errorf("%s (%s): citySite %q", h.ID, h.City, h.CitySite)
		}
	}
	d, err := s.Document(context.Background(), res.Hits[0].DocID)
	if err != nil {
		t.Fatal(err)
	}
	if d.CitySite != "https://www.city.kurashiki.okayama.jp/" {
		t.Errorf("document %s: citySite %q", d.ID, d.CitySite)
	}
	if got := hit.CitySite("府中市", "広島県"); got != "https://www.city.fuchu.hiroshima.jp/" {
		t.Errorf("府中市 of 広島県: %q", got)
	}
	if got := hit.CitySite("", ""); got != "" {
		t.Errorf("no city: %q", got)
	}
}
