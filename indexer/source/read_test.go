package source

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// one reads a fixture that must give exactly one document.
func one(t *testing.T, name string, data []byte) Source {
	t.Helper()
	docs, err := collect(name, data)
	if err != nil {
		t.Fatalf("Read(%s): %v", name, err)
	}
	if len(docs) != 1 {
		t.Fatalf("Read(%s) gave %d documents, want 1", name, len(docs))
	}
	return docs[0]
}

// TestReadWholeFile checks the title and the first blocks of every
// single-document format on real excerpts.
func TestReadWholeFile(t *testing.T) {
	tests := []struct {
		file, title, url string
		first            int
		want             string
	}{
		{"seed000_page.txt", "令和4年度政策企画室運営方針", "", 5,
			"P:2023年6月9日 | P:運営方針の進捗管理(振り返り)を実施しました。その結果について、「自己評価」欄に反映しています。(令和5年6月9日) | P:【室の目標(何をめざすのか)】 | L:豊かな大阪の実現のためのトップマネジメントの補佐 | L:市民との情報共有と信頼の確保を図るための情報発信の推進"},
		{"seed001_page.txt", "令和4年度市民局運営方針", "", 4,
			"P:2024年1月31日 | P:運営方針の進捗管理を実施しました。その結果について、「自己評価」欄に反映しています。(令和5年6月9日) | P:【区・局の目標(何をめざすのか)】 | P:区長(区シティ・マネージャー)と連携して、次のようなまちをつくること。"},
		{"seed002_table.txt", "2 区役所・市役所力の強化", "", 5, // the caption above the table, not its header row
			"P:2 区役所・市役所力の強化 | C:事項 | C:23年度を取組内容 | C:事項2-③ 「区政会議」の設置など | C:【趣旨・目的】 区政についての意見と区政の評価を行う「区政会議」の設置等により、区の実情に合わせた協働型の区政を展開する。"},
		{"seed003_markdown.txt", "市長公室の取り組み", "", 6,
			"P:令和4年度 | P:(2022年度) | P:市長公室の取り組み | P:<部長の方針・考え方> | L:“伝えた” から “伝わった” へ、⏎“提供した” から “役立った” へ、⏎そして “ヒトゴト” から “ジブンゴト” へ。⏎すべては市民の幸せのために、、、 | P:2年に及ぶウィズコロナで経験を活かし、常に市民と向き合い、寄り添い、思いを共有して、「誰一人取り残されないまちづくり」を目指し、市長公室全職員が結束し、積極的かつ創造的に施策を展開する。"},
		{"seed004_markdown.txt", "政策推進部 部長マニフェスト", "", 4,
			"H2:政策推進部 部長マニフェスト | H3:私の思い | H4:政策推進部長 松井 久尚 | P:政策推進部は、市長のトップマネジメントを支え、第4次柏原市総合計画に基づいて、柏原市の将来像である『市民が生きいきとしにぎわいにあふれているまち 柏原』の実現を目指すとともに、市長公約である5つの「大阪ナンバー1」及び8本の柱に取り組みます。"},
		{"kiryu-speech.txt", "桐生市議会 平成15年第1回定例会 03月05日　議案説明、予算総括質疑 市長発言（会議録から当該発言のみ抽出）",
			"https://ssp.kaigiroku.net/tenant/kiryu/MinuteView.html?council_id=1&schedule_id=2", 3,
			"P:発言者: 大澤善隆（市長） | S:平成15年第１回定例市議会において、平成15年度の予算関係議案のご審議をお願いするに当たり、市政運営の方針を申し述べまして、議員各位並びに市民の皆様のご理解とご協力を賜りたいと存じます。 | S:私が、再び市政をお預かりしてから４年が経過しようとしております。"},
		{"page.html", "令和4年度政策企画室運営方針｜大阪市", "", 6,
			"H1:令和4年度政策企画室運営方針 | P:2023年6月9日 | H2:【室の目標(何をめざすのか)】 | L:豊かな大阪の実現のためのトップマネジメントの補佐 | L:市民との情報共有と信頼の確保を図るための情報発信の推進 | H3:【戦略 1-1 全庁的な企画立案機能の強化】"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			s := one(t, tt.file, readFixture(t, tt.file))
			if s.Title != tt.title || s.URL != tt.url || s.Encoding != "UTF-8" || s.Path != tt.file || s.Key != "" {
				t.Errorf("title %q url %q encoding %q path %q key %q", s.Title, s.URL, s.Encoding, s.Path, s.Key)
			}
			if got := compact(s.Blocks[:min(tt.first, len(s.Blocks))]); got != tt.want {
				t.Errorf("blocks\n got  %s\n want %s", got, tt.want)
			}
		})
	}
}

