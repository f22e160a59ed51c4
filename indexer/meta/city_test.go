package meta

import (
	"maps"
	"os"
	"strings"
	"testing"
)

func TestMentions(t *testing.T) {
	tests := []struct{ in, want string }{
		{"大阪府と大阪市の役割分担", "大阪市"},
		{"東大阪市の市民", "東大阪市"},         // not 大阪市
		{"大阪市北区中之島1丁目3番20号", "大阪市"}, // 北区 is a ward of 大阪市 here
		{"東京都北区の区民", "北区"},
		{"横浜市港北区", "横浜市"},
		{"港北区で", ""},
		{"品川区 事務事業優先度評価ツール", "品川区"},
		{"府中町と府中市", "府中町 府中市"},
		{"東京都市町村", ""}, // no 京都市 inside 東京都市
		{"今津市場", ""},   // no 津市 inside a word
		{"三重県津市", "津市"},
		{"岡山県倉敷市", "倉敷市"},
		{"第4次柏原市総合計画", "柏原市"}, // not 柏市
		{"大和高田市と大和市", "大和高田市 大和市"},
		{"大阪万博", ""},
		{"市町村", ""},
	}
	for _, tt := range tests {
		var got []string
		for _, m := range mentions(tt.in) {
			got = append(got, m.name)
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("mentions(%q) = %q, want %q", tt.in, g, tt.want)
		}
	}
}

