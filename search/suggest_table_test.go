package search

import (
	"fmt"
	"testing"
)

// TestTermTableComplete checks both paths of the suggestion table: a
// one-character prefix (precomputed top terms) and a longer one (binary
// search), most frequent first, the prefix itself left out.
func TestTermTableComplete(t *testing.T) {
	t.Parallel()
	terms := []Suggestion{ // sorted by term, as the dictionary gives them
		{Text: "市", Count: 90}, {Text: "市政", Count: 40}, {Text: "市民", Count: 70},
		{Text: "市民協働", Count: 5}, {Text: "市長", Count: 60}, {Text: "広報", Count: 30},
	}
	tt := &termTable{sorted: terms, first: map[string][]Suggestion{}}
	tt.first["市"] = topByCount(terms[:5], MaxSuggestions+1)
	tt.first["広"] = topByCount(terms[5:], MaxSuggestions+1)
	for _, tc := range []struct {
		prefix string
		n      int
		want   string
	}{
		{"市", 3, "[市民/70 市長/60 市政/40]"},
		{"市民", 8, "[市民協働/5]"},
		{"広", 8, "[広報/30]"},
		{"区", 8, "[]"},
	} {
		var got []string
		for _, s := range tt.complete(tc.prefix, tc.n) {
			got = append(got, fmt.Sprintf("%s/%d", s.Text, s.Count))
		}
		if g := fmt.Sprint(got); g != tc.want {
			t.Errorf("complete(%q, %d) = %s, want %s", tc.prefix, tc.n, g, tc.want)
		}
	}
}