// chrome is text of site chrome that must never reach a block.
var chrome = []string{"ページの先頭です", "ページ番号", "SNSリンク", "Facebookでシェア", "Xでポストする",
	"LINEで送る", "探している情報", "アンケート", "入力欄を開く", "ご注意", "住所:", "電話:", "ファックス",
	"メール送信フォーム", "過去の", "策定経過", "このページの作成者", "トップページ", "くらし", "関連リンク", "大阪市役所"}

func TestPageChromeIsGone(t *testing.T) {
	for _, file := range []string{"seed000_page.txt", "seed001_page.txt", "page.html"} {
		s := one(t, file, readFixture(t, file))
		for _, b := range s.Blocks {
			for _, c := range chrome {
				if strings.Contains(b.Text, c) {
					t.Errorf("%s: chrome %q in block %q", file, c, b.Text)
				}
			}
		}
	}
}

func TestPageEnds(t *testing.T) {
	tests := []struct{ file, want string }{
		{"seed000_page.txt", "L:新型コロナウイルス感染症による状況に留意しながら、研修などの支援に取り組む。⏎(予算額 7百万円) | P:2 「市政改革プラン3.1」に基づく取組等 | P:【風通しが良く、働きやすい職場づくり】 | P:(取組内容) | L:不適正事務やコンプライアンス違反などの未然防止を目的とした研修、担当内外での意見交換会などの実施。 | L:長時間労働の是正や柔軟な働き方の推進を目的とした意識啓発メールや研修、担当内外での意見交換会などの実施。 | P:問合せ先: 大阪市 政策企画室秘書部秘書課総務グループ"},
		{"seed001_page.txt", "P:働きがい・やりがいのある、風通しの良い職場づくり | L:一体感をもって仕事に取り組む雰囲気のある、良好な職場づくりのため、職員同士の仲間意識の醸成を図る。 | L:職場改善や業務効率化に取り組む、積極的かつチャレンジ意識を持つ人材の育成を図る。 | P:問合せ先: 大阪市 市民局総務部総務担当総務グループ"},
		{"page.html", "C:事項 | C:23年度を取組内容 | C:区政会議の設置 | C:区民参加の拡充 & 協働"},
	}
	for _, tt := range tests {
		s := one(t, tt.file, readFixture(t, tt.file))
		n := strings.Count(tt.want, " | ") + 1
		if got := compact(s.Blocks[len(s.Blocks)-n:]); got != tt.want {
			t.Errorf("%s ends\n got  %s\n want %s", tt.file, got, tt.want)
		}
	}
}

func TestHTMLLineBreak(t *testing.T) {
	s := one(t, "page.html", readFixture(t, "page.html"))
	want := "P:新型コロナウイルス感染症対策を講じたうえで、企画立案し、全庁的な調整を行う。 | P:(予算額 84百万円)"
	for i, b := range s.Blocks {
		if strings.HasPrefix(b.Text, "新型コロナ") {
			if got := compact(s.Blocks[i : i+2]); got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
			return
		}
	}
	t.Error("paragraph with <br> not found")
}

