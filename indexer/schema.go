package indexer

// The index holds one bleve document per passage. Every passage carries the
// metadata of its document in its indexed fields, so filters and facets work
// on passages, and the whole document is the passages with the same DocID in
// Seq order. The stored values that are the same on every passage of a
// document (FirstPassageFields) are stored on its first passage (seq 0)
// only; readers of a passage take them from there.
//
// Fields (name: analysis; stored?; purpose):
//
//	doc_id         keyword; not stored; the document a passage belongs to
//	seq            numeric; not stored; position of the passage in its document
//	               (the passage's ID, PassageID, names both: SplitPassageID)
//	title          Morph; stored (passage 0 only), term vectors; the document's title
//	text           Morph; stored, term vectors; the passage text (original characters),
//	               stored as a zstd frame with the index's dictionary (storedtext.go):
//	               read it through a TextDecoder. A kana query meets it by reading:
//	               package search gives each term the readings of its spellings in
//	               the dictionaries and matches a kana word as a phrase of the terms
//	               so read, with a gap for each particle (the index keeps no readings)
//	text_bigram    Bigram; NO term vectors; the same text as overlapping character
//	               bigrams, for recall: queried as a conjunction of a word's bigrams
//	               (no phrase, no locations; highlights come from a substring search).
//	               Two hiragana of grammar (ます, して) make no bigram, but count in
//	               the field's length (analyzers: grammarBigrams)
//	headings       Morph; stored; heading path joined with HeadingSep
//	city           keyword; stored (passage 0 only); facet
//	prefecture     keyword; stored (passage 0 only); facet: the city's prefecture (大阪府), absent when the city is unknown
//	department     keyword; stored (passage 0 only); facet
//	year           numeric, not indexed; stored (passage 0 only); fiscal year (absent when unknown)
//	year_facet     keyword; fiscal year as text ("2022", four digits): term facet,
//	               range filters (a term range) and the year sort
//	issue_type     keyword, multi-valued; not stored (TermValuedFields); themes of this passage, facet
//	doc_title      keyword; passage 0 only; the title once per document: its
//	               dictionary is the list of titles that suggestions complete
//	published      keyword; stored (passage 0 only); YYYY-MM-DD when the document states it, sort by date
//	source         not indexed; stored on passage 0 only; file path or URL of the document
//	url            not indexed; stored on passage 0 only; the document's address when known
//	page           numeric; stored; the 1-based page of a PDF the passage starts on
//	               (absent for formats without pages)
//	read           not indexed; stored; "ocr" when some of the passage was read from a
//	               page image by OCR (absent for text read as published)
//
// Passages of assembly minutes also carry who spoke (absent elsewhere):
//
//	speaker        keyword; not stored (TermValuedFields); facet: the speaker's name as written (渡辺恒)
//	speaker_title  keyword; stored; the speaker's title (市長, 管理部長, 議員)
//	role           keyword; not stored (TermValuedFields); facet: question (members), answer (the
//	               executive answering), chair (the chair conducting)
//	reply_to       numeric; stored; on an answer, the seq of the first passage
//	               of the question speech it answers
//	reply_to_speaker  not indexed; stored; who asked that question
//	reply_to_lead  not indexed; stored; the first words of that question
//	session        keyword; stored (passage 0 only); facet: the meeting (令和8年第1回定例会)
//	speech         keyword; stored as the seq of the speech's first passage
//	               (SpeechKeyFromStored); the speech the passage is part of, as the
//	               ID of the speech's first passage (SpeechKey): one term a
//	               speech, whose postings are the speech's passages (search
//	               takes a speech's passages as one hit, and can match them
//	               together)
//
// Unknown metadata is left out of the passage (not written as a placeholder),
// so facets count it as "missing" and filters never match it by accident.
// Every facet is declared once, in Facets (facets.go).
const (
	FieldDocID      = "doc_id"
	FieldSeq        = "seq"
	FieldTitle      = "title"
	FieldText       = "text"
	FieldTextBigram = "text_bigram"
	FieldHeadings   = "headings"
	FieldCity       = "city"
	FieldPrefecture = "prefecture"
	FieldDepartment = "department"
	FieldYear       = "year"
	FieldYearFacet  = "year_facet"
	FieldIssueType  = "issue_type"
	FieldDocTitle   = "doc_title"
	FieldPublished  = "published"
	FieldSource     = "source"
	FieldURL        = "url"
	FieldPage       = "page"
	FieldRead       = "read"

	FieldSpeaker        = "speaker"
	FieldSpeakerTitle   = "speaker_title"
	FieldRole           = "role"
	FieldReplyTo        = "reply_to"
	FieldReplyToSpeaker = "reply_to_speaker"
	FieldReplyToLead    = "reply_to_lead"
	FieldSession        = "session"
	FieldSpeech         = "speech"
)

// The values of the role field.
const (
	RoleQuestion = "question"
	RoleAnswer   = "answer"
	RoleChair    = "chair"
)

// ReadOCR is the read field of a passage read by OCR.
const ReadOCR = "ocr"

// FirstPassageFields are the fields whose value is the document's, the same
// on every passage: each passage indexes them (those that are indexed, with
// their doc values), but only the document's first passage (seq 0) stores
// them. Whatever reads a passage's stored fields reads these from its
// document's first passage (search: runner.withDocuments; the document
// view reads every passage). Stored on every passage they were 51 MB of the
// 578 MB index of kiryu's minutes (411 passages a document).
var FirstPassageFields = []string{
	FieldTitle, FieldCity, FieldPrefecture, FieldDepartment, FieldYear,
	FieldPublished, FieldSession, FieldSource, FieldURL,
}

// TermValuedFields are keyword facets whose values are indexed with doc
// values and not stored: a passage's values are its terms in the field,
// which search reads back for every hit (from the facet ordinals the fast
// path counts facets by, or by a search of the ID). Stored as well they were
// 11 MB of the 303 MB index of kiryu's minutes and 9 MB of the 100 MB
// synthetic corpus's (bench/zapsize). The terms do not keep the order a
// document gave its issue types; search puts them back in thesaurus order.
var TermValuedFields = []string{FieldIssueType, FieldSpeaker, FieldRole}

// HeadingSep joins the heading path in the stored headings field.
const HeadingSep = " › "

// SchemaVersion is stored in the index and checked on open. Bump it whenever
// a field, an analyzer or the passage rules change in a way that makes an
// old index give wrong answers.
const SchemaVersion = 19

// ReadingVersion is stored with every file's record in the manifest. Bump it
// whenever the readers (source/, meta/, passage/) read a file otherwise, so
// that `index -update` reads every file read by an older version again
// instead of keeping its old reading because its bytes did not change.
// Version 1: PDFs' hanging indents, notes, units, spread words, column
// labels, overprinted text and numbered data lines (2026-12-07); records
// without one (0) are older. Version 2: vertical text's columns whole
// across brackets, and figures set across a column (縦中横) (2026-12-08).
// Version 3: rotated text read from its foot, double-spaced paragraphs
// joined, closing brackets restored (2026-12-08). Version 4: bold on a
// page set in bold heads nothing; titles and cities of budget books' pages,
// 議決結果 and 意見書; minutes' marks with whole names, committees and
// namesakes (2026-12-08). Version 5: a numbered line with a sum between
// its words is data; a committee of the assembly is 議会; a unit note is no
// part of a title (2026-12-08).
const ReadingVersion = 5
