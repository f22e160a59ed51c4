package source

// PDF layout: from positioned text runs to blocks in reading order.
//
// A PDF has no paragraphs, only glyphs placed on pages. layoutPDF rebuilds
// the structure from their geometry, page by page and then across pages:
//
//   - Lines: runs whose vertical centres fall in one band form a visual
//     line, read left to right. A horizontal gap of 0.3 em or more splits a
//     line into segments (cells), and so does a space character; a smaller gap
//     between two ASCII letters or digits is a space, and between Japanese
//     characters nothing.
//   - Page chrome: a line in the top or bottom 12% of a page that is a page
//     number (3, - 3 -, 3/10, p.3, ３ページ) is dropped, and so is one whose
//     text, with digits blanked, comes back in the same zone of at least
//     half the pages (three or more): running titles, dates, file names,
//     "1/3" footers.
//   - Tables: two or more consecutive lines of several segments are table
//     rows; each row is one TableCell block, its cells joined by " | ".
//     Cells line up: each row shares a cell edge with the row before it.
//     Other lines keep a gap as a space (桐生市長　大澤善隆).
//   - Headings: the body size is the size of most characters outside tables. A short line
//     (at most 60 characters) set at least 15% larger is a Heading; the
//     largest such size is level 1, the next 2, and so on (up to 6). A short
//     bold line in body size that does not end a sentence is a heading one
//     level below the sized ones. Numbered outline lines in body size (第1章,
//     (1), ①) stay paragraphs: the passage splitter knows them by their text.
//   - Paragraphs: a line continues the previous one (the text was wrapped at
//     the page width) when both are body lines of the same size, the
//     previous one reaches the right edge of the text (within 2.5 em: kinsoku
//     moves 「た、」 down together) and
//     does not end with 。, and the next one is not indented by half an em
//     or more and follows within 1.2 line heights; across a page break too,
//     so a sentence cut by the break is one passage. A wrapped line is
//     joined without a space between Japanese characters (a phrase that
//     crosses the wrap still matches) and with one between ASCII words.
//
// Every block keeps the page (1-based) its first line is on.

