package passage

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"seisaku/indexer/source"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// readBlocks reads a .blocks file: one block a line, "P text" (Paragraph),
// "L text" (ListItem), "C text" (TableCell), "S text" (Speech), "Hn text"
// (Heading, level n; H0 unknown). The texts are lines of the seeds.
func readBlocks(t *testing.T, path string) []source.Block {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var blocks []source.Block
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		tag, text, ok := strings.Cut(sc.Text(), " ")
		if !ok {
			t.Fatalf("%s: bad line %q", path, sc.Text())
		}
		blocks = append(blocks, block(t, tag, text))
	}
	return blocks
}

func block(t *testing.T, tag, text string) source.Block {
	kinds := map[string]source.BlockKind{"P": source.Paragraph, "L": source.ListItem,
		"C": source.TableCell, "S": source.Speech}
	if k, ok := kinds[tag]; ok {
		return source.Block{Kind: k, Text: text}
	}
	level, err := strconv.Atoi(strings.TrimPrefix(tag, "H"))
	if !strings.HasPrefix(tag, "H") || err != nil {
		t.Fatalf("bad block tag %q", tag)
	}
	return source.Block{Kind: source.Heading, Level: level, Text: text}
}

// compact renders a passage as "seq [h1 › h2] text", the text shortened to
// its first 24 and last 12 characters, line breaks as ⏎.
func compact(p Passage) string {
	text := []rune(strings.ReplaceAll(p.Text, "\n", "⏎"))
	if len(text) > 40 {
		text = append(append(text[:24:24], '…'), text[len(text)-12:]...)
	}
	return fmt.Sprintf("%d [%s] %s", p.Seq, strings.Join(p.Headings, " › "), string(text))
}

func render(ps []Passage) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(compact(p) + "\n")
	}
	return b.String()
}

// TestSplitSeeds splits blocks built from seeds 000, 001, 003 and 004 and
// compares every passage with testdata/<seed>.golden (go test -update).
func TestSplitSeeds(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.blocks")
	if len(files) == 0 {
		t.Fatal("no testdata/*.blocks")
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			got := render(Split(readBlocks(t, path)))
			golden := strings.TrimSuffix(path, ".blocks") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("Split(%s) differs from %s:\n%s", path, golden, got)
			}
		})
	}
}

// TestSplitSeed000Bullet pins the heading path the brief asks for.
func TestSplitSeed000Bullet(t *testing.T) {
	ps := Split(readBlocks(t, "testdata/seed000.blocks"))
	want := "1 重点的に取り組む主な経営課題 › 経営課題1 全庁的な政策推進 › 戦略 1-1 全庁的な企画立案機能の強化 › " +
		"具体的取組 1-1-1 迅速かつ的確な政策決定及び関係所属との連携強化"
	for _, p := range ps {
		if strings.HasPrefix(p.Text, "本市をとりまく状況を分析し、") {
			if got := strings.Join(p.Headings, " › "); got != want {
				t.Errorf("headings = %s\nwant       %s", got, want)
			}
			return
		}
	}
	t.Fatal("bullet 本市をとりまく状況を分析し、… not found")
}

