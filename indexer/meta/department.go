package meta

import (
	"iter"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// unitSuffixes end the name of an organisational unit, longest first so that
// 市長公室 ends at 公室 and 教育委員会事務局 at 委員会事務局.
var unitSuffixes = []string{"委員会事務局", "区役所", "委員会", "本部", "公室", "局", "部", "室", "課"}

// notUnits are words that end like a unit but name none.
var notUnits = map[string]bool{
	"一部": true, "全部": true, "内部": true, "外部": true, "幹部": true, "本部": true,
	"北部": true, "南部": true, "東部": true, "西部": true, "中部": true, "学部": true,
	"区役所": true, "市役所": true, "役所": true, "委員会": true, "部局": true, "各局": true, "各部": true,
	"会議室": true, "教室": true, "賦課": true, "日課": true, "和室": true, "事務局": true, "当局": true, "同局": true,
}

// notUnitNext are runes that, right after a suffix, show it was part of
// another word: 課題, 部分, 局面, 室内, 部門, 部品.
var notUnitNext = map[string]bool{"課題": true, "課税": true, "部分": true, "部品": true, "部門": true,
	"局面": true, "室内": true, "部会": true, "課後": true}

// reNonUnit removes what never belongs to a unit name before the search:
// fiscal years, dates and numbering.
var reNonUnit = regexp.MustCompile(`(令和|平成|昭和|[RHS])?\s*\.?\s*(元|\d+)\s*年度?|\(\d+年度\)|第\d+次`)

// departmentIn returns the top organisational unit named in s: the first
// unit in reading order, because Japanese writes the hierarchy from the top
// down (市民局総務部総務担当 → 市民局). Municipality and prefecture names are
// removed first (大阪市 政策企画室… → 政策企画室).
func departmentIn(s string) string {
	s = reNonUnit.ReplaceAllString(normalize(s), " ")
	r := []rune(removePlaces(s))
	unit := unitRunes(r)
	start := 0
	for i := 0; i < len(r); i++ {
		if !unit[i] {
			start = i + 1
			continue
		}
		for _, suf := range unitSuffixes {
			sr := []rune(suf)
			if i+len(sr) > len(r) || string(r[i:i+len(sr)]) != suf {
				continue
			}
			name := string(r[start : i+len(sr)])
			if start > 0 && cutFromWord(r, start) {
				start = i + len(sr) // 政策部 of 子ども政策部 written otherwise: no name of its own
				break
			}
			if d, ok := unitName(name, r, i+len(sr)); ok {
				return d
			}
			start = i + len(sr)
			break
		}
	}
	return ""
}

func unitName(name string, r []rune, end int) (string, bool) {
	if len([]rune(name)) < 2 || notUnits[name] || strings.HasSuffix(name, "教室") {
		return "", false
	}
	if end < len(r) {
		last := []rune(name)
		if notUnitNext[string(last[len(last)-1])+string(r[end])] {
			return "", false
		}
	}
	return name, true
}

// kanaInUnits are the hiragana words that occur inside unit names
// (こども青少年局, くらし安全課); other hiragana ends a name, so that a
// phrase such as 緑に親しもう教室 is no unit.
var kanaInUnits = []string{"こども", "子ども", "くらし", "まちづくり", "いきいき", "みどり", "子育て", "すこやか", "ふるさと", "しごと", "にぎわい", "ごみ", "住まい", "暮らし", "生きがい", "支え合い", "障がい", "すまい", "いのち", "みらい"}

// unitRunes marks the runes that may be part of a unit name: kanji,
// katakana, ー and the hiragana of kanaInUnits.
func unitRunes(r []rune) []bool {
	ok := make([]bool, len(r))
	for i, c := range r {
		ok[i] = isHan(c) || unicode.Is(unicode.Katakana, c) || c == 'ー'
	}
	s := string(r)
	for _, w := range kanaInUnits {
		at := 0 // rune index of s[off:], counted as the search moves on
		for off := 0; ; {
			j := strings.Index(s[off:], w)
			if j < 0 {
				break
			}
			at += utf8.RuneCountInString(s[off : off+j])
			n := utf8.RuneCountInString(w)
			for k := range n {
				ok[at+k] = true
			}
			at += n
			off += j + len(w)
		}
	}
	return ok
}

// removePlaces blanks out municipality and prefecture names.
func removePlaces(s string) string {
	r := []rune(s)
	for i := 0; i < len(r); {
		name, n := places.longestAt(r, i)
		if n == 0 || places.kind[name] != "" && !acceptable(r, i, n, name, places.kind[name]) {
			i++
			continue
		}
		for j := i; j < i+n; j++ {
			r[j] = ' '
		}
		i += n
	}
	return string(r)
}

// reHeadSpeaker matches the head of a municipality speaking: 市長発言, 区長発言,
// 発言者: 大澤善隆（市長）.
var reHeadSpeaker = regexp.MustCompile(`(?:^|[^副])([市区町村])(長)発言|発言者:[^\n]*\(([市区町村])(長)\)`)

// speakerDepartment recognises the two bodies a speech or minutes belong
// to when the header says so: the head's speech (市長発言, 発言者: …（区長）)
// is filed under 市長 (区長, 町長, 村長); assembly minutes
// (…議会…会議録/定例会/臨時会) are 議会.
func speakerDepartment(header []string) string {
	joined := normalize(strings.Join(header, "\n"))
	if m := reHeadSpeaker.FindStringSubmatch(joined); m != nil {
		return m[1] + m[2] + m[3] + m[4]
	}
	if reAssembly.MatchString(joined) && (strings.Contains(joined, "会議録") || strings.Contains(joined, "議事録")) {
		return "議会" // minutes; a list of bills or a schedule of the assembly names no unit
	}
	return ""
}

// reAssembly names the assembly (市議会, 町議会, 議会): not the 議会 inside
// 審議会 or 協議会, advisory and joint bodies whose 議事録 a department keeps.
var reAssembly = regexp.MustCompile(`(?:^|[^審協])議会`)

// reContactLabel matches a contact line: 問合せ：…, 問い合わせ先：…,
// 申込み・問合せ：…, お問い合わせ：… (at most a short lead before the label).
var reContactLabel = regexp.MustCompile(`^[^:。]{0,24}?(?:お)?問い?合わ?せ(?:先)?[】\]]?\s*:\s*(.*)$`)

// reInsideUnit is a unit an outside body sits in: 市国際交流協会事務局(本庁国際課内).
var reInsideUnit = regexp.MustCompile(`([^()、]{2,20}?[課室])内\)`)

// notCityUnit marks contacts that are not the municipality's own units:
// associations, committees of volunteers, national and prefectural offices,
// companies, people. Words that also name a city's own units are kept out:
// 年金 alone (保険年金課), 地方 alone (地方創生課), 省 before エ (省エネルギー推進課).
var notCityUnit = regexp.MustCompile(`協会|協議会|実行委員会|連合|連盟|医師会|法人|組合|会社|財団|事業団|公社|機構|クラブ|大学|支部|商工会|振興会|法務局|通信局|財務局|運輸局|整備局|労働局|国税局|警察|税務署|監督署|年金事務所|年金機構|事務所|ハローワーク|運営委員会|地方(?:裁判|検察|気象)|気象台|^[県同]|県立|県庁|省(?:$|[^エ力略])`)

// reContactLead is what may stand before the unit: 《本庁》, 〔支所〕, <窓口>.
var reContactLead = regexp.MustCompile(`^(《[^》]*》|〔[^〕]*〕|<[^>]*>)`)

// wordAfterCity are the runes that make a leading 市 or 区 part of the unit's
// own name (市民協働推進課, 市街地整備課, 区画整理課), not the city's.
const wordAfterCity = "民立街場内外営税長政画域分議役"

// contactUnitSuffixes end the unit a contact line names; the first one in
// the name ends the highest unit (市保健所健康づくり課 → 保健所).
var contactUnitSuffixes = append([]string{"保健所"}, unitSuffixes...)

// bodyContactDepartment is the unit the document's contact lines name
// (問合せ：本庁防災推進課【電話】…, or the lines under a bare 問合せ：), when
// more than half of all its contacts name the same one of the
// municipality's own units (an outside body's contact counts for none). city is the document's city, stripped from the names; a
// contact naming another municipality is not this one's.
func bodyContactDepartment(body, city string) string {
	count := map[string]int{}
	total := 0
	lines := strings.Split(body, "\n")
	for i := 0; i < len(lines); i++ {
		m := reContactLabel.FindStringSubmatch(normalize(strings.TrimSpace(lines[i])))
		if m == nil {
			continue
		}
		var contacts []string
		if first := strings.TrimSpace(m[1]); first != "" {
			contacts = append(contacts, first)
		} else {
			for j := i + 1; j < len(lines) && j <= i+8; j++ {
				t := normalize(strings.TrimSpace(lines[j]))
				if !strings.Contains(t, "電話") && !strings.Contains(t, "TEL") || utf8.RuneCountInString(t) > 80 || strings.HasPrefix(t, "■") || reContactLabel.MatchString(t) {
					break
				}
				contacts = append(contacts, t)
			}
		}
		for _, c := range contacts {
			total++ // an outside body's contact is a vote for no unit
			if u := contactUnit(c, city); u != "" {
				count[u]++
			}
		}
	}
	for u, n := range count {
		if 2*n > total {
			return u
		}
	}
	return ""
}

// contactUnit reads the unit one contact names: up to the phone or a
// separator, without 本庁, 市 or the city's name in front; "" when it is
// no unit of the municipality.
func contactUnit(c, city string) string {
	if m := reInsideUnit.FindStringSubmatch(c); m != nil {
		c = m[1]
	}
	if i := strings.LastIndex(c, "…"); i >= 0 {
		c = c[i+len("…"):] // 婚活支援事業について…本庁移住定住推進室
	}
	c = strings.TrimSpace(reContactLead.ReplaceAllString(c, ""))
	if i := strings.IndexAny(c, "【(（、,・ 　☎"); i >= 0 {
		c = c[:i]
	}
	c, _, _ = strings.Cut(c, "電話")
	c, _, _ = strings.Cut(c, "TEL")
	if city != "" {
		c = strings.TrimPrefix(c, city)
	}
	for _, p := range []string{"本庁", "市役所", "区役所", "市", "区"} {
		r, ok := strings.CutPrefix(c, p)
		if next, _ := utf8.DecodeRuneInString(r); ok && utf8.RuneCountInString(r) >= 3 && !(len(p) == len("市") && strings.ContainsRune(wordAfterCity, next)) {
			c = r
			break
		}
	}
	if c == "" || utf8.RuneCountInString(c) > 24 || notCityUnit.MatchString(c) {
		return ""
	}
	if strings.HasSuffix(c, "事務局") && !strings.HasSuffix(c, "委員会事務局") && !strings.HasSuffix(c, "議会事務局") {
		return "" // an association's or event's office (…アンサンブル事務局)
	}
	r := []rune(c)
	if ms, ps := scanPlaces(c); len(ms) > 0 || len(ps) > 0 {
		return "" // another municipality's or a prefecture's unit
	}
	for i := range r {
		for _, suf := range contactUnitSuffixes {
			sr := []rune(suf)
			if i+len(sr) > len(r) || string(r[i:i+len(sr)]) != suf {
				continue
			}
			if name, ok := unitName(string(r[:i+len(sr)]), r, i+len(sr)); ok && i+len(sr) >= 3 {
				return name
			}
		}
	}
	return ""
}

// particles are the hiragana after which a new word, and so a unit's
// name, may start (市の政策部, 教育委員会と福祉部).
var particles = "のをにはがでとやへ"

// cutFromWord reports whether the name starting at r[start] continues a
// word before it: a hiragana that is not a particle (子ども|政策部 read
// without 子ども). Names start after a space, punctuation, a line start,
// a place name (blanked before) or a particle.
func cutFromWord(r []rune, start int) bool {
	prev := r[start-1]
	return unicode.Is(unicode.Hiragana, prev) && !strings.ContainsRune(particles, prev)
}

// reOrgLine is a line that only names who issues the document: the
// city, its units top-down, perhaps a date and 作成/発行/担当 (三鷹市 子ども政策部
// 子育て支援課; 市民文化局 人権・男女共同参画室; 令和８年５月27日 財政課作成).
var reOrgLabel = regexp.MustCompile(`^(作成|発行|編集|担当|作成者|発行者|所管|所属)[:：]?$|(作成|発行|編集|担当)$`)

// organisationLine is the unit an issuer line of the header names: every word of it is a unit, the city, a date or a label;
// the first unit is the highest. "" when no such line names one.
func organisationLine(d doc, city string) (string, string) {
	for _, l := range d.header {
		if dep := orgLineUnit(l, city); dep != "" {
			return dep, l
		}
	}
	return "", ""
}

func orgLineUnit(l, city string) string {
	n := normalize(strings.TrimLeft(l, "#* "))
	if n == "" || utf8.RuneCountInString(n) > 40 || strings.Contains(n, " | ") {
		return ""
	}
	if iso, ok := ParseDate(n); ok && iso != "" {
		n = reDateWestern.ReplaceAllString(reDateEra.ReplaceAllString(n, " "), " ")
	}
	words := strings.Fields(strings.NewReplacer("　", " ").Replace(n))
	var units []string
	for _, w := range words {
		if label, value, ok := cutLabel(w); ok {
			if !reIssuerLabel.MatchString(label) {
				return "" // 主催：…, 会場：…: the line says more than who issues it
			}
			if w = value; w == "" {
				continue
			}
		}
		if len(units) > 0 && reLowerUnit.MatchString(w) && utf8.RuneCountInString(w) <= 20 {
			continue // こころの健康センター under its 局 and 部: a unit below the one found
		}
		rest := strings.TrimSpace(removePlaces(w))
		if rest == "" || rest == "役所" || rest == "役場" || rest == "本庁" {
			continue // the city, 〇〇市役所
		}
		rest = strings.TrimPrefix(rest, "本庁")
		if strings.ContainsAny(rest, "0123456789") {
			return "" // a room, a floor, a phone number: no unit
		}
		if reOrgLabel.MatchString(rest) {
			rest = reOrgLabel.ReplaceAllString(rest, "")
			if rest == "" {
				continue
			}
		}
		u := departmentIn(rest)
		if u == "" || !endsInUnit(rest) {
			return "" // a word that is no unit: the line says more than who issues it
		}
		units = append(units, u)
	}
	if len(units) == 0 {
		return ""
	}
	return units[0]
}

// reIssuerLabel is the label of an issuer's field: 発行, 編集, 作成, 担当,
// 所管 and their forms (発行者, 編集・発行, 担当課, 所管部署, 契約担当課).
var reIssuerLabel = regexp.MustCompile(`^\S{0,4}?(編集・?発行|発行・?編集|発行|編集|作成|担当|所管|主管)(者|元|部署|部局|部課|課|部|局)?$`)

// reLowerUnit is a unit below a 課 or 部 (センター, 事務所, 係, 担当,
// グループ, チーム, 班), named after it in an issuer line.
var reLowerUnit = regexp.MustCompile(`(センター|事務所|係|担当|グループ|チーム|班)$`)

// cutLabel splits a field written label：value or label／value (発行／富良野市,
// 担当課：企画課).
func cutLabel(w string) (label, value string, ok bool) {
	i := strings.IndexAny(w, ":/")
	if i <= 0 || utf8.RuneCountInString(w[:i]) > 8 {
		return "", "", false
	}
	return w[:i], strings.TrimSpace(w[i+1:]), true
}

// reUnitField is a form's label for the unit in charge: 所管部, 所管課,
// 担当課, 担当部署, 主管課, 所属, 課名.
var reUnitField = regexp.MustCompile(`^(所管|担当|主管)(部署|部局|部課|局|部|室|課)?(名)?$|^所属$|^(部|局|課)名$`)

// fieldDepartment is the unit a form names in its labelled fields among
// its first lines (所管部 | 都市整備部 | 所管課 | 交通政策課; 担当課：企画課):
// the first is the highest, as forms list 部 before 課. An outside body
// (協議会, 実行委員会) counts for none.
func fieldDepartment(d doc) string {
	for cells := range formCells(d, reUnitField.MatchString) {
		for i := 0; i+1 < len(cells); i++ {
			if !reUnitField.MatchString(cells[i]) {
				continue
			}
			v := strings.TrimSpace(removePlaces(cells[i+1]))
			if v == "" || notCityUnit.MatchString(v) || strings.ContainsAny(v, "0123456789") {
				continue
			}
			if u := departmentIn(v); u != "" {
				return u
			}
		}
	}
	return ""
}

// formCells yields the cells of each of a document's first coverLines
// lines, as a form lays its fields out: 「所管部 | 都市整備部」 as they are,
// and a cell 「担当課：企画課」 whose label isLabel accepts as its label and
// its value, so that a label is always followed by its value.
func formCells(d doc, isLabel func(string) bool) iter.Seq[[]string] {
	return func(yield func([]string) bool) {
		n := 0
		for _, line := range strings.Split(d.body, "\n") {
			t := strings.TrimSpace(normalize(line))
			if t == "" {
				continue
			}
			if n++; n > coverLines {
				return
			}
			var cells []string
			for _, c := range strings.Split(t, " | ") {
				if label, value, ok := cutLabel(strings.TrimSpace(c)); ok && isLabel(label) {
					cells = append(cells, label, value)
				} else {
					cells = append(cells, strings.TrimSpace(c))
				}
			}
			if !yield(cells) {
				return
			}
		}
	}
}

// endsInUnit: a word that ends in a unit suffix (人権・男女共同参画室).
func endsInUnit(w string) bool {
	for _, suf := range contactUnitSuffixes {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// reSignature is the head signing a speech on its cover or at its end:
// 延岡市長 三浦 久知, 〇〇町長　山田太郎.
var reSignature = regexp.MustCompile(`^\S{0,10}?([市区町村])長\s+\S{1,5}(\s+\S{1,5})?$`)

// reHeadSpeech names the speeches a head gives the assembly: 施政方針,
// 所信表明, 市政運営の方針 or 市政運営方針, 町政執行方針 (the name in
// Hokkaido), 提案理由.
var reHeadSpeech = regexp.MustCompile(`施政方針|所信|運営の?方針|執行方針|提案理由`)

// signatureDepartment files a speech (施政方針, 所信表明, 予算説明) its head
// signs under 市長 (区長, 町長, 村長).
func signatureDepartment(d doc) string {
	if !reHeadSpeech.MatchString(d.kindText()) {
		return ""
	}
	for _, l := range d.header {
		if m := reSignature.FindStringSubmatch(strings.TrimSpace(normalize(l))); m != nil && !strings.Contains(l, "副") {
			return m[1] + "長"
		}
	}
	return ""
}
