package meta

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
)

// Line is one block of the document as its reader laid it out, the
// evidence a title is read from: its text, whether the format marks it a
// heading and at which level (1 is the largest type), the page it is on
// (0 for formats without pages) and whether it is a table row (cells
// joined by " | ").
type Line struct {
	Text    string
	Heading bool
	Level   int
	Page    int
	Table   bool
}

// maxTitleRunes bounds a title: a longer line is a sentence or a paragraph.
const maxTitleRunes = 60

// coverLines is how many lines of the first page (or, without pages, of the
// document's top) are looked at for the title block.
const coverLines = 16

// extractTitle returns the document's own title and what it was read
// from, or "" when nothing reads as one. doc.go states the rules.
func extractTitle(in Input) (title, why string) {
	if t := joinLetterSpaced(strings.TrimSpace(in.Title)); t != "" {
		return t, "the title the format states" // its author meant it, even as a sentence (a bulletin's headline)
	}
	if t, bulletin := mastheadTitle(in.Lines); t != "" {
		return t, "the first page's masthead and issue number"
	} else if bulletin {
		return "", "" // a bulletin whose issue is not read: its cover's headings are articles'
	}
	cover, coverHeading, coverNames := coverTitle(in.Lines)
	info := cleanTitle(in.InfoTitle)
	if info != "" && (titleProblem(info) != "" || isDefaultTitle(info)) {
		info = ""
	}
	switch {
	case cover != "" && coverNames:
		return cover, "the first page's title block"
	case info != "" && namesDocument(info) && cover != "" && coverHeading:
		// a cover's largest line that names no kind of document is its
		// slogan (「森と水と人が織りなす匠の里・おといねっぷ」 over a 人口ビジョン
		// whose title is drawn as a picture): the file's title, naming
		// one, is the document's
		return info, "the file's document information (Title), over the cover's slogan"
	case cover != "" && coverHeading:
		return cover, "the first page's title block"
	case info != "":
		return info, "the file's document information (Title)"
	case cover != "":
		return cover, "the first page's title block"
	}
	rows := 0
	for _, l := range in.Lines {
		if l.Table && !allSingle(strings.Split(l.Text, " | ")) {
			rows++ // a row of single letters is spaced text (a cover's vertical title read across)
		}
		if l.Heading {
			if t := cleanTitle(l.Text); t != "" && titleProblem(t) == "" && namesDocument(t) && rows < 2 {
				return t, "the first heading"
			}
			break
		}
	}
	return "", ""
}

// cand is a line of the cover as the title rules see it.
type cand struct {
	text    string
	rank    int // 1–6 heading level, 7 body text, 8 a table row
	problem string
	debris  bool // a lone character of vertical text (see isDebrisLine)
	figure  bool // its last cell is a figure (事務補助 | 4人): a table's row read as a line
}

