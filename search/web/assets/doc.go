// Package assets holds what citizens, staff and journalists see: the
// <seisaku-search> custom element (widget.js) that a city embeds in its own
// website, what it loads in full mode for staff and journalists
// (widget-full.js: document view, similar precedents, the chart across years
// and cities), the full search page (index.html) and the embedding guide
// (demo.html), embedded for the server.
package assets
