package web

import (
	"strings"
	"testing"

	"seisaku/search"
)

func TestParseSearch(t *testing.T) {
	tests := []struct {
		raw, want string
	}{
		{"", `q="" sort=relevance page=1/20`},
		{"q=%E5%A4%9A%E6%96%87%E5%8C%96%E5%85%B1%E7%94%9F", `q="多文化共生" sort=relevance page=1/20`},
		{"q=+多文化共生+&city=大阪市&city=枚方市,柏原市,+大阪市", `q="多文化共生" city=大阪市|枚方市|柏原市 sort=relevance page=1/20`},
		{"department=市民局&issue_type=防災,人権", `q="" dept=市民局 issue=防災|人権 sort=relevance page=1/20`},
		{"year=2022", `q="" year=2022..2022 sort=relevance page=1/20`},
		{"year=2019..2022", `q="" year=2019..2022 sort=relevance page=1/20`},
		{"year=2019..", `q="" year=2019..0 sort=relevance page=1/20`},
		{"year=..2022", `q="" year=0..2022 sort=relevance page=1/20`},
		{"year=２０１９〜２０２２", `q="" year=2019..2022 sort=relevance page=1/20`},
		{"year=2019～", `q="" year=2019..0 sort=relevance page=1/20`},
		{"year=unknown&city=unknown,枚方市&prefecture=大阪府", `q="" city=unknown|枚方市 pref=大阪府 year=unknown sort=relevance page=1/20`},
		{"facets=*", `q="" facets=city|department|year|issue_type|prefecture|speaker|role|session sort=relevance page=1/20`},
		{"facets=year,city", `q="" facets=year|city sort=relevance page=1/20`},
		{"sort=date&page=3&hitsPerPage=50", `q="" sort=date page=3/50`},
		{"distinct=document&expand=false", `q="" sort=relevance page=1/20 distinct=document noexpand`},
		{"highlightPreTag=【&highlightPostTag=】&cropLength=80", `q="" sort=relevance page=1/20 tags=【】 crop=80`},
	}
	for _, tt := range tests {
		v, err := parseQuery(tt.raw)
		if err != nil {
			t.Fatalf("parseQuery(%q): %v", tt.raw, err)
		}
		r, err := parseSearch(v, DefaultConfig())
		if err != nil {
			t.Errorf("parseSearch(%q): %v", tt.raw, err)
			continue
		}
		if got := describe(r); got != tt.want {
			t.Errorf("parseSearch(%q)\n got %s\nwant %s", tt.raw, got, tt.want)
		}
	}
}

func TestParseSearchErrors(t *testing.T) {
	long := "q=" + strings.Repeat("共生", 200) // 1,200 bytes
	tests := []struct {
		raw, code, msg string
	}{
		{"year=20x2", search.EInvalid, "年度の指定 \"20x2\" が正しくありません"},
		{"year=2022..2019", search.EInvalid, "始まりが終わりより後"},
		{"year=..", search.EInvalid, "year must be"},
		{"year=令和4", search.EInvalid, "year must be"},
		{"hitsPerPage=100000", search.EInvalid, "hitsPerPage は 1 から 100 までの整数"},
		{"hitsPerPage=0", search.EInvalid, "hitsPerPage は 1 から 100"},
		{"page=-1", search.EInvalid, "page は 1 から 10000 までの整数"},
		{"page=200&hitsPerPage=100", search.EInvalid, "上位10000件まで"},
		{"page=abc", search.EInvalid, `got "abc"`},
		{"sort=popular", search.EInvalid, "sort must be relevance, year or date"},
		{"facets=mayor", search.EInvalid, `unknown facet "mayor"`},
		{"distinct=city", search.EInvalid, "distinct must be document"},
		{"expand=maybe", search.EInvalid, "expand must be true or false"},
		{"cropLength=5000", search.EInvalid, "cropLength は 0 から 1000"},
		{"highlightPreTag=" + strings.Repeat("x", 101), search.EInvalid, "highlightPreTag is longer than 100 bytes"},
		{"city=" + strings.Repeat("a,", 51), search.EInvalid, "too many city values; at most 50"},
		{long, search.EInvalid, "256文字以内"},
		{"q=%zz", search.EInvalid, "malformed query string"},
		{"q=%ff%fe", search.EInvalid, "parameters must be UTF-8"},
	}
	for _, tt := range tests {
		v, err := parseQuery(tt.raw)
		if err == nil {
			_, err = parseSearch(v, DefaultConfig())
		}
		if err == nil {
			t.Errorf("%.40s: no error", tt.raw)
			continue
		}
		if code := search.ErrorCode(err); code != tt.code || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%.40s: got %s %q, want %s containing %q", tt.raw, code, err, tt.code, tt.msg)
		}
	}
}
