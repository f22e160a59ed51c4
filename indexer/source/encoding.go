package source

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// Errors a reader returns for a whole file, wrapped with the file's path.
var (
	ErrEncoding = errors.New("broken encoding")
	ErrEmpty    = errors.New("empty document")
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// decode converts data to UTF-8 and names the encoding it found. Valid
// UTF-8 (with or without BOM) wins; UTF-16 needs a BOM; otherwise
// Shift_JIS (CP932) and EUC-JP are tried and the one that decodes without
// errors and reads more like Japanese is chosen. Line endings become "\n".
func decode(data []byte) (text, name string, err error) {
	text, name, err = decodeBytes(data)
	if err != nil {
		return "", "", err
	}
	return normalizeNewlines(text), name, nil
}

func decodeBytes(data []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		data = data[len(bomUTF8):]
	case bytes.HasPrefix(data, bomUTF16LE), bytes.HasPrefix(data, bomUTF16BE):
		return decodeWith(xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM), data, "UTF-16")
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", "", fmt.Errorf("%w: binary data (NUL bytes)", ErrEncoding)
	}
	if utf8.Valid(data) {
		return string(data), "UTF-8", nil
	}
	return guessJapanese(data)
}

// legacy lists the non-Unicode encodings the sniffer tries, by name.
var legacy = []struct {
	name string
	enc  encoding.Encoding
}{
	{"Shift_JIS", japanese.ShiftJIS},
	{"EUC-JP", japanese.EUCJP},
}

// guessJapanese decodes data with each legacy encoding and keeps the clean
// decoding with the most Japanese in it.
func guessJapanese(data []byte) (string, string, error) {
	best, bestName, bestScore := "", "", -1
	for _, l := range legacy {
		text, _, err := decodeWith(l.enc, data, l.name)
		if err != nil {
			continue
		}
		if s := japaneseScore(text); s > bestScore {
			best, bestName, bestScore = text, l.name, s
		}
	}
	if bestName == "" {
		return "", "", fmt.Errorf("%w: neither UTF-8, Shift_JIS nor EUC-JP", ErrEncoding)
	}
	return best, bestName, nil
}

// decodeWith decodes data and fails when the decoder had to replace bytes
// or produced control characters (a sign of the wrong encoding).
func decodeWith(enc encoding.Encoding, data []byte, name string) (string, string, error) {
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", ErrEncoding
	}
	text := string(out)
	if strings.ContainsRune(text, utf8.RuneError) || hasControl(text) {
		return "", "", ErrEncoding
	}
	return text, name, nil
}

func hasControl(s string) bool {
	for _, r := range s {
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' || r == 0x7F {
			return true
		}
	}
	return false
}

// japaneseScore counts hiragana, full-width katakana and kanji; half-width
// katakana (what EUC-JP bytes look like when read as Shift_JIS) counts
// against.
func japaneseScore(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case r >= 0xFF61 && r <= 0xFF9F:
			n -= 2
		case unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r), unicode.Is(unicode.Han, r):
			n++
		}
	}
	return n
}

// normalizeNewlines turns "\r\n" and lone "\r" into "\n".
func normalizeNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}
