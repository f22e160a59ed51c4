package minutes

import (
	"strings"
	"testing"

	"seisaku/indexer/source"
)

func TestReadMark(t *testing.T) {
	for text, want := range map[string]mark{
		"○区長（森澤恭子君）　子どもの居場所について": {symbol: '○', name: "森澤恭子", title: "区長"},
		"◆１番（山田太郎議員）　伺います。":      {symbol: '◆', name: "山田太郎", title: "議員", member: true},
		"◎市長（鈴木一郎）　お答えします。":      {symbol: '◎', name: "鈴木一郎", title: "市長"},
		"◯市長(森 智広君) ただいま":        {symbol: '◯', name: "森智広", title: "市長"},
		"○蛭間利雄　これより会議を開きます。":     {symbol: '○', name: "蛭間利雄"},
		"○総務委員長　御報告いたします。":       {symbol: '○', title: "総務委員長"},
		"○議長　日程第１":               {symbol: '○', title: "議長"},
		"○百二番（大塚健司君）　伺います。":      {symbol: '○', name: "大塚健司", title: "議員", member: true},
		"○７番　村田恵子君　伺います。":        {symbol: '○', name: "村田恵子", title: "議員", member: true},
		"○石川健太君　伺います。":           {symbol: '○', name: "石川健太"},
		"○石田（秀）委員長　再開いたします。":     {symbol: '○', name: "石田（秀）", title: "委員長"},
		"○高橋（し）委員　伺います。":         {symbol: '○', name: "高橋（し）", title: "委員", member: true},
	} {
		got, ok := readMark(text)
		got.end, got.word = 0, ""
		if !ok || got != want {
			t.Errorf("readMark(%q) = %+v, %v; want %+v", text, got, ok, want)
		}
	}
	for _, text := range []string{"○続行　〔５番　飯島英規議員登壇〕", "○総務委員会　", "○議案第２号及び議案第３号　", "○午前10時　開議"} {
		if mk, ok := readMark(text); ok && mk.name != "" {
			t.Errorf("readMark(%q) = %+v: no speaker", text, mk)
		}
	}
}

func TestRoleOf(t *testing.T) {
	for _, c := range []struct {
		title     string
		committee bool
		want      string
	}{
		{"議長", false, Chair}, {"副議長", false, Chair}, {"議長", true, ""},
		{"委員長", true, Chair}, {"委員長", false, ""}, {"総務委員長", false, ""}, {"予算特別委員長", false, ""},
		{"議員", false, Question}, {"委員", true, Question},
		{"市長", false, Answer}, {"区長", false, Answer}, {"副市長", false, Answer}, {"教育長", false, Answer},
		{"子ども未来部長", false, Answer}, {"水道局長", false, Answer}, {"上下水道事業管理者", false, Answer},
		{"選挙管理委員会委員長", false, Answer}, {"教育委員長", false, Answer}, {"監査委員", false, Answer},
		{"副市長保健福祉部長事務取扱", false, Answer}, {"事務担当助役", false, Answer}, {"監査委員事務局長職務代理", false, Answer},
		{"公安委員会委員長", false, Answer}, {"労働委員会会長", false, Answer}, {"教育委員会教育長", false, Answer},
		{"危機管理監", false, Answer}, {"技監", false, Answer}, {"総務常任委員会委員長", false, ""},
		{"教育民生委員長", false, ""}, {"議会事務局長", false, ""}, {"事務局長", false, ""}, {"議事課長", false, ""},
		{"子ども", false, ""}, {"", false, ""},
	} {
		if got := roleOf(c.title, c.committee); got != c.want {
			t.Errorf("roleOf(%q, %v) = %q, want %q", c.title, c.committee, got, c.want)
		}
	}
}

// The roster of kiryu's records: titles letter-spaced to a fixed width,
// wrapped under their first part, or set above and below the name's line.
func TestReadRoster(t *testing.T) {
	front := []string{
		"出席議員（２２名）",
		"　　　　　１番　　　工　　藤　　英　　人　　　　　　　　　２番　　　園　　田　　基　　博",
		"説明のため出席した者",
		"　　市　　　長　　　荒　　木　　恵　　司　　　　　　副　市　長　　　森　　山　　享　　大",
		"",
		"　　教　育　長　　　小　　林　　一　　弘　　　　　　共 創 企画　　　新　　井　　利　　幸",
		"　　　　　　　　　　　　　　　　　　　　　　　　　　部　　　長",
		"",
		"　　子　ど　も　　　須　　藤　　ま り こ　　　　　　産 業 経済　　　大　　津　　　　　豊",
		"　　すこやか部長　　　　　　　　　　　　　　　　　　部　　　長",
		"",
		"　　地 域 振興",
		"　　　　　　　　　　登　　坂　　良　　男　　　　　　地 域 医療　　　大　　木　　　　　崇",
		"　　整 備 局長　　　　　　　　　　　　　　　　　　　感染症対策",
		"　　　　　　　　　　　　　　　　　　　　　　　　　　室　　　長",
		"事務局職員出席者",
		"　　事 務 局長　　　藤　　川　　恵　　子　　　　　　議 事 課長　　　今　　泉　　準　　子",
	}
	names := map[string]bool{}
	for _, n := range []string{"工藤英人", "荒木恵司", "森山享大", "新井利幸", "須藤まりこ", "大津豊", "登坂良男", "大木崇", "藤川恵子"} {
		names[n] = true
	}
	got := readRoster(front, names)
	for name, want := range map[string]entry{
		"工藤英人": {"議員", members}, "荒木恵司": {"市長", executive}, "森山享大": {"副市長", executive},
		"新井利幸": {"共創企画部長", executive}, "須藤まりこ": {"子どもすこやか部長", executive}, "大津豊": {"産業経済部長", executive},
		"登坂良男": {"地域振興整備局長", executive}, "大木崇": {"地域医療感染症対策室長", executive}, "藤川恵子": {"事務局長", staff},
	} {
		if got.title(name) != want {
			t.Errorf("%s: %+v, want %+v", name, got[name], want)
		}
	}
}

