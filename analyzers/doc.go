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
// has one, and every run of letters and digits as one lower-cased word. A
// bigram of two hiragana within a word of grammar (particles, auxiliaries,
// dependent words: ます, して, おり) is left out of every text alike
// (grammarBigrams); it keeps its position, and an index counts it in the
// field's length (AnalyzePassageFunc).
//
// ja_reading emits one term per content token at the same positions as
// ja_morph: the token's katakana reading folded with ReadingTerm (no long
// vowel mark anywhere, so サーバー and サーバ read サバ). The function words
// ja_morph drops (particles, auxiliaries, conjunctions) and symbols and
// whitespace are left out but advance the position (市民の声を →
// シミン|_|コエ), so a kana phrase matches with a gap where a particle
// stands (ParticleReadings). A kana query must not be analysed with it:
// kagome splits kana differently from the kanji (こうほうし → こう|ほうし, 広報紙
// → コウホウ|シ). Package search instead splits the folded kana into terms of
// the field's dictionary and particles' readings, and matches them as a
// phrase with a gap for each particle (しみんのこえ → シミン _ コエ).
//
// AnalyzePassage gives all three streams from one kagome run; Terms gives one
// analyzer's terms as strings; FindFolded finds a word in a text under the
// same folding and returns original byte ranges, for highlighting matches
// that have no term locations (the bigram field is indexed without them).
//
// # Offsets
//
// Every token's Start and End are byte offsets into the ORIGINAL text, so a
// highlighter can slice it: text[Start:End] is the token's original surface.
// Folding runs before kagome (half-width katakana tokenizes badly otherwise)
// and keeps a map from folded bytes back to original bytes; a character
// that folds into several (㍻ → 平成) maps as a whole. The one exception is
// ja_morph_text_index (TextIndex), the text field's analyzer at index
// time: its End is the token's length, text[Start:Start+End], which keeps
// the field's locations small.
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
// JapaneseKatakanaStemFilter does (サーバー → サーバ, コピー stays). A morph
// term of two or more kanji with okurigana also gets its kanji alone as a
// second term at the same position (取り組み → 取り組み|取組; 申し込み → 申し込み|
// 申込; 空き家 → 空き家|空家), so the okurigana spellings of one word meet; the
// reading and bigram fields are unchanged. Fold applies
// all of these to a whole string, so for any analyzed term t, Fold(t) == t.
package analyzers