// coverTitle reads the title block of the first page: the line set in the
// largest type that reads as a title, with the lines around it that
// complete it (a fiscal year or session above it, a number, part or
// subtitle below it). heading says whether that line is a heading; names
// whether the title names a kind of document (計画, 予算, 日程表, …).
func coverTitle(lines []Line) (title string, heading, names bool) {
	var cs []cand
	for _, l := range lines {
		if len(cs) >= coverLines || l.Page > 1 {
			break
		}
		text, table := l.Text, l.Table
		if table {
			if cells := strings.Split(text, " | "); allSingle(cells) {
				text, table = strings.Join(cells, ""), false // letter-spaced, not a table
			} else {
				text = strings.Join(cells, " ")
			}
		}
		c := cand{text: cleanTitle(text), rank: 7, debris: !table && isDebrisLine(text), figure: endsInFigure(l.Text)}
		switch {
		case table:
			c.rank = 8
		case l.Heading && l.Level >= 1 && l.Level <= 6:
			c.rank = l.Level
		}
		if c.text == "" {
			continue
		}
		cs = append(cs, c)
	}
	// A title in the body's type that fills its line wraps onto the next
	// (a bill's 「…支給条例等の一部を改正す」 over 「る条例」, 「…に伴う財産処」
	// over 「分について」): such two lines are one line.
	for i := 0; i+1 < len(cs); i++ {
		if wraps(cs[i], cs[i+1]) {
			cs[i].text += cs[i+1].text
			cs = append(cs[:i+1], cs[i+2:]...)
		}
	}
	// A line set three times or more on the first page is a column's value
	// or a label of the page (原案可決 down a table's 議決結果 column), not
	// the document's title: a bill states its title twice (over the bill,
	// then over the text it enacts), nothing states it three times.
	onPage := map[string]int{}
	for _, l := range lines {
		if l.Page != 1 {
			if l.Page > 1 {
				break
			}
			continue
		}
		onPage[cleanTitle(strings.ReplaceAll(l.Text, " | ", " "))]++
	}
	for i := range cs {
		cs[i].problem = titleProblem(cs[i].text)
		switch {
		case cs[i].problem != "":
		case onPage[cs[i].text] >= 3:
			cs[i].problem = "repeated on its page"
		case cs[i].figure:
			cs[i].problem = "a label and its figure"
		}
	}
	best := -1
	rows := 0 // table rows above
	for i, c := range cs {
		if c.rank == 8 {
			rows++
		}
		if c.problem != "" || c.rank == 8 {
			continue
		}
		if rows >= 2 {
			break // below a table's rows is the table's matter: a page of a book opens the file (a budget book cut by 款)
		}
		if c.rank == 7 && !namesDocument(c.text) {
			continue // body-size text is a title only when it names a document
		}
		if i > 0 && cs[i-1].rank == 8 && i+1 < len(cs) && cs[i+1].rank == 8 {
			continue // between two rows of a table: a cell's wrapped line (「締結について」)
		}
		if best < 0 || c.rank < cs[best].rank {
			best = i
		}
	}
	if best < 0 {
		return "", false, false
	}
	debris := 0
	for _, c := range cs[:best] {
		if c.debris {
			debris++
		}
	}
	if debris >= 2 {
		return "", false, false // vertical text read across its columns: nothing above is whole
	}
	if j := best + 1; j < len(cs) && isTitlePrefix(cs[best]) && cs[j].problem == "" && cs[j].rank <= cs[best].rank+1 && namesDocument(cs[j].text) && !isIssuer(cs[j].text) {
		best = j // 令和６年第３回定例会 / 令和５年度決算の概要: the session heads the title line
	}
	parts := []string{cs[best].text}
	names = namesDocument(cs[best].text)
	// Above: a fiscal year or a session the title line continues
	// (令和８年度 / 施政方針・予算説明; 令和5年 第10回 石垣市議会（定例会） /
	// 一般質問日程表).
	if i := best - 1; i >= 0 && isTitlePrefix(cs[i]) && len(fiscalYears(cs[best].text)) == 0 {
		parts = append([]string{cs[i].text}, parts...) // a title line with its own year (令和５年度決算の概要) is whole
		// the era's year over the western one in brackets (令和8年度 /
		// （2026年度） / 世田谷区予算): the bracket glosses the year above it
		if i > 0 && isBracketLabel(cs[i].text) && isTitlePrefix(cs[i-1]) && !isBracketLabel(cs[i-1].text) &&
			sameYear(cs[i].text, cs[i-1].text) {
			parts[0] = cs[i-1].text + cs[i].text
		}
	}
	// Below: a number, part or edition (（第７号）, 第２次, （資料編）), or the
	// line that names the document when the title line did not.
	if j := best + 1; j < len(cs) && continuesBelow(cs[best].text) && cs[j].rank == cs[best].rank &&
		(cs[j].problem == "" || cs[j].problem == "a fragment" && reContinuation.MatchString(cs[j].text)) {
		parts = append(parts, cs[j].text) // 「…計画（案）」に対する / パブリックコメントの実施結果について
		names = names || namesDocument(cs[j].text)
		best = j
	}
	for j := best + 1; j < len(cs) && j <= best+2; j++ {
		c := cs[j]
		if isCompletion(c.text) {
			parts = append(parts, c.text)
			continue
		}
		if !names && (c.problem == "" || c.problem == "a fragment" && reContinuation.MatchString(c.text)) &&
			c.rank <= cs[best].rank+1 && namesDocument(c.text) && !isIssuer(c.text) {
			parts = append(parts, c.text)
			names = true
		}
		break
	}
	title = joinTitle(parts)
	if utf8.RuneCountInString(title) > maxTitleRunes {
		title = cs[best].text
	}
	return title, cs[best].rank <= 6, names
}

// wrapRunes is how long a line of the body's type is when it fills its
// line: a page of A4 sets 35–40 characters of 10.5-point type.
const wrapRunes = 30

