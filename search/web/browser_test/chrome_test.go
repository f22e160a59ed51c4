package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromiumPath finds the browser: $CHROMIUM, else Debian's chromium.
func chromiumPath() string {
	for _, name := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium", "chromium", "chromium-browser"} {
		if name == "" {
			continue
		}
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// outDir is where screenshots go: $BROWSER_TEST_OUT or testdata/out
// (git-ignored).
func outDir(t *testing.T) string {
	dir := os.Getenv("BROWSER_TEST_OUT")
	if dir == "" {
		dir = filepath.Join("testdata", "out")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// tab is one browser tab on a fresh profile, with the page's uncaught
// exceptions and console errors collected (the test fails on any).
type tab struct {
	t   *testing.T
	ctx context.Context

	mu     sync.Mutex
	errors []string
}

// newTab starts Chromium, or skips the test where there is none (fails
// under CI=true, where the browser is part of the toolchain).
func newTab(t *testing.T, width, height int) *tab {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("chromium is not installed; .ci/run installs it (apt-get install chromium)")
		}
		t.Skip("chromium is not installed (apt-get install chromium), skipping the browser test")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("lang", "ja"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 4*time.Minute)
	t.Cleanup(func() { cancelTime(); cancelTab(); cancelAlloc() })
	tb := &tab{t: t, ctx: ctx}
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		t.Fatalf("starting chromium: %v", err)
	}
	if err := chromedp.Listen(ctx, tb.collect); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), int64(height))); err != nil {
		t.Fatal(err)
	}
	// A headless tab never has the window's focus; emulate it so that
	// :focus-visible and focus events behave as on a desktop.
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tb.checkErrors)
	return tb
}

func (tb *tab) collect(ev any) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			msg = d.Exception.Description
		}
		tb.errors = append(tb.errors, fmt.Sprintf("exception %s:%d: %s", d.URL, d.LineNumber+1, msg))
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError {
			var parts []string
			for _, a := range ev.Args {
				parts = append(parts, string(a.Value)+a.Description)
			}
			tb.errors = append(tb.errors, "console.error: "+strings.Join(parts, " "))
		}
	}
}

func (tb *tab) checkErrors() {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	for _, e := range tb.errors {
		tb.t.Errorf("page error: %s", e)
	}
}

// do runs actions, failing the test on error.
func (tb *tab) do(actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, actions...); err != nil {
		tb.t.Fatal(err)
	}
}

func (tb *tab) navigate(url string) {
	tb.t.Helper()
	tb.do(chromedp.Navigate(url))
	tb.waitFor(`customElements.get("seisaku-search") !== undefined && !!document.querySelector("seisaku-search").shadowRoot.querySelector("input")`)
}

// prelude defines R, the shadow root of the first <seisaku-search>, and
// small helpers, for the expressions the tests evaluate.
const prelude = `const R = document.querySelector("seisaku-search").shadowRoot;
const $ = (s) => R.querySelector(s), $$ = (s) => [...R.querySelectorAll(s)];
const txt = (el) => el ? el.textContent.replace(/\s+/g, " ").trim() : null;
const marked = (el) => { if (!el) return null; let s = ""; for (const n of el.childNodes) s += n.nodeName === "MARK" ? "[" + n.textContent + "]" : n.textContent; return s; };
const visible = (el) => !!el && !el.closest("[hidden]") && el.getClientRects().length > 0;
`

// eval evaluates expr (with prelude) and decodes its JSON value into out.
func (tb *tab) eval(expr string, out any) {
	tb.t.Helper()
	raw, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]byte]("(() => { "+prelude+" return ("+expr+"); })()"))
	if err != nil {
		tb.t.Fatalf("evaluating %s: %v", expr, err)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			tb.t.Fatalf("decoding %s = %s: %v", expr, raw, err)
		}
	}
}

func (tb *tab) str(expr string) string {
	tb.t.Helper()
	var s string
	tb.eval(expr, &s)
	return s
}

func (tb *tab) num(expr string) int {
	tb.t.Helper()
	var n int
	tb.eval(expr, &n)
	return n
}

func (tb *tab) strs(expr string) []string {
	tb.t.Helper()
	var s []string
	tb.eval(expr, &s)
	return s
}

// waitFor polls the boolean expression cond until it holds.
func (tb *tab) waitFor(cond string) {
	tb.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		raw, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]byte]("(() => { try { "+prelude+" return !!("+cond+"); } catch (e) { return false; } })()"))
		if err == nil && string(raw) == "true" {
			return
		}
		if time.Now().After(deadline) {
			tb.t.Fatalf("timed out waiting for %s (last error %v)", cond, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// focusInput puts the keyboard focus in the search box.
func (tb *tab) focusInput() {
	tb.t.Helper()
	tb.eval(`($("input[type=search]").focus(), true)`, nil)
}

// insertText types text as the keyboard would commit it (trusted input
// events, no composition).
func (tb *tab) insertText(text string) {
	tb.t.Helper()
	if _, err := chromedp.Call(tb.ctx, input.InsertText, input.InsertTextParams{Text: text}); err != nil {
		tb.t.Fatal(err)
	}
}

func (tb *tab) key(keys string) {
	tb.t.Helper()
	tb.do(chromedp.KeyEvent(keys))
}

// click clicks the element that the JS expression (with prelude) returns,
// with a real mouse event.
func (tb *tab) click(expr string) {
	tb.t.Helper()
	tb.do(chromedp.Click(chromedp.JSPath("(() => { " + prelude + " return (" + expr + "); })()")))
}

// screenshot saves what the window shows as name.png under outDir.
func (tb *tab) screenshot(name string) string {
	tb.t.Helper()
	buf, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		tb.t.Fatal(err)
	}
	p := filepath.Join(outDir(tb.t), name+".png")
	if err := os.WriteFile(p, buf, 0o644); err != nil {
		tb.t.Fatal(err)
	}
	return p
}

// status is the text of the live region once a search has finished.
const statusDone = `!$(".results").hasAttribute("aria-busy") && /件見つかりました|見つかりませんでした|できませんでした/.test(txt($("[role=status]")))`
