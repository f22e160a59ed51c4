package source

import (
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/klippa-app/go-pdfium/requests"

	"seisaku/indexer/internal/pdftest"
)

// pdfPagesOf reads a PDF's pages of runs as the engine gives them to the
// layout, cached under dir (when not "") by file name.
func pdfPagesOf(t *testing.T, path, dir string) []pdfPage {
	t.Helper()
	cache := ""
	if dir != "" {
		cache = filepath.Join(dir, filepath.Base(path)+".gob")
		if f, err := os.Open(cache); err == nil {
			defer f.Close()
			var pages []pdfPage
			if err := gob.NewDecoder(f).Decode(&pages); err == nil {
				return pages
			}
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	inst := testInstance(t)
	defer inst.Close()
	rd := &pdfReader{inst: inst, data: data, start: time.Now()}
	if err := rd.open(); err != nil {
		t.Fatal(err)
	}
	defer rd.close()
	if rd.raw, err = newRawPDFium(inst); err != nil {
		rd.raw = nil
	} else {
		defer rd.raw.close()
	}
	n, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: rd.doc})
	if err != nil {
		t.Fatal(err)
	}
	// the pages as the engine reads them (blank and scanned pages stay empty)
	pages := make([]pdfPage, n.PageCount)
	rd.onPage = func(page int, p pdfPage) { pages[page-1] = p }
	if _, _, err := rd.readPages(n.PageCount); err != nil {
		t.Fatal(err)
	}
	if cache != "" {
		if f, err := os.Create(cache); err == nil {
			gob.NewEncoder(f).Encode(pages)
			f.Close()
		}
	}
	return pages
}

// TestDumpPDF prints the blocks of the PDFs named in PDFDUMP (a glob),
// page PDFDUMP_PAGE only when set: a look at what the layout reads.
func TestDumpPDF(t *testing.T) {
	glob := os.Getenv("PDFDUMP")
	if glob == "" {
		t.Skip("PDFDUMP not set")
	}
	files, _ := filepath.Glob(glob)
	for _, f := range files {
		pages := pdfPagesOf(t, f, os.Getenv("PDFDUMP_CACHE"))
		page := 0
		fmt.Sscan(os.Getenv("PDFDUMP_PAGE"), &page)
		if os.Getenv("PDFDUMP_RUNS") != "" && page > 0 {
			for _, r := range pages[page-1].Runs {
				fmt.Printf("%q L%.1f R%.1f B%.1f T%.1f X%.1f Y%.1f s%.1f o%d g%v\n", r.Text, r.Left, r.Right, r.Bottom, r.Top, r.X, r.Y, r.Size, r.Obj, r.Generated)
			}
		}
		fmt.Printf("=== %s\n", f)
		for _, b := range layoutPDF(pages) {
			if page > 0 && b.Page != page {
				continue
			}
			h := ""
			if b.Header != "" {
				h = " «" + b.Header + "»"
			}
			if len(b.Within) > 0 {
				h = " ‹" + strings.Join(b.Within, " > ") + "›" + h
			}
			fmt.Printf("p%d %s%d %s%s\n", b.Page, kindTags[b.Kind], b.Level, strings.ReplaceAll(b.Text, "\n", "⏎"), h)
		}
	}
}

// TestLayoutTwoColumns reads a page of two text columns (CSS
// column-count: 2, as a 広報 sets its articles) column by column: each
// paragraph is whole, the left column's before the right one's, and no
// line of the two columns side by side is a table row.
func TestLayoutTwoColumns(t *testing.T) {
	bs := chromiumBlocks(t, "columns")
	for _, b := range bs {
		if b.Kind == TableCell || b.Header != "" {
			t.Errorf("the columns were read as a table row: %q «%s»\n%s", b.Text, b.Header, compact(bs))
		}
	}
	paras := []string{
		"令和３年４月から令和４年３月分までの国民年金保険料は、月額一万六千六百十円です。",
		"納付、そして便利でお得な口座振替もあります。",
		"毎月の保険料の納付期限は「翌月の末日」です。保険料の納め忘れがあると、万が一障害や死亡といった不慮の事態の発生により、障害年金や遺族基礎年金が受けられない場合がありますので、必ず納期限までに納めてください。",
		"行政区連絡員制度は、行政区の皆様と行政が様々な情報を共有し、よりよい村づくりにつなげるための制度です。",
		"同様に出席いたしますので、お気軽にお問い合わせください。",
	}
	last := -1
	for _, p := range paras {
		i := slices.IndexFunc(bs, func(b Block) bool { return strings.Contains(b.Text, p) })
		if i < 0 {
			t.Errorf("no block holds %q:\n%s", p, compact(bs))
			continue
		}
		if i < last {
			t.Errorf("%q read before the text above it:\n%s", p, compact(bs))
		}
		last = i
	}
	if _, ok := findBlock(bs, func(b Block) bool {
		return b.Kind == Heading && b.Text == "行政区連絡員制度をご活用ください"
	}); !ok {
		t.Errorf("the right column's heading is not a heading of its own:\n%s", compact(bs))
	}
}

// chromiumBlocks reads the PDF headless Chromium prints from
// testdata/pdf/name.html.
func chromiumBlocks(t *testing.T, name string) []Block {
	t.Helper()
	return readPDFFile(t, chromiumPDF(t, "testdata/pdf/"+name+".html")).Blocks
}