// wraps reports whether line b is the rest of line a, a title in the
// body's type wrapped at the margin: a fills its line, the two read as a
// title together, and b, in the same type, is short and goes on from a (a
// particle or an inflection may start it) rather than being a date, a
// signature or the issuer below a title.
func wraps(a, b cand) bool {
	if a.rank != 7 || b.rank != 7 || strings.Contains(a.text, "。") || strings.ContainsAny(b.text, "。、") ||
		utf8.RuneCountInString(a.text) < wrapRunes || utf8.RuneCountInString(b.text) > 20 ||
		utf8.RuneCountInString(a.text+b.text) > maxTitleRunes || isIssuer(b.text) || reDatedLine.MatchString(normalize(b.text)) {
		return false
	}
	pb := titleProblem(b.text)
	return titleProblem(a.text+b.text) == "" &&
		(pb == "" || pb == "too short" || pb == "a fragment" && (reContinuation.MatchString(b.text) || reCutEnd.MatchString(b.text)))
}

// reDatedLine is a line that starts with a date or a figure: the date a
// bill is submitted (「令和４年３月４日提出」) under its title, not the rest
// of it.
var reDatedLine = regexp.MustCompile(`^(令和|平成|昭和|[0-9])`)

// isTitlePrefix: the line above the title line is part of it when it is a
// fiscal year or an era year alone (令和８年度), or names a session and no
// document (令和5年 第10回 石垣市議会（定例会）).
func isTitlePrefix(c cand) bool {
	switch c.problem {
	case "a bare year":
		return !reDayOfMonth.MatchString(normalize(c.text))
	case "":
		return !namesDocument(c.text) && !isIssuer(c.text) && reSessionName.MatchString(c.text)
	}
	return false
}

const smallKana = "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮー"

// isDebrisLine: a line of vertical text read across its columns: one
// character alone, or a lone character set apart from a longer word
// (わ おと高卒業制作, 集 花たびそうや号). Letter-spaced words (一 般 質 問)
// are not debris.
func isDebrisLine(s string) bool {
	s = strings.TrimSpace(s)
	r, n := utf8.DecodeRuneInString(s)
	if n == len(s) && n > 0 && isJapanese(r) || strings.ContainsRune(smallKana, r) {
		return true // one character alone; a small kana, which starts no word (っ と)
	}
	return isDebris(s)
}

// reOpenEnd is how a title line ends when the title goes on below it: an
// attributive phrase or particle that needs the noun of the next line
// (…に対する, …に係る, …についての, …における, …の, …及び).
var reOpenEnd = regexp.MustCompile(`(に対する|に係る|に関する|についての|における|に向けた|のための|による|の|及び|並びに|と|・)$`)

// sameYear: a and b each state one fiscal year, the same.
func sameYear(a, b string) bool {
	ya, yb := fiscalYears(a), fiscalYears(b)
	return len(ya) == 1 && len(yb) == 1 && ya[0].year == yb[0].year
}

// continuesBelow: a title line that breaks before its head noun, which
// Japanese puts last.
func continuesBelow(s string) bool { return reOpenEnd.MatchString(strings.TrimSpace(s)) }

// reSessionName is a session or assembly named in a title block:
// 令和5年 第10回 石垣市議会（定例会）, 令和8年第1回定例会.
var reSessionName = regexp.MustCompile(`議会|定例会|臨時会`)

// reCompletion is a line that completes a title above it: a number,
// part, edition or draft mark.
var reCompletion = regexp.MustCompile(`^[(（〔【]?\s*(第\s*[0-9０-９一二三四五六七八九十]+\s*[号次期版回編章部]|[^()（）]{1,8}編|概要版|案|素案|改訂版|別冊|本編|資料)\s*[)）〕】]?$`)

func isCompletion(s string) bool { return reCompletion.MatchString(s) }

// joinTitle joins the lines of a title block with a space, except before a
// parenthesised completion (一般会計補正予算（第７号）).
func joinTitle(parts []string) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 && !strings.HasPrefix(p, "（") && !strings.HasPrefix(p, "(") {
			b.WriteString(" ")
		}
		b.WriteString(p)
	}
	return b.String()
}

// IsSpacedText reports whether a table row's cells (" | ") are single
// characters each: letter-spaced text, or a vertical title read across,
// not a table's row.
func IsSpacedText(row string) bool { return allSingle(strings.Split(row, " | ")) }

func allSingle(cells []string) bool {
	if len(cells) < 2 {
		return false
	}
	for _, c := range cells {
		if utf8.RuneCountInString(strings.TrimSpace(c)) != 1 {
			return false
		}
	}
	return true
}

// cleanTitle trims a title candidate, collapses its white space and joins
// letter-spaced runs (南　国　市　予　算　書 → 南国市予算書).
func cleanTitle(s string) string {
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, " | ", " ")), " ")
	s = reBracketSpace.ReplaceAllString(JoinSpaced(s), "$1$2")
	return strings.TrimSpace(reTrailingUnits.ReplaceAllString(s, ""))
}

