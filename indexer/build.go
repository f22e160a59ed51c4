package indexer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"

	"seisaku/indexer/meta"
	"seisaku/indexer/source"
	"seisaku/indexer/theme"
)

// Options tune a build. The zero value works.
type Options struct {
	Defaults meta.Metadata // the operator's metadata defaults (--city …)
	// RootDefaults, keyed by a root as given to Build or Update, replace
	// Defaults for the documents under that root, so one build can take
	// folders from different cities.
	RootDefaults map[string]meta.Metadata
	Thesaurus    *theme.Thesaurus // nil: theme.Default()
	Workers      int              // goroutines reading and analysing; 0: GOMAXPROCS
	BatchSize    int              // passages per segment or batch; 0: 1000
	// SegmentBytes bounds the bytes of segments one merge of a disk build
	// takes, so the largest segment and the memory the build maps;
	// 0: DefaultSegmentBytes.
	SegmentBytes int64
	// Progress, if set, is called from the build's goroutine about five
	// times a second and once at the end.
	Progress func(Progress)
}

// Progress is a snapshot of a running build.
type Progress struct {
	Files, FilesDone int
	Bytes, BytesDone int64 // input file bytes
	TextBytes        int64 // passage text analysed so far
	Documents        int
	Passages         int
	Elapsed          time.Duration
}

// Skip is a file or record left out of the index, with the reason.
type Skip struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// Summary reports a finished build.
type Summary struct {
	Progress
	Ignored []string // files of a format the build does not read, by name
	Skipped []Skip   // files and records that could not be read
	// Damaged are documents indexed in spite of damage, with what was
	// repaired (broken bytes replaced, CSV lines read one by one).
	Damaged    []Skip
	Generation string // the generation directory (disk builds)
	DryRun     bool   // nothing was written (DryRun)
	IndexBytes int64  // size of the generation on disk
	// Update only: input files by what happened to them; Reread counts the
	// unchanged files read again because an older version read them (they
	// are among Changed).
	Unchanged, Changed, Added, Removed, Reread int

	docs     map[string][]DocRecord // documents by input name
	textDict []byte                 // the dictionary the passage text was compressed with; nil: none
}

// addSkips adds the files left out before reading (see discover and
// hashInputs) to the skips, in path order.
func (s *Summary) addSkips(skips []Skip) {
	s.Skipped = append(s.Skipped, skips...)
	sort.Slice(s.Skipped, func(i, j int) bool { return s.Skipped[i].Path < s.Skipped[j].Path })
}

// input is one file to read.
type input struct {
	defaults meta.Metadata // the operator's defaults for this file's root
	name     string        // as reported and stored as the document source
	path     string        // on disk; "" for embedded files
	size     int64
	// read calls emit for every document of the file and adds the bytes it
	// consumes to read, for the progress bar.
	read func(emit func(source.Source) error, read *atomic.Int64) error
}

// Build indexes the files under roots into a new generation of the index
// directory dir and makes it live. The previous index stays live until the
// new one is complete; on error or cancellation it is left as it was.
func Build(ctx context.Context, dir string, roots []string, opt Options) (*Summary, error) {
	start := time.Now()
	inputs, ignored, skips, err := discover(roots, opt)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create index directory: %w", err)
	}
	unlock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	defer unlock()
	prune(dir, currentTarget(dir))
	inputs, hashes, skips, err := hashInputs(ctx, inputs, skips)
	if err != nil {
		return nil, err
	}

	gen, err := newGeneration(dir)
	if err != nil {
		return nil, err
	}
	sum, err := buildGeneration(ctx, gen, inputs, opt)
	if err != nil {
		os.RemoveAll(gen)
		return nil, err
	}
	sum.Ignored = ignored
	sum.addSkips(skips)
	sources := map[string]SourceRecord{}
	for _, in := range inputs {
		sources[in.name] = SourceRecord{SHA256: hashes[in.name], Reading: ReadingVersion, Docs: sum.docs[in.name]}
	}
	if err := finishGeneration(ctx, dir, gen, roots, sources, sum); err != nil {
		return nil, err
	}
	sum.Elapsed = time.Since(start) // including the final merge and the switch
	return sum, nil
}

