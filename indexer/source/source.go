package source

import "seisaku/indexer/meta"

// BlockKind says what a Block is in the document's structure.
type BlockKind int

const (
	Paragraph BlockKind = iota // running text; may be a heading the reader could not recognise
	Heading                    // a heading the format marks (Markdown #, HTML h1–h6, CSV title)
	ListItem                   // a bullet or numbered item
	TableCell                  // one cell of a table
	Speech                     // one paragraph of a speech in minutes (○name　…)
)

// Block is one unit of structure in reading order, with clean text (no
// markup, no site chrome). Text keeps the original characters: no width or
// kana folding happens here, so highlights can point into it.
type Block struct {
	Kind  BlockKind
	Level int    // heading level 1–6 when the format states it; 0 when unknown
	Text  string // never empty
	Page  int    // 1-based page of a paged format (PDF) the block starts on; 0 when the format has none
	// Header is, for a TableCell row, the header row of its table (cells
	// joined by " | ", as the row's own), under which the row's cells
	// read: 「議案番号 | 件名 | 審議結果 | 議決日」. "" when none.
	Header string
	// Within is, for a TableCell row of a budget table, the labels of the
	// rows it sits under, outermost first: a 項 row's 款
	// (「14 分担金及び負担金」 over 「2 負担金 | 149,994 | 323 | 150,317」).
	// nil when none.
	Within []string
	// OCR: the block was read from a page image by OCR (a scanned PDF page,
	// or one whose text layer was garbage), so some characters may be wrong.
	OCR bool
	// Speech is, in minutes, the 1-based number of the speech the block
	// belongs to (0: none, or not minutes). Readers leave it 0; the
	// indexer's reading of minutes (package minutes) sets it, and the
	// passage splitter never joins blocks of two speeches.
	Speech int
}

// Source is one document as a reader found it in a file, before metadata
// extraction, passage splitting and theme tagging.
type Source struct {
	Path     string // file path as given to the reader
	Key      string // where in the file: "" for a whole-file document, else e.g. "row 12", "line 5", "record 3"
	URL      string // the document's address when the file states one (speech header 出典, JSON source_url, pdf_url)
	Title    string // the title the format states; "" when it states none
	Blocks   []Block
	Hints    meta.Metadata // metadata the format states explicitly (CSV 自治体名/公開年月, JSON bureau/dept, …)
	Encoding string        // detected input encoding: "UTF-8", "Shift_JIS", "EUC-JP"
	// Front is, for minutes, what is no speech, line by line as written
	// (leading spaces kept: rosters are laid out in columns): the header
	// before the first speech (the meeting, its date, 議事日程, the 出席議員
	// and 説明のため出席した者 lists with titles) and the stage notes
	// (〔議長　森山享大議長席へ着く〕). Read for the meeting and the speakers,
	// never indexed. nil for other documents.
	Front []string
	// Session is the meeting the format states (a minutes record's
	// session field: 平成28年第4回定例会); "" when it states none.
	Session string
	// Damage says what was repaired to read the document, e.g. "2 broken
	// byte sequences replaced with U+FFFD (read as UTF-8)"; "" for none.
	Damage string
}
