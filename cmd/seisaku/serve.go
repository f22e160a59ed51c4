package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2"

	"seisaku/indexer"
	"seisaku/indexer/samples"
	"seisaku/search"
	"seisaku/search/web"
)

// runServe is `seisaku serve`: the HTTP API and search page over an index
// directory, or over the bundled samples indexed in memory when no index is
// given, until ctx is cancelled (SIGINT, SIGTERM).
func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	def := web.DefaultConfig()
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("index", getenv("SEISAKU_INDEX"), "index directory, or several separated by commas to serve as one (one per city, say) (env SEISAKU_INDEX); empty: the bundled samples, indexed in memory")
	addr := fs.String("addr", envOr(getenv, "SEISAKU_ADDR", ":8080"), "listen address (env SEISAKU_ADDR)")
	origins := fs.String("origins", getenv("SEISAKU_ORIGINS"), "comma-separated origins allowed to call the API from browsers (CORS), e.g. https://www.city.kiryu.lg.jp, or * (env SEISAKU_ORIGINS)")
	rate := fs.Float64("rate", def.RateLimit, "requests per second allowed per client IP (searches, pages, exports; not suggestions); 0: no limit")
	burst := fs.Int("burst", def.RateBurst, "requests per client IP allowed at once")
	suggestRate := fs.Float64("suggest-rate", def.SuggestRateLimit, "suggestions (search as you type) per second allowed per client IP, apart from -rate; 0: no limit")
	suggestBurst := fs.Int("suggest-burst", def.SuggestRateBurst, "suggestions per client IP allowed at once")
	trustProxy := fs.Bool("trust-proxy", false, "take the client IP from X-Forwarded-For (only behind a reverse proxy)")
	baseURL := fs.String("base-url", getenv("SEISAKU_BASE_URL"), "public address, e.g. https://search.example.jp, for absolute permalinks in CSV (env SEISAKU_BASE_URL)")
	logLevel := fs.String("log-level", "info", "debug, info, warn or error")
	reload := fs.Duration("reload-interval", 5*time.Second, "with -index: how often to look for a newly built index to swap in (also on SIGHUP); 0: never")
	grace := fs.Duration("swap-grace", def.WriteTimeout, "how long a swapped-out index stays open for requests still using it")
	metricsAddr := fs.String("metrics-addr", getenv("SEISAKU_METRICS_ADDR"), "serve /metrics only on this address, e.g. 127.0.0.1:9090, not on -addr (env SEISAKU_METRICS_ADDR); empty: on -addr")
	maxConns := fs.Int("max-connections", def.MaxConnections, "open client connections at most; more wait to be accepted")
	cacheMB := fs.Int("cache-mb", -1, fmt.Sprintf("memory for decoded postings, in MB: less memory, slower repeated queries; 0: no cache; -1: 1 KB for each passage of the index, at least %d MB and at most half the memory", search.DefaultPostingsCacheBytes>>20))
	fs.Usage = func() {
		fmt.Fprint(stderr, "usage: seisaku serve [-index DIR] [-addr :8080] [-origins a,b] [-rate N] [flags]\n\n"+
			"Serves the search API (/api/search, /api/openapi.json …) and the search page.\n"+
			"Without -index it indexes the bundled sample documents in memory first.\n\nflags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return usageError(fmt.Sprintf("serve: unexpected argument %q (flags only)", fs.Arg(0)))
	}
	cfg := def
	cfg.AllowedOrigins = splitList(*origins)
	cfg.RateLimit, cfg.RateBurst, cfg.TrustProxy, cfg.BaseURL = *rate, *burst, *trustProxy, *baseURL
	cfg.MetricsAddr, cfg.MaxConnections = *metricsAddr, *maxConns
	cfg.SuggestRateLimit, cfg.SuggestRateBurst = *suggestRate, *suggestBurst
	if err := cfg.Validate(); err != nil {
		return usageError("serve: " + strings.ReplaceAll(err.Error(), "\n", "; "))
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		return usageError(fmt.Sprintf("serve: -log-level %q: want debug, info, warn or error", *logLevel))
	}
	logger := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: level}))
	if *cacheMB < -1 {
		return usageError(fmt.Sprintf("serve: -cache-mb %d: want 0 or more, or -1 to size it by the index", *cacheMB))
	}
	cacheBytes := *cacheMB << 20
	if *cacheMB < 0 {
		cacheBytes = -1
	}
	return serve(ctx, cfg, serveOptions{dirs: splitList(*dir), addr: *addr, reload: *reload, grace: *grace, cacheBytes: cacheBytes}, logger)
}

type serveOptions struct {
	dirs          []string // none: the bundled samples
	addr          string
	reload, grace time.Duration // see the -reload-interval and -swap-grace flags
	cacheBytes    int           // -cache-mb in bytes; -1: sized by the index (autoCacheBytes)
}

