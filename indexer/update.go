package indexer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
)

// Update brings the live index of dir in line with the files under roots
// (the same folders the index was built from) without a full rebuild: files
// whose content hash changed, or that an older ReadingVersion read, are read
// again, new files are added, and the
// passages of files that are gone are deleted. It works on a copy of the
// live generation and switches to it atomically, like Build: a failed or
// interrupted update leaves the live index as it was.
func Update(ctx context.Context, dir string, roots []string, opt Options) (*Summary, error) {
	start := time.Now()
	inputs, ignored, skips, err := discover(roots, opt)
	if err != nil {
		return nil, err
	}
	unlock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	defer unlock()
	live, err := CurrentGeneration(dir)
	if err != nil {
		return nil, err
	}
	old, err := readManifest(live)
	if err != nil {
		return nil, err
	}
	if old.SchemaVersion != SchemaVersion || old.Sources == nil {
		return nil, fmt.Errorf("index %s cannot be updated (schema version %d, this program writes %d): rebuild it with `seisaku index` without -update",
			live, old.SchemaVersion, SchemaVersion)
	}
	if err := Verify(live); err != nil {
		return nil, fmt.Errorf("%w: rebuild it with `seisaku index` without -update", err)
	}
	prune(dir, live)
	inputs, hashes, skips, err := hashInputs(ctx, inputs, skips)
	if err != nil {
		return nil, err
	}
	plan := planUpdate(old.Sources, inputs, hashes)

	gen, err := newGeneration(dir)
	if err != nil {
		return nil, err
	}
	sum, err := updateGeneration(ctx, live, gen, plan, opt)
	if err != nil {
		os.RemoveAll(gen)
		return nil, err
	}
	sum.Ignored = ignored
	sum.addSkips(skips)
	sum.Unchanged, sum.Changed, sum.Added, sum.Removed = len(plan.keep), plan.changed, plan.added, len(plan.gone)-plan.changed
	sum.Reread = plan.reread
	sources := plan.keep
	for _, in := range plan.read {
		sources[in.name] = SourceRecord{SHA256: hashes[in.name], Reading: ReadingVersion, Docs: sum.docs[in.name]}
	}
	sum.Skipped = append(sum.Skipped, keptSkips(old.Skipped, plan.keep)...)
	sum.Damaged = append(sum.Damaged, keptSkips(old.Damaged, plan.keep)...)
	if err := finishGeneration(ctx, dir, gen, roots, sources, sum); err != nil {
		return nil, err
	}
	sum.Elapsed = time.Since(start)
	return sum, nil
}

// updatePlan says what an update does with each file.
type updatePlan struct {
	keep           map[string]SourceRecord // unchanged files, kept as they are
	read           []input                 // new and changed files, read again
	gone           map[string]SourceRecord // changed and deleted files, whose passages go
	changed, added int
	reread         int // of changed: the same bytes, read by an older ReadingVersion
}

func planUpdate(old map[string]SourceRecord, inputs []input, hashes map[string]string) updatePlan {
	p := updatePlan{keep: map[string]SourceRecord{}, gone: map[string]SourceRecord{}}
	seen := map[string]bool{}
	for _, in := range inputs {
		seen[in.name] = true
		rec, ok := old[in.name]
		switch {
		case ok && rec.SHA256 == hashes[in.name] && rec.Reading == ReadingVersion:
			p.keep[in.name] = rec
		case ok:
			if rec.SHA256 == hashes[in.name] {
				p.reread++ // its bytes are the same, the reading is not
			}
			p.changed++
			p.gone[in.name] = rec
			p.read = append(p.read, in)
		default:
			p.added++
			p.read = append(p.read, in)
		}
	}
	for name, rec := range old {
		if !seen[name] {
			p.gone[name] = rec
		}
	}
	return p
}

// updateGeneration copies the live generation into gen, deletes the
// passages of the files that changed or went, and indexes the files to read.
func updateGeneration(ctx context.Context, live, gen string, plan updatePlan, opt Options) (*Summary, error) {
	if err := copyGeneration(live, gen); err != nil {
		return nil, fmt.Errorf("copy the live index: %w", err)
	}
	idx, err := bleve.Open(gen)
	if err != nil {
		return nil, fmt.Errorf("open the copy: %w", err)
	}
	batch := idx.NewBatch()
	for _, rec := range plan.gone {
		for _, d := range rec.Docs {
			for seq := range d.Passages {
				batch.Delete(PassageID(d.ID, seq))
			}
		}
	}
	err = idx.Batch(batch)
	batch.Reset()
	var text *textEncoder // the index's own dictionary, or none as it has none
	if err == nil {
		var d []byte
		if d, err = TextDictionary(idx); err == nil {
			text, err = newTextEncoder(d)
		}
	}
	var sum *Summary
	if err == nil {
		n := batchSize(opt)
		sum, err = run(ctx, idx.Mapping(), plan.read, opt, text, func(d *document.Document) error {
			if err := batch.IndexAdvanced(d); err != nil {
				return err
			}
			if batch.Size() >= n {
				err := idx.Batch(batch)
				batch.Reset()
				return err
			}
			return nil
		})
	}
	if err == nil && batch.Size() > 0 {
		err = idx.Batch(batch)
	}
	if cerr := idx.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("finish index: %w", cerr)
	}
	if err != nil {
		return nil, err
	}
	return sum, nil
}

// copyGeneration copies an index generation: segment files (never written
// again once persisted) are hard-linked, everything else is copied.
func copyGeneration(from, to string) error {
	return filepath.WalkDir(from, func(p string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		switch {
		case e.IsDir():
			return os.MkdirAll(dst, 0o755)
		case rel == manifestName:
			return nil
		case strings.HasSuffix(p, ".zap"):
			if os.Link(p, dst) == nil {
				return nil
			}
		}
		return copyFile(p, dst)
	})
}

func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	return errors.Join(dst.Sync(), dst.Close())
}

// keptSkips are the skips of the previous build that belong to files the
// update kept as they were.
func keptSkips(skips []Skip, keep map[string]SourceRecord) []Skip {
	var out []Skip
	for _, s := range skips {
		name, _, _ := strings.Cut(s.Path, "#")
		if _, ok := keep[name]; ok {
			out = append(out, s)
		}
	}
	return out
}
