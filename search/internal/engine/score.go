package engine

import "math"

// Scoring is bleve's TF-IDF (search/scorer in bleve v2.5.7), written once
// for both phases:
//
//   - a term scores docFactor × idf × (boost × idf × queryNorm), where
//     docFactor = √tf × norm and queryNorm = 1/√(Σ (boost·idf)²) over every
//     term of the scoring part of the query;
//   - a conjunction sums its parts;
//   - a disjunction, "at least k of n" included, sums the parts that match
//     and multiplies the sum by the share of its parts that match
//     (coordinate).
//
// The first phase works in float32 and leaves out the query norm, which is
// the same for every passage: a term adds docFactor × queryWeight. The
// exact phase computes termScore in float64 in bleve's order of operations.

// docFactor is the passage's part of a term's score.
func docFactor(freq uint32, norm float64) float64 {
	var tf float64
	if freq < uint32(len(sqrtCache)) {
		tf = sqrtCache[freq]
	} else {
		tf = math.Sqrt(float64(freq))
	}
	return tf * norm
}

var sqrtCache = func() []float64 {
	c := make([]float64, 64)
	for i := range c {
		c[i] = math.Sqrt(float64(i))
	}
	return c
}()

// termScore is bleve's TermQueryScorer.Score.
func termScore(freq uint32, norm, boost, idf, qn float64) float64 {
	score := docFactor(freq, norm) * idf
	if w := boost * idf * qn; w != 1 {
		score *= w
	}
	return score
}

// queryWeight is a term's part of the first-phase score: termScore over
// docFactor, without the query norm.
func queryWeight(boost, idf float64) float32 { return float32(boost * idf * idf) }

// termWeight is a term's contribution to the query norm's sum.
func termWeight(boost, idf float64) float64 { return (boost * idf) * (boost * idf) }

// idfOf is bleve's inverse document frequency of a term found in df of n
// live passages.
func idfOf(df, n uint64) float64 { return 1 + math.Log(float64(n)/float64(df+1)) }

// coordinate scales a disjunction's sum by the share of its parts that
// match, as bleve's DisjunctionQueryScorer does.
func coordinate[S float32 | float64](sum S, matched, total int) S {
	return sum * (S(matched) / S(total))
}

// before is the ranking order: the sort key (largest first; 0 for
// relevance), then the score (highest first), then the passage ID order
// (rank, smallest first), bleve's tie-break.
func before[S float32 | float64](keyA int64, scoreA S, rankA uint32, keyB int64, scoreB S, rankB uint32) bool {
	if a, decided := beforeByValue(keyA, scoreA, keyB, scoreB); decided {
		return a
	}
	return rankA < rankB
}

// beforeByValue is before by the key and the score alone: decided is
// false on a tie, which the ranks break. Callers that look the ranks up
// do so only then: a lookup in a large index's rank array is a cache
// miss, and ties are rare.
func beforeByValue[S float32 | float64](keyA int64, scoreA S, keyB int64, scoreB S) (a, decided bool) {
	if keyA != keyB {
		return keyA > keyB, true
	}
	if scoreA != scoreB {
		return scoreA > scoreB, true
	}
	return false, false
}
