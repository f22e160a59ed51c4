package meta

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// extractFiscalYear decides the fiscal year the document is about and says
// why; doc.go states the rules in their order.
func extractFiscalYear(d doc, hints, defaults Metadata, published string) (int, string) {
	if validYear(hints.FiscalYear) {
		return hints.FiscalYear, "stated by the format"
	}
	ref := referenceYear(d, hints, defaults, published)
	title := d.title
	if title == "" {
		title = d.docTitle
	}
	type source struct{ text, name string }
	lines := []source{{title, "title"}}
	// An article whose format states its publication date (a 広報 bulletin
	// row) is about the fiscal year it was published in, unless its title
	// names one: the first lines of an article often announce a later year
	// (「令和11年4月採用の会計年度任用職員を募集」 is news of fiscal 2024).
	published, fromFormat := ParseDate(hints.Published)
	if !fromFormat {
		for _, l := range titleBlock(d.header) {
			lines = append(lines, source{l, "header"})
		}
	}
	_, budget := d.presentsBudget()
	for _, s := range lines {
		if budget && sessionYearOnly(s.text) {
			continue // 令和6年度第4回定例会: the session's year, not the speech's (sessionFiscalYear)
		}
		if y, what, ok := statedFiscalYear(s.text); ok {
			return y, what + " (" + s.name + ")"
		}
		if n, ok := bareFiscalYear(s.text); ok && !isSpanLine(s.text) {
			if y, ok := resolveBare(n, ref); ok {
				return y, fmt.Sprintf("%d年度 (%s; no era: read against %d)", n, s.name, ref)
			}
		}
	}
	if fromFormat {
		if y, ok := fiscalYearOf(published); ok {
			return y, "published " + published + " (stated by the format)" // see doc.go
		}
	}
	if y, why, ok := fieldFiscalYear(d); ok {
		return y, why
	}
	if y, why, ok := sessionFiscalYear(d); ok {
		return y, why
	}
	if y, why, ok := leadFiscalYear(d); ok {
		return y, why
	}
	if y, why, ok := datedFiscalYear(d, title); ok {
		return y, why
	}
	if validYear(defaults.FiscalYear) {
		return defaults.FiscalYear, "the operator's default"
	}
	return 0, ""
}

// titleBlock is the part of the header that belongs to the title: the
// header lines before the first table row, section label (【市長提出議案】)
// or item (議案第27号 …). A year in a table or a list of bills is some
// bill's, not the document's.
func titleBlock(header []string) []string {
	var out []string
	for _, l := range header {
		t := strings.TrimSpace(normalize(l))
		if cells := strings.Split(t, " | "); allSingle(cells) {
			out = append(out, strings.Join(cells, "")) // 予 | 算 | の | 概 | 要: letter-spacing, not a table
			continue
		}
		if strings.Contains(t, " | ") || strings.HasPrefix(t, "【") || strings.HasPrefix(t, "議案") || strings.HasPrefix(t, "■") {
			break
		}
		if isProse(t) {
			continue // a sentence belongs to the lead (leadFiscalYear)
		}
		out = append(out, l)
	}
	return out
}

// isProse: a sentence of running text rather than a title block's line.
func isProse(t string) bool {
	return strings.Contains(t, "。") || strings.Contains(t, "、") && utf8.RuneCountInString(t) > 30
}

// yearMention is a fiscal year stated in a text, with where it stands.
type yearMention struct {
	year       int
	text       string // as written, normalized (令和8年度, 2022年度)
	start, end int    // byte offsets in the normalized text
	span       bool   // it opens or closes a span (平成21年度から, ～令和5年度, 2015～2019年度)
}

