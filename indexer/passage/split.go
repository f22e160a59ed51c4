package passage

import (
	"slices"
	"strings"
	"unicode/utf8"

	"seisaku/indexer/source"
)

// MaxRunes is the longest passage Split emits, in characters. 400 keeps every
// bullet of the seeds whole (the longest is about 200) and 99% of the
// paragraphs of 桐生市's mayoral speeches (p99 284, max 465) and 94% of the
// lines of its assembly minutes (p50 39, p99 756, max 1,821), and cuts the
// rest into pieces of a few sentences, so a hit points at a screenful, not a
// page. A highlight fragment (~150 characters) fits in one passage.
const MaxRunes = 400

// shortRunes is the length at or below which a line is a fragment (a lone
// 「秘書課」 or 「令和4年度」) rather than a passage of its own.
const shortRunes = 5

// maxAsideRunes bounds a parenthesised aside such as 「(予算額 7百万円)」,
// which is a fragment too.
const maxAsideRunes = 30

// footerPrefix marks the block a reader adds for the page footer's
// organisation; it serves metadata extraction only.
const footerPrefix = "問合せ先: "

// fragmentSep joins a fragment to the passage it is merged into.
const fragmentSep = "\n"

// withinSep joins a table row to the rows it sits in (Block.Within).
const withinSep = " > "

// Split turns blocks into passages in reading order.
//
// Headings (Heading blocks, and Paragraph or TableCell blocks that look like
// the seeds' outline, see heading.go; a table row under a header row is
// never one) become the Headings path of the
// passages below them and are not passages themselves. Every other block is
// one passage, with its text trimmed at both ends. A fragment (at most 5
// characters, or a parenthesised aside of at most 30) is appended to the
// previous passage under the same headings, joined by a newline; when there
// is none it is put in front of the next passage under the same headings,
// and stands alone only when the headings change first. A passage longer
// than MaxRunes is cut at sentence ends (see Cut). A contact line ends the
// passage above it under the same headings, even past MaxRunes or across a
// page (lines.go). Blocks starting with 「問合せ先: 」, update or publication
// stamps (更新日：2024年4月1日), headings of one letter (isDecoration) and
// blank blocks are dropped. A table row with a Header
// (see source.Block) has it as the last step of its heading path; one
// that sits in rows above it (Block.Within: a 項 row in its 款) starts
// with their labels: 「14 分担金及び負担金 > 2 負担金 | 149,994 | 323 |
// 150,317」, so the line reads and is found as one. (In its heading
// path instead, each 款 would be a passage of its own: pages of budget
// tables would hold many more passages, and a page's passages add to its
// rank, see search/hit.)
// In minutes, a passage never holds blocks of two speeches (Block.Speech):
// a new speech starts a new passage, under the same headings, and a block
// of a speech is never a heading by its text. Passage.Speech is its
// blocks' speech. The headings of a cover (isCover) close where its next
// page starts. Seq numbers run 0..n-1.
func Split(blocks []source.Block) []Passage {
	var s splitter
	cover := isCover(blocks)
	for i, b := range blocks {
		if cover && b.Page > 1 {
			s.closeHeadings()
			cover = false
		}
		text := strings.TrimSpace(b.Text)
		if text == "" || strings.HasPrefix(text, footerPrefix) || isStamp(text) || isDecoration(b, text) {
			continue
		}
		s.inSpeech(b.Speech)
		if b.Header == "" && b.Within == nil && (b.Speech == 0 || b.Kind == source.Heading) {
			if rank, label, ok := headingRank(blocks, i, text); ok {
				s.openHeading(rank, label)
				continue
			}
		}
		s.underHeader(b.Header)
		if len(b.Within) > 0 {
			text = strings.Join(b.Within, withinSep) + withinSep + text
		}
		s.ocr = b.OCR
		s.add(text, b.Page)
	}
	return s.finish()
}

type heading struct {
	rank  int
	label string
}

