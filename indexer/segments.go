package indexer

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/util"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zap "github.com/blevesearch/zapx/v16"
	bolt "go.etcd.io/bbolt"
)

// DefaultSegmentBytes is the most bytes of segments one merge of a disk
// build takes, and so about the largest segment it writes. A merge reads
// its input segments through memory maps, and the pages it touches count
// in the build's resident memory: one merge of everything into a single
// segment made the peak follow the size of the index (2.6 GB at 400 MB of
// text). With this bound the peak stays near the heap plus this much,
// whatever the corpus; a large index is then served from several segments,
// which the search engine reads one after the other.
const DefaultSegmentBytes = 256 << 20

// segmentWriter writes the index of a disk build as zap segments, in place
// of scorch's offline builder: every batch of passages becomes a segment on
// a goroutine of its own while the next batch fills (the offline builder
// built it under its lock, in the caller's goroutine, so analysis waited
// for it), and the batch segments are merged in the background, as soon as
// they add up to the merge bound, into one segment each time. Each passage
// is so written twice, and no merge maps more than the bound, where the
// offline builder merged ten segments at a time until one was left (a
// passage written three or four times, the last merge mapping the whole
// index). Close writes scorch's root.bolt naming the segments, the file an
// index opened by bleve reads first.
type segmentWriter struct {
	dir       string // the scorch store directory
	internal  map[string][]byte
	batchSize int
	maxMerge  int64

	batch   []index.Document
	batches chan []index.Document // to the segment builders
	merges  chan []segFile        // to the merger
	wg      sync.WaitGroup        // segment builders
	mergeWG sync.WaitGroup

	mu     sync.Mutex
	err    error
	nextID uint64
	small  []segFile // batch segments not yet merged
	big    []segFile // merged segments, and batch segments kept as they are
	closed bool
}

// segFile is a segment written to the store directory.
type segFile struct {
	id    uint64
	bytes int64
}

var zapPlugin = &zap.ZapPlugin{}

// newSegmentWriter starts the writer's goroutines: builders segment
// builders, each holding at most one batch, and one merger.
func newSegmentWriter(dir string, internal map[string][]byte, batchSize int, maxMerge int64, builders int) (*segmentWriter, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	w := &segmentWriter{
		dir: dir, internal: internal, batchSize: batchSize, maxMerge: maxMerge,
		batches: make(chan []index.Document),
		merges:  make(chan []segFile, 1),
		nextID:  1,
	}
	for range max(builders, 1) {
		w.wg.Add(1)
		go w.buildSegments()
	}
	w.mergeWG.Add(1)
	go w.mergeSegments()
	return w, nil
}

// Index adds a passage. It blocks while every segment builder is busy, so
// memory holds at most builders+1 batches.
func (w *segmentWriter) Index(d index.Document) error {
	if err := w.failed(); err != nil {
		return err
	}
	w.batch = append(w.batch, d)
	if len(w.batch) >= w.batchSize {
		w.batches <- w.batch
		w.batch = nil
	}
	return nil
}

func (w *segmentWriter) failed() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

func (w *segmentWriter) fail(err error) {
	w.mu.Lock()
	if w.err == nil {
		w.err = err
	}
	w.mu.Unlock()
}

func (w *segmentWriter) newID() uint64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	id := w.nextID
	w.nextID++
	return id
}

func (w *segmentWriter) path(id uint64) string {
	return filepath.Join(w.dir, fmt.Sprintf("%012x.zap", id))
}

func (w *segmentWriter) buildSegments() {
	defer w.wg.Done()
	for batch := range w.batches {
		if w.failed() != nil {
			continue // drain
		}
		f, err := w.writeBatch(batch)
		if err != nil {
			w.fail(err)
			continue
		}
		w.mu.Lock()
		w.small = append(w.small, f)
		var group []segFile
		if total(w.small) >= w.maxMerge {
			group, w.small = w.small, nil
		}
		w.mu.Unlock()
		if group != nil {
			w.merges <- group
		}
	}
}

// writeBatch builds one batch's segment and writes it to disk.
func (w *segmentWriter) writeBatch(batch []index.Document) (segFile, error) {
	for _, d := range batch {
		analyseForSegment(d)
	}
	seg, _, err := zapPlugin.New(batch)
	if err != nil {
		return segFile{}, fmt.Errorf("build segment: %w", err)
	}
	id := w.newID()
	p := w.path(id)
	err = seg.(segment.UnpersistedSegment).Persist(p)
	seg.Close()
	if err != nil {
		return segFile{}, fmt.Errorf("write segment %s: %w", p, err)
	}
	return stat(id, p)
}

func stat(id uint64, p string) (segFile, error) {
	fi, err := os.Stat(p)
	if err != nil {
		return segFile{}, err
	}
	return segFile{id: id, bytes: fi.Size()}, nil
}

func total(fs []segFile) int64 {
	var n int64
	for _, f := range fs {
		n += f.bytes
	}
	return n
}

// analyseForSegment does what scorch does to a document before it builds a
// segment of it (scorch's analyze): the _id field added, every indexed
// field analysed (the passage analyser's fields know they are already) and
// composite fields given their parts.
func analyseForSegment(d index.Document) {
	d.AddIDField()
	d.VisitFields(func(f index.Field) {
		if !f.Options().IsIndexed() {
			return
		}
		f.Analyze()
		if d.HasComposite() && f.Name() != "_id" {
			d.VisitComposite(func(cf index.CompositeField) {
				cf.Compose(f.Name(), f.AnalyzedLength(), f.AnalyzedTokenFrequencies())
			})
		}
	})
}