func findBlock(bs []Block, f func(Block) bool) (Block, bool) {
	for _, b := range bs {
		if f(b) {
			return b, true
		}
	}
	return Block{}, false
}

// TestLayoutLetterSpacedAndTable: a heading set with letter-spacing reads
// as one word, a title and a name apart stay apart, the line above a table
// is its caption (a heading), and each row keeps the table's header row
// (its cells in order; a cell justified over its width is one word).
func TestLayoutLetterSpacedAndTable(t *testing.T) {
	bs := chromiumBlocks(t, "layout")
	if _, ok := findBlock(bs, func(b Block) bool { return b.Kind == Heading && b.Level == 1 && b.Text == "予算説明書" }); !ok {
		t.Errorf("no level-1 heading 予算説明書:\n%s", compact(bs))
	}
	if _, ok := findBlock(bs, func(b Block) bool { return b.Text == "石垣市長　中山義隆" }); !ok {
		t.Errorf("title and name joined or lost:\n%s", compact(bs))
	}
	if _, ok := findBlock(bs, func(b Block) bool {
		return b.Kind == Heading && normSpace(b.Text) == "第１表歳入歳出予算補正"
	}); !ok {
		t.Errorf("the table's caption is not a heading:\n%s", compact(bs))
	}
	const header = "款 | 項 | 補正前の額 | 補正額"
	var rows []string
	for _, b := range bs {
		if b.Kind == TableCell && b.Header == header {
			rows = append(rows, b.Text)
		}
	}
	want := []string{"14分担金及び負担金 | 2負担金 | 150,214 | 323", "16国庫支出金 | 国庫負担金 | 9,705,465 | 262,461", "17県支出金 | 1県補助金 | 5,530,814 | 246,154"}
	if len(rows) != len(want) {
		t.Fatalf("rows under %q:\n%s\nall blocks:\n%s", header, strings.Join(rows, "\n"), compact(bs))
	}
	for i := range want {
		if normSpace(rows[i]) != normSpace(want[i]) {
			t.Errorf("row %d = %q, want %q", i, rows[i], want[i])
		}
	}
}

