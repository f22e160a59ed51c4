package analyzers

import (
	"bufio"
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/ikawaha/kagome-dict/dict"
	"github.com/ikawaha/kagome-dict/ipa"
	"github.com/ikawaha/kagome/v2/tokenizer"
)

//go:embed stopwords.txt
var stopWordsFile string

// stopTopPOS are the top-level parts of speech whose tokens are dropped, as
// in Lucene's JapaneseAnalyzer stoptags.txt (kagome's filter/ja ships the
// same list): every sub-tag of these is listed there.
var stopTopPOS = []string{"接続詞", "助詞", "助動詞", "記号", "フィラー", "非言語音"}

// ja is the shared kagome tokenizer plus what the analyzers look up per
// token, prepared once so the hot path reads tables instead of calling
// Token.POS() or Token.Features(), which allocate.
type ja struct {
	tk   *tokenizer.Tokenizer
	dict *dict.Dict
	user *dict.UserDict

	knownKind []tokenKind // by known word ID
	baseIdx   int         // index of the base form in Contents[id]
	readIdx   int         // index of the reading in Contents[id]
	formIdx   int         // index of the inflected form in Contents[id], or -1
	unkPOS    int         // index of the top-level POS in UnkDict.Contents[id]
	particle  dict.POSID  // 助詞's name ID (ParticleReadings)
	hasPart   bool        // the dictionary names 助詞

	grammar grammarBigrams // the bigrams ja_bigram leaves out

	stopWords map[string]bool
	known     []atomic.Pointer[morphTerm] // by known word ID: knownTerm's memo
}

var shared struct {
	once sync.Once
	ja   *ja
	err  error
}

// loadJA returns the shared tokenizer, loading the IPA dictionary (about a
// second and ~90 MB of heap) and the user dictionary on first use.
func loadJA() (*ja, error) {
	shared.once.Do(func() { shared.ja, shared.err = newJA() })
	return shared.ja, shared.err
}

func newJA() (*ja, error) {
	ud, err := parseUserDict(userDictFile)
	if err != nil {
		return nil, err
	}
	d := ipa.Dict()
	tk, err := tokenizer.New(d, tokenizer.UserDict(ud), tokenizer.OmitBosEos())
	if err != nil {
		return nil, fmt.Errorf("analyzers: kagome tokenizer: %w", err)
	}
	j := &ja{tk: tk, dict: d, user: ud, stopWords: parseWordList(stopWordsFile)}
	j.known = make([]atomic.Pointer[morphTerm], len(d.Contents))
	if err := j.indexFeatures(); err != nil {
		return nil, err
	}
	return j, nil
}

// indexFeatures resolves POS name IDs and feature positions in the loaded
// dictionary.
func (j *ja) indexFeatures() error {
	names := j.dict.POSTable.NameList
	ids := make(map[string]dict.POSID, len(names))
	for i, n := range names {
		ids[n] = dict.POSID(i)
	}
	stop := make([]bool, len(names))
	for _, n := range stopTopPOS {
		if id, ok := ids[n]; ok {
			stop[id] = true
		}
	}
	symbolID, otherID, kantou := ids["記号"], ids["その他"], ids["間投"]
	j.particle, j.hasPart = ids["助詞"]
	j.knownKind = make([]tokenKind, len(j.dict.POSTable.POSs))
	for id, pos := range j.dict.POSTable.POSs {
		switch {
		case len(pos) == 0:
		case pos[0] == symbolID:
			j.knownKind[id] = symbol
		case stop[pos[0]], len(pos) > 1 && pos[0] == otherID && pos[1] == kantou: // その他-間投
			j.knownKind[id] = stopTag
		}
	}
	const ipaPOSLen = 4 // IPA features: 4 POS levels, then the contents
	base, ok1 := j.dict.ContentsMeta[dict.BaseFormIndex]
	read, ok2 := j.dict.ContentsMeta[dict.ReadingIndex]
	if !ok1 || !ok2 {
		return fmt.Errorf("analyzers: IPA dictionary lacks base form or reading columns")
	}
	j.baseIdx, j.readIdx = int(base)-ipaPOSLen, int(read)-ipaPOSLen
	j.formIdx = -1
	if f, ok := j.dict.ContentsMeta[dict.InflectionalForm]; ok {
		j.formIdx = int(f) - ipaPOSLen
	}
	j.unkPOS = int(j.dict.UnkDict.ContentsMeta[dict.POSStartIndex])
	dependent, ok := ids["非自立"]
	if !ok {
		return fmt.Errorf("analyzers: IPA dictionary lacks the part of speech 非自立")
	}
	for id, pos := range j.dict.POSTable.POSs {
		grammar := j.knownKind[id] == stopTag || len(pos) > 1 && pos[1] == dependent
		if !grammar || id >= len(j.dict.Contents) {
			continue
		}
		// a word of grammar written in hiragana, spelled as it reads
		if c := j.dict.Contents[id]; j.baseIdx < len(c) && j.readIdx < len(c) && allHiragana(c[j.baseIdx]) {
			j.grammar.addWord(toHiragana(c[j.readIdx]))
		}
	}
	for w := range j.stopWords { // これ, この, ある, する, こと as ja_morph drops them
		if allHiragana(w) {
			j.grammar.addWord(w)
		}
	}
	return nil
}

