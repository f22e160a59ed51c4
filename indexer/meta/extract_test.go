package meta

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func (m Metadata) String() string {
	s := func(v string) string {
		if v == "" {
			return "?"
		}
		return v
	}
	y := "?"
	if m.FiscalYear != 0 {
		y = fmt.Sprint(m.FiscalYear)
	}
	return fmt.Sprintf("%s/%s/%s/%s", s(m.City), s(m.Department), y, s(m.Published))
}

// chrome lines a scraped page carries; the real readers drop them, and
// everything after "SNSリンク…" is footer.
var chrome = map[string]bool{"ページの先頭です": true}

// seedInput builds an Input the way the source readers will: title, clean
// text, and the footer's organisation line as "問合せ先: …".
func seedInput(t *testing.T, name, title, footer string) Input {
	t.Helper()
	matches, _ := filepath.Glob(filepath.Join("testdata", "seeds", name+"_*.txt"))
	if len(matches) != 1 {
		t.Fatalf("seed %s: %v", name, matches)
	}
	raw, err := os.ReadFile(matches[0])
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, line := range strings.Split(string(raw), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "SNSリンク") {
			break
		}
		if line != "" && !chrome[line] {
			lines = append(lines, line)
		}
	}
	if footer != "" {
		lines = append(lines, contactPrefix+footer)
	}
	return Input{Title: title, Text: strings.Join(lines, "\n"), Path: matches[0]}
}

func TestExtractSeeds(t *testing.T) {
	tests := []struct {
		seed, title, footer string
		defaults            Metadata
		want                string
	}{
		// the page's <title>; the footer's organisation line
		{"000", "令和4年度政策企画室運営方針", "大阪市 政策企画室秘書部秘書課総務グループ", Metadata{}, "大阪市/政策企画室/2022/2023-06-09"},
		{"001", "令和4年度市民局運営方針", "大阪市 市民局総務部総務担当総務グループ", Metadata{}, "大阪市/市民局/2022/2024-01-31"},
		// 大阪市協働指針 (twice), 本市: the text names its city; the bare 23年度 has no era
		// and no date: 令和23年度 would lie in the future, so it is 平成23年度
		{"002", "", "", Metadata{}, "大阪市/?/2011/?"},
		{"002", "", "", Metadata{FiscalYear: 2011}, "大阪市/?/2011/?"},
		// an operator default of 2024 resolves 23年度 to 2023 (20xx is closest), not to 2024
		{"002", "", "", Metadata{FiscalYear: 2024}, "大阪市/?/2023/?"},
		// the operator's city does not override what the text supports
		{"002", "", "", Metadata{City: "堺市"}, "大阪市/?/2011/?"},
		{"003", "", "", Metadata{}, "枚方市/市長公室/2022/?"},
		{"004", "", "", Metadata{}, "柏原市/政策推進部/?/?"},
		{"004", "政策推進部 部長マニフェスト", "", Metadata{FiscalYear: 2013}, "柏原市/政策推進部/2013/?"},
	}
	for _, tt := range tests {
		t.Run(tt.seed, func(t *testing.T) {
			in := seedInput(t, tt.seed, tt.title, tt.footer)
			if got := Extract(in, tt.defaults).String(); got != tt.want {
				t.Errorf("Extract(seed %s, defaults %v) = %s, want %s", tt.seed, tt.defaults, got, tt.want)
			}
		})
	}
}

