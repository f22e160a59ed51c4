package source

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// readJSONRecords reads a JSON file of records: an array of objects, or an
// object holding one ("records", "items" or "data") beside an optional
// "municipality_page_title". Each record is one document keyed "record N".
func readJSONRecords(path, text, enc string, emit func(Source) error) error {
	var top any
	if err := json.Unmarshal([]byte(text), &top); err != nil {
		return malformedJSON(text, err)
	}
	list, city, err := recordList(top)
	if err != nil {
		return err
	}
	var skipped Skipped
	for i, item := range list {
		key := keyed("record", i+1)
		r, ok := item.(map[string]any)
		if !ok {
			skipped.Records = append(skipped.Records, RecordError{path, key, errors.New("not a JSON object")})
			continue
		}
		if err := emitRecord(path, key, enc, record(r), city, &skipped, emit); err != nil {
			return err
		}
	}
	return skipped.result()
}

// recordList finds the records in a decoded JSON file.
func recordList(top any) (list []any, city string, err error) {
	switch v := top.(type) {
	case []any:
		list = v
	case map[string]any:
		r := record(v)
		city = cityOfTitle(r.str("municipality_page_title", "municipality", "自治体名"))
		for _, k := range []string{"records", "items", "data"} {
			if l, ok := v[k].([]any); ok {
				list = l
				break
			}
		}
		if list == nil {
			list = []any{v}
		}
	default:
		return nil, "", errors.New("JSON holds no records (neither an array nor an object)")
	}
	if len(list) == 0 {
		return nil, "", ErrEmpty
	}
	return list, city, nil
}

// emitRecord renders and emits one record, or notes why it was skipped.
// Only an error from emit is returned.
func emitRecord(path, key, enc string, r record, city string, skipped *Skipped, emit func(Source) error) error {
	s, err := recordSource(r, city)
	if err != nil {
		skipped.Records = append(skipped.Records, RecordError{path, key, err})
		return nil
	}
	s.Key, s.Encoding = key, enc
	if err := emit(s); err != nil {
		return err
	}
	skipped.Good++
	return nil
}

// result is nil when no record was skipped.
func (s *Skipped) result() error {
	if len(s.Records) == 0 {
		if s.Good == 0 {
			return ErrEmpty
		}
		return nil
	}
	return s
}

// malformedJSON names the line of a JSON syntax error.
func malformedJSON(text string, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	off := int64(-1)
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 || off > int64(len(text)) {
		return fmt.Errorf("malformed JSON: %w", err)
	}
	line := 1 + strings.Count(text[:off], "\n")
	return fmt.Errorf("malformed JSON at line %d: %w", line, err)
}

// readJSONLines streams a JSON Lines file, one object a line, one document
// a line keyed "line N". Lines must be UTF-8; a bad line is skipped.
func readJSONLines(path string, r io.Reader, emit func(Source) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	var skipped Skipped
	n := 0
	for sc.Scan() {
		n++
		line := sc.Bytes()
		if n == 1 {
			line = bytes.TrimPrefix(line, bomUTF8)
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		key := keyed("line", n)
		rec, err := parseLine(line)
		if err != nil {
			skipped.Records = append(skipped.Records, RecordError{path, key, err})
			continue
		}
		if err := emitRecord(path, key, "UTF-8", rec, "", &skipped, emit); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		if !errors.Is(err, bufio.ErrTooLong) {
			if skipped.Good == 0 {
				return fmt.Errorf("line %d: %w", n+1, err)
			}
			// a truncated .jsonl.gz: what came before the break is indexed.
			// The scanner hands on the cut-off last line; it is the break.
			at := n + 1
			if k := len(skipped.Records) - 1; k >= 0 && skipped.Records[k].Key == keyed("line", n) {
				skipped.Records, at = skipped.Records[:k], n
			}
			skipped.Records = append(skipped.Records, RecordError{path, keyed("line", at),
				fmt.Errorf("partly read: %d records; from here on the file cannot be read: %w", skipped.Good, err)})
			return skipped.result()
		}
		skipped.Records = append(skipped.Records, RecordError{path, keyed("line", n+1),
			fmt.Errorf("line longer than %d MB; rest of file not read", maxLine>>20)})
	}
	return skipped.result()
}

// parseLine decodes one JSON Lines record.
func parseLine(line []byte) (record, error) {
	if !utf8.Valid(line) {
		return nil, fmt.Errorf("%w: JSON Lines must be UTF-8", ErrEncoding)
	}
	var r map[string]any
	if err := json.Unmarshal(line, &r); err != nil {
		return nil, fmt.Errorf("malformed JSON: %w", err)
	}
	if r == nil {
		return nil, errors.New("not a JSON object")
	}
	return record(r), nil
}