type unit struct {
	speech   int // the speech of minutes its blocks belong to (0 none)
	text     string
	headings []string
	path     int // which heading path the unit sits under
	page     int // page of its first block
	ocr      bool
	contact  bool   // a contact line (isContact)
	tail     string // contact lines after a full group, kept with its last piece
}

type splitter struct {
	open    []heading
	header  string   // the table header the current units read under ("" none)
	path    int      // bumped whenever the open headings change
	labels  []string // the current path, shared by its units
	units   []unit
	pending []string // fragments waiting for the next passage
	pendPg  int      // page of the first pending fragment
	pendOCR bool     // a pending fragment was read by OCR
	ocr     bool     // the block being added was read by OCR
	speech  int      // the speech the block being added belongs to
}

// inSpeech starts a new group of units when the speech changes: what
// came before it is flushed and the heading path, unchanged, gets a new
// number, so nothing packs across the change.
func (s *splitter) inSpeech(speech int) {
	if speech == s.speech {
		return
	}
	s.flushPending()
	s.speech = speech
	s.path++
}

func (s *splitter) openHeading(rank int, label string) {
	s.flushPending()
	for len(s.open) > 0 && s.open[len(s.open)-1].rank >= rank {
		s.open = s.open[:len(s.open)-1]
	}
	s.open = append(s.open, heading{rank, label})
	s.header = ""
	s.setLabels()
}

// isDecoration reports whether a heading block is one letter set large:
// a drop cap (a 広報's 「O」 of 71 points), a masthead's 「特」. It names no
// section and says nothing as text.
func isDecoration(b source.Block, text string) bool {
	return b.Kind == source.Heading && utf8.RuneCountInString(text) < 2
}

// coverRunes is the least prose a page holds when it is more than a
// cover: a paragraph of this many characters, or a table row.
const coverRunes = 40

// isCover reports whether the blocks' first page is a cover: the document
// goes on past it, and it holds names, dates and slogans (the title set
// large, 「令和８年２月16日」, 「延岡市長 三浦 久知」, a 広報's masthead and
// headline) but no paragraph of coverRunes characters and no table row.
// A cover's large lines are the document's title and decoration, not the
// sections of its pages: 「石垣市」 under the title of a budget book had
// headed every page of it, a 広報's 「4　おといねっぷ」 every article.
func isCover(blocks []source.Block) bool {
	more := false
	for _, b := range blocks {
		switch {
		case b.Page > 1:
			more = true
		case b.Page != 1:
		case b.Kind == source.TableCell,
			b.Kind == source.Paragraph && utf8.RuneCountInString(strings.TrimSpace(b.Text)) >= coverRunes:
			return false
		}
	}
	return more
}

// closeHeadings closes every open heading: the next units have none.
func (s *splitter) closeHeadings() {
	s.flushPending()
	s.open = nil
	s.header = ""
	s.setLabels()
}

// underHeader puts the next units under a table's header row (a PDF
// table row's Header), the last step of their heading path, so that a row
// reads and is found with the names of its columns:
// 「第１表　歳入歳出予算補正 > 款 | 項 | 補正前の額」. A block without one
// leaves the table.
func (s *splitter) underHeader(header string) {
	if header == s.header {
		return
	}
	s.flushPending()
	s.header = header
	s.setLabels()
}

// setLabels starts a new heading path from the open headings and header.
func (s *splitter) setLabels() {
	s.path++
	s.labels = make([]string, 0, len(s.open)+1)
	for _, h := range s.open {
		s.labels = append(s.labels, h.label)
	}
	if s.header != "" {
		s.labels = append(s.labels, s.header)
	}
}

