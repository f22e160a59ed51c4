package source

// PDF layout: from positioned text runs to blocks in reading order.
//
// A PDF has no paragraphs, only glyphs placed on pages. layoutPDF rebuilds
// the structure from their geometry, page by page and then across pages:
//
//   - Overprints: a character drawn again within 0.15 em (and a third of its
//     width) of where it already stands, a fake bold's second and third
//     printing, is dropped (see dropOverprints).
//   - Vertical text (縦書き): PDFium reports no rotation, but the character
//     origins are right. A glyph whose nearest glyph below it (same size,
//     same x) is within 1.3 em and nearer than the nearest glyph beside it
//     links to it; chains of three or more are columns, read top to bottom.
//     Columns side by side are a block read right to left; a column
//     continues the one to its right when it starts as high and the other
//     ran to the bottom without 。.
//   - Lines: the other glyphs group by baseline (within 0.3 em), read left
//     to right. A gap of 0.3 em or more or an ideographic space splits a
//     line into segments (cells); a space PDFium generated in a smaller gap
//     (justified text) is dropped, and between ASCII words is a space.
//   - Letter-spacing (均等割付), as Japanese typesetting sets it: a word's
//     characters spread over a width, each alone between gaps, all of one
//     size, their origins on an even pitch larger than their advance. So
//     three or more single letters of one size on an even pitch (within
//     0.1 em; up to 10 em, a cell's width) are one word: 「施政方針・予算説明」,
//     「教員住宅浴室改修工事」; two are one when they stand apart as a pair
//     or a typed space between them was spread (「件名」). Phrases of several
//     characters either side of a gap (「桐生市長　大澤善隆」), cells of
//     several characters and ASCII are never joined. Two letters after an
//     item's number in their cell are one name spread over it, up to 20
//     em (「1　市　　　債」, see numberedPair). A number joins the
//     Japanese around it across 和欧間 gaps under 0.6 em (「議案第67号」,
//     「12月13日」) unless it ends a cell. The rule needs only geometry: a
//     run's text object (Obj) is not used, as the engine may not know it.
//   - Rows whose cells wrap: lines whose baselines are closer than 0.9 em
//     overlap, which lines of text never do: they are one table row (a
//     件名 on two lines, the number and result centred between them) when
//     they share some horizontal extent (a title boxed beside a table's
//     first row does not), and
//     their pieces that overlap horizontally are one cell, read top to
//     bottom.
//   - Page chrome: a line in the top or bottom 12% of a page that is a page
//     number (3, - 3 -, 3/10, p.3, ３ページ) is dropped, and so is one whose
//     text, with digits blanked, comes back in the same zone of at least
//     half the pages (three or more): running titles, dates, file names,
//     "1/3" footers.
//   - Tables: two or more consecutive lines of several segments are table
//     rows; each row is one TableCell block, its cells joined by " | ".
//     Cells line up: each row shares a cell edge with the row before it.
//     A table's first row is its header when its cells are short labels
//     (see isHeaderRow: no digit, no sentence, no list item); the rows below carry it in Block.Header (and keep it
//     when the table goes on at the top of the next page with as many
//     cells), and the passage splitter puts it last in their heading path.
//     A short line right above a table is its caption, a heading
//     (「第１表　歳入歳出予算補正」). A table printed across two facing
//     pages (the 款・項 on the left page, their amounts on the right, on
//     one row grid) is one table on the left page (see joinSpreads). A
//     budget line's item number and name are one cell, and a line
//     indented under another (a 項 under its 款) carries that line's
//     label in Block.Within (see within). Other lines keep a gap as a space
//     (桐生市長　大澤善隆); a line with a gap of 1.2 em or more is no
//     wrapped prose. A line of column labels spaced as cells right above
//     a table is its first row, so its header. In a table's rows, two single
//     letters are one cell when another row runs across their gap (a word
//     spread over its cell, see joinSpreadPairs), and a unit in a cell of
//     its own joins the figure before it, as one set over its figure in a
//     wrapped cell does (「2,050,134千円」). A label and one clause
//     (「２ | 職員数については、…」) is a note, no row. A line spaced as cells
//     is no caption.
//   - Headings: the body size is the size of most characters outside tables. A short line
//     (at most 60 characters) set at least 15% larger is a Heading; the
//     largest such size is level 1, the next 2, and so on (up to 6). A short
//     bold line in body size that does not end a sentence is a heading one
//     level below the sized ones. Numbered outline lines in body size (第1章,
//     (1), ①) stay paragraphs: the passage splitter knows them by their text.
//     A figure (with its unit, 「200人」, 「１億2,808万人」), a bullet line and a
//     large line with two or more cell gaps (a chart's legend) head nothing.
//   - Paragraphs: a line continues the previous one (the text was wrapped at
//     the page width) when both are body lines of the same size, the
//     previous one reaches the right edge of the text (within 2.5 em: kinsoku
//     moves 「た、」 down together) and
//     does not end with 。, and the next one is not indented by half an em
//     or more and follows within 1.2 line heights; across a page break too,
//     so a sentence cut by the break is one passage. A numbered item or
//     note wraps with a hanging indent: a line set in from the item's label
//     and not past its text (or where the line before began) continues it
//     when the item runs to the margin the widest lines reach (see hangs). A wrapped line is
//     joined without a space between Japanese characters (a phrase that
//     crosses the wrap still matches) and with one between ASCII words.
//
// Every block keeps the page (1-based) its first line is on.

import (
	"cmp"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
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
	// Up: the glyph is turned a quarter left, so that its text runs up
	// the page (rotated text, 「令和４年度…予算」 along a cover's spine);
	// a column of such glyphs reads bottom to top.
	Up bool
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
	vertical bool    // a column of vertical text (縦書き), read top to bottom
	band     bool    // a table row made of lines closer than lines can be (cells that wrap)
	article  bool    // a column of vertical text among three or more of its size side by side: body text, not a heading
	col      int     // the text column of the page the line is in (0: the page's width; see columnOrder)
	spread   bool    // a row of a table printed across two facing pages, joined (see joinSpreads)
	leading  float64 // the gap between the lines of a paragraph in the document, in line heights (setLeading); 0 unknown
	boldPage bool    // most of the page's body-size text is bold: bold stresses nothing there (markBoldPages)
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
	mixedGapEm     = 0.6  // between Japanese and ASCII: 「議案第 67 号」 is one word
	spaceGapEm     = 0.15 // a gap this wide between ASCII characters is a space
	chromeZone     = 0.12 // share of the page height at the top and bottom where running chrome lives
	headingScale   = 1.15 // a line this much larger than the body is a heading
	maxHeadingRune = 60
	rightSlackEm   = 2.5 // kinsoku: 「た、」 moves to the next line together, leaving two em
	indentEm       = 0.5
	lineGapFactor  = 1.2 // next line's top within this many line heights of the previous bottom
	leadingSlack   = 0.2 // or within the document's leading (setLeading) and this much more
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
	lines = joinSpreads(lines)
	markTables(lines)
	body := bodySize(lines)
	markBoldPages(lines, body)
	levels := headingLevels(lines, body)
	return buildBlocks(lines, body, levels)
}

// markBoldPages marks the lines of pages where most of the text in the
// body's size is bold (a budget book set in a bold face throughout, its
// 節 rows and 説明 lines all bold, as 富士市's and 南国市's are): bold is
// the page's type there and stresses nothing: a bold line heads only when
// it names a division of a budget, the 款 and 項 every 予算書 is divided
// by (地方自治法施行規則: 「款　1.国民健康保険税　項　1.国民健康保険税」),
// and not a row of the page's table (「7　報償費　389　賃金実態調査」,
// 「事務補助　4人」) or an item of a list set in the same bold
// (「（１）石垣市が取り組むフレイル予防について」).
func markBoldPages(lines []*pdfLine, body float64) {
	bold, all := map[int]int{}, map[int]int{}
	for _, l := range lines {
		if math.Abs(l.size-body) >= 0.5 {
			continue
		}
		n := utf8.RuneCountInString(l.text())
		all[l.page] += n
		if l.bold {
			bold[l.page] += n
		}
	}
	for _, l := range lines {
		l.boldPage = all[l.page] > 0 && bold[l.page]*2 > all[l.page]
	}

}

// pageLines turns a page's runs into visual lines in reading order:
// vertical columns are taken out first (see verticalColumns), the rest is
// grouped into horizontal lines by baseline, and lines whose baselines are
// closer than a line can be to another (the lines of a table row whose
// cells wrap, see bandGroups) are one row.
func pageLines(page int, p pdfPage) []*pdfLine {
	nsp := 0
	for _, r := range p.Runs {
		if r.Text != "" && blank(r.Text) {
			nsp++
		}
	}
	glyphs := make([]pdfRun, 0, len(p.Runs)-nsp)
	spaces := make([]pdfRun, 0, nsp)
	for _, r := range p.Runs {
		switch {
		case r.Top <= r.Bottom || r.Text == "":
		case blank(r.Text):
			spaces = append(spaces, r)
		default:
			glyphs = append(glyphs, r)
		}
	}
	glyphs = dropOverprints(glyphs)
	cols, glyphs := verticalColumns(page, p.Height, glyphs)
	groups := baselineGroups(glyphs, spaces)
	groups, colOf := columnOrder(groups)
	var lines []*pdfLine
	for i := 0; i < len(groups); {
		j := i + 1
		for j < len(groups) && colOf[j] == colOf[i] {
			j++
		}
		for _, band := range bandGroups(groups[i:j]) {
			var l *pdfLine
			if len(band) == 1 {
				l = newLine(page, p.Height, band[0])
			} else {
				l = bandRow(page, p.Height, band)
			}
			l.col = colOf[i]
			lines = append(lines, l)
		}
		i = j
	}
	return mergeVertical(lines, cols)
}

// overprintEm: a glyph drawn again this close to where the same
// character already stands (in em of its size, and within a third of its
// width) is an overprint.
const overprintEm = 0.15

// dropOverprints keeps one of each character drawn several times at
// nearly one place: a heading made bold by printing its text two or three
// times a fraction of a point apart (「人人人口口口ビビビジジジョョョン」 for
// 人口ビジョン, as a word processor's shadow or a fake bold gives it), or a
// text layer laid twice. The first drawn is kept, in the page's order.
// Each glyph is filed under its character and the cell of a grid of twice
// the tolerance it stands in; a later glyph looks in the four cells its
// tolerance reaches.
func dropOverprints(glyphs []pdfRun) []pdfRun {
	cells := overprintCells.Get().(map[uint64]int32)
	defer func() { clear(cells); overprintCells.Put(cells) }()
	out := glyphs[:0] // in place: a glyph kept is written at or before where it was read
	for _, g := range glyphs {
		r, n := utf8.DecodeRuneInString(g.Text)
		if g.Text == "." || n != len(g.Text) {
			// PDFium gives 「…」 as three dots on one box; a run of several
			// characters is no glyph
			out = append(out, g)
			continue
		}
		size := max(g.Size, 1)
		q := overprintEm * size
		// cells of twice the tolerance: what lies within it is in this cell
		// or the one beside the nearer edge
		fx, fy := g.X/(2*q), g.Y/(2*q)
		kx, ky := int64(math.Floor(fx)), int64(math.Floor(fy))
		nx, ny := kx+1, ky+1 // the neighbour cell the tolerance reaches
		if fx-float64(kx) < 0.5 {
			nx = kx - 1
		}
		if fy-float64(ky) < 0.5 {
			ny = ky - 1
		}
		key := func(x, y int64) uint64 {
			return uint64(r)<<42 | uint64(x&0x1FFFFF)<<21 | uint64(y&0x1FFFFF)
		}
		dup := false
		for _, k := range [4]uint64{key(kx, ky), key(nx, ky), key(kx, ny), key(nx, ny)} {
			if i, ok := cells[k]; ok {
				o := out[i]
				if math.Abs(o.X-g.X) <= min(q, (g.Right-g.Left)/3) && math.Abs(o.Y-g.Y) <= q && math.Abs(o.Size-g.Size) <= q {
					dup = true
					break
				}
			}
		}
		if dup {
			continue
		}
		cells[key(kx, ky)] = int32(len(out))
		out = append(out, g)
	}
	return out
}

var overprintCells = sync.Pool{New: func() any { return map[uint64]int32{} }}

// Vertical text (縦書き) limits, in em.
const (
	columnTolEm  = 0.2 // characters of one column have origins this close in x
	punctTolEm   = 0.6 // 、。 as close as this
	minStackEm   = 0.6 // consecutive characters of a column stand this far apart in y…
	maxStackEm   = 1.3 // …and no farther
	stackRatio   = 1.15
	minColumnLen = 3
)