import (
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// pdfRun is one run of text as the PDF engine reports it: characters of one
// font on one line. Coordinates are in points, y growing upwards (PDF
// user space), as PDFium gives them.
type pdfRun struct {
	Text                     string
	Left, Right, Bottom, Top float64
	Size                     float64 // rendered font size in points
	Bold                     bool
	// X, Y is the character's origin on its baseline (for vertical text,
	// where the glyph box and the origin tell columns apart).
	X, Y float64
	// Obj identifies the PDF text object the character belongs to (1-based;
	// 0 when unknown): characters of one object on an even pitch are one
	// letter-spaced word, not cells.
	Obj int
	// Generated: a space PDFium inferred from a gap, not one in the PDF.
	Generated bool
}

// pdfPage is the text of one page.
type pdfPage struct {
	Height float64
	Runs   []pdfRun
}

// pdfLine is one visual line of a page.
type pdfLine struct {
	page     int // 1-based
	segs     []string
	segLeft  []float64 // where each segment starts
	segRight []float64 // where each segment ends
	seps     []string  // what stood before segment i+1: a space or an ideographic space
	left     float64
	right    float64
	top      float64
	bottom   float64
	size     float64
	bold     bool
	chrome   bool
	zone     int // -1 top, 1 bottom, 0 body
	tableRow bool
}

// text is the line as prose: the segments with what stood between them.
func (l *pdfLine) text() string {
	var b strings.Builder
	for i, s := range l.segs {
		if i > 0 {
			b.WriteString(l.seps[i-1])
		}
		b.WriteString(s)
	}
	return b.String()
}

// Layout thresholds, in em of the line's font size unless stated.
const (
	wordGapEm      = 0.3  // a gap this wide separates words or cells
	spaceGapEm     = 0.15 // a gap this wide between ASCII characters is a space
	chromeZone     = 0.12 // share of the page height at the top and bottom where running chrome lives
	headingScale   = 1.15 // a line this much larger than the body is a heading
	maxHeadingRune = 60
	rightSlackEm   = 2.5 // kinsoku: 「た、」 moves to the next line together, leaving two em
	indentEm       = 0.5
	lineGapFactor  = 1.2 // next line's top within this many line heights of the previous bottom
	cellSep        = " | "
)

// layoutPDF turns pages of runs into blocks (see the top of this file).
func layoutPDF(pages []pdfPage) []Block {
	var lines []*pdfLine
	for i, p := range pages {
		lines = append(lines, pageLines(i+1, p)...)
	}
	return layoutLines(lines, len(pages))
}

// layoutLines lays out the visual lines of a whole document (pageLines of
// each page, in page order): a reader can turn each page into lines as it
// goes and let the page's runs go.
func layoutLines(lines []*pdfLine, pages int) []Block {
	markChrome(lines, pages)
	lines = slices.DeleteFunc(lines, func(l *pdfLine) bool { return l.chrome || strings.TrimSpace(l.text()) == "" })
	markTables(lines)
	body := bodySize(lines)
	levels := headingLevels(lines, body)
	return buildBlocks(lines, body, levels)
}

// pageLines groups a page's runs into visual lines, top to bottom.
func pageLines(page int, p pdfPage) []*pdfLine {
	runs := slices.Clone(p.Runs)
	runs = slices.DeleteFunc(runs, func(r pdfRun) bool { return strings.TrimSpace(r.Text) == "" || r.Top <= r.Bottom })
	sort.SliceStable(runs, func(i, j int) bool { return center(runs[i]) > center(runs[j]) })
	var lines [][]pdfRun
	var lo float64
	for _, r := range runs {
		if n := len(lines); n > 0 && center(r) >= lo {
			lines[n-1] = append(lines[n-1], r)
			continue
		}
		lines = append(lines, []pdfRun{r})
		lo = r.Bottom
	}
	out := make([]*pdfLine, 0, len(lines))
	for _, rs := range lines {
		out = append(out, newLine(page, p.Height, rs))
	}
	return out
}

func center(r pdfRun) float64 { return (r.Top + r.Bottom) / 2 }

// newLine joins the runs of one visual line left to right. A space
// character (in the PDF, or one PDFium inferred from a gap) or a gap of
// wordGapEm or more ends a segment; the next segment keeps what stood
// between them as its separator: the space character, else an ideographic
// space between Japanese text and a space between ASCII.
func newLine(page int, height float64, rs []pdfRun) *pdfLine {
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Left < rs[j].Left })
	l := &pdfLine{page: page, left: math.Inf(1), right: math.Inf(-1), top: math.Inf(-1), bottom: math.Inf(1)}
	sizes := map[float64]int{}
	bold, chars := 0, 0
	var seg strings.Builder
	prevRight := math.Inf(-1)
	var prevRune rune
	space := ""
	endSeg := func() {
		l.segs = append(l.segs, seg.String())
		l.segRight = append(l.segRight, prevRight)
		seg.Reset()
	}
	for _, r := range rs {
		text := strings.TrimSpace(r.Text)
		if text == "" {
			if space == "" || r.Text == "　" {
				space = r.Text
			}
			continue
		}
		em := max(r.Size, 1)
		gap := r.Left - prevRight
		first, _ := utf8.DecodeRuneInString(text)
		switch {
		case seg.Len() > 0 && (space != "" || gap >= wordGapEm*em):
			endSeg()
			switch {
			case space != "":
			case prevRune < utf8.RuneSelf && first < utf8.RuneSelf:
				space = " "
			default:
				space = "　"
			}
			l.seps = append(l.seps, space)
		case seg.Len() > 0 && gap >= spaceGapEm*em && isASCIIWord(prevRune) && isASCIIWord(first):
			seg.WriteByte(' ')
		}
		space = ""
		if seg.Len() == 0 {
			l.segLeft = append(l.segLeft, r.Left)
		}
		seg.WriteString(text)
		prevRight = max(prevRight, r.Right)
		prevRune, _ = utf8.DecodeLastRuneInString(text)
		l.left = min(l.left, r.Left)
		l.right = max(l.right, r.Right)
		l.top = max(l.top, r.Top)
		l.bottom = min(l.bottom, r.Bottom)
		n := utf8.RuneCountInString(text)
		chars += n
		sizes[math.Round(r.Size*2)/2] += n
		if r.Bold {
			bold += n
		}
	}
	if seg.Len() > 0 || len(l.segs) == 0 {
		endSeg()
	}
	best := 0
	for s, n := range sizes {
		if n > best || n == best && s > l.size {
			l.size, best = s, n
		}
	}
	l.bold = bold*2 > chars
	switch {
	case height > 0 && l.bottom >= height*(1-chromeZone):
		l.zone = -1
	case height > 0 && l.top <= height*chromeZone:
		l.zone = 1
	}
	return l
}

