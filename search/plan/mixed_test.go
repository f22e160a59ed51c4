package plan

import "testing"

// TestMixedReading: a word in kanji and kana alone is matched by its
// reading; one that holds a particle or auxiliary, which the reading field
// leaves out, is not: its readings would skip the particle (こどもの遊び場
// as コドモ|アソビ|バ, matching 子ども遊び場 and 子どもが遊び場).
func TestMixedReading(t *testing.T) {
	tests := []struct {
		word, want string
	}{
		{"引きこもり", "ヒキコモリ"},
		{"こどもの遊び場", ""},
		{"子育て", "コソダテ"},
		{"子どもが遊ぶ", ""},
		{"広報紙", ""}, // kanji alone
	}
	for _, tt := range tests {
		got, _ := mixedReading(tt.word)
		if got != tt.want {
			t.Errorf("mixedReading(%s) = %q, want %q", tt.word, got, tt.want)
		}
	}
}
