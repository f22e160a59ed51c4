package search

import (
	"slices"
	"testing"
)

// TestPagesOfAnySize: the pages of a search, of any size, are cut from one
// order: each hit once, pages of 20 in the order of pages of 100 and of
// one page of them all (a CSV export, Request.Export). The first hits were
// reordered over all the hits each page fetched, so on the bundled samples
// (minutes: a window of 100 read by speech) pages of 20 and of 100 ordered
// 子どもの医療費 無料 中学生まで otherwise than one page from its 125th hit
// (and on kiryu's minutes ten pages of 20 repeated 380 of their 6,083 hits
// over 48 queries).
func TestPagesOfAnySize(t *testing.T) {
	s := New(samplesIndex(t))
	for _, q := range []string{"子どもの医療費 無料 中学生まで", "市", "支援"} {
		all := search(t, s, Request{Q: q, Expand: true, Synonyms: true, Export: true, HitsPerPage: MaxWindow})
		var want []string
		for _, h := range all.Hits {
			want = append(want, h.ID)
		}
		if len(want) <= MaxHitsPerPage {
			t.Fatalf("%s: %d hits, too few to tell pages apart", q, len(want))
		}
		for _, size := range []int{20, 100} {
			var got []string
			for page := 1; (page-1)*size < len(want); page++ {
				res := search(t, s, Request{Q: q, Expand: true, Synonyms: true, Page: page, HitsPerPage: size})
				for _, h := range res.Hits {
					got = append(got, h.ID)
				}
			}
			if !slices.Equal(got, want) {
				i := 0
				for i < min(len(got), len(want)) && got[i] == want[i] {
					i++
				}
				seen, repeated := map[string]bool{}, 0
				for _, id := range got {
					if seen[id] {
						repeated++
					}
					seen[id] = true
				}
				t.Errorf("%s: pages of %d differ from one page of all %d hits at hit %d (%d repeated)", q, size, len(want), i+1, repeated)
			}
		}
	}
}
