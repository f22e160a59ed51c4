package meta

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Input is one document as the metadata extractor sees it.
type Input struct {
	Title string   // the title the format states; may be ""
	Text  string   // clean text, blocks joined by "\n"; may end with a "問合せ先: …" line
	Path  string   // source file path (not used as evidence: file names lie)
	URL   string   // source address: its host is evidence when it is a municipality's website
	Hints Metadata // what the format states explicitly (CSV 自治体名, JSON bureau, …)
	// InfoTitle is the title a file's own metadata claims (a PDF's document
	// information): often a template's, a file name or an office suite's
	// default, so only a candidate (see extractTitle).
	InfoTitle string
	// Lines are the document's first blocks as its reader laid them out
	// (headings with their level, pages, table rows): where a title is read
	// from when the format states none. May be nil.
	Lines []Line
}

// contactPrefix starts the line the source readers emit for a page footer's
// organisation line (このページの作成者・問合せ先).
const contactPrefix = "問合せ先: "

// headerLines is how many non-empty lines at the top of Text count as the
// document's header (title block, date line, speech header).
const headerLines = 5

// doc is an Input split into the parts the rules look at.
type doc struct {
	title   string
	header  []string // first headerLines non-empty lines, contact line excluded
	contact string   // organisation line after "問合せ先: ", or ""
	body    string   // Text without the contact line
	lines   []Line   // Input.Lines
	// docTitle is the document's title as extractTitle read it (the
	// format's, else its cover's or first heading's).
	docTitle string
}

func split(in Input) doc {
	d := doc{title: strings.TrimSpace(in.Title)}
	var body []string
	for _, line := range strings.Split(in.Text, "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), strings.TrimSpace(contactPrefix)); ok {
			d.contact = strings.TrimSpace(rest)
			continue
		}
		body = append(body, line)
		if t := strings.TrimSpace(line); t != "" && len(d.header) < headerLines {
			d.header = append(d.header, t)
		}
	}
	d.body = strings.Join(body, "\n")
	return d
}

// Extract returns the document's metadata. For every field the precedence
// is: explicit Hints > strong evidence in the document > the operator's
// defaults > weak evidence; a field nothing supports stays zero. doc.go
// states each rule and why.
func Extract(in Input, defaults Metadata) Metadata {
	d := split(in)
	var m Metadata
	m.Title, m.Why.Title = extractTitle(in)
	if d.title == "" && in.InfoTitle != "" || d.title == "" && len(in.Lines) > 0 && in.Lines[0].Page > 0 {
		d.title = m.Title // a paged document's title, read from its cover
	}
	d.lines = in.Lines
	m.City, m.Prefecture = extractCity(d, in, defaults)
	m.Department, m.Why.Department = extractDepartment(d, in.Hints, defaults, m.City)
	m.Published = extractPublished(d, in.Hints, defaults)
	d.docTitle = m.Title
	m.FiscalYear, m.Why.FiscalYear = extractFiscalYear(d, in.Hints, defaults, m.Published)
	m.Session = strings.TrimSpace(in.Hints.Session)
	return m
}

// --- city ---

// Evidence weights. A city is "strong" at strongCity or more and only if no
// other city scores as much; "weak" evidence needs weakCity.
const (
	scoreHeader   = 4 // in the title, at the start of a header line or of the 問合せ先 line
	scoreBrand    = 3 // 広報ひらかた
	scoreCompound = 2 // part of a name: 第4次柏原市総合計画, 大阪市協働指針, 桐生市議会
	scorePassing  = 1 // 大阪府と大阪市の役割分担
	scoreSelf     = 1 // 本市/当市 with at least one other mention
	strongCity    = 4
	// weakCity: two passing mentions are not enough, as a city's papers
	// name their partners (「事業実施主体：香南市」 twice in a 南国市 budget
	// briefing that never writes 南国市).
	weakCity = 3
)

