// Package web serves the search over HTTP: a JSON API in Meilisearch's
// conventions (/api/search, /api/documents/:id, /api/suggest, /api/similar,
// /api/search.csv), health and readiness probes, Prometheus metrics, an
// OpenAPI document and a minimal search page, all behind one echo router
// whose single error handler maps search error codes to HTTP statuses.
package web