func (s *splitter) add(text string, page int) {
	if isFragment(text) {
		if n := len(s.units); n > 0 && s.units[n-1].path == s.path {
			s.units[n-1].text += fragmentSep + text
			s.units[n-1].ocr = s.units[n-1].ocr || s.ocr
		} else {
			if len(s.pending) == 0 {
				s.pendPg = page
			}
			s.pending = append(s.pending, text)
			s.pendOCR = s.pendOCR || s.ocr
		}
		return
	}
	ocr := s.ocr
	if len(s.pending) > 0 {
		text = strings.Join(append(s.pending, text), fragmentSep)
		s.pending, page, ocr = nil, s.pendPg, ocr || s.pendOCR
		s.pendOCR = false
	}
	s.units = append(s.units, unit{speech: s.speech, text: text, headings: s.labels, path: s.path, page: page, ocr: ocr, contact: isContact(text)})
}

// flushPending emits waiting fragments as one passage before the path changes.
func (s *splitter) flushPending() {
	if len(s.pending) == 0 {
		return
	}
	s.units = append(s.units, unit{speech: s.speech, text: strings.Join(s.pending, fragmentSep), headings: s.labels, path: s.path, page: s.pendPg, ocr: s.pendOCR})
	s.pending, s.pendOCR = nil, false
}

func (s *splitter) finish() []Passage {
	s.flushPending()
	var out []Passage
	for _, g := range s.packed() {
		pieces := Cut(g.text, MaxRunes)
		if g.tail != "" {
			pieces[len(pieces)-1] += g.tail // g.text is never empty
		}
		for _, piece := range pieces {
			out = append(out, Passage{Seq: len(out), Text: piece, Headings: slices.Clip(g.headings), Page: g.page, OCR: g.ocr, Speech: g.speech})
		}
	}
	return out
}

// proseRunes is the length from which a unit that holds a full stop is a
// paragraph of prose, which reads on its own: two of them are never packed
// into one passage. Shorter units (a bulletin's 対象：/時間：/問合せ： lines, a
// record's fields, list items) are the parts of a larger whole.
const proseRunes = 100

// packed joins the consecutive units under the same headings into groups of
// at most MaxRunes, one line each, so that lines that belong together (an
// article's lines under its title, the items of a list under their heading,
// the fields of a record) are one passage. A group never crosses a heading
// or a PDF page and never holds two paragraphs of prose; a unit longer than
// MaxRunes is a group of its own, which Cut then cuts. A contact line that
// does not fit ends the group above it as its tail (past MaxRunes, across a
// page); the next line starts a new group.
func (s *splitter) packed() []unit {
	var out []unit
	runes, prose := 0, false
	for _, u := range s.units {
		n := utf8.RuneCountInString(u.text)
		p := isProse(u.text, n)
		k := len(out)
		if u.contact && k > 0 && out[k-1].path == u.path && (out[k-1].tail != "" || out[k-1].page != u.page || runes+1+n > MaxRunes) {
			out[k-1].tail += "\n" + u.text
			out[k-1].ocr = out[k-1].ocr || u.ocr
			continue
		}
		if k > 0 && out[k-1].tail == "" && out[k-1].path == u.path && out[k-1].page == u.page && runes+1+n <= MaxRunes && !(p && prose) {
			out[k-1].text += "\n" + u.text
			out[k-1].ocr = out[k-1].ocr || u.ocr
			runes += 1 + n
			prose = prose || p
			continue
		}
		out = append(out, u)
		runes, prose = n, p
	}
	return out
}

func isProse(text string, runes int) bool {
	return runes >= proseRunes && strings.ContainsAny(text, "。．")
}

// isFragment reports whether text is too slight to cite alone.
func isFragment(text string) bool {
	n := utf8.RuneCountInString(text)
	if n <= shortRunes {
		return true
	}
	return n <= maxAsideRunes && isAside(text)
}

// isAside reports whether text is wholly in one pair of round brackets.
func isAside(text string) bool {
	open := strings.HasPrefix(text, "(") || strings.HasPrefix(text, "（")
	closed := strings.HasSuffix(text, ")") || strings.HasSuffix(text, "）")
	return open && closed
}
