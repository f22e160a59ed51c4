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

// decodeRepairing is decode for a file that is nearly text in one of the
// encodings decode knows but has a few broken byte sequences (a damaged
// download, one mis-encoded line): rather than losing the file, it decodes
// it with U+FFFD for each bad sequence and says so in damage. A file with
// more than one bad sequence in 50 characters, or with NUL bytes, is still
// an encoding error.
func decodeRepairing(data []byte) (text, name, damage string, err error) {
	text, name, err = decode(data)
	if err == nil || !errors.Is(err, ErrEncoding) || bytes.IndexByte(data, 0) >= 0 {
		return text, name, "", err
	}
	best, bestName, bestBad, bestScore := "", "", -1, 0
	try := func(text, name string) {
		bad := strings.Count(text, string(utf8.RuneError))
		if bestBad < 0 || bad < bestBad || bad == bestBad && japaneseScore(text) > bestScore {
			best, bestName, bestBad, bestScore = text, name, bad, japaneseScore(text)
		}
	}
	try(strings.ToValidUTF8(string(bytes.TrimPrefix(data, bomUTF8)), string(utf8.RuneError)), "UTF-8")
	for _, l := range legacy {
		out, err := l.enc.NewDecoder().Bytes(data)
		if err == nil && !hasControl(string(out)) {
			try(string(out), l.name)
		}
	}
	if bestBad <= 0 || bestBad*50 > utf8.RuneCountInString(best) {
		return "", "", "", err
	}
	damage = fmt.Sprintf("%d broken byte sequences replaced with U+FFFD (read as %s)", bestBad, bestName)
	if bestBad == 1 {
		damage = fmt.Sprintf("1 broken byte sequence replaced with U+FFFD (read as %s)", bestName)
	}
	return normalizeNewlines(best), bestName, damage, nil
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

// hasControl reports C0 and C1 control characters other than line ends
// and tabs, and the noncharacters U+FFFE and U+FFFF: what binary data
// decodes to.
func hasControl(s string) bool {
	for _, r := range s {
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' || r >= 0x7F && r <= 0x9F || r == 0xFFFE || r == 0xFFFF {
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