func isASCIIWord(r rune) bool {
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// rePageNumber matches a line that is only a page number.
var rePageNumber = regexp.MustCompile(`^(?:[-−–—ー‐\s]*[0-9０-９]+[-−–—ー‐\s]*|[0-9０-９]+\s*/\s*[0-9０-９]+|[pP]\.?\s*[0-9]+|[0-9０-９]+\s*ページ|[0-9０-９]+\s*頁|[-−–—‐\s]*[ivxlcIVXLC]+[-−–—‐\s]*)$`)

var reDigits = regexp.MustCompile(`[0-9０-９]+`)

// markChrome flags page numbers and running headers and footers.
func markChrome(lines []*pdfLine, pages int) {
	type key struct {
		zone int
		text string
	}
	seen := map[key]map[int]bool{}
	for _, l := range lines {
		if l.zone == 0 {
			continue
		}
		t := strings.TrimSpace(l.text())
		if rePageNumber.MatchString(t) {
			l.chrome = true
			continue
		}
		k := key{l.zone, reDigits.ReplaceAllString(t, "#")}
		if seen[k] == nil {
			seen[k] = map[int]bool{}
		}
		seen[k][l.page] = true
	}
	if pages < 3 {
		return
	}
	for _, l := range lines {
		if l.zone == 0 || l.chrome {
			continue
		}
		t := strings.TrimSpace(l.text())
		if n := len(seen[key{l.zone, reDigits.ReplaceAllString(t, "#")}]); n*2 >= pages {
			l.chrome = true
		}
	}
}

// markTables flags runs of two or more consecutive multi-segment lines
// whose cells line up: each line shares a cell edge (left or right, past
// the first cell's start) with the line before it.
func markTables(lines []*pdfLine) {
	for i := 0; i < len(lines); {
		j := i
		for j < len(lines) && len(lines[j].segs) > 1 && (j == i || aligned(lines[j-1], lines[j])) {
			j++
		}
		if j-i >= 2 {
			for k := i; k < j; k++ {
				lines[k].tableRow = true
			}
		}
		i = max(j, i+1)
	}
}

// alignTolerance is how far (in points) two cell edges may differ and
// still be one column edge.
const alignTolerance = 2.0

func aligned(a, b *pdfLine) bool {
	if a.page != b.page {
		return false
	}
	for i := range a.segs {
		for j := range b.segs {
			if i > 0 && j > 0 && math.Abs(a.segLeft[i]-b.segLeft[j]) <= alignTolerance {
				return true
			}
			if i < len(a.segs)-1 && j < len(b.segs)-1 && math.Abs(a.segRight[i]-b.segRight[j]) <= alignTolerance {
				return true
			}
		}
	}
	return false
}

// bodySize is the font size of most characters outside tables (of all,
// when everything is a table).
func bodySize(lines []*pdfLine) float64 {
	count := map[float64]int{}
	for _, l := range lines {
		if !l.tableRow {
			count[l.size] += utf8.RuneCountInString(l.text())
		}
	}
	if len(count) == 0 {
		for _, l := range lines {
			count[l.size] += utf8.RuneCountInString(l.text())
		}
	}
	best, n := 0.0, -1
	for s, c := range count {
		if c > n || c == n && s < best {
			best, n = s, c
		}
	}
	return best
}

// headingLevels gives each heading size (larger than the body) its level.
func headingLevels(lines []*pdfLine, body float64) map[float64]int {
	var sizes []float64
	for _, l := range lines {
		if isSizedHeading(l, body) && !slices.Contains(sizes, l.size) {
			sizes = append(sizes, l.size)
		}
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(sizes)))
	levels := map[float64]int{}
	for i, s := range sizes {
		levels[s] = min(i+1, 6)
	}
	return levels
}

func isSizedHeading(l *pdfLine, body float64) bool {
	return !l.tableRow && body > 0 && l.size >= body*headingScale && utf8.RuneCountInString(l.text()) <= maxHeadingRune
}

