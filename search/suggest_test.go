package search

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestSuggestSamples checks the suggestions a new user met on the bundled
// samples: kana prefixes complete by reading, a word is offered once, and
// terms are shown as the text writes them, not folded.
func TestSuggestSamples(t *testing.T) {
	s := New(samplesIndex(t))
	for _, tc := range []struct {
		prefix  string
		want    []string // among the suggestions
		notWant []string // never among them
	}{
		{"こそ", []string{"子育て"}, nil},
		{"たぶんか", []string{"多文化"}, nil},
		{"ぼう", []string{"防災", "防犯"}, nil},
		{"パート", []string{"パートナー", "パートナーシップ"}, []string{"パートナ"}},
		{"sn", []string{"SNS"}, []string{"sns"}},
		{"ＳＮ", []string{"SNS"}, []string{"sns", "ＳＮＳ"}},
	} {
		got, err := s.Suggest(context.Background(), tc.prefix, 8)
		if err != nil {
			t.Fatal(err)
		}
		texts := map[string]bool{}
		for _, g := range got {
			texts[g.Text] = true
		}
		for _, w := range tc.want {
			if !texts[w] {
				t.Errorf("Suggest(%q) = %s: no %s", tc.prefix, show(got), w)
			}
		}
		for _, w := range tc.notWant {
			if texts[w] {
				t.Errorf("Suggest(%q) = %s: offers %s", tc.prefix, show(got), w)
			}
		}
	}
	got, _ := s.Suggest(context.Background(), "子育", 8)
	n := 0
	for _, g := range got {
		if g.Text == "子育て" {
			n++
		}
	}
	if n != 1 || got[0].Text != "子育て" {
		t.Errorf("Suggest(子育) = %s: want 子育て once, first", show(got))
	}
}

func show(ss []Suggestion) string {
	var b strings.Builder
	for _, s := range ss {
		fmt.Fprintf(&b, " %s/%s", s.Text, s.Kind)
	}
	return b.String()
}
