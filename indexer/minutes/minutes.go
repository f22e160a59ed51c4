// Package minutes reads assembly minutes as minutes: who spoke each
// speech (name and title as written), the speaker's role (a member's
// question, the executive's answer, the chair conducting), which question
// an answer answers, and the meeting (its session and date).
//
// It works on the blocks any reader gives (kiryu's JSON Lines records,
// text files, PDF paragraphs): a block that starts with a speaker mark
// (speaker.go) opens a speech, which the blocks after it continue up to
// the next mark or heading. The roster at the top of the minutes
// (roster.go) gives the titles of speakers whose marks give a name only;
// role.go says which title has which role. Nothing is guessed: a speaker
// whose title is unknown has no role, a meeting whose date the header does
// not state has none.
package minutes

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"seisaku/indexer/meta"
	"seisaku/indexer/source"
)

// Speech is one speech of the minutes.
type Speech struct {
	Name  string // as written, spaces dropped (森澤恭子); "" when the mark gives a title only
	Title string // 区長, 管理部長, 議員; "" when unknown
	Role  string // Question, Answer, Chair; "" when unknown
	// ReplyTo is, for an answer, the index in Record.Speeches of the
	// question speech it answers; -1 for none.
	ReplyTo int
	// Lead is, for a question, its first words: the first sentence that
	// says something (greetings and 通告に従い… passed over), at most
	// LeadRunes characters, cut at a sentence or clause end.
	Lead string
}

// Record is what the minutes say about themselves and who spoke.
type Record struct {
	Session string // the meeting: 平成28年第4回定例会, 令和8年3月定例会; "" when unknown
	Date    string // the day of the meeting, YYYY-MM-DD; "" when unknown
	// Title is the header's line that names the record (令和８年第１回品川区
	// 議会定例会会議録（第２号）), as written; "" when no top line does.
	Title    string
	Speeches []Speech // in order
}

// Read reads blocks as minutes. front is the Source's Front (the header
// and stage notes a reader set aside), session the meeting the format
// states and title the document's title (its 12月20日 must agree with
// the header's date). It returns nil when the blocks are no minutes, else
// the record and a copy of blocks with each block's Speech set.
func Read(blocks []source.Block, front []string, session, title string) (*Record, []source.Block) {
	type start struct {
		block int
		mark  mark
	}
	var starts []start
	out := make([]source.Block, len(blocks))
	copy(out, blocks)
	cur := 0
	for i, b := range out {
		if b.Kind == source.Heading || b.Kind == source.TableCell {
			cur = 0
			continue
		}
		if b.Kind == source.Speech || b.Kind == source.Paragraph {
			if mk, ok := readMark(b.Text); ok {
				starts = append(starts, start{i, mk})
				cur = len(starts)
			} else if b.Kind == source.Speech && strings.HasPrefix(strings.TrimSpace(b.Text), "○") {
				cur = 0 // 「○続行　」: a mark that names no one
			}
		}
		out[i].Speech = cur
	}
	if len(starts) == 0 {
		return nil, blocks
	}
	// Blocks before the first speech are its header, as the reader left them.
	var head []string
	for _, b := range out[:starts[0].block] {
		head = append(head, strings.Split(b.Text, "\n")...)
	}
	all := append(head, front...)
	// compact marks: 「○日向委員長　」 is 日向, 委員長 (speaker.go)
	var roster []string
	for _, l := range all {
		roster = append(roster, variants.Replace(squeeze(l)))
	}
	var text string
	mentions := func(w string) bool {
		if text == "" {
			var b strings.Builder
			for _, l := range all {
				b.WriteString(l + "\n")
			}
			for _, b2 := range out {
				b.WriteString(b2.Text + "\n")
			}
			text = b.String()
		}
		return strings.Contains(text, w)
	}
	strong := 0
	for k := range starts {
		floor := ""
		if k > 0 {
			// the speech before, up to its first line: 「道路課長。」
			prev := out[starts[k-1].block].Text[starts[k-1].mark.end:]
			prev, _, _ = strings.Cut(strings.TrimSpace(prev), "\n")
			if reRecognition.MatchString(prev) {
				floor = strings.TrimSuffix(prev, "。")
			}
		}
		mk := compact(starts[k].mark, roster, floor, mentions)
		starts[k].mark = mk
		if mk.title != "" && mk.name != "" || mk.symbol == '◆' || mk.symbol == '◎' {
			strong++
		}
	}
	// Minutes say that they are: the top of the header, the session or
	// the title names a meeting's record. Plans and reports bullet their
	// points with ○ and ◎ (「◎施策の目標」, 「○人口構造」, 「○…ビジョン（仮称）は、」),
	// which read like speaker marks.
	if !reMeeting.MatchString(strings.Join(firstLines(all, 10), "\n") + "\n" + session + "\n" + title) {
		return nil, blocks
	}
	if strong < 2 && !(len(starts) >= 3 && repeated(starts, func(s start) string { return speakerKey(s.mark) })) {
		return nil, blocks
	}
	rec := &Record{Session: readSession(session, all, title), Date: readDate(all, title), Title: readTitle(all)}
	// A heading of the header matter (出席議員, 説明のため出席した者 over
	// their lists, as a PDF's layout marks them) heads no speech; an agenda
	// line right before the first speech (△開議) does.
	for i := range starts[0].block {
		if out[i].Kind != source.Heading {
			continue
		}
		for j := i + 1; j < starts[0].block; j++ {
			if out[j].Kind != source.Heading {
				out[i].Kind = source.Paragraph
				break
			}
		}
	}
	names := map[string]bool{}
	for _, s := range starts {
		if s.mark.name != "" {
			names[s.mark.name] = true
		}
	}
	ros := readRoster(all, names)
	notes := chairNotes(front)
	noted, holder := noteTitles(front, names)
	committee := false
	for _, s := range starts {
		if committeeChairs[s.mark.title] {
			committee = true
		}
	}
	bodies := make([]string, len(starts))
	for k, s := range starts {
		var b strings.Builder
		b.WriteString(out[s.block].Text[s.mark.end:])
		for j := s.block + 1; j < len(out) && out[j].Speech == k+1; j++ {
			b.WriteString("\n" + out[j].Text)
		}
		bodies[k] = strings.TrimSpace(b.String())
	}
	conducting := conductors(starts, bodies, func(s start) mark { return s.mark })
	for _, s := range starts {
		sp := Speech{Name: s.mark.name, Title: s.mark.title, ReplyTo: -1}
		sec := noSection
		if sp.Title == "" && sp.Name != "" {
			e := ros.title(sp.Name)
			sp.Title, sec = e.title, e.section
			if sp.Title == "" {
				sp.Title = noted[sp.Name]
			}
		}
		if sp.Name == "" && sp.Title != "" {
			sp.Name = holder[sp.Title] // ○総務委員長　 with 〔総務委員長　佐藤光好登壇〕
		}
		switch {
		case s.mark.title == "" && conducting[sp.Name]:
			// one who conducts is the chair, whatever the roster lists
			// them as (the 議長 is a member too); the title only when a
			// stage note states it
			sp.Title, sp.Role = notes[sp.Name], Chair
		case sec == staff:
		default:
			sp.Role = roleOf(sp.Title, committee)
			if sp.Role == "" && sp.Title == "" && (s.mark.symbol == '◆' || s.mark.member) {
				sp.Role = Question // ◆ marks a member, as 「（山田太郎議員）」 does
			}
		}
		rec.Speeches = append(rec.Speeches, sp)
	}
	link(rec, out, starts[0].block, func(k int) int { return starts[k].block }, bodies)
	return rec, out
}

