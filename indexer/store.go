package indexer

// An index directory holds generations of the index and a pointer to the
// live one:
//
//	DIR/current          symlink to the live generation (replaced atomically)
//	DIR/gen-<time>/      one complete build
//	    index_meta.json  bleve's metadata
//	    store/           the scorch segments
//	    manifest.json    Manifest: schema version, counts, build time
//
// A build writes a new gen-… directory and only when it is complete and
// closed does it point current at it, by renaming a fresh symlink over the
// old one (rename is atomic on POSIX file systems). A build that fails or is
// interrupted leaves current untouched; its directory is removed (or, if
// the process was killed, removed by the next build).

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2"
)

const (
	currentLink  = "current"
	genPrefix    = "gen-"
	manifestName = "manifest.json"
	// keepGenerations is how many generations stay on disk, the live one
	// included, so the previous index can be restored by hand.
	keepGenerations = 2
)

// Manifest describes a finished build.
type Manifest struct {
	SchemaVersion int       `json:"schemaVersion"`
	Created       time.Time `json:"created"`
	Documents     int       `json:"documents"`
	Passages      int       `json:"passages"`
	Files         int       `json:"files"`
	Skipped       []Skip    `json:"skipped,omitempty"`
	Damaged       []Skip    `json:"damaged,omitempty"` // documents indexed with repairs
	Roots         []string  `json:"roots"`
	// Sources records, per input file, its content hash and the documents
	// it gave, so `index -update` can tell new, changed and deleted files.
	Sources map[string]SourceRecord `json:"sources,omitempty"`
}

// SourceRecord is what one input file contributed to the index.
type SourceRecord struct {
	SHA256  string      `json:"sha256"`
	Reading int         `json:"reading,omitempty"` // ReadingVersion of the reading
	Docs    []DocRecord `json:"docs,omitempty"`
}

// DocRecord is one document of a source: its ID and passage count, which
// give the IDs of its passages (PassageID).
type DocRecord struct {
	ID       string `json:"id"`
	Passages int    `json:"passages"`
}

// ErrNoIndex is returned by Open when the directory holds no finished build.
var ErrNoIndex = errors.New("no index")

// Open opens the live generation of the index directory dir read-only-ish
// (bleve opens for reading and writing; the server never writes) after
// checking its schema version, verifying every segment (Verify) and
// running a test query: a broken generation is an error, never a panic.
func Open(dir string) (bleve.Index, *Manifest, error) {
	gen, err := CurrentGeneration(dir)
	if err != nil {
		return nil, nil, err
	}
	m, err := readManifest(gen)
	if err != nil {
		return nil, nil, err
	}
	if m.SchemaVersion != SchemaVersion {
		return nil, nil, fmt.Errorf("index %s has schema version %d, this program needs %d: rebuild it with `seisaku index`",
			gen, m.SchemaVersion, SchemaVersion)
	}
	if err := Verify(gen); err != nil {
		return nil, nil, err
	}
	idx, err := openGeneration(gen)
	if err != nil {
		return nil, nil, err
	}
	return idx, m, nil
}

// CurrentGeneration returns the path of the live generation of dir.
func CurrentGeneration(dir string) (string, error) {
	target, err := os.Readlink(filepath.Join(dir, currentLink))
	if errors.Is(err, fs.ErrNotExist) {
		if _, serr := os.Stat(dir); serr != nil {
			return "", fmt.Errorf("index directory %s: %w (build one with `seisaku index -index %s <folders>`)", dir, ErrNoIndex, dir)
		}
		return "", fmt.Errorf("%s holds no finished index: %w (build one with `seisaku index -index %s <folders>`)", dir, ErrNoIndex, dir)
	}
	if err != nil {
		return "", fmt.Errorf("index directory %s: %w", dir, err)
	}
	if !filepath.IsAbs(target) {
		target = filepath.Join(dir, target)
	}
	return target, nil
}

func readManifest(gen string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(gen, manifestName))
	if err != nil {
		return nil, fmt.Errorf("index %s is incomplete (no manifest): %w", gen, err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("index %s: broken manifest: %w", gen, err)
	}
	return &m, nil
}

func writeManifest(gen string, m *Manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return writeFileSync(filepath.Join(gen, manifestName), b)
}

func writeFileSync(path string, b []byte) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// newGeneration creates an empty generation directory in dir.
func newGeneration(dir string) (string, error) {
	name := genPrefix + time.Now().UTC().Format("20060102T150405.000000000")
	gen := filepath.Join(dir, name)
	if err := os.Mkdir(gen, 0o755); err != nil {
		return "", fmt.Errorf("create index generation: %w", err)
	}
	return gen, nil
}

// publish makes gen the live generation of dir and prunes old ones.
func publish(dir, gen string) error {
	if err := syncDir(gen); err != nil {
		return err
	}
	tmp := filepath.Join(dir, currentLink+".tmp")
	_ = os.Remove(tmp)
	if err := os.Symlink(filepath.Base(gen), tmp); err != nil {
		return fmt.Errorf("switch index: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, currentLink)); err != nil {
		return fmt.Errorf("switch index: %w", err)
	}
	if err := syncDir(dir); err != nil {
		return err
	}
	prune(dir, gen)
	return nil
}

// prune removes unfinished generations (no manifest: a build that died),
// finished ones newer than live (a build killed after its last write but
// before the switch: never live), and all finished ones older than live
// but the newest, which is the one live before it: the index one can
// switch back to by hand.
func prune(dir, live string) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	var older []string
	for _, e := range ents {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), genPrefix) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if p == live {
			continue
		}
		_, err := os.Stat(filepath.Join(p, manifestName))
		if err != nil || live == "" || e.Name() > filepath.Base(live) {
			os.RemoveAll(p) // the caller holds the build lock: nobody writes it
			continue
		}
		older = append(older, p)
	}
	sort.Strings(older)
	for len(older) > keepGenerations-1 {
		os.RemoveAll(older[0])
		older = older[1:]
	}
}

// lockDir takes the build lock of dir, so two builds never write the same
// index directory at once. The lock goes with the process, also when it is
// killed.
func lockDir(dir string) (unlock func(), err error) {
	f, err := os.OpenFile(filepath.Join(dir, ".lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock index directory: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("another build is writing %s: %w", dir, err)
	}
	return func() { f.Close() }, nil
}

func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
