package search

import (
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"seisaku/indexer"
	"seisaku/indexer/passage"
	"seisaku/search/internal/vocab"
	"seisaku/search/plan"
)

// readingPassages are sentences of the seed pages (大阪市 市民局・政策企画室
// 運営方針) in which the kana queries below have to find kanji.
var readingPassages = []string{
	"区の広報紙のうち市全体に関する情報を掲載している市政情報面について、平易な表現やイラスト・図表・写真を用いて記事内容を分かりやすくする。",
	"職員とNPO法人が互いに理解し合う場としての市民協働フォーラム実施。",
	"大阪市多文化共生施策推進本部において、大阪市多文化共生指針行動計画の進捗管理を行う。",
	"情報関連部門の有機的連携を図り、積極的な情報発信を全庁的に推進する。",
	"生活者である市民や来街者が安全で安心して暮らし過ごせると感じることができるまち。",
	"市民の声を聞き、市政に反映する。",
}

// newIndex indexes texts as the passages of one document.
func newIndex(t *testing.T, texts []string) bleve.Index {
	t.Helper()
	idx, err := indexer.NewMemory(indexer.NewMapping())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	d := &indexer.Document{ID: "seed", Title: "令和4年度市民局運営方針"}
	for i, text := range texts {
		d.Passages = append(d.Passages, indexer.Passage{Passage: passage.Passage{Seq: i, Text: text}})
	}
	addDocuments(t, idx, []*indexer.Document{d})
	return idx
}

// TestKanaFindsKanji searches real sentences with words typed in kana, which
// kagome would segment differently from the kanji (こうほうし → こう|ほうし).
func TestKanaFindsKanji(t *testing.T) {
	s := New(newIndex(t, readingPassages))
	tests := []markCase{ // want: the marked text of every hit
		{"こうほうし", "広報紙"},
		{"コウホウシ", "広報紙"},
		{"しみんきょうどう", "市民協働"},
		{"たぶんかきょうせい", "多文化共生|多文化共生"},
		{"じょうほうはっしん", "情報発信"},
		{"しみんのこえ", "市民の声"},
		{"しみんかつどう", ""},
	}
	checkMarks(t, s, tests)
}

// marked returns the texts between <mark> and </mark>.
func marked(s string) []string {
	var out []string
	for {
		i := strings.Index(s, "<mark>")
		if i < 0 {
			return out
		}
		s = s[i+len("<mark>"):]
		j := strings.Index(s, "</mark>")
		out = append(out, s[:j])
		s = s[j:]
	}
}

// TestReadingNotForKanji: a word with kanji never matches by reading, so 試案
// (シアン) does not find 市案 or 私案.
func TestReadingNotForKanji(t *testing.T) {
	s := New(newIndex(t, readingPassages))
	for _, q := range []string{"広報紙", "市民協働", "情報 はっしん"} {
		p, err := ParseQuery(q)
		if err != nil {
			t.Fatal(err)
		}
		got := plan.Describe(plan.New(p, q, scope{}, plan.Options{Readings: s.vocab.Load().Readings()}).At(LevelStrict).Query)
		if n := strings.Count(got, "⟨"); n != strings.Count(q, "はっしん") { // a multi-phrase: terms by reading
			t.Errorf("%s: %d reading clauses in %s", q, n, got)
		}
	}
}

// TestReadingDictOnAlias: an alias over one index has its dictionary; an
// alias over two has none in bleve v2.5, so kana words then match only the
// other fields, without an error.
func TestReadingDictOnAlias(t *testing.T) {
	one := New(bleve.NewIndexAlias(newIndex(t, readingPassages)))
	if one.vocab.Load().Readings() == nil {
		t.Error("alias over one index: no reading dictionary")
	}
	two := New(bleve.NewIndexAlias(newIndex(t, readingPassages[:3]), newIndex(t, readingPassages[3:])))
	if two.vocab.Load().Readings() != nil {
		t.Error("alias over two indexes: a reading dictionary")
	}
	if res := search(t, two, Request{Q: "こうほうし"}); res.TotalHits != 0 {
		t.Errorf("alias over two indexes: こうほうし found %d passages", res.TotalHits)
	}
	if res := search(t, two, Request{Q: "広報紙"}); res.TotalHits != 1 {
		t.Errorf("alias over two indexes: 広報紙 found %d passages, want 1", res.TotalHits)
	}
}

// TestBigramOnlyMatchIsMarked: 化共生 does not match the morph field (多文化|共生
// is no phrase 化|共生) but every bigram of it is in the passage, so the hit
// comes from the bigram field, which has no locations; the highlighter finds
// the word in the text instead.
func TestBigramOnlyMatchIsMarked(t *testing.T) {
	s, _ := newTestSearcher(t)
	tests := []markCase{
		{"化共生", "化共生|化共生|化共生"},
		{"コンビニ", "ｺﾝﾋﾞﾆ|コンビニ"},
		{"ＳＮＳ 活用", "ＳＮＳ|活用|SNS|活用"},
	}
	checkMarks(t, s, tests)
}

// BenchmarkLoadReadings measures reading the vocabulary (the reading
// dictionary among it) of a small index.
func BenchmarkLoadReadings(b *testing.B) {
	idx, err := indexer.NewMemory(indexer.NewMapping())
	if err != nil {
		b.Fatal(err)
	}
	defer idx.Close()
	d := &indexer.Document{ID: "seed", Title: "運営方針"}
	for i, text := range readingPassages {
		if err := idx.Index(indexer.PassageID(d.ID, i), d.Fields(indexer.Passage{Passage: passage.Passage{Seq: i, Text: text}})); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		if _, err := vocab.Load(vocab.Source{Dict: idx.FieldDict}); err != nil {
			b.Fatal(err)
		}
	}
}

// markCase is a query and the marked text of all its hits, joined by |.
type markCase struct{ q, want string }

func checkMarks(t *testing.T, s *Searcher, tests []markCase) {
	t.Helper()
	for _, tt := range tests {
		res := search(t, s, Request{Q: tt.q, Matching: MatchingAll})
		var got []string
		for _, h := range res.Hits {
			got = append(got, marked(h.Formatted.Text)...)
		}
		if g := strings.Join(got, "|"); g != tt.want {
			t.Errorf("%s: marked %q, want %q", tt.q, g, tt.want)
		}
	}
}
