package engine

import (
	"fmt"
	"slices"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// phraseNode is a phrase of several positions (PhraseQuery,
// MatchPhraseQuery): the passages where a term of each slot occurs at
// consecutive positions of one value of the field (bleve's phrase with no
// slop). A slot of several terms (tokens at one position) takes any of
// them; an empty slot is a gap that takes any term. It scores the sum over
// its slots, a slot of several terms as a disjunction, and reports the
// locations of its runs only.
type phraseNode struct {
	field string
	slots [][]string
	boost float64
}

func (n *phraseNode) String() string {
	ss := make([]string, len(n.slots))
	for i, s := range n.slots {
		ss[i] = strings.Join(s, "|")
		if len(s) == 0 {
			ss[i] = "_"
		}
	}
	return fmt.Sprintf("%s:[%s]%s", n.field, strings.Join(ss, " "), boostString(n.boost))
}

func (n *phraseNode) costly() bool { return true }

func (n *phraseNode) exact(e *segEval, cand *roaring.Bitmap) (*roaring.Bitmap, error) {
	if cand.IsEmpty() {
		return cand, nil
	}
	set, err := n.unitDocs(e)
	if err != nil {
		return nil, err
	}
	return roaring.And(cand, set), nil
}

func (n *phraseNode) first(f *firstPhase, cand *roaring.Bitmap) (*roaring.Bitmap, []float32, error) {
	return f.unitNode(n, cand)
}

func (n *phraseNode) prepare(r *rescorer) error {
	for _, s := range n.slots {
		for _, t := range s {
			if err := r.term(n.field, t, n.boost); err != nil {
				return err
			}
		}
	}
	for _, e := range r.m.segs {
		set, err := n.unitDocs(e)
		if err != nil {
			return err
		}
		r.phrases[n] = append(r.phrases[n], set)
	}
	return nil
}

func (n *phraseNode) score(r *rescorer, num uint64, locs bsearch.FieldTermLocationMap) (float64, bool) {
	s, d := r.m.segmentOf(num)
	if !r.phrases[n][s].Contains(d) {
		return 0, false
	}
	sum := 0.0
	for _, slot := range n.slots {
		ssum, count := 0.0, 0
		for _, t := range slot {
			freq, norm, ok := r.posting(n.field, t, num)
			if !ok {
				continue
			}
			ssum += termScore(freq, norm, n.boost, r.idf(n.field, t), r.qn)
			count++
		}
		if len(slot) > 1 {
			ssum = coordinate(ssum, count, len(slot))
		}
		sum += ssum
	}
	if locs != nil {
		n.locations(r, num, locs)
	}
	return sum, true
}

func (n *phraseNode) unitTerms() []termNode {
	var ts []termNode
	for _, s := range n.slots {
		for _, t := range s {
			ts = append(ts, termNode{n.field, t, n.boost})
		}
	}
	return ts
}

func (n *phraseNode) unitKey() string {
	var key strings.Builder
	key.WriteString("phrase")
	for _, s := range n.slots {
		fmt.Fprintf(&key, "\x01%d", len(s)) // slot boundaries
	}
	return key.String()
}

// unitDocs returns every document of the segment (deleted ones included)
// where the phrase occurs, verified once and then kept in the cache: a
// phrase is a property of the segment, not of the query.
func (n *phraseNode) unitDocs(e *segEval) (*roaring.Bitmap, error) {
	var key strings.Builder
	for i, s := range n.slots {
		if i > 0 {
			key.WriteByte(0)
		}
		key.WriteString(strings.Join(s, "\x01"))
	}
	return e.derived(kindPhrase, n.field, key.String(), func() (*roaring.Bitmap, error) {
		all := roaring.New()
		all.AddRange(0, e.seg.Count())
		return n.verify(e, all)
	})
}

// verify returns the members of cand where the phrase occurs. Only
// passages holding a term of every slot have positions read.
func (n *phraseNode) verify(e *segEval, cand *roaring.Bitmap) (*roaring.Bitmap, error) {
	c := cand.Clone()
	for _, s := range n.slots {
		if len(s) == 0 {
			continue // a gap
		}
		holding, err := e.anyOf(n.field, s)
		if err != nil {
			return nil, err
		}
		c.And(holding)
		if c.IsEmpty() {
			return c, nil
		}
	}
	type cursor struct {
		it  segment.PostingsIterator
		cur segment.Posting
		end bool
	}
	slots := make([][]*cursor, len(n.slots))
	gaps := make([]bool, len(n.slots))
	for i, s := range n.slots {
		gaps[i] = len(s) == 0
		for _, t := range s {
			pl, err := e.postingsList(n.field, t)
			if err != nil {
				return nil, err
			}
			if pl != nil {
				slots[i] = append(slots[i], &cursor{it: pl.Iterator(false, false, true, nil)})
			}
		}
	}
	out := roaring.New()
	locs := make([][]segment.Location, len(slots))
	it := c.Iterator()
	for it.HasNext() {
		doc := uint64(it.Next())
		for i, cs := range slots {
			locs[i] = locs[i][:0]
			for _, cu := range cs {
				if cu.end || (cu.cur != nil && cu.cur.Number() > doc) {
					continue
				}
				if cu.cur == nil || cu.cur.Number() < doc {
					p, err := cu.it.Advance(doc)
					if err != nil {
						return nil, err
					}
					cu.cur, cu.end = p, p == nil
				}
				if cu.cur != nil && cu.cur.Number() == doc {
					locs[i] = append(locs[i], cu.cur.Locations()...)
				}
			}
		}
		if consecutive(locs, gaps) {
			out.Add(uint32(doc))
		}
	}
	return out, nil
}

// consecutive reports whether some location of slot 0 is followed by one
// of slot 1 at the next position, of slot 2 after that, and so on, all in
// the same array element; a gap slot takes any position.
func consecutive(locs [][]segment.Location, gaps []bool) bool {
next:
	for _, l0 := range locs[0] {
		for i := 1; i < len(locs); i++ {
			if gaps[i] {
				continue
			}
			found := false
			for _, l := range locs[i] {
				if l.Pos() == l0.Pos()+uint64(i) && slices.Equal(l.ArrayPositions(), l0.ArrayPositions()) {
					found = true
					break
				}
			}
			if !found {
				continue next
			}
		}
		return true
	}
	return false
}

// locations adds the locations of the phrase's runs in passage num.
func (n *phraseNode) locations(r *rescorer, num uint64, locs bsearch.FieldTermLocationMap) {
	type slotLoc struct {
		term string
		loc  termLoc
	}
	slots := make([][]slotLoc, len(n.slots))
	for si, s := range n.slots {
		for _, t := range s {
			for _, l := range r.locs[[2]string{n.field, t}][num] {
				slots[si] = append(slots[si], slotLoc{t, l})
			}
		}
	}
	var run []slotLoc
	for _, first := range slots[0] {
		run = append(run[:0], first)
		ok := true
		for si := 1; si < len(slots) && ok; si++ {
			if len(n.slots[si]) == 0 {
				continue
			}
			ok = false
			for _, l := range slots[si] {
				if l.loc.pos == first.loc.pos+uint64(si) && slices.Equal(l.loc.array, first.loc.array) {
					run = append(run, l)
					ok = true
				}
			}
		}
		if ok {
			for _, l := range run {
				addLocations(locs, r.located, n.field, l.term, []termLoc{l.loc})
			}
		}
	}
}