// verticalColumns takes the columns of vertical text out of a page's
// glyphs. In vertical text a character's next one stands below it, one em
// (plus any tracking) down on the same x, while the nearest character on
// its baseline belongs to the next column, a line pitch away; in
// horizontal text the next character is beside it, one em away, and the
// one below is a line pitch down. So a glyph whose nearest glyph below (of
// its size, on its x) is within maxStackEm and nearer than stackRatio times
// the nearest glyph beside it links to it, and chains of minColumnLen or
// more linked glyphs are columns, read top to bottom.
// stackedInStream reports whether some minColumnLen characters in a row of
// the page's content stream stand one above the other, as a column of
// vertical text is written (PDFium may give a column's pieces in reverse,
// but each piece's characters follow each other). A page without any is
// horizontal: the search for columns, which looks at every character near
// each character's x (on a horizontal page: the same place on every line),
// is left out.
func stackedInStream(glyphs []pdfRun) bool {
	run := 0
	for i := 1; i < len(glyphs); i++ {
		a, b := glyphs[i-1], glyphs[i]
		em := max(a.Size, 1)
		dy := math.Abs(baseline(a) - baseline(b))
		if math.Abs(originX(a)-originX(b)) <= punctTolEm*em && dy >= minStackEm*em && dy <= maxStackEm*em {
			if run++; run >= minColumnLen-1 {
				return true
			}
			continue
		}
		run = 0
	}
	return false
}

// originX is a character's origin, or its box's left edge where the engine
// gave no origin.
func originX(r pdfRun) float64 {
	if r.X != 0 || r.Y != 0 {
		return r.X
	}
	return r.Left
}

func verticalColumns(page int, height float64, glyphs []pdfRun) (cols []*pdfLine, rest []pdfRun) {
	n := len(glyphs)
	if n < minColumnLen || !stackedInStream(glyphs) {
		return nil, glyphs
	}
	ox := originX
	byX := make([]int, n)
	byY := make([]int, n)
	for i := range n {
		byX[i], byY[i] = i, i
	}
	sort.Slice(byX, func(a, b int) bool { return ox(glyphs[byX[a]]) < ox(glyphs[byX[b]]) })
	sort.Slice(byY, func(a, b int) bool { return baseline(glyphs[byY[a]]) < baseline(glyphs[byY[b]]) })
	xs := make([]float64, n)
	ys := make([]float64, n)
	for k := range n {
		xs[k] = ox(glyphs[byX[k]])
		ys[k] = baseline(glyphs[byY[k]])
	}
	link := make([]int, n)
	linked := make([]bool, n)
	punct := make([]bool, n)
	base := make([]float64, n)
	for i, r := range glyphs {
		punct[i], base[i] = isPunct(r.Text), baseline(r)
	}
	for i, r := range glyphs {
		link[i] = -1
		em := max(r.Size, 1)
		x, y := ox(r), base[i]
		below, dy := -1, math.Inf(1)
		// every glyph near x is a candidate: on a horizontal page that is
		// the same place on every line, so the cheap tests come first
		for k := sort.SearchFloat64s(xs, x-punctTolEm*em); k < n && xs[k] <= x+punctTolEm*em; k++ {
			j := byX[k]
			d := y - base[j]
			if j == i || d < minStackEm*em || d > maxStackEm*em || d >= dy {
				continue
			}
			if math.Abs(xs[k]-x) > columnTolEm*em && !punct[j] && !punct[i] {
				continue // punctuation sits off the column's axis in some fonts
			}
			if math.Abs(glyphs[j].Size-r.Size) <= 0.15*em {
				below, dy = j, d
			}
		}
		if below < 0 {
			continue
		}
		dx := math.Inf(1)
		for k := sort.SearchFloat64s(ys, y-columnTolEm*em); k < n && ys[k] <= y+columnTolEm*em; k++ {
			if j := byY[k]; j != i {
				dx = min(dx, math.Abs(ox(glyphs[j])-x))
			}
		}
		if dx > stackRatio*dy {
			link[i] = below
			linked[below] = true
		}
	}
	used := make([]bool, n)
	var chains [][]int
	for i := range n {
		if linked[i] || link[i] < 0 {
			continue
		}
		var chain []int
		for j := i; j >= 0 && !used[j]; j = link[j] {
			chain = append(chain, j)
			used[j] = true
		}
		chains = append(chains, chain)
	}
	var short [][]int
	for _, chain := range sideways(glyphs, base, byY, ys, joinColumnPieces(glyphs, base, chains)) {
		if runsUp(glyphs, chain) {
			slices.Reverse(chain) // rotated text: read from its foot
		}
		if len(chain) < minColumnLen {
			if len(chain) == 2 {
				short = append(short, chain)
			}
			for _, j := range chain {
				used[j] = false
			}
			continue
		}
		cols = append(cols, columnLine(page, height, glyphs, chain))
	}
	// a paragraph's last column may hold two characters: one when it
	// stands beside a column whose top is level with its own
	for _, chain := range short {
		c := columnLine(page, height, glyphs, chain)
		if slices.ContainsFunc(cols, func(d *pdfLine) bool {
			em := max(d.size, 1)
			return d.left > c.left && d.left-c.right <= 3*em && math.Abs(d.top-c.top) <= 0.5*em
		}) {
			cols = append(cols, c)
			for _, j := range chain {
				used[j] = true
			}
		}
	}
	for i, r := range glyphs {
		if !used[i] {
			rest = append(rest, r)
		}
	}
	return cols, rest
}

// joinColumnPieces joins the pieces of one column of vertical text that
// the links left apart. Brackets and punctuation in vertical text are set
// in half an em or less (「」、。 stand in a corner of their box), so a
// character after 」 or before 「 may stand nearer than minStackEm to it,
// or off the column's axis, and the column falls into two chains: 「…必要な
// 線区」」 then 「、いわゆる…」, or 「題となっています。これまでの」 then
// 「「乗って…」. A piece that starts just below another's end (no farther than
// maxStackEm), on the same axis and in the same size, continues it, when
// one of the two is a column of its own (minColumnLen): two characters
// over two in a table's wrapped cells (「水道」 over 「（戸数）」, row after
// row) stay apart. Chains are taken top down, so each joins the nearest
// piece above it.
func joinColumnPieces(glyphs []pdfRun, base []float64, chains [][]int) [][]int {
	if len(chains) < 2 {
		return chains
	}
	// the axis of a chain: the origin of its first character that is no
	// bracket or punctuation
	axis := func(c []int) float64 {
		for _, j := range c {
			if !isPunct(glyphs[j].Text) && !isBracket(glyphs[j].Text) {
				return originX(glyphs[j])
			}
		}
		return originX(glyphs[c[0]])
	}
	type piece struct {
		x, em, size float64
		chain       []int
		joined      bool // part of a piece above it
	}
	ps := make([]*piece, len(chains))
	for i, c := range chains {
		r := glyphs[c[0]]
		ps[i] = &piece{x: axis(c), em: max(r.Size, 1), size: r.Size, chain: c}
	}
	down := slices.Clone(ps)
	sort.SliceStable(down, func(a, b int) bool { return base[down[a].chain[0]] > base[down[b].chain[0]] })
	var out []*piece
	for _, p := range down {
		top := base[p.chain[0]]
		var best *piece
		gap := math.Inf(1)
		for _, q := range out {
			d := base[q.chain[len(q.chain)-1]] - top
			if d > 0 && d <= maxStackEm*p.em && d < gap && math.Abs(q.x-p.x) <= columnTolEm*p.em &&
				max(len(q.chain), len(p.chain)) >= minColumnLen &&
				math.Abs(q.size-p.size) <= 0.15*p.em {
				best, gap = q, d
			}
		}
		if best != nil {
			best.chain = append(best.chain, p.chain...)
			p.joined = true
			continue
		}
		out = append(out, p)
	}
	// the pieces keep the order they came in, which the reading order
	// of columns at the same x follows
	var joined [][]int
	for _, p := range ps {
		if !p.joined {
			joined = append(joined, p.chain)
		}
	}
	return joined
}

// sideways puts into each chain the figures and letters set side by side
// on one of its characters' places (縦中横: 「11月11日」, 「10ｃｍ」 in a
// column, two or three digits across the column's width). Only one of them
// stands on the column's axis and links; the others, left out, would turn
// 11月11日 into 1月1日. A letter or digit of the chain takes the letters and
// digits that share its baseline and touch it or each other, and the run
// reads left to right.
func sideways(glyphs []pdfRun, base []float64, byY []int, ys []float64, chains [][]int) [][]int {
	in := make([]bool, len(glyphs))
	for _, c := range chains {
		for _, j := range c {
			in[j] = true
		}
	}
	narrow := func(s string) bool {
		r, _ := utf8.DecodeRuneInString(strings.TrimSpace(s))
		return r < utf8.RuneSelf && (unicode.IsDigit(r) || unicode.IsLetter(r)) ||
			r >= '０' && r <= '９' || r >= 'Ａ' && r <= 'Ｚ' || r >= 'ａ' && r <= 'ｚ'
	}
	for ci, c := range chains {
		var out []int
		changed := false
		for _, j := range c {
			r := glyphs[j]
			if !narrow(r.Text) {
				out = append(out, j)
				continue
			}
			em := max(r.Size, 1)
			run := []int{j}
			left, right := r.Left, r.Right
			for grew := true; grew; {
				grew = false
				for k := sort.SearchFloat64s(ys, base[j]-0.25*em); k < len(ys) && ys[k] <= base[j]+0.25*em; k++ {
					g := byY[k]
					q := glyphs[g]
					if in[g] || !narrow(q.Text) || math.Abs(q.Size-r.Size) > 0.15*em ||
						q.Left > right+0.3*em || q.Right < left-0.3*em {
						continue
					}
					run = append(run, g)
					in[g], grew = true, true
					left, right = min(left, q.Left), max(right, q.Right)
				}
			}
			if len(run) > 1 {
				sort.Slice(run, func(a, b int) bool { return glyphs[run[a]].Left < glyphs[run[b]].Left })
				changed = true
			}
			out = append(out, run...)
		}
		if changed {
			chains[ci] = out
		}
	}
	return chains
}

// runsUp reports whether most characters of a column are turned a
// quarter left (pdfRun.Up): text rotated to run up the page, as a cover
// or a spine sets a title, reads from the foot of the column, not its top
// (「算予計会別特険保康健民国市国南度年４和令」 read top down).
func runsUp(glyphs []pdfRun, chain []int) bool {
	n := 0
	for _, j := range chain {
		if glyphs[j].Up {
			n++
		}
	}
	return 2*n > len(chain)
}

// isBracket reports whether s is an opening or closing bracket, in its
// horizontal or vertical form.
func isBracket(s string) bool {
	return strings.ContainsAny(s, "「」『』（）()〔〕［］｛｝〈〉《》【】﹁﹂﹃﹄︵︶︹︺︻︼︽︾︿﹀")
}

// columnLine makes a line of a column of vertical text, top to bottom.
func columnLine(page int, height float64, glyphs []pdfRun, chain []int) *pdfLine {
	l := &pdfLine{page: page, vertical: true, left: math.Inf(1), right: math.Inf(-1), top: math.Inf(-1), bottom: math.Inf(1)}
	var b strings.Builder
	sizes := map[float64]int{}
	bold := 0
	for _, j := range chain {
		r := glyphs[j]
		b.WriteString(strings.TrimSpace(r.Text))
		l.left, l.right = min(l.left, r.Left), max(l.right, r.Right)
		l.top, l.bottom = max(l.top, r.Top), min(l.bottom, r.Bottom)
		sizes[math.Round(r.Size*2)/2]++
		if r.Bold {
			bold++
		}
	}
	best := 0
	for s, n := range sizes {
		if n > best || n == best && s > l.size {
			l.size, best = s, n
		}
	}
	l.bold = bold*2 > len(chain)
	l.segs, l.segLeft, l.segRight = []string{b.String()}, []float64{l.left}, []float64{l.right}
	l.zone = zoneOf(l.top, l.bottom, height)
	return l
}

// mergeVertical puts a page's columns of vertical text among its
// horizontal lines. Columns side by side (at most three ems apart, each
// overlapping the next by half its height) are one block, read right to
// left; blocks are read top to bottom, and right to left when their tops
// are level, and each comes before the first horizontal line below its
// top.
func mergeVertical(lines, cols []*pdfLine) []*pdfLine {
	if len(cols) == 0 {
		return lines
	}
	sort.SliceStable(cols, func(i, j int) bool { return cols[i].right > cols[j].right })
	parent := make([]int, len(cols))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i, a := range cols {
		for j := i + 1; j < len(cols); j++ {
			b := cols[j]
			em := max(a.size, b.size, 1)
			if a.left-b.right > 3*em {
				break
			}
			overlap := min(a.top, b.top) - max(a.bottom, b.bottom)
			if overlap >= 0.5*min(a.top-a.bottom, b.top-b.bottom) && math.Abs(a.size-b.size) <= 0.15*em {
				parent[find(j)] = find(i)
			}
		}
	}
	blocks := map[int][]*pdfLine{}
	var roots []int
	for i, c := range cols {
		r := find(i)
		if blocks[r] == nil {
			roots = append(roots, r)
		}
		blocks[r] = append(blocks[r], c)
	}
	top := func(b []*pdfLine) float64 {
		t := math.Inf(-1)
		for _, c := range b {
			t = max(t, c.top)
		}
		return t
	}
	sort.SliceStable(roots, func(i, j int) bool {
		a, b := blocks[roots[i]], blocks[roots[j]]
		ta, tb := top(a), top(b)
		if math.Abs(ta-tb) > 2*max(a[0].size, b[0].size) {
			return ta > tb
		}
		return a[0].right > b[0].right
	})
	for _, b := range blocks {
		for _, c := range b {
			same := 0
			for _, d := range b {
				if math.Abs(c.size-d.size) <= 0.5 {
					same++
				}
			}
			c.article = same >= 3
		}
	}
	out := make([]*pdfLine, 0, len(lines)+len(cols))
	k := 0
	for _, r := range roots {
		t := top(blocks[r])
		for k < len(lines) && lines[k].top >= t {
			out = append(out, lines[k])
			k++
		}
		out = append(out, blocks[r]...)
	}
	return append(out, lines[k:]...)
}