// DryRun reads and analyses the files under roots as Build does and
// reports what a build would index and skip, without writing anything.
// Its time is the build's analysis alone: what a build costs beyond it is
// bleve's segment building and merging.
func DryRun(ctx context.Context, roots []string, opt Options) (*Summary, error) {
	start := time.Now()
	inputs, ignored, skips, err := discover(roots, opt)
	if err != nil {
		return nil, err
	}
	m := NewMapping()
	if err := m.Validate(); err != nil {
		return nil, err
	}
	sum, err := run(ctx, m, inputs, opt, nil, func(*document.Document) error { return nil })
	if err != nil {
		return nil, err
	}
	sum.Ignored = ignored
	sum.addSkips(skips)
	sum.DryRun = true
	sum.Elapsed = time.Since(start)
	return sum, nil
}

// finishGeneration writes gen's manifest and makes it live; on error gen is
// removed and the live generation stays as it was.
func finishGeneration(ctx context.Context, dir, gen string, roots []string, sources map[string]SourceRecord, sum *Summary) error {
	m := &Manifest{
		SchemaVersion: SchemaVersion, Created: time.Now().UTC(), Files: len(sources),
		Skipped: sum.Skipped, Damaged: sum.Damaged, Roots: roots, Sources: sources,
	}
	for _, src := range sources {
		for _, d := range src.Docs {
			m.Documents++
			m.Passages += d.Passages
		}
	}
	err := writeManifest(gen, m)
	if err == nil {
		err = ctx.Err()
	}
	if err == nil {
		err = publish(dir, gen)
	}
	if err != nil {
		os.RemoveAll(gen)
		return err
	}
	sum.Generation = gen
	sum.IndexBytes = dirSize(gen)
	return nil
}

// hashInputs returns the inputs that could be read whole with the SHA-256
// of each one's content, by name. An input that cannot be opened or read (a
// dangling link, a read error, no permission) is left out and added to
// skips by name: it never stops the build.
func hashInputs(ctx context.Context, inputs []input, skips []Skip) ([]input, map[string]string, []Skip, error) {
	out := make(map[string]string, len(inputs))
	kept := inputs[:0:0]
	for _, in := range inputs {
		if err := ctx.Err(); err != nil {
			return nil, nil, nil, err
		}
		sum, err := hashFile(in.path)
		if err != nil {
			skips = append(skips, Skip{Path: in.name, Reason: err.Error()})
			continue
		}
		out[in.name] = sum
		kept = append(kept, in)
	}
	return kept, out, skips, nil
}