// reMeeting: what only a meeting's record says of itself at its top (a
// committee alone, 推進委員会, may be who wrote a plan).
var reMeeting = regexp.MustCompile(`会議録|議事録|会議記録|委員会記録|速記録|定例会|臨時会|定例月議会|本会議`)

// speakerKey is who a mark names, for repeated: the name, else a title
// the rules know (○議長　 speaks again and again).
func speakerKey(mk mark) string {
	switch {
	case mk.name != "":
		return mk.name
	case mk.title != "" && (exactTitle(mk.title) || roleOf(mk.title, false) != "" || roleOf(mk.title, true) != ""):
		return "title:" + mk.title
	}
	return ""
}

// repeated reports whether some speaker marks more than one speech: a
// list of 「○対象　…」 items names nothing twice, minutes do.
func repeated[T any](xs []T, key func(T) string) bool {
	seen := map[string]bool{}
	for _, x := range xs {
		k := key(x)
		if k == "" {
			continue
		}
		if seen[k] {
			return true
		}
		seen[k] = true
	}
	return false
}

// reRecognition: a chair's speech that gives the floor and says nothing
// else: 「５番、渡辺恒議員。」, 「管理部長。」, 「市長。」.
var reRecognition = regexp.MustCompile(`^(?:次に、?)?(?:[0-9０-９]{1,3}番、?\s*)?[^\s。、]{1,16}(?:議員|委員|長|者|理事|参事|監|委員長)。?$`)

// conductingPhrases: what only the chair says: opening, adjourning,
// putting an item on the agenda, calling for objections, putting to the
// vote; and a body that starts with 日程第 (conducts).
var conductingPhrases = []string{"会議を開きます", "開会いたします", "休憩いたします", "再開いたします", "散会いたします", "閉会いたします", "延会いたします", "を議題といたします", "御異議ありませんか", "ご異議ありませんか", "異議なしと認め", "採決いたします", "発言を許します", "順次発言を許", "質疑を終結", "討論を終結", "起立を求めます", "起立多数", "起立全員"}

