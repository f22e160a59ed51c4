package hit

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// TestShingled checks the fast ranges of shingled against Unicode's
// tables: no rune they keep is white space, punctuation or a symbol.
func TestShingled(t *testing.T) {
	for r := rune(0); r <= 0xFFFF; r++ {
		want := !unicode.IsSpace(r) && !unicode.IsPunct(r) && !unicode.IsSymbol(r)
		if got := shingled(r); got != want {
			t.Errorf("shingled(%U %q) = %v, want %v", r, r, got, want)
		}
	}
}

// TestCollapsePages: the passages of a page fold into its first hit; a
// page whose passages together hold more of the query's words comes
// before one that holds fewer; hits without a page keep their places.
func TestCollapsePages(t *testing.T) {
	m := func(words ...string) *Match {
		var ws []WordMatch
		for _, w := range []string{"物価高", "支援"} {
			how := "missing"
			if slices.Contains(words, w) {
				how = "exact"
			}
			ws = append(ws, WordMatch{Word: w, How: how})
		}
		return &Match{Kind: "relaxed", Words: ws}
	}
	hits := []Hit{
		{ID: "q-3", DocID: "q", Page: 3, Match: m("支援")},         // a question: 支援 alone
		{ID: "t-0", DocID: "t", Match: m("支援")},                  // a text document: stays second
		{ID: "b-5a", DocID: "b", Page: 5, Match: m("物価高")},       // a budget page's table row…
		{ID: "q-4", DocID: "q", Page: 4, Match: m("支援")},         //
		{ID: "b-5b", DocID: "b", Page: 5, Match: m("支援")},        // …and another row of it
		{ID: "b-5c", DocID: "b", Page: 5, Match: m("物価高", "支援")}, // folded too
	}
	var got []string
	for _, h := range CollapsePages(hits) {
		got = append(got, fmt.Sprintf("%s+%d", h.ID, h.SamePage))
	}
	if want := "b-5a+2 t-0+0 q-3+0 q-4+0"; strings.Join(got, " ") != want {
		t.Errorf("got %s, want %s", strings.Join(got, " "), want)
	}
}

// TestFragmentsStayBelow: a relaxed hit that holds only one-character
// fragments of the query's words (共, 性 of 多文化共性) stays below a hit
// holding a real part (多文化), even one the per-document cap moves back.
func TestFragmentsStayBelow(t *testing.T) {
	part := func(terms ...string) *Match {
		return &Match{Kind: "relaxed", Words: []WordMatch{{Word: "多文化共性", How: "parts", Terms: terms}}}
	}
	hits := []Hit{
		{ID: "a-1", DocID: "a", Text: "大阪市多文化共生施策推進本部会議", Match: part("多文化")},
		{ID: "a-2", DocID: "a", Text: "大阪市多文化共生指針行動計画", Match: part("多文化")},
		{ID: "a-3", DocID: "a", Text: "多文化共生社会の実現", Match: part("多文化")},
		{ID: "b-1", DocID: "b", Text: "共感と共創のまちづくり", Match: part("共")},
		{ID: "c-1", DocID: "c", Text: "機動性に優れる", Match: part("性")},
	}
	out, _ := Diversify(slices.Clone(hits), 2, 20)
	var got []string
	for _, h := range out {
		got = append(got, h.ID)
	}
	if want := "a-1 a-2 a-3 b-1 c-1"; strings.Join(got, " ") != want {
		t.Errorf("order %s, want %s", strings.Join(got, " "), want)
	}
}

// TestCollapsePagesMinutes: on a page of minutes a member's question and
// the answers to it stay hits of their own; a speaker's two passages fold.
func TestCollapsePagesMinutes(t *testing.T) {
	sp := func(name, role string) Speech { return Speech{Speaker: name, Role: role} }
	hits := []Hit{
		{ID: "m-5", DocID: "m", Page: 2, Speech: sp("森澤恭子", "answer")},
		{ID: "m-3", DocID: "m", Page: 2, Speech: sp("山田太郎", "question")},
		{ID: "m-6", DocID: "m", Page: 2, Speech: sp("森澤恭子", "answer")},
		{ID: "m-7", DocID: "m", Page: 2, Speech: sp("伊藤三郎", "answer")},
	}
	var got []string
	for _, h := range CollapsePages(hits) {
		got = append(got, fmt.Sprintf("%s+%d", h.ID, h.SamePage))
	}
	if want := "m-5+1 m-3+0 m-7+0"; strings.Join(got, " ") != want {
		t.Errorf("got %s, want %s", strings.Join(got, " "), want)
	}
}