// reTrailingUnits: a table's unit note at the end of its caption
// (「(性質別歳出）　（単位：千円、％）」): the caption's, not a title's.
var reTrailingUnits = regexp.MustCompile(`[\s　]*[（(]\s*単位\s*[:：][^）)]*[）)]\s*$`)

// reBracketSpace: a space inside a bracket, next to it, which a reader
// puts between the cells of a line (議事日程 （ 第1号 ）).
var reBracketSpace = regexp.MustCompile(`([（(「『【〔]) +| +([）)」』】〕])`)

// joinLetterSpaced removes only the spaces of letter-spaced runs (two or
// more single characters in a row: 南　国　市　予　算　書) and leaves every
// other character of s as it is: a title the format states keeps its
// own spacing (2 区役所・市役所力の強化, 03月05日　議案説明).
func joinLetterSpaced(s string) string {
	type seg struct {
		text  string
		space bool
	}
	var segs []seg
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		sp := unicode.IsSpace(r)
		if len(segs) > 0 && segs[len(segs)-1].space == sp {
			segs[len(segs)-1].text += s[i : i+n]
		} else {
			segs = append(segs, seg{s[i : i+n], sp})
		}
		i += n
	}
	single := func(t string) bool {
		r, n := utf8.DecodeRuneInString(t)
		return n == len(t) && n > 0 && (isJapanese(r) || strings.ContainsRune("・ー", r))
	}
	var b strings.Builder
	for i, sg := range segs {
		if sg.space && i > 0 && i+1 < len(segs) && single(segs[i-1].text) && single(segs[i+1].text) {
			continue
		}
		b.WriteString(sg.text)
	}
	return b.String()
}

// JoinSpaced removes the spaces of letter-spaced (均等割付) Japanese: a
// run of two or more single characters separated by spaces is one word
// (「南　国　市　予　算　書」→ 南国市予算書, 「施 政 方 針 ・ 予 算 説 明」→
// 施政方針・予算説明, 「第 ２ 次」→ 第２次), and so is a single character
// written apart from a number next to it (第 12回 → 第12回, 2 0 2 0 → 2020).
// Spaces between words of several characters stay (令和８年度 施政方針).
func JoinSpaced(s string) string {
	toks := strings.Fields(s)
	if len(toks) < 2 {
		return strings.TrimSpace(s)
	}
	single := func(t string) bool {
		t = strings.Trim(t, "（）()「」【】〔〕")
		r, n := utf8.DecodeRuneInString(t)
		return n > 0 && n == len(t) && (isJapanese(r) || unicode.IsDigit(r) || strings.ContainsRune("・ー～－", r))
	}
	digitEdge := func(a, b string) bool {
		ra, _ := utf8.DecodeLastRuneInString(a)
		rb, _ := utf8.DecodeRuneInString(b)
		return unicode.IsDigit(ra) || unicode.IsDigit(rb)
	}
	var b strings.Builder
	b.WriteString(toks[0])
	for i := 1; i < len(toks); i++ {
		prev, cur := toks[i-1], toks[i]
		join := single(prev) && single(cur) || (single(prev) || single(cur)) && digitEdge(prev, cur) && isNumberish(prev, cur) || numberCounter(prev, cur)
		if !join {
			b.WriteByte(' ')
		}
		b.WriteString(cur)
	}
	return b.String()
}

// numberCounter: a number and the counter after it (26 回, 30 日).
func numberCounter(a, b string) bool {
	la, _ := utf8.DecodeLastRuneInString(a)
	fb, _ := utf8.DecodeRuneInString(b)
	return unicode.IsDigit(la) && strings.ContainsRune("年月日回号次期条項款度人件円歳", fb)
}

// isNumberish: a lone character and a number that belong together (第 12回,
// 12 月, 令和元年９月 30 日).
func isNumberish(a, b string) bool {
	la, _ := utf8.DecodeLastRuneInString(a)
	fb, _ := utf8.DecodeRuneInString(b)
	return unicode.IsDigit(la) && (unicode.IsDigit(fb) || isJapanese(fb)) || isJapanese(la) && unicode.IsDigit(fb)
}

func isJapanese(r rune) bool {
	return isHan(r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)
}

