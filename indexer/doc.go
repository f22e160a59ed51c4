// Package indexer turns folders of policy documents into a bleve index of
// passages: it reads files (package source), extracts metadata (meta),
// splits passages (passage), tags themes (theme), analyses text on every
// core and writes a new index generation that goes live atomically.
package indexer