func extractCity(d doc, in Input, defaults Metadata) (city, pref string) {
	hints := in.Hints
	if c := strings.TrimSpace(hints.City); c != "" {
		hp, name := splitPrefecture(c)
		if hp == "" {
			hp = hints.Prefecture
		}
		return resolveCity(name, hp, d)
	}
	best, score := cityEvidence(d, in.URL)
	bestPref := ""
	if m, ok := cityOfAddress(in.URL); ok && m.Name == best {
		bestPref = m.Prefecture // the website tells 広島県's 府中市 from 東京都's
	}
	switch {
	case score >= strongCity:
		return resolveCity(best, bestPref, d)
	case defaults.City != "":
		return resolveCity(defaults.City, defaults.Prefecture, d)
	case score >= weakCity:
		return resolveCity(best, bestPref, d)
	}
	return "", ""
}

// resolveCity gives a city name its prefecture: the one stated (pref), else
// the only municipality of that name, else the one whose prefecture the
// document names (and no other candidate's). A name shared by several
// municipalities that nothing tells apart is unknown; so is a name the
// table does not hold (it is kept as it is, without a prefecture, only
// when given by a hint or the operator: they know their sources).
func resolveCity(name, pref string, d doc) (string, string) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", ""
	}
	if m, ok := places.lookup(name, pref); ok {
		return m.Name, m.Prefecture
	}
	cands := places.byName[name]
	if len(cands) == 0 {
		return name, ""
	}
	stated := d.prefectures()
	var hit []Municipality
	for _, m := range cands {
		if stated[m.Prefecture] {
			hit = append(hit, m)
		}
	}
	if len(hit) == 1 {
		return hit[0].Name, hit[0].Prefecture
	}
	return "", ""
}

// prefectures are the prefectures the document names as tokens, with a
// municipality name right after them counted first (広島県府中市).
func (d doc) prefectures() map[string]bool {
	out := map[string]bool{}
	for _, s := range []string{d.title, d.contact, d.body} {
		_, ps := scanPlaces(s)
		for _, p := range ps {
			out[p] = true
		}
	}
	return out
}

// splitPrefecture splits 神奈川県厚木市 into 神奈川県 and 厚木市.
func splitPrefecture(s string) (pref, rest string) {
	s = strings.TrimSpace(s)
	for _, p := range prefectures {
		if r, ok := strings.CutPrefix(s, p); ok && strings.TrimSpace(r) != "" {
			return p, strings.TrimSpace(r)
		}
	}
	return "", s
}

