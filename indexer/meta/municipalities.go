package meta

// municipalities.tsv is generated from localgovjp (../shared/data/localgovjp,
// CC0; see internal/genmuni) and embedded: every 市区町村 of Japan and every
// ward of a 政令指定都市, one a line, tab-separated: code (全国地方公共団体コード,
// 6 digits), prefecture, name, reading, kind (政令市, 区, 特別区, 市, 町, 村),
// parent (the city of a ward, else empty), host (the official website's host).

import (
	"encoding/csv"
	"fmt"
	"io"
	"net/url"
	"strings"
)

// ParseLocalGovJP reads localgovjp-utf8.csv (pid, pref, cid, city, citykana,
// lat, lng, url, phrase, lgcode) into the table's rows. A ward is written
// "札幌市 中央区" there; its row is 中央区 with Parent 札幌市.
func ParseLocalGovJP(r io.Reader) ([]Municipality, error) {
	cr := csv.NewReader(r)
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("localgovjp: %w", err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimPrefix(h, "\uFEFF")] = i
	}
	for _, c := range []string{"pref", "city", "citykana", "url", "lgcode"} {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("localgovjp: no column %q", c)
		}
	}
	var out []Municipality
	hasWards := map[string]bool{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("localgovjp: %w", err)
		}
		m := Municipality{Code: rec[col["lgcode"]], Prefecture: rec[col["pref"]], Host: hostOf(rec[col["url"]])}
		name, reading := rec[col["city"]], rec[col["citykana"]]
		if parent, ward, ok := strings.Cut(name, " "); ok {
			m.Name, m.Parent, m.Kind = ward, parent, "区"
			_, m.Reading, _ = strings.Cut(reading, " ")
			hasWards[m.Prefecture+parent] = true
		} else {
			m.Name, m.Reading = name, reading
		}
		out = append(out, m)
	}
	for i, m := range out {
		if m.Kind != "" {
			continue
		}
		r := []rune(m.Name)
		switch last := string(r[len(r)-1]); {
		case hasWards[m.Prefecture+m.Name]:
			out[i].Kind = "政令市"
		case m.Prefecture == "東京都" && last == "区":
			out[i].Kind = "特別区"
		default:
			out[i].Kind = last
		}
	}
	return out, nil
}

func hostOf(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Hostname())
}

// FormatMunicipalities writes rows in the embedded file's format.
func FormatMunicipalities(ms []Municipality) string {
	var b strings.Builder
	b.WriteString("# code\tprefecture\tname\treading\tkind\tparent\thost  (generated from localgovjp, CC0: go run ./indexer/meta/internal/genmuni)\n")
	for _, m := range ms {
		b.WriteString(strings.Join([]string{m.Code, m.Prefecture, m.Name, m.Reading, m.Kind, m.Parent, m.Host}, "\t"))
		b.WriteByte('\n')
	}
	return b.String()
}

func parseMunicipalities(tsv string) []Municipality {
	var out []Municipality
	for _, line := range strings.Split(tsv, "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 7 || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, Municipality{Code: f[0], Prefecture: f[1], Name: f[2], Reading: f[3], Kind: f[4], Parent: f[5], Host: f[6]})
	}
	return out
}

// hostKey reduces a municipal host to what identifies the municipality:
// the label after city/town/vill/ward and that word (www.city.kiryu.lg.jp
// and www.city.kiryu.gunma.jp are both "city.kiryu"), else the host
// without "www.".
func hostKey(host string) string {
	labels := strings.Split(strings.TrimPrefix(strings.ToLower(host), "www."), ".")
	for i, l := range labels {
		switch l {
		case "city", "town", "vill", "village", "ward":
			if i+1 < len(labels) && i == 0 {
				return l + "." + labels[i+1]
			}
		}
	}
	return strings.Join(labels, ".")
}
