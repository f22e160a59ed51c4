package theme

import "seisaku/analyzers"

// fold normalises text and thesaurus words alike before matching (width,
// case, kana spelling variants, long vowels), exactly as the analyzers fold
// indexed terms, so a thesaurus word and a query term compare equal.
var fold = analyzers.Fold
