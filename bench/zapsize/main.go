// Command zapsize reports where the bytes of zap v16 segments go: per field,
// the term dictionary (vellum FST), postings bitmaps, freq/norm chunks,
// location chunks (term vectors) and doc values, and the stored fields
// (snappy-compressed per document) split by field.
//
//	go run ./bench/zapsize INDEXDIR|SEGMENT.zap...
//
// Every byte of a segment is read from the file's own offsets (the footer,
// the sections index, each field's dictionary and each term's postings
// header; see zap.md in github.com/blevesearch/zapx/v16), so the parts add
// up to the file size but for the section tables, reported as "other". The
// one estimate is the split of compressed stored bytes among fields, which
// is in proportion to each field's uncompressed bytes in the same document.
package main

import (
	"encoding/binary"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/blevesearch/vellum"
	"github.com/golang/snappy"
)

const (
	fstValEncodingMask = uint64(0xc000000000000000)
	fstValEncoding1Hit = uint64(0x8000000000000000)
	termNotEncoded     = 0 // zapx intcoder.go: an empty chunk list
	fieldNotUninverted = math.MaxUint64
	footerSize         = 8*5 + 4*3
)

type fieldBytes struct {
	terms, oneHit, multi                          uint64
	dict, postings, freqNorm, locs, docValues     uint64
	storedRaw, storedCompressed, storedMeta, hits uint64
}

func (f *fieldBytes) indexed() uint64 {
	return f.dict + f.postings + f.freqNorm + f.locs + f.docValues
}

type totals struct {
	files, size, docs     uint64
	storedIndex, storedID uint64
	fields                map[string]*fieldBytes
	order                 []string
}

func (t *totals) field(name string) *fieldBytes {
	f, ok := t.fields[name]
	if !ok {
		f = &fieldBytes{}
		t.fields[name] = f
		t.order = append(t.order, name)
	}
	return f
}

func uvarint(b []byte, pos uint64) (uint64, uint64) {
	v, n := binary.Uvarint(b[pos:])
	if n <= 0 {
		panic(fmt.Sprintf("bad uvarint at %d", pos))
	}
	return v, pos + uint64(n)
}

func readSegment(path string, t *totals) error {
	mm, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	t.files++
	t.size += uint64(len(mm))
	be := binary.BigEndian
	n := uint64(len(mm))
	if n < footerSize {
		return fmt.Errorf("%s: too short", path)
	}
	version := be.Uint32(mm[n-8:])
	if version < 16 {
		return fmt.Errorf("%s: zap version %d, want 16", path, version)
	}
	sectionsIndex := be.Uint64(mm[n-28:])
	storedIndex := be.Uint64(mm[n-44:])
	numDocs := be.Uint64(mm[n-52:])
	mem := mm[:n-footerSize]
	t.docs += numDocs

	// field names and each field's inverted-index section
	numFields, pos := uvarint(mem, sectionsIndex)
	names := make([]string, numFields)
	for id := uint64(0); id < numFields; id++ {
		addr := be.Uint64(mem[pos+8*id:])
		if addr == 0 {
			continue
		}
		nameLen, p := uvarint(mem, addr)
		names[id] = string(mem[p : p+nameLen])
		p += nameLen
		nsec, p := uvarint(mem, p)
		f := t.field(names[id])
		for s := uint64(0); s < nsec; s++ {
			typ := be.Uint16(mem[p:])
			secAddr := be.Uint64(mem[p+2:])
			p += 10
			if typ != 0 || secAddr == 0 { // 0: inverted text index
				continue
			}
			dvStart, q := uvarint(mem, secAddr)
			dvEnd, q := uvarint(mem, q)
			dictLoc, _ := uvarint(mem, q)
			if dvStart != fieldNotUninverted {
				f.docValues += dvEnd - dvStart
			}
			if err := readDict(mem, dictLoc, f); err != nil {
				return fmt.Errorf("%s: field %s: %v", path, names[id], err)
			}
		}
	}

	// stored fields: per document [metaLen][idLen+compressedLen][meta][id][snappy]
	t.storedIndex += 8 * numDocs
	var buf []byte
	raw := make([]uint64, numFields)
	for d := uint64(0); d < numDocs; d++ {
		off := be.Uint64(mem[storedIndex+8*d:])
		metaLen, p := uvarint(mem, off)
		dataLen, p := uvarint(mem, p)
		hdr := p - off
		meta := mem[p : p+metaLen]
		idLen, mp := uvarint(meta, 0)
		comp := mem[p+metaLen+idLen : p+metaLen+dataLen]
		t.storedID += idLen
		t.field(names[0]).storedRaw += idLen
		t.field(names[0]).storedCompressed += idLen
		t.field(names[0]).storedMeta += hdr
		buf, err = snappy.Decode(buf[:cap(buf)], comp)
		if err != nil {
			return fmt.Errorf("%s: doc %d: %v", path, d, err)
		}
		for i := range raw {
			raw[i] = 0
		}
		metaBy := make(map[uint64]uint64)
		for mp < metaLen {
			start := mp
			var fid, l, na uint64
			fid, mp = uvarint(meta, mp)
			_, mp = uvarint(meta, mp) // type
			_, mp = uvarint(meta, mp) // offset
			l, mp = uvarint(meta, mp)
			na, mp = uvarint(meta, mp)
			for ; na > 0; na-- {
				_, mp = uvarint(meta, mp)
			}
			raw[fid] += l
			metaBy[fid] += mp - start
		}
		for fid, r := range raw {
			if r == 0 && metaBy[uint64(fid)] == 0 {
				continue
			}
			f := t.field(names[fid])
			f.storedRaw += r
			f.storedMeta += metaBy[uint64(fid)]
			if len(buf) > 0 {
				f.storedCompressed += uint64(float64(len(comp)) * float64(r) / float64(len(buf)))
			}
		}
		t.field(names[0]).storedMeta += metaLen - sumMeta(metaBy)
	}
	return nil
}