func (w *segmentWriter) mergeSegments() {
	defer w.mergeWG.Done()
	for group := range w.merges {
		if w.failed() != nil {
			continue
		}
		f, err := w.merge(group)
		if err != nil {
			w.fail(err)
			continue
		}
		w.mu.Lock()
		w.big = append(w.big, f)
		w.mu.Unlock()
	}
}

// merge merges group into one new segment and removes its inputs. A group
// of one is kept as it is.
func (w *segmentWriter) merge(group []segFile) (segFile, error) {
	if len(group) == 1 {
		return group[0], nil
	}
	segs := make([]segment.Segment, 0, len(group))
	defer func() {
		for _, s := range segs {
			s.Close()
		}
	}()
	for _, f := range group {
		s, err := zapPlugin.Open(w.path(f.id))
		if err != nil {
			return segFile{}, fmt.Errorf("open segment for merge: %w", err)
		}
		segs = append(segs, s)
	}
	id := w.newID()
	p := w.path(id)
	if _, _, err := zapPlugin.Merge(segs, make([]*roaring.Bitmap, len(segs)), p, nil, nil); err != nil {
		return segFile{}, fmt.Errorf("merge %d segments: %w", len(segs), err)
	}
	for _, s := range segs {
		s.Close()
	}
	segs = nil
	for _, f := range group {
		if err := os.Remove(w.path(f.id)); err != nil {
			return segFile{}, err
		}
	}
	return stat(id, p)
}

// Close writes the last batch, merges what is left, waits for the merges
// and writes root.bolt. After an error the caller removes the directory.
func (w *segmentWriter) Close() error {
	if w.closed {
		return w.failed()
	}
	w.closed = true
	if len(w.batch) > 0 && w.failed() == nil {
		w.batches <- w.batch
		w.batch = nil
	}
	close(w.batches)
	w.wg.Wait()
	w.mu.Lock()
	rest := w.small
	w.small = nil
	w.mu.Unlock()
	if len(rest) > 0 && w.failed() == nil {
		w.merges <- rest
	}
	close(w.merges)
	w.mergeWG.Wait()
	if err := w.failed(); err != nil {
		return err
	}
	return w.writeRoot()
}

// Abort stops the writer's goroutines without writing anything more.
func (w *segmentWriter) Abort() {
	w.fail(fmt.Errorf("build stopped"))
	w.batch = nil
	w.Close()
}

// writeRoot writes root.bolt as scorch persists a snapshot (persister.go,
// prepareBoltSnapshot, bleve v2.5.7): a snapshot bucket under the
// snapshots bucket, with the segment type and version, the internal
// values (the index mapping) and a bucket per segment naming its file.
// Segment IDs are the files' numbers, as scorch's own files are named.
func (w *segmentWriter) writeRoot() error {
	db, err := bolt.Open(filepath.Join(w.dir, "root.bolt"), 0o600, nil)
	if err != nil {
		return err
	}
	err = db.Update(func(tx *bolt.Tx) error {
		snaps, err := tx.CreateBucketIfNotExists(util.BoltSnapshotsBucket)
		if err != nil {
			return err
		}
		snap, err := snaps.CreateBucket(uvarintAscending(nil, rootEpoch))
		if err != nil {
			return err
		}
		meta, err := snap.CreateBucket(util.BoltMetaDataKey)
		if err != nil {
			return err
		}
		ver := make([]byte, 4)
		binary.BigEndian.PutUint32(ver, zapPlugin.Version())
		ts, _ := time.Now().MarshalText()
		for k, v := range map[string][]byte{
			string(util.BoltMetaDataSegmentTypeKey):    []byte(zapPlugin.Type()),
			string(util.BoltMetaDataSegmentVersionKey): ver,
			string(util.BoltMetaDataTimeStamp):         ts,
		} {
			if err := meta.Put([]byte(k), v); err != nil {
				return err
			}
		}
		internal, err := snap.CreateBucket(util.BoltInternalKey)
		if err != nil {
			return err
		}
		for k, v := range w.internal {
			if err := internal.Put([]byte(k), v); err != nil {
				return err
			}
		}
		for _, f := range w.big {
			b, err := snap.CreateBucket(uvarintAscending(nil, f.id))
			if err != nil {
				return err
			}
			if err := b.Put(util.BoltPathKey, []byte(filepath.Base(w.path(f.id)))); err != nil {
				return err
			}
		}
		return nil
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return err
}

// rootEpoch is the snapshot's epoch, the one scorch's offline builder gives
// the snapshot it writes.
const rootEpoch = 3

// uvarintAscending appends v as scorch encodes bolt keys (its
// encodeUvarintAscending, from CockroachDB's encoding): a value up to 109
// is one byte, 136+v; a larger one a length byte, 245+n, and n big-endian
// bytes. Segment keys so never begin with the 'i' or 'm' of the internal
// and meta buckets.
func uvarintAscending(b []byte, v uint64) []byte {
	const intZero, intSmall, intMax = 136, 109, 253
	if v <= intSmall {
		return append(b, byte(intZero+v))
	}
	n := 1
	for x := v >> 8; x > 0; x >>= 8 {
		n++
	}
	b = append(b, byte(intMax-8+n))
	for i := n - 1; i >= 0; i-- {
		b = append(b, byte(v>>(8*i)))
	}
	return b
}
