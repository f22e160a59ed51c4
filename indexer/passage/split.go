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

// Split turns blocks into passages in reading order.
//
// Headings (Heading blocks, and Paragraph or TableCell blocks that look like
// the seeds' outline, see heading.go) become the Headings path of the
// passages below them and are not passages themselves. Every other block is
// one passage, with its text trimmed at both ends. A fragment (at most 5
// characters, or a parenthesised aside of at most 30) is appended to the
// previous passage under the same headings, joined by a newline; when there
// is none it is put in front of the next passage under the same headings,
// and stands alone only when the headings change first. A passage longer
// than MaxRunes is cut at sentence ends (see Cut). Blocks starting with
// 「問合せ先: 」 and blank blocks are dropped. Seq numbers run 0..n-1.
func Split(blocks []source.Block) []Passage {
	var s splitter
	for i, b := range blocks {
		text := strings.TrimSpace(b.Text)
		if text == "" || strings.HasPrefix(text, footerPrefix) {
			continue
		}
		if rank, label, ok := headingRank(blocks, i, text); ok {
			s.openHeading(rank, label)
			continue
		}
		s.add(text, b.Page)
	}
	return s.finish()
}

type heading struct {
	rank  int
	label string
}

type unit struct {
	text     string
	headings []string
	path     int // which heading path the unit sits under
	page     int // page of its first block
}

type splitter struct {
	open    []heading
	path    int      // bumped whenever the open headings change
	labels  []string // the current path, shared by its units
	units   []unit
	pending []string // fragments waiting for the next passage
	pendPg  int      // page of the first pending fragment
}

func (s *splitter) openHeading(rank int, label string) {
	s.flushPending()
	for len(s.open) > 0 && s.open[len(s.open)-1].rank >= rank {
		s.open = s.open[:len(s.open)-1]
	}
	s.open = append(s.open, heading{rank, label})
	s.path++
	s.labels = make([]string, len(s.open))
	for i, h := range s.open {
		s.labels[i] = h.label
	}
}

func (s *splitter) add(text string, page int) {
	if isFragment(text) {
		if n := len(s.units); n > 0 && s.units[n-1].path == s.path {
			s.units[n-1].text += fragmentSep + text
		} else {
			if len(s.pending) == 0 {
				s.pendPg = page
			}
			s.pending = append(s.pending, text)
		}
		return
	}
	if len(s.pending) > 0 {
		text = strings.Join(append(s.pending, text), fragmentSep)
		s.pending, page = nil, s.pendPg
	}
	s.units = append(s.units, unit{text, s.labels, s.path, page})
}

// flushPending emits waiting fragments as one passage before the path changes.
func (s *splitter) flushPending() {
	if len(s.pending) == 0 {
		return
	}
	s.units = append(s.units, unit{strings.Join(s.pending, fragmentSep), s.labels, s.path, s.pendPg})
	s.pending = nil
}

func (s *splitter) finish() []Passage {
	s.flushPending()
	var out []Passage
	for _, u := range s.units {
		for _, piece := range Cut(u.text, MaxRunes) {
			out = append(out, Passage{Seq: len(out), Text: piece, Headings: slices.Clip(u.headings), Page: u.page})
		}
	}
	return out
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
