package indexer

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"seisaku/indexer/internal/pdftest"
	"seisaku/indexer/minutes"
	"seisaku/indexer/source"
)

// minutesDocument reads the one document of a minutes fixture
// (minutes/testdata) as the indexer does.
func minutesDocument(t *testing.T, file string) *Document {
	t.Helper()
	var d *Document
	err := source.ReadFile(filepath.Join("minutes", "testdata", file), func(s source.Source) error {
		d = (&Analyzer{}).Document(s)
		return nil
	})
	if err != nil || d == nil {
		t.Fatalf("%s: %v", file, err)
	}
	return d
}

// passageLine is one passage as the tests below state it: seq, speaker,
// title, role, the seq it answers (or -), and its text's start.
func passageLine(p Passage) string {
	reply := "-"
	if p.Reply != nil {
		reply = fmt.Sprint(p.Reply.Seq)
	}
	text := []rune(strings.ReplaceAll(p.Text, "\n", " "))
	if len(text) > 12 {
		text = text[:12]
	}
	return fmt.Sprintf("%d %s|%s|%s|%s %s", p.Seq, dash(p.Speaker), dash(p.SpeakerTitle), dash(p.Role), reply, string(text))
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func checkMinutes(t *testing.T, file, session, published string, year int, want []string) *Document {
	t.Helper()
	d := minutesDocument(t, file)
	if d.Meta.Session != session || d.Meta.Published != published || d.Meta.FiscalYear != year {
		t.Errorf("%s: session %q published %q year %d, want %q %q %d", file, d.Meta.Session, d.Meta.Published, d.Meta.FiscalYear, session, published, year)
	}
	var got []string
	for _, p := range d.Passages {
		got = append(got, passageLine(p))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s passages:\n%s\nwant:\n%s", file, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, p := range d.Passages {
		f := d.Fields(p)
		if f[FieldSession] != nilIfEmpty(session) || f[FieldSpeaker] != nilIfEmpty(p.Speaker) || f[FieldRole] != nilIfEmpty(p.Role) {
			t.Errorf("%s passage %d fields %v", file, p.Seq, f)
		}
	}
	return d
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// TestMinutesKiryuRecord: a record of 桐生市's minutes (kiryu-minutes,
// 平成28年第4回定例会 12月20日, cut to 渡辺恒's first questions on 奨学金 and
// the start of 田島忠一's): speakers marked by name alone, their titles from
// the roster at the top (管理部長 桂川正幸, 市長 亀山豊文, members), the chair
// (森山享大) known by conducting, with no title since nothing states it;
// every passage of a speech carries its speaker; each answer links to the
// question before it; the meeting day from the header.
func TestMinutesKiryuRecord(t *testing.T) {
	checkMinutes(t, "kiryu-100-4-excerpt.jsonl", "平成28年第4回定例会", "2016-12-20", 2016, []string{
		"0 森山享大|-|chair|- ○森山享大\u3000これより本日",
		"1 森山享大|-|chair|- ○森山享大\u3000日程第１、一",
		"2 森山享大|-|chair|- ○森山享大\u3000５番、渡辺恒",
		"3 渡辺恒|議員|question|- ○渡辺恒\u3000日本共産党議員",
		"4 渡辺恒|議員|question|- また、前議会、そして今議",
		"5 森山享大|-|chair|- ○森山享大\u3000管理部長。",
		"6 桂川正幸|管理部長|answer|3 ○桂川正幸\u3000御答弁をさせ",
		"7 森山享大|-|chair|- ○森山享大\u3000５番、渡辺恒",
		"8 渡辺恒|議員|question|- ○渡辺恒\u3000御答弁ありがと",
		"9 渡辺恒|議員|question|- 少ない場合でも300万、",
		"10 渡辺恒|議員|question|- しかし、その中でこちらの",
		"11 森山享大|-|chair|- ○森山享大\u3000市長。",
		"12 亀山豊文|市長|answer|8 ○亀山豊文\u3000284名の皆",
		"13 森山享大|-|chair|- ○森山享大\u3000５番、渡辺恒",
		"14 渡辺恒|議員|question|- ○渡辺恒\u3000市長、答弁あり",
		"15 森山享大|-|chair|- ○森山享大\u3000市長。",
		"16 亀山豊文|市長|answer|14 ○亀山豊文\u3000朝日新聞だけ",
		"17 森山享大|-|chair|- ○森山享大\u3000時間です。 ",
		"18 森山享大|-|chair|- ○森山享大\u3000次に、４番、",
		"19 田島忠一|議員|question|- ○田島忠一\u3000４番、いちえ",
		"20 田島忠一|議員|question|- 羅針盤がなければ、船は目",
		"21 田島忠一|議員|question|- 最初に、亀山市長が就任当",
		"22 森山享大|-|chair|- ○森山享大\u3000総合政策部長",
		"23 金井利雄|総合政策部長|answer|19 ○金井利雄\u3000市長対話集会",
		"24 金井利雄|総合政策部長|answer|19 次に、参加団体であります",
	})
}

// TestMinutesAssemblyDepartment: the record of an assembly's session is
// filed under 議会 though its header names no 議会 (kiryu's records start
// with the session: 平成28年第4回定例会).
func TestMinutesAssemblyDepartment(t *testing.T) {
	d := minutesDocument(t, "kiryu-100-4-excerpt.jsonl")
	if d.Meta.Department != "議会" || !strings.Contains(d.Meta.Why.Department, "平成28年第4回定例会") {
		t.Errorf("department %q (%q), want 議会 from the session", d.Meta.Department, d.Meta.Why.Department)
	}
}

// TestMinutesTitledMarks: text minutes that write 「○区長（森澤恭子君）」: the
// title in the mark; answers of 区長, 子ども未来部長 and 教育長 to one question,
// a 再質問 answered by itself, the 区長's 提案理由 after the chair opens a new
// item answering nothing, the assembly's 事務局長 without a role; the session
// and day from the header, the fiscal year of a February meeting the one
// before.
func TestMinutesTitledMarks(t *testing.T) {
	checkMinutes(t, "ward-minutes.txt", "令和8年第1回定例会", "2026-02-18", 2025, []string{
		"0 高橋誠|議長|chair|- ○議長（高橋誠君）\u3000ただ",
		"1 山田太郎|議員|question|- ○１番（山田太郎君）\u3000区",
		"2 高橋誠|議長|chair|- ○議長（高橋誠君）\u3000区長",
		"3 森澤恭子|区長|answer|1 ○区長（森澤恭子君）\u3000山",
		"4 高橋誠|議長|chair|- ○議長（高橋誠君）\u3000子ど",
		"5 伊藤三郎|子ども未来部長|answer|1 ○子ども未来部長（伊藤三",
		"6 高橋誠|議長|chair|- ○議長（高橋誠君）\u3000教育",
		"7 渡辺四郎|教育長|answer|1 ○教育長（渡辺四郎君）\u3000",
		"8 高橋誠|議長|chair|- ○議長（高橋誠君）\u3000１番",
		"9 山田太郎|議員|question|- ○１番（山田太郎君）\u3000御",
		"10 高橋誠|議長|chair|- ○議長（高橋誠君）\u3000子ど",
		"11 伊藤三郎|子ども未来部長|answer|9 ○子ども未来部長（伊藤三",
		"12 高橋誠|議長|chair|- ○議長（高橋誠君）\u3000以上",
		"13 高橋誠|議長|chair|- ○議長（高橋誠君）\u3000区長",
		"14 森澤恭子|区長|answer|- ○区長（森澤恭子君）\u3000た",
		"15 高橋誠|議長|chair|- ○議長（高橋誠君）\u3000事務",
		"16 小林五郎|事務局長|-|- ○事務局長（小林五郎君）",
		"17 高橋誠|議長|chair|- ○議長（高橋誠君）\u3000本日",
	})
}

// TestMinutesDiamondMarks: minutes as 会議録検索システム write them, ◆ for
// members and ◎ for the executive (「◆１番（山田太郎議員）」, 「◎市長（鈴木一郎）」),
// a session named by its month, and a committee chair reporting in plenary
// (総務委員長): no role.
func TestMinutesDiamondMarks(t *testing.T) {
	checkMinutes(t, "discussnet-minutes.txt", "令和7年12月定例会", "2025-12-10", 2025, []string{
		"0 佐藤花子|議長|chair|- ○議長（佐藤花子）\u3000これ",
		"1 山田太郎|議員|question|- ◆１番（山田太郎議員）\u3000",
		"2 佐藤花子|議長|chair|- ○議長（佐藤花子）\u3000市長",
		"3 鈴木一郎|市長|answer|1 ◎市長（鈴木一郎）\u3000山田",
		"4 佐藤花子|議長|chair|- ○議長（佐藤花子）\u3000都市",
		"5 田中三郎|都市整備部長|answer|1 ◎都市整備部長（田中三郎",
		"6 佐藤花子|議長|chair|- ○議長（佐藤花子）\u3000１番",
		"7 山田太郎|議員|question|- ◆１番（山田太郎議員）\u3000",
		"8 佐藤花子|議長|chair|- ○議長（佐藤花子）\u3000都市",
		"9 田中三郎|都市整備部長|answer|7 ◎都市整備部長（田中三郎",
		"10 佐藤花子|議長|chair|- ○議長（佐藤花子）\u3000以上",
		"11 中村次郎|総務委員長|-|- ○総務委員長（中村次郎）",
		"12 佐藤花子|議長|chair|- ○議長（佐藤花子）\u3000本日",
	})
}

// TestMinutesCommittee: a committee's minutes: the 委員長 conducts, a 委員
// asks, a 課長 answers, and the 議長 visiting conducts nothing; no session
// is stated.
func TestMinutesCommittee(t *testing.T) {
	checkMinutes(t, "committee-minutes.txt", "", "2025-12-15", 2025, []string{
		"0 中村次郎|委員長|chair|- ○委員長（中村次郎君）\u3000",
		"1 伊藤花子|委員|question|- ◆委員（伊藤花子君）\u3000防",
		"2 中村次郎|委員長|chair|- ○委員長（中村次郎君）\u3000",
		"3 小川四郎|危機管理課長|answer|1 ◎危機管理課長（小川四郎",
		"4 中村次郎|委員長|chair|- ○委員長（中村次郎君）\u3000",
		"5 佐藤花子|議長|-|- ◎議長（佐藤花子君）\u3000委",
		"6 中村次郎|委員長|chair|- ○委員長（中村次郎君）\u3000",
	})
}

// The first words of a question, on its answers.
func TestMinutesReplyLead(t *testing.T) {
	d := minutesDocument(t, "kiryu-100-4-excerpt.jsonl")
	for seq, want := range map[int]Reply{
		6:  {3, "渡辺恒", "まず、１つ目の奨学金制度についてであります。"},
		12: {8, "渡辺恒", "基本的な姿勢、方向というものを確認させていただきました。"},
	} {
		if r := d.Passages[seq].Reply; r == nil || *r != want {
			t.Errorf("passage %d answers %+v, want %+v", seq, r, want)
		}
	}
	d = minutesDocument(t, "ward-minutes.txt")
	if r := d.Passages[11].Reply; r == nil || r.Lead != "児童センターの開館時間を延ばす考えはありますか。" {
		t.Errorf("the 再質問's lead: %+v", r)
	}
	for _, p := range d.Passages {
		if r := p.Reply; r != nil && len([]rune(r.Lead)) > minutes.LeadRunes {
			t.Errorf("lead longer than %d: %q", minutes.LeadRunes, r.Lead)
		}
	}
}

// The role values of package minutes are those of the schema.
func TestMinutesRoleValues(t *testing.T) {
	if minutes.Question != RoleQuestion || minutes.Answer != RoleAnswer || minutes.Chair != RoleChair {
		t.Error("package minutes and the schema name the roles differently")
	}
}

// TestMinutesPDF: the ward minutes printed to PDF (one size, flush left, as
// many cities' minutes are) read as minutes: the same speakers, roles and
// answers as the text, each passage with its page; the record's title from
// its header line, not the heading of the attendance list the layout gives
// the largest place (出席議員（４名）), which heads no speech; the meeting's
// day from the dateline the reader joins to that line.
func TestMinutesPDF(t *testing.T) {
	pdf := pdftest.Print(t, filepath.Join("minutes", "testdata", "ward-minutes.html"), "--no-pdf-header-footer")
	var d *Document
	if err := source.ReadFile(pdf, func(s source.Source) error { d = (&Analyzer{}).Document(s); return nil }); err != nil || d == nil {
		t.Fatalf("%s: %v", pdf, err)
	}
	if d.Title != "令和８年第１回品川区議会定例会会議録（第２号）" || d.Meta.Session != "令和8年第1回定例会" || d.Meta.Published != "2026-02-18" || d.Meta.FiscalYear != 2025 {
		t.Errorf("title %q session %q published %q year %d", d.Title, d.Meta.Session, d.Meta.Published, d.Meta.FiscalYear)
	}
	var got []string
	for _, p := range d.Passages {
		if p.Page < 1 {
			t.Errorf("passage %d has no page", p.Seq)
		}
		if p.Speaker == "" {
			if k, ok := d.Fields(p)[FieldSpeech]; ok {
				t.Errorf("passage %d of no speech: speech %v", p.Seq, k)
			}
			continue
		}
		if len(p.Headings) > 0 {
			t.Errorf("speech passage %d under headings %q", p.Seq, p.Headings)
		}
		if k := d.Fields(p)[FieldSpeech]; k != SpeechKey(d.ID, p.Seq) { // every speech here is one passage
			t.Errorf("speech passage %d: speech %v", p.Seq, k)
		}
		got = append(got, passageLine(p))
	}
	// the text's passages less the header, which the PDF makes passage 0
	want := []string{
		"1 高橋誠|議長|chair|- ○議長（高橋誠君）\u3000ただ",
		"2 山田太郎|議員|question|- ○１番（山田太郎君）\u3000区",
		"3 高橋誠|議長|chair|- ○議長（高橋誠君）\u3000区長",
		"4 森澤恭子|区長|answer|2 ○区長（森澤恭子君）\u3000山",
		"5 高橋誠|議長|chair|- ○議長（高橋誠君）\u3000子ど",
		"6 伊藤三郎|子ども未来部長|answer|2 ○子ども未来部長（伊藤三",
		"7 高橋誠|議長|chair|- ○議長（高橋誠君）\u3000教育",
		"8 渡辺四郎|教育長|answer|2 ○教育長（渡辺四郎君）\u3000",
		"9 高橋誠|議長|chair|- ○議長（高橋誠君）\u3000１番",
		"10 山田太郎|議員|question|- ○１番（山田太郎君）\u3000御",
		"11 高橋誠|議長|chair|- ○議長（高橋誠君）\u3000子ど",
		"12 伊藤三郎|子ども未来部長|answer|10 ○子ども未来部長（伊藤三",
		"13 高橋誠|議長|chair|- ○議長（高橋誠君）\u3000以上",
		"14 高橋誠|議長|chair|- ○議長（高橋誠君）\u3000区長",
		"15 森澤恭子|区長|answer|- ○区長（森澤恭子君）\u3000た",
		"16 高橋誠|議長|chair|- ○議長（高橋誠君）\u3000事務",
		"17 小林五郎|事務局長|-|- ○事務局長（小林五郎君）",
		"18 高橋誠|議長|chair|- ○議長（高橋誠君）\u3000本日",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("speeches:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestMinutesSpeechKey: every passage of a speech carries the ID of the
// speech's first passage, one term a speech; a speech's passages follow
// each other; a document that is not minutes has none. In 桐生市's record,
// 渡辺恒's second speech is passages 8–10 and the chair's call before it
// (7) a speech of its own; in the ward's minutes (「○区長（森澤恭子君）」),
// every speech is one passage.
func TestMinutesSpeechKey(t *testing.T) {
	d := minutesDocument(t, "kiryu-100-4-excerpt.jsonl")
	key := map[int]any{}
	for _, p := range d.Passages {
		key[p.Seq] = d.Fields(p)[FieldSpeech]
	}
	want := SpeechKey(d.ID, 8)
	if key[8] != want || key[9] != want || key[10] != want {
		t.Errorf("passages 8–10: %v %v %v, want %s", key[8], key[9], key[10], want)
	}
	if key[7] != SpeechKey(d.ID, 7) || key[11] != SpeechKey(d.ID, 11) {
		t.Errorf("passages 7 and 11: %v %v, want speeches of their own", key[7], key[11])
	}
	seen := map[any]int{}
	for i, p := range d.Passages {
		k := key[p.Seq]
		if k == nil {
			t.Errorf("passage %d (%s) has no speech", p.Seq, p.Speaker)
			continue
		}
		if last, ok := seen[k]; ok && last != i-1 {
			t.Errorf("speech %v resumes at passage %d after %d", k, p.Seq, last)
		}
		seen[k] = i
	}
	w := minutesDocument(t, "ward-minutes.txt")
	for _, p := range w.Passages {
		if got := w.Fields(p)[FieldSpeech]; got != SpeechKey(w.ID, p.Seq) {
			t.Errorf("ward minutes passage %d: speech %v", p.Seq, got)
		}
	}
	plain := (&Analyzer{}).Document(source.Source{Path: "notice.txt", Blocks: []source.Block{{Kind: source.Paragraph, Text: "○議長　これは会議録ではない文書の一行です。"}}})
	for _, p := range plain.Passages {
		if got, ok := plain.Fields(p)[FieldSpeech]; ok {
			t.Errorf("a document that is not minutes: speech %v", got)
		}
	}
}