// bandGapEm: lines whose baselines are closer than this (in em of the
// smaller) overlap, which text lines never do: they are the lines of one
// table row whose cells wrap, the other cells centred between them.
const bandGapEm = 0.9

// bandGroups gathers consecutive baseline groups that are one row.
func bandGroups(groups [][]pdfRun) [][][]pdfRun {
	type info struct{ base, em float64 }
	infos := make([]info, len(groups))
	for i, g := range groups {
		var sizes sizeCounts
		best, n := 0.0, 0
		for _, r := range g {
			if blank(r.Text) {
				continue
			}
			s := math.Round(r.Size*2) / 2
			if c := sizes.add(s, 1); c > n {
				best, n = s, c
			}
		}
		infos[i] = info{baseline(g[0]), max(best, 1)}
	}
	close := func(i, j int) bool {
		a, b := infos[i], infos[j]
		em := min(a.em, b.em)
		d := a.base - b.base
		return d >= 0 && d < bandGapEm*em && max(a.em, b.em) <= 1.3*em
	}
	var chains [][]int
	for i := range groups {
		if n := len(chains); n > 0 && i > 0 && close(i-1, i) {
			chains[n-1] = append(chains[n-1], i)
			continue
		}
		chains = append(chains, []int{i})
	}
	var out [][][]pdfRun
	for _, c := range chains {
		// a line of another size than every other line of the chain, beside
		// them all (a title boxed beside a table's first row, a cover's
		// year beside its masthead), is no cell of the row: it stands alone,
		// and the rest is chained again without it
		var keep []int
		for _, i := range c {
			odd := len(c) > 1
			for _, j := range c {
				if j != i && (max(infos[i].em, infos[j].em) <= 1.1*min(infos[i].em, infos[j].em) || overlapsX(groups[i], groups[j])) {
					odd = false
					break
				}
			}
			if !odd {
				keep = append(keep, i)
			}
		}
		var bands [][]int // indices of groups, each band in order
		last := -1        // the band the last kept line went to
		for _, i := range c {
			if !slices.Contains(keep, i) {
				bands = append(bands, []int{i})
				continue
			}
			if last >= 0 && close(bands[last][len(bands[last])-1], i) {
				bands[last] = append(bands[last], i)
				continue
			}
			bands = append(bands, []int{i})
			last = len(bands) - 1
		}
		sort.SliceStable(bands, func(a, b int) bool { return bands[a][0] < bands[b][0] })
		for _, b := range bands {
			var gs [][]pdfRun
			for _, i := range b {
				gs = append(gs, groups[i])
			}
			out = append(out, gs)
		}
	}
	return out
}

// overlapsX reports whether two lines share some horizontal extent: the
// lines of a row whose cells wrap do (a cell's two lines stand one above
// the other), while a title boxed beside a table's first row, or a
// masthead beside a cover's date, stands at the same height apart.
func overlapsX(a, b []pdfRun) bool {
	for _, r := range a {
		if blank(r.Text) {
			continue
		}
		for _, q := range b {
			if !blank(q.Text) && min(r.Right, q.Right)-max(r.Left, q.Left) > 0 {
				return true
			}
		}
	}
	return false
}

// bandRow makes one table row of the lines of a band: segments that
// overlap horizontally are one cell, their pieces read top to bottom and
// joined as wrapped text.
func bandRow(page int, height float64, band [][]pdfRun) *pdfLine {
	type piece struct {
		text        string
		left, right float64
		line        int
	}
	var pieces []piece
	row := &pdfLine{page: page, band: true, left: math.Inf(1), right: math.Inf(-1), top: math.Inf(-1), bottom: math.Inf(1)}
	sizes := map[float64]int{}
	for i, g := range band {
		l := newLine(page, height, g)
		for k, s := range l.segs {
			pieces = append(pieces, piece{s, l.segLeft[k], l.segRight[k], i})
		}
		row.left, row.right = min(row.left, l.left), max(row.right, l.right)
		row.top, row.bottom = max(row.top, l.top), min(row.bottom, l.bottom)
		sizes[l.size] += utf8.RuneCountInString(l.text())
	}
	best := 0
	for s, n := range sizes {
		if n > best || n == best && s > row.size {
			row.size, best = s, n
		}
	}
	sort.SliceStable(pieces, func(i, j int) bool { return pieces[i].left < pieces[j].left })
	var cells [][]piece
	cellRight := math.Inf(-1)
	for _, p := range pieces {
		if n := len(cells); n > 0 && p.left < cellRight {
			cells[n-1] = append(cells[n-1], p)
			cellRight = max(cellRight, p.right)
			continue
		}
		cells = append(cells, []piece{p})
		cellRight = p.right
	}
	for i, c := range cells {
		sort.SliceStable(c, func(a, b int) bool { return c[a].line < c[b].line })
		// a unit printed over its figure, as statistical tables set it in
		// the cell's corner (「千円」 over 「2,050,134」), is read after it:
		// 「2,050,134千円」
		for k := 0; k+1 < len(c); k++ {
			if reUnit.MatchString(strings.TrimSpace(c[k].text)) && reFigureOnly.MatchString(strings.TrimSpace(c[k+1].text)) {
				c[k].text, c[k+1].text = c[k+1].text, c[k].text
				k++
			}
		}
		var b strings.Builder
		right := math.Inf(-1)
		for k, p := range c {
			if k == 0 {
				b.WriteString(p.text)
			} else {
				joinWrapped(&b, p.text)
			}
			right = max(right, p.right)
		}
		if i > 0 {
			row.seps = append(row.seps, "　")
		}
		row.segs = append(row.segs, b.String())
		row.segLeft = append(row.segLeft, c[0].left)
		row.segRight = append(row.segRight, right)
	}
	row.zone = zoneOf(row.top, row.bottom, height)
	return row
}

// reUnit is a unit a table prints apart from its figures.
var reUnit = regexp.MustCompile(`^(?:千円|百万円|万円|億円|円|人|％|%|件|世帯|戸|台|㎡|ha|ｈａ|km|ｋｍ|回|年|月|日|時間|箇所|か所|校|団体|施設|t|ｔ|kg|ｋｇ|歳|倍|ポイント|級|号)$`)

// reFigureOnly is a figure without its unit: 2,050,134, △5.2, +2.76.
var reFigureOnly = regexp.MustCompile(`^[△▲▼+＋\-−]?[0-9０-９][0-9０-９,，.．]*$`)

// Text columns (two-column articles of a 広報): limits in em of the
// page's most common size.
const (
	gutterEm      = 1.0 // a gap this wide between two pieces of a line may be a gutter
	minColumnRune = 6   // a column's lines hold this many characters (median) or more
)

// columnOrder puts the baseline groups of a page of horizontal text in
// text columns in reading order, column by column, and says which column
// each group is in (0 for the page's width). A gutter is an x that no
// piece of a line (its runs between gaps of gutterEm) crosses, with lines
// on both sides; of the gaps between pieces, the one fewest lines cross
// is taken. Lines that cross it (a headline over both columns) cut the
// page into bands; in a band whose lines on each side of the gutter are
// text columns (see isTextColumn), each line is cut at the gutter and
// the left column is read before the right one, each split again when it
// has columns of its own. A band that is not, a table whose cells line up
// across a gap, keeps its lines whole: its rows stay rows.
func columnOrder(groups [][]pdfRun) ([][]pdfRun, []int) {
	col := 0
	return columnSplit(groups, &col, 0, 0)
}

func columnSplit(groups [][]pdfRun, next *int, id, depth int) ([][]pdfRun, []int) {
	ids := func(gs [][]pdfRun, id int) []int {
		out := make([]int, len(gs))
		for i := range out {
			out[i] = id
		}
		return out
	}
	if depth < 3 {
		// the gutter that puts the most lines in columns (of the 30 that
		// the fewest lines cross)
		best, most := 0.0, 0
		pcs := make([][]piece, len(groups))
		for i, g := range groups {
			pcs[i] = linePieces(g)
		}
		xs := gutters(pcs)
		for _, x := range xs[:min(len(xs), 30)] {
			probe := 0
			if _, _, n := splitAt(groups, pcs, x, &probe, id, 3); n > most {
				best, most = x, n
			}
		}
		if most > 0 {
			out, outIDs, _ := splitAt(groups, pcs, best, next, id, depth)
			return out, outIDs
		}
	}
	return groups, ids(groups, id)
}

// splitAt reads the bands of the page cut by lines crossing the gutter at
// x, column by column where both sides are text columns; split counts the
// lines put in columns; pcs are the groups' linePieces.
func splitAt(groups [][]pdfRun, pcs [][]piece, x float64, next *int, id, depth int) (out [][]pdfRun, outIDs []int, split int) {
	emit := func(gs [][]pdfRun, id int) {
		out = append(out, gs...)
		for range gs {
			outIDs = append(outIDs, id)
		}
	}
	var band [][]pdfRun
	var bandPcs [][]piece
	flush := func() {
		if len(band) == 0 {
			return
		}
		// lines far below the rest (a footer) are no part of the columns
		var tail [][]pdfRun
		for len(band) > 1 {
			a, b := band[len(band)-2], band[len(band)-1]
			if baseline(a[0])-baseline(b[0]) <= 4*max(a[0].Size, b[0].Size, 1) {
				break
			}
			tail = append([][]pdfRun{b}, tail...)
			band, bandPcs = band[:len(band)-1], bandPcs[:len(bandPcs)-1]
		}
		defer emit(tail, id)
		// too few prose lines on a side for a text column: the band stays
		// whole, told without dividing its runs (a table's rows)
		if l, r := proseSides(bandPcs, x); l < 3 || r < 3 {
			emit(band, id)
			band, bandPcs = nil, nil
			return
		}
		// each line's runs either side of x (by their centres), told
		// first by their pieces and extent alone: the runs are copied
		// only when the band is split
		var left, right side
		for _, g := range band {
			l, r := halves(g, x)
			left.add(l)
			right.add(r)
		}
		// columns of text share the page's measure about evenly; a table's
		// label column beside its wide text does not
		if left.isTextColumn() && right.isTextColumn() && max(left.width(), right.width()) <= 1.8*min(left.width(), right.width()) {
			var left, right [][]pdfRun
			for _, g := range band {
				var l, r []pdfRun
				for _, run := range g {
					if (run.Left+run.Right)/2 < x {
						l = append(l, run)
					} else {
						r = append(r, run)
					}
				}
				if hasGlyph(l) {
					left = append(left, l)
				}
				if hasGlyph(r) {
					right = append(right, r)
				}
			}
			split += len(left) + len(right)
			*next++
			gs, is := columnSplit(left, next, *next, depth+1)
			out, outIDs = append(out, gs...), append(outIDs, is...)
			*next++
			gs, is = columnSplit(right, next, *next, depth+1)
			out, outIDs = append(out, gs...), append(outIDs, is...)
		} else {
			emit(band, id)
		}
		band, bandPcs = nil, nil
	}
	for i, g := range groups {
		if crosses(pcs[i], x) {
			flush()
			emit([][]pdfRun{g}, id)
			continue
		}
		band, bandPcs = append(band, g), append(bandPcs, pcs[i])
	}
	flush()
	return out, outIDs, split
}

// proseSides counts the lines that are prose on each side of a gutter at
// x that none of them crosses: one piece on that side, of minColumnRune
// characters or more, as isTextColumn counts them. A line's runs on one
// side of such a gutter make the same pieces as its own pieces on that
// side, so the count needs no division of the runs.
func proseSides(pss [][]piece, x float64) (left, right int) {
	for _, ps := range pss {
		var l, r []piece
		for i, p := range ps {
			if p.right > x {
				l, r = ps[:i], ps[i:]
				break
			}
			l = ps
		}
		if len(l) == 1 && l[0].runes >= minColumnRune {
			left++
		}
		if len(r) == 1 && r[0].runes >= minColumnRune {
			right++
		}
	}
	return left, right
}

