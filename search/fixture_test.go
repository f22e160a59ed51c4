package search

import (
	"context"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"seisaku/indexer"
	"seisaku/indexer/meta"
	"seisaku/indexer/passage"
	"seisaku/indexer/samples"
	"seisaku/indexer/theme"
)

// The fixture is five documents built from sentences of the seed pages
// (/work/shared/seeds: 大阪市 政策企画室・市民局 運営方針, 大阪市 市政改革,
// 枚方市 市長公室の取り組み, 柏原市 部長マニフェスト), with a few sentences
// added to exercise width, escaping and theme expansion.
type fixturePassage struct {
	text     string
	headings []string
	themes   []string
}

type fixtureDoc struct {
	id, title string
	meta      meta.Metadata
	passages  []fixturePassage
}

var fixture = []fixtureDoc{
	{"osaka-seisaku", "令和4年度政策企画室運営方針",
		meta.Metadata{City: "大阪市", Prefecture: "大阪府", Department: "政策企画室", FiscalYear: 2022, Published: "2023-06-09"},
		[]fixturePassage{
			{"豊かな大阪の実現のためのトップマネジメントの補佐", []string{"室の目標(何をめざすのか)"}, nil},
			{"市民との情報共有と信頼の確保を図るための情報発信の推進", []string{"室の目標(何をめざすのか)"}, []string{"広報・広聴"}},
			{"社会経済情勢に即した政策を企画立案し、全庁的な調整を行う。", []string{"室の使命(どのような役割を担うのか)"}, nil},
			{"ＳＮＳを活用した情報発信を全庁的に推進する。", []string{"室の使命(どのような役割を担うのか)"}, []string{"広報・広聴", "デジタル・ICT"}},
		}},
	{"osaka-shimin", "令和4年度市民局運営方針",
		meta.Metadata{City: "大阪市", Prefecture: "大阪府", Department: "市民局", FiscalYear: 2022, Published: "2024-01-31"},
		[]fixturePassage{
			{"生活者である市民や来街者が安全で安心して暮らし過ごせると感じることができるまち。", []string{"区・局の目標(何をめざすのか)"}, []string{"防犯・安全安心"}},
			{"ICTを活用した市民サービス向上の観点から証明書のコンビニ交付サービスや施設利用手続き等のオンライン化を推進する。", nil, []string{"デジタル・ICT"}},
			{"大阪市多文化共生施策推進本部において、大阪市多文化共生指針行動計画の進捗管理を行い、施策分野を横断的に連携して課題に取り組む。", []string{"経営課題1 誰もが自分らしく暮らせるまちづくり", "戦略1-1 多文化共生社会づくりの推進"}, []string{"多文化共生・国際"}},
			{"女性求職者に対し、求職者のニーズに沿った企業等とのマッチング機会を提供する。", []string{"経営課題2 女性の活躍推進"}, []string{"男女共同参画・女性活躍"}},
		}},
	{"osaka-kaikaku", "市政改革の取組状況",
		meta.Metadata{City: "大阪市", FiscalYear: 2011},
		[]fixturePassage{
			{"【趣旨・目的】 区政についての意見と区政の評価を行う「区政会議」の設置等により、区の実情に合わせた協働型の区政を展開する。", []string{"2 区役所・市役所力の強化", "事項2-③ 「区政会議」の設置など"}, []string{"市民協働・地域活動"}},
			{"ア 区政会議の設置 イ 各区の実情に応じた区民参加の拡充", []string{"2 区役所・市役所力の強化"}, []string{"市民協働・地域活動"}},
		}},
	{"hirakata-koshitsu", "市長公室の取り組み",
		meta.Metadata{City: "枚方市", Prefecture: "大阪府", Department: "市長公室", FiscalYear: 2022},
		[]fixturePassage{
			{"市の発信する情報が市民にわかりやすく適切に届けられるよう、広報紙や市ホームページ、SNSなど多様な情報発信媒体の効果的な活用に向けた庁内体制を構築する。", []string{"重点的な取り組み：情報発信力を全庁的に強化する体制の構築"}, []string{"広報・広聴"}},
			{"市民と外国人の異文化交流を進め、互いを思いやるまちづくりを進める。", nil, []string{"多文化共生・国際"}},
			{"<script>alert(1)</script>市内のｺﾝﾋﾞﾆで広報紙を配布する。", nil, []string{"広報・広聴"}},
			{"人権問題の多様化・深刻化が進む中、新型コロナウイルス感染症に関する誹謗中傷や偏見・差別、SNS への心無い書き込みなど、新たな人権課題への対応が求められている。", []string{"重点的な取り組み：人権施策を推進する取り組み"}, []string{"人権"}},
		}},
	{"kashiwara-seisaku", "政策推進部 部長マニフェスト",
		meta.Metadata{City: "柏原市", Department: "政策推進部"},
		[]fixturePassage{
			{"政策推進部は、市長のトップマネジメントを支え、第4次柏原市総合計画に基づいて、柏原市の将来像の実現を目指す。", []string{"私の思い"}, nil},
			{"外国人市民への情報提供を充実させ、多文化共生の地域づくりを進める。", []string{"私の思い"}, []string{"多文化共生・国際"}},
		}},
}

// documents converts the fixture into indexer Documents.
func documents() []*indexer.Document {
	var ds []*indexer.Document
	for _, f := range fixture {
		d := &indexer.Document{ID: f.id, Title: f.title, Meta: f.meta, Source: "seeds/" + f.id}
		var themes [][]string
		for i, p := range f.passages {
			d.Passages = append(d.Passages, indexer.Passage{
				Passage: passage.Passage{Seq: i, Text: p.text, Headings: p.headings}, Themes: p.themes})
			themes = append(themes, p.themes)
		}
		d.Themes = theme.Rollup(themes) // as the indexer rolls them up
		ds = append(ds, d)
	}
	return ds
}

// newTestSearcher indexes the fixture in memory.
func newTestSearcher(t testing.TB) (*Searcher, []*indexer.Document) {
	t.Helper()
	ds := documents()
	return New(memoryIndex(t, ds)), ds
}

// samplesIndex indexes the bundled sample documents in memory, as `serve`
// does without an index; the test is skipped with -short.
func samplesIndex(t testing.TB) bleve.Index {
	t.Helper()
	if testing.Short() {
		t.Skip("builds an index of the samples")
	}
	idx, _, err := indexer.BuildMemory(context.Background(), samples.FS(), indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	return idx
}

// memoryIndex indexes ds in a new in-memory index closed with the test.
func memoryIndex(t testing.TB, ds []*indexer.Document) bleve.Index {
	t.Helper()
	idx, err := indexer.NewMemory(indexer.NewMapping())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	addDocuments(t, idx, ds)
	return idx
}

// addDocuments indexes the passages of ds in one batch, as a build does
// (indexer.Passages: the document's stored fields on its first passage).
func addDocuments(t testing.TB, idx bleve.Index, ds []*indexer.Document) {
	t.Helper()
	b := idx.NewBatch()
	for _, d := range ds {
		ps, err := indexer.Passages(idx.Mapping(), d)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			if err := b.IndexAdvanced(p); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
}

func search(t *testing.T, s *Searcher, r Request) *Result {
	t.Helper()
	res, err := s.Search(context.Background(), r)
	if err != nil {
		t.Fatalf("Search(%+v): %v", r, err)
	}
	return res
}
