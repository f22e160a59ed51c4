package web

import (
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the server's Prometheus collectors, in a registry of its own so
// that two servers in one process (tests) do not collide.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	search   prometheus.Histogram
	// panics counts backend calls that panicked (answered 500);
	// reloadFailures the new index generations refused, reloadFailed is 1
	// while the newest generation of some index directory is refused.
	panics         prometheus.Counter
	reloadFailures prometheus.Counter
	reloadFailed   prometheus.Gauge
}

// newMetrics registers the collectors; passages and documents give the
// index size.
func newMetrics(passages, documents func() (uint64, bool)) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "seisaku_http_requests_total",
			Help: "HTTP requests by route template, method and status.",
		}, []string{"route", "method", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "seisaku_http_request_duration_seconds",
			Help:    "HTTP request latency by route template, method and status.",
			Buckets: prometheus.DefBuckets,
		}, []string{"route", "method", "status"}),
		search: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "seisaku_search_duration_seconds",
			Help:    "Latency of backend searches (one page of /api/search or the CSV export).",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}),
	}
	m.panics = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "seisaku_backend_panics_total",
		Help: "Searches, documents, suggestions or similar-passage lists that panicked inside the index and were answered with an error.",
	})
	m.reloadFailures = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "seisaku_index_reload_failures_total",
		Help: "Newly built index generations refused at reload (broken or not answering); the previous one kept serving.",
	})
	m.reloadFailed = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "seisaku_index_reload_failed",
		Help: "1 while the newest generation of an index directory was refused and an older one serves; see /readyz.",
	})
	m.reg.MustRegister(m.requests, m.duration, m.search, m.panics, m.reloadFailures, m.reloadFailed,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	gauge := func(name, help string, count func() (uint64, bool)) prometheus.Collector {
		return prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, func() float64 {
			if n, ok := count(); ok {
				return float64(n)
			}
			return math.NaN()
		})
	}
	m.reg.MustRegister(
		gauge("seisaku_index_passages", "Passages (bleve documents) in the index being served; NaN while unknown.", passages),
		gauge("seisaku_index_documents", "Documents (files, records, articles) in the index being served; NaN while unknown.", documents))
	return m
}

func (m *metrics) observeRequest(route, method string, status int, d time.Duration) {
	s := strconv.Itoa(status)
	m.requests.WithLabelValues(route, method, s).Inc()
	m.duration.WithLabelValues(route, method, s).Observe(d.Seconds())
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}