func hasGlyph(rs []pdfRun) bool {
	return slices.ContainsFunc(rs, func(r pdfRun) bool { return !blank(r.Text) })
}

// runOrder is the order of runs sorted stably by a key of each: the
// indexes of rs in the order
// slices.SortStableFunc(rs, func(a, b pdfRun) int { return order(key(a), key(b)) })
// would leave them, or nil when the runs are in that order already. That
// order is by key, then index: so it is sorted as such, unless a key is
// NaN, which compares equal to every key (no order then, and only the
// same comparisons in the same sort give the same result).
func runOrder(rs []pdfRun, key func(pdfRun) float64, order func(a, b float64) int) []int32 {
	type keyed struct {
		k float64
		i int32
	}
	sorted := true
	prev := 0.0
	for i, r := range rs {
		k := key(r)
		if k != k || i > 0 && order(k, prev) < 0 {
			sorted = false
			break
		}
		prev = k
	}
	if sorted {
		return nil
	}
	ks := make([]keyed, len(rs))
	nan := false
	for i, r := range rs {
		ks[i] = keyed{key(r), int32(i)}
		nan = nan || ks[i].k != ks[i].k
	}
	if nan {
		slices.SortStableFunc(ks, func(a, b keyed) int { return order(a.k, b.k) })
	} else if m := mergeable(ks, func(a, b keyed) int { return order(a.k, b.k) }); m > 0 {
		// two runs in order (a line's glyphs, then its spaces): merged,
		// the first run's first on equal keys
		out := make([]int32, 0, len(ks))
		i, j := 0, m
		for i < m && j < len(ks) {
			if order(ks[j].k, ks[i].k) < 0 {
				out = append(out, ks[j].i)
				j++
			} else {
				out = append(out, ks[i].i)
				i++
			}
		}
		for ; i < m; i++ {
			out = append(out, ks[i].i)
		}
		for ; j < len(ks); j++ {
			out = append(out, ks[j].i)
		}
		return out
	} else {
		slices.SortFunc(ks, func(a, b keyed) int {
			if c := order(a.k, b.k); c != 0 {
				return c
			}
			return cmp.Compare(a.i, b.i)
		})
	}
	idx := make([]int32, len(ks))
	for i, k := range ks {
		idx[i] = k.i
	}
	return idx
}

// mergeable is where the second of two runs in order begins when s is two
// such runs, else 0.
func mergeable[T any](s []T, order func(a, b T) int) int {
	m := 0
	for i := 1; i < len(s); i++ {
		if order(s[i], s[i-1]) < 0 {
			if m > 0 {
				return 0
			}
			m = i
		}
	}
	return m
}

// at is run i of rs in the order runOrder gave (nil: as they are).
func at(rs []pdfRun, order []int32, i int) *pdfRun {
	if order != nil {
		return &rs[order[i]]
	}
	return &rs[i]
}

// sizeCounts counts characters by size, as a map from size to count
// would (a line has few sizes). add returns the size's count, and a NaN
// size, which a map never finds again, counts 0 and stands apart.
type sizeCounts []struct {
	size float64
	n    int
}

func (c *sizeCounts) add(size float64, n int) int {
	if size == size {
		for i := range *c {
			if (*c)[i].size == size {
				(*c)[i].n += n
				return (*c)[i].n
			}
		}
	}
	*c = append(*c, struct {
		size float64
		n    int
	}{size, n})
	if size != size {
		return 0
	}
	return n
}