// TestLayoutVertical: vertical text (writing-mode: vertical-rl) reads
// column by column, right to left, each paragraph whole.
func TestLayoutVertical(t *testing.T) {
	bs := chromiumBlocks(t, "vertical")
	var got []string
	for _, b := range bs {
		if b.Kind == Paragraph && !strings.Contains(b.Text, "file:") && !strings.Contains(b.Text, ":") {
			got = append(got, b.Text)
		}
	}
	want := []string{
		"北海道内では毎年、沿道建物等からの落氷雪による事故や屋根の雪下ろし作業中の転落事故により、亡くなる方や負傷される方がいます。",
		"落氷雪や除排雪作業中の事故を防ぐため、次の点にご注意ください。",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("vertical text read as\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// runsAt places text's characters as full-width glyphs of size 10 on a
// baseline at y, from x on pitch apart (a space leaves a pitch empty).
func runsAt(text string, x, y, pitch float64) []pdfRun {
	var rs []pdfRun
	for _, r := range text {
		if r != ' ' {
			rs = append(rs, charRun(r, x, y, x, x+10, 10, false))
		}
		x += pitch
	}
	return rs
}

// digitsAt places ASCII digits (half-width glyphs of size 10, advance 5)
// on a baseline at y from x.
func digitsAt(text string, x, y float64) []pdfRun {
	var rs []pdfRun
	for _, r := range text {
		rs = append(rs, charRun(r, x, y, x, x+5, 10, false))
		x += 5
	}
	return rs
}

// TestLayoutSpacing: the letter-spacing rule on runs placed by hand.
func TestLayoutSpacing(t *testing.T) {
	for _, tc := range []struct {
		name string
		runs []pdfRun
		want string
	}{
		{"even pitch, 2 em", runsAt("人件費の状況", 100, 700, 20), "人件費の状況"},
		{"even pitch, 8 em (a cell's width)", runsAt("寄附金", 100, 700, 85), "寄附金"},
		{"phrases apart", runsAt("桐生市長 大澤善隆", 100, 700, 10), "桐生市長　大澤善隆"},
		{"single-letter cells far apart, uneven", append(runsAt("款", 100, 700, 10), append(runsAt("項", 300, 700, 10), runsAt("目", 420, 700, 10)...)...), "款　項　目"},
		{"header cells of single letters beside a cell", append(runsAt("款 項", 100, 700, 15), runsAt("補正前の額", 160, 700, 10)...), "款　項　補正前の額"},
		// a 項 column: the item's number, then its two-letter name spread
		// over the cell (石垣市 第１表: 「1」 at 311, 「市」 330, 「債」 516)
		{"numbered two-letter name spread over its cell", append(digitsAt("1", 100, 700), append(runsAt("市", 113, 700, 10), runsAt("債", 299, 700, 10)...)...), "1　市債"},
		{"two-digit number, name of three", append(digitsAt("23", 100, 700), runsAt("雑入金", 119, 700, 90)...), "23　雑入金"},
		{"number far from two one-letter cells", append(digitsAt("1", 100, 700), append(runsAt("有", 160, 700, 10), runsAt("無", 260, 700, 10)...)...), "1　有　無"},
		{"numbered pair beyond a cell's width", append(digitsAt("1", 100, 700), append(runsAt("市", 113, 700, 10), runsAt("債", 360, 700, 10)...)...), "1　市　債"},
		{"a number ending a word is no item's number", append(append(runsAt("第", 80, 700, 10), digitsAt("1", 92, 700)...), append(runsAt("市", 105, 700, 10), runsAt("債", 299, 700, 10)...)...), "第1　市　債"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines := pageLines(1, pdfPage{Height: 842, Runs: tc.runs})
			if len(lines) != 1 || lines[0].text() != tc.want {
				var got []string
				for _, l := range lines {
					got = append(got, l.text())
				}
				t.Errorf("lines %q, want [%q]", got, tc.want)
			}
		})
	}
}

// TestLayoutSpread: a table printed across two facing pages (第１表 on A3
// folded to A4: 款 and 項 on the left page, their amounts on the right,
// on one row grid) reads as one table on the left page, each row its
// label and its amounts under the joined header, each 項 within its 款.
//
// Printed without Chromium's header and footer: their line, the file's
// address beside "1/2", stands on one baseline across both pages and was
// read as a row of the table when the checkout's path made it long enough
// to reach the amounts (the page furniture of a spread is not removed yet).
func TestLayoutSpread(t *testing.T) {
	bs := readPDFFile(t, pdftest.Print(t, "testdata/pdf/spread.html", "--no-pdf-header-footer")).Blocks
	const header = "款 | 項 | 補正前の額 | 補正額 | 計"
	var got []string
	for _, b := range bs {
		if b.Kind == TableCell {
			got = append(got, fmt.Sprintf("p%d %s «%s» ‹%s›", b.Page, b.Text, b.Header, strings.Join(b.Within, " > ")))
		}
	}
	want := []string{
		"p1 " + header + " «» ‹›",
		"p1 14 分担金及び負担金 | 150,214 | 323 | 150,537 «" + header + "» ‹›",
		"p1 2 負担金 | 149,994 | 323 | 150,317 «" + header + "» ‹14 分担金及び負担金›",
		"p1 16 国庫支出金 | 9,705,465 | 262,461 | 9,967,926 «" + header + "» ‹›",
		"p1 1 国庫負担金 | 5,530,814 | 246,154 | 5,776,968 «" + header + "» ‹16 国庫支出金›",
		"p1 2 国庫補助金 | 4,066,286 | 16,307 | 4,082,593 «" + header + "» ‹16 国庫支出金›",
		"p1 23 市債 | 2,333,000 | 11,500 | 2,344,500 «" + header + "» ‹›",
		"p1 1 市債 | 2,333,000 | 11,500 | 2,344,500 «" + header + "» ‹23 市債›",
		"p1 歳入合計 | 41,927,085 | 1,066,519 | 42,993,604 «" + header + "» ‹›",
	}
	if !slices.Equal(got, want) {
		t.Errorf("rows:\n%s\nwant:\n%s\nall blocks:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"), compact(bs))
	}
}

// TestLayoutSpreadNeedsOneGrid: rows of amounts join the facing page only
// when every one stands on the baseline of one short label line there: a
// grid 0.6 em off (another grid), or prose beside them, leaves both pages as they are.
func TestLayoutSpreadNeedsOneGrid(t *testing.T) {
	amounts := func(y float64) []pdfRun {
		return append(digitsAt("150,214", 100, y), append(digitsAt("323", 200, y), digitsAt("150,537", 300, y)...)...)
	}
	var right pdfPage
	right.Height = 842
	for i := range 4 {
		right.Runs = append(right.Runs, amounts(700-20*float64(i))...)
	}
	for _, tc := range []struct {
		name string
		left []string
		y0   float64 // baseline of the left page's first line
	}{
		{"rows 0.6 em off the grid", []string{"分担金及び負担金", "負担金", "国庫支出金", "国庫負担金"}, 706},
		{"prose beside the rows", []string{
			"本市の財政状況は、歳入面において市税収入が減少する一方で、",
			"扶助費などの義務的経費が増加しており、引き続き厳しい状況にある。",
			"このため、事務事業の見直しを進め、財源の確保に努めるものである。",
			"以上、補正予算の概要を申し上げ、提案理由の説明とします。",
		}, 700},
	} {
		t.Run(tc.name, func(t *testing.T) {
			left := pdfPage{Height: 842}
			for i, text := range tc.left {
				left.Runs = append(left.Runs, runsAt(text, 60, tc.y0-20*float64(i), 10)...)
			}
			bs := layoutPDF([]pdfPage{left, right})
			for _, b := range bs {
				if b.Page == 1 && strings.Contains(b.Text, "150,214") || b.Page == 2 && b.Text != "150,214 | 323 | 150,537" {
					t.Errorf("the pages were joined:\n%s", compact(bs))
					break
				}
			}
		})
	}
}

// corpusPDF reads a PDF of the shared municipal corpus, skipping when it
// is not there.
func corpusPDF(t *testing.T, name string) []Block {
	t.Helper()
	path := filepath.Join("..", "..", "..", "shared", "corpus", "municipal-pdf", "pdf", name)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s not here", path)
	}
	return readPDFFile(t, path).Blocks
}

