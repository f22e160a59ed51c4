package search

import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// judgement is one expected passage: a hit whose title starts with title
// and whose text contains snippet (so passage IDs may change).
type judgement struct{ title, snippet string }

func (j judgement) matches(h Hit) bool {
	return strings.HasPrefix(h.Title, j.title) && strings.Contains(h.Text, j.snippet)
}

func readJudgements(t *testing.T) ([]string, map[string][]judgement) {
	f, err := os.Open("testdata/relevance.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var order []string
	js := map[string][]judgement{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != 3 {
			t.Fatalf("relevance.tsv: bad line %q", line)
		}
		if _, ok := js[c[0]]; !ok {
			order = append(order, c[0])
		}
		js[c[0]] = append(js[c[0]], judgement{c[1], c[2]})
	}
	return order, js
}

// TestRelevance scores the ranking of the bundled samples against
// testdata/relevance.tsv: recall@10, reciprocal rank and nDCG@10 (binary
// gains) per query and their means, compared with
// testdata/relevance_golden.txt (rewrite with -update).
func TestRelevance(t *testing.T) {
	idx := samplesIndex(t)
	s := New(idx)
	order, js := readJudgements(t)
	var b strings.Builder
	var sumR, sumRR, sumN float64
	for _, q := range order {
		res := search(t, s, Request{Q: q, Expand: true, HitsPerPage: 10})
		r, rr, n := score(res.Hits, js[q])
		sumR, sumRR, sumN = sumR+r, sumRR+rr, sumN+n
		fmt.Fprintf(&b, "%-24s recall@10=%.2f rr=%.2f ndcg@10=%.2f\n", q, r, rr, n)
	}
	k := float64(len(order))
	fmt.Fprintf(&b, "MEAN (%d queries)        recall@10=%.3f mrr=%.3f ndcg@10=%.3f\n", len(order), sumR/k, sumRR/k, sumN/k)
	compareGolden(t, "testdata/relevance_golden.txt", b.String())
}

// score returns recall@10, the reciprocal rank of the first relevant hit
// and nDCG@10 with binary gains (a hit earns once, however many expected
// snippets it shows).
func score(hits []Hit, js []judgement) (recall, rr, ndcg float64) {
	found := make([]bool, len(js))
	var dcg float64
	for i, h := range hits {
		// A passage may hold several expected snippets: it finds them all
		// but earns its rank's gain once.
		gain := false
		for k, j := range js {
			if !found[k] && j.matches(h) {
				found[k], gain = true, true
			}
		}
		if gain {
			dcg += 1 / math.Log2(float64(i+2))
			if rr == 0 {
				rr = 1 / float64(i+1)
			}
		}
	}
	var idcg float64
	n := 0
	for i := range min(len(js), 10) {
		idcg += 1 / math.Log2(float64(i+2))
	}
	for _, f := range found {
		if f {
			n++
		}
	}
	return float64(n) / float64(len(js)), rr, dcg / idcg
}

func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./search -run Relevance -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s changed (rewrite with -update if intended):\n got:\n%s\nwant:\n%s", path, got, want)
	}
}
