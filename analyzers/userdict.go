package analyzers

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/ikawaha/kagome-dict/dict"
)

// userDictFile is the policy vocabulary; its format is described at its top.
//
//go:embed userdict.txt
var userDictFile string

// parseUserDict builds a kagome user dictionary from src and checks what
// kagome does not: that every word is written folded (kagome matches it
// against folded text) and that its parts spell it.
func parseUserDict(src string) (*dict.UserDict, error) {
	recs, err := dict.NewUserDicRecords(strings.NewReader(src))
	if err != nil {
		return nil, fmt.Errorf("analyzers: user dictionary: %w", err)
	}
	for _, r := range recs {
		if f, _ := foldText(r.Text); f != r.Text {
			return nil, fmt.Errorf("analyzers: user dictionary: %q is not folded (write %q)", r.Text, f)
		}
		if strings.Join(r.Tokens, "") != r.Text {
			return nil, fmt.Errorf("analyzers: user dictionary: parts %q do not spell %q", r.Tokens, r.Text)
		}
	}
	ud, err := recs.NewUserDict()
	if err != nil {
		return nil, fmt.Errorf("analyzers: user dictionary: %w", err)
	}
	return ud, nil
}