func TestShorten(t *testing.T) {
	long := "学校給食費の無料化、いきなり無料化というふうなことでもありませんけれども、段階的な軽減を含めて市としてどのように考えているのかお伺いします。"
	got := shorten(long)
	if got != "学校給食費の無料化、いきなり無料化というふうなことでもありませんけれども…" || len([]rune(got)) > LeadRunes {
		t.Errorf("shorten: %q", got)
	}
}

// A notice whose items start with ○ is no minutes: no mark names anyone
// twice and nothing names a meeting.
func TestReadNotMinutes(t *testing.T) {
	var bs []source.Block
	for _, l := range []string{"○対象　市内在住の方", "○日時　５月１日", "○会場　市民会館", "○費用　無料"} {
		bs = append(bs, source.Block{Kind: source.Paragraph, Text: l})
	}
	if rec, _ := Read(bs, nil, "", "親子料理教室"); rec != nil {
		t.Errorf("read as minutes: %+v", rec)
	}
}

// Compact marks: a surname and a title written together, or a title, or
// a name (speaker.go).
func TestCompact(t *testing.T) {
	roster := []string{"委員長日向美砂子君", "福祉局長高橋次郎君"}
	mentions := func(w string) bool {
		return w == "緑化委員会" || w == "文教委員会" || w == "区民委員会" || w == "予算特別委員会" || w == "特別委員会" ||
			strings.Contains("新庁舎整備特別委員会", w) || strings.Contains("付託される文教委員会", w)
	}
	for _, c := range []struct{ word, floor, name, title string }{
		{"日向委員長", "", "日向", "委員長"}, {"林委員", "", "林", "委員"}, {"佐藤市長", "", "佐藤", "市長"},
		{"山本議員", "", "山本", "議員"}, {"竹内教育長", "", "竹内", "教育長"}, {"高橋福祉局長", "", "高橋", "福祉局長"},
		{"西川道路課長", "道路課長", "西川", "道路課長"},
		{"総務委員長", "", "", "総務委員長"}, {"予算特別委員長", "", "", "予算特別委員長"}, {"緑化委員長", "", "", "緑化委員長"},
		{"副委員長", "", "", "副委員長"}, {"教育委員長", "", "", "教育委員長"}, {"企画部長", "", "", "企画部長"},
		{"西川道路課長", "", "", "西川道路課長"}, // no roster, no chair naming it: where the surname ends is not known
		{"蛭間利雄", "", "蛭間利雄", ""},
		// a member's whole name before 議員 or 委員
		{"安藤たい作議員", "", "安藤たい作", "議員"}, {"鈴木ひろ子委員", "", "鈴木ひろ子", "委員"},
		// a surname, a committee the minutes name, 委員長
		{"つる文教委員長", "", "つる", "文教委員長"}, {"高橋区民委員長", "", "高橋", "区民委員長"},
		{"まつざわ予算特別委員長", "", "まつざわ", "予算特別委員長"}, {"石田文教副委員長", "", "石田", "文教副委員長"},
		{"新庁舎整備特別委員長", "", "", "新庁舎整備特別委員長"},
	} {
		mk, ok := readMark("○" + c.word + "　")
		if !ok {
			t.Errorf("%s: no mark", c.word)
			continue
		}
		if got := compact(mk, roster, c.floor, mentions); got.name != c.name || got.title != c.title {
			t.Errorf("compact(%s, floor %q) = %q, %q; want %q, %q", c.word, c.floor, got.name, got.title, c.name, c.title)
		}
	}
}

// TestAssemblyCommittee: a record of a committee of the assembly is the
// assembly's; the executive's committees, set up by law or appointed to
// draft and review, are not.
func TestAssemblyCommittee(t *testing.T) {
	for title, want := range map[string]bool{
		"決算特別委員会会議録":        true,
		"総務委員会会議録":          true,
		"区民委員会":             true,
		"議会運営委員会記録":         true,
		"品川区議会子ども若者支援特別委員会": true,
		"教育委員会会議録":          false,
		"選挙管理委員会会議録":        false,
		"農業委員会総会議事録":        false,
		"第３次総合計画策定委員会会議録":   false,
		"指定管理者選定委員会会議録":     false,
		"令和７年第１回定例会会議録":     false,
	} {
		if got := AssemblyCommittee(title); got != want {
			t.Errorf("AssemblyCommittee(%q) = %v, want %v", title, got, want)
		}
	}
}