func TestCSVOneDocumentPerArticle(t *testing.T) {
	docs, err := collect("kouhou.csv", readFixture(t, "kouhou.csv"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range docs {
		got = append(got, s.Key+" "+s.Title+" "+s.Hints.City+" "+s.Hints.Published+" "+compact(s.Blocks[:2]))
	}
	want := []string{
		"row 1 募集 緑のまつりで植物と触れ合う 緑に親しもう教室 厚木市 2024-04-15 P:花と緑などの自然に気軽に触れ合いませんか。 | P:■お手軽!コケ玉づくり",
		"row 2 広報テレビ・ラジオ番組 厚木市 2024-04-15 P:イベント情報や街の話題などを紹介 | P:■ケーブルテレビ",
		"row 3 〔特集2〕いざというときの避難計画を作っておきましょう 倉敷市 2024-10-01 " + compact(docs[2].Blocks[:2]),
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(compact(docs[0].Blocks), "L:12日　12時30分?13時30分") {
		t.Errorf("「・」 lines should be list items, text kept as is (upstream ?): %s", compact(docs[0].Blocks))
	}
}

func TestCSVGenericHeader(t *testing.T) {
	data := "title,date,city,text\n多文化共生の推進,2023/6/9,東京都品川区,\"外国人住民への支援を行う。\n・やさしい日本語\"\n"
	docs, err := collect("x.csv", []byte(data))
	if err != nil || len(docs) != 1 {
		t.Fatalf("docs %d err %v", len(docs), err)
	}
	s := docs[0]
	got := s.Title + " " + s.Hints.City + " " + s.Hints.Published + " " + compact(s.Blocks)
	if want := "多文化共生の推進 品川区 2023-06-09 P:外国人住民への支援を行う。 | L:やさしい日本語"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestCSVBrokenRowIsSkipped(t *testing.T) {
	data := "自治体名,公開年月,発行号タイトル,記事タイトル,カテゴリ,記事本文\n" +
		"神奈川県厚木市,2024.04.15,広報あつぎ,広報あつぎデジタル版,くらし,■市HPでもPDF版を掲載\n" +
		"神奈川県厚木市,2024.04.15,広報あつぎ\n" +
		"神奈川県厚木市,2024.04.15,広報あつぎ,催し(1),イベント,■神奈川工科大学厚木市子ども科学館の催し\n"
	docs, err := collect("bulletin.csv", []byte(data))
	var sk *Skipped
	if !errors.As(err, &sk) || sk.Good != 2 || len(sk.Records) != 1 || sk.Records[0].Key != "row 2" {
		t.Fatalf("err = %v", err)
	}
	if len(docs) != 2 || docs[1].Key != "row 3" || docs[1].Title != "催し(1)" {
		t.Errorf("docs = %+v", docs)
	}
	if h := docs[0].Hints; h.City != "厚木市" || h.Prefecture != "神奈川県" {
		t.Errorf("hints = %+v, want 厚木市 of 神奈川県", h)
	}
}

func TestJSONOneDocumentPerRecord(t *testing.T) {
	docs, err := collect("jimujigyou-asago.json", readFixture(t, "jimujigyou-asago.json"))
	if err != nil || len(docs) != 3 {
		t.Fatalf("docs %d err %v", len(docs), err)
	}
	s := docs[1]
	got := s.Key + " " + s.Title + " " + s.Hints.City + " " + s.Hints.Department + " " + compact(s.Blocks)
	want := "record 2 広報広聴事業 朝来市 企画総務部 H1:広報広聴事業 | P:所属: 企画総務部　秘書広報課 | P:予算: 11,946千円 | P:評価: 改善（手段変更） | P:施策: 32.伝えたいところに届く戦略的な情報発信の推進 | P:活動指標: フォーラム等参加者数 1191人 | P:活動指標: 報道関係者への情報提供数 329件 | P:成果指標: 対話による開かれた広聴の充実が図られていると感じる市民の割合 20.7％ | P:成果指標: 伝えたいところに届く戦略的な情報発信の推進が図られていると感じる市民の割合 24.2％"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got := compact(docs[0].Blocks); got != "H1:総務一般管理事業（秘書広報課） | P:所属: 企画総務部　秘書広報課 | P:予算: 8,254千円 | P:評価: 評価対象外" {
		t.Errorf("empty fields and 施策なし must be skipped: %s", got)
	}
}

func TestJSONPDFAddress(t *testing.T) {
	data := `{"municipality_page_title": "西宮市 事務事業優先度評価ツール", "records": [
{"no": "620102", "name": "政策推進事務", "bureau": "データなし", "dept": "政策局　政策推進課", "budget": 50700, "ev": "現状継続", "outcome_name": "データなし", "outcome_val": "データなし", "pdf_page": 26, "cls": "政策推進", "pdf_url": "https://www.nishi.or.jp/R7jimujigyou1v2.pdf"}]}`
	s := one(t, "nishinomiya.json", []byte(data))
	got := s.URL + " " + s.Hints.City + " " + s.Hints.Department + " " + compact(s.Blocks)
	want := "https://www.nishi.or.jp/R7jimujigyou1v2.pdf#page=26 西宮市 政策局 H1:政策推進事務 | P:所属: 政策局　政策推進課 | P:予算: 50,700千円 | P:評価: 現状継続 | P:施策: 政策推進"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestMalformedJSONNamesTheLine(t *testing.T) {
	data := "{\"records\": [\n{\"name\": \"広報紙発行事業\", \"budget\": 36448},\n{\"name\": 広報}\n]}"
	_, err := collect("kitamoto.json", []byte(data))
	if err == nil || !strings.Contains(err.Error(), "kitamoto.json: malformed JSON at line 3") {
		t.Errorf("err = %v", err)
	}
}

func TestJSONLinesOneDocumentPerLine(t *testing.T) {
	plain := readFixture(t, "kiryu-minutes.jsonl")
	var zipped bytes.Buffer
	zw := gzip.NewWriter(&zipped)
	zw.Write(plain)
	zw.Close()
	for _, in := range []struct {
		name string
		data []byte
	}{{"kiryu.jsonl", plain}, {"kiryu.jsonl.gz", zipped.Bytes()}, {"kiryu.ndjson", zipped.Bytes()}} {
		docs, err := collect(in.name, in.data)
		if err != nil || len(docs) != 2 {
			t.Fatalf("%s: docs %d err %v", in.name, len(docs), err)
		}
		s := docs[0]
		got := s.Key + " " + s.Title + " " + s.URL + " " + compact(s.Blocks[:3])
		want := "line 1 平成15年第1回臨時会 05月15日　議長の選挙、副議長の選挙 https://ssp.kaigiroku.net/tenant/kiryu/MinuteView.html?council_id=5&schedule_id=2 " +
			"S:○八木健　一般選挙後最初の議会でありますので、議長が選挙されるまでの間、地方自治法第107条の規定により、年長議員が臨時議長の職務を行うことになっております。⏎出席議員中、蛭間利雄議員が年長議員でありますので、御紹介を申し上げます。よろしくお願いいたします。 | " +
			"S:○蛭間利雄　ただいま紹介をいただきました蛭間利雄であります。⏎地方自治法第107条の規定により、臨時に議長の職務を行います。どうぞよろしくお願いを申し上げます。 | H0:開会"
		if got != want {
			t.Errorf("%s\n got  %s\n want %s", in.name, got, want)
		}
		for _, d := range docs {
			for _, b := range d.Blocks {
				if strings.Contains(b.Text, "出席議員（") || strings.Contains(b.Text, "議事日程第") || strings.Contains(b.Text, "〔年長議員") {
					t.Errorf("%s %s: header or stage note kept: %q", in.name, d.Key, b.Text)
				}
			}
		}
		if docs[1].Key != "line 2" || docs[1].Title != "平成15年第1回臨時会 05月16日　議案説明、質疑、討論、表決" {
			t.Errorf("second line: %q %q", docs[1].Key, docs[1].Title)
		}
	}
}

func TestJSONLinesMalformedLineIsSkipped(t *testing.T) {
	lines := strings.Split(strings.TrimSpace(string(readFixture(t, "kiryu-minutes.jsonl"))), "\n")
	data := lines[0] + "\n{\"session\": \"平成15年\", \"text\": \n" + lines[1] + "\n"
	docs, err := collect("minutes.jsonl", []byte(data))
	var sk *Skipped
	if !errors.As(err, &sk) {
		t.Fatalf("err = %v, want *Skipped", err)
	}
	if sk.Good != 2 || len(sk.Records) != 1 || sk.Records[0].Key != "line 2" || sk.Records[0].Path != "minutes.jsonl" {
		t.Errorf("skipped = %+v", sk)
	}
	if !strings.Contains(err.Error(), "minutes.jsonl: line 2: malformed JSON") {
		t.Errorf("error %q does not name the line", err)
	}
	if len(docs) != 2 || docs[0].Key != "line 1" || docs[1].Key != "line 3" {
		t.Errorf("good lines: %d docs", len(docs))
	}
}

func TestWholeFileErrors(t *testing.T) {
	tests := []struct {
		name string
		data string
		is   error
		msg  string
	}{
		{"empty.txt", "", ErrEmpty, "empty.txt: empty document"},
		{"blank.md", " \n\r\n　\n", ErrEmpty, "blank.md: empty document"},
		{"chrome.txt", "ページの先頭です\n\nSNSリンクは別ウィンドウで開きます\n\n  • Facebookでシェア\n\nこのページの作成者・問合せ先\n\n大阪市 市民局総務部総務担当総務グループ\n", ErrEmpty, "chrome.txt: empty document"},
		{"broken.txt", "\xff\xfe\xfd\x80令和4年度", ErrEncoding, "broken.txt: broken encoding"},
		{"binary.txt", "\x00\x01\x02", ErrEncoding, "binary.txt: broken encoding"},
		{"empty.jsonl", "\n\n", ErrEmpty, "empty.jsonl: empty document"},
		{"records.json", `{"records": []}`, ErrEmpty, "records.json: empty document"},
		{"broken.txt.gz", "\x1f\x8b\x08\x00garbage", nil, "broken.txt.gz: broken gzip"},
	}
	for _, tt := range tests {
		docs, err := collect(tt.name, []byte(tt.data))
		if err == nil || len(docs) != 0 || (tt.is != nil && !errors.Is(err, tt.is)) || !strings.HasPrefix(err.Error(), tt.msg) {
			t.Errorf("%s: %d docs, err %v; want %q", tt.name, len(docs), err, tt.msg)
		}
		if errors.As(err, new(*Skipped)) {
			t.Errorf("%s: whole-file error reported as skipped records", tt.name)
		}
	}
}

func TestEmitErrorStopsReading(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	err := Read("jimujigyou-asago.json", readFixture(t, "jimujigyou-asago.json"), func(Source) error {
		n++
		return stop
	})
	if err != stop || n != 1 {
		t.Errorf("err %v after %d documents", err, n)
	}
}

func TestReadFileGzip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "speech.txt.gz")
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(readFixture(t, "kiryu-speech.txt"))
	zw.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var docs []Source
	if err := ReadFile(path, func(s Source) error { docs = append(docs, s); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || docs[0].Path != path || docs[0].Blocks[1].Kind != Speech {
		t.Errorf("docs = %+v", docs)
	}
	if err := ReadFile(filepath.Join(t.TempDir(), "missing.txt"), func(Source) error { return nil }); err == nil {
		t.Error("missing file: no error")
	}
}

func TestSupported(t *testing.T) {
	tests := map[string]bool{
		"a.txt": true, "b.MD": true, "c.markdown": true, "d.html": true, "e.htm": true, "f.tsv": true,
		"g.csv": true, "h.json": true, "i.jsonl": true, "kiryu_minutes.jsonl.gz": true, "j.ndjson": true,
		"k.csv.gz": true, "l.pdf": true, "l.PDF": true, "m.gz": false, "n": false, "o.docx": false, "dir.txt/p.xlsx": false,
	}
	for path, want := range tests {
		if got := Supported(path); got != want {
			t.Errorf("Supported(%q) = %v", path, got)
		}
	}
}

func TestBlocksAreClean(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.*")
	for _, f := range files {
		if strings.HasSuffix(f, ".md") {
			continue
		}
		docs, err := collect(f, readFixture(t, filepath.Base(f)))
		if err != nil {
			t.Errorf("%s: %v", f, err)
		}
		for _, d := range docs {
			for _, b := range d.Blocks {
				if b.Text == "" || b.Text != trim(b.Text) || !utf8.ValidString(b.Text) {
					t.Errorf("%s %s: bad block %q", f, d.Key, b.Text)
				}
			}
		}
	}
}

func TestHTMLCanonicalAddress(t *testing.T) {
	page := func(head string) string {
		return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>市民局運営方針</title>" + head +
			"</head><body><h1>令和4年度市民局運営方針</h1><p>区長と連携してまちをつくる。</p></body></html>"
	}
	tests := []struct{ head, want string }{
		{`<link rel="canonical" href="https://www.city.osaka.lg.jp/shimin/page/0000570000.html"><meta property="og:url" content="https://example.jp/og">`, "https://www.city.osaka.lg.jp/shimin/page/0000570000.html"},
		{`<meta property="og:url" content="https://www.city.osaka.lg.jp/og.html">`, "https://www.city.osaka.lg.jp/og.html"},
		{`<link rel="canonical" href="/shimin/page/1.html">`, ""}, // relative: no address of its own
	}
	for _, tt := range tests {
		if s := one(t, "page.html", []byte(page(tt.head))); s.URL != tt.want {
			t.Errorf("%s: url %q, want %q", tt.head, s.URL, tt.want)
		}
	}
}

// TestReadAllHint: the whole input is read whatever the size hint says
// (a file that grew or shrank since it was found).
func TestReadAllHint(t *testing.T) {
	text := strings.Repeat("令和8年度当初予算の概要。", 5000)
	for _, hint := range []int64{0, 10, int64(len(text)), int64(len(text)) * 3} {
		got, err := readAll(strings.NewReader(text), hint)
		if err != nil || string(got) != text {
			t.Errorf("hint %d: read %d bytes of %d, err %v", hint, len(got), len(text), err)
		}
	}
	if n := sizeOf(bytes.NewReader([]byte(text))); n != int64(len(text)) {
		t.Errorf("sizeOf(bytes.Reader) = %d, want %d", n, len(text))
	}
}

// TestReadMinutesMarkAlone: minutes whose speaker marks stand alone on
// their lines (○議長, the speech below) are read speech by speech, each
// speech its own block, not run into the one before; an agenda heading
// marked the same way (◎開議の宣告) opens no speech.
func TestReadMinutesMarkAlone(t *testing.T) {
	text := `令和６年第２回定例会　○○町議会会議録（第１号）
令和６年６月１０日（月曜日）
◎開議の宣告
○議長
　ただいまから令和６年第２回○○町議会定例会を開会します。
　日程第１、一般質問を行います。３番、佐藤花子議員。
○３番（佐藤花子君）
　ヤングケアラーの支援について伺います。町として実態調査を行う考えはありますか。
○町長
　佐藤議員の御質問にお答えします。本年度中に実態調査を実施いたします。
○議長
　以上で一般質問を終わります。
`
	var docs []Source
	if err := Read("kaigiroku.txt", []byte(text), func(s Source) error { docs = append(docs, s); return nil }); err != nil {
		t.Fatal(err)
	}
	var speeches []string
	for _, b := range docs[0].Blocks {
		if b.Kind == Speech {
			speeches = append(speeches, strings.SplitN(b.Text, "\n", 2)[0])
		}
	}
	want := []string{"○議長", "○３番（佐藤花子君）", "○町長", "○議長"}
	if !slices.Equal(speeches, want) {
		t.Errorf("speeches open with %q, want %q", speeches, want)
	}
}