func TestSplitSmall(t *testing.T) {
	tests := []struct {
		name   string
		blocks string // blocks as in a .blocks file, separated by " | "
		want   string // compact passages, separated by " | "
	}{
		{"budget line joins the bullet before it",
			"P 【広報担当・報道担当・広聴担当】 | L 新型コロナウイルス感染症による状況に留意しながら、研修などの支援に取り組む。 | P (予算額 7百万円)",
			"0 [広報担当・報道担当・広聴担当] 新型コロナウイルス感染症による状況に留意しながら…。⏎(予算額 7百万円)"},
		{"fragment before any passage goes in front of the next",
			"P 令和4年度 | P (2022年度) | P 市長公室の取り組み",
			"0 [] 令和4年度⏎(2022年度)⏎市長公室の取り組み"},
		{"fragment alone when the headings change",
			"H2 アウトプット | P 10件 | H2 アウトカム | P 市民主体のまちづくりを推進します。",
			"0 [アウトプット] 10件 | 1 [アウトカム] 市民主体のまちづくりを推進します。"},
		{"footer block dropped",
			"S 市民並びに議員各位の御理解と御協力を賜りたいと存じます。 | P 問合せ先: 大阪市 市民局総務部総務担当総務グループ",
			"0 [] 市民並びに議員各位の御理解と御協力を賜りたいと存じます。"},
		{"seed 002 TSV cells",
			"C 2 区役所・市役所力の強化 | C 事項2-③ 「区政会議」の設置など | " +
				"C 【成果目標】 区民の意見を反映した区政運営 | C 【業績目標】 同 上 | C 事項2-④ 体制づくり | " +
				"C 【成果目標】 ア 企画機能の強化 イ 地域との関係における縦割り等の弊害の改善 ウ 協働の推進",
			"0 [2 区役所・市役所力の強化 › 事項2-③ 「区政会議」の設置など] 【成果目標】 区民の意見を反映した区政運営⏎【業績目標】 同 上 | " +
				"1 [2 区役所・市役所力の強化 › 事項2-④ 体制づくり] 【成果目標】 ア 企画機能の強化 イ 地域との関…害の改善 ウ 協働の推進"},
		{"a bulletin article's lines are one passage",
			"H1 5月 移動子育てサロン | P 子育て中の親子が気軽に集える場所です。保育士がいますので、子育ての相談もできます。 | " +
				"P 対象：未就学児と保護者 | P 時間：10時15分～11時45分。 | P 問合せ：子育て支援センター",
			"0 [5月 移動子育てサロン] 子育て中の親子が気軽に集える場所です。保育士がい…合せ：子育て支援センター"},
		{"a record's fields are one passage",
			"H1 ごみ減量モニター事業 | P 所属: 環境部　廃棄物対策課 | P 予算: 176千円 | P 評価: 現状継続 | P 活動指標: モニター数 50人",
			"0 [ごみ減量モニター事業] 所属: 環境部　廃棄物対策課⏎予算: 176千円…標: モニター数 50人"},
		{"two paragraphs of prose stay apart",
			"S " + strings.Repeat("市民の皆様とともに、安全で安心して暮らせるまちづくりを進めてまいります。", 3) + " | " +
				"S " + strings.Repeat("次に、子育て支援につきましては、保育所の待機児童の解消に努めてまいります。", 3),
			"0 [] 市民の皆様とともに、安全で安心して暮らせるまちづ…くりを進めてまいります。 | " +
				"1 [] 次に、子育て支援につきましては、保育所の待機児童…解消に努めてまいります。"},
		{"a bracket at the end of a bullet is not a heading",
			"L 関係所属と連携・協力し、持続可能な施設マネジメント等を推進する。【持続可能な施設マネジメントの取組の推進(改革の柱3-2(1))】",
			"0 [] 関係所属と連携・協力し、持続可能な施設マネジメン…改革の柱3-2(1))】"},
		{"level-less heading with a pattern keeps its rank",
			"H0 経営課題1 全庁的な政策推進 | H0 戦略 1-1 全庁的な企画立案機能の強化 | L 企画立案し、全庁的な調整を行う。",
			"0 [経営課題1 全庁的な政策推進 › 戦略 1-1 全庁的な企画立案機能の強化] 企画立案し、全庁的な調整を行う。"},
		{"blank blocks dropped, ends trimmed",
			"P 　 | L 「伝わる広報」の実現に向け、市広報全般について改善・強化を行う。 ",
			"0 [] 「伝わる広報」の実現に向け、市広報全般について改善・強化を行う。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var blocks []source.Block
			for _, line := range strings.Split(tt.blocks, " | ") {
				tag, text, _ := strings.Cut(line, " ")
				blocks = append(blocks, block(t, tag, text))
			}
			var got []string
			for _, p := range Split(blocks) {
				got = append(got, compact(p))
			}
			if g := strings.Join(got, " | "); g != tt.want {
				t.Errorf("got  %s\nwant %s", g, tt.want)
			}
		})
	}
}

func TestSplitLongSpeech(t *testing.T) {
	text := longSpeech(t)
	ps := Split([]source.Block{{Kind: source.Speech, Text: text}})
	if len(ps) < 2 {
		t.Fatalf("%d-character speech paragraph gave %d passage(s)", utf8.RuneCountInString(text), len(ps))
	}
	var joined strings.Builder
	for i, p := range ps {
		joined.WriteString(p.Text)
		if n := utf8.RuneCountInString(p.Text); n > MaxRunes {
			t.Errorf("passage %d has %d runes > %d", i, n, MaxRunes)
		}
		if p.Seq != i {
			t.Errorf("passage %d has Seq %d", i, p.Seq)
		}
		if i < len(ps)-1 && !strings.HasSuffix(p.Text, "。") {
			t.Errorf("passage %d does not end after 。: …%s", i, tail(p.Text, 10))
		}
	}
	if joined.String() != strings.TrimSpace(text) {
		t.Error("passages do not concatenate to the original paragraph")
	}
}

