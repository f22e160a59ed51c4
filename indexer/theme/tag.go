package theme

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// matchPool recycles the match buffers of Tag.
var matchPool = sync.Pool{New: func() any { return new([]match) }}

// Scoring: what makes a passage about a theme (see themes.tsv's header).
const (
	strongWeight = 2 // the first occurrence of a plain or head word
	weakWeight   = 1 // the first occurrence of a weak word
	repeatBonus  = 1 // each further occurrence of a word already counted…
	maxRepeats   = 2 // …up to this many times per word
	headingTimes = 2 // a word in the heading path weighs this many times as much

	shortNeed = 2   // the score a short passage needs: one plain word
	longNeed  = 3   // the score a long one needs: a plain word and more
	longRunes = 150 // a passage body longer than this is long
	topShare  = 3   // a theme needs at least 1/topShare of the best theme's score
	maxThemes = 3   // a passage carries at most this many themes
)

// Tag returns the names of the themes that text is about, in thesaurus
// order; text has no heading path. See TagPassage.
func (t *Thesaurus) Tag(text string) []string { return t.TagPassage(nil, text) }

// TagPassage returns the names of the themes a passage is about, in
// thesaurus order, from its heading path and its text. Both are folded
// first; a match lying inside a longer match does not count, and an ASCII
// word (ICT) needs non-alphanumeric neighbours.
//
// A theme is scored from the occurrences of its words: 2 for a plain or
// head word, 1 for a weak word, +1 for each repeat of a word (at most +2),
// everything twice over in the heading path. Words in the logistics of a
// notice count nothing: a line labelled with a date, place, fee, how to
// apply or whom to ask (場所：, 申込方法：, 問合せ：, 【電話】), and a word that
// starts the name of an office or a venue (健康福祉プラザ, 男女共同参画課,
// 子ども科学館). A theme is tagged when its score reaches 2 in a body of up
// to 80 characters, 3 in a longer one (one plain word in passing does not
// make a paragraph about it), and a third of the best theme's score; at
// most the three best are kept. TagPassage returns nil when no theme
// applies.
func (t *Thesaurus) TagPassage(headings []string, text string) []string {
	return t.TagFolded(headings, fold(text))
}

// TagFolded is TagPassage of a text folded already: body is
// analyzers.Fold(text), which a build has at hand (analyzers.FoldedText).
func (t *Thesaurus) TagFolded(headings []string, body string) []string {
	buf := matchPool.Get().(*[]match)
	defer matchPool.Put(buf)
	sc := newScorer(t)
	for _, h := range headings {
		sc.add(buf, fold(h), headingTimes)
	}
	for line := range strings.SplitSeq(body, "\n") {
		switch {
		case logistics(line):
		case itemTitle(line):
			sc.add(buf, line, headingTimes)
		default:
			for sentence := range strings.SplitSeq(line, "。") {
				if !howToApply(sentence) {
					sc.add(buf, sentence, 1)
				}
			}
		}
	}
	need := shortNeed
	if utf8.RuneCountInString(strings.TrimSpace(body)) > longRunes {
		need = longNeed
	}
	for i, strong := range sc.strong {
		if !strong && sc.weak[i] < 2 {
			sc.score[i] = 0 // weak words tag only twice over
		}
	}
	return t.pick(sc.score, need)
}

// scorer accumulates the scores of one passage.
type scorer struct {
	t      *Thesaurus
	score  []int       // per theme
	strong []bool      // per theme: a plain or head word counted
	weak   []int       // per theme: weak words counted, repeats included
	seen   map[int]int // per matcher word id: occurrences counted so far
}

func newScorer(t *Thesaurus) scorer {
	n := len(t.themes)
	return scorer{t: t, score: make([]int, n), strong: make([]bool, n), weak: make([]int, n), seen: map[int]int{}}
}

// add scores the words of one heading or body line, each weighing times.
func (s *scorer) add(buf *[]match, text string, times int) {
	*buf = s.t.m.scan((*buf)[:0], text)
	for _, m := range outermost(*buf) {
		if s.t.ascii[m.id] && !standsAlone(text, m.start, m.end) {
			continue
		}
		if namesPlace(text[m.end:]) {
			continue
		}
		n := s.seen[m.id]
		s.seen[m.id] = n + 1
		if n > maxRepeats {
			continue
		}
		for _, e := range s.t.entries[m.id] {
			if e.theme < 0 {
				continue
			}
			if e.weak {
				s.weak[e.theme]++
			} else {
				s.strong[e.theme] = true
			}
			w := repeatBonus
			switch {
			case n > 0:
			case e.weak:
				w = weakWeight
			default:
				w = strongWeight
			}
			s.score[e.theme] += w * times
		}
	}
}

// pick returns the themes whose score reaches need and a share of the best
// score, at most maxThemes of them (the best), in thesaurus order.
func (t *Thesaurus) pick(score []int, need int) []string {
	best := slices.Max(score)
	if best < shortNeed {
		return nil
	}
	if best < need {
		need = best // a long passage without a clear theme keeps its best one
	}
	idx := []int{}
	for i, s := range score {
		if s >= need && s*topShare >= best {
			idx = append(idx, i)
		}
	}
	if len(idx) > maxThemes {
		slices.SortStableFunc(idx, func(a, b int) int { return score[b] - score[a] })
		idx = idx[:maxThemes]
		slices.Sort(idx)
	}
	out := make([]string, len(idx))
	for k, i := range idx {
		out[k] = t.themes[i].Name
	}
	return out
}

