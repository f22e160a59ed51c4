package assets

import (
	"embed"
	"io/fs"
)

// The files, served as:
//
//	GET /          index.html  the full search page (<seisaku-search mode="full">)
//	GET /widget.js widget.js   the custom element; the only script a page loads
//	GET /widget-full.js        what widget.js imports in full mode (document
//	               widget-full.js  view, similar precedents, the chart across
//	                               years and cities)
//	GET /demo      demo.html   how to embed the widget, with a live example
//
// None of them has inline script, so the pages can be served with
// Content-Security-Policy "script-src 'self'".
//
//go:embed index.html demo.html widget.js widget-full.js
var files embed.FS

// FS returns the static files, at the root of the returned fs.FS.
func FS() fs.FS { return files }
