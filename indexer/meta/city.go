package meta

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"
)

// municipalitiesTSV is the embedded municipality table (municipalities.go).
//
//go:embed municipalities.tsv
var municipalitiesTSV string

// Municipality is one row of the embedded table.
type Municipality struct {
	Code       string // 全国地方公共団体コード, 6 digits: 272108
	Prefecture string // 大阪府
	Name       string // 枚方市; a ward's own name: 北区
	Reading    string // ひらかたし
	Kind       string // 政令市, 区 (a ward of a 政令市), 特別区, 市, 町, 村
	Parent     string // the city of a ward (大阪市), else ""
	Host       string // the official website's host: www.city.hirakata.osaka.jp
}

// prefectures are matched as tokens so that a city name inside them is not
// (京都市 inside 東京都市町村) and so that 岡山県倉敷市 yields 倉敷市.
var prefectures = strings.Fields(`北海道 青森県 岩手県 宮城県 秋田県 山形県 福島県 茨城県 栃木県 群馬県
埼玉県 千葉県 東京都 神奈川県 新潟県 富山県 石川県 福井県 山梨県 長野県 岐阜県 静岡県 愛知県 三重県
滋賀県 京都府 大阪府 兵庫県 奈良県 和歌山県 鳥取県 島根県 岡山県 広島県 山口県 徳島県 香川県 愛媛県
高知県 福岡県 佐賀県 長崎県 熊本県 大分県 宮崎県 鹿児島県 沖縄県`)

// brands maps a city's own publication or nickname, written in kana, to the
// city: the bulletin 広報ひらかた is 枚方市's. Only brands checked against the
// corpus or the cities' own naming are listed.
var brands = map[string]string{
	"広報ひらかた":   "枚方市",
	"広報あつぎ":    "厚木市",
	"広報くらしき":   "倉敷市",
	"広報かしわら":   "柏原市",
	"広報「かしわら」": "柏原市",
	"広報きりゅう":   "桐生市",
	"広報しながわ":   "品川区",
}

// sharedWardNames are 特別区 names that are also wards of 政令指定都市
// (大阪市北区, 札幌市中央区, 名古屋市港区): they count only after 東京都.
var sharedWardNames = map[string]bool{"北区": true, "中央区": true, "港区": true}

type gazetteer struct {
	kind      map[string]string         // name → kind ("" for a prefecture); wards are not names here
	byName    map[string][]Municipality // municipalities (not wards) by name: 府中市 → 東京都's and 広島県's
	byHost    map[string][]Municipality // by their website's host, and by its hostKey
	byReading map[string][]Municipality // by reading without 市, 町, 村 or 区 (ふらの, ひだかがわ), three kana or more
	maxLen    int                       // longest name in runes
	all       []Municipality
}

var places = loadGazetteer(municipalitiesTSV)

func loadGazetteer(tsv string) *gazetteer {
	g := &gazetteer{kind: map[string]string{}, byName: map[string][]Municipality{}, byHost: map[string][]Municipality{}, byReading: map[string][]Municipality{}}
	g.all = parseMunicipalities(tsv)
	for _, m := range g.all {
		if m.Kind == "区" {
			continue // a ward counts as its city (大阪市北区 is 大阪市); alone it is too ambiguous
		}
		if stem := readingStem(m); utf8.RuneCountInString(stem) >= 3 {
			g.byReading[stem] = append(g.byReading[stem], m)
		}
		g.byName[m.Name] = append(g.byName[m.Name], m)
		if m.Host != "" {
			g.byHost[m.Host] = append(g.byHost[m.Host], m)
			if k := hostKey(m.Host); k != m.Host {
				g.byHost[k] = append(g.byHost[k], m)
			}
		}
		g.add(m.Name, m.Kind)
	}
	for _, p := range prefectures {
		g.add(p, "")
	}
	return g
}

// readingStem is a municipality's reading without the reading of 市, 町,
// 村 or 区 (ふらのし → ふらの, ひだかがわちょう → ひだかがわ); "" when the
// reading does not end in it.
func readingStem(m Municipality) string {
	var ends []string
	switch m.Kind {
	case "市", "政令市":
		ends = []string{"し"}
	case "町":
		ends = []string{"ちょう", "まち"}
	case "村":
		ends = []string{"そん", "むら"}
	case "特別区":
		ends = []string{"く"}
	}
	for _, e := range ends {
		if stem, ok := strings.CutSuffix(m.Reading, e); ok {
			return stem
		}
	}
	return ""
}

// lookup resolves a municipality name to one row: the only one of that
// name, else the one in pref (a prefecture the document states; "" for
// none). ok is false for an unknown name and for a name shared by several
// municipalities that pref does not tell apart.
func (g *gazetteer) lookup(name, pref string) (Municipality, bool) {
	ms := g.byName[name]
	if len(ms) == 1 && (pref == "" || ms[0].Prefecture == pref) {
		return ms[0], true
	}
	for _, m := range ms {
		if m.Prefecture == pref {
			return m, true
		}
	}
	return Municipality{}, false
}

