package passage

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"seisaku/indexer/source"
)

// Headings nest by rank: a smaller rank is further out. A new heading pops
// every open heading of equal or deeper rank, then opens itself.
//
//	rank  what                                        examples from the seeds
//	10    numbered top section; Markdown #            1 重点的に取り組む主な経営課題, 2 「市政改革プラン3.1」に基づく取組等
//	20    経営課題, 事項, 重点的な取り組み：, <…>; ##    【経営課題1 …】, 事項2-③ 「区政会議」の設置など, <部長の方針・考え方>
//	      an assembly paper's item                    議案第１号：令和７年度南国市一般会計補正予算
//	30    戦略 n-n; ###                               【戦略 1-1 全庁的な企画立案機能の強化】
//	40    具体的取組 n-n-n, 【n-n-n …】; ####          【具体的取組 1-1-1 …】, 【1-1-1 多文化共生施策の推進】
//	50    any other short line wholly in 【】; #####   【広報担当】, 【室の目標(何をめざすのか)】
//	60    a short line without sentence end that      証明書のコンビニ交付サービス及び…の向上
//	      introduces a list (next block is a ListItem)
//
// A Heading block with a known Level L gets rank 10·L; with Level 0 it gets
// the rank of the pattern it matches, else 10.
const (
	rankTop      = 10
	rankIssue    = 20
	rankStrategy = 30
	rankAction   = 40
	rankBracket  = 50
	rankListHead = 60
)

// maxHeadingRunes bounds what can be a heading: longer lines are text.
const maxHeadingRunes = 80

var headingPatterns = []struct {
	rank int
	re   *regexp.Regexp
}{
	{rankTop, regexp.MustCompile(`^(重点的に取り組む主な経営課題|「市政改革プラン[^」]*」に基づく取組等)$`)},
	{rankTop, regexp.MustCompile(`^[0-9０-９]{1,2}[ 　]+[^ 　、。0-9０-９]`)},
	{rankIssue, regexp.MustCompile(`^経営課題[ 　]*[0-9０-９]+`)},
	// an assembly paper's item: the bill or report its paragraphs explain
	// (提案理由: 「議案第１号：令和７年度南国市一般会計補正予算」; see reBill)
	{rankIssue, reBill},
	{rankIssue, regexp.MustCompile(`^事項[ 　]*[0-9０-９]+[-－‐−][^ 　]`)},
	{rankIssue, regexp.MustCompile(`^重点的な取り?組み?[：:]`)},
	{rankStrategy, regexp.MustCompile(`^戦略[ 　]*[0-9０-９]+[-－‐−][0-9０-９]+`)},
	{rankAction, regexp.MustCompile(`^具体的取組[ 　]*[0-9０-９]+[-－‐−][0-9０-９]+`)},
}

// reBill is a bill, report or petition by its number and its name, named
// to its last word (a budget, an ordinance, a matter): not a row of
// results (「議案第８号　原案可決　７月３日」). It heads the paragraphs that
// explain it, as a mayor's reasons for the bills (提案理由) do; a list of
// them (a day's agenda in minutes, 「議案第３３号　平成１７年度…予算」 line
// after line) is text (headingRank).
var reBill = regexp.MustCompile(`^(議案|報告|諮問|同意|認定|発議|請願|陳情|承認)第[ 　]*[0-9０-９]+[ 　]*号[：:　 ]+[^ 　].*(予算|予算（第[0-9０-９]+号）|条例|規約|について|の件|計画|契約)$`)

// inListOfBills reports whether the block after block i, or the one
// before it, or the one before that when the one between is the rest of
// an item's name wrapped onto a second line, starts with a bill's
// number: block i is then one of a list of bills.
func inListOfBills(blocks []source.Block, i int) bool {
	starts := func(j int) bool {
		return j >= 0 && j < len(blocks) && reBillNumber.MatchString(strings.TrimSpace(blocks[j].Text))
	}
	if starts(i+1) || starts(i-1) {
		return true
	}
	// two before, when the one between is the rest of its name, not
	// the paragraph that explains it
	return i >= 1 && starts(i-2) && !strings.Contains(blocks[i-1].Text, "。") && utf8.RuneCountInString(strings.TrimSpace(blocks[i-1].Text)) <= 40
}

// hasSpeeches reports whether the blocks are minutes: their agenda names
// bills line by line, wrapped as the record sets them, and what follows a
// bill's name is the chair's speech, not its explanation.
func hasSpeeches(blocks []source.Block) bool {
	return slices.ContainsFunc(blocks, func(b source.Block) bool { return b.Speech != 0 })
}