// fiscalYears lists the fiscal years stated in s with an era (令和8年度,
// R4年度) or in full (2022年度), in order, each marked when it is the
// end of a span: a span's years are a period, not the document's year.
func fiscalYears(s string) []yearMention {
	s = normalize(s)
	var out []yearMention
	for _, m := range reEraFY.FindAllStringSubmatchIndex(s, -1) {
		name := s[m[2]:m[3]]
		if len(name) == 1 && m[2] > 0 && isASCIIAlnum(s[m[2]-1]) {
			continue // "CH30年度": not an era abbreviation
		}
		if y, ok := eraYear(name, s[m[4]:m[5]]); ok && validYear(y) {
			out = append(out, yearMention{year: y, text: s[m[0]:m[1]], start: m[0], end: m[1]})
		}
	}
	for _, m := range reWesternFY.FindAllStringSubmatchIndex(s, -1) {
		digits := s[m[2]:m[3]]
		y, _ := strconv.Atoi(digits)
		if len(digits) != 4 || !validYear(y) {
			continue
		}
		out = append(out, yearMention{year: y, text: s[m[0]:m[1]], start: m[0], end: m[1]})
	}
	// 2015～2019年度: the first year of a western span has no 年度 of its own
	for _, m := range reWesternSpan.FindAllStringIndex(s, -1) {
		for i := range out {
			if out[i].start >= m[0] && out[i].start < m[1] {
				out[i].span = true
			}
		}
	}
	for i := range out {
		mt := &out[i]
		after := s[mt.end:]
		if strings.HasPrefix(strings.TrimLeft(after, " "), "(") {
			// 令和4年度(2022年度)～: look past the Western year in parentheses
			if j := strings.Index(after, ")"); j >= 0 {
				after = after[j+1:]
			}
		}
		before := s[:mt.start]
		if k := strings.LastIndex(before, "("); k > 0 && strings.TrimSpace(before[k+1:]) == "" {
			before = before[:k] // 令和4年度(2022年度): the year in parentheses restates the one before them
		}
		if opensSpan(after) || closesSpan(before) {
			mt.span = true
		}
	}
	sortMentions(out)
	return out
}

// reWesternSpan is a span of Western years with one 年度: 2015～2019年度.
var reWesternSpan = regexp.MustCompile(`\d{4}\s*[~～〜\-‐－]\s*\d{4}\s*年度`)

func sortMentions(ms []yearMention) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].start < ms[j-1].start; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// reSpanLabel marks a line that states a period: 計画期間, 対象期間.
var reSpanLabel = regexp.MustCompile(`期間`)

func isSpanLine(s string) bool { return reSpanLabel.MatchString(s) }

// statedFiscalYear is the first fiscal year s states that is not the end of
// a span (in a line that states a period, none is).
func statedFiscalYear(s string) (int, string, bool) {
	if isSpanLine(s) {
		return 0, "", false
	}
	ms := fiscalYears(s)
	if years := map[int]bool{}; len(ms) >= 3 {
		for _, m := range ms {
			years[m.year] = true
		}
		if len(years) >= 3 {
			return 0, "", false // a series (平成21年度 平成22年度 平成23年度 …: a table of a trend), no one year's
		}
	}
	for _, m := range ms {
		if !m.span {
			return m.year, m.text, true
		}
	}
	return 0, "", false
}

// reBudgetSpeech marks the documents that present the coming fiscal year:
// 施政方針 (市政執行方針 in Hokkaido), 当初予算, 予算の概要と市政運営の方針, 所信表明 with the budget,
// and the 提案理由 of the budget session.
var reBudgetSpeech = regexp.MustCompile(`施政方針|執行方針|当初予算|予算|市政運営の方針|区政運営の方針|町政運営|村政運営|所信|提案理由`)

// reSupplementary marks a supplementary budget or settlement, which is
// about the year under way or past, whatever the session.
var reSupplementary = regexp.MustCompile(`補正|決算|専決`)

// kindText is what tells the document's kind: its title and the lines of
// its title block.
func (d doc) kindText() string {
	t := d.title
	if t == "" {
		t = d.docTitle
	}
	return normalize(t + "\n" + strings.Join(titleBlock(d.header), "\n"))
}