// parseWordList reads one word a line, skipping comments, folded.
func parseWordList(s string) map[string]bool {
	m := make(map[string]bool)
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		w := strings.TrimSpace(sc.Text())
		if w != "" && !strings.HasPrefix(w, "#") {
			m[Fold(w)] = true
		}
	}
	return m
}

// tokenKind classifies a kagome token for the analyzers.
type tokenKind uint8

const (
	content tokenKind = iota // emitted
	stopTag                  // dropped by POS, still part of the reading
	symbol                   // 記号: dropped, breaks readings
)

// kind returns the token's class without allocating: a table lookup for
// dictionary words, a string comparison for unknown words.
func (j *ja) kind(t *tokenizer.Token) tokenKind {
	switch t.Class {
	case tokenizer.KNOWN:
		return j.knownKind[t.ID]
	case tokenizer.UNKNOWN:
		c := j.dict.UnkDict.Contents[t.ID]
		if j.unkPOS < len(c) {
			switch top := c[j.unkPOS]; {
			case top == "記号":
				return symbol
			case isStopTop(top):
				return stopTag
			}
		}
	}
	return content
}

func isStopTop(top string) bool {
	for _, s := range stopTopPOS {
		if s == top {
			return true
		}
	}
	return false
}

// feature returns column i of a known token's contents, or "" for "*".
func (j *ja) feature(t *tokenizer.Token, i int) string {
	if t.Class != tokenizer.KNOWN {
		return ""
	}
	c := j.dict.Contents[t.ID]
	if i < 0 || i >= len(c) || c[i] == "*" {
		return ""
	}
	return c[i]
}

// baseForm returns the token's dictionary form, or its surface.
func (j *ja) baseForm(t *tokenizer.Token) string {
	if b := j.feature(t, j.baseIdx); b != "" {
		return b
	}
	return t.Surface
}

// ParticleReadings returns the readings (as ReadingTerm writes them) of the
// dictionary's particles (助詞), which ja_morph drops and ja_reading leaves
// out: where a kana phrase has one (の of しみんのこえ), it has a gap. The
// other function words ja_reading leaves out (auxiliaries, conjunctions)
// end or start a phrase rather than join its words, and some read as
// common words do (かつ), so they make no gaps. It panics if the embedded
// dictionaries do not load.
func ParticleReadings() map[string]bool {
	particleReadings.once.Do(func() {
		j := mustJA()
		m := map[string]bool{}
		for id, k := range j.knownKind {
			if !j.hasPart || k != stopTag || id >= len(j.dict.Contents) {
				continue
			}
			if pos := j.dict.POSTable.POSs[id]; len(pos) == 0 || pos[0] != j.particle {
				continue
			}
			c := j.dict.Contents[id]
			if j.readIdx < 0 || j.readIdx >= len(c) || c[j.readIdx] == "*" {
				continue
			}
			f, _ := foldText(c[j.readIdx])
			if r := readingTerm(f); r != "" {
				m[r] = true
			}
		}
		particleReadings.m = m
	})
	return particleReadings.m
}

var particleReadings struct {
	once sync.Once
	m    map[string]bool
}