func sumMeta(m map[uint64]uint64) uint64 {
	var s uint64
	for _, v := range m {
		s += v
	}
	return s
}

func readDict(mem []byte, dictLoc uint64, f *fieldBytes) error {
	vlen, p := uvarint(mem, dictLoc)
	f.dict += (p - dictLoc) + vlen
	fst, err := vellum.Load(mem[p : p+vlen])
	if err != nil {
		return err
	}
	it, err := fst.Iterator(nil, nil)
	for err == nil {
		_, val := it.Current()
		f.terms++
		if val&fstValEncodingMask == fstValEncoding1Hit {
			f.oneHit++
			f.hits++
		} else {
			f.multi++
			tfOff, q := uvarint(mem, val)
			locOff, q := uvarint(mem, q)
			bmLen, q := uvarint(mem, q)
			f.postings += q - val + bmLen
			end := val
			if locOff != termNotEncoded {
				f.locs += val - locOff
				end = locOff
			}
			if tfOff != termNotEncoded {
				f.freqNorm += end - tfOff
			}
		}
		err = it.Next()
	}
	if err != vellum.ErrIteratorDone {
		return err
	}
	return nil
}

func mb(b uint64) string { return fmt.Sprintf("%.1f", float64(b)/1e6) }

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: zapsize INDEXDIR|SEGMENT.zap...")
		os.Exit(2)
	}
	t := &totals{fields: map[string]*fieldBytes{}}
	for _, arg := range os.Args[1:] {
		if real, err := filepath.EvalSymlinks(arg); err == nil {
			arg = real // an index's "current" is a link to its generation
		}
		err := filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".zap") {
				return err
			}
			return readSegment(p, t)
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, "zapsize:", err)
			os.Exit(1)
		}
	}
	sort.SliceStable(t.order, func(i, j int) bool {
		a, b := t.fields[t.order[i]], t.fields[t.order[j]]
		return a.indexed()+a.storedCompressed > b.indexed()+b.storedCompressed
	})
	var sum fieldBytes
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(os.Stdout, "%d segment(s), %d documents, %s MB\n\n", t.files, t.docs, mb(t.size))
	fmt.Fprintln(w, "field\tterms\t1-hit\tdict MB\tpostings MB\tfreq/norm MB\tlocations MB\tdocvalues MB\tstored MB\t(raw MB)\ttotal MB\t")
	for _, name := range t.order {
		f := t.fields[name]
		stored := f.storedCompressed + f.storedMeta
		fmt.Fprintf(w, "%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", name, f.terms, f.oneHit,
			mb(f.dict), mb(f.postings), mb(f.freqNorm), mb(f.locs), mb(f.docValues),
			mb(stored), mb(f.storedRaw), mb(f.indexed()+stored))
		sum.terms += f.terms
		sum.oneHit += f.oneHit
		sum.dict += f.dict
		sum.postings += f.postings
		sum.freqNorm += f.freqNorm
		sum.locs += f.locs
		sum.docValues += f.docValues
		sum.storedCompressed += stored
		sum.storedRaw += f.storedRaw
	}
	fmt.Fprintf(w, "all\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", sum.terms, sum.oneHit,
		mb(sum.dict), mb(sum.postings), mb(sum.freqNorm), mb(sum.locs), mb(sum.docValues),
		mb(sum.storedCompressed), mb(sum.storedRaw), mb(sum.indexed()+sum.storedCompressed))
	w.Flush()
	accounted := sum.indexed() + sum.storedCompressed + t.storedIndex
	fmt.Printf("\nstored-fields index %s MB; other (section tables, footer) %s MB\n",
		mb(t.storedIndex), mb(t.size-accounted))
	fmt.Println("\nshare of the file by part:")
	for _, part := range []struct {
		name string
		b    uint64
	}{{"dictionary", sum.dict}, {"postings bitmaps", sum.postings}, {"freq/norm", sum.freqNorm},
		{"locations", sum.locs}, {"doc values", sum.docValues},
		{"stored fields", sum.storedCompressed + t.storedIndex}} {
		fmt.Printf("  %-17s %8s MB %5.1f %%\n", part.name, mb(part.b), 100*float64(part.b)/float64(t.size))
	}
}
