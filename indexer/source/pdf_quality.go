package source

// Whether a page's text layer is text. A scanned page often carries an
// old OCR layer, and an office file sometimes embeds fonts without a
// Unicode map; either gives characters that are no text. A page is
// garbled, and read as a scan (OCR when Tesseract is installed, skipped
// with the reason otherwise), when one of these holds over its printable
// characters (spaces excluded):
//
//   - unmapped: more than 5 % are characters PDFium could not map to
//     Unicode: U+FFFD, a private-use character, a control or NUL, or one
//     FPDFText_HasUnicodeMapError flags (MinerU's threshold). A font without
//     a ToUnicode map is not garbled by itself: Adobe-Japan1 CID fonts
//     map through their character collection and pass.
//   - rare kanji: the page has at least 20 kanji and more than 20 % of
//     them (15 % when the text is invisible, render mode 3, as an OCR layer
//     over a scan is) lie outside JIS X 0208 level 1 (rows 16–47, the 2,965
//     kanji of everyday use, told by golang.org/x/text's EUC-JP table), or
//     more than 10 % (7 % invisible) while its kanji stand in long runs (3
//     or more on average: Japanese prose alternates kanji with kana, so its
//     runs are short). OCR garbage maps to real but random kanji, in runs
//     (「と匡柔難鵜腿學鰯鑛ぞ1鰐噸里」: 2 of 11 kanji rare, runs of 8 and 3);
//     Japanese prose, tables and budget books draw nearly all their kanji
//     from level 1: on the 25 municipal PDFs of the reference corpus (361
//     pages of minutes, budgets, bulletins, plans, a disaster plan with
//     place names) no page with 20 kanji has more than 3.9 % rare
//     (TestPDFQualityCorpus); kanji drawn at random from the CJK block are
//     about 85 % rare.
//
// The measure is taken per page, so one garbled page among good ones is
// read by OCR alone.

import (
	"fmt"
	"sync"
	"unicode"

	"golang.org/x/text/encoding/japanese"
)

// maxPageChars bounds the characters read from one page: a hostile page
// cannot stall the reader (a dense A4 page has about 3,000).
const maxPageChars = 200_000

// pageStats counts what the text layer of one page holds.
type pageStats struct {
	chars     int // printable characters other than spaces
	bad       int // NUL, controls, U+FFFD, private use
	unmapped  int // characters with a Unicode map error
	invisible int // characters drawn in render mode 3
	kanji     int
	rare      int // kanji outside JIS X 0208 level 1
	kana      int
	runs      int  // runs of consecutive kanji
	inKanji   bool // the last character counted was a kanji
	cut       int  // characters on the page when more than maxPageChars
	// image is the share of a page without text that images cover
	// (-1: not measured, through the request API).
	image float64
}

// minScanImage: a page without text is a scan when images cover this
// share of it; with less it is blank (a separator, a page left empty).
const minScanImage = 0.25

func (s *pageStats) count(r rune, invisible bool) {
	prev := s.inKanji
	s.inKanji = false
	s.chars++
	if invisible {
		s.invisible++
	}
	switch {
	case r == 0xFFFD || isPrivate(r):
		s.bad++
	case unicode.Is(unicode.Han, r) && r >= 0x3400: // not 々〆〇, symbols of JIS row 1
		s.kanji++
		if !jisLevel1(r) {
			s.rare++
		}
		if !prev {
			s.runs++
		}
		s.inKanji = true
		return
	case unicode.In(r, unicode.Hiragana, unicode.Katakana) && r != 'ー' && r != '・':
		s.kana++
	}
}

// garbled says why the page's text layer is no text, or "" when it is text.
func (s *pageStats) garbled() string {
	n := s.chars + s.bad
	if n == 0 {
		return ""
	}
	if bad := s.bad + s.unmapped; bad*20 > n {
		return fmt.Sprintf("text layer garbled: %d of %d characters unmapped", bad, n)
	}
	invisible := s.invisible*2 > s.chars
	layer := "text layer"
	hi, lo := 0.20, 0.10
	if invisible {
		layer, hi, lo = "invisible text layer", 0.15, 0.07
	}
	if s.kanji < 20 {
		return ""
	}
	rare := float64(s.rare) / float64(s.kanji)
	runLen := float64(s.kanji) / float64(max(s.runs, 1))
	if rare > hi || rare > lo && runLen >= 3 {
		return fmt.Sprintf("%s garbled: %d of %d kanji are rare (outside JIS level 1), %.1f a run", layer, s.rare, s.kanji, runLen)
	}
	return ""
}

// isPrivate reports a private-use character (a glyph without a Unicode map).
func isPrivate(r rune) bool {
	return r >= 0xE000 && r <= 0xF8FF || r >= 0xF0000
}

var jis1 struct {
	once sync.Once
	set  map[rune]bool
}

// jisLevel1 reports whether r is a kanji of JIS X 0208 level 1 (rows 16–47).
func jisLevel1(r rune) bool {
	jis1.once.Do(func() {
		jis1.set = make(map[rune]bool, 3000)
		dec := japanese.EUCJP.NewDecoder()
		for row := 16; row <= 47; row++ {
			for cell := 1; cell <= 94; cell++ {
				b, err := dec.Bytes([]byte{byte(0xA0 + row), byte(0xA0 + cell)})
				if err != nil {
					continue
				}
				for _, k := range string(b) {
					if k != 0xFFFD && unicode.Is(unicode.Han, k) {
						jis1.set[k] = true
					}
				}
			}
		}
	})
	return jis1.set[r]
}
