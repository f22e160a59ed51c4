// Package query is the search query language: it parses what a person types
// into a Query of words, phrases, alternatives, exclusions and filters, and
// says in Japanese and English what to change when it cannot.
//
// Words are separated by spaces, half-width or full-width (U+3000), and all
// of them must match. OR (upper case, or full-width ＯＲ) between words makes
// them alternatives: 多文化共生 OR 国際交流. A word prefixed with - or －
// excludes passages that contain it: 広報 -SNS. Text in quotes is a phrase:
// "区政 会議", ＂区政会議＂, “区政会議”, 「区政会議」 or 『区政会議』; a phrase
// may contain spaces, is matched only by its characters (no reading match)
// and is never expanded to a theme. A quote closes a word: 「区政会議」の設置
// is the phrase 区政会議 and the word の設置.
//
// A query may also state filters: city:倉敷市, department:市民局 (or 市町村:,
// 部署:), -city:倉敷市 to exclude a city, year:2022 or year:2019..2022 (or
// 年度:); a bare four-digit fiscal year (2022, 2022年度) and a bare word
// that is a city of the index (倉敷市, -倉敷市; Query.LiftCities) are read as
// those filters (filter.go). Query.Narrow meets them with a request's Scope.
//
// A query may hold at most MaxWords words and MaxRunes characters. An
// unclosed quote, an OR without a word on each side, OR next to an
// exclusion, a query of only exclusions, and a word of only punctuation are
// errors (code EInvalid of package search) whose message, in Japanese and
// English, says what to change. The empty query matches every passage, so
// filters alone browse the collection.
//
// Query.String renders a query compactly, (a|b) for alternatives, for tests
// and logs; it parses back to the same query.
package query
