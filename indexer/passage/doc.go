// Package passage splits a document's blocks into citable passages, each
// with the heading path (breadcrumb) above it.
package passage
