// Package samples embeds the sample documents the service runs on when no
// index is given (see README.md for their origin and rights).
package samples

import (
	"embed"
	"io/fs"
)

//go:embed data
var data embed.FS

// FS returns the sample documents, rooted at the data folder.
func FS() fs.FS {
	sub, err := fs.Sub(data, "data")
	if err != nil {
		panic(err) // the embedded tree always has data/
	}
	return sub
}
