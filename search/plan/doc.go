// Package plan says what a parsed query means against the index: each word
// becomes a bleve query over the text fields, widened by its readings,
// variants, synonyms and theme, and, level by level, relaxed to its parts.
// A Planner plans one query (New) at any relaxation level (At) and says
// which level to try next (Next); a Plan holds the bleve query and what
// each word became (Words, Marks, Expansions, Synonyms), which the
// presentation (package hit) explains and highlights with.
//
// Each word is matched in the passage text by morphological terms (boost
// 3), in the title (2) and in the heading path (1.5), where a word that
// analyses to several terms must match them as a phrase; and by character
// bigrams (0.5), where every bigram of the word must occur in the passage,
// in any order (the bigram field has no positions). A word typed all in
// kana also matches by reading (1): it is split into readings known to the
// index (vocab.Readings) and matched as a phrase of them. Words matched
// only through bigrams have no term locations; the highlighter finds them
// in the text instead. With Options.Synonyms, a word also matches its
// spelling variants (0.8) and synonyms (0.3) from the Sudachi synonym
// dictionary (synonyms.go). With Options.Themes, a word (or the whole
// query) that names a theme of the thesaurus also matches passages tagged
// with the theme, weighted as low as a relaxed tier so that every literal
// match ranks first.
//
// A query that finds too few passages is relaxed level by level
// (relax.go): a compound by its parts, then all words but one, then any
// part; each level's matches rank below the stricter ones', and a phrase's
// nouns count more than its verbs.
//
// Filters (query.Scope: the keyword facets of indexer.Facets, values of
// one ORed, facets ANDed; the fiscal year range, inclusive) restrict every
// query and do not change scores: they are the Filter of the top
// BooleanQuery, a conjunction of term and numeric range queries
// (ScopeQuery), never query string syntax. A facet's unknown value as a
// filter finds the passages without a value: not any term of the field.
//
// Describe and Plan.String render plans compactly, for tests.
package plan
