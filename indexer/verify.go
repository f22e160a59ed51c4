package indexer

// A generation is verified before it is served. Each scorch segment
// (store/*.zap) ends with zap's footer, whose last four bytes are the
// CRC-32 (IEEE) of everything before them and whose four before those are
// the segment format version. zap itself reads the footer's offsets
// without checking them against the file, so a truncated or overwritten
// segment makes it panic (slice bounds out of range, makeslice) on open or
// on the first search; Verify reads every byte instead and names the
// segment that is broken. Panics inside bleve while opening or searching
// a generation that passed are recovered into errors as well.

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"

	"github.com/blevesearch/bleve/v2"
)

// zap's footer: numDocs, storedIndexOffset, fieldsIndexOffset,
// sectionsIndexOffset, docValueOffset (8 bytes each), chunkMode, version,
// CRC (4 bytes each); versions before 16 have no sectionsIndexOffset.
const (
	zapFooterMin               = 5*8 + 3*4 - 8
	zapOldestVersion           = 11
	zapNewestVersion           = 16
	zapFooterVersionFromTheEnd = 8
)

// Verify checks every segment of the generation gen: its footer names a
// known format version and its checksum matches its content.
func Verify(gen string) error {
	segs, err := filepath.Glob(filepath.Join(gen, "store", "*.zap"))
	if err != nil {
		return err
	}
	if len(segs) == 0 {
		return fmt.Errorf("open index %s: no segments (store/*.zap)", gen)
	}
	for _, seg := range segs {
		if err := verifySegment(seg); err != nil {
			return fmt.Errorf("open index %s: segment %s: %w", gen, filepath.Base(seg), err)
		}
	}
	return nil
}

func verifySegment(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	n := fi.Size()
	if n < zapFooterMin {
		return fmt.Errorf("%d bytes, shorter than a segment footer", n)
	}
	h := crc32.NewIEEE()
	if _, err := io.CopyN(h, f, n-4); err != nil {
		return fmt.Errorf("read: %w", err)
	}
	var tail [4]byte
	if _, err := io.ReadFull(f, tail[:]); err != nil {
		return fmt.Errorf("read: %w", err)
	}
	var ver [4]byte
	if _, err := f.ReadAt(ver[:], n-zapFooterVersionFromTheEnd); err != nil {
		return fmt.Errorf("read: %w", err)
	}
	if v := binary.BigEndian.Uint32(ver[:]); v < zapOldestVersion || v > zapNewestVersion {
		return fmt.Errorf("footer names format version %d (want %d to %d): truncated or overwritten", v, zapOldestVersion, zapNewestVersion)
	}
	if want, got := binary.BigEndian.Uint32(tail[:]), h.Sum32(); want != got {
		return fmt.Errorf("checksum %08x, footer says %08x: truncated or overwritten", got, want)
	}
	return nil
}

// openGeneration opens gen read-only, turning a panic inside bleve into an
// error, and runs a test query (probe), so an index that opens but cannot
// answer is refused here rather than by the first user.
func openGeneration(gen string) (idx bleve.Index, err error) {
	defer func() {
		if r := recover(); r != nil {
			if idx != nil {
				idx.Close()
			}
			idx, err = nil, fmt.Errorf("open index %s: broken index: %v", gen, r)
		}
	}()
	idx, err = bleve.OpenUsing(gen, map[string]any{"read_only": true})
	if err != nil {
		return nil, fmt.Errorf("open index %s: %w", gen, err)
	}
	if err := probe(idx); err != nil {
		idx.Close()
		return nil, fmt.Errorf("open index %s: a test query failed: %w", gen, err)
	}
	return idx, nil
}

// probe searches the passage text of every segment for 市 (or anything)
// and loads the stored fields of the first hits.
func probe(idx bleve.Index) error {
	q := bleve.NewMatchQuery("市")
	q.SetField(FieldText)
	req := bleve.NewSearchRequestOptions(bleve.NewDisjunctionQuery(q, bleve.NewMatchAllQuery()), 10, 0, false)
	req.Fields = []string{"*"}
	_, err := idx.Search(req)
	return err
}