// TestLayoutMunicipalPDFs: real PDFs read as a person reads them.
func TestLayoutMunicipalPDFs(t *testing.T) {
	if testing.Short() {
		t.Skip("reads real PDFs")
	}
	has := func(t *testing.T, bs []Block, what string, f func(Block) bool) {
		t.Helper()
		if _, ok := findBlock(bs, f); !ok {
			var b strings.Builder
			for _, x := range bs[:min(len(bs), 60)] {
				fmt.Fprintf(&b, "p%d %s %s «%s»\n", x.Page, kindTags[x.Kind], x.Text, x.Header)
			}
			t.Errorf("no block %s; first blocks:\n%s", what, b.String())
		}
	}
	t.Run("letter-spaced cover title", func(t *testing.T) {
		bs := corpusPDF(t, "nobeoka-shiseihoushin-yosansetsumei-r8.pdf")
		has(t, bs, "施政方針・予算説明 on page 1", func(b Block) bool { return b.Page == 1 && b.Text == "施政方針・予算説明" })
	})
	t.Run("letter-spaced heading and cells", func(t *testing.T) {
		has(t, corpusPDF(t, "ishigaki-ippanshitsumon-r7-dai7kai.pdf"), "with 一般質問日程表", func(b Block) bool { return strings.Contains(b.Text, "一般質問日程表") })
		has(t, corpusPDF(t, "otoineppu-koukyoukouji-r7.pdf"), "starting 教員住宅浴室改修工事 |", func(b Block) bool {
			return b.Kind == TableCell && strings.HasPrefix(b.Text, "教員住宅浴室改修工事 | ")
		})
	})
	t.Run("vertical article", func(t *testing.T) {
		has(t, corpusPDF(t, "otoineppu-kouhou-2022-12.pdf"), "on page 2 with the vertical article's sentence", func(b Block) bool {
			return b.Page == 2 && strings.Contains(b.Text, "北海道内では毎年、沿道建物等からの落氷雪による事故や屋根の雪下ろし作業中の転落事故")
		})
	})
	t.Run("vertical columns broken at brackets, figures set across a column", func(t *testing.T) {
		bs := corpusPDF(t, "otoineppu-kouhou-2021-04.pdf")
		for _, want := range []string{
			"構築が必要な線区」、いわゆる「黄色」８線区の１つとされています",  // 」、 set in half an em
			"大きな課題となっています。これまでの「乗って残す」視点",      // 「 at a column's foot
			"１月20日に行われた設立総会", "４月15日まで実施しています", // 縦中横
			"「３駅維持管理」は、全体の約半数", "宗谷本線マイレール意識向上事業実行委員会（以下、『実行委員会』」が設立", // closing brackets given as opening
		} {
			has(t, bs, "on page 2 with "+want, func(b Block) bool { return b.Page == 2 && strings.Contains(b.Text, want) })
		}
		bs = corpusPDF(t, "otoineppu-kouhou-2022-12.pdf")
		has(t, bs, "on page 4 with 11月11日", func(b Block) bool {
			return b.Page == 4 && strings.Contains(b.Text, "本格的な雪のシーズンを前に、11月11日（金")
		})
		has(t, bs, "on page 4 with ５〜10ｃｍ以上", func(b Block) bool { return b.Page == 4 && b.Text == "５〜10ｃｍ以上" })
		// two characters over two in a table's wrapped cells, row after
		// row, are no column
		has(t, corpusPDF(t, "otoineppu-siryou-2020-03.pdf"), "水道（戸数） row", func(b Block) bool {
			return b.Kind == TableCell && strings.HasPrefix(b.Text, "水道（戸数） | 上水道、簡易水道で断水している戸数")
		})
	})
	t.Run("text rotated to run up the page reads from its foot", func(t *testing.T) {
		has(t, corpusPDF(t, "otoineppu-jinkovision.pdf"), "heading 村内の主な出来事（平成） on page 6", func(b Block) bool {
			return b.Page == 6 && b.Kind == Heading && b.Text == "村内の主な出来事（平成）"
		})
		bs := corpusPDF(t, "otoineppu-siryou-2020-03.pdf")
		for _, want := range []string{"別記第18号様式", "救護班活動状況", "「備考」欄に班の編成、活動期間を記入すること。"} {
			has(t, bs, "on page 97 with "+want, func(b Block) bool { return b.Page == 97 && b.Text == want })
		}
	})
	t.Run("a cell's wrapped end over the next row is no caption", func(t *testing.T) {
		for file, tail := range map[string]string{
			"otoineppu-kyuyo-teiinkanri-r7.pdf": "り接する業務", // 「…長時間にわた」 over it
			"otoineppu-siryou-2020-03.pdf":      "の航空機の状況",
		} {
			for _, b := range corpusPDF(t, file) {
				if b.Kind == Heading && b.Text == tail {
					t.Errorf("%s p%d: %q is a heading", file, b.Page, b.Text)
				}
			}
		}
	})
	t.Run("body text set large is no heading", func(t *testing.T) {
		bs := corpusPDF(t, "otoineppu-kouhou-2021-04.pdf")
		has(t, bs, "on page 4 with the article's paragraph whole", func(b Block) bool {
			return b.Page == 4 && b.Kind == Paragraph && strings.Contains(b.Text, "スキー競技からの現役引退を発表しました。吉田選手は、小学2年生で")
		})
		has(t, bs, "heading 吉田圭伸選手、現役を引退", func(b Block) bool { return b.Kind == Heading && b.Text == "吉田圭伸選手、現役を引退" })
		for _, b := range bs {
			if b.Kind == Heading && strings.Contains(strings.TrimSuffix(b.Text, "。"), "。") {
				t.Errorf("p%d a heading holds a sentence's end: %q", b.Page, b.Text)
			}
			if b.Kind == Heading && strings.HasSuffix(b.Text, "。") && strings.Contains(b.Text, "、") && utf8.RuneCountInString(b.Text) >= 20 {
				t.Errorf("p%d a heading is a whole sentence: %q", b.Page, b.Text) // 「か判断するために、4月に…お受けください。」
			}
		}
	})
	t.Run("row of wrapped cells", func(t *testing.T) {
		has(t, corpusPDF(t, "nobeoka-giketsukekka-2024-12.pdf"), "議案第70号 row under its header", func(b Block) bool {
			return b.Kind == TableCell && b.Text == "議案第70号 | 令和６年度延岡市後期高齢者医療特別会計補正予算 | 原案可決 | 12月13日" &&
				b.Header == "議案番号 | 件名 | 審議結果 | 議決日"
		})
	})
	t.Run("a title boxed beside a table's first row is no cell of it", func(t *testing.T) {
		has(t, corpusPDF(t, "ishigaki-sanseisha-ichiran-r7-dai7kai.pdf"), "heading 議案に対する賛成者一覧（全会一致以外） alone", func(b Block) bool {
			return b.Page == 1 && b.Kind == Heading && b.Text == "議案に対する賛成者一覧（全会一致以外）"
		})
	})
	t.Run("two text columns of a 広報 page", func(t *testing.T) {
		bs := corpusPDF(t, "otoineppu-kouhou-2021-04.pdf")
		has(t, bs, "on page 5 with the right column's paragraph whole", func(b Block) bool {
			return b.Page == 5 && b.Kind == Paragraph && strings.Contains(b.Text, "行政区連絡員制度は、行政区の皆様と行政が様々な情報を共有し、よりよい村づくりにつなげるための制度です。")
		})
		for _, b := range bs {
			if strings.Contains(b.Header, "行政区連絡員制度を") || strings.Contains(b.Text, "国民年金保険料は | 行政区連絡員制度を") {
				t.Errorf("two columns' headings read as a table row: %q «%s»", b.Text, b.Header)
			}
		}
	})
	t.Run("a data row is no header", func(t *testing.T) {
		bs := corpusPDF(t, "otoineppu-siryou-2020-03.pdf")
		has(t, bs, "協定 row under its true header", func(b Block) bool {
			return b.Kind == TableCell && strings.HasPrefix(b.Text, "2 | 応援に関する申合せ | 北海道開発局") && b.Header == "協定書名（締結月日） | 協定先 | 協定内容"
		})
		for _, b := range append(bs, corpusPDF(t, "otoineppu-jinkovision.pdf")...) {
			if strings.Contains(b.Header, "力に関する協定") || strings.Contains(b.Header, "2010年") || strings.Contains(b.Header, "自：") {
				t.Errorf("p%d %q carries the header «%s»", b.Page, b.Text, b.Header)
				break
			}
		}
	})
	t.Run("budget rows keep their header", func(t *testing.T) {
		// 第１表 across pages 3 and 4: names on the left, amounts on the right
		const header = "款 | 項 | 補正前の額 | 補正額 | 計"
		bs := corpusPDF(t, "ishigaki-hoseiyosan-r7-dai7go.pdf")
		has(t, bs, "row 14 分担金及び負担金 with its amounts under "+header+" on page 3", func(b Block) bool {
			return b.Page == 3 && b.Kind == TableCell && b.Text == "14 分担金及び負担金 | 150,214 | 323 | 150,537" && b.Header == header && b.Within == nil
		})
		has(t, bs, "項 row 1 市債 within 23 市債", func(b Block) bool {
			return b.Page == 3 && b.Kind == TableCell && b.Text == "1 市債 | 2,333,000 | 11,500 | 2,344,500" && b.Header == header &&
				slices.Equal(b.Within, []string{"23 市債"})
		})
		has(t, bs, "歳出 row 1 公債費 within 12 公債費 on page 7", func(b Block) bool {
			return b.Page == 7 && b.Kind == TableCell && b.Text == "1 公債費 | 2,032,146 | 39,626 | 2,071,772" && slices.Equal(b.Within, []string{"12 公債費"})
		})
	})
	t.Run("hanging indents", func(t *testing.T) {
		// notes under a table, each number a tab from its text and the
		// next lines set in under it: one paragraph a note, no table row
		bs := corpusPDF(t, "otoineppu-kyuyo-teiinkanri-r7.pdf")
		has(t, bs, "note ３ whole on page 1", func(b Block) bool {
			return b.Page == 1 && b.Kind == Paragraph && b.Text == "３　給与費については、任期付短時間勤務職員及び再任用職員（短時間勤務）の給与費が含まれているが、会計年度任用職員の給与費は含まれていない。"
		})
		has(t, bs, "note ２ whole, no table row", func(b Block) bool {
			return b.Kind == Paragraph && strings.HasPrefix(b.Text, "２　職員数については、") && strings.HasSuffix(b.Text, "職員、再任用職員（短時間勤務）及び会計年度任用職員を含まない。")
		})
		has(t, bs, "a note of three lines across a word (「ため」)", func(b Block) bool {
			return b.Kind == Paragraph && strings.Contains(b.Text, "同一の基準で比較するため、国の職員数（構成）を用いて") && strings.HasSuffix(b.Text, "計算した指数。")
		})
		// a paragraph's first line set in by one character, on a page whose
		// chart labels make the most common start no margin
		has(t, corpusPDF(t, "otoineppu-jinkovision.pdf"), "「…有配偶率の低さは配偶者との死別…」 whole", func(b Block) bool {
			return b.Kind == Paragraph && strings.Contains(b.Text, "80歳以上の女性の有配偶率の低さは配偶者との死別が原因と考えられます。")
		})
		// a question's text set large runs to the margin and wraps: prose,
		// not a heading a line
		bs = corpusPDF(t, "ishigaki-ippanshitsumon-r7-dai7kai.pdf")
		has(t, bs, "the question 「…答弁を求める。」 whole", func(b Block) bool {
			return b.Kind == Paragraph && b.Text == "民有地のごみ不法投棄の処分について、行政はどのような対応が可能か、答弁を求める。"
		})
		// an article's number stands out of its paragraph (第１条)
		has(t, corpusPDF(t, "otoineppu-siryou-2020-03.pdf"), "第10条 whole", func(b Block) bool {
			return b.Kind == Paragraph && b.Text == "第10条　航空隊の指揮監督、航空機の運航、航空機等の維持管理など、航空機の運航管理に関する事務は、防災航空室長（以下「運航管理責任者」という。）が行う。"
		})
		// a question's title ends its line short of the margin: its
		// sub-items are not run into it
		bs = corpusPDF(t, "ishigaki-ippanshitsumon-2023-12.pdf")
		has(t, bs, "item title alone", func(b Block) bool { return b.Text == "３　農作物の有害鳥獣による被害対策について" })
		has(t, bs, "（２） item alone", func(b Block) bool { return b.Text == "（２）国民保護計画住民避難の課題について" })
		has(t, bs, "a wrapped （１） item whole", func(b Block) bool {
			return b.Text == "（１）子育て支援課において今年の４月から12月まで開催された研修、講演会、セミナー等について"
		})
	})
	t.Run("a heading printed three times over is read once", func(t *testing.T) {
		bs := corpusPDF(t, "otoineppu-jinkovision.pdf")
		has(t, bs, "Ⅰ　人口ビジョンについて", func(b Block) bool { return b.Page == 3 && b.Text == "Ⅰ　人口ビジョンについて" })
		has(t, bs, "○人口減少による地域への影響", func(b Block) bool { return b.Text == "○人口減少による地域への影響" })
		// PDFium's 「…」 is three dots on one box: they stay
		has(t, corpusPDF(t, "otoineppu-kouhou-2022-12.pdf"), "大丈夫...?", func(b Block) bool { return b.Page == 1 && strings.HasSuffix(b.Text, "大丈夫...?") })
	})
	t.Run("a unit set over its figure reads after it", func(t *testing.T) {
		bs := corpusPDF(t, "otoineppu-kyuyo-teiinkanri-r7.pdf")
		has(t, bs, "人件費 row with 2,050,134千円", func(b Block) bool {
			return b.Kind == TableCell && strings.Contains(b.Text, " | 2,050,134千円 | 79,947千円 | 503,607千円 | 24.6％")
		})
		// and one set apart in the cell's corner, as the national form prints it
		has(t, bs, "音威子府村 | 38.7歳 | 292,600円 | …", func(b Block) bool {
			return b.Kind == TableCell && b.Text == "音威子府村 | 38.7歳 | 292,600円 | 323,561円 | 317,632円"
		})
	})
	t.Run("a word spread over its cell is one cell", func(t *testing.T) {
		// 均等割付: 「名　　　称」 over a column of names; 「款」 and 「項」 stay two
		has(t, corpusPDF(t, "otoineppu-siryou-2020-03.pdf"), "音威子府村役場 under 名称 | 所在地 | 電話番号", func(b Block) bool {
			return b.Kind == TableCell && strings.HasPrefix(b.Text, "音威子府村役場 | ") && b.Header == "名称 | 所在地 | 電話番号"
		})
		has(t, corpusPDF(t, "otoineppu-kyuyo-teiinkanri-r7.pdf"), "区分 | 住民基本台帳人口 …", func(b Block) bool {
			return b.Kind == TableCell && strings.HasPrefix(b.Text, "区分 | 住民基本台帳人口 | 歳出額")
		})
		// a column of results, each 「承　　認」 under 「審議結果」; a timetable's stations
		has(t, corpusPDF(t, "nobeoka-giketsukekka-2023-05-rinji.pdf"), "議案第２号 … | 承認 | ５月16日", func(b Block) bool {
			return b.Kind == TableCell && b.Text == "議案第２号 | 専決処分の承認（令和５年度延岡市一般会計予算） | 承認 | ５月16日"
		})
		has(t, corpusPDF(t, "otoineppu-kouhou-2021-04.pdf"), "稚内 | 16:43", func(b Block) bool { return b.Kind == TableCell && b.Text == "稚内 | 16:43" })
		has(t, corpusPDF(t, "ishigaki-hoseiyosan-r7-dai7go.pdf"), "款 | 項 header kept", func(b Block) bool {
			return b.Kind == TableCell && b.Header == "款 | 項 | 補正前の額 | 補正額 | 計"
		})
	})
	t.Run("column labels are no caption", func(t *testing.T) {
		for _, b := range corpusPDF(t, "otoineppu-kyuyo-teiinkanri-r7.pdf") {
			if b.Kind == Heading && (strings.HasPrefix(b.Text, "区") || strings.HasPrefix(b.Text, "Ａ")) {
				t.Errorf("p%d column labels read as a heading: %q", b.Page, b.Text)
			}
		}
		// they are the header of the rows below them, centred over columns
		// of right-aligned figures that no edge of theirs lines up with
		has(t, corpusPDF(t, "otoineppu-siryou-2020-03.pdf"), "a row under 年度 | 災害の種類 | 被害状況 | 損害額", func(b Block) bool {
			return b.Kind == TableCell && b.Header == "年度 | 災害の種類 | 被害状況 | 損害額"
		})
		has(t, corpusPDF(t, "nobeoka-hoseiyosan-gaiyo-r8-06.pdf"), "1 市税 under 款 | 現計予算額 | 補正額 | 計 | 構成比", func(b Block) bool {
			return b.Kind == TableCell && strings.HasPrefix(b.Text, "1 市税 | ") && b.Header == "款 | 現計予算額 | 補正額 | 計 | 構成比"
		})
	})
	t.Run("indented budget lines sit in the line above", func(t *testing.T) {
		has(t, corpusPDF(t, "nobeoka-hoseiyosan-gaiyo-r8-06.pdf"), "個人市民税 within 1 市税 > 市民税", func(b Block) bool {
			return b.Kind == TableCell && b.Text == "個人市民税 | 5,604,641 | 5,604,641 | 8.0" && slices.Equal(b.Within, []string{"1 市税", "市民税"})
		})
	})
}