var (
	// reGreeting: what opens a speech, never its title.
	reGreeting = regexp.MustCompile(`おはようございます|こんにちは|こんばんは|皆様|皆さん|ありがとうございま|申し上げ|存じます|いたします|お願い|よろしく`)
	// rePoliteEnd: a sentence ends in a polite verb or a full stop.
	rePoliteEnd = regexp.MustCompile(`(ます|ました|です|でした|ません|ください|ましょう|ませんか)[!！?？。」]*$|。`)
	// reBareDate: a date, a year or a year and month alone, perhaps with a
	// weekday, 現在 or 作成 (令和６年度, 令和８年２月 16日, 12月9日 月).
	reBareDate   = regexp.MustCompile(`^[(（]?\s*((令和|平成|昭和|[RHS])\s*\.?\s*(元|\d{1,3})|\d{4}|\d{1,2})?\s*(年度?)?\s*(\d{1,2}\s*月\s*(\d{1,2}\s*日)?)?\s*[(（]?[月火水木金土日]?[)）]?\s*(現在|時点|作成|発行|策定)?\s*[)）]?$`)
	reDayOfMonth = regexp.MustCompile(`\d\s*月|\d\s*日`)
	// reSectionName: the name of a front section of a book (ごあいさつ,
	// はじめに, 目次, 刊行にあたって), which heads a page but titles no
	// document.
	reSectionName = regexp.MustCompile(`^[(（【]?\s*(ご?あいさつ|ご?挨拶|はじめに|目次|もくじ|序文?|発刊にあたって|刊行にあたって|策定にあたって)\s*[)）】]?$`)
	// reLabelOnly: a document number alone (議案第86号, 議員提出議案 第38号,
	// 別紙３, 別添１－２, 資料2, No.545, - 1 -).
	reLabelOnly = regexp.MustCompile(`^[(（【\[]?\s*(議員提出議案|委員会提出議案|市長提出議案|議案|報告|諮問|請願|陳情|発議|意見書案|決議案|認定|別紙|別添|別表|別記|様式|資料|参考|No\.?|NO\.?|P\.?)?\s*(第)?\s*[-‐－]?\s*[0-9]+(\s*[-‐－の]\s*[0-9]+)?\s*(号|号議案)?\s*[-‐－]?\s*[)）】\]]?$`)
	// reHeadName: the head signing a speech (延岡市長 三浦 久知).
	reHeadName = regexp.MustCompile(`^\S{0,8}[市区町村]長\s+\S{1,4}\s*\S{0,4}$`)
	// reField: a form's field, a label and its value (計画期間：令和4年度～,
	// 団体名：音威子府村).
	reField = regexp.MustCompile(`^[^:：]{1,8}[:：]`)
	// reOffice: an office alone, as a letter, a resolution or an 意見書
	// addresses it (衆議院議長, 内閣総理大臣, 東京都知事 殿) or a head signs.
	reOffice = regexp.MustCompile(`^\S{0,12}(議長|大臣|知事|長官|総裁|[都道府県市区町村]長)\s*(殿|様|宛て?|あて)?$`)
	// reAmount: a figure grouped by thousands (403,000, 18,420,900千円): a
	// row of a budget's table or a sum, which no title holds.
	reAmount = regexp.MustCompile(`[0-9]{1,3}(,[0-9]{3})+`)
	// reUnitsLabel: a table's unit note ((単位 千円)).
	reUnitsLabel = regexp.MustCompile(`^[(（]?\s*単位`)
	// reFileName: a file name or an office suite's default title.
	reFileName = regexp.MustCompile(`(?i)\.(indd|docx?|xlsx?|pptx?|pdf|html?|txt|jtd|odt|ai|qxp)$|^(microsoft|untitled|無題|document\d*|book\d*|sheet\d*|スライド\s*\d+|文書\s*\d+)`)
)

// isDefaultTitle: the title an office suite fills in by itself
// (PowerPoint プレゼンテーション, Microsoft Word - 会議資料.docx).
func isDefaultTitle(s string) bool {
	l := strings.ToLower(s)
	for _, p := range []string{"powerpoint", "microsoft", "excel", "word -", "プレゼンテーション", "acrobat", "untitled", "無題"} {
		if strings.Contains(l, p) && utf8.RuneCountInString(s) <= 40 && (p != "プレゼンテーション" || strings.Contains(l, "powerpoint")) {
			return true
		}
	}
	return false
}

