package passage

// Passage is the unit a person would cite: a bullet, a paragraph, a table
// cell, a speech paragraph. Text is the original text of the passage (not
// folded); Headings is the outline path above it, outermost first, e.g.
// ["経営課題1 全庁的な政策推進", "戦略1-1 全庁的な企画立案機能の強化"].
type Passage struct {
	Seq      int // 0-based position in the document
	Text     string
	Headings []string
	Page     int // 1-based page its first block is on (PDF); 0 when the format has no pages
	// OCR: some of its text was read from a page image by OCR (a scanned
	// PDF page), so a character may be wrong.
	OCR bool
	// Speech is, in minutes, the 1-based number of the speech the passage
	// is part of (source.Block.Speech); 0 elsewhere.
	Speech int
}
