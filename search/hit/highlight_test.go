package hit

import (
	"strings"
	"testing"
	"unicode/utf8"

	bsearch "github.com/blevesearch/bleve/v2/search"

	"seisaku/indexer"
	"seisaku/search/plan"
)

// at returns the spans of every occurrence of each word in text.
func at(text string, words ...string) []span {
	var out []span
	for _, w := range words {
		for i := 0; ; {
			j := strings.Index(text[i:], w)
			if j < 0 {
				break
			}
			out = append(out, span{i + j, i + j + len(w)})
			i += j + len(w)
		}
	}
	return out
}

func TestHighlight(t *testing.T) {
	const kuseikaigi = "区政についての意見と区政の評価を行う「区政会議」の設置等により、区の実情に合わせた協働型の区政を展開する。"
	tests := []struct {
		name, text string
		spans      []span
		crop       int
		want       string
	}{
		{"bigrams merge", "「区政会議」の設置", at("「区政会議」の設置", "区政", "政会", "会議"), 0,
			"「<mark>区政会議</mark>」の設置"},
		{"touching morphs merge", "区政会議の設置", at("区政会議の設置", "区政", "会議"), 0,
			"<mark>区政会議</mark>の設置"},
		{"space separates", "区政 会議", at("区政 会議", "区政", "会議"), 0,
			"<mark>区政</mark> <mark>会議</mark>"},
		{"full width", "ＳＮＳを活用した情報発信", at("ＳＮＳを活用した情報発信", "ＳＮＳ"), 0,
			"<mark>ＳＮＳ</mark>を活用した情報発信"},
		{"half width kana", "市内のｺﾝﾋﾞﾆで配布", at("市内のｺﾝﾋﾞﾆで配布", "ｺﾝﾋﾞﾆ"), 0,
			"市内の<mark>ｺﾝﾋﾞﾆ</mark>で配布"},
		{"escape", `<script>alert(1)</script>区政会議`, at(`<script>alert(1)</script>区政会議`, "区政会議"), 0,
			"&lt;script&gt;alert(1)&lt;/script&gt;<mark>区政会議</mark>"},
		{"escape inside mark", "A&B区政", at("A&B区政", "A&B"), 0, "<mark>A&amp;B</mark>区政"},
		{"invalid spans dropped", "区政会議", []span{{1, 3}, {0, 99}, {3, 3}, {-1, 3}, {3, 6}}, 0,
			"区<mark>政</mark>会議"},
		{"crop to sentence", "大阪の再生を図る。区政会議を設置する。市民の意見を聞く。予算を確保する。",
			at("大阪の再生を図る。区政会議を設置する。市民の意見を聞く。予算を確保する。", "区政会議"), 12,
			"…<mark>区政会議</mark>を設置する。…"},
		{"crop densest", kuseikaigi, at(kuseikaigi, "協働"), 20,
			"…の実情に合わせた<mark>協働</mark>型の区政を展開する。"},
		{"crop no marks", "大阪の再生を図る。区政会議を設置する。市民の意見を聞く。", nil, 12,
			"大阪の再生を図る。…"},
	}
	for _, tt := range tests {
		m := Marker{Pre: "<mark>", Post: "</mark>", Crop: tt.crop}
		got := m.highlight(tt.text, tt.spans)
		if got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
}

// TestHighlightCrop crops a long real passage around each of its words at
// many lengths: the output is valid UTF-8, holds the mark, and keeps to the
// length.
func TestHighlightCrop(t *testing.T) {
	const text = "新型コロナウイルス感染症対策を講じたうえで、豊かな大阪の実現に向けて、①「ウィズコロナにおける対策と大阪の再生」、②「ポストコロナに向けた府市一体による大阪の成長」という方針のもと、市政運営の基本方針を示すとともに、全庁的な調整を行い、施策の推進を図る。\n社会経済情勢に即した政策を企画立案し、全庁的な調整を行う。"
	for _, w := range []string{"新型", "大阪", "ポストコロナ", "方針", "全庁的", "企画立案", "行う。"} {
		for crop := 1; crop < 160; crop += 7 {
			m := Marker{Pre: "<mark>", Post: "</mark>", Crop: crop}
			got := m.highlight(text, at(text, w))
			if !utf8.ValidString(got) {
				t.Fatalf("%s/%d: invalid UTF-8 %q", w, crop, got)
			}
			if !strings.Contains(got, "<mark>") {
				t.Errorf("%s/%d: no mark in %s", w, crop, got)
			}
			plain := strings.NewReplacer("<mark>", "", "</mark>", "", "…", "").Replace(got)
			if n := utf8.RuneCountInString(plain); n > max(crop, utf8.RuneCountInString(w)) {
				t.Errorf("%s/%d: %d runes: %s", w, crop, n, got)
			}
		}
	}
}

// TestReadingRuns: a kana word matched by reading is the run of its
// phrase's terms at consecutive positions (any token where a particle's gap
// stands); its terms located apart, as a relaxed tier locates a word's
// parts, are no reading match.
func TestReadingRuns(t *testing.T) {
	text := "市民の声を聞き、声を上げる市民とバスに乗る。"
	loc := func(term string, pos uint64, sub string, nth int) (string, *bsearch.Location) {
		i := 0
		for k := 0; k <= nth; k++ {
			j := strings.Index(text[i:], sub)
			i += j
			if k < nth {
				i += len(sub)
			}
		}
		return term, &bsearch.Location{Pos: pos, Start: uint64(i), End: uint64(len(sub))}
	}
	locs := func(ls ...func() (string, *bsearch.Location)) bsearch.FieldTermLocationMap {
		m := bsearch.TermLocationMap{}
		for _, l := range ls {
			term, loc := l()
			m[term] = append(m[term], loc)
		}
		return bsearch.FieldTermLocationMap{indexer.FieldText: m}
	}
	l := func(term string, pos uint64, sub string, nth int) func() (string, *bsearch.Location) {
		return func() (string, *bsearch.Location) { return loc(term, pos, sub, nth) }
	}
	koe := plan.Phrase{{"市民"}, nil, {"声", "越える"}}
	// 市民(1) の(2) 声(3): a run, and の is marked between its readings
	got := readingRuns(locs(l("市民", 1, "市民", 0), l("声", 3, "声", 0)), []plan.Phrase{koe})
	if len(got) != 2 || text[got[0].start:got[0].end]+text[got[1].start:got[1].end] != "市民声" {
		t.Errorf("市民の声: runs %v", got)
	}
	if g := particleGaps(got, text); len(g) != 1 || text[g[0].start:g[0].end] != "の" {
		t.Errorf("市民の声: particle gaps %v", g)
	}
	// 声(9) … 市民(14): both words located, in no run
	if got := readingRuns(locs(l("声", 9, "声", 1), l("市民", 14, "市民", 1)), []plan.Phrase{koe}); len(got) != 0 {
		t.Errorf("声を上げる市民: runs %v", got)
	}
	// バス alone, located by a relaxed tier as a part of コミュニティバス
	bus := plan.Phrase{{"コミュニティ"}, {"バス"}}
	if got := readingRuns(locs(l("バス", 16, "バス", 0)), []plan.Phrase{bus}); len(got) != 0 {
		t.Errorf("バス alone: runs %v", got)
	}
	// a split of one reading runs wherever a term of it is located
	if got := readingRuns(locs(l("声", 3, "声", 0), l("声", 9, "声", 1)), []plan.Phrase{{{"声"}}}); len(got) != 2 {
		t.Errorf("こえ: runs %v", got)
	}
}