// cityEvidence scores every municipality the document names and returns
// the best one with its score, or "" when two tie. It is linear in the
// document's length: each line is scanned once, and what may stand before
// a name at the start of a line is measured once per line.
func cityEvidence(d doc, address string) (string, int) {
	score := map[string]int{}
	named := map[string]bool{}       // named as the document's own: more than in passing
	headerGrade := map[string]bool{} // named in the title, a header line, as the issuer or signer, by its brand or address
	add := func(mt mention, n int) {
		if n >= scoreHeader {
			headerGrade[mt.name] = true
		}
		if mt.pref != "" {
			if _, ok := places.lookup(mt.name, mt.pref); !ok {
				return // 広島県北区: no such municipality
			}
		}
		score[mt.name] += n
		named[mt.name] = named[mt.name] || n > scorePassing
	}
	for _, mt := range mentions(d.title) {
		add(mt, scoreHeader)
	}
	if ms := mentions(d.contact); len(ms) > 0 && ms[0].start <= prefixLen(d.contact) {
		add(ms[0], scoreHeader)
	}
	for _, line := range d.header {
		pl := prefixLen(line)
		for _, mt := range mentions(line) {
			if mt.start <= pl || isCompound(mt) {
				add(mt, scoreHeader)
			}
		}
	}
	body := []rune(d.body)
	for _, mt := range mentions(d.body) {
		if reIssuerBefore.MatchString(string(body[max(0, mt.start-8):mt.start])) {
			add(mt, scoreHeader) // 発行：日高川町: the document names who issues it
			continue
		}
		if mt.next == '長' && (mt.start == 0 || body[mt.start-1] == '\n') {
			add(mt, scoreHeader) // 「香美市長　田中　一郎」 signs a bill the mayor submits
			continue
		}
		if isCompound(mt) && !inJointName(body, mt) {
			add(mt, scoreCompound)
		} else {
			add(mt, scorePassing)
		}
	}
	for _, text := range []string{d.title, d.body} {
		for brand, city := range brands {
			if strings.Contains(text, brand) {
				score[city] += scoreBrand
				headerGrade[city] = true
			}
		}
		for _, city := range readingBrands(text) {
			score[city] += scoreBrand
			headerGrade[city] = true
		}
	}
	if m, ok := cityOfAddress(address); ok {
		score[m.Name] += scoreHeader
		headerGrade[m.Name] = true
	}
	best, bestScore, tie := "", 0, false
	for c, s := range score {
		switch {
		case s > bestScore || s == bestScore && c < best:
			tie = s == bestScore
			best, bestScore = c, s
		case s == bestScore:
			tie = true
		}
	}
	if tie {
		return "", 0
	}
	if !headerGrade[best] {
		// named only in the body, in passing or in compounds: the city must
		// stand clearly above every other the body names (a 消防費 page of
		// a budget book names the partner city of a joint centre and the
		// building it rents as often as its own)
		for c, s := range score {
			if c != best && 2*s >= bestScore {
				return "", 0
			}
		}
	}
	if bestScore > 0 && (strings.Contains(d.body, "本市") || strings.Contains(d.body, "当市")) && (named[best] || bestScore > 2*scorePassing) {
		// 本市 is the city the document names as its own, not a partner
		// named twice in passing (「事業実施主体：香南市」 in 南国市's papers)
		bestScore += scoreSelf
	}
	return best, bestScore
}

// reIssuerBefore is an issuer's label right before a name: 発行：, 編集／,
// 発行者, 編集・発行.
var reIssuerBefore = regexp.MustCompile(`(編集・発行|発行・編集|発行者|発行元|発行|編集)\s*[:：/／]?\s*$`)

// reKanaMasthead is a bulletin's name in kana after 広報 or 市報 (広報ふらの,
// 広報「ひだかがわ」), tried where 広報 or 市報 … starts (kanaMastheads).
var reKanaMasthead = regexp.MustCompile(`^(?:広報|市報|町報|村報|区報)\s*「?(\p{Hiragana}{3,})`)

// kanaMastheads returns the kana of every match of reKanaMasthead in text,
// left to right and not overlapping, as a scan of the whole text with the
// pattern unanchored would: each match starts with 広報, 市報, 町報, 村報
// or 区報, so the pattern is tried only where 報 follows 広, 市, 町, 村 or
// 区. A regular expression without a
// literal prefix tries every position of the text (200 KB for a day of
// minutes).
func kanaMastheads(text string) []string {
	var out []string
	const hou = "報"
	for i := 0; ; {
		j := strings.Index(text[i:], hou)
		if j < 0 {
			return out
		}
		at := i + j
		i = at + len(hou)
		r, n := utf8.DecodeLastRuneInString(text[:at])
		if n == 0 || !strings.ContainsRune("広市町村区", r) {
			continue
		}
		if m := reKanaMasthead.FindStringSubmatchIndex(text[at-n:]); m != nil {
			out = append(out, text[at-n+m[2]:at-n+m[3]])
			i = at - n + m[1]
		}
	}
}

// readingBrands are the municipalities a bulletin names by its kana
// masthead: 広報 and the municipality's reading without 市, 町 or 村
// (広報ふらの → 富良野市, 広報さっぽろ → 札幌市), as municipalities name
// their bulletins. A reading shared by several is no evidence, and the
// brands table's names are counted there.
func readingBrands(text string) []string {
	var out []string
	for _, kana := range kanaMastheads(text) {
		if _, listed := brands["広報"+kana]; listed {
			continue
		}
		if ms := places.byReading[kana]; len(ms) == 1 {
			out = append(out, ms[0].Name)
		}
	}
	return out
}

// cityOfAddress is the municipality whose official website serves the
// document's address, when exactly one does: by the host itself, else by
// its hostKey (www.city.kiryu.lg.jp/… → city.kiryu → 桐生市, whose site the
// source lists as www.city.kiryu.gunma.jp).
func cityOfAddress(address string) (Municipality, bool) {
	host := hostOf(address)
	if host == "" {
		return Municipality{}, false
	}
	if ms := places.byHost[host]; len(ms) == 1 {
		return ms[0], true
	}
	if ms := places.byHost[hostKey(host)]; len(ms) == 1 {
		return ms[0], true
	}
	return Municipality{}, false
}

// prefixLen is the rune length of what may stand before a name that starts
// a line: Markdown marks, spaces and a prefecture (岡山県倉敷市).
func prefixLen(line string) int {
	i, bytes := 0, 0
	for _, c := range line {
		if c != '#' && !unicode.IsSpace(c) {
			break
		}
		i++
		bytes += utf8.RuneLen(c)
	}
	rest := line[bytes:]
	for _, p := range prefectures {
		if strings.HasPrefix(rest, p) {
			return i + utf8.RuneCountInString(p)
		}
	}
	return i
}

// isCompound reports whether a mention is the head of a longer name
// (柏原市総合計画, 桐生市議会) rather than a passing word (大阪市の, 大阪市内).
func isCompound(mt mention) bool {
	next := mt.next
	if next == 0 {
		return false
	}
	if next == '内' || next == '外' || next == '域' {
		return false
	}
	return isHan(next) || unicode.Is(unicode.Katakana, next)
}

// inJointName: a name in a list of municipalities joined by ・ or 、
// before a compound (富士市・富士宮市消防指令センター): the joint body
// belongs to each of them, so it is no more than a passing mention of the
// last.
func inJointName(body []rune, mt mention) bool {
	if mt.start == 0 {
		return false
	}
	prev := body[mt.start-1]
	return prev == '・' || prev == '･' || prev == '、'
}

// --- department ---

// reOwnDocument matches titles of a unit's own policy document
// (令和4年度市民局運営方針, 政策推進部 部長マニフェスト, 市長公室の取り組み). Only
// such a title names the document's department; a news headline that ends
// in 局/課/室 (スケート教室, 郵便局の窓口, 放課後児童クラブ) names none.
var reOwnDocument = regexp.MustCompile(`運営方針|マニフェスト|取り組み|取組|方針|計画|目標|報告書|評価`)

func titleDepartment(title string) string {
	if !reOwnDocument.MatchString(title) {
		return ""
	}
	return departmentIn(title)
}

func extractDepartment(d doc, hints, defaults Metadata, city string) (string, string) {
	if h := strings.TrimSpace(hints.Department); h != "" {
		if top := departmentIn(h); top != "" {
			return top, "stated by the format"
		}
		return h, "stated by the format"
	}
	if dep := titleDepartment(d.title); dep != "" {
		return dep, "the title"
	}
	if dep := departmentIn(d.contact); dep != "" {
		return dep, "the page's contact line"
	}
	if dep := speakerDepartment(append([]string{d.title}, d.header...)); dep != "" {
		return dep, "the speech or minutes header"
	}
	if d.title == "" {
		if dep := titleDepartment(headerTitle(d.header)); dep != "" {
			return dep, "the first heading" // a title the reader did not lift into Title
		}
	}
	if _, dated := ParseDate(hints.Published); dated {
		// an article of a bulletin: its first lines are its text
	} else if dep, line := organisationLine(d, city); dep != "" {
		return dep, "the organisation line 「" + line + "」"
	}
	if dep := fieldDepartment(d); dep != "" {
		return dep, "a form's field naming the unit in charge"
	}
	if dep := signatureDepartment(d); dep != "" {
		return dep, "the head signing the speech"
	}
	if dep := bodyContactDepartment(d.body, city); dep != "" {
		return dep, "the contact lines"
	}
	if defaults.Department != "" {
		return defaults.Department, "the operator's default"
	}
	return "", ""
}