// titleProblem says why s is no title, or "" when it reads as one.
func titleProblem(s string) string {
	n := utf8.RuneCountInString(s)
	ns := normalize(s)
	switch {
	case isCompletion(s):
		return "a completion"
	case isBracketLabel(s) && !reBareDate.MatchString(ns):
		return "a label in brackets"
	case reSectionName.MatchString(strings.TrimSpace(s)):
		return "a section name"
	case n < 3:
		return "too short"
	case n > maxTitleRunes:
		return "too long"
	case reGreeting.MatchString(s), rePoliteEnd.MatchString(s):
		return "a sentence"
	case reBareDate.MatchString(ns):
		return "a bare year"
	case reLabelOnly.MatchString(ns):
		return "a number label"
	case reHeadName.MatchString(s):
		return "a signature"
	case reOffice.MatchString(ns) && !namesDocument(s):
		return "an addressee"
	case reAmount.MatchString(ns):
		return "a row of figures"
	case reUnitsLabel.MatchString(ns):
		return "a unit note"
	case reField.MatchString(ns):
		return "a labelled field"
	case reFileName.MatchString(s):
		return "a file name"
	case isDebris(s):
		return "vertical-text debris"
	case !readsAsJapanese(s):
		return "garbage"
	case strings.HasSuffix(s, "、") || strings.HasSuffix(s, "，") || !balanced(s) || reContinuation.MatchString(s):
		return "a fragment"
	case reClauseComma.MatchString(s) || strings.Count(s, "、") >= 3 && !namesDocument(s) ||
		strings.Contains(s, "、") && !reDocumentEnd.MatchString(s):
		return "a sentence" // 「主な内容といたしましては、…」, 「開会に当たり、…」; a list of places
	case reCutEnd.MatchString(s) || reUnitStart.MatchString(s):
		return "a fragment"
	case reItemNumber.MatchString(ns):
		return "a numbered item"
	case reCode.MatchString(ns):
		return "a coded row" // 「001議会人事管理事業費 442」: a budget's 事業 with its code
	case doubled(s):
		return "text drawn twice"
	}
	return ""
}

// reContinuation is how the second line of a wrapped phrase starts, which
// no title does: an inflection or a particle that needs the words before it
// (「する条例」, 「の一部を改正する条例」 under 「…条例」 of a list's cell).
var reContinuation = regexp.MustCompile(`^(する|した|して|され|させ|を|が|の\p{Han}|について|に関する|に係る|に対する|及び|並びに|から|まで|ため)`)

// reClauseComma is a comma after a clause: a topic or a verb's ending
// before 、 (「…ましては、」, 「…では、」, 「開会に当たり、」, 「…千円、」) is prose;
// a title's comma stands between nouns, as a law's name writes them
// (「…勤務時間、休暇等に関する条例」).
var reClauseComma = regexp.MustCompile(`(は|も|が|を|て|で|に|と|し|り|き|い|ため|ので|から|ところ|円|人|件)、`)

// reDocumentEnd is a title's last words: a kind of document, or a matter
// (…について). A line with a comma that ends otherwise is prose (「マスクの
// 着用、手指消毒等の…について周知徹底」).
var reDocumentEnd = regexp.MustCompile(`(計画|戦略|ビジョン|構想|方針|指針|プラン|予算|決算|概要|結果|日程|一覧|一覧表|名簿|表|報告|調書|要綱|要領|規則|条例|規程|白書|資料|広報|会議録|議事録|答申|提言|評価|について|に向けて|に関する|のお知らせ|案|手引|ガイド|統計|調査|状況|施策|事業|取組|取り組み|意見書|決議|請願|陳情|議案|要望書?)[)）」』]*$`)

// reCutEnd is a line cut inside a verb (「…を戦略的に形成す」, 「…を改正す」):
// no title ends in す (nouns that end in し, せ or け do: 見通し, お知らせ).
var reCutEnd = regexp.MustCompile(`す$`)

// reUnitStart is a line that starts with the unit of a figure on the line
// above (「円及び中学校…を増額計上」).
var reUnitStart = regexp.MustCompile(`^(円|千円|万円|億円|％|%)`)

// reItemNumber is an item of a list, not a title: a number run into its
// text (「１無償譲渡する普通財産」), not a numbered heading (「２．一般会計当初
// 予算…」), a year, month, session or count (「３月補正予算」, 「５か年計画」).
var reItemNumber = regexp.MustCompile(`^[0-9]{1,2}[^\s0-9.,)）．、年度月日回号期次条項部章節か箇ヶカケ万億千%％]`)

// endsInFigure: a line of cells (" | ") whose last cell is a figure, a
// count or a sum (事務補助 | 4人, 001議会人事管理事業費 | 442).
func endsInFigure(text string) bool {
	i := strings.LastIndex(text, " | ")
	return i >= 0 && reFigureCell.MatchString(normalize(strings.TrimSpace(text[i+3:])))
}

var reFigureCell = regexp.MustCompile(`^[0-9,.]+\s*(人|件|円|千円|万円|億円|％|%|か所|箇所|台|回|校|園)?$`)

// reCode: a row of a table that starts with a zero-padded code run into
// its name (001一般職, 0123 道路維持費).
var reCode = regexp.MustCompile(`^0[0-9]{1,5}\s?\p{Han}`)