// TestLineSpaceBeforeGlyph: PDFium places a space it generates at the
// origin of the glyph after it, and may give it after that glyph: the
// space still stands before the glyph, so 「約 70名」 is not read 「約7 0名」
// (as on page 3 of 音威子府村's 広報 of June 2024, 「約 70 名が参加し」).
func TestLineSpaceBeforeGlyph(t *testing.T) {
	glyph := func(s string, left, right float64) pdfRun {
		return pdfRun{Text: s, Left: left, Right: right, Bottom: 700, Top: 710.4, Size: 10.42, X: left, Y: 702}
	}
	space := func(x float64) pdfRun {
		r := glyph(" ", x, x)
		r.Generated = true
		return r
	}
	// the order PDFium gave them in: each space after the glyph it stands before
	rs := []pdfRun{glyph("約", 51.02, 61.44), glyph("7", 64.21, 69.94), space(64.21), glyph("0", 69.94, 75.68),
		glyph("名", 78.34, 88.76), space(78.34), glyph("が", 89.00, 99.42)}
	if got := newLine(1, 842, rs).text(); strings.Contains(got, "7 0") || !strings.Contains(got, "70") {
		t.Errorf("line reads %q, want 70 whole", got)
	}
}

// TestFiguresHeadNothing: a line of figures alone set large (a table's
// seat numbers, a chart's axis) is no heading; a large line that names
// something is.
func TestFiguresHeadNothing(t *testing.T) {
	line := func(words ...string) *pdfLine {
		var rs []pdfRun
		x := 50.0
		for _, w := range words {
			rs = append(rs, pdfRun{Text: w, Left: x, Right: x + 14, Bottom: 700, Top: 716, Size: 16, X: x, Y: 703})
			x += 30
		}
		return newLine(1, 842, rs)
	}
	if l := line("1", "2", "3", "10", "11", "22"); isSizedHeading(l, 10.5) {
		t.Errorf("%q read as a heading", l.text())
	}
	if l := line("69,408,240", "579,855"); isSizedHeading(l, 10.5) {
		t.Errorf("%q read as a heading", l.text())
	}
	if l := line("200人"); isSizedHeading(l, 10.5) {
		t.Errorf("%q (an axis's figure with its unit) read as a heading", l.text())
	}
	if l := line("１億2,808万人"); isSizedHeading(l, 10.5) {
		t.Errorf("%q (a chart's call-out) read as a heading", l.text())
	}
	if l := line("・総人口：2060年に380万人程度"); isSizedHeading(l, 10.5) {
		t.Errorf("%q (a list's item) read as a heading", l.text())
	}
	if l := line("第１章", "総則"); !isSizedHeading(l, 10.5) {
		t.Errorf("%q not read as a heading", l.text())
	}
}

