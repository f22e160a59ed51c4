package indexer

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestKilledBuildKeepsPreviousIndex kills (SIGKILL) a process in the middle
// of a build: the previous index stays live and whole, and the next build
// removes the half-written generation.
func TestKilledBuildKeepsPreviousIndex(t *testing.T) {
	if dir := os.Getenv("SEISAKU_TEST_SLOW_BUILD"); dir != "" {
		slowBuild(dir) // the child process
		return
	}
	dir := filepath.Join(t.TempDir(), "index")
	first, err := Build(context.Background(), dir, []string{seedsDir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	live, _ := CurrentGeneration(dir)

	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledBuildKeepsPreviousIndex$")
	cmd.Env = append(os.Environ(), "SEISAKU_TEST_SLOW_BUILD="+dir)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// wait until the child has started writing a new generation
	deadline := time.Now().Add(30 * time.Second)
	for {
		gens, _ := filepath.Glob(filepath.Join(dir, genPrefix+"*"))
		if len(gens) > 1 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the child build never started a generation")
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	if g, _ := CurrentGeneration(dir); g != live {
		t.Fatalf("live generation changed from %s to %s by a killed build", live, g)
	}
	idx, m, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if m.Passages != first.Passages || docCount(t, idx) != uint64(first.Passages) {
		t.Errorf("previous index damaged: %d passages, want %d", docCount(t, idx), first.Passages)
	}
	idx.Close()

	if _, err := Build(context.Background(), dir, []string{seedsDir}, Options{}); err != nil {
		t.Fatal(err)
	}
	gens, _ := filepath.Glob(filepath.Join(dir, genPrefix+"*"))
	for _, g := range gens {
		if _, err := os.Stat(filepath.Join(g, manifestName)); err != nil {
			t.Errorf("half-written generation %s left after the next build", g)
		}
	}
}

// slowBuild is the child of TestKilledBuildKeepsPreviousIndex: a build
// slowed down so that the parent can kill it half-way.
func slowBuild(dir string) {
	opt := Options{Workers: 1, BatchSize: 5, Progress: func(Progress) { time.Sleep(200 * time.Millisecond) }}
	Build(context.Background(), dir, []string{seedsDir, "samples/data/kouhou-bulletins"}, opt)
	os.Exit(0)
}

// TestOpenFaults: a missing directory, a directory that holds no finished
// build, and a live generation whose files are broken each give a message
// that says what to do.
func TestOpenFaults(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing")
	empty := t.TempDir()
	broken := filepath.Join(t.TempDir(), "index")
	if _, err := Build(context.Background(), broken, []string{seedsDir}, Options{}); err != nil {
		t.Fatal(err)
	}
	gen, _ := CurrentGeneration(broken)
	if err := os.RemoveAll(filepath.Join(gen, "store")); err != nil {
		t.Fatal(err)
	}
	halfWritten := filepath.Join(t.TempDir(), "index")
	if _, err := Build(context.Background(), halfWritten, []string{seedsDir}, Options{}); err != nil {
		t.Fatal(err)
	}
	gen2, _ := CurrentGeneration(halfWritten)
	os.Remove(filepath.Join(gen2, manifestName))
	for _, tc := range []struct{ dir, want string }{
		{missing, "build one with `seisaku index"},
		{empty, "holds no finished index"},
		{broken, "open index"},
		{halfWritten, "incomplete"},
	} {
		idx, _, err := Open(tc.dir)
		if err == nil {
			idx.Close()
			t.Errorf("Open(%s) succeeded", tc.dir)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Open(%s): %v; want a message with %q", tc.dir, err, tc.want)
		}
	}
}

// TestDiskFullBuildKeepsPreviousIndex builds into a small tmpfs until the
// disk is full: the build fails with the system's message and the previous
// index stays live. It needs permission to mount (root); elsewhere it skips.
func TestDiskFullBuildKeepsPreviousIndex(t *testing.T) {
	mnt := t.TempDir()
	if err := syscall.Mount("tmpfs", mnt, "tmpfs", 0, "size=1200k"); err != nil {
		t.Skipf("cannot mount a small tmpfs to fill (%v); the disk-full path is not exercised here", err)
	}
	t.Cleanup(func() { syscall.Unmount(mnt, 0) })
	dir := filepath.Join(mnt, "index")
	first, err := Build(context.Background(), dir, []string{seedsDir}, Options{})
	if err != nil {
		t.Fatalf("the first build should fit: %v", err)
	}
	live, _ := CurrentGeneration(dir)
	_, err = Build(context.Background(), dir, []string{seedsDir, "samples/data/kouhou-bulletins"}, Options{})
	if err == nil || !strings.Contains(err.Error(), "no space left on device") {
		t.Fatalf("build on a full disk: err = %v, want no space left on device", err)
	}
	if g, _ := CurrentGeneration(dir); g != live {
		t.Fatal("a failed build switched the index")
	}
	idx, _, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if docCount(t, idx) != uint64(first.Passages) {
		t.Errorf("previous index has %d passages, want %d", docCount(t, idx), first.Passages)
	}
	gens, _ := filepath.Glob(filepath.Join(dir, genPrefix+"*"))
	if len(gens) != 1 {
		t.Errorf("generations on disk after the failed build: %v", gens)
	}
}

// TestBuildWithNothingToIndexFails: a folder where every file is bad gives
// an error instead of an empty index replacing a good one.
func TestBuildWithNothingToIndexFails(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	if _, err := Build(context.Background(), dir, []string{seedsDir}, Options{}); err != nil {
		t.Fatal(err)
	}
	live, _ := CurrentGeneration(dir)
	bad := t.TempDir()
	os.WriteFile(filepath.Join(bad, "empty.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(bad, "broken.json"), []byte("{"), 0o644)
	_, err := Build(context.Background(), dir, []string{bad}, Options{})
	if err == nil || !strings.Contains(err.Error(), "nothing to index") {
		t.Fatalf("build of bad files only: err = %v", err)
	}
	if g, _ := CurrentGeneration(dir); g != live {
		t.Fatal("an empty build replaced the index")
	}
}

// badEntries makes a folder with the five seeds and the entries that once
// stopped or hung a build: a symlink loop, a dangling link, a link to a
// file that fails to read, a named pipe, and a file and a folder nobody
// may read (readable anyway when the tests run as root). It returns the
// folder and the skip reasons wanted, by name.
func badEntries(t *testing.T) (string, map[string]string) {
	t.Helper()
	d := filepath.Join(t.TempDir(), "d")
	copyDir(t, seedsDir, d)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink("l2.txt", filepath.Join(d, "l1.txt")))
	must(os.Symlink("l1.txt", filepath.Join(d, "l2.txt")))
	must(os.Symlink("gone.txt", filepath.Join(d, "dangling.txt")))
	must(os.Symlink("/proc/self/mem", filepath.Join(d, "mem.txt")))
	must(syscall.Mkfifo(filepath.Join(d, "pipe.txt"), 0o644))
	want := map[string]string{
		"d/l1.txt":       "too many levels of symbolic links",
		"d/l2.txt":       "too many levels of symbolic links",
		"d/dangling.txt": "no such file or directory",
		"d/mem.txt":      "input/output error",
		"d/pipe.txt":     "not a regular file: a named pipe (FIFO)",
	}
	must(os.WriteFile(filepath.Join(d, "locked.txt"), []byte("鍵のかかった文書です。\n読めない利用者もいます。\n"), 0o000))
	must(os.Mkdir(filepath.Join(d, "locked"), 0o000))
	t.Cleanup(func() { os.Chmod(filepath.Join(d, "locked"), 0o755) })
	if os.Geteuid() != 0 {
		want["d/locked.txt"] = "permission denied"
		want["d/locked"] = "permission denied"
	}
	return d, want
}

// TestUnreadableEntriesAreSkipped: one unreadable entry used to stop the
// whole build ("open d/l1.txt: too many levels of symbolic links") and a
// named pipe hung it; now each is skipped by name, with the reason, and
// the seeds are indexed — by Build, Update and DryRun alike.
func TestUnreadableEntriesAreSkipped(t *testing.T) {
	d, want := badEntries(t)
	dir := filepath.Join(t.TempDir(), "index")
	for _, op := range []struct {
		name string
		run  func() (*Summary, error)
	}{
		{"build", func() (*Summary, error) { return Build(context.Background(), dir, []string{d}, Options{}) }},
		{"update", func() (*Summary, error) { return Update(context.Background(), dir, []string{d}, Options{}) }},
		{"dry-run", func() (*Summary, error) { return DryRun(context.Background(), []string{d}, Options{}) }},
	} {
		sum, err := withinMinute(t, op.run)
		if err != nil {
			t.Fatalf("%s: %v", op.name, err)
		}
		got := map[string]string{}
		for _, sk := range sum.Skipped {
			got[sk.Path] = sk.Reason
		}
		for name, reason := range want {
			if !strings.Contains(got[name], reason) {
				t.Errorf("%s: skip of %s = %q, want it to say %q", op.name, name, got[name], reason)
			}
		}
		if op.name != "update" && sum.Documents < 5 {
			t.Errorf("%s: %d documents, want the 5 seeds and more", op.name, sum.Documents)
		}
	}
}

// withinMinute runs f and fails the test if it has not returned after a
// minute: the faults here used to hang forever.
func withinMinute(t *testing.T, f func() (*Summary, error)) (*Summary, error) {
	t.Helper()
	type result struct {
		sum *Summary
		err error
	}
	done := make(chan result, 1)
	go func() { s, err := f(); done <- result{s, err} }()
	select {
	case r := <-done:
		return r.sum, r.err
	case <-time.After(time.Minute):
		t.Fatal("hung: still running after a minute")
		return nil, nil
	}
}

// TestKilledBeforeSwitchKeepsPreviousLive: a build killed after it wrote
// its manifest but before it switched `current` leaves a complete
// generation that was never live. The next build must keep the one that
// was live before it (the index to restore by hand), not that one.
func TestKilledBeforeSwitchKeepsPreviousLive(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	for range 2 {
		if _, err := Build(context.Background(), dir, []string{seedsDir}, Options{}); err != nil {
			t.Fatal(err)
		}
	}
	wasLive, _ := CurrentGeneration(dir)
	// what the killed build left: complete, newer, never switched to
	unpublished, err := newGeneration(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := copyGeneration(wasLive, unpublished); err != nil {
		t.Fatal(err)
	}
	m, _ := readManifest(wasLive)
	if err := writeManifest(unpublished, m); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(context.Background(), dir, []string{seedsDir}, Options{}); err != nil {
		t.Fatal(err)
	}
	live, _ := CurrentGeneration(dir)
	gens, _ := filepath.Glob(filepath.Join(dir, genPrefix+"*"))
	if want := []string{wasLive, live}; strings.Join(gens, " ") != strings.Join(want, " ") {
		t.Errorf("generations after the next build:\n%v\nwant the previously live one and the new one:\n%v", gens, want)
	}
}

// corruptCopy copies the generation live of dir to a new generation,
// breaks its segments with damage, and points current at it, as an
// operator's copy or a failing disk would.
func corruptCopy(t *testing.T, dir, live string, damage func(seg string, size int64) error) string {
	t.Helper()
	gen := filepath.Join(dir, "gen-29990102T000000.000000000")
	os.RemoveAll(gen)
	if err := os.Mkdir(gen, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := filepath.WalkDir(live, func(p string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(live, p)
		if e.IsDir() {
			return os.MkdirAll(filepath.Join(gen, rel), 0o755)
		}
		return copyFile(p, filepath.Join(gen, rel))
	}); err != nil {
		t.Fatal(err)
	}
	segs, _ := filepath.Glob(filepath.Join(gen, "store", "*.zap"))
	if len(segs) == 0 {
		t.Fatal("no segments to corrupt")
	}
	for _, seg := range segs {
		fi, _ := os.Stat(seg)
		if err := damage(seg, fi.Size()); err != nil {
			t.Fatal(err)
		}
	}
	tmp := filepath.Join(dir, "current.tmp")
	os.Remove(tmp)
	if err := os.Symlink(filepath.Base(gen), tmp); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, currentLink)); err != nil {
		t.Fatal(err)
	}
	return gen
}

// segmentDamage are the ways a segment file gets broken.
var segmentDamage = map[string]func(seg string, size int64) error{
	"truncated to half": func(seg string, size int64) error { return os.Truncate(seg, size/2) },
	"truncated by 100":  func(seg string, size int64) error { return os.Truncate(seg, size-100) },
	"tail overwritten": func(seg string, size int64) error {
		f, err := os.OpenFile(seg, os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = f.WriteAt([]byte("壊れたデータ壊れたデータ壊れたデータ壊れたデータ壊れたデータ壊れた"), size-80)
		return err
	},
	"a byte flipped in the middle": func(seg string, size int64) error {
		f, err := os.OpenFile(seg, os.O_RDWR, 0)
		if err != nil {
			return err
		}
		defer f.Close()
		b := []byte{0}
		f.ReadAt(b, size/2)
		_, err = f.WriteAt([]byte{b[0] ^ 0xff}, size/2)
		return err
	},
}

// TestOpenRefusesCorruptedGeneration: a generation with a broken segment
// used to crash whoever opened it (a panic in zapx); Open now verifies
// every segment and says which one is broken. A good generation passes.
func TestOpenRefusesCorruptedGeneration(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	if _, err := Build(context.Background(), dir, []string{seedsDir}, Options{}); err != nil {
		t.Fatal(err)
	}
	gen, _ := CurrentGeneration(dir)
	if err := Verify(gen); err != nil {
		t.Fatalf("a fresh build fails verification: %v", err)
	}
	for name, damage := range segmentDamage {
		corruptCopy(t, dir, gen, damage)
		var err error
		func() {
			defer func() {
				if r := recover(); r != nil {
					err = fmt.Errorf("panic: %v", r)
				}
			}()
			var idx interface{ Close() error }
			idx, _, err = Open(dir)
			if err == nil {
				idx.Close()
			}
		}()
		if err == nil || !strings.Contains(err.Error(), "truncated or overwritten") {
			t.Errorf("%s: Open: %v; want an error naming the broken segment", name, err)
		}
	}
}

// TestUpdateRefusesCorruptedLive: an update copies the live generation;
// when that is broken it says so and what to do, instead of panicking in
// zapx, and leaves current as it was.
func TestUpdateRefusesCorruptedLive(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	if _, err := Build(context.Background(), dir, []string{seedsDir}, Options{}); err != nil {
		t.Fatal(err)
	}
	gen, _ := CurrentGeneration(dir)
	bad := corruptCopy(t, dir, gen, segmentDamage["tail overwritten"])
	var err error
	func() {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("panic: %v", r)
			}
		}()
		_, err = Update(context.Background(), dir, []string{seedsDir}, Options{})
	}()
	if err == nil || !strings.Contains(err.Error(), "truncated or overwritten") || !strings.Contains(err.Error(), "without -update") {
		t.Errorf("update of a broken live index: %v", err)
	}
	if g, _ := CurrentGeneration(dir); g != bad {
		t.Errorf("current moved to %s", g)
	}
}
