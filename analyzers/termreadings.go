package analyzers

// EachTermReading calls fn with every pair of a reading (as ReadingTerm
// writes it) and a ja_morph term that a token read so is indexed as: for
// each word of the IPA and user dictionaries that ja_morph keeps, the
// reading of that spelling (見守り: ミマモリ) and its term (見守る, and the
// okurigana-free 見守). A term has as many readings as its spellings have
// (見守る: ミマモラ, ミマモリ, ミマモル, ミマモッ…), and a reading as many terms
// as it has homophones. Words typed in kana read as their kana, which
// package search adds for the index's kana terms; so are unknown words,
// whose reading is their surface. Pairs may repeat. It panics if the
// embedded dictionaries do not load.
//
// This is what a kana query meets kanji through (package search): the
// reading a ja_reading token of the same word carries, paired with the
// ja_morph term at its position.
func EachTermReading(fn func(reading, term string)) {
	j := mustJA()
	for id, c := range j.dict.Contents {
		if id >= len(j.knownKind) || j.knownKind[id] != content {
			continue
		}
		if j.baseIdx >= len(c) || j.readIdx >= len(c) || c[j.baseIdx] == "*" || c[j.readIdx] == "*" {
			continue
		}
		if j.formIdx >= 0 && j.formIdx < len(c) && !namingForm(c[j.formIdx]) {
			continue
		}
		term := Fold(c[j.baseIdx])
		if term == "" || j.stopWords[term] {
			continue
		}
		f, _ := foldText(c[j.readIdx])
		r := readingTerm(f)
		if r == "" {
			continue
		}
		fn(r, term)
		if sk := okuriganaFree(term); sk != term {
			fn(r, sk)
		}
	}
	for _, c := range j.user.Contents {
		for i, part := range c.Tokens {
			if i >= len(c.Yomi) {
				break
			}
			term := foldTerm(part)
			r := readingTerm(Fold(toKatakana(c.Yomi[i])))
			if term == "" || r == "" {
				continue
			}
			fn(r, term)
			if sk := okuriganaFree(term); sk != term {
				fn(r, sk)
			}
		}
	}
}

// namingForm reports whether a word's inflected form is one a kana query
// names a thing with: an uninflected word ("*"), the dictionary form (見守る)
// or the continuative form that Japanese uses as a noun (見守り, 助け合い,
// 引きこもり). The other forms (見守ら, 見守っ, 見守れ) are left out: their
// readings are mostly homophones of word beginnings (ノコ of 残る), which
// would split kana words wrongly.
func namingForm(form string) bool {
	return form == "*" || form == "基本形" || form == "連用形"
}