// presentsBudget: a speech or paper that presents the coming year's budget
// or policy (施政方針, 当初予算, 予算の概要と市政運営の方針) and not a
// supplementary budget or settlement.
func (d doc) presentsBudget() (string, bool) {
	k := d.kindText()
	m := reBudgetSpeech.FindString(k)
	if m == "" {
		return "", false
	}
	if reSupplementary.MatchString(k) && !strings.Contains(k, "施政方針") && !strings.Contains(k, "当初予算") {
		return "", false
	}
	return m, true
}

var (
	// reSession: an assembly session with its day: 平成15年第1回定例会 03月05日,
	// 平成14年_第１回定例会（第１日目）.
	reSession = regexp.MustCompile(`(令和|平成|昭和)\s*(元|\d{1,2})\s*年[\s_・]*(?:第\s*\d+\s*回)?\s*(?:\d{1,2}\s*月)?\s*定例(?:市議会|議会|会)\D{0,6}?(\d{1,2})\s*月\s*\d{1,2}\s*日`)
	// reSessionMonth: a session named by its month: 令和８年３月定例会.
	reSessionMonth = regexp.MustCompile(`(令和|平成|昭和)\s*(元|\d{1,2})\s*年[\s_・]*(\d{1,2})\s*月\s*定例(?:市議会|議会|会)`)
	// reSessionFirst: the year's first regular session: 令和8年第1回定例会,
	// 平成14年_第１回定例会 (a calendar year: 令和7年度第1回定例会 counts
	// sessions by fiscal year and is held in June).
	reSessionFirst = regexp.MustCompile(`(令和|平成|昭和)\s*(元|\d{1,2})\s*年[\s_・]*第\s*1\s*回\s*定例(?:市議会|議会|会)`)
	// reMeetingDate: the day a meeting was held, labelled: 開催日: 2002-02-27,
	// 会期：令和３年２月24日～.
	reMeetingDate = regexp.MustCompile(`(開催日|開会日|会議日|会期|日時|期日)\s*[:：]?\s*(.{6,24})`)
)

// sessionFiscalYear is the fiscal year a budget or policy speech
// addresses: given at a February or March session (or dated then), it
// presents the year starting that April, whatever the header looks like
// (平成15年第1回定例会 03月05日, 令和８年３月定例会, 開催日: 2002-02-27, a
// cover dated 令和８年２月16日); a 施政方針 or 当初予算 of the year's first
// regular session (令和8年第1回定例会) too.
func sessionFiscalYear(d doc) (int, string, bool) {
	kind, ok := d.presentsBudget()
	if !ok {
		return 0, "", false
	}
	head := normalize(strings.Join(append([]string{d.title}, titleBlock(d.header)...), "\n"))
	year, month, what := 0, 0, ""
	if m := reSession.FindStringSubmatch(head); m != nil {
		year, _ = eraYear(m[1], m[2])
		month, _ = strconv.Atoi(m[3])
		what = "session"
	} else if m := reSessionMonth.FindStringSubmatch(head); m != nil {
		year, _ = eraYear(m[1], m[2])
		month, _ = strconv.Atoi(m[3])
		what = "session"
	}
	if month == 0 {
		if m := reMeetingDate.FindStringSubmatch(head); m != nil {
			if iso, ok := ParseDate(m[2]); ok {
				year, month = yearOf(iso), monthOf(iso)
				what = "session (" + m[1] + " " + iso + ")"
			}
		}
	}
	if month == 0 {
		for _, l := range titleBlock(d.header) {
			if iso, ok := dateLine(l); ok || isDateOnly(l) {
				if !ok {
					iso, _ = ParseDate(l)
				}
				year, month = yearOf(iso), monthOf(iso)
				what = "dated " + iso
				break
			}
		}
	}
	if month == 0 {
		if m := reSessionFirst.FindStringSubmatch(head); m != nil && (kind == "施政方針" || kind == "執行方針" || kind == "当初予算") {
			if y, ok := eraYear(m[1], m[2]); ok && validYear(y) {
				return y, kind + " given at the year's first regular session (" + m[0] + ") → the fiscal year from that April", true
			}
		}
		return 0, "", false
	}
	if !validYear(year) || month != 2 && month != 3 {
		return 0, "", false
	}
	return year, fmt.Sprintf("%s given at a %d月 %s → the fiscal year from that April", kind, month, what), true
}

