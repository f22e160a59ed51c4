// Command genmuni writes municipalities.tsv, the embedded municipality
// table of package meta, from localgovjp (code4fukui/localgovjp, CC0):
//
//	go run ./indexer/meta/internal/genmuni ../shared/data/localgovjp/localgovjp-utf8.csv > indexer/meta/municipalities.tsv
//
// One row per 市区町村 and per ward of a 政令指定都市, in the source's order:
// 全国地方公共団体コード (6 digits, with its check digit), prefecture, name,
// reading (hiragana), kind, the parent city of a ward, and the host of the
// official website. Kinds: 政令市 (a city with wards), 区 (one of its
// wards), 特別区 (東京都's 23 wards), 市, 町, 村. TestMunicipalitiesMatchSource
// checks the embedded file against the source.
package main

import (
	"fmt"
	"io"
	"os"

	"seisaku/indexer/meta"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: genmuni localgovjp-utf8.csv > municipalities.tsv")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	if err := write(f, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func write(r io.Reader, w io.Writer) error {
	ms, err := meta.ParseLocalGovJP(r)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, meta.FormatMunicipalities(ms))
	return err
}
