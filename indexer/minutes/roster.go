package minutes

import (
	"regexp"

	"golang.org/x/text/unicode/norm"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The header of minutes lists who attended, by section:
//
//	出席議員（２２名）
//	　　　　　１番　　　工　　藤　　英　　人　　　　　　　　　２番　　　園　　田　　基　　博
//	説明のため出席した者
//	　　市　　　長　　　亀　　山　　豊　　文　　　　　　副　市　長　　　鳥　　井　　英　　雄
//	　　総 合 政策　　　金　　井　　利　　雄
//	　　部　　　長
//	事務局職員出席者
//	　　事 務 局長　　　青　　木　　　　　哲　　　　　　議 事 課長　　　小　　林　　秀　　夫
//
// Titles and names are letter-spaced to fixed widths, two or three
// entries a line, and a long title wraps onto the next line under its
// first part. Other systems write 「市長　　横内公明君　　副市長　　水川　勉君」
// or 「1番 守屋 久君」. The roster is read only for the names the speaker
// marks use: an entry is a title followed by one of those names.

// section is the kind of a roster section.
type section int

const (
	noSection section = iota
	members           // 出席議員, 欠席議員, 出席委員: members
	executive         // 説明のため出席した者, 出席説明員: the executive
	staff             // 事務局職員出席者: the assembly's staff
)

var (
	reMembersSection   = regexp.MustCompile(`^(?:出席|欠席|遅刻|早退)(?:議員|委員)|^(?:出席|欠席)者?(?:議員|委員)`)
	reExecutiveSection = regexp.MustCompile(`説明のため|説明員|出席した者の職氏名|出席を求めた者|理事者|執行部|説明のため出席`)
	reStaffSection     = regexp.MustCompile(`事務局職員|職務のため出席|議会事務局出席者|出席事務局職員`)
	reOtherSection     = regexp.MustCompile(`^(?:議事日程|本日の会議に付した事件|会議に付した事件|日程第|会議録署名|[―─－=＝-]{3,})`)
)

// sectionOf says which section a roster line opens, if any.
func sectionOf(line string) (section, bool) {
	t := squeeze(line)
	switch {
	case reStaffSection.MatchString(t):
		return staff, true
	case reMembersSection.MatchString(t):
		return members, true
	case reExecutiveSection.MatchString(t) && utf8.RuneCountInString(t) <= 40:
		return executive, true
	case reOtherSection.MatchString(t):
		return noSection, true
	}
	return 0, false
}

// entry is one person of the roster.
type entry struct {
	title   string
	section section
}

// roster maps the names the speaker marks use to their roster entries,
// keyed by variants.Replace of the name.
type roster map[string]entry

// variants folds the variant kanji a name is written with in one place
// and not in another of the same minutes (the roster's 柴崎隆夫 speaks as
// 柴﨑隆夫): for matching only, never shown.
var variants = nameFold{strings.NewReplacer("\uFA11", "崎", "髙", "高", "邉", "辺", "邊", "辺", "齋", "斎", "齊", "斉", "濵", "浜", "德", "徳")}

// nameFold maps compatibility ideographs to the unified ones (NFC: U+F9DC
// 隆 → 隆) and a few variant kanji of names to their common form.
type nameFold struct{ r *strings.Replacer }

func (f nameFold) Replace(s string) string { return f.r.Replace(norm.NFC.String(s)) }

// title is the roster's title of a speaker named name, and its section.
func (r roster) title(name string) entry { return r[variants.Replace(name)] }

// chunk is a run of a roster line between wide gaps, at its display column.
type chunk struct {
	col, width int    // display columns (a full-width character is 2) of its start and its extent
	text       string // spaces dropped
}

// chunks splits a line at gaps of 6 or more full-width spaces (12
// columns): the gaps between entries, wider than the spacing inside a
// title or name.
func chunks(line string) []chunk {
	var out []chunk
	col, gap, end := 0, 0, 0
	var cur strings.Builder
	start := -1
	flush := func() {
		if start >= 0 {
			out = append(out, chunk{start, end - start, cur.String()})
			cur.Reset()
			start = -1
		}
	}
	for _, r := range line {
		w := 1
		if r > 0x7f && !(r >= 0xff61 && r <= 0xff9f) {
			w = 2
		}
		if unicode.IsSpace(r) {
			gap += w
			col += w
			continue
		}
		if gap >= 12 {
			flush()
		}
		if start < 0 {
			start = col
		}
		gap = 0
		cur.WriteRune(r)
		col += w
		end = col
	}
	flush()
	return out
}

// maxTitleWidth is the widest a title's part set alone on a line is:
// five full-width characters, or six (すこやか部長).
const maxTitleWidth = 12

// readRoster reads the titles of the people named in names from the
// roster sections of front. A title wrapped onto the lines right below
// its entry (no blank line between) continues it when it starts in the
// same column (総 合 政策 / 部　　　長 → 総合政策部長); a title set above and
// below its name's line (地 域 振興 / 登坂良男 / 整 備 局長) is read too.
func readRoster(front []string, spoken map[string]bool) roster {
	r := roster{}
	names := map[string]bool{}
	for n := range spoken {
		names[variants.Replace(n)] = true
	}
	sec := noSection
	type open struct {
		col   int
		name  string // "" for an entry of someone who never speaks
		title string // a title's first part waiting for its name (name "")
	}
	var last []open // the entries of the line above, if it had any
	for _, line := range front {
		line = variants.Replace(line)
		if s, ok := sectionOf(line); ok {
			sec, last = s, nil
			continue
		}
		if sec == noSection {
			continue
		}
		cs := chunks(line)
		if len(cs) == 0 {
			last = nil // a blank line ends every entry above it
			continue
		}
		if sec == members {
			for _, name := range memberNames(squeeze(line), names) {
				r[name] = entry{"議員", members}
			}
			continue
		}
		var now []open
		for _, c := range cs {
			found := false
			for i, e := range splitEntries(c.text, names) {
				r[e.name] = entry{e.title, sec}
				col := c.col
				if i > 0 {
					col = -100 // a second entry the gap did not split off: where its title wraps is not known
				}
				now = append(now, open{col: col, name: e.name})
				found = true
			}
			if found {
				continue
			}
			if names[trimHonorific(c.text)] {
				// a name alone: its title's first part is on the line above
				name := trimHonorific(c.text)
				for _, o := range last {
					if o.name == "" && o.title != "" && o.col < c.col && c.col-o.col <= 2*maxTitleWidth {
						r[name] = entry{o.title, sec}
						now = append(now, open{col: o.col, name: name})
					}
				}
				continue
			}
			if c.width > maxTitleWidth || !isTitleRest(c.text) {
				now = append(now, open{col: c.col}) // someone else's entry
				continue
			}
			// the rest of a title wrapped under its first part
			attached := false
			for i, o := range last {
				if abs(o.col-c.col) > 2 {
					continue
				}
				attached = true
				if o.name != "" {
					e := r[o.name]
					e.title += c.text
					r[o.name] = e
				}
				now = append(now, last[i])
			}
			if !attached {
				now = append(now, open{col: c.col, title: c.text})
			}
		}
		last = now
	}
	return r
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// reSeatIn splits a members' line at its seat numbers.
var reSeatIn = regexp.MustCompile(`[0-9０-９]{1,3}番`)

// memberNames are the known names on a members' line (１番工藤英人２番園田基博,
// 1番守屋久君2番宮川文憲君).
func memberNames(line string, names map[string]bool) []string {
	var out []string
	for _, part := range reSeatIn.Split(line, -1) {
		part = trimHonorific(part)
		if names[part] {
			out = append(out, part)
		}
	}
	return out
}

func trimHonorific(s string) string {
	for _, suffix := range []string{"議員", "委員", "君", "氏"} {
		if n, ok := strings.CutSuffix(s, suffix); ok && n != "" {
			return n
		}
	}
	return s
}

type titled struct{ title, name string }

// maxTitleRunes bounds a title written before a name on one line
// (選挙管理委員会委員長); a longer one holds another person's entry that the
// gap between columns did not split off (監査委員渡辺俊明管理部長 when the
// columns stand five spaces apart): unknown is better than wrong.
const maxTitleRunes = 10

// splitEntries reads the entries of a chunk: titles each followed by a
// known name (市長亀山豊文, 市長横内公明君副市長水川勉君). A title must read
// as one: a piece holding another person's name is none.
func splitEntries(text string, names map[string]bool) []titled {
	var out []titled
	rest := text
	for rest != "" {
		best, at := "", -1
		for name := range names {
			if i := strings.Index(rest, name); i > 0 && (at < 0 || i < at || i == at && len(name) > len(best)) {
				best, at = name, i
			}
		}
		if at < 0 {
			break
		}
		title := rest[:at]
		rest = strings.TrimPrefix(rest[at+len(best):], "君")
		if isTitleRest(title) && utf8.RuneCountInString(title) <= maxTitleRunes {
			out = append(out, titled{title, best})
		}
	}
	return out
}

// isTitleRest: text that can be (part of) a title: kanji and kana, no
// digits or punctuation.
func isTitleRest(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || r == 'ー' || r == '・') {
			return false
		}
	}
	return true
}