// serve listens at once, so /healthz answers while the index loads (the
// bundled samples take seconds to index); /readyz and the API answer 503
// until then. A failure to load the index stops the server.
func serve(ctx context.Context, cfg web.Config, o serveOptions, logger *slog.Logger) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	srv := web.NewServer(cfg, nil, logger)
	live := &liveIndex{cacheBytes: o.cacheBytes}
	var hup chan os.Signal
	if len(o.dirs) > 0 && o.reload > 0 {
		hup = make(chan os.Signal, 1)
		signal.Notify(hup, syscall.SIGHUP)
		defer signal.Stop(hup)
	}
	loaded := make(chan struct{})
	go func() {
		defer close(loaded)
		idxs, gens, err := openIndexes(ctx, o.dirs, logger)
		if err != nil {
			cancel(fmt.Errorf("serve: %w", err))
			return
		}
		srv.SetBackend(newBackend(idxs, o.cacheBytes, logger))
		live.set(idxs, gens)
		if hup != nil {
			live.watch(ctx, o.dirs, o.reload, o.grace, hup, srv, logger)
		}
	}()
	err := srv.Run(ctx, o.addr, nil)
	cancel(nil)
	<-loaded
	live.close()
	if cause := context.Cause(ctx); cause != nil && !errors.Is(cause, context.Canceled) {
		return cause
	}
	return err
}

// openIndexes opens the index in each of dirs, or builds the bundled
// samples in memory when there are none, with the generations opened.
func openIndexes(ctx context.Context, dirs []string, logger *slog.Logger) ([]bleve.Index, []string, error) {
	if len(dirs) == 0 {
		start := time.Now()
		idx, sum, err := indexer.BuildMemory(ctx, samples.FS(), indexer.Options{})
		if err != nil {
			return nil, nil, fmt.Errorf("indexing the bundled samples: %w", err)
		}
		logger.Info("indexed the bundled samples in memory", "documents", sum.Documents,
			"passages", sum.Passages, "ms", time.Since(start).Milliseconds())
		return []bleve.Index{idx}, []string{""}, nil
	}
	var idxs []bleve.Index
	var gens []string
	for _, dir := range dirs {
		gen, _ := indexer.CurrentGeneration(dir)
		idx, m, err := indexer.Open(dir)
		if err != nil {
			for _, o := range idxs {
				o.Close()
			}
			return nil, nil, err
		}
		logger.Info("index opened", "dir", dir, "documents", m.Documents, "passages", m.Passages,
			"built", m.Created.Format(time.RFC3339))
		idxs, gens = append(idxs, idx), append(gens, gen)
	}
	return idxs, gens, nil
}

// indexBackend is the Searcher (which counts documents) plus the passage
// count, for /metrics and /readyz.
type indexBackend struct {
	*search.Searcher
	idxs []bleve.Index
}

// newBackend serves idxs as one index, with a postings cache of cacheBytes.
// A search the fast path hands to bleve's slower searchers is logged with
// the reason.
func newBackend(idxs []bleve.Index, cacheBytes int, logger *slog.Logger) indexBackend {
	s := search.NewMulti(idxs...)
	if cacheBytes < 0 {
		passages := passagesOf(idxs)
		cacheBytes = autoCacheBytes(passages, memoryBytes())
		logger.Info("postings cache sized by the index", "passages", passages, "cache_mb", cacheBytes>>20)
	}
	s.SetCacheBytes(cacheBytes)
	s.SetFallbackHook(func(reason error) {
		logger.Warn("search served by bleve's searchers, not the fast path", "reason", reason.Error())
	})
	return indexBackend{Searcher: s, idxs: idxs}
}

func (b indexBackend) DocCount() (uint64, error) {
	var n uint64
	for _, idx := range b.idxs {
		c, err := idx.DocCount()
		if err != nil {
			return 0, err
		}
		n += c
	}
	return n, nil
}

// splitList splits a comma-separated flag, dropping blanks.
func splitList(s string) []string {
	var out []string
	for p := range strings.SplitSeq(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// formatYear renders a fiscal year; 0 (unknown) is blank.
func formatYear(y int) string {
	if y <= 0 {
		return ""
	}
	return strconv.Itoa(y)
}

// cacheBytesPerPassage sizes the postings cache by the passages served.
// What the cache holds grows with the postings, and the postings with the
// passages: 16 bytes a passage for each term that occurs in it, plus 16
// for each occurrence where a phrase reads the locations. The size of the
// index on disk (a quarter of it until schema 14) stopped telling it once
// the readings left the index and the text was compressed: the same 400 MB
// of text made a 2.3 GB index and then a 1.3 GB one, for the same postings
// (docs/benchmarks.md, "Growth").
const cacheBytesPerPassage = 1 << 10

// autoCacheBytes is the postings cache for an index of passages when
// -cache-mb is not given: 1 KiB a passage, at least the default and at
// most half of mem (0: unknown, no cap).
func autoCacheBytes(passages uint64, mem int64) int {
	c := max(int64(min(passages, 1<<40))*cacheBytesPerPassage, int64(search.DefaultPostingsCacheBytes))
	if mem > 0 {
		c = min(c, mem/2)
	}
	return int(c)
}

// passagesOf counts the passages of indexes served as one (an index whose
// count cannot be read counts none).
func passagesOf(idxs []bleve.Index) uint64 {
	var n uint64
	for _, idx := range idxs {
		if c, err := idx.DocCount(); err == nil {
			n += c
		}
	}
	return n
}

// memoryBytes is the memory this process may use: its cgroup's limit
// (a container's), else the machine's; 0 when neither can be read.
func memoryBytes() int64 {
	for _, f := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		if b, err := os.ReadFile(f); err == nil {
			if n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64); err == nil && n > 0 && n < 1<<60 {
				return n
			}
		}
	}
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "MemTotal:"); ok {
			if kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64); err == nil {
				return kb << 10
			}
		}
	}
	return 0
}