func hashFile(p string) (string, error) {
	f, err := openRegular(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", unwrapPath(err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// openRegular opens p for reading only if it is a regular file. It opens
// without blocking, so a named pipe put in the place of a file never hangs
// the build, and checks the type of what it opened, not of the name.
func openRegular(p string) (*os.File, error) {
	f, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, unwrapPath(err)
	}
	fi, err := f.Stat()
	if err == nil && !fi.Mode().IsRegular() {
		err = notRegular(fi.Mode())
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// notRegular says what a non-regular file is instead of a document.
func notRegular(m fs.FileMode) error {
	kind := "special file"
	switch {
	case m&fs.ModeNamedPipe != 0:
		kind = "named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		kind = "socket"
	case m&fs.ModeCharDevice != 0:
		kind = "character device"
	case m&fs.ModeDevice != 0:
		kind = "device"
	case m.IsDir():
		kind = "directory"
	}
	return fmt.Errorf("not a regular file: a %s", kind)
}

// unwrapPath drops the *fs.PathError's path: a skip is reported by name.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

func currentTarget(dir string) string {
	g, err := CurrentGeneration(dir)
	if err != nil {
		return ""
	}
	return g
}

// buildGeneration writes the index into gen (segmentWriter: a segment per
// batch, merged in the background into segments of at most
// Options.SegmentBytes).
func buildGeneration(ctx context.Context, gen string, inputs []input, opt Options) (*Summary, error) {
	m := NewMapping()
	if err := m.Validate(); err != nil {
		return nil, err
	}
	mb, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	meta := []byte(`{"storage":"scorch","index_type":"scorch"}`)
	if err := os.WriteFile(filepath.Join(gen, "index_meta.json"), meta, 0o644); err != nil {
		return nil, err
	}
	w, err := newSegmentWriter(filepath.Join(gen, "store"), map[string][]byte{"_mapping": mb},
		segmentBatch(opt), segmentBytes(opt), segmentBuilders(opt))
	if err != nil {
		return nil, fmt.Errorf("start index writer: %w", err)
	}
	sum, err := run(ctx, m, inputs, opt, nil, func(d *document.Document) error { return w.Index(d) })
	if err == nil && sum.Passages == 0 {
		err = fmt.Errorf("nothing to index: %d files read, none gave a passage (see the skipped files)", sum.Files)
	}
	if err != nil {
		// nothing more is written; the caller removes the whole generation
		w.Abort()
		return nil, err
	}
	if sum.textDict != nil {
		w.internal[textDictKey] = sum.textDict // written with the root at Close
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("finish index: %w", err)
	}
	return sum, nil
}

// NewMemory returns an empty scorch index held in memory. scorch rather
// than bleve.NewMemOnly's upsidedown store: it is the engine an index on
// disk uses, so the search package's fast path serves it too, and it is
// an order of magnitude faster to query.
func NewMemory(m mapping.IndexMapping) (bleve.Index, error) {
	return bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
}

// BuildMemory indexes the files of fsys into an in-memory index, for the
// bundled samples and for tests.
func BuildMemory(ctx context.Context, fsys fs.FS, opt Options) (bleve.Index, *Summary, error) {
	inputs, ignored, err := discoverFS(fsys, opt)
	if err != nil {
		return nil, nil, err
	}
	m := NewMapping()
	idx, err := NewMemory(m)
	if err != nil {
		return nil, nil, err
	}
	batch := idx.NewBatch()
	flush := func() error {
		if batch.Size() == 0 {
			return nil
		}
		err := idx.Batch(batch)
		batch.Reset()
		return err
	}
	n := batchSize(opt)
	sum, err := run(ctx, m, inputs, opt, nil, func(d *document.Document) error {
		if err := batch.IndexAdvanced(d); err != nil {
			return err
		}
		if batch.Size() >= n {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err == nil && sum.textDict != nil {
		err = idx.SetInternal([]byte(textDictKey), sum.textDict)
	}
	if err != nil {
		idx.Close()
		return nil, nil, err
	}
	sum.Ignored = ignored
	return idx, sum, nil
}

// segmentBytes is the bound of one merge (Options.SegmentBytes).
func segmentBytes(opt Options) int64 {
	if opt.SegmentBytes > 0 {
		return opt.SegmentBytes
	}
	return DefaultSegmentBytes
}

// segmentBuilders is how many batches are built into segments at once: as
// many as there are workers, at most two (a batch of 1,000 passages holds
// some tens of MB while it is built).
func segmentBuilders(opt Options) int {
	n := opt.Workers
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	return min(n, 2)
}

// segmentBatch is how many passages a disk build puts in one batch segment.
// Analysed passages are large (a location struct and a map entry a token,
// some 60 KB for a passage of 500 bytes), and a build holds one batch
// filling and one in each segment builder: with 250 rather than 1,000 a
// passage, the live heap of a build of 80 of kiryu's records fell from 322
// to 214 MB and its collections from 114 to 68 (GODEBUG=gctrace=1); the
// merges take the more, smaller segments at no visible cost.
func segmentBatch(opt Options) int {
	if opt.BatchSize > 0 {
		return opt.BatchSize
	}
	return 250
}

func batchSize(opt Options) int {
	if opt.BatchSize > 0 {
		return opt.BatchSize
	}
	return 1000
}

// run reads the inputs and analyses their documents on opt.Workers
// goroutines each, and hands every analysed passage to sink on the calling
// goroutine. Reading and analysis are separate stages, so one large file
// (a JSON Lines export of a whole assembly) still uses every core.
//
// The passage text is stored compressed by text; with text nil, run
// trains a dictionary on the first passages read (trainText) and the
// Summary holds it for the caller to keep with the index.
func run(ctx context.Context, m mapping.IndexMapping, inputs []input, opt Options, text *textEncoder, sink func(*document.Document) error) (*Summary, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	an := &Analyzer{Defaults: opt.Defaults, Thesaurus: opt.Thesaurus}
	st := &buildState{start: time.Now(), docs: map[string][]DocRecord{}}
	st.p.Files = len(inputs)
	for _, in := range inputs {
		st.p.Bytes += in.size
	}

	jobs := make(chan input)
	srcs := make(chan sourceJob, 2*workers)
	out := make(chan []*document.Document, 2*workers)
	go func() {
		defer close(jobs)
		for _, in := range inputs {
			select {
			case jobs <- in:
			case <-ctx.Done():
				return
			}
		}
	}()
	var readers, analysers sync.WaitGroup
	for range min(workers, len(inputs)) {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for in := range jobs {
				st.readFile(ctx, in, srcs)
			}
		}()
	}
	go func() { readers.Wait(); close(srcs) }()
	ready := srcs // the documents to analyse
	if text == nil {
		trained := make(chan sourceJob, 2*workers)
		go st.trainText(ctx, cancel, an, srcs, trained)
		ready = trained
	} else {
		st.texts = text
	}
	for range workers {
		analysers.Add(1)
		go func() {
			defer analysers.Done()
			for job := range ready {
				st.analyse(ctx, m, an, job, out)
			}
		}()
	}
	go func() { analysers.Wait(); close(out) }()

	var sinkErr error
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case docs, ok := <-out:
			if !ok {
				return st.finish(ctx, opt, sinkErr)
			}
			if sinkErr != nil {
				continue // drain so the workers can stop
			}
			for _, d := range docs {
				if err := sink(d); err != nil {
					sinkErr = fmt.Errorf("write index: %w", err)
					cancel()
					break
				}
			}
		case <-tick.C:
			if opt.Progress != nil {
				opt.Progress(st.snapshot())
			}
		}
	}
}

// buildState is shared by the workers of one build.
type buildState struct {
	start time.Time
	// texts compresses the stored passage text: set before the first
	// document reaches the analysers, read only after. textErr is why it
	// could not be made.
	texts   *textEncoder
	textErr error
	mu      sync.Mutex
	p       Progress
	skips   []Skip
	hurt    []Skip                 // documents read with damage (Summary.Damaged)
	docs    map[string][]DocRecord // by input name
	text    atomic.Int64
	read    atomic.Int64 // input bytes of the documents analysed so far
}

func (st *buildState) skip(path, reason string) {
	st.mu.Lock()
	st.skips = append(st.skips, Skip{Path: path, Reason: reason})
	st.mu.Unlock()
}

func (st *buildState) snapshot() Progress {
	read := st.read.Load() // before the file count: see fileTally.done
	st.mu.Lock()
	p := st.p
	st.mu.Unlock()
	p.TextBytes = st.text.Load()
	p.BytesDone = min(read, p.Bytes)
	p.Elapsed = time.Since(st.start)
	return p
}

func (st *buildState) finish(ctx context.Context, opt Options, sinkErr error) (*Summary, error) {
	if sinkErr != nil {
		return nil, sinkErr
	}
	if st.textErr != nil { // set before the analysers stopped: see trainText
		return nil, st.textErr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	sum := &Summary{Progress: st.snapshot(), docs: st.docs}
	if st.texts != nil {
		sum.textDict = st.texts.dict
	}
	sum.BytesDone = sum.Bytes // every file was read, some only to be skipped
	sort.Slice(st.skips, func(i, j int) bool { return st.skips[i].Path < st.skips[j].Path })
	sum.Skipped = st.skips
	sort.Slice(st.hurt, func(i, j int) bool { return st.hurt[i].Path < st.hurt[j].Path })
	sum.Damaged = st.hurt
	if opt.Progress != nil {
		opt.Progress(sum.Progress)
	}
	return sum, nil
}

// sourceJob is a document read from a file, with its root's defaults, the
// input bytes read for it, and its file's tally; once prepared, the
// document made of it (nil: none, an empty one).
type sourceJob struct {
	src      source.Source
	defaults meta.Metadata
	bytes    int64
	file     *fileTally
	prepared bool
	doc      *Document
}

// prepare makes the job's document: its source cut to maxDocumentText and
// read into passages with the root's defaults.
func (job *sourceJob) prepare(an *Analyzer) {
	if job.prepared {
		return
	}
	a := *an
	a.Defaults = job.defaults
	if cut := cutToSize(&job.src, maxDocumentText); cut != "" {
		job.src.Damage = strings.TrimPrefix(job.src.Damage+"; "+cut, "; ")
	}
	job.doc = a.Document(job.src)
	job.prepared = true
}

// trainText trains the dictionary of the passage text on the passages of
// the first documents read (textSampleBytes of text, or all there are),
// and then hands those documents and every later one on to
// ready, which it closes. The documents it holds meanwhile are read but
// not analysed (their text and metadata), and the analysers wait for the
// dictionary: on kiryu's minutes some 20 meeting days and 3–4 s of
// training. On an error it cancels the build. It sets st.texts when it
// succeeds and st.textErr when it fails, each before closing ready.
func (st *buildState) trainText(ctx context.Context, cancel context.CancelFunc, an *Analyzer, srcs <-chan sourceJob, ready chan<- sourceJob) {
	defer close(ready)
	var held []sourceJob
	var sample [][]byte
	for n := 0; n < textSampleBytes; {
		var job sourceJob
		var ok bool
		select {
		case job, ok = <-srcs:
		case <-ctx.Done():
			return
		}
		if !ok {
			break
		}
		job.prepare(an)
		if job.doc != nil {
			for _, p := range job.doc.Passages {
				sample = append(sample, []byte(p.Text))
				n += len(p.Text)
			}
		}
		held = append(held, job)
	}
	d, err := trainTextDictionary(sample)
	sample = nil
	if err == nil {
		st.texts, err = newTextEncoder(d)
	}
	if err != nil {
		st.textErr = err
		cancel()
		return
	}
	send := func(job sourceJob) bool {
		select {
		case ready <- job:
			return true
		case <-ctx.Done():
			return false
		}
	}
	for i := range held {
		if !send(held[i]) {
			return
		}
		held[i] = sourceJob{}
	}
	for job := range srcs {
		if !send(job) {
			return
		}
	}
}

// fileTally counts a file's documents still to analyse, plus one while the
// file is being read: the file is done, for the progress bar, when it
// falls to 0. Input bytes are counted as done with the document they were
// read for, so the bar follows the analysis, not the reading ahead of it.
type fileTally struct {
	pending atomic.Int64
	rest    atomic.Int64 // bytes read after the last document was sent
}

func (f *fileTally) done(st *buildState, bytes int64) {
	if f.pending.Add(-1) == 0 {
		st.mu.Lock()
		st.p.FilesDone++
		st.mu.Unlock()
		bytes += f.rest.Load()
	}
	st.read.Add(bytes) // after: no snapshot sees all bytes but not all files
}

// readFile reads one input and sends its documents on srcs. Problems are
// recorded as skips; they never stop the build.
func (st *buildState) readFile(ctx context.Context, in input, srcs chan<- sourceJob) {
	tally := &fileTally{}
	tally.pending.Store(1)
	var consumed atomic.Int64
	var sent int64 // bytes handed on with documents
	err := in.read(func(src source.Source) error {
		src.Path = in.name
		// the file's last byte waits for its last document: a file read
		// whole before its first document is emitted is not done with it
		n := max(sent, min(consumed.Load(), in.size-1))
		tally.pending.Add(1)
		select {
		case srcs <- sourceJob{src: src, defaults: in.defaults, bytes: n - sent, file: tally}:
			sent = n
			return nil
		case <-ctx.Done():
			tally.pending.Add(-1)
			return ctx.Err()
		}
	}, &consumed)
	defer func() {
		tally.rest.Store(consumed.Load() - sent)
		tally.done(st, 0)
	}()
	var skipped *source.Skipped
	switch {
	case err == nil:
	case errors.As(err, &skipped):
		for _, r := range skipped.Records {
			st.skip(in.name+"#"+r.Key, r.Err.Error())
		}
	case ctx.Err() != nil:
		return
	default:
		// the reader names the file it read; the skip names it already
		st.skip(in.name, strings.TrimPrefix(err.Error(), in.path+": "))
	}
}

// analyse turns one source into analysed passages and sends them on out.
func (st *buildState) analyse(ctx context.Context, m mapping.IndexMapping, an *Analyzer, job sourceJob, out chan<- []*document.Document) {
	defer job.file.done(st, job.bytes)
	job.prepare(an)
	src, d := job.src, job.doc
	if d == nil {
		st.skip(sourceName(src), "empty document: no text left after removing page chrome")
		return
	}
	// A long document (a budget book of a thousand pages) is handed on in
	// chunks as it is analysed, so that its analysed passages are never all
	// in memory at once: 9,000 passages of one book took 600 MB.
	batch := make([]*document.Document, 0, min(len(d.Passages), maxChunk))
	var text int64
	sent := 0
	send := func() bool {
		select {
		case out <- batch:
			sent += len(batch)
			batch = make([]*document.Document, 0, min(len(d.Passages)-sent, maxChunk))
			return true
		case <-ctx.Done():
			return false
		}
	}
	pa := newPassageAnalyser(m, d, st.texts)
	for _, p := range d.Passages {
		bd, err := pa.document(p)
		if err != nil {
			if sent == 0 {
				st.skip(sourceName(src), fmt.Sprintf("analyse: %v", err))
				return
			}
			src.Damage = strings.TrimPrefix(fmt.Sprintf("%s; analysis stopped after %d passages: %v", src.Damage, sent+len(batch), err), "; ")
			break
		}
		text += int64(len(p.Text))
		batch = append(batch, bd)
		if len(batch) == maxChunk && !send() {
			return
		}
	}
	if len(batch) > 0 && !send() {
		return
	}
	st.text.Add(text)
	st.mu.Lock()
	st.p.Documents++
	st.p.Passages += sent
	st.docs[src.Path] = append(st.docs[src.Path], DocRecord{ID: d.ID, Passages: sent})
	if src.Damage != "" {
		st.hurt = append(st.hurt, Skip{Path: sourceName(src), Reason: src.Damage})
	}
	st.mu.Unlock()
}

// maxChunk is how many analysed passages of one document go to the index
// writer at a time.
const maxChunk = 256

// discover lists the files under roots (files or directories). A root that
// does not exist is an error: it is the operator's mistake, not a bad file.
// An entry under a root that cannot be listed or is not a regular file (a
// symlink loop, a dangling link, a named pipe, a device, a folder that may
// not be read) is reported in skips by name and never stops the build.
func discover(roots []string, opt Options) (inputs []input, ignored []string, skips []Skip, err error) {
	for _, root := range roots {
		fi, err := os.Stat(root)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("source %s: %w", root, err)
		}
		first := len(inputs)
		base := filepath.Base(filepath.Clean(root))
		if !fi.IsDir() {
			if !fi.Mode().IsRegular() {
				skips = append(skips, Skip{Path: base, Reason: notRegular(fi.Mode()).Error()})
				continue
			}
			inputs = append(inputs, diskInput(root, base, fi.Size()))
			setDefaults(inputs[first:], root, opt)
			continue
		}
		err = filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
			rel, _ := filepath.Rel(root, p)
			name := path.Join(base, filepath.ToSlash(rel))
			if err != nil {
				if p == root {
					return err
				}
				skips = append(skips, Skip{Path: name, Reason: unwrapPath(err).Error()})
				return nil // a folder that cannot be listed: the rest goes on
			}
			if e.IsDir() || e.Name()[0] == '.' {
				return nil
			}
			if !source.Supported(p) {
				ignored = append(ignored, name)
				return nil
			}
			info, err := os.Stat(p) // follows a link to what it names
			if err != nil {
				skips = append(skips, Skip{Path: name, Reason: unwrapPath(err).Error()})
				return nil
			}
			if !info.Mode().IsRegular() {
				skips = append(skips, Skip{Path: name, Reason: notRegular(info.Mode()).Error()})
				return nil
			}
			inputs = append(inputs, diskInput(p, name, info.Size()))
			return nil
		})
		if err != nil {
			return nil, nil, nil, fmt.Errorf("list %s: %w", root, err)
		}
		setDefaults(inputs[first:], root, opt)
	}
	return inputs, ignored, skips, nil
}

// setDefaults gives the inputs of root the operator's defaults for it.
func setDefaults(inputs []input, root string, opt Options) {
	defaults, ok := opt.RootDefaults[root]
	if !ok {
		defaults = opt.Defaults
	}
	for i := range inputs {
		inputs[i].defaults = defaults
	}
}

func diskInput(p, name string, size int64) input {
	return input{name: name, path: p, size: size, read: func(emit func(source.Source) error, read *atomic.Int64) error {
		f, err := openRegular(p)
		if err != nil {
			return err
		}
		defer f.Close()
		return source.ReadFrom(p, &countingReader{r: f, n: read, size: size}, emit)
	}}
}

// countingReader adds the bytes read through it to n; size is the file's
// size when it was found, for the reader's buffer.
type countingReader struct {
	r    io.Reader
	n    *atomic.Int64
	size int64
}

func (c *countingReader) Size() int64 { return c.size }

func (c *countingReader) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	c.n.Add(int64(k))
	return k, err
}

func discoverFS(fsys fs.FS, opt Options) (inputs []input, ignored []string, err error) {
	err = fs.WalkDir(fsys, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		if !source.Supported(p) {
			ignored = append(ignored, p)
			return nil
		}
		info, err := e.Info()
		if err != nil {
			return err
		}
		inputs = append(inputs, input{defaults: opt.Defaults, name: p, size: info.Size(), read: func(emit func(source.Source) error, read *atomic.Int64) error {
			b, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			read.Add(int64(len(b)))
			return source.Read(p, b, emit)
		}})
		return nil
	})
	return inputs, ignored, err
}

func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			if fi, err := e.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}