func isBoldHeading(l *pdfLine, body float64) bool {
	t := l.text()
	return !l.tableRow && l.bold && math.Abs(l.size-body) < 0.5 && utf8.RuneCountInString(t) <= maxHeadingRune &&
		!strings.HasSuffix(t, "。")
}

// buildBlocks joins wrapped lines into paragraphs and emits blocks.
func buildBlocks(lines []*pdfLine, body float64, levels map[float64]int) []Block {
	left, right := textEdges(lines)
	var out []Block
	var cur *Block
	var text strings.Builder // cur's text: a paragraph grows a line at a time
	var prev *pdfLine
	flush := func() {
		if cur != nil {
			cur.Text = text.String()
			if strings.TrimSpace(cur.Text) != "" {
				out = append(out, *cur)
			}
		}
		cur = nil
		text.Reset()
	}
	for _, l := range lines {
		switch {
		case l.tableRow:
			flush()
			out = append(out, Block{Kind: TableCell, Text: strings.Join(l.segs, cellSep), Page: l.page})
		case isSizedHeading(l, body):
			flush()
			out = append(out, Block{Kind: Heading, Level: levels[l.size], Text: l.text(), Page: l.page})
		case isBoldHeading(l, body):
			flush()
			out = append(out, Block{Kind: Heading, Level: min(len(levels)+1, 6), Text: l.text(), Page: l.page})
		case cur != nil && continues(prev, l, left, right):
			joinWrapped(&text, l.text())
		default:
			flush()
			cur = &Block{Kind: Paragraph, Page: l.page}
			text.WriteString(l.text())
		}
		prev = l
	}
	flush()
	return out
}

// textEdges are the left and right edges of the body text per page: the
// most common line start and line end (a line that overhangs the margin
// with a closing bracket does not move the edge).
func textEdges(lines []*pdfLine) (left, right map[int]float64) {
	starts, ends := map[int]map[float64]int{}, map[int]map[float64]int{}
	for _, l := range lines {
		if l.tableRow {
			continue
		}
		if starts[l.page] == nil {
			starts[l.page], ends[l.page] = map[float64]int{}, map[float64]int{}
		}
		starts[l.page][math.Round(l.left)]++
		ends[l.page][math.Round(l.right)]++
	}
	return modes(starts), modes(ends)
}

// modes returns the most common value per page (the smallest on a tie).
func modes(m map[int]map[float64]int) map[int]float64 {
	out := map[int]float64{}
	for p, counts := range m {
		best, n := 0.0, 0
		for x, c := range counts {
			if c > n || c == n && x < best {
				best, n = x, c
			}
		}
		out[p] = best
	}
	return out
}

// continues reports whether l is the wrapped continuation of prev.
func continues(prev, l *pdfLine, left, right map[int]float64) bool {
	if prev == nil || prev.tableRow || math.Abs(prev.size-l.size) > 0.5 {
		return false
	}
	em := max(l.size, 1)
	pt := strings.TrimSpace(prev.text())
	if strings.HasSuffix(pt, "。") || prev.right < right[prev.page]-rightSlackEm*em {
		return false
	}
	if l.left > left[l.page]+indentEm*em || startsItem(l.text()) {
		return false
	}
	if l.page == prev.page {
		height := prev.top - prev.bottom
		return prev.bottom-l.top <= lineGapFactor*height
	}
	return l.page == prev.page+1
}

// startsItem reports whether a line opens a list item or numbered point.
func startsItem(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("・●○■□◆◇※①②③④⑤⑥⑦⑧⑨⑩【", r)
}

// joinWrapped joins a line wrapped at the page width to the text before it:
// no space unless both sides are ASCII words (a space, or a hyphen dropped).
// It appends to the paragraph's builder: joining by concatenation would
// copy the paragraph at every line, quadratic in a long one.
func joinWrapped(a *strings.Builder, b string) {
	s := a.String()
	last, _ := utf8.DecodeLastRuneInString(s)
	first, _ := utf8.DecodeRuneInString(b)
	if isASCIIWord(first) && (isASCIIWord(last) || last == ',' || last == '.') {
		a.WriteByte(' ')
	}
	a.WriteString(b)
}