// blank reports whether s is only white space, as
// strings.TrimSpace(s) == "" does, without trimming.
func blank(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// isTrimmed reports whether strings.TrimSpace(s) == s: s neither starts
// nor ends with white space.
func isTrimmed(s string) bool {
	if s == "" {
		return true
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	return !unicode.IsSpace(first) && !unicode.IsSpace(last)
}

// piece is a part of a line between gaps of gutterEm or more.
type piece struct {
	left, right float64
	runes       int
}

func linePieces(g []pdfRun) []piece {
	sp := make([]span, 0, len(g))
	for _, r := range g {
		if !blank(r.Text) {
			sp = append(sp, spanOf(r))
		}
	}
	return spanPieces(sp)
}

// span is a glyph as linePieces sees it.
type span struct {
	left, right, size float64
	runes             int
}

func spanOf(r pdfRun) span {
	return span{r.Left, r.Right, r.Size, utf8.RuneCountInString(r.Text)}
}

// spanPieces is linePieces of a line's glyphs (spaces play no part),
// ordered left to right as a stable sort of the runs would order them.
func spanPieces(sp []span) []piece {
	byLeft := func(a, b span) int { return cmp.Compare(a.left, b.left) }
	if !slices.IsSortedFunc(sp, byLeft) {
		slices.SortStableFunc(sp, byLeft)
	}
	var ps []piece
	prevSize := 0.0
	for _, r := range sp {
		if n := len(ps); n > 0 && r.left-ps[n-1].right < gutterEm*max(r.size, prevSize, 1) {
			ps[n-1].right = max(ps[n-1].right, r.right)
			ps[n-1].runes += r.runes
		} else {
			ps = append(ps, piece{r.left, r.right, r.runes})
		}
		prevSize = r.size
	}
	return ps
}

// crosses reports whether a piece of a line (its linePieces) spans x.
func crosses(ps []piece, x float64) bool {
	return slices.ContainsFunc(ps, func(p piece) bool { return p.left < x && p.right > x })
}

// gutters are the x between pieces of lines with three lines or more
// wholly on each side, crossed by at most half of the lines (a page may
// hold a full-width part), those the fewest lines cross first.
func gutters(all [][]piece) []float64 {
	if len(all) < 6 {
		return nil
	}
	type cand struct {
		x     float64
		cross int
	}
	var cs []cand
	tried := map[int]bool{}
	for _, ps := range all {
		for k := 1; k < len(ps); k++ {
			x := (ps[k-1].right + ps[k].left) / 2
			if tried[int(x)] {
				continue
			}
			tried[int(x)] = true
			cross, left, right := 0, 0, 0
			for _, qs := range all {
				c, l, r := false, false, false
				for _, q := range qs {
					switch {
					case q.left < x && q.right > x:
						c = true
					case q.right <= x:
						l = true
					default:
						r = true
					}
				}
				switch {
				case c:
					cross++
				case l && r:
					left++
					right++
				case l:
					left++
				case r:
					right++
				}
			}
			if left >= 3 && right >= 3 && 2*cross <= len(all) {
				cs = append(cs, cand{x, cross})
			}
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].cross < cs[j].cross })
	xs := make([]float64, len(cs))
	for i, c := range cs {
		xs[i] = c.x
	}
	return xs
}

// half is what one side of a gutter holds of a line: its runs' pieces,
// largest size and extent.
type half struct {
	spans     []span
	em        float64 // the largest size of its runs; 0 for none
	l, r      float64 // extent of its runs
	runs      int
	hasGlyphs bool
}

func (h *half) add(r pdfRun) {
	if h.runs == 0 {
		h.l, h.r = math.Inf(1), math.Inf(-1)
	}
	h.runs++
	h.em = max(h.em, r.Size)
	h.l, h.r = min(h.l, r.Left), max(h.r, r.Right)
	if !blank(r.Text) {
		h.hasGlyphs = true
		h.spans = append(h.spans, spanOf(r))
	}
}

// halves divides a line's runs at x by their centres.
func halves(g []pdfRun, x float64) (l, r half) {
	for _, run := range g {
		if (run.Left+run.Right)/2 < x {
			l.add(run)
		} else {
			r.add(run)
		}
	}
	return l, r
}

// side is the lines on one side of a gutter that have glyphs there.
type side struct {
	pss  [][]piece
	em   float64
	l, r float64
}

func (s *side) add(h half) {
	if !h.hasGlyphs {
		return
	}
	if len(s.pss) == 0 {
		s.em, s.l, s.r = 1, math.Inf(1), math.Inf(-1)
	}
	s.pss = append(s.pss, spanPieces(h.spans))
	s.em = max(s.em, h.em)
	s.l, s.r = min(s.l, h.l), max(s.r, h.r)
}

// width is the width of the side's column: from its lines' leftmost
// start to their rightmost end.
func (s *side) width() float64 {
	if len(s.pss) == 0 {
		return math.Inf(-1)
	}
	return s.r - s.l
}

// isTextColumn reports whether the lines on this side of a gutter are a
// column of text: three or more, half of them prose lines (one piece, no
// cell gaps, of minColumnRune characters or more), and half of those
// reaching the column's right edge (justified text fills its measure;
// table cells left-aligned in a column end where their text ends) and
// half starting at its left edge (not a table's text beside row labels). A
// table or a contact list may stand inside the column below its text.
func (s *side) isTextColumn() bool {
	pss, em := s.pss, s.em
	if len(pss) < 3 {
		return false
	}
	// where most prose lines start and end (a label in the margin aside)
	starts, ends := map[float64]int{}, map[float64]int{}
	for _, ps := range pss {
		if len(ps) == 1 && ps[0].runes >= minColumnRune {
			starts[math.Round(ps[0].left/em)]++
			ends[math.Round(ps[0].right/em)]++
		}
	}
	mode := func(m map[float64]int) float64 {
		best, n := 0.0, 0
		for x, c := range m {
			if c > n || c == n && x < best {
				best, n = x, c
			}
		}
		return best * em
	}
	left, right := mode(starts), mode(ends)
	prose, full, flush := 0, 0, 0
	for _, ps := range pss {
		if len(ps) != 1 || ps[0].runes < minColumnRune {
			continue
		}
		prose++
		if math.Abs(ps[0].right-right) <= 1.5*em {
			full++
		}
		if math.Abs(ps[0].left-left) <= 1.5*em {
			flush++
		}
	}
	return prose >= 3 && 2*prose >= len(pss) && 2*full >= prose && 2*flush >= prose
}

// baseline is where a run sits: its origin's y, or (when the engine gave
// no origin) the bottom of its band, which charRun puts 0.2 em below it.
func baseline(r pdfRun) float64 {
	if r.X != 0 || r.Y != 0 {
		return r.Y
	}
	return r.Bottom + 0.2*max(r.Size, 1)
}

func center(r pdfRun) float64 { return (r.Top + r.Bottom) / 2 }

// baselineTol is how far (in em of the smaller size) two runs' baselines
// may differ and still be one line.
const baselineTol = 0.3

// baselineGroups groups glyphs into horizontal lines, top to bottom: a
// glyph is on a line when its baseline is within baselineTol of the
// line's, or, when it is smaller (a superscript, a note mark), when its
// centre lies in the line's band. Spaces go to the line they sit on.
func baselineGroups(glyphs, spaces []pdfRun) [][]pdfRun {
	order := runOrder(glyphs, baseline, func(a, b float64) int { return cmpFloat(b, a) })
	type group struct {
		base, em, top, bottom float64
		n                     int // runs
	}
	// which group each glyph and space goes to, then the groups' runs
	var gs []group
	of := make([]int32, len(glyphs)+len(spaces))
	for i := range glyphs {
		r := *at(glyphs, order, i)
		em := max(r.Size, 1)
		if n := len(gs); n > 0 {
			last := &gs[n-1]
			b := baseline(r)
			if math.Abs(b-last.base) <= baselineTol*min(em, last.em) ||
				em < 0.8*last.em && center(r) > last.bottom && center(r) < last.top {
				of[i] = int32(n - 1)
				last.n++
				last.top, last.bottom = max(last.top, r.Top), min(last.bottom, r.Bottom)
				continue
			}
		}
		of[i] = int32(len(gs))
		gs = append(gs, group{base: baseline(r), em: em, top: r.Top, bottom: r.Bottom, n: 1})
	}
	for i, sp := range spaces {
		of[len(glyphs)+i] = -1
		b := baseline(sp)
		for k := range gs {
			if math.Abs(b-gs[k].base) <= baselineTol*gs[k].em {
				of[len(glyphs)+i] = int32(k)
				gs[k].n++
				break
			}
		}
	}
	out := make([][]pdfRun, len(gs))
	for k, g := range gs {
		out[k] = make([]pdfRun, 0, g.n)
	}
	for i, k := range of {
		switch {
		case k < 0:
		case i < len(glyphs):
			out[k] = append(out[k], *at(glyphs, order, i))
		default:
			out[k] = append(out[k], spaces[i-len(glyphs)])
		}
	}
	return out
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Kinds of space that can stand before a glyph on a line.
const (
	noSpace   = iota
	genSpace  // a space PDFium inferred from a gap (Generated, or of no width)
	realSpace // a space character in the PDF
	ideoSpace // an ideographic space (U+3000) in the PDF
)

// glyph is one character of a line with what stood before it.
type glyph struct {
	*pdfRun
	text  string // the character, trimmed
	space int    // the space before it
}

// isGenerated reports whether a space run is one PDFium inferred: marked
// so, or (as older readers gave them) without width.
func isGenerated(r pdfRun) bool {
	return r.Generated || r.Right-r.Left < 0.05*max(r.Size, 1)
}

// newLine joins the glyphs of one visual line left to right into
// segments (see the top of this file): a gap of wordGapEm or more or an
// ideographic space ends a segment, unless the glyphs around it are one
// letter-spaced word (see spacedWords); the next segment keeps what stood
// between them as its separator: the space character, else an ideographic
// space between Japanese text and a space between ASCII.
// spaceLead: how far before its x a space sorts among the glyphs of its
// line, in points (well under any glyph's width).
const spaceLead = 0.01

func newLine(page int, height float64, rs []pdfRun) *pdfLine {
	// a space stands before the glyph that starts where it stands (PDFium
	// places the space it generates at the next glyph's origin): 「約 70名」,
	// not 「約7 0名」 when the space comes after the 7 in PDFium's order
	order := runOrder(rs, func(r pdfRun) float64 {
		if blank(r.Text) {
			return r.Left - spaceLead
		}
		return r.Left
	}, cmp.Compare[float64])
	gl := make([]glyph, 0, len(rs))
	space := noSpace
	for i := range rs {
		r := at(rs, order, i)
		text := r.Text
		if !isTrimmed(text) {
			text = strings.TrimSpace(text)
		}
		if text == "" {
			k := realSpace
			switch {
			case isGenerated(*r):
				k = genSpace
			case strings.ContainsRune(r.Text, '　'):
				k = ideoSpace
			}
			space = max(space, k)
			continue
		}
		gl = append(gl, glyph{r, text, space})
		space = noSpace
	}
	// tokens: runs of glyphs between gaps, as [start, end) into gl
	var tokens [][2]int
	for i := range gl {
		if i > 0 {
			a, b := gl[i-1], gl[i]
			em := max(a.Size, b.Size, 1)
			if b.Left-a.Right < wordGapEm*em && b.space != ideoSpace {
				tokens[len(tokens)-1][1] = i + 1
				continue
			}
		}
		tokens = append(tokens, [2]int{i, i + 1})
	}
	tokens = spacedWords(gl, mixedWords(gl, tokens))
	l := &pdfLine{page: page, left: math.Inf(1), right: math.Inf(-1), top: math.Inf(-1), bottom: math.Inf(1)}
	var sizes sizeCounts
	bold, chars := 0, 0
	for ti, t := range tokens {
		var seg strings.Builder
		for i := t[0]; i < t[1]; i++ {
			g := gl[i]
			if i > t[0] {
				prev := gl[i-1]
				last, _ := utf8.DecodeLastRuneInString(prev.text)
				first, _ := utf8.DecodeRuneInString(g.text)
				em := max(prev.Size, g.Size, 1)
				switch {
				case isASCIIWord(last) && isASCIIWord(first) && (g.space > genSpace || g.space == genSpace && !digits(last, first) || g.Left-prev.Right >= wordGapEm*em):
					seg.WriteByte(' ')
				case g.space == realSpace && (last >= utf8.RuneSelf || first >= utf8.RuneSelf) && g.Left-prev.Right < wordGapEm*em:
					seg.WriteByte(' ')
				}
			}
			seg.WriteString(g.text)
			l.left = min(l.left, g.Left)
			l.right = max(l.right, g.Right)
			l.top = max(l.top, g.Top)
			l.bottom = min(l.bottom, g.Bottom)
			n := utf8.RuneCountInString(g.text)
			chars += n
			sizes.add(math.Round(g.Size*2)/2, n)
			if g.Bold {
				bold += n
			}
		}
		if ti > 0 {
			prev, g := gl[t[0]-1], gl[t[0]]
			last, _ := utf8.DecodeLastRuneInString(prev.text)
			first, _ := utf8.DecodeRuneInString(g.text)
			sep := "　"
			switch {
			case g.space == ideoSpace:
			case g.space == realSpace || last < utf8.RuneSelf && first < utf8.RuneSelf:
				sep = " "
			}
			l.seps = append(l.seps, sep)
		}
		l.segs = append(l.segs, seg.String())
		l.segLeft = append(l.segLeft, gl[t[0]].Left)
		right := math.Inf(-1)
		for i := t[0]; i < t[1]; i++ {
			right = max(right, gl[i].Right)
		}
		l.segRight = append(l.segRight, right)
	}
	if len(l.segs) == 0 {
		l.segs, l.segLeft, l.segRight = []string{""}, []float64{0}, []float64{0}
		l.left, l.right, l.top, l.bottom = 0, 0, 0, 0
	}
	best := 0
	for _, c := range sizes {
		if c.n > best || c.n == best && c.size > l.size {
			l.size, best = c.size, c.n
		}
	}
	l.bold = bold*2 > chars
	l.zone = zoneOf(l.top, l.bottom, height)
	return l
}

// mixedWords joins a number or Latin word to the Japanese around it when
// the gaps are the space Japanese typesetting puts between kanji and
// Latin or digits (和欧間, a quarter em, more in a justified cell) rather
// than a cell's: 「議案第 67 号」, 「12 月 13 日」. The word joins when
// Japanese text follows it within mixedGapEm and either Japanese text
// precedes it as closely or it starts its cell (a gap of an em or more
// before it, or the line's start). A number that ends a cell
// (「総合政策課 8254」 in a tight table) is not joined.
func mixedWords(gl []glyph, tokens [][2]int) [][2]int {
	isWide := func(i int) bool { r, _ := utf8.DecodeRuneInString(gl[i].text); return r >= utf8.RuneSelf }
	hasWide := func(t [2]int) bool {
		return slices.ContainsFunc(gl[t[0]:t[1]], func(g glyph) bool { return g.text[0] >= utf8.RuneSelf })
	}
	allASCII := func(t [2]int) bool {
		for i := t[0]; i < t[1]; i++ {
			if r, _ := utf8.DecodeRuneInString(gl[i].text); !isASCIIWord(r) {
				return false
			}
		}
		return true
	}
	near := func(a, b [2]int, limit float64) bool {
		x, y := gl[a[1]-1], gl[b[0]]
		return y.Left-x.Right < limit*max(x.Size, y.Size, 1)
	}
	var out [][2]int
	for i, t := range tokens {
		if n := len(out); n > 0 && near(out[n-1], t, mixedGapEm) {
			cur := out[n-1]
			wideEnd, wideStart := isWide(cur[1]-1), isWide(t[0])
			join := false
			switch {
			case wideEnd && !wideStart:
				// 「第 67」 before 「号」, 「月 13日」
				join = hasWide(t) || allASCII(t) && i+1 < len(tokens) && isWide(tokens[i+1][0]) && near(t, tokens[i+1], mixedGapEm)
			case !wideEnd && wideStart:
				// 「議案第67 号」, or a number that starts its cell: 「12 月」
				join = hasWide(cur) || allASCII(cur) && (n == 1 || !near(out[n-2], cur, 1))
			}
			if join {
				out[n-1][1] = t[1]
				continue
			}
		}
		out = append(out, t)
	}
	return out
}

// Letter-spacing (均等割付) limits, in em.
const (
	maxSpacedPitchEm = 10  // a cell's word spread over its width: 「寄　附　金」 at 8.5 em
	maxPairGapEm     = 3   // two letters alone: 「件　名」
	pitchTolEm       = 0.1 // even pitch: pitches within this (or 3% of the pitch) of each other
)

// spacedWords joins tokens that are one letter-spaced word. In Japanese
// typesetting 均等割付 spreads a word's characters over a width: every
// character is alone between gaps, all of one size, and their origins
// stand on an even pitch larger than their advance. So three or more
// single letters (kanji, kana, full-width digits, ・) of one size on an
// even pitch of at most maxSpacedPitchEm are one word; two such letters
// are one when their gap is at most maxPairGapEm and the gaps to their
// neighbours on the line are more than twice theirs and an em (the pair
// stands apart as a unit), or when the PDF has a space between them (the
// author typed 「件 名」 and justification spread it). Cells of a table are rarely single letters on
// an even pitch, and a phrase of several characters on either side of a
// gap (「桐生市長　大澤善隆」) is never joined.
func spacedWords(gl []glyph, tokens [][2]int) [][2]int {
	single := func(t [2]int) bool {
		if t[1]-t[0] != 1 {
			return false
		}
		r, n := utf8.DecodeRuneInString(gl[t[0]].text)
		if n != len(gl[t[0]].text) || r < utf8.RuneSelf {
			return false
		}
		return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '・' || r == '々' || r == 'ー'
	}
	sameSize := func(a, b glyph) bool { return math.Abs(a.Size-b.Size) <= 0.05*max(a.Size, b.Size) }
	var out [][2]int
	for i := 0; i < len(tokens); {
		if !single(tokens[i]) {
			out = append(out, tokens[i])
			i++
			continue
		}
		a := gl[tokens[i][0]]
		em := max(a.Size, 1)
		j := i + 1
		pitch := 0.0
		for j < len(tokens) && single(tokens[j]) && sameSize(a, gl[tokens[j][0]]) {
			p := gl[tokens[j][0]].Left - gl[tokens[j-1][0]].Left
			if j == i+1 {
				if p > maxSpacedPitchEm*em && gl[tokens[j][0]].space >= realSpace {
					j++ // a typed space, spread: a pair at most (see below)
					break
				}
				if p > maxSpacedPitchEm*em && numberedPair(gl, tokens, i) {
					j++ // a numbered item's two-letter name: a pair at most
					break
				}
				if p <= em || p > maxSpacedPitchEm*em {
					break
				}
				pitch = p
			} else if math.Abs(p-pitch) > max(pitchTolEm*em, 0.03*pitch) {
				break
			}
			j++
		}
		n := j - i
		if n == 2 {
			gap := gl[tokens[i+1][0]].Left - a.Right
			isolated := func(k int, near, far float64) bool {
				return k < 0 || k >= len(tokens) || math.Abs(far-near) > 2*gap+em
			}
			ok := gap <= maxPairGapEm*em &&
				isolated(i-1, a.Left, func() float64 {
					if i > 0 {
						return gl[tokens[i-1][1]-1].Right
					}
					return 0
				}()) &&
				isolated(j, gl[tokens[i+1][0]].Right, func() float64 {
					if j < len(tokens) {
						return gl[tokens[j][0]].Left
					}
					return 0
				}())
			// a space typed between them, stretched by justification: 「件 名」
			ok = ok || gl[tokens[i+1][0]].space >= realSpace
			// a numbered item's name of two letters spread over its cell,
			// as 款・項 of a budget table print it: 「1　市　　　債」
			ok = ok || numberedPair(gl, tokens, i)
			if !ok {
				n = 1
			}
		}
		if n < 2 {
			out = append(out, tokens[i])
			i++
			continue
		}
		out = append(out, [2]int{tokens[i][0], tokens[i+n-1][1]})
		i += n
	}
	return out
}

// maxLabelGapEm bounds the gap between an item's number and its name in
// one cell (「14 分担金及び負担金」: 1.25 em); maxNumberedPairEm the width a
// numbered item's two-letter name is spread over (a 項 column: 16 em).
const (
	maxLabelGapEm     = 1.5
	maxNumberedPairEm = 20
)

// numberedPair reports whether tokens i and i+1, two single letters of one
// size, are a two-letter name spread over its cell after the item's
// number: the token before them is a number of one to three digits that
// starts its cell (the line's start, or an em or more after what precedes
// it) and ends within maxLabelGapEm of the first letter, and what follows
// the second letter, if anything, is no single letter. So 「1　市　　　債」
// and 「7　雑　　　入」 of a 款・項 column read 「1　市債」 and 「7　雑入」,
// while header cells 「款　　項」 (no number) and a number before two
// one-letter cells far from it stay apart.
func numberedPair(gl []glyph, tokens [][2]int, i int) bool {
	if i == 0 || i+1 >= len(tokens) {
		return false
	}
	num := tokens[i-1]
	if num[1]-num[0] > 3 {
		return false
	}
	for k := num[0]; k < num[1]; k++ {
		r, _ := utf8.DecodeRuneInString(gl[k].text)
		if !unicode.IsDigit(r) || utf8.RuneCountInString(gl[k].text) != 1 {
			return false
		}
	}
	a, b := gl[tokens[i][0]], gl[tokens[i+1][0]]
	em := max(a.Size, 1)
	if a.Left-gl[num[1]-1].Right > maxLabelGapEm*em || b.Left-a.Right > maxNumberedPairEm*em {
		return false
	}
	if i >= 2 && gl[num[0]].Left-gl[tokens[i-2][1]-1].Right < em {
		return false
	}
	if j := i + 2; j < len(tokens) && tokens[j][1]-tokens[j][0] == 1 && utf8.RuneCountInString(gl[tokens[j][0]].text) == 1 &&
		gl[tokens[j][0]].text[0] >= utf8.RuneSelf {
		return false
	}
	return true
}

func isPunct(s string) bool { return strings.ContainsAny(s, "、。，．︑︒") }

// zoneOf is where a line stands on a page of the given height: -1 in the
// top chromeZone, 1 in the bottom one, 0 in the body (y grows upwards).
func zoneOf(top, bottom, height float64) int {
	switch {
	case height > 0 && bottom >= height*(1-chromeZone):
		return -1
	case height > 0 && top <= height*chromeZone:
		return 1
	}
	return 0
}

// digits: two digits side by side. PDFium generates a space at the
// tracking of spaced-out figures (「1 0,0 0 0」 set 0.1 em apart), and a
// number is never cut inside: between digits only a gap of a word space
// separates (seat numbers 「1 2 3 … 22」 stand an em apart).
func digits(a, b rune) bool { return unicode.IsDigit(a) && unicode.IsDigit(b) }

func isASCIIWord(r rune) bool {
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// rePageNumber matches a line that is only a page number.
var rePageNumber = regexp.MustCompile(`^(?:[-−–—ー‐\s]*[0-9０-９]+[-−–—ー‐\s]*|[0-9０-９]+\s*/\s*[0-9０-９]+|[pP]\.?\s*[0-9]+|[0-9０-９]+\s*ページ|[0-9０-９]+\s*頁|[-−–—‐\s]*[ivxlcIVXLC]+[-−–—‐\s]*)$`)

var reDigits = regexp.MustCompile(`[0-9０-９]+`)

// markChrome flags page numbers and running headers and footers: a line
// in the top or bottom band of its page whose text, figures aside, comes
// back on half the pages or more.
func markChrome(lines []*pdfLine, pages int) {
	// at the top of one page, the foot of the next: one running head
	seen := map[string]map[int]bool{}
	for _, l := range lines {
		if l.zone == 0 {
			continue
		}
		t := strings.TrimSpace(l.text())
		if rePageNumber.MatchString(t) {
			l.chrome = true
			continue
		}
		k := chromeKey(l)
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
		if n := len(seen[chromeKey(l)]); n*2 >= pages {
			l.chrome = true
		}
	}
}

// chromeKey is what a running header or footer repeats from page to
// page: its segments with their figures as #, in order of their text, so
// that a book's header mirrored on facing pages (「―　30　―　…　一般会計」
// on one, 「一般会計　…　―　31　―」 on the next) is one header; the zone is
// left out, as a book may print it at the head of even pages and the foot
// of odd ones (南国市's budget book).
func chromeKey(l *pdfLine) string {
	segs := make([]string, len(l.segs))
	for i, sg := range l.segs {
		segs[i] = reDigits.ReplaceAllString(strings.TrimSpace(sg), "#")
	}
	slices.Sort(segs)
	return strings.Join(segs, "\x00")
}

// markTables flags runs of two or more consecutive multi-segment lines
// whose cells line up: each line shares a cell edge (left or right, past
// the first cell's start) with the line before it.
func markTables(lines []*pdfLine) {
	for _, l := range lines {
		l.tableRow = l.tableRow || l.spread
	}
	var tables [][2]int // each table's rows, lines[t[0]:t[1]]
	for i := 0; i < len(lines); {
		j := i
		for j < len(lines) && len(lines[j].segs) > 1 && !lines[j].vertical && !numberedProse(lines[j]) && (j == i || aligned(lines[j-1], lines[j])) {
			j++
		}
		if j-i >= 2 || j-i == 1 && lines[i].band {
			for k := i; k < j; k++ {
				lines[k].tableRow = true
			}
			tables = append(tables, [2]int{i, j})
		}
		i = max(j, i+1)
	}
	for n, t := range tables {
		// column labels spaced as cells right above a table, centred over
		// columns whose figures stand right-aligned (so no edge lines up):
		// 「款　　現計予算額　　補正額　　計　　構成比」 over a budget's rows is
		// the table's header row, not a line of its own
		if i := t[0] - 1; i >= 0 {
			l, next := lines[i], lines[t[0]]
			if !l.tableRow && !l.vertical && next.page == l.page && len(l.segs) >= 3 &&
				wideGap(l) && l.bottom-next.top <= 2*max(l.top-l.bottom, 1) && isHeaderRow(l) {
				l.tableRow = true
				tables[n][0] = i
			}
		}
		rows := lines[tables[n][0]:t[1]]
		joinSpreadPairs(rows)
		for _, l := range rows {
			joinUnitCells(l)
		}
	}
}

// joinSpreadPairs joins, in the rows of one table, two neighbouring cells
// that are single letters spread over one cell: 均等割付 sets a word of
// two letters at the two ends of its cell (「名　　　称」 over a column of
// names, 「承　　　認」 in a column of results), too far apart for
// spacedWords to take them as a word from their line alone. The table
// tells: another row holds a cell that runs across the gap between the
// two letters (a name under 「名　称」, the header 「審議結果」 over the
// results 「承　　認」), and no row starts a cell where the second letter
// stands but as the second of such a pair (as under 「款」 and 「項」, two
// columns).
func joinSpreadPairs(rows []*pdfLine) {
	for _, l := range rows {
		for i := 0; i+1 < len(l.segs); i++ {
			if !singleLetter(l.segs[i]) || !singleLetter(l.segs[i+1]) ||
				l.segLeft[i+1]-l.segRight[i] > maxSpacedPitchEm*max(l.size, 1) {
				continue
			}
			a, b := l.segRight[i], l.segLeft[i+1]
			across, split := false, false
			for _, o := range rows {
				if o == l {
					continue
				}
				for k := range o.segs {
					if o.segLeft[k] < a && o.segRight[k] > b {
						across = true
					}
					// a cell starting where the second letter stands, unless it
					// is the second letter of a pair like this one
					if math.Abs(o.segLeft[k]-b) <= alignTolerance && !(k > 0 && singleLetter(o.segs[k]) && singleLetter(o.segs[k-1])) {
						split = true
					}
				}
			}
			if across && !split {
				l.joinSegs(i)
			}
		}
	}
}

// joinSegs makes segments i and i+1 of l one segment, their texts run
// together.
func (l *pdfLine) joinSegs(i int) {
	l.segs[i] = strings.TrimSpace(l.segs[i]) + strings.TrimSpace(l.segs[i+1])
	l.segRight[i] = l.segRight[i+1]
	l.segs = slices.Delete(l.segs, i+1, i+2)
	l.segLeft = slices.Delete(l.segLeft, i+1, i+2)
	l.segRight = slices.Delete(l.segRight, i+1, i+2)
	l.seps = slices.Delete(l.seps, i, i+1)
}

// joinUnitCells joins to a figure the unit set apart in the cell's right
// corner, as the national forms of 給与・定員管理 and most statistical
// tables print them: 「38.7 | 歳 | 292,600 | 円」 reads 「38.7歳 | 292,600円」,
// the way the figure is written in a sentence.
func joinUnitCells(l *pdfLine) {
	for i := 0; i+1 < len(l.segs); i++ {
		if reFigureOnly.MatchString(strings.TrimSpace(l.segs[i])) && reUnit.MatchString(strings.TrimSpace(l.segs[i+1])) {
			l.joinSegs(i)
		}
	}
}

// singleLetter reports whether a segment is one Japanese letter (kanji or
// kana).
func singleLetter(s string) bool {
	s = strings.TrimSpace(s)
	r, n := utf8.DecodeRuneInString(s)
	return n == len(s) && n > 0 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r))
}

// numberedProse reports whether a line is a numbered item or note and its
// text, 「２ | 職員数については、令和５年４月１日現在の人数である。また、…」:
// a label and one segment of prose (a clause: 、 or 。, and 15 characters
// or more), as a list of notes under a table prints them, not a row.
func numberedProse(l *pdfLine) bool {
	if len(l.segs) != 2 || l.band || !isItemLabel(l.segs[0]) {
		return false
	}
	t := strings.TrimSpace(l.segs[1])
	return utf8.RuneCountInString(t) >= 15 && strings.ContainsAny(t, "、。")
}

// joinSpreads joins the rows of tables printed across two facing pages
// (見開き), as a budget book prints 第１表 歳入歳出予算補正 on A3 folded
// to A4: the left page holds the rows' names (款 and 項, each on its own
// row, and 歳入合計), the right page the same rows' amounts (補正前の額,
// 補正額, 計), on the same row grid. A page whose rows of amounts, three
// or more, each stand on the baseline of exactly one line of the page
// before, a short label line with no amount, is the right half of that
// page's table: each of its rows joins the label line on its baseline,
// and so does its header row (the label line right above its first row
// of amounts) when a label line of the left page stands on it too
// (「款　項」 beside 「補正前の額　補正額　計」). The joined row is on the
// left page, where it starts, cells left to right; the right page keeps
// what has no partner (「（単位：千円）」). Pages whose rows do not all
// meet are left as they are: a row is never joined to a guess.
func joinSpreads(lines []*pdfLine) []*pdfLine {
	var pages [][2]int // [start, end) of each page's lines
	for i, l := range lines {
		if n := len(pages); n == 0 || lines[pages[n-1][0]].page != l.page {
			pages = append(pages, [2]int{i, i})
		}
		pages[len(pages)-1][1] = i + 1
	}
	drop := map[*pdfLine]bool{}
	for k := 1; k < len(pages); k++ {
		left, right := lines[pages[k-1][0]:pages[k-1][1]], lines[pages[k][0]:pages[k][1]]
		if left[0].page+1 != right[0].page || slices.ContainsFunc(left, func(l *pdfLine) bool { return l.spread }) {
			continue
		}
		pairs := spreadPairs(left, right)
		if pairs == nil {
			continue
		}
		dx := math.Inf(-1)
		for _, l := range left {
			dx = max(dx, l.right)
		}
		minLeft := math.Inf(1)
		for _, r := range right {
			minLeft = min(minLeft, r.left)
		}
		dx += 2*max(right[0].size, 1) - minLeft // the right page's cells stand right of the left page's
		for ri, li := range pairs {
			a, b := left[li], right[ri]
			m := *a
			m.segs = append(slices.Clip(a.segs), b.segs...)
			m.seps = append(append(slices.Clip(a.seps), "　"), b.seps...)
			m.segLeft, m.segRight = slices.Clip(a.segLeft), slices.Clip(a.segRight)
			for i := range b.segs {
				m.segLeft = append(m.segLeft, b.segLeft[i]+dx)
				m.segRight = append(m.segRight, b.segRight[i]+dx)
			}
			m.right = b.right + dx
			m.spread = true
			*a = m
			drop[b] = true
		}
		k++ // the right page is no left page of the next
	}
	if len(drop) == 0 {
		return lines
	}
	return slices.DeleteFunc(lines, func(l *pdfLine) bool { return drop[l] })
}

// spreadPairs matches the rows of amounts of a right page to the label
// lines of the left page on their baselines (see joinSpreads): right line
// index → left line index, nil unless every row of amounts has its label.
func spreadPairs(left, right []*pdfLine) map[int]int {
	onBaseline := func(r *pdfLine) (int, bool) {
		found := -1
		for i, l := range left {
			if l.vertical || math.Abs(l.bottom-r.bottom) > baselineTol*max(l.size, r.size, 1) {
				continue
			}
			if found >= 0 {
				return -1, false // two lines on its baseline: no grid
			}
			found = i
		}
		return found, found >= 0
	}
	pairs := map[int]int{}
	used := map[int]bool{}
	first := -1
	for ri, r := range right {
		if r.vertical || !amountsOnly(r) {
			continue
		}
		li, ok := onBaseline(r)
		if !ok || used[li] || !isLabelLine(left[li]) {
			return nil
		}
		pairs[ri], used[li] = li, true
		if first < 0 {
			first = ri
		}
	}
	if len(pairs) < 3 {
		return nil
	}
	if h := first - 1; h >= 0 && isHeaderRow(right[h]) {
		if li, ok := onBaseline(right[h]); ok && !used[li] && isHeaderRow(left[li]) {
			pairs[h] = li
		}
	}
	return pairs
}

// amountsOnly reports whether every cell of a line is a number or an
// amount (a row of a table's right half: 「150,214 | 323 | 150,537」).
func amountsOnly(l *pdfLine) bool {
	for _, s := range l.segs {
		if !reNumberCell.MatchString(strings.TrimSpace(s)) && s != "△" && s != "▲" {
			return false
		}
	}
	return true
}

// isLabelLine reports whether a line can be the left half of a row: short
// (at most 40 characters), no sentence, some letters, and no amount (a
// number of four or more digits or grouped by commas; an item's own
// number, 「14」, is no amount).
func isLabelLine(l *pdfLine) bool {
	t := l.text()
	if utf8.RuneCountInString(t) > 40 || strings.ContainsAny(t, "。．") || !strings.ContainsFunc(t, unicode.IsLetter) {
		return false
	}
	for _, s := range l.segs {
		if reSpreadAmount.MatchString(strings.TrimSpace(s)) {
			return false
		}
	}
	return true
}

// reSpreadAmount is an amount: digits grouped by commas, or four or more.
var reSpreadAmount = regexp.MustCompile(`^[△▲-]?\s*(?:[0-9０-９]{1,3}(?:[,，][0-9０-９]{3})+|[0-9０-９]{4,})$`)

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
	t := l.text()
	return !l.tableRow && !l.article && body > 0 && l.size >= body*headingScale && utf8.RuneCountInString(t) <= maxHeadingRune &&
		namesSomething(t) && wideGaps(l) < 2 && !isBullet(t)
}

