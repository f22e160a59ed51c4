package source

import (
	"fmt"
	"strings"
)

var kindTags = map[BlockKind]string{Paragraph: "P", Heading: "H", ListItem: "L", TableCell: "C", Speech: "S"}

// compact renders blocks as "H1:政策推進部 部長マニフェスト | L:部長会議の定期開催 | P:…",
// newlines inside a block shown as ⏎.
func compact(bs []Block) string {
	parts := make([]string, len(bs))
	for i, b := range bs {
		tag := kindTags[b.Kind]
		if b.Kind == Heading {
			tag += fmt.Sprint(b.Level)
		}
		parts[i] = tag + ":" + strings.ReplaceAll(b.Text, "\n", "⏎")
	}
	return strings.Join(parts, " | ")
}

// collect reads data as name and returns the documents and the error.
func collect(name string, data []byte) ([]Source, error) {
	var out []Source
	err := Read(name, data, func(s Source) error {
		out = append(out, s)
		return nil
	})
	return out, err
}