func TestExtractSeed002Published(t *testing.T) {
	in := seedInput(t, "002", "", "")
	in.Hints.Published = "2012-03-30" // as a CSV export would state it
	// the date resolves 23年度 to 平成23 = 2011 and is itself the publication date
	if got, want := Extract(in, Metadata{}).String(), "大阪市/?/2011/2012-03-30"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// Corpus formats, from small excerpts of the shared corpus.
func TestExtractCorpusFormats(t *testing.T) {
	speech := Input{
		Title: "桐生市議会 平成15年第1回定例会 03月05日　議案説明、予算総括質疑 市長発言（会議録から当該発言のみ抽出）",
		Text: "発言者: 大澤善隆（市長）\n出典: https://ssp.kaigiroku.net/tenant/kiryu/MinuteView.html?council_id=1&schedule_id=2\n" +
			"平成15年第１回定例市議会において、平成15年度の予算関係議案のご審議をお願いするに当たり、市政運営の方針を申し述べまして、議員各位並びに市民の皆様のご理解とご協力を賜りたいと存じます。\n" +
			"　　私が、再び市政をお預かりしてから４年が経過しようとしております。",
	}
	speech2025 := Input{
		Title: "桐生市議会 令和7年第1回定例会 02月21日　議案説明、質疑、委員会付託 市長発言（会議録から当該発言のみ抽出）",
		Text:  "発言者: 荒木恵司（市長）\n令和７年度桐生市議会第１回定例会において、令和７年度の予算関係議案の御審議をお願いするに当たり、予算の概要と市政運営についての考えを述べまして、市民並びに議員各位の御理解と御協力を賜りたいと存じます。\n　　こうした中、政府は、令和６年度補正予算を迅速かつ着実に執行し、",
	}
	bulletin := Input{
		Title: "募集 緑のまつりで植物と触れ合う 緑に親しもう教室",
		Text:  "花と緑などの自然に気軽に触れ合いませんか。\n■お手軽!コケ玉づくり\n日時：5月11日",
		Hints: Metadata{City: "神奈川県厚木市", Published: "2024.04.15"},
	}
	bulletinJan := bulletin
	bulletinJan.Hints.Published = "2025.01.15"
	kurashiki := Input{
		Title: "〔特集1〕感動をありがとう!大江佑弥選手",
		Text:  "パリ2024パラリンピック競技大会のアーチェリー競技男子コンパウンド部門(8月30日・9月1日開催)で、玉島地区出身の大江佑弥選手(倉敷市職員)が第17位の成績を収めました。",
		Hints: Metadata{City: "岡山県倉敷市", Published: "2024.10.01"},
	}
	// A recruitment notice published in December 2024 that announces a
	// later year in its first line: the article is news of fiscal 2024.
	bulletinLater := Input{
		Title: "会計年度任用職員を募集",
		Text:  "令和11年度までの任期で、市役所で働く会計年度任用職員を募集します。\n勤務：令和７年４月１日から",
		Hints: Metadata{City: "岡山県倉敷市", Published: "2024.12.01"},
	}
	bulletinTitled := bulletinLater
	bulletinTitled.Title = "令和７年度 市民税・県民税の申告"
	sports := Input{
		Title: "オリンピック・パラリンピックスポーツ等振興事業",
		Text:  "所属: 文化観光スポーツ振興部　スポーツ推進課",
		Hints: Metadata{Department: "文化観光スポーツ振興部"},
	}
	jimujigyou := Input{
		Title: "全庁共通プロジェクト推進経費",
		Text:  "品川区 事務事業優先度評価ツール\n区有地活用方針決定件数 2件\n変化に対応して効果的・効率的に施策を展開する",
		Hints: Metadata{Department: "企画経営部　企画課"},
	}
	minutes := Input{
		Title: "平成15年第1回臨時会",
		Text: "平成１５年　　５月臨時会（第１回）\n　　　平成１５年桐生市議会第１回臨時会会議録第１号\n" +
			"　　　平成１５年５月１５日（木曜日）\n議事日程第１号の１\n日程第　１　仮議席の指定",
	}
	tests := []struct {
		name     string
		in       Input
		defaults Metadata
		want     string
	}{
		{"speech", speech, Metadata{}, "桐生市/市長/2003/?"},
		{"speech 令和7", speech2025, Metadata{}, "桐生市/市長/2025/?"},
		{"bulletin", bulletin, Metadata{}, "厚木市/?/2024/2024-04-15"},
		{"bulletin January", bulletinJan, Metadata{}, "厚木市/?/2024/2025-01-15"},
		{"bulletin 倉敷", kurashiki, Metadata{}, "倉敷市/?/2024/2024-10-01"},
		{"bulletin announcing a later year", bulletinLater, Metadata{}, "倉敷市/?/2024/2024-12-01"},
		{"bulletin title names the year", bulletinTitled, Metadata{}, "倉敷市/?/2025/2024-12-01"},
		// the headline names no unit; the contact line does
		{"headline ending in 教室 names no department", Input{Title: "スケート教室", Text: "初心者向けのスケート教室です。\n問合せ：スポーツ振興課", Hints: Metadata{City: "厚木市", Published: "2024.12.01"}}, Metadata{}, "厚木市/スポーツ振興課/2024/2024-12-01"},
		{"headline with 放課後 names no department", Input{Title: "放課後児童クラブの利用者を募集", Text: "放課後児童クラブの利用者を募集します。", Hints: Metadata{City: "倉敷市", Published: "2024.10.01"}}, Metadata{}, "倉敷市/?/2024/2024-10-01"},
		{"katakana department stays full width", sports, Metadata{City: "品川区"}, "品川区/文化観光スポーツ振興部/?/?"},
		{"jimujigyou", jimujigyou, Metadata{}, "品川区/企画経営部/?/?"},
		{"jimujigyou default year", jimujigyou, Metadata{FiscalYear: 2023}, "品川区/企画経営部/2023/?"},
		// a session's calendar year is not a fiscal year: unknown; the date
		// line under the header is the day the minutes record
		{"minutes", minutes, Metadata{}, "桐生市/議会/?/2003-05-15"},
		{"minutes other default city", minutes, Metadata{City: "みどり市"}, "桐生市/議会/?/2003-05-15"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Extract(tt.in, tt.defaults).String(); got != tt.want {
				t.Errorf("Extract = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestFiscalYearFromLead(t *testing.T) {
	defer func(f func() time.Time) { today = f }(today)
	today = func() time.Time { return time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC) }
	speech := func(title string, paras ...string) Input {
		return Input{Title: title, Text: "発言者: 山田太郎（市長）\n" + strings.Join(paras, "\n")}
	}
	filler := []string{"おはようございます。", "本日ここに、議員各位のご出席をいただき、", "厚く御礼申し上げます。", "さて、", "景気は依然として厳しい状況にあります。"}
	tests := []struct {
		name string
		in   Input
		want int
	}{
		// the first paragraph after the header names the year the speech is about
		{"lead names the year", Input{Text: strings.Join(append(filler, "平成14年度は、行財政改革の総仕上げの年と位置づけ、"), "\n")}, 2002},
		// a span's first year is not the document's year
		{"span", Input{Text: strings.Join(append(filler, "平成28年度から令和2年度までの5年間を計画期間とします。"), "\n")}, 0},
		// a February session's budget speech presents the fiscal year starting in April
		{"February session", speech("甲市議会 平成14年第1回定例会 02月27日　議案説明 市長発言（施政方針）", filler...), 2002},
		{"March session", speech("甲市議会 令和5年第1回定例会 03月01日　予算総括質疑 市長発言", filler...), 2023},
		// a September session speaks of the year under way, but says nothing of which one it is
		{"September session", speech("甲市議会 令和5年第3回定例会 09月01日　議案説明 市長発言（所信）", filler...), 0},
		// a session that presents no budget or policy has no fiscal year of its own
		{"February, no budget", speech("甲市議会 令和5年第1回定例会 02月20日　一般質問", filler...), 0},
		// bare years without an era or a date: 令和23年度 would lie in the future
		{"bare 23", Input{Text: "事項\n23年度を取組内容"}, 2011},
		// 令和5年度 and 平成5年度 both lie in the past: nothing tells them apart
		{"bare 5", Input{Text: "事項\n5年度を取組内容"}, 0},
		// an era named elsewhere resolves the bare year
		{"bare 5, 令和 named", Input{Text: "事項\n5年度を取組内容\n令和5年6月9日更新"}, 2023},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Extract(tt.in, Metadata{}).FiscalYear; got != tt.want {
				t.Errorf("fiscal year = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestDepartmentFromContactLines(t *testing.T) {
	bulletin := func(text string) Input {
		return Input{Title: "お知らせ", Text: "本文です。\n" + text, Hints: Metadata{City: "倉敷市", Published: "2024.10.01"}}
	}
	tests := []struct {
		name string
		in   Input
		want string
	}{
		{"本庁 dropped", bulletin("問合せ：本庁防災推進課【電話】426-3131"), "防災推進課"},
		{"phone on the next line", bulletin("問合せ：予防課\n【電話】223-9371"), "予防課"},
		// the first unit is the highest: a 課 under the 保健所
		{"under 保健所", bulletin("問合せ：市保健所健康づくり課食育推進係【電話】434-9868"), "保健所"},
		{"教育委員会", bulletin("申込み・問合せ：教育委員会生涯学習課【電話】225-2510"), "教育委員会"},
		// 市 that begins the unit's own name stays
		{"市民協働推進課", bulletin("問合せ：市民協働推進課【電話】225-2215"), "市民協働推進課"},
		// the units under a bare label; the association is no unit of the
		// city, and its contact a vote for none: one of two is no majority
		{"list under the label", bulletin("問合せ：\n岡山県不動産鑑定士協会【電話】086-231-4711\n本庁用地室【電話】426-3465"), ""},
		{"list, two of three", bulletin("問合せ：\n倉敷警察署【電話】426-0110\n本庁生活安全課【電話】426-3111\n問合せ：本庁生活安全課【電話】426-3275"), "生活安全課"},
		{"inside a unit", bulletin("問合せ：市国際交流協会事務局(本庁国際課内)【電話】426-3155"), "国際課"},
		// outside bodies, people and other municipalities are nobody's department here
		{"association", bulletin("問合せ：厚木ギターアンサンブル事務局・冨田【電話】090-0000-0000"), ""},
		{"national office", bulletin("問合せ：横浜地方法務局【電話】045-641-7461"), ""},
		{"person", bulletin("問合せ：小室【電話】090-0000-0000"), ""},
		{"another city", bulletin("問合せ：\n笠岡市定住促進課【電話】0865-69-2377"), ""},
		// two different units, neither the majority: unknown
		{"no majority", bulletin("問合せ：本庁地域包括ケア推進室【電話】426-3417\n■講演会\n問合せ：本庁労働雇用政策課【電話】426-3415"), ""},
		{"majority", bulletin("問合せ：本庁観光課【電話】1\n問合せ：本庁観光課【電話】1\n問合せ：本庁商工課【電話】2"), "観光課"},
		// a sentence that mentions inquiries is no contact line
		{"sentence", bulletin("詳しくは、問い合わせを。本庁観光課が対応します。"), ""},
		// the head of a ward speaking
		{"区長 speech", Input{Title: "令和5年第1回定例会 区長発言（施政方針）", Text: "発言者: 山田花子（区長）\n本日は…"}, "区長"},
		// the assembly's minutes are 議会's; an advisory council's 議事録 is
		// not, though 審議会 holds the letters 議会
		{"assembly minutes", Input{Title: "令和6年第2回桐生市議会定例会会議録", Text: "○議長（山田太郎君）　開会します。"}, "議会"},
		{"審議会 minutes", Input{Title: "第3回桐生市都市計画審議会 議事録", Text: "○会長　開会します。"}, ""},
		{"協議会 minutes", Input{Title: "地域公共交通協議会 会議録", Text: "○委員　意見を述べます。"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Extract(tt.in, Metadata{}).Department; got != tt.want {
				t.Errorf("department = %q, want %q", got, tt.want)
			}
		})
	}
}
