package plan

import (
	"slices"
	"strings"
	"testing"

	"seisaku/search/internal/vocab"
	parsed "seisaku/search/query"
	"seisaku/search/synonym"
)

// TestPlanStrict checks the bleve query of a strict plan: fields and
// boosts, readings, themes, exclusions and filters.
func TestPlanStrict(t *testing.T) {
	lookup := func(w string) (string, bool) {
		return "多文化共生・国際", w == "多文化共生" || w == "外国人 交流"
	}
	// The index's text terms with their passage counts: 広報紙 reads
	// コウホウ|シ (広報|公報, then 市|紙…), こう|ほうし as kagome splits the kana.
	readings := vocab.NewReadings(map[string]uint64{"広報": 5, "公報": 1, "紙": 4, "市": 9, "公": 3, "奉仕": 1, "会議": 7})
	tests := []struct {
		q      string
		f      parsed.Scope
		expand bool
		want   string
	}{
		{"", parsed.Scope{}, false, "*"},
		{"", parsed.Scope{Values: map[string][]string{"city": {"大阪市"}}}, false, "BOOL(filter: AND(city=大阪市))"},
		{"", parsed.Scope{Values: map[string][]string{"city": {"大阪市", "unknown"}, "department": {"unknown"}}, YearUnknown: true}, false,
			"BOOL(filter: AND(OR(city=大阪市, BOOL(not: OR(city:*))), BOOL(not: OR(department:*)), BOOL(not: OR(year_facet:*))))"},
		{"区政", parsed.Scope{}, false,
			`BOOL(must: OR(text:"区政"^3, title:"区政"^2, headings:"区政"^1.5, text_bigram:all(区政)^0.5))`},
		{"こうほうし", parsed.Scope{}, false,
			`BOOL(must: OR(text:"こうほうし"^3, title:"こうほうし"^2, headings:"こうほうし"^1.5, text_bigram:all(こうほうし)^0.5, text:⟨広報|公報 市|紙⟩, text:⟨公 奉仕⟩))`},
		{`"こうほうし"`, parsed.Scope{}, false,
			`BOOL(must: OR(text:"こうほうし"^3, title:"こうほうし"^2, headings:"こうほうし"^1.5, text_bigram:all(こうほうし)^0.5))`},
		{"区政 -会議", parsed.Scope{Values: map[string][]string{"department": {"市民局", "政策企画室"}}, YearFrom: 2020, YearTo: 2022}, false,
			`BOOL(must: OR(text:"区政"^3, title:"区政"^2, headings:"区政"^1.5, text_bigram:all(区政)^0.5); ` +
				`not: OR(OR(text:"会議"^3, title:"会議"^2, headings:"会議"^1.5, text_bigram:all(会議)^0.5)); ` +
				`filter: AND(OR(department=市民局, department=政策企画室), year_facet[2020,2022]))`},
		{"多文化共生", parsed.Scope{}, true,
			`BOOL(must: OR(text:"多文化共生"^3, title:"多文化共生"^2, headings:"多文化共生"^1.5, text_bigram:all(多文化共生)^0.5, issue_type=多文化共生・国際^0.005))`},
		{"多文化共生", parsed.Scope{}, false,
			`BOOL(must: OR(text:"多文化共生"^3, title:"多文化共生"^2, headings:"多文化共生"^1.5, text_bigram:all(多文化共生)^0.5))`},
		{"防災 OR 減災", parsed.Scope{Values: map[string][]string{"issue_type": {"防災"}}, YearFrom: 2022, YearTo: 2022}, false,
			`BOOL(must: OR(OR(text:"防災"^3, title:"防災"^2, headings:"防災"^1.5, text_bigram:all(防災)^0.5), ` +
				`OR(text:"減災"^3, title:"減災"^2, headings:"減災"^1.5, text_bigram:all(減災)^0.5)); filter: AND(issue_type=防災, year_facet[2022,2022]))`},
		{"外国人 交流", parsed.Scope{YearTo: 2011}, true,
			`BOOL(must: OR(AND(OR(text:"外国人"^3, title:"外国人"^2, headings:"外国人"^1.5, text_bigram:all(外国人)^0.5), ` +
				`OR(text:"交流"^3, title:"交流"^2, headings:"交流"^1.5, text_bigram:all(交流)^0.5)), issue_type=多文化共生・国際^0.005); filter: AND(year_facet[,2011]))`},
	}
	for _, tt := range tests {
		q, err := parsed.Parse(tt.q)
		if err != nil {
			t.Fatal(err)
		}
		o := Options{Readings: readings}
		if tt.expand {
			o.Themes = lookup
		}
		if got := Describe(New(q, tt.q, tt.f, o).At(LevelStrict).Query); got != tt.want {
			t.Errorf("build(%q):\n got %s\nwant %s", tt.q, got, tt.want)
		}
	}
}