// headerTitle is the line that serves as title when the format states none
// (Markdown converted from PDF): the first of the top three lines that is
// short and more than a year or a date, such as 市長公室の取り組み under
// 令和4年度 / (2022年度), or "## 政策推進部 部長マニフェスト".
func headerTitle(header []string) string {
	for i, line := range header {
		if i >= 3 {
			break
		}
		rest := strings.Trim(reNonUnit.ReplaceAllString(normalize(line), ""), " #()")
		if rest != "" && len([]rune(line)) <= 40 {
			return line
		}
	}
	return ""
}

// --- published ---

func extractPublished(d doc, hints, defaults Metadata) string {
	if iso, ok := ParseDate(hints.Published); ok {
		return iso
	}
	for i, line := range d.header {
		if i >= 3 {
			break
		}
		if iso, ok := dateLine(line); ok {
			return iso
		}
	}
	if iso, ok := ParseDate(defaults.Published); ok {
		return iso
	}
	return ""
}

// dateLine accepts a header line that is a date and nothing else, perhaps
// after a label (公開日:, 更新日, 掲載日, 発行日): the date a scraped page shows
// under its title. A date inside a sentence is not a publication date.
func dateLine(line string) (string, bool) {
	s := normalize(line)
	for _, label := range []string{"公開日", "更新日", "掲載日", "発行日", "作成日", "最終更新日"} {
		s = strings.TrimPrefix(s, label)
	}
	s = strings.Trim(s, " :：()[]【】")
	if len([]rune(s)) > 16 {
		return "", false
	}
	iso, ok := ParseDate(s)
	return iso, ok && len(iso) == 10
}

// --- fiscal year --- (fiscal.go)

func validYear(y int) bool { return y >= minYear && y <= maxYear }

// referenceYear is the Western year a bare 「23年度」 is resolved against:
// the publication date, else the first era year stated in the text
// (平成23年4月, 令和5年), else the operator's default year.
func referenceYear(d doc, hints, defaults Metadata, published string) int {
	if y := yearOf(published); validYear(y) {
		return y
	}
	s := normalize(d.title + "\n" + d.body)
	for _, m := range reEraAnyYear.FindAllStringSubmatch(s, -1) {
		if y, ok := eraYear(m[1], m[2]); ok {
			return y
		}
	}
	if validYear(defaults.FiscalYear) {
		return defaults.FiscalYear
	}
	return 0
}

// resolveBare resolves a bare year against ref; without a reference, a
// number whose 令和 year would lie in the future is the 平成 year (23年度
// written before 2019), and anything else stays unknown.
func resolveBare(n, ref int) (int, bool) {
	if validYear(ref) {
		return ResolveBareYear(n, ref)
	}
	heisei := eras[1]
	if reiwa := eras[0].base + n; reiwa > currentFiscalYear()+1 && n >= 1 && n <= 31 {
		return heisei.base + n, true // 平成31年 was its last
	}
	return 0, false
}

// today is the clock the rules compare "the future" with.
var today = time.Now

func currentFiscalYear() int {
	y, _ := fiscalYearOf(today().Format("2006-01-02"))
	return y
}

func opensSpan(after string) bool {
	after = strings.TrimLeft(after, " ")
	for _, p := range []string{"から", "~", "～", "〜", "-", "‐", "－", "以降", "まで"} {
		if strings.HasPrefix(after, p) {
			return true
		}
	}
	return false
}

func closesSpan(before string) bool {
	before = strings.TrimRight(before, " ")
	for _, p := range []string{"~", "～", "〜", "-", "‐", "－", "から"} {
		if strings.HasSuffix(before, p) {
			return true
		}
	}
	return false
}