// reBillNumber is a line that starts with a bill's number, whatever
// follows (「議案第７０号　桐生市手数料条例の一部を改正する条例案」), or with
// an agenda's item and a bill (「日程第４　議案第１８７号　…」).
var reBillNumber = regexp.MustCompile(`^(日程第[ 　]*[0-9０-９]+[ 　]*)?(議案|報告|諮問|同意|認定|発議|請願|陳情|承認)第[ 　]*[0-9０-９]+[ 　]*号`)

// bracketedAction matches 【1-1-1 多文化共生施策の推進】 once the brackets are gone.
var bracketedAction = regexp.MustCompile(`^[0-9０-９]+[-－‐−][0-9０-９]+[-－‐−][0-9０-９]+`)

// headingRank reports whether block i of blocks is a heading, with its rank
// and its breadcrumb text (【】 and <> removed, inner spacing kept).
func headingRank(blocks []source.Block, i int, text string) (rank int, label string, ok bool) {
	b := blocks[i]
	switch b.Kind {
	case source.Heading:
		inner, _ := unwrap(text)
		if b.Level > 0 {
			return 10 * b.Level, inner, true
		}
		if r, ok := patternRank(text); ok {
			return r, inner, true
		}
		return rankTop, inner, true
	case source.Paragraph, source.TableCell:
		if b.Kind == source.TableCell && holdsAmount(text) {
			return 0, "", false // a budget line (「11 | 5)都市計画費 | 13,000 | …」) is data, not an outline
		}
		if isDataLine(text, b.Kind) {
			return 0, "", false
		}
		if reBill.MatchString(text) && (inListOfBills(blocks, i) || hasSpeeches(blocks)) {
			return 0, "", false // one of a list of bills, or minutes' agenda: text
		}
		if r, ok := patternRank(text); ok {
			inner, _ := unwrap(text)
			return r, inner, true
		}
		if b.Kind == source.Paragraph && introducesList(blocks, i, text) {
			return rankListHead, text, true
		}
	}
	return 0, "", false
}

// reAmount is a table cell that is an amount: digits grouped by commas
// (13,000; △ 34,532) or four or more digits.
var reAmount = regexp.MustCompile(`^[△▲-]?\s*(?:[0-9０-９]{1,3}(?:[,，][0-9０-９]{3})+|[0-9０-９]{4,})$`)

// reFigure is a table cell that is a figure: a number, a ratio, △.
var reFigure = regexp.MustCompile(`^[△▲-]?\s*[0-9０-９][0-9０-９,，.．]*\s*(?:%|％)?$`)

// reItemNumber is an item's number before its name: 21, 1), (1).
var reItemNumber = regexp.MustCompile(`^(?:[0-9０-９]{1,3}[)）]?|[(（][0-9０-９]{1,3}[)）])$`)

// holdsAmount reports whether a table row is data: a cell is an amount,
// or the row is a name (after its item's number) and figures only, a
// budget line of small sums (「21 繰越金 | 1 | 1 | 0.0」, which opened
// the heading path of every page after it). A row that names something
// after its numbers (「２ | 19番 | １ | DX課の取組について」) is not.
func holdsAmount(row string) bool {
	cells := strings.Split(row, " | ")
	for i, c := range cells {
		c = strings.TrimSpace(c)
		cells[i] = c
		if reAmount.MatchString(c) {
			return true
		}
	}
	if len(cells) > 0 && reItemNumber.MatchString(cells[0]) {
		cells = cells[1:]
	}
	if len(cells) < 2 || !strings.ContainsFunc(cells[0], unicode.IsLetter) {
		return false
	}
	for _, c := range cells[1:] {
		if !reFigure.MatchString(c) {
			return false
		}
	}
	return true
}

