package analyzers

// Names under which the analyzers are registered in bleve's registry.
// Field mappings and query builders refer to them by these names.
const (
	// Morph is the morphological analyzer: kagome (IPA dictionary plus the
	// policy user dictionary) in Search mode, base forms, Lucene-like stop
	// tags and stop words, width/case/kana/variant folding.
	Morph = "ja_morph"
	// MorphQuery analyses query words for the fields Morph indexes: the
	// same terms, but of a word with okurigana only its okurigana-free
	// form (申し込み → 申込), which the index holds for every spelling, so
	// 申し込み, 申込み and 申込 find the same passages with the same weight.
	MorphQuery = "ja_morph_query"
	// Bigram emits overlapping character bigrams of the folded text, for
	// words the dictionary splits oddly (多文化共生, 協働), but none of two
	// hiragana of grammar (ます, して).
	Bigram = "ja_bigram"
	// Reading emits the folded katakana reading of every morph token: the
	// reading of a query word written in kanji and kana (package search).
	// The index keeps no readings; the text terms' readings come from the
	// dictionaries (EachTermReading).
	Reading = "ja_reading"
	// TextIndex is Morph as the index keeps it for the passage text: each
	// token's End is its length in bytes (EndsAsLengths), which takes one
	// byte where an offset past a text's first 128 bytes takes two.
	TextIndex = "ja_morph_text_index"
)