// reNote is a stage note naming the chair: 〔議長　森山享大議長席へ着く〕,
// 〔副議長　山之内　肇登壇〕, 〔年長議員　蛭間利雄議長席へ着く〕.
var reNote = regexp.MustCompile(`^[〔（(](議長|副議長|年長議員|仮議長|臨時議長)(.+?)(?:議長席|登壇|退席|着席|自席|降壇)`)

// chairNotes reads the titles the stage notes give to those who take the
// chair. Someone a note names 年長議員 (the eldest member presiding until
// a 議長 is elected that day) gets no title from the notes: the day's
// title changed.
func chairNotes(front []string) map[string]string {
	out := map[string]string{}
	eldest := map[string]bool{}
	for _, l := range front {
		m := reNote.FindStringSubmatch(squeeze(l))
		if m == nil {
			continue
		}
		name := m[2]
		switch m[1] {
		case "議長", "副議長":
			if t, ok := out[name]; ok && t != m[1] {
				eldest[name] = true // both 議長 and 副議長 in a day: no one title
			}
			out[name] = m[1]
		default:
			eldest[name] = true
		}
	}
	for name := range eldest {
		delete(out, name)
	}
	return out
}

// reStageEntry is a stage note of someone taking the floor or a seat:
// 〔事務担当助役　土屋　洸登壇〕, 〔５番　渡辺　恒議員質問席へ〕.
var reStageEntry = regexp.MustCompile(`^[〔（(]([^〔〕（）()]+?)(?:議員|君)?(?:登壇|質問席|発言席|演壇|報告席|議長席|自席)`)

// noteTitles reads the titles stage notes give: for a name the marks use,
// its title when the notes give it one title only (a day where someone
// is 年長議員 and then 議長 gives two); for a title the marks use alone
// (○総務委員長　), the name when they give one name only.
func noteTitles(front []string, names map[string]bool) (byName, byTitle map[string]string) {
	titles := map[string]map[string]bool{}
	holders := map[string]map[string]bool{}
	for _, l := range front {
		m := reStageEntry.FindStringSubmatch(strings.TrimSpace(l))
		if m == nil {
			continue
		}
		t, n, ok := strings.Cut(strings.TrimSpace(m[1]), "　")
		if !ok {
			t, n, ok = strings.Cut(strings.TrimSpace(m[1]), " ")
		}
		if !ok {
			continue
		}
		title, name := squeeze(t), trimHonorific(squeeze(n))
		if isSeat(title) {
			title = "議員"
		}
		if !isTitleRest(title) || !plausibleName(name) {
			continue
		}
		if titles[name] == nil {
			titles[name] = map[string]bool{}
		}
		titles[name][title] = true
		if holders[title] == nil {
			holders[title] = map[string]bool{}
		}
		holders[title][name] = true
	}
	byName, byTitle = map[string]string{}, map[string]string{}
	for name, ts := range titles {
		if len(ts) == 1 && names[name] {
			for t := range ts {
				byName[name] = t
			}
		}
	}
	for title, ns := range holders {
		if len(ns) == 1 {
			for n := range ns {
				byTitle[title] = n
			}
		}
	}
	return byName, byTitle
}