// isBullet reports whether a line is an item of a bulleted list
// (「・総人口：2060年に380万人程度」, a chart's call-out set large): a list
// item, not a heading.
func isBullet(t string) bool {
	t = strings.TrimSpace(t)
	return strings.HasPrefix(t, "・") || strings.HasPrefix(t, "•")
}

func isBoldHeading(l *pdfLine, body float64) bool {
	t := l.text()
	return !l.tableRow && !l.vertical && l.bold && !(l.boldPage && !reBudgetDivision.MatchString(strings.TrimSpace(t))) && math.Abs(l.size-body) < 0.5 && utf8.RuneCountInString(t) <= maxHeadingRune &&
		!strings.HasSuffix(t, "。") && namesSomething(t) && !isBullet(t)
}

// reBudgetDivision: a line that opens a budget's 款 or 項 (款　1.国民健康
// 保険税, 第3款 民生費, １２款　公債費, 項　2.基金繰入金).
var reBudgetDivision = regexp.MustCompile(`^(款|項)[\s　]|^第?[0-9０-９]{1,2}\s*(款|項)`)

// namesSomething: a heading names something, so it has a letter; a line
// of figures alone (a table's column numbers 「1 2 3 … 22」, a chart's
// axis) heads nothing, nor does a figure with its unit (an axis's 「200人」).
func namesSomething(t string) bool {
	t = strings.TrimSpace(t)
	return strings.IndexFunc(t, unicode.IsLetter) >= 0 && !reNumberCell.MatchString(t) && !reQuantity.MatchString(t)
}

