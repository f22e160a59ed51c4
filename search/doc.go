// Package search turns a search request into a ranked, filtered, faceted and
// highlighted page of passages over a bleve index built by package indexer.
//
// # Query syntax
//
// Words are separated by spaces, half-width or full-width (U+3000), and all
// of them must match; a query that finds little is then relaxed (see
// Matching and ranking). OR (upper case, or full-width ＯＲ) between words makes
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
// that is a city of the index (倉敷市, -倉敷市) are read as those filters,
// and Result.QueryFilters lists what was read (queryfilter.go).
//
// A query may hold at most 32 words and 256 characters. An unclosed quote, an
// OR without a word on each side, OR next to an exclusion, a query of only
// exclusions, and a word of only punctuation are errors (EInvalid) whose
// message, in Japanese and English, says what to change. The empty query
// matches every passage, so filters alone browse the collection.
//
// # Matching and ranking
//
// Each word is matched in the passage text by morphological terms (boost 3),
// in the title (2) and in the heading path (1.5), where a word that analyses
// to several terms must match them as a phrase; and by character bigrams
// (0.5), where every bigram of the word must occur in the passage, in any
// order (the bigram field has no positions). A word typed all in kana also
// matches by reading (1): it is split into readings known to the index and
// matched as a phrase of them (reading.go). Words matched only through
// bigrams have no term locations; the highlighter finds them in the text
// instead (analyzers.FindFolded). With Synonyms, a word also matches its
// spelling variants (0.8) and synonyms (0.3) from the Sudachi synonym
// dictionary (synonyms.go), listed in Result.Synonyms. With Expand, a word
// (or the whole query) that names a theme of the thesaurus also matches
// passages tagged with the theme, weighted as low as a relaxed tier so that
// every literal match ranks first, and Result.Expansions says so.
//
// A query that finds fewer than 20 passages as typed is relaxed level by
// level (relax.go): a compound by its parts, then all words but one, then
// any part; each level's matches rank below the stricter ones', a phrase's
// nouns count more than its verbs, and Result.Relaxed says what is
// missing. Words held by few passages get a
// もしかして correction from the index's vocabulary (didyoumean.go). Every hit
// says how it holds each word (Hit.Match, explain.go), and Result.MatchCounts
// counts literal, theme-only and relaxed passages. On relevance pages a
// document shows at most two passages among the first two pages before the
// others, and a text repeated (nearly) from a higher hit moves back
// (diversify.go).
//
// Filters (the keyword facets of indexer.Facets — city, department, issue
// type, prefecture: values of one ORed, facets ANDed; fiscal year range,
// inclusive) restrict every query and do not change scores: they are the
// Filter of the top BooleanQuery, a conjunction of term and numeric range
// queries built from the request's fields, never query string syntax. A
// facet's unknown value as a filter (city=unknown, year=unknown) finds the
// passages without a value: not any term of the field.
//
// # The fast path
//
// Relevance-, year- and date-ordered pages on scorch indexes are answered by
// package search/internal/engine, which reads the segments directly and
// gives bleve's own answer without visiting every match through bleve's
// searchers. When it does not serve an index or a query it says why (an
// error wrapping engine.ErrUnsupported, counted by FastPathCounts and passed
// to SetFallbackHook) and bleve's searchers run the query.
//
// # Results
//
// Facet counts cover the whole result; passages without a value are counted
// under "unknown" (Unknown). Hits are passages; Permalink is /documents/<docID>#p<seq>,
// the document page at the passage's anchor. With Distinct "document" a page
// holds at most one passage (the best) per document; see searchDistinct for
// how TotalHits is counted then. Highlighting is this package's own: see
// highlight.go.
package search