func monthOf(iso string) int {
	if len(iso) < 7 {
		return 0
	}
	m, _ := strconv.Atoi(iso[5:7])
	return m
}

// isDateOnly: a line that is a year and month alone (令和７年２月), a cover's date.
func isDateOnly(l string) bool {
	s := strings.Trim(normalize(l), " ()（）")
	iso, ok := ParseDate(s)
	return ok && utf8.RuneCountInString(s) <= 12 && reBareDate.MatchString(s) && len(iso) >= 7
}

// leadRunes is how much of the text from its top counts as the lead:
// the opening paragraphs, where a document says which year it is about.
const leadRunes = 600

// reLeadTopic is what makes a year in the lead the document's topic: the
// year is the subject (平成14年度は、), or its budget is (令和８年度当初予算,
// 平成15年度の予算関係議案).
var reLeadTopic = regexp.MustCompile(`^\s*(は|も|における|において|に向け|の予算|予算|当初予算|の当初予算|一般会計予算|(の)?(一般会計|特別会計|[^\s、。]{1,12}事業会計)(当初)?予算)`)

// reComparedAfter is a year named as the base of a comparison (令和３年度
// 当初予算に比べて, 前年度と比較し): the year before the document's.
var reComparedAfter = regexp.MustCompile(`^[^、。]{0,12}(に比べ|と比べ|と比較|に比し|対比)`)

// leadFiscalYear is the first fiscal year the lead, the opening prose
// after the header, states as its topic (平成14年度は、…; 令和８年度当初予算案
// 並びに…), unless it opens or closes a span. Table rows and lists are no
// lead; a year merely mentioned (令和５年５月に…, 平成21年度に策定した) is
// not the document's.
func leadFiscalYear(d doc) (int, string, bool) {
	var b strings.Builder
	n := 0
	for _, line := range strings.Split(d.body, "\n") {
		t := strings.TrimSpace(line)
		if t == "" {
			continue
		}
		if n >= leadRunes {
			break
		}
		n += utf8.RuneCountInString(t)
		if strings.Contains(t, " | ") || isSpanLine(t) || !strings.ContainsAny(t, "、。") {
			continue // a table row, a period or a label: no prose
		}
		b.WriteString(t)
		b.WriteByte('\n')
	}
	lead := normalize(b.String())
	for _, m := range fiscalYears(lead) {
		if m.span || reSupplementaryAfter(lead[m.end:]) || reComparedAfter.MatchString(lead[m.end:]) {
			continue
		}
		if reLeadTopic.MatchString(lead[m.end:]) {
			return m.year, m.text + strings.TrimSpace(reLeadTopic.FindString(lead[m.end:])) + " (lead)", true
		}
	}
	return 0, "", false
}

func reSupplementaryAfter(after string) bool {
	r := []rune(after)
	if len(r) > 12 {
		r = r[:12]
	}
	return strings.Contains(string(r), "補正") || strings.Contains(string(r), "決算")
}

// rePlan is a document that covers a period: its date is when it was made,
// not the year it is about.
var rePlan = regexp.MustCompile(`計画|戦略|ビジョン|構想|プラン|指針|方針`)

// reStandingRule is a rule in force until it is changed (条例, 規則, 要綱,
// 要領, 規程, 訓令): its date is when it was made or last amended, and it
// is about no fiscal year.
var reStandingRule = regexp.MustCompile(`条例|規則|要綱|要領|規程|訓令`)

