// Package search turns a search request into a ranked, filtered, faceted and
// highlighted page of passages over a bleve index built by package indexer.
package search
