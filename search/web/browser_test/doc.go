// Package browser tests the search page and the embeddable widget
// (package assets) in a real headless Chromium, driven with chromedp, against
// the real HTTP API over an in-memory index of the bundled samples. It has
// no code of its own, only tests.
package browser