// conducts reports whether a speech's body says what only the chair says
// (conductingPhrases). A search per phrase: the regexp of all of them ran
// its automaton over every byte of every speech, most of minutes.Read's
// time on a city's minutes.
func conducts(body string) bool {
	if strings.HasPrefix(body, "日程第") {
		return true
	}
	for _, p := range conductingPhrases {
		if strings.Contains(body, p) {
			return true
		}
	}
	return false
}

// conductors are the speakers marked by name alone who conduct: at least
// two of their speeches, and at least half, give the floor or conduct
// the meeting. A member asks and an executive answers in long speeches;
// the chair's are 「市長。」 and 「日程第１、一般質問を行います。」.
func conductors[T any](starts []T, bodies []string, markOf func(T) mark) map[string]bool {
	total, conducting := map[string]int{}, map[string]int{}
	for k, s := range starts {
		mk := markOf(s)
		if mk.name == "" || mk.title != "" {
			continue
		}
		total[mk.name]++
		body := strings.TrimSpace(bodies[k])
		first, _, _ := strings.Cut(body, "\n")
		if reRecognition.MatchString(first) && !strings.HasPrefix(first, "議長") || conducts(body) {
			conducting[mk.name]++
		}
	}
	out := map[string]bool{}
	for name, n := range conducting {
		if n >= 2 && 2*n >= total[name] {
			out[name] = true
		}
	}
	return out
}

// reNewItem: a heading or a chair's speech that opens a new agenda item:
// an answer after it answers nothing asked before it.
var reNewItem = regexp.MustCompile(`日程第|を議題と|一般質問を行います|質疑を終結|討論を終結|討論に入ります|採決|議員の一般質問を終わ|質問を終結`)

// reInterruption: headings that interrupt an item without ending it.
var reInterruption = regexp.MustCompile(`休憩|再開|続行|延長|訂正|取り?消し|取消|延会|発言|議事進行|会議時間`)

// link sets ReplyTo and Lead: an answer answers the latest question
// speech before it within the same agenda item (a heading that opens one,
// or the chair opening one, ends the item; a break does not). Several
// answers to one question (部長, then 市長) all answer it; a 再質問 is a
// new question.
func link(rec *Record, blocks []source.Block, first int, blockOf func(int) int, bodies []string) {
	last := -1
	k := 0
	for i := first; i < len(blocks) && k < len(rec.Speeches); i++ {
		b := blocks[i]
		if b.Kind == source.Heading {
			if !reInterruption.MatchString(b.Text) {
				last = -1
			}
			continue
		}
		if blockOf(k) != i {
			continue
		}
		sp := &rec.Speeches[k]
		switch sp.Role {
		case Chair:
			if reNewItem.MatchString(bodies[k]) {
				last = -1
			}
		case Question:
			last = k
			sp.Lead = lead(bodies[k])
		case Answer:
			sp.ReplyTo = last
		}
		k++
	}
}

// LeadRunes bounds the first words of a question.
const LeadRunes = 60

// reFormula: sentences that open a question without saying what it asks:
// greetings, thanks, 通告に従い, a member naming themselves.
var reFormula = regexp.MustCompile(`お許し|通告に従|通告順|一般質問を(?:行|させ|始め|いたし)|質問を(?:させ|いたし|行い)ます|よろしくお願い|ありがとうございま|おはようございます|こんにちは|^(?:[^。]{0,30})です。?$|^(?:それでは|では|まず)、?(?:質問|通告|次)|お世話にな|再質問|第[0-9０-９一二三四五六七八九]+(?:質問|問)|に移(?:ら|り|ります)`)

// lead is the first sentence of a question that says something.
func lead(body string) string {
	var first string
	for _, s := range sentences(body, 12) {
		if first == "" {
			first = s
		}
		if !reFormula.MatchString(s) {
			return shorten(s)
		}
	}
	return shorten(first)
}