// logisticsLabels are the labels of a notice's practical lines (folded):
// when and where, fees, how to apply, whom to ask. 内容 and 対象 are not
// among them: they say what the notice is about and for whom.
var logisticsLabels = foldAll("日時", "日にち", "日程", "開催日", "期間", "時間", "場所", "会場", "集合",
	"申込", "申し込み", "申請方法", "問合せ", "問い合わせ", "持参", "費用", "参加費", "受講料", "料金", "定員", "締切", "講師", "出演")

// contactMarks start a contact line (folded).
var contactMarks = foldAll("【電話】", "【FAX】", "【メール】", "【E-mail】", "【Eメール】", "【TEL】")

// bullets mark the items of a notice (folded, with the space).
var bullets = fold(" ■□◇◆●○◎▽▼・")

// itemTitle reports whether a folded line is the title of one item of a
// notice: a short line starting with ■, □, ◇, ◆ or ● (「■障がい者(児)作品展」).
// Its words weigh as much as the heading path's.
func itemTitle(line string) bool {
	r, _ := utf8.DecodeRuneInString(line)
	return strings.ContainsRune(fold("■□◇◆●"), r) && utf8.RuneCountInString(line) <= 60
}

// foldAll folds each of words.
func foldAll(words ...string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = fold(w)
	}
	return out
}

// logistics reports whether a folded line is a notice's practical line:
// 「場所:くらしき健康福祉プラザ」, 「申込方法:…電子申請で」, 「問合せ:本庁男女共同参画課」,
// or a contact line starting with 【電話】, 【FAX】, 【メール】.
func logistics(line string) bool {
	line = strings.TrimLeft(line, bullets)
	for _, c := range contactMarks {
		if strings.HasPrefix(line, c) {
			return true
		}
	}
	if dated(line) {
		return true
	}
	label, _, ok := strings.Cut(line, ":")
	if !ok || utf8.RuneCountInString(label) > 8 {
		return false
	}
	for _, l := range logisticsLabels {
		if strings.Contains(label, l) {
			return true
		}
	}
	return false
}

// dated reports whether a folded line starts with a day of a schedule:
// 「11月21日(木)…玉島東公民館」, 「26日(火)…稗田町民センター」.
func dated(line string) bool {
	i := 0
	digits := func() bool {
		j := i
		for i < len(line) && '0' <= line[i] && line[i] <= '9' {
			i++
		}
		return i > j && i-j <= 2
	}
	if !digits() {
		return false
	}
	if strings.HasPrefix(line[i:], "月") {
		i += len("月")
		if !digits() {
			return false
		}
	}
	return strings.HasPrefix(line[i:], "日")
}

// applyPhrases say that a sentence tells how to apply, not what about:
// 「インターネットで申し込み可」, 「市HPから申し込み」.
var applyPhrases = foldAll("申し込み可", "申込み可", "で申し込", "から申し込", "で申込", "から申込")

// howToApply reports whether a folded sentence tells how to apply.
func howToApply(sentence string) bool {
	for _, p := range applyPhrases {
		if strings.Contains(sentence, p) {
			return true
		}
	}
	return false
}

// placeSuffixes end the name of an office or a venue.
var placeSuffixes = foldAll("課", "係", "室", "センター", "プラザ", "会館", "館", "スクエア")

// namesPlace reports whether the compound that a match ends (rest is the
// folded text after it) goes on to name an office or a venue within ten
// kanji or katakana: 健康|福祉プラザ, 男女共同参画|課, 子ども|科学館, 保健|福祉推進課.
// A word that is the compound's last part is not inside a name (図書館
// names the library; 男女共同参画センター's 男女共同参画 does not).
func namesPlace(rest string) bool {
	n := 0
	for i, r := range rest {
		if !unicode.Is(unicode.Han, r) && !unicode.Is(unicode.Katakana, r) && r != 'ー' {
			return false
		}
		for _, s := range placeSuffixes {
			if strings.HasPrefix(rest[i:], s) {
				return true
			}
		}
		if n++; n >= 10 {
			return false
		}
	}
	return false
}

// outermost drops, in place, the matches that lie inside an earlier or
// longer match. ms comes ordered by end, one match per end.
func outermost(ms []match) []match {
	slices.SortFunc(ms, func(a, b match) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	out := ms[:0]
	reach := 0
	for _, m := range ms {
		if m.end <= reach {
			continue
		}
		out = append(out, m)
		reach = m.end
	}
	return out
}

// standsAlone reports whether text[start:end] has no ASCII letter or digit
// on either side.
func standsAlone(text string, start, end int) bool {
	return (start == 0 || !isASCIIAlnum(text[start-1])) && (end == len(text) || !isASCIIAlnum(text[end]))
}

// minPassagesPer is the document size, in passages, per extra passage a
// theme needs in Rollup.
const minPassagesPer = 50

// Rollup returns a document's themes from its passages' themes: the themes
// that tag at least 1 + n/50 of its n passages (one passage in a document of
// fewer than 50, two up to 99, eleven in a 500-passage day of minutes, where
// a passing mention is not what the day is about). Names are ordered as in
// Default(), names it does not know last in first-seen order.
func Rollup(passageThemes [][]string) []string {
	counts := map[string]int{}
	var seen []string
	for _, names := range passageThemes {
		for _, n := range distinct(names) {
			if counts[n] == 0 {
				seen = append(seen, n)
			}
			counts[n]++
		}
	}
	need := 1 + len(passageThemes)/minPassagesPer
	var out []string
	for _, th := range Default().themes {
		if counts[th.Name] >= need {
			out = append(out, th.Name)
		}
		delete(counts, th.Name)
	}
	for _, n := range seen {
		if c, ok := counts[n]; ok && c >= need {
			out = append(out, n)
		}
	}
	return out
}

// distinct returns names without repeats, in order.
func distinct(names []string) []string {
	var out []string
	for _, n := range names {
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}
