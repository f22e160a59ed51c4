package source

import "testing"

func TestStripMarkup(t *testing.T) {
	tests := []struct{ in, want string }{
		// 厚木市's CSV bodies (kouhou-bulletins/142123_広報あつぎ第1421号)
		{`<img class="alignnone size-full wp-image-8536237" src="https://mykoho.jp/wp-content/uploads/2024/04/ynatsugi240415_1.jpg" alt="" width="1200" height="800" />子育て中の親子が集えます。`,
			"子育て中の親子が集えます。"},
		{"対象：未就学児<br>時間：10時～11時&nbsp;（予約不要）", "対象：未就学児\n時間：10時～11時\u00a0（予約不要）"},
		{"<p>申込み：電話で</p><p>問合せ：子育て支援センター</p>", "\n申込み：電話で\n\n問合せ：子育て支援センター\n"},
		// no markup: left alone, "<" included
		{"定員<30人>、3<5 の場合", "定員<30人>、3<5 の場合"},
		{"＜重要＞お知らせ", "＜重要＞お知らせ"},
	}
	for _, tt := range tests {
		if got := stripMarkup(tt.in); got != tt.want {
			t.Errorf("stripMarkup(%q)\n got  %q\n want %q", tt.in, got, tt.want)
		}
	}
}