// sentences are the first n sentences of text, trimmed.
func sentences(text string, n int) []string {
	var out []string
	start := 0
	rs := []rune(text)
	for i, r := range rs {
		if len(out) == n {
			break
		}
		if r == '。' || r == '？' || r == '?' || r == '！' || r == '\n' {
			if s := strings.TrimSpace(string(rs[start : i+1])); s != "" && s != "。" {
				out = append(out, s)
			}
			start = i + 1
		}
	}
	if len(out) < n && start < len(rs) {
		if s := strings.TrimSpace(string(rs[start:])); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// shorten cuts a sentence to LeadRunes characters: whole when it fits,
// else at its last 、 within the bound (if that keeps half of it), else at
// the bound, with "…" saying it goes on.
func shorten(s string) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= LeadRunes {
		return s
	}
	rs := []rune(s)[:LeadRunes-1]
	for i := len(rs) - 1; i >= LeadRunes/2; i-- {
		if rs[i] == '、' {
			return string(rs[:i]) + "…"
		}
	}
	return string(rs) + "…"
}

// reSessionName: a meeting named in a header or a title: 平成28年第4回定例会,
// 平成２８年桐生市議会第４回定例会会議録, 令和8年第1回品川区議会定例会, 令和８年３月定例会,
// 令和7年度第1回臨時会, 平成30年8月定例月議会.
var reSessionName = regexp.MustCompile(`(令和|平成|昭和)\s*(元|[0-9]{1,2})\s*年(度)?\s*(?:[^\s0-9年]{1,12}?議会)?\s*(?:第\s*([0-9]{1,2})\s*回|([0-9]{1,2})\s*月)\s*(?:[^\s0-9]{1,12}?議会)?\s*(定例会|臨時会|定例月議会)`)

// readSession is the meeting the format states, else the first the
// header or the title names, as 平成28年第4回定例会 (digits narrowed, the
// assembly's name left out).
func readSession(stated string, header []string, title string) string {
	if s := strings.TrimSpace(stated); s != "" {
		return fold(squeeze(s))
	}
	lines := append([]string{title}, firstLines(header, 12)...)
	for _, l := range lines {
		m := reSessionName.FindStringSubmatch(fold(l))
		if m == nil {
			continue
		}
		s := m[1] + m[2] + "年" + m[3]
		if m[4] != "" {
			s += "第" + m[4] + "回"
		} else {
			s += m[5] + "月"
		}
		return s + m[6]
	}
	return ""
}

// firstLines are the first n non-empty lines.
func firstLines(lines []string, n int) []string {
	var out []string
	for _, l := range lines {
		if len(out) == n {
			break
		}
		if t := strings.TrimSpace(l); t != "" {
			out = append(out, t)
		}
	}
	return out
}

var (
	reDateOnly  = regexp.MustCompile(`^(?:(?:令和|平成|昭和)(?:元|[0-9]{1,2})|[0-9]{4})年[0-9]{1,2}月[0-9]{1,2}日`)
	reDateAfter = regexp.MustCompile(`^(?:[（(][月火水木金土日]曜?日?[）)])?(?:(?:午前|午後)?[0-9]{1,2}時(?:[0-9]{1,2}分)?(?:開議|開会|再開|開催)?)?$`)
	reMonthDay  = regexp.MustCompile(`([0-9]{1,2})月\s*([0-9]{1,2})日`)
)

// reRecordName is a line that names the record: …会議録（第２号）,
// …議事録, …会議記録, and what follows on the line (a PDF reader joins the
// dateline under it when both are set alike).
var reRecordName = regexp.MustCompile(`^(.{2,60}?(?:会議録|議事録|会議記録)(?:[（(]第[0-9０-９]{1,3}号[）)])?)(.*)$`)

// readTitle is the first of the header's top lines that names the record
// and holds nothing else but the meeting's dateline.
func readTitle(header []string) string {
	for _, l := range firstLines(header, 5) {
		m := reRecordName.FindStringSubmatch(strings.TrimSpace(l))
		if m == nil {
			continue
		}
		if rest := fold(squeeze(m[2])); rest == "" || isDateline(rest) {
			return strings.TrimSpace(m[1])
		}
	}
	return ""
}

// isDateline reports whether s (folded, without spaces) is a date and
// nothing else but its weekday and hour.
func isDateline(s string) bool {
	loc := reDateOnly.FindStringIndex(s)
	return loc != nil && reDateAfter.MatchString(s[loc[1]:])
}

// readDate is the day of the meeting: the first of the header's top lines
// that is a date and nothing else (平成２８年１２月２０日（火曜日）, perhaps with
// 午前１０時開議), or that follows the record's name on its line. A title's
// day (12月20日) that differs from it makes it unknown.
func readDate(header []string, title string) string {
	for _, l := range firstLines(header, 12) {
		if m := reRecordName.FindStringSubmatch(strings.TrimSpace(l)); m != nil && m[2] != "" {
			l = m[2]
		}
		s := fold(squeeze(l))
		loc := reDateOnly.FindStringIndex(s)
		if loc == nil || !reDateAfter.MatchString(s[loc[1]:]) {
			continue
		}
		iso, ok := meta.ParseDate(s[:loc[1]])
		if !ok || len(iso) != 10 {
			return ""
		}
		if m := reMonthDay.FindStringSubmatch(fold(title)); m != nil {
			if atoi(m[1]) != atoi(iso[5:7]) || atoi(m[2]) != atoi(iso[8:10]) {
				return ""
			}
		}
		return iso
	}
	return ""
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}