// isDebris: a lone kana or kanji set apart from a longer word (わ おと高卒業制作,
// 集 花たびそうや号): a column of vertical text read across.
func isDebris(s string) bool {
	toks := strings.Fields(s)
	for i, t := range toks {
		r, n := utf8.DecodeRuneInString(t)
		if n != len(t) || !isJapanese(r) {
			continue
		}
		if i+1 < len(toks) && utf8.RuneCountInString(toks[i+1]) > 1 || i > 0 && utf8.RuneCountInString(toks[i-1]) > 1 {
			return true
		}
	}
	return false
}

// balanced: every opening bracket of 「」『』（）() is closed in order.
func balanced(s string) bool {
	pairs := map[rune]rune{'」': '「', '』': '『', '）': '（', ')': '(', '】': '【', '〕': '〔'}
	var stack []rune
	for _, r := range s {
		switch r {
		case '「', '『', '（', '(', '【', '〔':
			stack = append(stack, r)
		case '」', '』', '）', ')', '】', '〕':
			if len(stack) == 0 || stack[len(stack)-1] != pairs[r] {
				return false
			}
			stack = stack[:len(stack)-1]
		}
	}
	return len(stack) == 0
}

// doubled: text laid over itself, every character twice (おおとといいねね).
func doubled(s string) bool {
	r := []rune(s)
	pairs, runs := 0, 0
	for i := 0; i+1 < len(r); i++ {
		if r[i] == r[i+1] && isJapanese(r[i]) {
			pairs++
			i++
		}
		runs++
	}
	return pairs >= 4 && 3*pairs >= len(r)/2
}

// eucJP tells the kanji of JIS X 0208's first level (第一水準, the 2,965
// kanji of common use) from rarer ones.
var eucJP = japanese.EUCJP.NewEncoder()

func commonKanji(r rune) bool {
	b, err := eucJP.Bytes([]byte(string(r)))
	return err == nil && len(b) == 2 && b[0] >= 0xB0 && b[0] <= 0xCF
}

// readsAsJapanese: a title is mostly kana, common kanji, digits and
// punctuation. A line of rare kanji (a bad OCR layer), of Latin-1 letters
// from a wrongly decoded Title (R7t,7Þ), or with control characters is not.
func readsAsJapanese(s string) bool {
	total, good, kanji, rare, jp := 0, 0, 0, 0, 0
	for _, r := range s {
		if unicode.IsSpace(r) {
			continue
		}
		total++
		switch {
		case unicode.IsControl(r) || r == utf8.RuneError:
			return false
		case isHan(r) && (r < 0x4E00 || r > 0x9FFF):
			good++ // 〇 and other ideographic marks
			jp++
		case isHan(r):
			kanji++
			jp++
			if commonKanji(r) {
				good++
			} else {
				rare++
			}
		case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || r == 'ー':
			good++
			jp++
		case r < 0x80 || r >= 0xFF00 && r <= 0xFFEF || unicode.IsPunct(r) || unicode.IsSymbol(r) || r >= 0x3000 && r <= 0x303F:
			good++
		}
	}
	if total == 0 || jp == 0 {
		return false
	}
	if kanji >= 3 && 4*rare > kanji {
		return false // more than a quarter rare kanji
	}
	return 10*good >= 9*total
}

// reDocumentKind is the noun that names what kind of document a title is,
// as Japanese public documents are titled: plans, budgets, reports,
// tables, bulletins, minutes, bills and the like.
var reDocumentKind = regexp.MustCompile(`計画|戦略|ビジョン|構想|方針|指針|プラン|予算|決算|概要|結果|日程|一覧|名簿|表$|報告|調書|見通し|要綱|要領|規則|条例|規程|白書|資料|説明|広報|だより|通信|ニュース|会議録|議事録|質問|答申|提言|評価|について|に向けて|に関する|のお知らせ|案$|手引|ガイド|マニュアル|統計|調査|状況|施策|事業|取組|取り組み|運営|所信|あいさつ|挨拶|提案理由|意見書|決議|請願|陳情|議案|要望`)

func namesDocument(s string) bool { return reDocumentKind.MatchString(s) }

// NamesDocument reports whether s names a kind of document (計画, 予算,
// 施政方針, 議案一覧表, …), as a title does.
func NamesDocument(s string) bool { return namesDocument(s) }

// ReadsAsTitle reports whether s could be a title: none of the problems
// a title candidate is checked for (a sentence, a date, a fragment, a
// file name, garbage, …).
func ReadsAsTitle(s string) bool { return titleProblem(cleanTitle(s)) == "" }