// Lookup returns the municipality called name, in prefecture pref when
// several share the name (府中市: 東京都 or 広島県); pref may be "".
func Lookup(name, pref string) (Municipality, bool) { return places.lookup(name, pref) }

func (g *gazetteer) add(name, kind string) {
	if _, dup := g.kind[name]; !dup || kind != "" {
		g.kind[name] = kind
	}
	g.maxLen = max(g.maxLen, len([]rune(name)))
	if g.maxLen > maxPlaceRunes {
		panic("meta: a place name longer than maxPlaceRunes: " + name)
	}
}

// maxPlaceRunes bounds the names of the table (the longest has 7 runes), so
// that longestAt can spell its candidates in a buffer on the stack.
const maxPlaceRunes = 15

// Municipalities returns a copy of the embedded table.
func Municipalities() []Municipality {
	return append([]Municipality(nil), places.all...)
}

// IsMunicipality reports whether name is in the embedded table.
func IsMunicipality(name string) bool {
	k, ok := places.kind[name]
	return ok && k != ""
}

// mention is one occurrence of a municipality name in a text.
type mention struct {
	name  string
	start int    // rune index of the first rune
	end   int    // rune index after the last rune
	next  rune   // the rune after the name; 0 at the end of the text
	pref  string // the prefecture written right before it (岡山県倉敷市), or ""
}

// mentions finds municipality names in s, leftmost-longest, so 東大阪市 is
// one mention (not 大阪市) and 岡山県倉敷市 is 倉敷市 after the prefecture.
// Prefecture names are consumed but not reported. Shared ward names (北区)
// count only right after 東京都; other 特別区 and two-rune names (津市, 呉市)
// only when the rune before them does not continue a word (港北区, 今津市場).
func mentions(s string) []mention {
	ms, _ := scanPlaces(s)
	return ms
}

// scanPlaces is mentions, also returning the prefectures named in s as
// tokens (東京都府中市 names 東京都, not 京都府). It is linear in len(s): each
// position tries names up to the longest in the table.
func scanPlaces(s string) ([]mention, []string) {
	r := []rune(s)
	var out []mention
	var prefs []string
	prefEnd, pref := -1, ""
	for i := 0; i < len(r); {
		name, n := places.longestAt(r, i)
		if n == 0 {
			i++
			continue
		}
		k := places.kind[name]
		switch {
		case k == "":
			prefs = append(prefs, name)
			prefEnd, pref = i+n, name
		case acceptable(r, i, n, name, k):
			var next rune
			if i+n < len(r) {
				next = r[i+n]
			}
			mt := mention{name: name, start: i, end: i + n, next: next}
			if prefEnd == i {
				mt.pref = pref
			}
			out = append(out, mt)
		}
		i += n
	}
	return out, prefs
}

func (g *gazetteer) longestAt(r []rune, i int) (string, int) {
	if !isHan(r[i]) && !unicode.In(r[i], unicode.Hiragana, unicode.Katakana) {
		return "", 0
	}
	// The candidates are looked up as UTF-8 in a buffer on the stack, each
	// a prefix of the longest: no string is made unless one is a name.
	var buf [maxPlaceRunes * utf8.UTFMax]byte
	var ends [maxPlaceRunes + 1]int // ends[n]: the bytes of r[i:i+n]
	maxN := min(g.maxLen, len(r)-i)
	enc := buf[:0]
	for n := 1; n <= maxN; n++ {
		enc = utf8.AppendRune(enc, r[i+n-1])
		ends[n] = len(enc)
	}
	for n := maxN; n >= 2; n-- {
		if !isPlaceSuffix(r[i+n-1]) {
			continue
		}
		if _, ok := g.kind[string(enc[:ends[n]])]; ok {
			return string(enc[:ends[n]]), n
		}
	}
	return "", 0
}

// isPlaceSuffix reports whether r ends the name of a municipality, a ward
// or a prefecture.
func isPlaceSuffix(r rune) bool {
	switch r {
	case '市', '町', '村', '区', '都', '道', '府', '県':
		return true
	}
	return false
}

func acceptable(r []rune, i, n int, name, kind string) bool {
	afterTokyo := i >= 3 && string(r[i-3:i]) == "東京都"
	wordBefore := i > 0 && (isHan(r[i-1]) || unicode.Is(unicode.Katakana, r[i-1]))
	switch {
	case sharedWardNames[name]:
		return afterTokyo
	case kind == "特別区" || n == 2:
		if n == 2 && i+n < len(r) && r[i+n] == '場' {
			return false // 津市場
		}
		return afterTokyo || !wordBefore || prefectureEndsAt(r, i)
	}
	return true
}

func prefectureEndsAt(r []rune, i int) bool {
	for _, p := range prefectures {
		pr := []rune(p)
		if i >= len(pr) && string(r[i-len(pr):i]) == p {
			return true
		}
	}
	return false
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }
