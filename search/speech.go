package search

import (
	"context"
	"encoding/json"
	"math"
	"sync"

	"github.com/blevesearch/bleve/v2"
	index "github.com/blevesearch/bleve_index_api"

	"seisaku/indexer"
	"seisaku/search/hit"
	"seisaku/search/internal/engine"
	"seisaku/search/plan"
	parsed "seisaku/search/query"
)

// Speeches of minutes (package hit, speeches.go): a hit knows its speech
// from the stored speech field; the length of a hit's speech, in passages,
// is its key's count in the term dictionary, and the average speech's is
// read once per index (Refresh).

// speechAverage returns the index's speeches and the passages they hold.
func (rn *runner) speechAverage() (speeches, passages int) {
	d, err := rn.fieldDict(indexer.FieldSpeech)
	if err != nil {
		return 0, 0
	}
	defer d.Close()
	_ = engine.EachEntry(d.Next, func(e *index.DictEntry) error {
		speeches++
		passages += int(e.Count)
		return nil
	})
	return speeches, passages
}

// weighSpeeches gives the hits of minutes their speech's length weight
// (hit.WeighSpeeches), from the passages of each hit's speech: the
// postings of its key.
func (s *Searcher) weighSpeeches(hits []Hit) {
	avg := math.Float64frombits(s.speechAvg.Load())
	if avg == 0 {
		return
	}
	n := map[string]int{}
	var keys []string
	for _, h := range hits {
		if k := h.SpeechKey; k != "" {
			if _, ok := n[k]; !ok {
				n[k] = 0
				keys = append(keys, k)
			}
		}
	}
	for i, c := range s.runner.termCounts(indexer.FieldSpeech, keys) {
		n[keys[i]] = c
	}
	hit.WeighSpeeches(hits, n, avg)
}

// termCount is the number of passages holding term in the keyword field,
// as the term dictionaries count them (0 when they cannot say).
func (rn *runner) termCount(field, term string) int {
	return rn.termCounts(field, []string{term})[0]
}

// termCounts is termCount of each of terms, read from one snapshot (all 0
// when the dictionaries cannot say).
func (rn *runner) termCounts(field string, terms []string) []int {
	idxs := rn.members
	if len(idxs) == 0 {
		idxs = []bleve.Index{rn.idx}
	}
	ns, err := engine.TermCounts(idxs, field, terms)
	if err != nil {
		return make([]int, len(terms))
	}
	return ns
}

// executiveWords says how far the query's words are the executive's rather
// than the members' (hit.Evidence, exchange.go): the mean over the query's
// words of the log of the share of the answers' passages that hold the
// word (as the word's strict query finds it) over the share of the
// questions' passages that do, each count plus one half. Above 0 the
// answers speak the query's words more. It is 0 where the query filters
// on roles (答弁 read as role:answer), where the index holds no answers or
// no questions, and for a query none of whose words a speech holds; a
// clause of alternatives is left out.
func (s *Searcher) executiveWords(ctx context.Context, pl *plan.Planner, p *spec) float64 {
	for _, f := range p.query.Filters {
		if f.Facet == "role" {
			return 0
		}
	}
	cache := s.roleCounts.Load()
	if cache == nil || cache.passages[0] == 0 || cache.passages[1] == 0 {
		return 0
	}
	na, nq := cache.passages[0], cache.passages[1]
	in := func(role string) parsed.Scope { return parsed.Scope{Values: map[string][]string{"role": {role}}} }
	sum, n := 0.0, 0
	for _, c := range p.query.Clauses {
		if len(c.Any) != 1 {
			continue
		}
		aq := pl.WordQuery(c.Any[0], in(indexer.RoleAnswer))
		key, err := json.Marshal(aq) // the word as the request's options match it
		if err != nil {
			return 0
		}
		counts, ok := cache.get(string(key))
		if !ok {
			if counts[0], err = s.runner.count(ctx, aq); err != nil {
				return 0
			}
			if counts[1], err = s.runner.count(ctx, pl.WordQuery(c.Any[0], in(indexer.RoleQuestion))); err != nil {
				return 0
			}
			cache.put(string(key), counts)
		}
		a, q := counts[0], counts[1]
		if a+q == 0 {
			continue // no speech holds it: no evidence either way
		}
		sum += math.Log(((float64(a) + 0.5) / float64(na)) / ((float64(q) + 0.5) / float64(nq)))
		n++
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// roleCounts holds, until the index changes (Refresh), the index's answer
// and question passages and those of the words that executiveWords
// counted, keyed by the word's query: the two counts a word cost a served
// query on minutes a tenth of its throughput at 8 clients, and they depend
// on the index alone. At most maxRoleCounts words are kept; past that it
// starts over.
type roleCounts struct {
	passages [2]int // the index's answer and question passages
	mu       sync.Mutex
	m        map[string][2]int
}

const maxRoleCounts = 20000

// newRoleCounts reads the index's answer and question passages, from one
// snapshot.
func newRoleCounts(rn *runner) *roleCounts {
	c := &roleCounts{m: map[string][2]int{}}
	ns := rn.termCounts(indexer.FieldRole, []string{indexer.RoleAnswer, indexer.RoleQuestion})
	c.passages = [2]int{ns[0], ns[1]}
	return c
}

func (c *roleCounts) get(key string) ([2]int, bool) {
	if c == nil {
		return [2]int{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[key]
	return v, ok
}

func (c *roleCounts) put(key string, v [2]int) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= maxRoleCounts {
		clear(c.m)
	}
	c.m[key] = v
}