// ReadsAsLabel reports whether s can label a document that has no title
// of its own: a title, or a section's heading with its sum (１項　使用料
// 876,102千円, the heading a budget book's page opens with).
func ReadsAsLabel(s string) bool {
	p := titleProblem(cleanTitle(s))
	return p == "" || p == "a row of figures"
}

// isIssuer: a line that is only the issuing municipality or body (石垣市,
// 音威子府村防災会議), which follows a title but is no part of it.
func isIssuer(s string) bool {
	rest := strings.TrimSpace(removePlaces(normalize(s)))
	return rest == "" || strings.HasSuffix(s, "会議") || strings.HasSuffix(s, "役場") || strings.HasSuffix(s, "役所")
}

// A bulletin's title is its masthead (広報おといねっぷ, 市政だより), the
// largest text of the cover, with its issue number; the headings of the
// cover are its articles', never the document's. The masthead is often
// set apart from everything around it (広報 over おといねっぷ, a date
// beside it), so it is read from the tokens of the cover's lines: a
// publication's name alone on its token, or 広報 ending a line with the
// name at the end of one of the next two (the year between them). It counts only with an issue number (No.597,
// 第597号) on its line or the four below the name (an edition, the year and
// the month may stand between): a bulletin's cover prints one, and a name
// mentioned in a table or a sentence comes without. 市政, 町政 and 村政
// start a masthead only before kana (市政だより, not 市政執行方針), and a name
// after 広報 that names a kind of document (広報計画) is no masthead.
var (
	reMasthead     = regexp.MustCompile(`^(?:(?:広報|市報|町報|村報|区報)[\p{Hiragana}\p{Katakana}\p{Han}ー]{2,8}|(?:市政|町政|村政)[\p{Hiragana}\p{Katakana}ー]{2,8}|[\p{Hiragana}\p{Katakana}\p{Han}ー]{2,8}(?:だより|便り|通信|ニュース))$`)
	reBulletinName = regexp.MustCompile(`(だより|便り|通信|ニュース)$`)
	reIssueNo      = regexp.MustCompile(`(?i)(?:^|[^A-Za-z])no\.?\s*([0-9０-９]{1,5})\b|第\s*([0-9０-９]{1,5})\s*号`)
)

// bulletin reports a masthead alone on its line(s) without an issue number
// read: the cover is a bulletin's all the same, and its headings are no
// title.
func mastheadTitle(lines []Line) (title string, bulletin bool) {
	isMasthead := func(tok string) bool {
		// 広報計画, 市政執行方針: a document about publicity or the city's government, not a bulletin
		if !reMasthead.MatchString(tok) {
			return false
		}
		for _, p := range []string{"広報", "市報", "町報", "村報", "区報", "市政", "町政", "村政"} {
			if rest, ok := strings.CutPrefix(tok, p); ok && namesDocument(rest) && !reBulletinName.MatchString(rest) {
				return false
			}
		}
		return true
	}
	var cover []string
	for _, l := range lines {
		if l.Page > 1 || len(cover) >= 2*coverLines {
			break
		}
		cover = append(cover, strings.Join(strings.Fields(strings.ReplaceAll(l.Text, " | ", " ")), " "))
	}
	for i, t := range cover {
		toks := strings.Fields(t)
		name := ""
		alone := false
		for _, tok := range toks {
			if isMasthead(tok) {
				name, alone = tok, len(toks) == 1
				break
			}
		}
		last := i // the line where the name ends
		for j := i + 1; name == "" && len(toks) > 0 && toks[len(toks)-1] == "広報" && j < len(cover) && j <= i+2; j++ {
			if next := strings.Fields(cover[j]); len(next) > 0 && isMasthead("広報"+next[len(next)-1]) {
				name, alone, last = "広報"+next[len(next)-1], len(toks) == 1, j
			}
		}
		if name == "" {
			continue
		}
		for j := i; j < len(cover) && j <= last+4; j++ {
			if m := reIssueNo.FindStringSubmatch(cover[j]); m != nil {
				if m[1] != "" {
					return name + " No." + m[1], true
				}
				return name + " 第" + m[2] + "号", true
			}
		}
		bulletin = bulletin || alone
	}
	return "", bulletin
}

// isBracketLabel: a legend's label or a note wholly in brackets
// ([会派略称］, 【凡例】, （厚生委員会付託）, （別紙）), which names a part of
// the page, not the document.
func isBracketLabel(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	l, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune("[［【〔〈《<（(", r) && strings.ContainsRune("]］】〕〉》>）)", l) &&
		strings.IndexAny(s[1:len(s)-utf8.RuneLen(l)], "]］】〕〉》>）)") < 0
}
