package indexer

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"unsafe"

	"github.com/blevesearch/bleve/v2"
	"github.com/klauspost/compress/dict"
	"github.com/klauspost/compress/zstd"
)

// The stored passage text (field text) is a zstd frame of the passage's
// own text, compressed with a dictionary trained on the index's passages
// when the index has one. zapx compresses each passage's stored fields on
// their own with snappy, which on a passage of some 490 bytes of Japanese
// UTF-8 keeps three quarters of the bytes (71.9 MB of kiryu's 94.1 MB of
// text); a dictionary of 64 KB that knows the assembly's words halves that
// (40–42 MB), and each passage still decodes on its own.
//
// A fresh build trains the dictionary on the first passages it reads
// (textSampleBytes of them) and keeps it in the index's internal storage
// (textDictKey); `index -update` compresses the passages it adds with the
// index's dictionary. An index whose text is too little to train on
// (minTrainBytes) compresses without one. Each frame names its dictionary
// by ID, so the readers of several indexes served as one decode with one
// TextDecoder holding the dictionaries of all (NewTextDecoder).
//
// klauspost/compress provides both the zstd codec and the dictionary
// builder in Go (the project already depends on it for HTTP compression);
// a dictionary builder and an entropy coder are not things to write and
// maintain beside an index.

// textDictKey is the key of the text dictionary in bleve's internal
// storage.
const textDictKey = "_text_zstd_dict"

const (
	// textSampleBytes is how much passage text a build trains the
	// dictionary on. On kiryu's minutes the first 4.6 MB (8,000
	// passages) gave 42.0 MB of text, a random 3.9 MB 40.4 MB.
	textSampleBytes = 4 << 20
	// textDictBytes bounds the dictionary: 32 KB gave 41.2 MB of kiryu's
	// text, 64 KB 40.1 MB, 112 KB 39.6 MB (level better, 5,000 random
	// passages); past 64 KB each passage's encoding costs more.
	textDictBytes = 64 << 10
	// minTrainBytes is the least sample text worth a dictionary.
	minTrainBytes = 64 << 10
	// textLevel: better compresses kiryu's text 8 % more than the default
	// at about the same cost per passage.
	textLevel = zstd.SpeedBetterCompression
)

// trainTextDictionary returns a dictionary trained on the passage texts of
// sample, or nil when they are too few to train on.
func trainTextDictionary(sample [][]byte) ([]byte, error) {
	n := 0
	for _, s := range sample {
		n += len(s)
	}
	if n < minTrainBytes {
		return nil, nil
	}
	d, err := dict.BuildZstdDict(sample, dict.Options{MaxDictSize: textDictBytes, HashBytes: 6, ZstdLevel: textLevel})
	if err != nil {
		return nil, fmt.Errorf("train the text dictionary: %w", err)
	}
	return d, nil
}

// textEncoder compresses passage texts, safely from several goroutines.
type textEncoder struct {
	dict []byte // nil: none
	enc  *zstd.Encoder
}

func newTextEncoder(d []byte) (*textEncoder, error) {
	opts := []zstd.EOption{
		zstd.WithEncoderLevel(textLevel),
		zstd.WithEncoderCRC(false), // 4 bytes a passage; zap's own snappy blocks carry none either
		zstd.WithEncoderConcurrency(runtime.GOMAXPROCS(0)),
	}
	if d != nil {
		opts = append(opts, zstd.WithEncoderDict(d))
	}
	enc, err := zstd.NewWriter(nil, opts...)
	if err != nil {
		return nil, fmt.Errorf("text encoder: %w", err)
	}
	return &textEncoder{dict: d, enc: enc}, nil
}

// plainTextEncoder compresses without a dictionary: for Passages, whose
// callers index into an index of their own making.
var plainTextEncoder = sync.OnceValue(func() *textEncoder {
	e, err := newTextEncoder(nil)
	if err != nil {
		panic(err) // options without a dictionary never fail
	}
	return e
})

// encode returns the stored value of a passage's text.
func (e *textEncoder) encode(text []byte) []byte {
	return e.enc.EncodeAll(text, make([]byte, 0, len(text)/2+16))
}

// TextDictionary returns the text dictionary of idx, nil when it has none.
func TextDictionary(idx bleve.Index) ([]byte, error) {
	d, err := idx.GetInternal([]byte(textDictKey))
	if err != nil {
		return nil, fmt.Errorf("read the text dictionary: %w", err)
	}
	if len(d) == 0 {
		return nil, nil
	}
	return d, nil
}

// TextDecoder turns the stored values of the text field back into the
// passages' text. It is safe for concurrent use; one serves every request
// over the indexes whose dictionaries it was made with.
type TextDecoder struct {
	dec *zstd.Decoder
}

// NewTextDecoder returns a decoder of the text of indexes with the
// dictionaries dicts (nil ones, of indexes without, are skipped). Two
// different dictionaries with the same ID (a chance of one in two billion
// for two builds) cannot be told apart: that is an error, and one of the
// two indexes has to be built again.
func NewTextDecoder(dicts ...[]byte) (*TextDecoder, error) {
	ids := map[uint32][]byte{}
	var use [][]byte
	for _, d := range dicts {
		if d == nil {
			continue
		}
		info, err := zstd.InspectDictionary(d)
		if err != nil {
			return nil, fmt.Errorf("text dictionary: %w", err)
		}
		if prev, ok := ids[info.ID()]; ok {
			if string(prev) != string(d) {
				return nil, fmt.Errorf("two indexes have different text dictionaries with the same ID %d: rebuild one of them", info.ID())
			}
			continue
		}
		ids[info.ID()] = d
		use = append(use, d)
	}
	opts := []zstd.DOption{
		zstd.WithDecoderConcurrency(runtime.GOMAXPROCS(0)),
		zstd.WithDecoderLowmem(true),
		zstd.WithDecoderMaxMemory(uint64(4 * maxDocumentText)),
	}
	if len(use) > 0 {
		opts = append(opts, zstd.WithDecoderDicts(use...))
	}
	dec, err := zstd.NewReader(nil, opts...)
	if err != nil {
		return nil, fmt.Errorf("text decoder: %w", err)
	}
	return &TextDecoder{dec: dec}, nil
}

// ErrTextDecoder is returned by a nil TextDecoder.
var ErrTextDecoder = errors.New("no text decoder")

// Text returns the passage text of the stored value v.
func (d *TextDecoder) Text(v []byte) (string, error) {
	if d == nil {
		return "", ErrTextDecoder
	}
	b, err := d.dec.DecodeAll(v, nil) // sized by the frame's content size
	if err != nil {
		return "", fmt.Errorf("stored passage text: %w", err)
	}
	if len(b) == 0 {
		return "", nil
	}
	return unsafe.String(&b[0], len(b)), nil // b is this call's own
}