// reQuantity is a figure written with 億, 万 or 千 and its unit, a chart's
// call-out: 「１億2,808万人」, 「約9,700万人」.
var reQuantity = regexp.MustCompile(`^約?[0-9０-９][0-9０-９,，.．]*(?:[億万千][0-9０-９,，.．]*)+(?:人|円|件|戸|世帯|台|t|ｔ)?(?:程度)?$`)

// buildBlocks joins wrapped lines into paragraphs and emits blocks.
func buildBlocks(lines []*pdfLine, body float64, levels map[float64]int) []Block {
	left, right, margin := textEdges(lines)
	var out []Block
	var cur *Block
	var text strings.Builder // cur's text: a paragraph grows a line at a time
	var prev *pdfLine
	flush := func() {
		if cur != nil {
			cur.Text = closeBrackets(text.String())
			if strings.TrimSpace(cur.Text) != "" {
				out = append(out, *cur)
			}
		}
		cur = nil
		text.Reset()
	}
	header, headerCells := "", 0 // the header row of the table being read
	var outer []*pdfLine         // the budget lines the next one may sit under (see within)
	for i, l := range lines {
		switch {
		case l.tableRow:
			flush()
			text := rowText(l)
			if strings.ContainsAny(text, "「『〔【(") {
				cells := strings.Split(text, " | ")
				for k, c := range cells {
					cells[k] = closeBrackets(c)
				}
				text = strings.Join(cells, " | ")
			}
			first := i == 0 || !lines[i-1].tableRow
			if first {
				outer = outer[:0]
			}
			switch {
			case first && isHeaderRow(l):
				header, headerCells = text, len(l.segs)
				out = append(out, Block{Kind: TableCell, Text: text, Page: l.page})
				continue
			case first && !(i > 0 && lines[i-1].page < l.page && headerCells == len(l.segs)):
				// a new table without a header row; one that goes on at
				// the top of the next page with as many cells keeps its header
				header, headerCells = "", 0
			}
			var in []string
			in, outer = within(outer, l)
			out = append(out, Block{Kind: TableCell, Text: text, Page: l.page, Header: header, Within: in})
		case isSizedHeading(l, body) && !wrapsOn(lines, i, left, right, margin):
			flush()
			out = append(out, Block{Kind: Heading, Level: levels[l.size], Text: closeBrackets(l.text()), Page: l.page})
		case isBoldHeading(l, body) && !wrapsOn(lines, i, left, right, margin):
			flush()
			out = append(out, Block{Kind: Heading, Level: min(len(levels)+1, 6), Text: closeBrackets(l.text()), Page: l.page})
		case isCaption(lines, i) && namesSomething(l.text()):
			flush()
			out = append(out, Block{Kind: Heading, Level: min(len(levels)+1, 6), Text: closeBrackets(l.text()), Page: l.page})
		case cur != nil && continues(prev, l, left, right, margin) && (l.page == prev.page || prev.page == cur.Page) &&
			text.Len() < maxParagraphBytes:
			// a paragraph runs on across one page break at most, and to a
			// bound: lines of one width with no full stop (a list, a
			// generated book) would otherwise make a whole book one block
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

// closingBracket is each opening bracket's closing one (closeBrackets).
var closingBracket = map[rune]rune{'「': '」', '『': '』', '〔': '〕', '【': '】', '（': '）', '(': ')'}

// closeBrackets gives a paragraph its closing brackets back. Some fonts'
// closing brackets come out of the PDF engine as the opening one (in
// vertical text 「３駅維持管理「は」, 「（金(」; 「市民審査員募集要項「（公式HP…）」
// in a 広報's horizontal text, which pdftotext reads 」). Japanese does not nest
// a bracket in one of its own kind (a quotation inside 「」 takes 『』), so
// a 「 (or 『, 〔, 【) while one is open, whose next bracket of its kind is no
// closing one, closes it; one followed by its own closing bracket opens a
// quotation as written (「…「秘境駅」」 stays, should a closing bracket have
// been lost before it). A half-width ( inside an open （ or ( closes it,
// unless a ) follows (「（注(1)参照）」, 「1期(4年＝48月)」).
func closeBrackets(s string) string {
	if !strings.ContainsAny(s, "「『〔【(") {
		return s
	}
	closing := closingBracket
	out := []rune(s)
	var open []rune
	pop := func(r rune) { // down to and including the innermost r
		for k := len(open) - 1; k >= 0; k-- {
			if open[k] == r {
				open = open[:k]
				return
			}
		}
	}
	isOpen := func(r rune) bool { return slices.Contains(open, r) }
	nextOfKind := func(i int, r rune) rune {
		for _, q := range out[i+1:] {
			if q == r || q == closing[r] {
				return q
			}
		}
		return 0
	}
	for i, r := range out {
		switch r {
		case '「', '『', '〔', '【':
			if isOpen(r) && nextOfKind(i, r) != closing[r] {
				out[i] = closing[r]
				pop(r)
				continue
			}
			open = append(open, r)
		case '（':
			open = append(open, r)
		case '(':
			if n := len(open); n > 0 && (open[n-1] == '（' || open[n-1] == '(') && nextOfKind(i, '(') != ')' {
				out[i] = closing[open[n-1]]
				open = open[:n-1]
				continue
			}
			open = append(open, r)
		case '」', '』', '〕', '】', '）', ')':
			for o, c := range closing {
				if c == r {
					pop(o)
				}
			}
		}
	}
	return string(out)
}

// wrapsOn reports whether line i is prose set large or bold, not a
// heading: a heading is a name, it does not run to the margin and wrap.
// Such a line is a clause that the next line goes on (「ウ　学校の老朽化が
// 指摘されているが、耐震工事校舎の新築計画はどのよう」 over 「になっているか。」),
// or holds a sentence's end with more after it (「技からの現役引退を発表しまし
// た。吉田選手」), or stands between two lines of its paragraph (「大会では男子
// 15kmフリーで13位と大健闘す」), or ends the paragraph of such a line above
// it (「るなど、大舞台で活躍し続けました。」): a 広報 sets some articles' body
// text a size larger than the rest.
func wrapsOn(lines []*pdfLine, i int, left, right, margin map[edgeKey]float64) bool {
	t := lines[i].text()
	prose := func(t string) bool {
		return strings.Contains(t, "、") || strings.Contains(strings.TrimRight(t, "。」）) "), "。")
	}
	if strings.Contains(strings.TrimRight(t, "。」）) "), "。") {
		return true // a name holds no sentence's end with more after it
	}
	if strings.HasSuffix(strings.TrimRight(t, "」） "), "。") && strings.Contains(t, "、") && utf8.RuneCountInString(t) >= 20 {
		return true // a whole sentence (「…の予算は、次に定めるところによる。」), not a catchphrase (「感動を、ありがとう。」)
	}
	from := i > 0 && continues(lines[i-1], lines[i], left, right, margin)
	if i+1 < len(lines) && continues(lines[i], lines[i+1], left, right, margin) {
		return prose(t) || from
	}
	return from && strings.HasSuffix(t, "。") && prose(lines[i-1].text())
}

// within places a budget line under the lines above it, as a budget
// table prints its outline: 款 in the first column, each 項 below it in
// the second (「14 分担金及び負担金」 over 「2 負担金」), or an item
// indented under the one it details (「市民税」 over 「個人市民税」). A
// row that holds an amount and whose label starts further right than the
// label of a row above it (by half an em or more), with no row between
// starting left of it, sits under that row: it gets the cells of those
// rows that stand left of its start (their labels, without amounts),
// outermost first. A total (合計, 小計, 歳入合計) ends the outline. outer is
// the rows the next row may sit under, as within returns it.
func within(outer []*pdfLine, l *pdfLine) (in []string, next []*pdfLine) {
	if !isBudgetLine(l) {
		return nil, outer
	}
	x, tol := l.segLeft[0], 0.5*max(l.size, 1)
	for len(outer) > 0 && outer[len(outer)-1].segLeft[0] > x-tol {
		outer = outer[:len(outer)-1]
	}
	// label is o's number and name (「12 投資的経費」 over
	// 「1) 普通建設事業費」)
	label := func(o *pdfLine) string {
		if reItemNumber.MatchString(strings.TrimSpace(o.segs[0])) {
			return strings.TrimSpace(o.segs[0]) + " " + strings.TrimSpace(o.segs[1])
		}
		return strings.TrimSpace(o.segs[0])
	}
	if reTotal.MatchString(strings.ReplaceAll(label(l), " ", "")) {
		return nil, outer[:0]
	}
	for _, o := range outer {
		in = append(in, label(o))
	}
	return in, append(outer, l)
}

// rowText is a table row's cells joined by cellSep; a budget line's item
// number and name are one cell, as the table's 款 column holds them:
// 「14 分担金及び負担金 | 150,214 | 323 | 150,537」.
func rowText(l *pdfLine) string {
	if len(l.segs) > 2 && isBudgetLine(l) && reItemNumber.MatchString(strings.TrimSpace(l.segs[0])) {
		return strings.TrimSpace(l.segs[0]) + " " + strings.Join(l.segs[1:], cellSep)
	}
	return strings.Join(l.segs, cellSep)
}

// isBudgetLine reports whether a table row is a line of a budget, as
// 款・項・目 and 区分 tables print them: a label, an item's number or not
// and a name (「2 | 負担金」, 「1) | 普通建設事業費」, 「市民税」), then
// numbers only (amounts, ratios, △): 「2 | 負担金 | 149,994 | 323 |
// 150,317」, 「特例地方債 | 0 | 0 | 0.0」. Rows of a table of projects
// (「【都市計画課】 | 調査設計委託料 | 13,000千円 | 報償費」) are none.
func isBudgetLine(l *pdfLine) bool {
	segs := l.segs
	if len(segs) > 0 && reItemNumber.MatchString(strings.TrimSpace(segs[0])) {
		segs = segs[1:]
	}
	if len(segs) < 2 {
		return false
	}
	name := strings.TrimSpace(segs[0])
	if !strings.ContainsFunc(name, unicode.IsLetter) || strings.ContainsAny(name, "【】＜＞<>「」。") || utf8.RuneCountInString(name) > 30 {
		return false
	}
	for _, s := range segs[1:] {
		s = strings.TrimSpace(s)
		if !reNumberCell.MatchString(s) && s != "△" && s != "▲" {
			return false
		}
	}
	return true
}

// reItemNumber is an item's number in a budget line's label: 14, 1), (1), ①.
var reItemNumber = regexp.MustCompile(`^(?:[0-9０-９]{1,3}[)）]?|[(（][0-9０-９]{1,3}[)）]|[①-⑳])$`)

// reTotal is the label of a total row: 合計, 小計, 計, 歳入合計, 総計
// (not 一般会計).
var reTotal = regexp.MustCompile(`^(?:[^0-9０-９]{0,4}合|小|総|累)?計$`)

// reNumberCell matches a cell that is a number or an amount: 1,066,519,
// △5,057, 12.5%, 3,000千円.
var reNumberCell = regexp.MustCompile(`^[△▲▼\-−ー]?[0-9０-９][0-9０-９,，.．\s]*(?:%|％|円|千円|百万円|人|件|戸|㎡)?$`)

// isHeaderRow reports whether a table's first row is its header. The
// header goes into the heading path of every row below it, and on across
// pages, so a wrong one misleads every passage: the rule is conservative,
// no header rather than a data row. A header is short labels: no cell is a
// number or holds a digit (a data row 「7 | 力に関する協定（令和元年11月1日）
// | …」, a chart's axis 「2010年 | 2 015年」, a timetable 「幌 | 延 | 9:42」),
// none is a sentence (。), a field with its value (自：自由民主石垣, 団体名
// | ：音威子府村), a list item (・, (1)) or bare punctuation
// (「月分 | ( | )」), none is longer than 14 characters, and unless the row
// is bold none is longer than 10.
func isHeaderRow(l *pdfLine) bool {
	limit := 10
	if l.bold {
		limit = 14
	}
	for _, s := range l.segs {
		s = strings.TrimSpace(s)
		if reNumberCell.MatchString(s) || strings.ContainsFunc(s, unicode.IsDigit) || strings.ContainsAny(s, "。：") {
			return false
		}
		if startsItem(s) || strings.HasPrefix(s, "(") || strings.HasPrefix(s, "（") && !isAside(s) {
			return false
		}
		if !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsLetter(r) }) {
			return false
		}
		if utf8.RuneCountInString(s) > limit {
			return false
		}
	}
	return true
}

// isCaption reports whether line i names the table below it: a short
// line of body text without a full stop, not itself a row, right above
// the table's first row (within two line heights, on its page), starting
// in the row's left half: 「第１表　歳入歳出予算補正」. A line in the
// rightmost column is the wrapped end of the row above's cell (a budget
// book's 説明: 「…事業費補」 over 「助金(1/2･4/5)」), no caption.
func isCaption(lines []*pdfLine, i int) bool {
	if i+1 >= len(lines) {
		return false
	}
	l, next := lines[i], lines[i+1]
	t := strings.TrimSpace(l.text())
	n := utf8.RuneCountInString(t)
	return !l.tableRow && !l.vertical && !headsCells(l) && next.tableRow && next.page == l.page && n >= 2 && n <= 40 &&
		!strings.ContainsAny(t, "。．") && !rePageNumber.MatchString(t) && !isAside(t) && !isBullet(t) &&
		l.bottom-next.top <= 2*max(l.top-l.bottom, 1) && l.left <= (next.left+next.right)/2
}

// headsCells reports whether a line is spaced as a row of cells (a wide
// gap between its segments, 「目標　　　推進者」, 「年　度　　災害の種類　　被害状況」),
// a table's column labels rather than its caption; a caption's unit
// set apart at the right (「【一般会計】　　　(単位 千円)」) is no cell.
func headsCells(l *pdfLine) bool {
	for j := len(l.segs) - 1; j > 0; j-- {
		if t := strings.TrimSpace(l.segs[j]); strings.HasPrefix(t, "(") || strings.HasPrefix(t, "（") {
			if isAside(strings.TrimSpace(strings.Join(l.segs[j:], " "))) {
				return wideGapsIn(l, j) > 0
			}
			break
		}
	}
	return wideGap(l)
}

// isAside reports whether text is wholly in round brackets: 「（単位：千円）」.
func isAside(t string) bool {
	return (strings.HasPrefix(t, "（") || strings.HasPrefix(t, "(")) && (strings.HasSuffix(t, "）") || strings.HasSuffix(t, ")"))
}

// textEdges are the left and right edges of the body text per page and
// text column: the most common line start and line end (a line that
// overhangs the margin with a closing bracket does not move the edge).
func textEdges(lines []*pdfLine) (left, right, margin map[edgeKey]float64) {
	starts, ends := map[edgeKey]map[float64]int{}, map[edgeKey]map[float64]int{}
	wide := map[edgeKey][]float64{} // where each line of prose length ends
	for _, l := range lines {
		if l.tableRow || l.vertical {
			continue
		}
		k := edgeKey{l.page, l.col}
		if starts[k] == nil {
			starts[k], ends[k] = map[float64]int{}, map[float64]int{}
		}
		starts[k][math.Round(l.left)]++
		ends[k][math.Round(l.right)]++
		if utf8.RuneCountInString(l.text()) >= minEdgeRunes {
			wide[k] = append(wide[k], l.right)
		}
	}
	// margin: the right edge the widest lines of prose reach, the second
	// widest (one line may overhang it by a bracket); a chart's axis
	// labels (「110.0」, 「105.0」 … ending at one x) are no margin
	margin = map[edgeKey]float64{}
	for k, xs := range wide {
		slices.Sort(xs)
		margin[k] = xs[max(len(xs)-2, 0)]
	}
	right = modes(ends)
	setLeading(lines, right)
	return modes(starts), right, margin
}

// setLeading gives each line the document's leading: the most common
// gap, in line heights, from a line of prose that runs to the right edge
// to the next line of its size below it, the way a paragraph's lines
// stand. A speech or a bill typed double-spaced (12-point lines 27 points
// apart) sets its paragraphs' lines farther apart than lineGapFactor
// allows, and each line had been a paragraph of its own (「…第４２５回南国
// 市議会定例」, 「会が開かれます…」). Only lines of prose count (20
// characters or more, with a comma or a full stop), so a page of labels or
// of a chart's axis, spaced apart, does not set it.
func setLeading(lines []*pdfLine, right map[edgeKey]float64) {
	gaps := map[float64]int{}
	n := 0
	for i := 1; i < len(lines); i++ {
		prev, l := lines[i-1], lines[i]
		if prev.tableRow || l.tableRow || prev.vertical || l.vertical || prev.page != l.page || prev.col != l.col ||
			math.Abs(prev.size-l.size) > 0.5 || !proseLine(prev) || !proseLine(l) {
			continue
		}
		h := prev.top - prev.bottom
		if h <= 0 || prev.right < right[edgeKey{l.page, l.col}]-rightSlackEm*max(prev.size, 1) {
			continue
		}
		if g := (prev.bottom - l.top) / h; g >= 0 && g <= maxLeading {
			gaps[math.Round(g*20)/20]++
			n++
		}
	}
	if n < minLeadingLines {
		return
	}
	lead := modes(map[edgeKey]map[float64]int{{}: gaps})[edgeKey{}]
	for _, l := range lines {
		l.leading = lead
	}
}

// proseLine: a line of running text, as the leading is read from.
func proseLine(l *pdfLine) bool {
	t := l.text()
	return utf8.RuneCountInString(t) >= 20 && strings.ContainsAny(t, "、。")
}

const (
	maxLeading      = 2.5 // a gap wider than this many line heights is no leading
	minLeadingLines = 5   // full lines of prose a document needs to show its leading
)

// minEdgeRunes is the length of a line that can show where the text's
// margin is.
const minEdgeRunes = 10

// edgeKey is a page and a text column of it.
type edgeKey struct{ page, col int }

// modes returns the most common value per key (the smallest on a tie).
func modes(m map[edgeKey]map[float64]int) map[edgeKey]float64 {
	out := map[edgeKey]float64{}
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

// maxParagraphBytes bounds a paragraph joined from wrapped lines (about
// 2,700 Japanese characters, several times the longest paragraph of a
// policy speech); the passage splitter cuts it at sentences anyway.
const maxParagraphBytes = 8 << 10

// continues reports whether l is the wrapped continuation of prev.
func continues(prev, l *pdfLine, left, right, margin map[edgeKey]float64) bool {
	if prev == nil || prev.tableRow || math.Abs(prev.size-l.size) > 0.5 {
		return false
	}
	em := max(l.size, 1)
	pt := strings.TrimSpace(prev.text())
	if wideGap(prev) || wideGap(l) {
		return false // cells of a table without rules to align them, not prose
	}
	if prev.vertical || l.vertical {
		// the next column, to the left, as high as this one, which runs
		// as low as the next (a short column ends its paragraph)
		return prev.vertical && l.vertical && l.page == prev.page && !strings.HasSuffix(pt, "。") &&
			prev.left-l.left > 0.5*em && prev.left-l.left <= 3*em &&
			l.top >= prev.top-indentEm*em && prev.bottom <= l.bottom+rightSlackEm*em && !startsItem(l.text())
	}
	if strings.HasSuffix(pt, "。") || prev.right < right[edgeKey{prev.page, prev.col}]-rightSlackEm*em {
		return false
	}
	if startsItem(l.text()) || reOpensItem.MatchString(l.text()) || len(l.segs) > 1 && isItemLabel(l.segs[0]) {
		return false
	}
	if l.left > left[edgeKey{l.page, l.col}]+indentEm*em {
		// set in from the margin: the next line of a hanging item, when
		// prev runs to where the widest lines end (a short item's title,
		// 「３　農作物の有害鳥獣による被害対策について」, ends its line)
		m, ok := margin[edgeKey{prev.page, prev.col}]
		if !ok || prev.right < m-rightSlackEm*em || !hangs(prev, l) {
			return false
		}
	}
	if l.page == prev.page {
		height := prev.top - prev.bottom
		return prev.bottom-l.top <= max(lineGapFactor, l.leading+leadingSlack)*height
	}
	return l.page == prev.page+1
}

// hangs reports whether l starts where a wrapped line of prev's item
// goes on: a numbered item or note wraps with a hanging indent
// (ぶら下げ), its next lines set in from the item's number and not past
// where its text starts (「３　給与費については、…が含ま」 over 「れて
// いるが、…」, 「（注）１　ラスパイレス指数とは…」 over 「め、国の…」),
// and every later line starts where the one before it did.
func hangs(prev, l *pdfLine) bool {
	tol := indentEm * max(l.size, 1)
	if len(prev.segs) > 1 && isItemLabel(prev.segs[0]) {
		return l.left > prev.left+tol && l.left <= prev.segLeft[1]+tol
	}
	if n := labelRunes(prev.text()); n > 0 {
		// the label set solid with its text, 「（１）子育て支援課において…」:
		// its text starts a label's width in
		return l.left > prev.left+tol && l.left <= prev.left+float64(n)*max(prev.size, 1)+tol
	}
	// the same start, or one character out from a paragraph's first line
	// set in by one (字下げ) where the page's other lines (a chart's
	// labels) make the most common start no margin
	return math.Abs(l.left-prev.left) <= tol || math.Abs(prev.left-max(l.size, 1)-l.left) <= tol
}

// labelRunes is how many characters of a line's start are an item's
// label set solid with its text (「（１）」, 「①」, 「・」), 0 for none.
func labelRunes(t string) int {
	if m := reOpensItem.FindString(t); m != "" {
		return utf8.RuneCountInString(m)
	}
	if startsItem(t) {
		return 1
	}
	return 0
}

// isItemLabel reports whether a segment is the label of a numbered item
// or note that the item's text follows: 「３」, 「(2)」, 「①」, 「ア」,
// 「（注）１」, 「注２」, 「※」, 「※1」, an article's 「第１条」.
func isItemLabel(s string) bool {
	return reItemLabel.MatchString(strings.TrimSpace(s))
}

// reOpensItem is the start of a line that opens an item numbered in
// brackets or a note: 「（１）空港滑走路延長…」, 「(2) 国民保護計画…」,
// 「（注）「民間給与」…」.
var reOpensItem = regexp.MustCompile(`^[(（](?:[0-9０-９]{1,2}|注)[)）]`)

var reItemLabel = regexp.MustCompile(`^(?:第[0-9０-９一二三四五六七八九十]{1,3}条(?:の[0-9０-９一二三四五六七八九十]{1,2})?|(?:[(（]注[)）]|注)[ 　]*[0-9０-９]{0,2}|※[0-9０-９]{0,2}|[0-9０-９]{1,2}[.．)）]?|[(（][0-9０-９]{1,2}[)）]|[①-⑳]|[ア-ン][.．)）]?|[(（][ア-ン][)）])$`)

// wideGap reports whether a line has a gap of 1.2 em or more between
// segments, which prose never has (but after an item's number, a tab
// away from its text: 「２　　職員数については、…」).
func wideGap(l *pdfLine) bool { return wideGaps(l) > 0 }

// wideGaps counts a line's wide gaps (see wideGap). A heading set large
// may have one (「イベントカレンダー　　2月・3月」, a title and its
// source); a row of cells in a large type, a chart's legend
// (「音威子府村　　類似団体平均　　全国町村平均」) or a table's column
// labels, has more.
func wideGaps(l *pdfLine) int { return wideGapsIn(l, len(l.segs)) }

// wideGapsIn counts the wide gaps between l's first n segments.
func wideGapsIn(l *pdfLine, n int) (gaps int) {
	first := 1
	if n > 1 && isItemLabel(l.segs[0]) {
		first = 2
	}
	for i := first; i < n; i++ {
		if l.segLeft[i]-l.segRight[i-1] >= 1.2*max(l.size, 1) {
			gaps++
		}
	}
	return gaps
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
