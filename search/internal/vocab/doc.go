// Package vocab is what a search knows of an index's words, read from its
// term dictionaries once (Load) and shared by every stage: the passage
// text's terms with their counts (suggestions, the spelling index that
// もしかして corrects with), their readings (kana prefixes complete kanji
// terms), the text_reading terms a kana word is split into (Readings), the
// document titles, the city names a bare query word is read as, and how the
// text writes a folded term (surfaces, cached).
//
// A Vocabulary is immutable but for its caches; a Searcher swaps in a new
// one on Refresh. Several indexes served as one read their dictionaries
// merged (Merge).
package vocab
