// Package assets holds what citizens see: the <seisaku-search> custom element
// (widget.js) that a city embeds in its own website, the full search page
// (index.html) and the embedding guide (demo.html), embedded for the server.
package assets
