// Package source turns files into documents (Source values): clean blocks
// of text in reading order, with the title, address and metadata the file
// states, and nothing of the site chrome around the content.
//
// ReadFile detects the format from the extension and the content, and the
// encoding from the bytes: valid UTF-8 (with or without BOM) is UTF-8;
// UTF-16 needs a BOM; otherwise Shift_JIS (CP932) and EUC-JP are tried and
// the decoding without errors that reads most like Japanese wins. Bytes
// neither decodes cleanly are a "broken encoding" error. Files compressed
// with gzip (by magic bytes or .gz) are read through it. Line endings
// become "\n"; characters are never changed (no width or NFKC folding:
// that is the analyzers' job, and highlights point into this text).
//
// The formats, as found in the project's sample collection:
//
// Scraped web pages saved as text (.txt): lines of site chrome are left
// out (ページの先頭です, ページ番号:…, SNSリンクは別ウィンドウで開きます, the share
// links, 探している情報が見つからない, 過去の…運営方針, 策定経過, 本文ここまで), as
// are the 【アンケート】 form and the このページの作成者・問合せ先 footer. The
// first title-like line is the title (its repeats are dropped), "•" lines
// are list items and indented lines after one continue it; outline lines
// such as 【戦略 1-1 …】 or 経営課題1 … stay paragraphs: the passage splitter
// recognises headings from their text. The footer's organisation line
// (大阪市 政策企画室秘書部秘書課総務グループ) is emitted as the LAST block, a
// paragraph starting exactly with ContactPrefix ("問合せ先: "), for the
// metadata extractor; the passage splitter drops it.
//
// Table exports (.tsv, or .txt whose lines are mostly tab-separated): every
// cell is a TableCell block, a cell of several <p> parts gives one block a
// part, tags are stripped and entities unescaped; lines without tabs are
// paragraphs. The whole file is one document.
//
// Markdown (.md, .markdown, or .txt with "#" headings or "- " items):
// headings keep their level, "- " items are list items (a further "・" or
// "◆" marker is stripped, numbering such as "(1)" or "①" kept), lines
// right after an item continue it, other lines are paragraphs. The title
// is the first heading, else the first short line that is not a bare year.
//
// Speeches (.txt starting with a three-line header: assembly, date and
// title; "発言者: …"; "出典: URL"): the first line is the title, the URL the
// address, the speaker line a paragraph, every further line a Speech block.
//
// CSV exports with a header row: one document per row, keyed "row N". The
// columns are found by name: 記事タイトル/タイトル/title is the title,
// 記事本文/本文/text/body the text (one block a line, "・" lines list items),
// 自治体名 the City hint (神奈川県厚木市 → 厚木市, with 神奈川県 as Prefecture hint),
// 公開年月/公開日/date the Published hint (2024.04.15 → 2024-04-15). Without a
// text column every other field becomes a "name: value" paragraph.
//
// JSON (.json): an array of records, or an object holding one under
// "records" (or "items", "data") beside "municipality_page_title", whose
// first word gives the City hint. One document per record, keyed
// "record N". A 事務事業評価 record (name, bureau, dept, budget, ev, cls,
// output_*/outcome_* indicators, pdf_url, pdf_page) becomes its name as a
// level-1 heading and readable paragraphs: "所属: …", "予算: 8,254千円",
// "評価: …", "施策: …", "活動指標: 名称 値単位", "成果指標: …"; empty values and
// データなし are skipped; the Department hint is the first word of bureau
// (else dept); the address is pdf_url + "#page=N".
//
// JSON Lines (.jsonl, .ndjson, usually gzip-compressed): streamed a line at
// a time (lines up to 64 MB), one document per line keyed "line N", the
// fields read as for JSON records. Assembly minutes (session, schedule,
// source_url, text) take session + schedule as title and source_url as
// address and session as Session; their text sets aside the header
// before the first speech (議事日程, the 出席議員 and 説明のため出席した者
// lists) and the notes wholly in （） or 〔〕 as Front, for the reading of
// the meeting and its speakers (package minutes); each speech marked
// "○name　…", "○区長（森澤恭子君）　…", "◆１番（…）" or "◎市長（…）" is one
// Speech block with the mark kept and its lines joined by "\n"; "△"
// agenda lines are headings of unknown level.
//
// Text minutes (.txt whose first lines name a meeting record — 会議録,
// 定例会, 臨時会, 委員会 — and with three or more lines starting a speech)
// are read the same way; the first header line naming the record is the
// title.
//
// HTML (.html, .htm, or content starting with <!DOCTYPE html> or <html>):
// <meta charset> is honoured when the bytes are not UTF-8; <title> is the
// title; script, style, nav, header, footer, aside, form and elements whose
// class or id names chrome (breadcrumb, sns, share, menu, …) are skipped;
// h1–h6 are headings with their level, li list items, td/th table cells
// and the text of other block elements paragraphs (one a <br> line).
//
// PDF (.pdf, or content starting with %PDF-): read with PDFium (pdf.go)
// and laid out from the glyphs' positions (pdflayout.go): lines in reading
// order, wrapped lines rejoined into paragraphs (no space between Japanese
// characters), running headers, footers and page numbers dropped, headings
// from their size or weight with levels, table rows as TableCell blocks with
// their cells joined by " | ". Every block keeps its Page (1-based). The
// document information's Title is the title unless it is a file name or an
// office suite's default. A PDF with no text (a scan) is ErrNoTextLayer, one
// that needs a password ErrEncrypted, one PDFium cannot parse "broken PDF".
//
// Errors: a file that cannot be used at all (unreadable, broken encoding
// or gzip, malformed JSON, no text left: ErrEmpty) gives an error naming
// the file. In a multi-record file a bad record is skipped; after the good
// ones were emitted, a *Skipped error lists them as RecordError values.
package source