func mustSynonyms(t *testing.T) *synonym.Dict {
	t.Helper()
	d, err := synonym.Default()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// A variant inside a compound is an alternative (子供の医療費 → 子どもの医療費);
// a hiragana word is not split by guess.
func TestAlternatives(t *testing.T) {
	if got := alternatives(mustSynonyms(t), "しょうがいしゃ"); slices.ContainsFunc(got, func(a Alternative) bool { return strings.Contains(a.Text, "生姜") }) {
		t.Errorf("alternatives(しょうがいしゃ) = %v: a hiragana word split by guess", got)
	}
	if got := alternatives(mustSynonyms(t), "子供の医療費"); !slices.ContainsFunc(got, func(a Alternative) bool { return a.Text == "子どもの医療費" }) {
		t.Errorf("alternatives(子供の医療費) = %v", got)
	}
}

// A dependent word is no part: くださる of 教えてください says nothing.
func TestWordParts(t *testing.T) {
	for _, p := range wordParts("子育て支援について教えてください") {
		if p.Term == "くださる" {
			t.Errorf("くださる of 教えてください is a part: %+v", wordParts("子育て支援について教えてください"))
		}
	}
}

// A word of noun phrases joined by particles is split into them; a word
// with a verb or a dependent word, a phrase of one character, or one noun
// phrase is not.
func TestSplitPhrases(t *testing.T) {
	for w, want := range map[string]string{
		"ふるさと納税の返礼品": "ふるさと納税|返礼品",
		"子どもの医療費":    "子ども|医療費",
		"学校給食費の無償化":  "学校給食費|無償化",
		"空き家バンク":     "",
		"中学生まで":      "",
		"ごみの出し方":     "",
		"保育園に入りたい":   "",
	} {
		if got := strings.Join(splitPhrases(w), "|"); got != want {
			t.Errorf("splitPhrases(%s) = %q, want %q", w, got, want)
		}
	}
	q, err := parsed.Parse("子どもの医療費")
	if err != nil {
		t.Fatal(err)
	}
	got := Describe(New(q, "子どもの医療費", parsed.Scope{}, Options{}).At(LevelStrict).Query)
	want := `AND(OR(text:"子ども"^3, title:"子ども"^2, headings:"子ども"^1.5, text_bigram:all(子ども)^0.5), ` +
		`OR(text:"医療費"^3, title:"医療費"^2, headings:"医療費"^1.5, text_bigram:all(医療費)^0.5), ` +
		`OR(role=question^1e-09, role=answer^1e-09, role=chair^1e-09))`
	if !strings.Contains(got, want) {
		t.Errorf("strict plan of 子どもの医療費:\n got %s\nwant it to hold %s", got, want)
	}
}

// TestYearRange checks the year filter as a range of year_facet's terms,
// whose four digits order as the years do: bounds past four digits are
// clamped, and a range wholly outside them matches nothing (as a term
// range, "10000" would sort before "2019").
func TestYearRange(t *testing.T) {
	for _, tt := range []struct {
		from, to int
		want     string
	}{
		{2019, 2022, "year_facet[2019,2022]"},
		{0, 2011, "year_facet[,2011]"},
		{2020, 0, "year_facet[2020,]"},
		{5, 99999, "year_facet[1000,9999]"},
		{10000, 0, "none"},
		{0, 999, "none"},
	} {
		if got := Describe(yearRange(tt.from, tt.to)); got != tt.want {
			t.Errorf("yearRange(%d, %d) = %s, want %s", tt.from, tt.to, got, tt.want)
		}
	}
}
