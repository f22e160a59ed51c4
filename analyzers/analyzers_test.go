package analyzers

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/google/go-cmp/cmp"
)

// compact renders a stream as "term/position/start-end ...".
func compact(ts analysis.TokenStream) string {
	var sb strings.Builder
	for i, t := range ts {
		if i > 0 {
			sb.WriteByte(' ')
		}
		fmt.Fprintf(&sb, "%s/%d/%d-%d", t.Term, t.Position, t.Start, t.End)
	}
	return sb.String()
}

// analyze runs the analyzer registered in bleve under name.
func analyze(t testing.TB, name, text string) analysis.TokenStream {
	t.Helper()
	a, err := registry.NewCache().AnalyzerNamed(name)
	if err != nil {
		t.Fatal(err)
	}
	return a.Analyze([]byte(text))
}

// passages returns the lines of testdata/passages.txt.
func passages(t testing.TB) []string {
	t.Helper()
	f, err := os.Open("testdata/passages.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}

func TestMorph(t *testing.T) {
	tests := []struct{ text, want string }{
		{"情報関連部門の有機的連携を図り、積極的な情報発信を全庁的に推進する。",
			"情報/1/0-6 関連/2/6-12 部門/3/12-18 有機/5/21-27 的/6/27-30 連携/7/30-36 図る/9/39-45 " +
				"積極/11/48-54 的/12/54-57 情報/14/60-66 発信/15/66-72 全/17/75-78 庁/18/78-81 的/19/81-84 推進/21/87-93"},
		{"新型コロナウィルス感染症と共存する社会",
			"新型/1/0-6 コロナ/2/6-15 ウイルス/3/15-27 感染症/4/27-36 共存/6/39-45 社会/8/51-57"},
		{"ＳＮＳを活用し、２０２２年度に発信",
			"sns/1/0-9 活用/3/12-18 2022/6/24-36 年度/7/36-42 発信/9/45-51"},
		{"ｺﾝﾋﾞﾆでｻｰﾋﾞｽ開始", "コンビニ/1/0-15 サービス/3/18-33 開始/4/33-39"},
		{"市民と外国人の異文化交流を推進します",
			"市民/1/0-6 外国/3/9-15 人/4/15-18 異文化/6/21-30 交流/7/30-36 推進/9/39-45"},
		{"多文化共生の推進", "多文化/1/0-9 共生/2/9-15 推進/4/18-24"},
		{"市民協働による区政会議", "市民/1/0-6 協働/2/6-12 区政/4/21-27 会議/5/27-33"},
		{"サーバーを更新", "サーバ/1/0-12 更新/3/15-21"},
		{"ヴァイオリン教室", "バイオリン/1/0-18 教室/2/18-24"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := compact(analyze(t, Morph, tt.text)); got != tt.want {
			t.Errorf("%s\n got %s\nwant %s", tt.text, got, tt.want)
		}
	}
}

func TestBigram(t *testing.T) {
	tests := []struct{ text, want string }{
		{"多文化共生", "多文/1/0-6 文化/2/3-9 化共/3/6-12 共生/4/9-15"},
		{"ＳＮＳで２０２２年", "sns/1/0-9 で/2/9-12 2022/3/12-24 年/4/24-27"},
		{"ｺﾝﾋﾞﾆ", "コン/1/0-6 ンビ/2/3-12 ビニ/3/6-15"},
		{"サーバー、サーバ", "サー/1/0-6 ーバ/2/3-9 サー/3/15-21 ーバ/4/18-24"},
		{"市", "市/1/0-3"},
		{"Wi-Fi環境", "wi/1/0-2 fi/2/3-5 環境/3/5-11"},
		// no bigram of two hiragana within a word of grammar (grammarBigrams):
		// あり, りま (にあたりまして), ます; おり, whether kagome reads the
		// word as おり|ひめ or not; じめ (はじめ) but not いじ; a seam of
		// two grammar words (うこ of という|こと, てお of て|おり) stays
		{"あります", ""},
		{"おりひめバス", "りひ/2/3-9 ひめ/3/6-12 めバ/4/9-15 バス/5/12-18"},
		{"市おりひめバス", "市お/1/0-6 りひ/3/6-12 ひめ/4/9-15 めバ/5/12-18 バス/6/15-21"},
		{"いじめ", "いじ/1/0-6"},
		{"ということでございます", "うこ/3/6-12 とで/5/12-18 でご/6/15-21"},
		{"しております", "てお/2/3-9"},
	}
	for _, tt := range tests {
		if got := compact(analyze(t, Bigram, tt.text)); got != tt.want {
			t.Errorf("%s\n got %s\nwant %s", tt.text, got, tt.want)
		}
	}
}

func TestReading(t *testing.T) {
	tests := []struct{ text, want string }{
		{"広報紙", "コウホウ/1/0-6 シ/2/6-9"},
		// particles leave a gap: package search fills it (ParticleReadings)
		{"市民の声を聞く", "シミン/1/0-6 コエ/3/9-12 キク/5/15-21"},
		{"多文化共生の推進", "タブンカ/1/0-9 キョウセイ/2/9-15 スイシン/4/18-24"},
		{"ＳＮＳ、サーバー", "sns/1/0-9 サバ/3/12-24"},
		{"ｺﾝﾋﾞﾆで配布", "コンビニ/1/0-15 ハイフ/3/18-24"},
		{"図り、 推進", "ハカリ/1/0-6 スイシン/4/10-16"},
	}
	for _, tt := range tests {
		if got := compact(analyze(t, Reading, tt.text)); got != tt.want {
			t.Errorf("%s\n got %s\nwant %s", tt.text, got, tt.want)
		}
	}
}

// TestReadingSpellsKana checks what kana search relies on: the reading terms
// of a phrase, laid end to end, are the phrase typed in kana folded with
// ReadingTerm, whatever kagome makes of the kana itself.
func TestReadingSpellsKana(t *testing.T) {
	tests := []struct{ text, kana string }{
		{"広報紙", "こうほうし"},
		{"市民協働", "しみんきょうどう"},
		{"多文化共生", "たぶんかきょうせい"},
		{"情報発信", "じょうほうはっしん"},
		{"市民の声", "しみんこえ"}, // の is a gap (TestParticleReadings)
		{"コンピューター", "こんぴゅーたー"},
		{"ｻｰﾋﾞｽ", "さーびす"},
		{"広報紙", "コウホウシ"},
	}
	for _, tt := range tests {
		terms, err := Terms(Reading, tt.text)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := strings.Join(terms, ""), ReadingTerm(tt.kana); got != want {
			t.Errorf("%s reads %q (%s), want %q", tt.text, got, strings.Join(terms, "|"), want)
		}
	}
}

func TestReadingTerm(t *testing.T) {
	tests := []struct{ in, want string }{
		{"こうほうし", "コウホウシ"},
		{"ｺｳﾎｳｼ", "コウホウシ"},
		{"サーバー", "サバ"},
		{"ゔぃじょん", "ビジョン"},
		{"ＳＮＳ", "sns"},
	}
	for _, tt := range tests {
		if got := ReadingTerm(tt.in); got != tt.want {
			t.Errorf("ReadingTerm(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFindFolded(t *testing.T) {
	tests := []struct{ text, word, want string }{
		{"市内のｺﾝﾋﾞﾆで広報紙を配布する。", "コンビニ", "ｺﾝﾋﾞﾆ"},
		{"ＳＮＳを活用した情報発信", "SNS", "ＳＮＳ"},
		{"ＳＮＳを活用した情報発信", "sns", "ＳＮＳ"},
		{"SNS への心無い書き込み", "ＳＮＳ", "SNS"},
		{"サーバーを更新し、サーバ管理", "サーバー", "サーバー|サーバ"},
		{"新型コロナウィルス感染症", "ウイルス", "ウィルス"},
		{"㍻30年度の多文化共生", "平成", "㍻"},
		{"多文化共生の推進と共生社会", "化共生", "化共生"},
		{"区政会議", "協働", ""},
		{"区政会議", "", ""},
	}
	for _, tt := range tests {
		var got []string
		for _, r := range FindFolded(tt.text, tt.word) {
			got = append(got, tt.text[r[0]:r[1]])
		}
		if s := strings.Join(got, "|"); s != tt.want {
			t.Errorf("FindFolded(%q, %q) = %q, want %q", tt.text, tt.word, s, tt.want)
		}
	}
}

// phraseMatch reports whether the query stream occurs in the document stream
// as a phrase: its terms at the same relative positions, as bleve's
// MatchPhraseQuery requires.
func phraseMatch(query, doc analysis.TokenStream) bool {
	if len(query) == 0 {
		return false
	}
	at := map[string]map[int]bool{}
	for _, t := range doc {
		if at[string(t.Term)] == nil {
			at[string(t.Term)] = map[int]bool{}
		}
		at[string(t.Term)][t.Position] = true
	}
	for base := range at[string(query[0].Term)] {
		ok := true
		for _, q := range query[1:] {
			if !at[string(q.Term)][base+q.Position-query[0].Position] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func TestPhrases(t *testing.T) {
	tests := []struct {
		analyzer, query, doc string
		want                 bool
	}{
		{Reading, "広報紙", "広報誌を全戸に配布します", true},
		{Reading, "市民の声", "市民の声を聞く", true},
		{Reading, "情報発信", "積極的な情報発信を全庁的に推進する", true},
		{Reading, "市民活動", "市民協働の推進", false},
		{Morph, "情報発信の推進", "戦略的な情報発信の推進を図る", true},
		{Morph, "情報発信推進", "戦略的な情報発信の推進を図る", false},
		{Morph, "共生", "多文化共生の推進", true},
		{Morph, "ＳＮＳ", "SNSを活用した情報発信", true},
		{Bigram, "ＳＮＳ", "SNSを活用した情報発信", true},
		{Bigram, "化共生", "多文化共生の推進", true},
		{Bigram, "文化交流", "多文化共生の推進", false},
	}
	for _, tt := range tests {
		q, d := analyze(t, tt.analyzer, tt.query), analyze(t, tt.analyzer, tt.doc)
		if got := phraseMatch(q, d); got != tt.want {
			t.Errorf("%s: %s in %s = %v, want %v\nquery %s\ndoc   %s",
				tt.analyzer, tt.query, tt.doc, got, tt.want, compact(q), compact(d))
		}
	}
}

func TestVariantsGiveSameTerms(t *testing.T) {
	pairs := [][2]string{
		{"サーバーを更新する", "サーバを更新する"},
		{"新型コロナウィルス", "新型コロナウイルス"},
		{"ＳＮＳで発信", "SNSで発信"},
		{"sns で発信", "SNS で発信"},
		{"２０２２年度", "2022年度"},
		{"ｺﾝﾋﾞﾆの店舗", "コンビニの店舗"},
		{"ヴァイオリン", "バイオリン"},
		{"ヴィジョンの共有", "ビジョンの共有"},
		{"ウェブサイト", "ウエブサイト"},
		{"霞ヶ関", "霞ケ関"},
		{"9時〜17時", "9時～17時"},
		{"ﾌﾟﾗｲﾏﾘｰﾊﾞﾗﾝｽ", "プライマリーバランス"},
	}
	for _, p := range pairs {
		for _, name := range []string{Morph, Bigram, Reading} {
			a, _ := Terms(name, p[0])
			b, _ := Terms(name, p[1])
			if len(a) == 0 || !cmp.Equal(a, b) {
				t.Errorf("%s: %s → %q, %s → %q", name, p[0], a, p[1], b)
			}
		}
	}
}

// TestOffsets checks every token of every analyzer on real passages: offsets
// in range, on character boundaries, positions increasing, and, for morph
// tokens, text[Start:End] is the token's surface in the original text.
func TestOffsets(t *testing.T) {
	j := mustJA()
	for _, text := range passages(t) {
		for _, name := range []string{Morph, Bigram, Reading} {
			checkStream(t, name, text, analyze(t, name, text))
		}
		p := j.parse(text)
		for i := range p.toks {
			k := &p.toks[i]
			s, e := p.span(k.Position, k.Position+len(k.Surface))
			if f, _ := foldText(text[s:e]); f != k.Surface {
				t.Errorf("%q: token %q has original %q (folds to %q)", text, k.Surface, text[s:e], f)
			}
		}
	}
}

func checkStream(t *testing.T, name, text string, ts analysis.TokenStream) {
	t.Helper()
	last := 0
	for _, k := range ts {
		if k.Start < 0 || k.Start > k.End || k.End > len(text) {
			t.Fatalf("%s %q: token %s has offsets out of range", name, text, k)
		}
		if !utf8.ValidString(text[k.Start:k.End]) {
			t.Fatalf("%s %q: token %s cuts a character", name, text, k)
		}
		if k.Position < last || k.Position < 1 || len(k.Term) == 0 {
			t.Fatalf("%s %q: token %s after position %d", name, text, k, last)
		}
		last = k.Position
	}
}

// TestTermsAreFolded checks that Fold, which other packages apply to words,
// leaves every analyzed term unchanged.
func TestTermsAreFolded(t *testing.T) {
	for _, text := range passages(t) {
		for _, name := range []string{Morph, Bigram, Reading} {
			terms, err := Terms(name, text)
			if err != nil {
				t.Fatal(err)
			}
			for _, term := range terms {
				if f := Fold(term); f != term {
					t.Errorf("%s %q: term %q folds to %q", name, text, term, f)
				}
			}
		}
	}
}

func TestAnalyzePassageMatchesAnalyzers(t *testing.T) {
	for _, text := range passages(t) {
		m, r, b := AnalyzePassage(text)
		for name, got := range map[string]analysis.TokenStream{Morph: m, Reading: r, Bigram: b} {
			if want := analyze(t, name, text); compact(got) != compact(want) {
				t.Errorf("%s %q:\nAnalyzePassage %s\nanalyzer       %s", name, text, compact(got), compact(want))
			}
		}
	}
}

// TestAnalyzePassageFuncMatches checks the streams AnalyzePassageFunc lends
// against AnalyzePassage's, passage after passage, so a buffer that keeps
// anything of the passage before shows up.
func TestAnalyzePassageFuncMatches(t *testing.T) {
	for _, text := range passages(t) {
		m, _, b := AnalyzePassage(text)
		AnalyzePassageFunc(text, func(lm, lb analysis.TokenStream, _ int) {
			for name, pair := range map[string][2]analysis.TokenStream{Morph: {lm, m}, Bigram: {lb, b}} {
				if got, want := compact(pair[0]), compact(pair[1]); got != want {
					t.Errorf("%s %q:\nAnalyzePassageFunc %s\nAnalyzePassage     %s", name, text, got, want)
				}
			}
		})
	}
}

// TestUserDictParts enforces the rules written at the top of userdict.txt.
func TestUserDictParts(t *testing.T) {
	j := mustJA()
	for _, c := range j.user.Contents {
		word := strings.Join(c.Tokens, "")
		var want []string
		for _, p := range c.Tokens {
			part := []string{Fold(p)}
			if sk := okuriganaFree(Fold(p)); sk != part[0] {
				part = append(part, sk)
			}
			want = append(want, part...)
			if got, _ := Terms(Morph, p); !cmp.Equal(got, part) {
				t.Errorf("part %q of %q analyzes to %q; add it as an entry or split it differently", p, word, got)
			}
		}
		if got, _ := Terms(Morph, word); !cmp.Equal(got, want) {
			t.Errorf("%q analyzes to %q, want its parts %q", word, got, want)
		}
		for i, y := range c.Yomi {
			if !isKana(y) {
				t.Errorf("%q: reading %q of %q is not kana", word, y, c.Tokens[i])
			}
		}
	}
	if n := len(j.user.Contents); n < 50 {
		t.Errorf("user dictionary has %d entries, want 50+", n)
	}
}

func TestUserDictRejectsBadEntries(t *testing.T) {
	tests := []struct{ src, want string }{
		{"ウィルス対策,ウィルス 対策,ウイルス タイサク,政策用語\n", "not folded"},
		{"市民協働,市民 共同,シミン キョウドウ,政策用語\n", "do not spell"},
		{"市民協働,市民 協働,シミン,政策用語\n", "invalid format"},
	}
	for _, tt := range tests {
		_, err := parseUserDict(tt.src)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want %q", tt.src, err, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ＳＮＳ", "sns"},
		{"２０２２年度", "2022年度"},
		{"ｺﾝﾋﾞﾆ", "コンビニ"},
		{"ﾃﾞｰﾀ", "データ"},
		{"サーバーの管理", "サーバの管理"},
		{"コピー", "コピー"},
		{"ユーザーー", "ユーザ"},
		{"ウィルス", "ウイルス"},
		{"ヴァイオリン、ヴェール、ヴ", "バイオリン、ベール、ブ"},
		{"ゔぁ", "ば"},
		{"10時～12時〜", "10時〜12時〜"},
		{"人々", "人々"},
		{"㍻", "平成"},
		{"（株）", "(株)"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Fold(tt.want); got != tt.want {
			t.Errorf("Fold(%q) = %q, not idempotent", tt.want, got)
		}
	}
}

func TestTermsUnknownAnalyzer(t *testing.T) {
	if _, err := Terms("standard", "市民"); err == nil {
		t.Error("Terms(standard) succeeded, want an error")
	}
}

// TestStopTags checks Lucene-like stop tags on tokens kagome classifies.
func TestStopTags(t *testing.T) {
	j := mustJA()
	p := j.parse("市民、および職員が、えーと、協力する。")
	var got []string
	for i := range p.toks {
		k := &p.toks[i]
		got = append(got, fmt.Sprintf("%s:%d", k.Surface, j.kind(k)))
	}
	want := "市民:0 、:2 および:1 職員:0 が:1 、:2 えーと:1 、:2 協力:0 する:0 。:2"
	if s := strings.Join(got, " "); s != want {
		t.Errorf("kinds\n got %s\nwant %s", s, want)
	}
}

// TestInflectionsGiveSameTerms: base forms make the inflections of a verb
// one term. A サ変 noun with する (連携し, 連携する, 連携して) is the noun 連携
// plus a form of する, which is a stop word, so all of them index as 連携,
// as Lucene's JapaneseAnalyzer does.
func TestInflectionsGiveSameTerms(t *testing.T) {
	for _, group := range [][]string{
		{"関係所属と連携し", "関係所属と連携する", "関係所属と連携して", "関係所属との連携"},
		{"解決を図り", "解決を図る", "解決を図った"},
		{"情報を共有した", "情報を共有する", "情報の共有"},
	} {
		want, _ := Terms(Morph, group[0])
		for _, s := range group[1:] {
			if got, _ := Terms(Morph, s); !cmp.Equal(got, want) {
				t.Errorf("%s → %q, but %s → %q", s, got, group[0], want)
			}
		}
	}
}

// Okurigana spellings of one word meet on the kanji alone; words the rule
// must leave alone keep their spelling.
func TestOkuriganaFree(t *testing.T) {
	tests := []struct{ in, want string }{
		{"取り組み", "取り組み 取組"}, {"取組み", "取組む 取組"}, {"取組", "取組"},
		{"申し込み", "申し込み 申込"}, {"申込み", "申込む 申込"}, {"申込", "申込"},
		{"空き家", "空き家 空家"}, {"空家", "空家"}, {"空き家対策", "空き家 空家 対策"},
		{"手続き", "手続き 手続"}, {"届け出", "届け出 届出"}, {"受け付け", "受け付け 受付"}, {"振り込み", "振り込み 振込"},
		{"見守り", "見守る 見守"}, {"見守る", "見守る 見守"},
		// one kanji, leading kana, long kana runs, no kanji at all
		{"子ども", "子ども"}, {"お知らせ", "お知らせ"}, {"行う", "行う"}, {"こども", "こども"},
		{"人々", "人々"}, {"障がい者", "障がい 者"},
	}
	for _, tt := range tests {
		ts, err := Terms(Morph, tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(ts, " "); got != tt.want {
			t.Errorf("Terms(Morph, %q) = %q, want %q", tt.in, got, tt.want)
		}
		for _, term := range ts {
			if Fold(term) != term {
				t.Errorf("Fold(%q) = %q: a term must be folded", term, Fold(term))
			}
		}
	}
}

// Query words keep only the okurigana-free form where there is one, so every
// spelling of a word finds the same passages with the same weight.
func TestMorphQuery(t *testing.T) {
	for in, want := range map[string]string{
		"取り組み": "取組", "取組み": "取組", "取組": "取組", "申し込み 方法": "申込 方法", "子育て支援": "子育 支援", "多文化共生": "多文化 共生",
	} {
		ts, err := Terms(MorphQuery, in)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(ts, " "); got != want {
			t.Errorf("Terms(MorphQuery, %q) = %q, want %q", in, got, want)
		}
	}
}

// TestRoles checks the parts of speech of a query's content terms at the
// positions of its Morph stream.
func TestRoles(t *testing.T) {
	for _, tt := range []struct {
		text string
		want map[string]Role
	}{
		{"保育園に入りたい", map[string]Role{"保育園": Noun, "入る": Predicate}},
		{"子育て支援について教えてください", map[string]Role{"子育": Noun, "支援": Noun, "教える": Predicate, "くださる": Dependent}},
		{"ごみを減らす", map[string]Role{"ごみ": Noun, "減らす": Predicate}},
		{"新しい制度", map[string]Role{"新しい": Predicate, "制度": Noun}},
		{"ごみの出し方", map[string]Role{"ごみ": Noun, "出す": Predicate, "方": Dependent}},
		{"高齢者の移動手段", map[string]Role{"高齢者": Noun, "移動": Noun, "手段": Noun}},
	} {
		ts, err := Analyze(Morph, tt.text)
		if err != nil {
			t.Fatal(err)
		}
		roles := Roles(tt.text)
		got := map[string]Role{}
		for _, tok := range ts {
			got[string(tok.Term)] = roles[tok.Position]
		}
		for term, want := range tt.want {
			if r, ok := got[term]; !ok || r != want {
				t.Errorf("%s: %s has role %v (present %v), want %v; all %v", tt.text, term, r, ok, want, got)
			}
		}
	}
}

// TestParticleReadings: the particles ja_reading leaves out are the gaps a
// kana phrase may have, and only particles are: not auxiliaries or
// conjunctions (かつ, 且つ), not content words.
func TestParticleReadings(t *testing.T) {
	gaps := ParticleReadings()
	for _, r := range []string{"ノ", "ガ", "ヲ", "ニ", "ハ", "ト", "デ", "カラ", "マデ"} {
		if !gaps[r] {
			t.Errorf("%s is no gap", r)
		}
	}
	for _, r := range []string{"カツ", "デス", "マス", "シミン", "コエ", ""} {
		if gaps[r] {
			t.Errorf("%s is a gap", r)
		}
	}
	// 市民の声: シミン at 1, コエ at 3, and の's reading is a gap
	toks := analyze(t, Reading, "市民の声")
	if len(toks) != 2 || toks[0].Position != 1 || toks[1].Position != 3 || !gaps[ReadingTerm("の")] {
		t.Errorf("市民の声 reads %s", compact(toks))
	}
}

// TestEachTermReading: the readings a text term is found by are those of its
// dictionary spellings in the forms a kana query names things with.
func TestEachTermReading(t *testing.T) {
	pairs := map[[2]string]bool{}
	EachTermReading(func(r, term string) { pairs[[2]string{r, term}] = true })
	for _, p := range [][2]string{
		{"ミマモリ", "見守る"}, // 見守り, the continuative used as a noun
		{"ミマモリ", "見守"},  // and the okurigana-free term indexed beside it
		{"ミマモル", "見守る"}, // the dictionary form
		{"コウホウ", "広報"},
		{"シミン", "市民"},
		{"コエ", "声"},
		{"タスケアイ", "助け合う"}, // 助け合い
		{"ショウガイ", "障害"},   // 障害者 is 障害|者
		{"シャ", "者"},
	} {
		if !pairs[p] {
			t.Errorf("%s is not a reading of %s", p[0], p[1])
		}
	}
	for _, p := range [][2]string{
		{"ミマモッ", "見守る"}, // 見守っ: no query names a thing so
		{"ミマモラ", "見守る"},
		{"スル", "する"}, // a stop word: the text field has no term for it
		{"ノ", "の"},   // a particle: a gap
	} {
		if pairs[p] {
			t.Errorf("%s is a reading of %s", p[0], p[1])
		}
	}
}
