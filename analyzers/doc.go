// Package analyzers turns Japanese policy text into bleve tokens: a
// morphological analyzer (kagome, IPA dictionary plus a policy user
// dictionary), a character-bigram analyzer and a kana-reading analyzer,
// registered in bleve's registry under the names in names.go.
//
// # What each analyzer emits
//
// ja_morph runs kagome once per text in Search mode. It emits the base form
// of each word (図り → 図る), drops Lucene's JapaneseAnalyzer stop tags
// (助詞, 助動詞, 記号 including whitespace, 接続詞, フィラー, 非言語音,
// その他-間投) and its stop words, and folds every term. A dropped token
// still advances the position, so a phrase query matches only the same
// words with the same gaps. A word of the user dictionary (userdict.txt,
// whose header explains the format) is emitted as the parts written there, at
// consecutive positions.
//
// ja_bigram emits overlapping bigrams of every run of kanji and kana in the
// folded text (多文化共生 → 多文|文化|化共|共生), a single character where a run
// has one, and every run of letters and digits as one lower-cased word.
//
// ja_reading emits bigrams of the katakana readings of all non-symbol tokens
// laid end to end, without the long vowel mark: a query typed in kana finds
// the kanji words however kagome segments the kana (こうほうし and 広報紙 both
// read コウホウシ).
//
// AnalyzePassage gives all three streams from one kagome run; Terms gives one
// analyzer's terms as strings.
//
// # Offsets
//
// Every token's Start and End are byte offsets into the ORIGINAL text, so a
// highlighter can slice it: text[Start:End] is the token's original surface.
// Folding runs before kagome (half-width katakana tokenizes badly otherwise)
// and keeps a map from folded bytes back to original bytes; a character
// that folds into several (㍻ → 平成) maps as a whole.
//
// # Folding rules
//
// Before tokenizing, the text is normalized to NFKC: full-width Latin letters
// and digits become ASCII (ＳＮＳ → SNS, ２０２２ → 2022), half-width katakana
// becomes full-width with its voiced marks joined (ｺﾝﾋﾞﾆ → コンビニ, ﾃﾞｰﾀ →
// データ), compatibility characters are spelled out (㍻ → 平成, ① → 1). Then
// kana spelling variants are unified: ウィ/ウェ/ウォ become ウイ/ウエ/ウオ
// (ウィルス → ウイルス), ヴァ/ヴィ/ヴェ/ヴォ/ヴュ become バ/ビ/ベ/ボ/ビュ and any other
// ヴ becomes ブ (likewise hiragana ゔ), small ヵ/ヶ become カ/ケ (霞ヶ関 →
// 霞ケ関), and the wave dashes 〜, ～ (U+FF5E), ~, ∼ and ⁓ all become 〜. The
// iteration mark 々 is kept as written: it is part of the word (人々).
//
// After tokenizing, each term is lower-cased and loses the long vowel mark ー
// at the end of a katakana run of four or more characters, as Lucene's
// JapaneseKatakanaStemFilter does (サーバー → サーバ, コピー stays). Fold applies
// all of these to a whole string, so for any analyzed term t, Fold(t) == t.
package analyzers
