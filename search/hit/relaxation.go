package hit

import (
	"fmt"
	"strings"
)

// Relaxation says how a query that found little was relaxed (package plan) and
// what the results lack.
type Relaxation struct {
	Level      string   `json:"level"`      // parts, most or any
	StrictHits int      `json:"strictHits"` // passages that hold every word as typed
	Found      []string `json:"found"`      // query words some passage holds as typed
	Missing    []string `json:"missing"`    // query words no passage holds as typed
	Message    string   `json:"message"`    // what happened and what to try, in Japanese
}

// RelaxMessage says in Japanese what a relaxed search shows, e.g.
// 「報道機関」と「研修」を両方含む結果はありません — 「報道機関」を含む結果を表示しています。
func RelaxMessage(words []string, rx *Relaxation, total int) string {
	if total == 0 {
		return fmt.Sprintf("%sは、語の一部も見つかりません。別の言い方や、より一般的な語を試してください。", QuoteAll(words, "と"))
	}
	if rx.StrictHits > 0 {
		return fmt.Sprintf("%sをそのまま含む結果は%d件です — 続けて、語の一部を含む結果を表示しています。", QuoteAll(words, "と"), rx.StrictHits)
	}
	if len(words) == 1 {
		return fmt.Sprintf("「%s」をそのまま含む結果はありません — 語の一部を含む結果を表示しています。区切りを変えるか、別の言い方を試してください。", words[0])
	}
	all := "すべて"
	if len(words) == 2 {
		all = "両方"
	}
	msg := fmt.Sprintf("%sを%s含む結果はありません", QuoteAll(words, "と"), all)
	switch {
	case len(rx.Found) > 0:
		msg += fmt.Sprintf(" — %sを含む結果を表示しています。", QuoteAll(rx.Found, "や"))
	default:
		msg += " — どの語もそのままでは見つからないため、語の一部を含む結果を表示しています。"
	}
	if len(rx.Missing) > 0 {
		msg += fmt.Sprintf("%sは見つかりません。別の言い方を試してください。", QuoteAll(rx.Missing, "と"))
	}
	return msg
}

// QuoteAll puts each word in 「」, joined by sep.
func QuoteAll(ws []string, sep string) string {
	q := make([]string, len(ws))
	for i, w := range ws {
		q[i] = "「" + w + "」"
	}
	return strings.Join(q, sep)
}