// isDataLine reports whether a numbered line is a line of data or of a
// table of contents, not a heading. A heading ends in words; its number
// stands first. A data line
//   - ends in a figure (「１　天塩川　256.0」, a chart's 「50 | 47.4」, a
//     roster's 「20 | 仲間 | 均 | 22」);
//   - holds a leader (「２ | 将来人口の見通し | ・・・・・・ | 19」, a contents page);
//   - is four or more short parts, an axis (「５　月　６　月　７　月 …」), or
//     a figure and its unit (「0　人」);
//   - as a table row, holds a mark alone in a cell (「15 | 音威子府村…ときわ |
//     … | 〇 | 〇」), two figures, or ends in a cell that is a list (「7 |
//     力に関する協定… | 株式会社… | ・仮設トイレ等…の供給」).
func isDataLine(text string, kind source.BlockKind) bool {
	row := kind == source.TableCell
	var parts []string
	if row {
		parts = strings.Split(text, " | ")
	} else {
		parts = strings.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == '　' })
	}
	if len(parts) < 2 {
		return false
	}
	short, figures := 0, 0
	for i, p := range parts {
		p = strings.TrimSpace(p)
		parts[i] = p
		if utf8.RuneCountInString(p) <= 3 {
			short++
		}
		if i == 0 {
			continue // the line's number
		}
		if reLeader.MatchString(p) || row && reMark.MatchString(p) {
			return true
		}
		if reFigure.MatchString(p) {
			figures++
		}
		if !row && i < len(parts)-1 && (reAmount.MatchString(p) || reWholeNumber.MatchString(p)) {
			return true // a sum between words: a budget's 節 and its 説明 (「7　報償費　389　賃金実態調査」)
		}
	}
	last := parts[len(parts)-1]
	if len(parts) == 2 && reUnitWord.MatchString(last) {
		return true // a figure and its unit, an axis's 「0　人」
	}
	return len(parts) >= 4 && short == len(parts) ||
		row && (figures >= 2 || strings.HasPrefix(last, "・")) ||
		reFigure.MatchString(last)
}

// reWholeNumber is a number of three digits or more standing alone.
var reWholeNumber = regexp.MustCompile(`^[0-9０-９]{3,}$`)

// reUnitWord is a unit alone, as a chart's axis sets it apart from its
// figure.
var reUnitWord = regexp.MustCompile(`^(?:人|円|千円|万円|件|戸|世帯|％|%|歳|年|月|日|回|台|校|箇所)$`)

// reMark is a cell that holds a mark alone: a table's 〇 and × (a
// shelter's 「洪水 〇」), a dash for nothing, ditto marks (〃).
var reMark = regexp.MustCompile(`^(?:[〇○◯●×✕△▲◎－ー―-]|〃+)$`)

// reLeader is a run of leader dots between a contents entry and its page.
var reLeader = regexp.MustCompile(`^[・…‥.．･]{3,}$`)

// patternRank matches text against the outline patterns of the seeds.
func patternRank(text string) (int, bool) {
	if utf8.RuneCountInString(text) > maxHeadingRunes || hasSentenceEnd(text) {
		return 0, false
	}
	inner, wrap := unwrap(text)
	for _, p := range headingPatterns {
		if p.re.MatchString(inner) {
			return p.rank, true
		}
	}
	switch wrap {
	case '【':
		if bracketedAction.MatchString(inner) {
			return rankAction, true
		}
		return rankBracket, true
	case '<':
		return rankIssue, true
	}
	return 0, false
}

// unwrap removes one pair of 【】 or <>/＜＞/〈〉 around the whole text and
// reports which ('【' or '<'), or 0 when the text is not wrapped.
func unwrap(text string) (string, rune) {
	pairs := []struct {
		open, close string
		kind        rune
	}{{"【", "】", '【'}, {"<", ">", '<'}, {"＜", "＞", '<'}, {"〈", "〉", '<'}}
	for _, p := range pairs {
		if !strings.HasPrefix(text, p.open) || !strings.HasSuffix(text, p.close) {
			continue
		}
		inner := text[len(p.open) : len(text)-len(p.close)]
		if inner == "" || strings.Contains(inner, p.open) || strings.Contains(inner, p.close) {
			continue
		}
		return strings.TrimSpace(inner), p.kind
	}
	return text, 0
}

// introducesList reports whether paragraph i is a short label line that a
// list follows, as 「証明書のコンビニ交付サービス…の向上」 in seed 001.
func introducesList(blocks []source.Block, i int, text string) bool {
	if i+1 >= len(blocks) || blocks[i+1].Kind != source.ListItem {
		return false
	}
	n := utf8.RuneCountInString(text)
	return n <= 60 && n > shortRunes && !hasSentenceEnd(text) &&
		!strings.HasSuffix(text, "：") && !strings.HasSuffix(text, ":")
}

func hasSentenceEnd(s string) bool {
	return strings.ContainsAny(s, "。！？｡!?")
}