// longSpeech returns the longest paragraph of a 桐生市 speech in testdata.
func longSpeech(t *testing.T) string {
	data, err := os.ReadFile("testdata/kiryu-18-3-8.excerpt.txt")
	if err != nil {
		t.Fatal(err)
	}
	longest := ""
	for _, line := range strings.Split(string(data), "\n") {
		if utf8.RuneCountInString(line) > utf8.RuneCountInString(longest) {
			longest = line
		}
	}
	return longest
}

func tail(s string, n int) string {
	r := []rune(s)
	return string(r[max(0, len(r)-n):])
}

func TestCut(t *testing.T) {
	tests := []struct {
		text string
		max  int
		want string // pieces separated by " | "
	}{
		{"市民の声を吸い上げます。また、特派員制度を開始します。", 15, "市民の声を吸い上げます。 | また、特派員制度を開始します。"},
		{"「市政を良くしたい。」と述べた。", 11, "「市政を良くしたい。」 | と述べた。"},
		{"区役所等が区民のニーズ等を的確に把握し、区の広報紙やホームページなどの各種広報媒体を活用する。", 27,
			"区役所等が区民のニーズ等を的確に把握し、 | 区の広報紙やホームページなどの各種広報媒体を活用する。"},
		{"公式ｆａｃｅｂｏｏｋを活用", 4, "公式ｆａ | ｃｅｂｏ | ｏｋを活 | 用"},
		{"何ですか？　はい。", 6, "何ですか？　 | はい。"},
		{"短い。", 400, "短い。"},
	}
	for _, tt := range tests {
		got := strings.Join(Cut(tt.text, tt.max), " | ")
		if got != tt.want {
			t.Errorf("Cut(%q, %d)\n got  %s\n want %s", tt.text, tt.max, got, tt.want)
		}
	}
}

// TestSplitTableHeader: a table row with a Header reads under it, the last
// step of its heading path, and is never itself a heading (「1 | 国庫負担金」
// would otherwise look like a numbered section); the path ends with the table.
func TestSplitTableHeader(t *testing.T) {
	const header = "款 | 項 | 補正前の額"
	ps := Split([]source.Block{
		{Kind: source.Heading, Level: 1, Text: "第１表　歳入歳出予算補正"},
		{Kind: source.TableCell, Text: header},
		{Kind: source.TableCell, Text: "1 | 国庫負担金 | 9,705,465", Header: header},
		{Kind: source.TableCell, Text: "2 | 国庫補助金 | 5,530,814", Header: header},
		{Kind: source.Paragraph, Text: "以上のとおり補正するものである。"},
	})
	want := []struct {
		text     string
		headings string
	}{
		{header, "第１表　歳入歳出予算補正"},
		{"1 | 国庫負担金 | 9,705,465\n2 | 国庫補助金 | 5,530,814", "第１表　歳入歳出予算補正 > " + header},
		{"以上のとおり補正するものである。", "第１表　歳入歳出予算補正"},
	}
	if len(ps) != len(want) {
		t.Fatalf("%d passages, want %d: %+v", len(ps), len(want), ps)
	}
	for i, w := range want {
		if ps[i].Text != w.text || strings.Join(ps[i].Headings, " > ") != w.headings {
			t.Errorf("passage %d = %q under %q, want %q under %q", i, ps[i].Text, strings.Join(ps[i].Headings, " > "), w.text, w.headings)
		}
	}
}