// reIssueMonth is the issue of a periodical, a month with 号 (2025年6月号,
// 令和7年8月号): the month the bulletin speaks of.
var reIssueMonth = regexp.MustCompile(`^((令和|平成|昭和)\s*(元|\d{1,2})|\d{4})\s*年\s*\d{1,2}\s*月\s*号$`)

// reOwnDateLabel is a date the document states as its own: a session's
// days, the day its figures stand at, its issue or making.
var reOwnDateLabel = regexp.MustCompile(`会期|現在|時点|発行|作成|策定|開催日`)

// datedFiscalYear is the fiscal year of the document's own date, weaker
// evidence than any year it states: the date of its cover or title block
// on a paged document (令和７年２月 under the title), or a date it labels
// as its own (会期：令和３年２月24日～, 令和元年９月30日現在). A plan's date
// is when it was made, not the period it covers, and a web page's date
// (更新日) is when it was last edited: neither counts.
func datedFiscalYear(d doc, title string) (int, string, bool) {
	if rePlan.MatchString(normalize(title)) || reStandingRule.MatchString(normalize(title)) {
		return 0, "", false
	}
	paged := len(d.lines) > 0 && d.lines[0].Page > 0
	for _, l := range titleBlock(d.header) {
		n := normalize(l)
		labelled := reOwnDateLabel.MatchString(n) || reIssueMonth.MatchString(strings.TrimSpace(n))
		if !labelled && !(paged && isDateOnly(l)) && !(paged && len(dateOnlyISO(l)) == 10) {
			continue
		}
		if strings.Contains(n, "更新") || strings.Contains(n, "公開") || strings.Contains(n, "掲載") {
			continue
		}
		iso, ok := ParseDate(n)
		if !ok {
			continue
		}
		if y, ok := fiscalYearOf(iso); ok {
			return y, fmt.Sprintf("dated %s → fiscal %d (the document's date)", iso, y), true
		}
	}
	return 0, "", false
}

func dateOnlyISO(l string) string {
	iso, _ := dateLine(l)
	return iso
}

// reSessionAfter: what follows a year that names a session counted by
// fiscal year (令和6年度第4回定例会, 令和6年度3月定例会).
var reSessionAfter = regexp.MustCompile(`^\s*(第\s*\d+\s*回\s*)?(\d{1,2}\s*月\s*)?(定例|臨時)`)

// sessionYearOnly: every fiscal year s states names a session
// (令和6年度第4回定例会). An assembly that counts its sessions by fiscal
// year holds the budget session in March, the last month of that year: a
// budget speech given there is about the next one, which the session rule
// reads from the session's date.
func sessionYearOnly(s string) bool {
	n := normalize(s)
	ms := fiscalYears(n)
	if len(ms) == 0 {
		return false
	}
	for _, m := range ms {
		if !reSessionAfter.MatchString(n[m.end:]) {
			return false
		}
	}
	return true
}

// reYearField is a form's label for the fiscal year its content is about:
// 評価対象年度, 対象年度, 実施年度, 事業年度, 会計年度, 予算年度.
var reYearField = regexp.MustCompile(`^(評価)?対象年度$|^(実施|事業|会計|予算)年度$`)

// fieldFiscalYear is the fiscal year a form states in a labelled field of
// its first lines (評価対象年度 | 令和５年度, 対象年度：令和5年度): a sheet
// of 事務事業評価 says which year's work it evaluates there. The value must
// be one fiscal year, not a span.
func fieldFiscalYear(d doc) (int, string, bool) {
	for cells := range formCells(d, reYearField.MatchString) {
		for i := 0; i+1 < len(cells); i++ {
			if !reYearField.MatchString(cells[i]) || isSpanLine(cells[i+1]) {
				continue
			}
			ms := fiscalYears(cells[i+1])
			if len(ms) == 1 && !ms[0].span {
				return ms[0].year, ms[0].text + " (the field " + cells[i] + ")", true
			}
		}
	}
	return 0, "", false
}