func TestExtractCity(t *testing.T) {
	tests := []struct {
		name     string
		in       Input
		defaults Metadata
		want     string
	}{
		{"one passing mention of another city", Input{Text: "外交方針や国際化戦略の一体化に向けて、大阪府と大阪市の役割分担の明確化を図る。"}, Metadata{}, ""},
		{"passing mention yields to the operator", Input{Text: "大阪府と大阪市の役割分担の明確化を図る。"}, Metadata{City: "枚方市"}, "枚方市"},
		{"東大阪市 is not 大阪市", Input{Title: "東大阪市 行財政改革プラン"}, Metadata{}, "東大阪市"},
		{"named plan", Input{Text: "第4次柏原市総合計画に基づいて、柏原市の将来像の実現を目指す。"}, Metadata{}, "柏原市"},
		{"brand", Input{Text: "外国人等に向けた情報発信力の強化を図るため広報ひらかたで使用している多言語アプリ"}, Metadata{}, "枚方市"},
		{"header line", Input{Text: "桐生市議会 平成15年第1回定例会\n発言者: 大澤善隆（市長）"}, Metadata{}, "桐生市"},
		{"contact line", Input{Text: "本文\n問合せ先: 大阪市 政策企画室秘書部秘書課総務グループ"}, Metadata{}, "大阪市"},
		{"contact line beats operator", Input{Text: "本文\n問合せ先: 大阪市 市民局"}, Metadata{City: "堺市"}, "大阪市"},
		{"hint with prefecture", Input{Hints: Metadata{City: "神奈川県厚木市"}}, Metadata{}, "厚木市"},
		{"hint beats text", Input{Title: "大阪市の取組", Hints: Metadata{City: "桐生市"}}, Metadata{}, "桐生市"},
		{"bare ward of a 政令市", Input{Text: "北区役所と連携し、北区の地域活動を支援する。北区民まつり"}, Metadata{}, ""},
		{"tie is unknown", Input{Text: "大阪市協働指針と堺市協働指針"}, Metadata{}, ""},
		{"nothing", Input{Text: "令和4年度 室運営の基本的な考え方"}, Metadata{}, ""},
		// a 消防費 page of a budget book cut out of it: the joint centre of
		// two cities and the partner's building it rents name the partner
		// more often than the book's own city, which nothing else names
		{"a joint centre and a partner's building", Input{Text: "目 本年度予算額 前年度予算額 比較\n千円 千円 千円\n1 常備消防費 4,970,456\n001 一般職 318人\n2 給料 1,342,176\n3 職員手当等 997,215\n管理職手当 6,796\n扶養手当 57,342\n地域手当 56,909\n住居手当 16,315\n006 富士市・富士宮市消防指令センター費\n001 富士市・富士宮市消防指令センター運営事業費\n富士宮市庁舎使用負担金 1,650\n事務補助 4人"}, Metadata{}, ""},
		{"body-only, clearly one city", Input{Text: "音威子府村の人口は減少している。音威子府村では、旭川市への通院が多い。音威子府村の出生数。音威子府村総合計画"}, Metadata{}, "音威子府村"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Extract(tt.in, tt.defaults).City; got != tt.want {
				t.Errorf("City = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDepartmentIn(t *testing.T) {
	tests := []struct{ in, want string }{
		{"令和4年度市民局運営方針", "市民局"},
		{"令和4年度政策企画室運営方針", "政策企画室"},
		{"政策推進部 部長マニフェスト", "政策推進部"},
		{"## 政策推進部 部長マニフェスト", "政策推進部"},
		{"市長公室の取り組み", "市長公室"},
		{"大阪市 市民局総務部総務担当総務グループ", "市民局"},
		{"大阪市 政策企画室秘書部秘書課総務グループ", "政策企画室"},
		{"企画経営部　企画課", "企画経営部"},
		{"教育委員会事務局の運営方針", "教育委員会事務局"},
		{"令和5年度こども青少年局運営方針", "こども青少年局"},
		{"大阪市北区役所 市民協働課", "北区役所"},
		{"総務課からのお知らせ", "総務課"},
		{"部長マニフェスト", ""},
		{"条例の一部改正", ""},
		{"募集 緑のまつりで植物と触れ合う 緑に親しもう教室", ""},
		{"2 区役所・市役所力の強化", ""},
		{"議案説明、質疑、委員会付託 市長発言", ""},
		{"地域課題の解決", ""},
	}
	for _, tt := range tests {
		if got := departmentIn(tt.in); got != tt.want {
			t.Errorf("departmentIn(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMunicipalityTable(t *testing.T) {
	must := strings.Fields(`大阪市 枚方市 柏原市 桐生市 厚木市 倉敷市 朝来市 一宮市 北本市 湖西市 西宮市 聖籠町 下妻市 品川区 富田林市
札幌市 仙台市 さいたま市 千葉市 横浜市 川崎市 相模原市 新潟市 静岡市 浜松市 名古屋市 京都市 堺市 神戸市 岡山市 広島市 北九州市 福岡市 熊本市
千代田区 江戸川区 那覇市 函館市 岸和田市 四條畷市 千早赤阪村 芦屋市 奈良市 和歌山市`)
	for _, name := range must {
		if !IsMunicipality(name) {
			t.Errorf("%s missing from municipalities.tsv", name)
		}
	}
	kinds := map[string]int{}
	for _, m := range Municipalities() {
		kinds[m.Kind]++
		if m.Prefecture == "" || m.Reading == "" {
			t.Errorf("incomplete row %+v", m)
		}
	}
	// Japan as of the source (2026-07): 792 市 (20 of them 政令市, with 175
	// wards), 743 町, 183 村 and 23 特別区: 1,741 municipalities.
	want := map[string]int{"政令市": 20, "市": 772, "町": 743, "村": 183, "特別区": 23, "区": 175}
	if !maps.Equal(kinds, want) {
		t.Errorf("kinds = %v, want %v", kinds, want)
	}
}

// TestMunicipalitiesMatchSource: the embedded table is what the generator
// makes of localgovjp now (run it again when the source changes).
// TestMunicipalitiesComplete checks the embedded table, which is what ships.
func TestMunicipalitiesComplete(t *testing.T) {
	ms := Municipalities()
	if len(ms) != 1916 {
		t.Errorf("%d rows, want 1,916 (1,741 municipalities and 175 wards)", len(ms))
	}
	for _, m := range ms {
		if len(m.Code) != 6 || m.Prefecture == "" || m.Reading == "" || m.Host == "" {
			t.Errorf("incomplete row %+v", m)
		}
	}
}

// TestMunicipalitiesMatchSource regenerates the table from localgovjp when
// the shared data lies beside the repository (not on every CI machine:
// then it is skipped, and the embedded table is checked on its own above).
func TestMunicipalitiesMatchSource(t *testing.T) {
	f, err := os.Open("../../../shared/data/localgovjp/localgovjp-utf8.csv")
	if err != nil {
		t.Skipf("no localgovjp beside the repository: %v", err)
	}
	defer f.Close()
	ms, err := ParseLocalGovJP(f)
	if err != nil {
		t.Fatal(err)
	}
	if got := FormatMunicipalities(ms); got != municipalitiesTSV {
		t.Error("municipalities.tsv differs from localgovjp: go run ./indexer/meta/internal/genmuni ../shared/data/localgovjp/localgovjp-utf8.csv > indexer/meta/municipalities.tsv")
	}
}

func TestLookup(t *testing.T) {
	tests := []struct{ name, pref, want string }{
		{"桐生市", "", "群馬県 桐生市 102032 www.city.kiryu.lg.jp"},
		{"府中市", "", "-"}, // 東京都 and 広島県
		{"府中市", "広島県", "広島県 府中市 342084 www.city.fuchu.hiroshima.jp"},
		{"伊達市", "福島県", "福島県 伊達市 072133 www.city.fukushima-date.lg.jp"},
		{"桐生市", "大阪府", "-"},
		{"北区", "", "東京都 北区 131172 www.city.kita.tokyo.jp"}, // wards of 政令市 are no municipalities
		{"中央区", "大阪府", "-"},
	}
	for _, tt := range tests {
		got := "-"
		if m, ok := Lookup(tt.name, tt.pref); ok {
			got = strings.Join([]string{m.Prefecture, m.Name, m.Code, m.Host}, " ")
		}
		if got != tt.want {
			t.Errorf("Lookup(%s, %q) = %s, want %s", tt.name, tt.pref, got, tt.want)
		}
	}
}

func TestExtractCityPrefecture(t *testing.T) {
	tests := []struct {
		name     string
		in       Input
		defaults Metadata
		want     string
	}{
		{"unique name", Input{Title: "桐生市 予算の概要"}, Metadata{}, "群馬県 桐生市"},
		{"shared name, no prefecture", Input{Title: "府中市 行政改革プラン"}, Metadata{}, "-"},
		{"shared name, prefecture before it", Input{Title: "広島県府中市 行政改革プラン"}, Metadata{}, "広島県 府中市"},
		{"shared name, prefecture elsewhere", Input{Title: "府中市 行政改革プラン", Text: "東京都の多摩地域にある本市は"}, Metadata{}, "東京都 府中市"},
		{"東京都府中市 is no 京都府", Input{Title: "東京都府中市の計画"}, Metadata{}, "東京都 府中市"},
		{"both prefectures named", Input{Title: "伊達市 総合計画", Text: "北海道と福島県の伊達市が交流"}, Metadata{}, "-"},
		{"domain of the address", Input{Text: "市政運営の方針を申し述べます。", URL: "https://www.city.kiryu.lg.jp/shisei/1001.html"}, Metadata{}, "群馬県 桐生市"},
		{"domain with the prefecture's label", Input{Text: "本文", URL: "https://www.city.fuchu.hiroshima.jp/a.pdf"}, Metadata{}, "広島県 府中市"},
		{"unknown domain", Input{Text: "本文", URL: "https://ssp.kaigiroku.net/tenant/kiryu/"}, Metadata{}, "-"},
		{"hint with prefecture", Input{Hints: Metadata{City: "神奈川県厚木市"}}, Metadata{}, "神奈川県 厚木市"},
		{"operator's shared name and the document's prefecture", Input{Text: "広島県の東部に位置し"}, Metadata{City: "府中市"}, "広島県 府中市"},
		{"operator's shared name alone", Input{Text: "本文"}, Metadata{City: "府中市"}, "-"},
		{"operator's name outside the table", Input{Text: "本文"}, Metadata{City: "架空市"}, " 架空市"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Extract(tt.in, tt.defaults)
			got := "-"
			if m.City != "" {
				got = m.Prefecture + " " + m.City
			}
			if got != tt.want {
				t.Errorf("Prefecture City = %q, want %q", got, tt.want)
			}
		})
	}
}
