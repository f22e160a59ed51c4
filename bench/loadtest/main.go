// Command loadtest sends the benchmark queries to a running seisaku server
// over loopback at several concurrency levels and prints latency
// percentiles, throughput and errors, one JSON line per level.
//
//	loadtest -url http://127.0.0.1:8080 -queries ../shared/anchors/queries.txt -c 1,8,32 -passes 10
//
// Every request is a complete search as the widget sends it: top 10,
// facets on city and year, highlighting (always on). Each level first runs
// -warmup passes over the query list, then -passes measured passes with c
// clients taking the next query from a shared counter. With -suggest it
// also measures /api/suggest with every prefix of every query word
// (search as you type) at concurrency 1. SIGINT or SIGTERM ends a -duration
// run early, with its figures printed (for scripts that stop the load when
// their faults are done).
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// stop is closed by SIGINT or SIGTERM: a -duration run ends early.
var stop = make(chan struct{})

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "server address")
	qfile := flag.String("queries", "", "query file: one query a line, # comments")
	levels := flag.String("c", "1,8,32", "concurrency levels")
	passes := flag.Int("passes", 10, "measured passes over the query list per level")
	warmup := flag.Int("warmup", 3, "warm-up passes per level")
	params := flag.String("params", "facets=city,year&hitsPerPage=10", "extra search parameters")
	suggest := flag.Bool("suggest", true, "also measure /api/suggest with query prefixes")
	label := flag.String("label", "seisaku", "system name in the JSON output")
	duration := flag.Duration("duration", 0, "run each level this long instead of -passes passes (soak tests)")
	flag.Parse()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() { <-sig; close(stop) }()
	qs, err := readQueries(*qfile)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(2)
	}
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	urls := make([]string, len(qs))
	for i, q := range qs {
		urls[i] = *base + "/api/search?q=" + url.QueryEscape(q) + "&" + *params
	}
	failed := false
	for _, s := range strings.Split(*levels, ",") {
		c, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || c < 1 {
			fmt.Fprintln(os.Stderr, "loadtest: bad concurrency", s)
			os.Exit(2)
		}
		run(client, urls, c, *warmup, 0)
		r := run(client, urls, c, *passes, *duration)
		failed = failed || r.Errors > 0
		print(*label, "search", c, r)
	}
	if *suggest {
		var sus []string
		for _, q := range qs {
			for _, w := range strings.Fields(q) {
				rs := []rune(w)
				for n := 1; n <= len(rs); n++ {
					sus = append(sus, *base+"/api/suggest?q="+url.QueryEscape(string(rs[:n])))
				}
			}
		}
		run(client, sus, 1, 1, 0)
		r := run(client, sus, 1, *passes, 0)
		failed = failed || r.Errors > 0
		print(*label, "suggest", 1, r)
	}
	if failed {
		os.Exit(1)
	}
}

func readQueries(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var qs []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l != "" && !strings.HasPrefix(l, "#") {
			qs = append(qs, l)
		}
	}
	if len(qs) == 0 {
		return nil, fmt.Errorf("%s: no queries", path)
	}
	return qs, sc.Err()
}

type result struct {
	Lat    []time.Duration
	Errors int
	Wall   time.Duration
	First  string // first error
}

// run sends every URL passes times with c concurrent clients, or, with a
// duration, cycles through the URLs until it has passed.
func run(client *http.Client, urls []string, c, passes int, duration time.Duration) result {
	total := len(urls) * passes
	deadline := time.Time{}
	if duration > 0 {
		total = int(^uint(0) >> 1)
		deadline = time.Now().Add(duration)
	}
	var next atomic.Int64
	var mu sync.Mutex
	var r result
	var wg sync.WaitGroup
	start := time.Now()
	for range c {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var lat []time.Duration
			var errs int
			var first string
			for {
				i := int(next.Add(1)) - 1
				if i >= total || (!deadline.IsZero() && (time.Now().After(deadline) || stopped())) {
					break
				}
				t := time.Now()
				err := get(client, urls[i%len(urls)])
				lat = append(lat, time.Since(t))
				if err != nil {
					errs++
					if first == "" {
						first = err.Error()
					}
				}
			}
			mu.Lock()
			r.Lat = append(r.Lat, lat...)
			r.Errors += errs
			if r.First == "" {
				r.First = first
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	r.Wall = time.Since(start)
	return r
}

func stopped() bool {
	select {
	case <-stop:
		return true
	default:
		return false
	}
}

func get(client *http.Client, u string) error {
	resp, err := client.Get(u)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: HTTP %d", u, resp.StatusCode)
	}
	return nil
}

func pct(xs []time.Duration, p float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	i := int(p*float64(len(xs))+0.5) - 1
	i = max(0, min(i, len(xs)-1))
	return float64(xs[i].Microseconds()) / 1000
}

func print(label, op string, c int, r result) {
	sort.Slice(r.Lat, func(i, j int) bool { return r.Lat[i] < r.Lat[j] })
	out := map[string]any{
		"system": label, "op": op, "concurrency": c, "requests": len(r.Lat), "errors": r.Errors,
		"p50_ms": pct(r.Lat, 0.50), "p95_ms": pct(r.Lat, 0.95), "p99_ms": pct(r.Lat, 0.99),
		"max_ms": pct(r.Lat, 1), "qps": float64(len(r.Lat)) / r.Wall.Seconds(),
	}
	if r.First != "" {
		out["first_error"] = r.First
	}
	b, _ := json.Marshal(out)
	fmt.Println(string(b))
}