// TestLineTrackedDigits: figures set with a little tracking, where PDFium
// generates a space before every digit (音威子府村's 給与 tables,
// 「月額 10,000円」 at 0.12 em apart), read as one number; numbers an em
// apart stay apart.
func TestLineTrackedDigits(t *testing.T) {
	var rs []pdfRun
	x := 438.58
	for _, c := range "10,000" {
		if x > 438.58 {
			rs = append(rs, pdfRun{Text: " ", Left: x, Right: x, Bottom: 700, Top: 706, Size: 6, X: x, Y: 701, Generated: true})
		}
		rs = append(rs, pdfRun{Text: string(c), Left: x, Right: x + 3, Bottom: 700, Top: 706, Size: 6, X: x, Y: 701})
		x += 3.72
	}
	for _, c := range "12" {
		x += 6
		rs = append(rs, pdfRun{Text: string(c), Left: x, Right: x + 3, Bottom: 700, Top: 706, Size: 6, X: x, Y: 701})
	}
	if got := newLine(1, 842, rs).text(); got != "10,000 1 2" && got != "10,000　1 2" {
		t.Errorf("line reads %q, want 10,000 whole and 1 2 apart", got)
	}
}

// TestDoubleSpacedParagraphs: a speech typed double-spaced (12-point lines
// 27 points apart, farther than lineGapFactor allows) reads paragraph by
// paragraph, its wrapped lines joined, as the document's leading says
// (setLeading); each line had been a paragraph of its own.
func TestDoubleSpacedParagraphs(t *testing.T) {
	bs := readPDFFile(t, pdftest.Print(t, "testdata/pdf/double-spaced.html", "--no-pdf-header-footer")).Blocks
	var got []string
	for _, b := range bs {
		got = append(got, b.Text)
	}
	for _, want := range []string{
		"本日、議員の皆様の御出席をいただき、第４４６回香美市議会定例会が開かれますことを厚く御礼申し上げます。",
		"防災につきましては、南海トラフ地震に備え、地域の実情に応じた避難計画の見直しを進めるとともに、自主防災組織の活動を支援し、地域の防災力の向上に努めてまいります。また、避難所の環境を改善するため、備蓄品の充実を図ってまいります。",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("no paragraph %q; blocks:\n%s", want, strings.Join(got, "\n"))
		}
	}
	if len(got) != 5 {
		t.Errorf("%d blocks, want the 5 paragraphs", len(got))
	}
}

