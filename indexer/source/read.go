package source

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// RecordError is one record of a multi-record file (a CSV row, a JSON
// record, a JSONL line) that could not be read. The other records were.
type RecordError struct {
	Path string
	Key  string // "row 12", "line 5", "record 3"
	Err  error
}

func (e RecordError) Error() string { return e.Path + ": " + e.Key + ": " + e.Err.Error() }
func (e RecordError) Unwrap() error { return e.Err }

// Skipped is returned by ReadFile and Read after every good record of a
// multi-record file was emitted, when some records had to be skipped. A
// caller tells "file failed" from "file read with N records skipped" with
// errors.As(err, new(*Skipped)). Good counts the records emitted; Good == 0
// means nothing in the file could be read.
type Skipped struct {
	Records []RecordError
	Good    int
}

func (s *Skipped) Error() string {
	msg := fmt.Sprintf("%d records skipped, %d read", len(s.Records), s.Good)
	if len(s.Records) > 0 {
		msg += "; first: " + s.Records[0].Error()
	}
	return msg
}

// Unwrap returns the record errors, so errors.Is and errors.As see them.
func (s *Skipped) Unwrap() []error {
	errs := make([]error, len(s.Records))
	for i, r := range s.Records {
		errs[i] = r
	}
	return errs
}

// extensions maps the file name extensions Supported accepts to formats.
var extensions = map[string]bool{
	".txt": true, ".md": true, ".markdown": true, ".html": true, ".htm": true,
	".tsv": true, ".csv": true, ".json": true, ".jsonl": true, ".ndjson": true,
	".pdf": true,
}

// Supported reports whether path looks like a file this package reads, by
// its extension (optionally followed by .gz).
func Supported(path string) bool {
	return extensions[extension(path)]
}

// extension is the lower-case format extension of name, ignoring ".gz".
func extension(name string) string {
	name = strings.ToLower(filepath.Base(name))
	name = strings.TrimSuffix(name, ".gz")
	return filepath.Ext(name)
}

// ReadFile reads the file at path and calls emit once per document found.
// It fails, naming the file and the reason, when the whole file is
// unusable; a multi-record file with bad records returns *Skipped after
// emitting the good ones. An error returned by emit stops reading and is
// returned as it is.
func ReadFile(path string, emit func(Source) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return read(path, f, emit)
}

// Read is ReadFile on bytes already in memory; name gives the format by
// its extension.
func Read(name string, data []byte, emit func(Source) error) error {
	return read(name, bytes.NewReader(data), emit)
}

// ReadFrom is ReadFile on a stream, for callers that open (or count) the
// file themselves; name gives the format by its extension.
func ReadFrom(name string, r io.Reader, emit func(Source) error) error {
	return read(name, r, emit)
}

// maxLine bounds one line of a JSON Lines file.
const maxLine = 64 << 20

// emitError marks an error that came from emit, so it is passed through.
type emitError struct{ err error }

func (e emitError) Error() string { return e.err.Error() }
func (e emitError) Unwrap() error { return e.err }

func read(path string, r io.Reader, emit func(Source) error) error {
	err := readFormat(path, r, func(s Source) error {
		s.Path = path
		if err := emit(s); err != nil {
			return emitError{err}
		}
		return nil
	})
	var ee emitError
	var sk *Skipped
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ee):
		return ee.err
	case errors.As(err, &sk):
		return sk
	}
	return fmt.Errorf("%s: %w", path, err)
}

func readFormat(path string, r io.Reader, emit func(Source) error) error {
	hint := sizeOf(r)
	br, err := maybeGunzip(bufio.NewReaderSize(r, 64<<10))
	if err != nil {
		return err
	}
	ext := extension(path)
	if ext == ".jsonl" || ext == ".ndjson" {
		return readJSONLines(path, br, emit)
	}
	data, err := readAll(br, hint)
	if err != nil {
		return err
	}
	return readWhole(path, ext, data, emit)
}

// sizeOf is the size of what r reads when r knows it (a file, bytes in
// memory, a reader that says its Size), else 0.
func sizeOf(r io.Reader) int64 {
	switch r := r.(type) {
	case interface{ Size() int64 }:
		return r.Size()
	case *os.File:
		if info, err := r.Stat(); err == nil && info.Mode().IsRegular() {
			return info.Size()
		}
	}
	return 0
}

// readAll is io.ReadAll into a buffer of the input's size when it is
// known: io.ReadAll grows its buffer as it goes, copying and clearing a
// 60 MB PDF several times over (5 % of reading a long budget book).
func readAll(r io.Reader, hint int64) ([]byte, error) {
	if hint <= 0 || hint > maxPDFBytes {
		return io.ReadAll(r)
	}
	b := bytes.NewBuffer(make([]byte, 0, hint+bytes.MinRead))
	_, err := b.ReadFrom(r)
	return b.Bytes(), err
}

// maybeGunzip wraps br in a gzip reader when it starts with gzip's magic.
func maybeGunzip(br *bufio.Reader) (*bufio.Reader, error) {
	magic, _ := br.Peek(2)
	if len(magic) < 2 || magic[0] != 0x1f || magic[1] != 0x8b {
		return br, nil
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, fmt.Errorf("broken gzip: %w", err)
	}
	return bufio.NewReaderSize(gzipErrors{zr}, 64<<10), nil
}

// gzipErrors names gzip failures in the middle of a stream.
type gzipErrors struct{ r io.Reader }

func (g gzipErrors) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if err != nil && err != io.EOF {
		err = fmt.Errorf("broken gzip: %w", err)
	}
	return n, err
}

// readWhole decodes a file read into memory and dispatches on its format.
func readWhole(path, ext string, data []byte, emit func(Source) error) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return ErrEmpty
	}
	if ext == ".pdf" || looksPDF(data) {
		return readPDF(data, emit)
	}
	if ext == ".html" || ext == ".htm" || (ext != ".csv" && ext != ".json" && looksHTML(data)) {
		return readHTML(data, emit)
	}
	text, enc, damage, err := decodeRepairing(data)
	if err != nil {
		return err
	}
	if damage != "" {
		next := emit
		emit = func(s Source) error {
			s.Damage = strings.TrimSuffix(damage+"; "+s.Damage, "; ")
			return next(s)
		}
	}
	switch ext {
	case ".csv":
		return readCSV(path, text, enc, ',', emit)
	case ".tsv":
		return readTSV(text, enc, emit)
	case ".json":
		return readJSONRecords(path, text, enc, emit)
	case ".md", ".markdown":
		return emitText(enc, emit, readMarkdown(text))
	}
	return readPlain(text, enc, emit)
}

// readPlain reads a .txt (or unknown) file by what its content looks like:
// a speech with a header, a TSV table export, Markdown or a scraped page.
func readPlain(text, enc string, emit func(Source) error) error {
	switch {
	case looksSpeech(text):
		return emitText(enc, emit, readSpeech(text))
	case looksMinutes(text):
		return emitText(enc, emit, readMinutesFile(text))
	case looksTSV(text):
		return readTSV(text, enc, emit)
	case looksMarkdown(text):
		return emitText(enc, emit, readMarkdown(text))
	}
	return emitText(enc, emit, readPage(text))
}

// emitText emits a whole-file document, or ErrEmpty when it has no blocks.
func emitText(enc string, emit func(Source) error, s Source) error {
	if len(s.Blocks) == 0 {
		return ErrEmpty
	}
	s.Encoding = enc
	return emit(s)
}