// A passage holding a block read by OCR is marked, and only such a passage:
// a scanned page's paragraph, not the text page before it.
func TestSplitMarksOCR(t *testing.T) {
	blocks := []source.Block{
		{Kind: source.Heading, Level: 1, Text: "令和６年度 施政方針", Page: 1},
		{Kind: source.Paragraph, Text: "市民の皆様の御理解と御協力を賜りますようお願い申し上げます。本年度の市政運営の基本的な考え方を申し上げます。", Page: 1},
		{Kind: source.Paragraph, Text: "子育て支援の充実を図るため、保育所の待機児童の解消に取り組みます。加えて放課後児童クラブの定員を拡大します。", Page: 2, OCR: true},
		{Kind: source.Paragraph, Text: "以上", Page: 2, OCR: true},
	}
	var got []string
	for _, p := range Split(blocks) {
		got = append(got, fmt.Sprintf("p%d ocr=%v %s", p.Page, p.OCR, strings.SplitN(p.Text, "、", 2)[0]))
	}
	want := []string{"p1 ocr=false 市民の皆様の御理解と御協力を賜りますようお願い申し上げます。本年度の市政運営の基本的な考え方を申し上げます。", "p2 ocr=true 子育て支援の充実を図るため"}
	if !slices.Equal(got, want) {
		t.Errorf("passages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A budget table's row that starts with a number (款 11) but holds amounts
// is a row of data, not an outline heading over the rows after it.
func TestSplitBudgetRowIsNoHeading(t *testing.T) {
	blocks := []source.Block{
		{Kind: source.Heading, Level: 1, Text: "令和８年度 ６月補正予算の概要", Page: 8},
		{Kind: source.TableCell, Text: "11 | 5)都市計画費 | （補助） | 1 | 13,000 | 14,000 | 7,000", Page: 8},
		{Kind: source.TableCell, Text: "14 | 10教育費5)社会教育費 | 自治公民館エアコン設置補助 | 2,500", Page: 8},
	}
	for _, p := range Split(blocks) {
		if got := strings.Join(p.Headings, " > "); got != "令和８年度 ６月補正予算の概要" {
			t.Errorf("passage %q under %q, want the document heading alone", p.Text, got)
		}
	}
}

// A budget line of small sums (繰越金 of 1千円) is data as much as one
// of large sums: it opens no heading path over the pages after it. A row
// that names a matter after its numbers, a question of a notice
// (「２ | 19番 | １ | DX課の取組について」), still heads what follows.
func TestSplitSmallSumsRowIsNoHeading(t *testing.T) {
	blocks := []source.Block{
		{Kind: source.Heading, Level: 1, Text: "令和８年度　６月補正予算目的別内訳", Page: 2},
		{Kind: source.TableCell, Text: "21 繰越金 | 1 | 1 | 0.0", Page: 2},
		{Kind: source.TableCell, Text: "22 諸収入 | 1,917,712 | 2,500 | 1,920,212 | 2.8", Page: 2},
		{Kind: source.TableCell, Text: "２ | 19番 | １ | DX課の取組について", Page: 3},
		{Kind: source.Paragraph, Text: "本市のDX推進に向けた取組の現状と今後の方針を伺う。", Page: 3},
	}
	var got []string
	for _, p := range Split(blocks) {
		got = append(got, strings.Join(p.Headings, " > ")+" | "+p.Text)
	}
	want := []string{
		"令和８年度　６月補正予算目的別内訳 | 21 繰越金 | 1 | 1 | 0.0\n22 諸収入 | 1,917,712 | 2,500 | 1,920,212 | 2.8",
		"２ | 19番 | １ | DX課の取組について | 本市のDX推進に向けた取組の現状と今後の方針を伺う。",
	}
	if !slices.Equal(got, want) {
		t.Errorf("passages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A table row that sits in rows above it (a 項 in its 款) reads with
// their labels first, under the table's header, and is no heading.
func TestSplitRowWithin(t *testing.T) {
	const header = "款 | 項 | 補正前の額 | 補正額 | 計"
	ps := Split([]source.Block{
		{Kind: source.Heading, Level: 1, Text: "歳入", Page: 3},
		{Kind: source.TableCell, Text: header, Page: 3},
		{Kind: source.TableCell, Text: "14 分担金及び負担金 | 150,214 | 323 | 150,537", Header: header, Page: 3},
		{Kind: source.TableCell, Text: "2 負担金 | 149,994 | 323 | 150,317", Header: header, Within: []string{"14 分担金及び負担金"}, Page: 3},
		{Kind: source.TableCell, Text: "個人市民税 | 5,604,641", Header: header, Within: []string{"1 市税", "市民税"}, Page: 3},
	})
	if len(ps) != 2 {
		t.Fatalf("%d passages, want 2: %+v", len(ps), ps)
	}
	want := "14 分担金及び負担金 | 150,214 | 323 | 150,537\n" +
		"14 分担金及び負担金 > 2 負担金 | 149,994 | 323 | 150,317\n" +
		"1 市税 > 市民税 > 個人市民税 | 5,604,641"
	if ps[1].Text != want || strings.Join(ps[1].Headings, " > ") != "歳入 > "+header {
		t.Errorf("rows read\n%s\nunder %q, want\n%s\nunder %q", ps[1].Text, strings.Join(ps[1].Headings, " > "), want, "歳入 > "+header)
	}
}

// A numbered line of data opens no heading path: a list's line ending in
// a figure, a chart's axis of months, a contents line with its leader, a table row of marks or of a
// cell that is a list (as 音威子府村's 防災 plan prints them, whose rows
// headed every page after them), a budget's 節 with its sum between its
// name and its 説明. The question of a notice, which ends in words, still
// heads its text.
func TestSplitDataLineIsNoHeading(t *testing.T) {
	blocks := []source.Block{
		{Kind: source.Heading, Level: 1, Text: "音威子府村地域防災計画", Page: 1},
		{Kind: source.Paragraph, Text: "この計画は、災害対策基本法第42条の規定に基づき、音威子府村防災会議が作成する計画である。", Page: 1},
		{Kind: source.Paragraph, Text: "１　天塩川　256.0", Page: 40},
		{Kind: source.Paragraph, Text: "５　月　６　月　７　月　８　月　９　月　１０月", Page: 39},
		{Kind: source.Paragraph, Text: "0 人", Page: 15},
		{Kind: source.TableCell, Text: "２ | 将来人口の見通し | ・・・・・・・・・・・・ | 19", Page: 2},
		{Kind: source.TableCell, Text: "15 | 音威子府村福祉交流拠点地域複合施設ときわ | 字音威子府509番地88 | 村長 | 60 | 〇 | 〇", Page: 41},
		{Kind: source.TableCell, Text: "7 | 力に関する協定（令和元年11月1日） | 株式会社共成レンテム士別営業所 | ・仮設トイレ等供給可能な機器の供給", Page: 62},
		{Kind: source.Paragraph, Text: "避難所の開設は、村長が行う。", Page: 63},
		// a budget book's 節 with its sum and its 説明 (富士市's 予算書)
		{Kind: source.Paragraph, Text: "7　報償費　389　賃金実態調査", Page: 63},
		{Kind: source.Paragraph, Text: "4　共済費　1,039　都市公園施設管理（指定管理）（11公園）", Page: 63},
		{Kind: source.Paragraph, Text: "就職相談会開催", Page: 63},
		{Kind: source.TableCell, Text: "２ | 19番 | １ | DX課の取組について", Page: 64},
		{Kind: source.Paragraph, Text: "本市のDX推進に向けた取組の現状と今後の方針を伺う。", Page: 64},
	}
	for _, p := range Split(blocks) {
		want := "音威子府村地域防災計画"
		if strings.Contains(p.Text, "DX推進") {
			want = "２ | 19番 | １ | DX課の取組について" // a numbered top heading, of the document's rank
		}
		if got := strings.Join(p.Headings, " > "); got != want {
			t.Errorf("passage %q under %q, want %q", p.Text, got, want)
		}
	}
}

// TestSplitCoverHeadingsClose: the large lines of a cover (a title, a
// date, the issuer; no prose, no table) head no page after it, while a
// first page with prose under its headings keeps them open.
func TestSplitCoverHeadingsClose(t *testing.T) {
	cover := []source.Block{
		{Kind: source.Heading, Level: 1, Text: "令和７年度", Page: 1},
		{Kind: source.Heading, Level: 1, Text: "一般会計補正予算（第７号）", Page: 1},
		{Kind: source.Heading, Level: 1, Text: "石垣市", Page: 1},
		{Kind: source.Paragraph, Text: "補正予算の総額は歳入歳出それぞれ１億２千万円を追加し、総額を歳入歳出それぞれ四百億円とする。", Page: 2},
		{Kind: source.Heading, Level: 2, Text: "第１表　歳入歳出予算補正", Page: 3},
		{Kind: source.Paragraph, Text: "歳入の補正は、国庫支出金と繰越金である。", Page: 3},
	}
	got := Split(cover)
	if len(got) != 2 || len(got[0].Headings) != 0 || strings.Join(got[1].Headings, " > ") != "第１表　歳入歳出予算補正" {
		t.Errorf("after a cover: %+v", got)
	}
	content := append([]source.Block{{Kind: source.Paragraph, Page: 1,
		Text: "本計画は、本村の簡易水道事業の経営の基本計画であり、平成30年度から令和9年度までの10年間を期間とする。"}}, cover[3:]...)
	content = append([]source.Block{{Kind: source.Heading, Level: 1, Text: "音威子府村簡易水道事業経営戦略", Page: 1}}, content...)
	for _, p := range Split(content)[:2] {
		if len(p.Headings) == 0 || p.Headings[0] != "音威子府村簡易水道事業経営戦略" {
			t.Errorf("a first page with prose: %q under %q", p.Text, p.Headings)
		}
	}
}

// TestSplitLetterIsNoHeading: a letter set large (a 広報's drop cap 「O」 of
// 71 points) heads nothing.
func TestSplitLetterIsNoHeading(t *testing.T) {
	got := Split([]source.Block{
		{Kind: source.Heading, Level: 1, Text: "O", Page: 4},
		{Kind: source.Heading, Level: 2, Text: "感動を、ありがとう。", Page: 4},
		{Kind: source.Paragraph, Text: "本村出身で、クロスカントリースキーの吉田圭伸選手が、スキー競技からの現役引退を発表しました。", Page: 4},
	})
	if len(got) != 1 || strings.Join(got[0].Headings, " > ") != "感動を、ありがとう。" {
		t.Errorf("got %+v", got)
	}
}

// TestSplitBillHeadsItsReasons: in a mayor's reasons for the bills (提案
// 理由), each bill's number and name heads the paragraphs that explain it;
// a sentence that names bills is text.
func TestSplitBillHeadsItsReasons(t *testing.T) {
	got := Split([]source.Block{
		{Kind: source.Paragraph, Page: 1, Text: "議案第１号：令和７年度香美市一般会計補正予算"},
		{Kind: source.Paragraph, Page: 1, Text: "歳入歳出補正予算の規模は、215,076千円の減額計上であります。"},
		{Kind: source.Paragraph, Page: 2, Text: "議案第２号：令和７年度香美市国民健康保険特別会計補正予算"},
		{Kind: source.Paragraph, Page: 2, Text: "歳入におきましては、国民健康保険税53,213千円を増額計上いたしました。"},
		{Kind: source.Paragraph, Page: 2, Text: "議案第３号から議案第５号までは、特別会計の補正予算であります。"},
	})
	want := []string{"議案第１号：令和７年度香美市一般会計補正予算", "議案第２号：令和７年度香美市国民健康保険特別会計補正予算"}
	if len(got) != 2 || !strings.Contains(got[1].Text, "議案第３号から議案第５号までは") {
		t.Fatalf("%d passages: %+v", len(got), got)
	}
	for i, p := range got {
		if strings.Join(p.Headings, " > ") != want[i] {
			t.Errorf("passage %q under %q, want %q", p.Text, p.Headings, want[i])
		}
	}
}

// TestSplitAgendaOfBillsIsText: a day's agenda listing bills line after
// line is text to find, not a heading each.
func TestSplitAgendaOfBillsIsText(t *testing.T) {
	got := Split([]source.Block{
		{Kind: source.Paragraph, Text: "議案第３２号　平成１７年度桐生市一般会計予算"},
		{Kind: source.Paragraph, Text: "議案第３３号　平成１７年度桐生市学校給食共同調理場事業特別会計予算"},
		{Kind: source.Paragraph, Text: "議案第３４号　平成１７年度桐生市国民健康保険事業特別会計予算"},
		{Kind: source.Paragraph, Text: "ただいまから本日の会議を開きます。"},
	})
	var text []string
	for _, p := range got {
		if len(p.Headings) > 0 {
			t.Errorf("passage %q under %q", p.Text, p.Headings)
		}
		text = append(text, p.Text)
	}
	if all := strings.Join(text, "\n"); !strings.Contains(all, "学校給食共同調理場事業特別会計予算") || !strings.Contains(all, "国民健康保険事業特別会計予算") {
		t.Errorf("the agenda's bills are not text: %q", all)
	}
}