// TestCloseBrackets: a closing bracket the PDF engine gives as the opening
// one is read back as closing (strings of the 広報 and the pay report of
// ../shared/corpus/municipal-pdf), and quotations nested as written, or
// half-width parentheses closed as written, are left alone.
func TestCloseBrackets(t *testing.T) {
	for in, want := range map[string]string{
		"「３駅維持管理「は、全体の約半数":              "「３駅維持管理」は、全体の約半数",
		"11月11日（金(役場大ホールにて":             "11月11日（金）役場大ホールにて",
		"「宗谷本線マイ…（以下、『実行委員会『「が設立。「秘境駅」": "「宗谷本線マイ…（以下、『実行委員会』」が設立。「秘境駅」",
		"「公営企業に係る「経営比較分析表」の策定及び公表について」": "「公営企業に係る「経営比較分析表」の策定及び公表について」",
		"1期(4年＝48月)務めた場合（注(1)参照）":       "1期(4年＝48月)務めた場合（注(1)参照）",
		"(2)職員給与費の状況　(普通会計決算(":          "(2)職員給与費の状況　(普通会計決算)",
		"職員数(A(":        "職員数(A)",
		"〔自然観察会 2024春〔": "〔自然観察会 2024春〕",
		"「介護される人」「介護する人「両者間の": "「介護される人」「介護する人」両者間の",
	} {
		if got := closeBrackets(in); got != want {
			t.Errorf("closeBrackets(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestRunningHeadAlternates: a book that prints its running head at the
// top of even pages and at the foot of odd ones (「―　30　―　一般会計」,
// mirrored on facing pages), each on half the pages, is chrome; a body
// line that comes back on a few pages is not.
func TestRunningHeadAlternates(t *testing.T) {
	var lines []*pdfLine
	for p := 1; p <= 9; p++ {
		head := &pdfLine{page: p, segs: []string{"―", strconv.Itoa(p), "―", "一般会計"}, seps: []string{"　", "　", "　"}, zone: 1}
		if p%2 == 0 {
			head.zone = -1
			head.segs = []string{"一般会計", "―", strconv.Itoa(p), "―"}
		}
		lines = append(lines, head, &pdfLine{page: p, segs: []string{"款　16.　県支出金　項　2.　県補助金"}})
	}
	markChrome(lines, 9)
	for _, l := range lines {
		if want := l.zone != 0; l.chrome != want {
			t.Errorf("page %d %q: chrome %v, want %v", l.page, l.text(), l.chrome, want)
		}
	}
}

// TestBoldPageHeadsNothing: on a page set in a bold face throughout (富士市's
// budget book sets its 節 rows and 説明 lines all in bold), a bold line of
// the body's size is the page's type: a row of its table or an item of its
// list heads nothing, while the 款 and 項 of the budget still head; on a
// page of prose, the one bold line of the body's size heads what follows. (Chromium
// prints Noto Sans CJK as Type 3 glyphs without a weight, so the lines are
// built here as the reader makes them from a PDF that has one.)
func TestBoldPageHeadsNothing(t *testing.T) {
	line := func(page int, text string, bold bool) *pdfLine {
		return &pdfLine{page: page, segs: []string{text}, size: 7, bold: bold}
	}
	var lines []*pdfLine
	for _, s := range []string{"款　9.消防費　項　1.消防費", "001一般職　318人　2,803,519", "2　給料　1,342,176", "事務補助　4人", "002消防管理費　248,605",
		"全国消防長会負担金　419", "消防車両維持管理　車両44台", "7　報償費　389　賃金実態調査", "（１）石垣市が取り組むフレイル予防について"} {
		lines = append(lines, line(1, s, true))
	}
	lines = append(lines, line(1, "本年度予算額の財源内訳", false))
	prose := []*pdfLine{
		line(2, "本市の消防は、常備消防と消防団の二本立てで地域の安全を守っています。近年は救急出動の件数が増え、", false),
		line(2, "救急隊の増隊を検討しています。", false),
		line(2, "消防団の充実", true),
		line(2, "消防団員の確保のため、団員の報酬を見直すとともに、分団の詰所を順次改修してまいります。", false),
	}
	lines = append(lines, prose...)
	markBoldPages(lines, 7)
	var heads []string
	for _, l := range lines {
		if isBoldHeading(l, 7) {
			heads = append(heads, fmt.Sprintf("p%d %s", l.page, l.text()))
		}
	}
	if want := []string{"p1 款　9.消防費　項　1.消防費", "p2 消防団の充実"}; !slices.Equal(heads, want) {
		t.Errorf("bold headings %q, want %q", heads, want)
	}
}
