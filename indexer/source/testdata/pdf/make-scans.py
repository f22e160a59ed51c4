"""Wraps a gray JPEG of an A4 page in two small PDFs, written by hand
(no PDF library needed):

scan.pdf           one page: the image alone, no text layer (a scan).
garbage-layer.pdf  three pages:
                   1. visible Japanese text (a sentence of scan.html) in a
                      non-embedded Adobe-Japan1 font (UniJIS-UCS2-H): a good
                      text layer;
                   2. the scanned image under an invisible (render mode 3)
                      text layer of OCR garbage: real but random kanji, as an
                      old OCR pass leaves them;
                   3. visible garbage: the same random kanji drawn.
The random kanji come from a fixed seed over CJK Unified Ideographs, mixed
with the kana and digits OCR garbage keeps (「と匡柔難鵜腿學鰯鑛ぞ1鰐噸里」)."""
import random, sys

jpeg = open(sys.argv[1], "rb").read()
# JPEG size from the SOF0 marker
i = 2
while True:
    assert jpeg[i] == 0xFF
    marker, length = jpeg[i + 1], int.from_bytes(jpeg[i + 2:i + 4], "big")
    if marker in (0xC0, 0xC1, 0xC2):
        h, w = int.from_bytes(jpeg[i + 5:i + 7], "big"), int.from_bytes(jpeg[i + 7:i + 9], "big")
        colors = "/DeviceGray" if jpeg[i + 9] == 1 else "/DeviceRGB"
        break
    i += 2 + length

W, H = 595.28, 841.89

def hexutf16(s):
    return "<" + s.encode("utf-16-be").hex().upper() + ">"

rng = random.Random(15)
def garbage_line(n):
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.08:
            out.append(rng.choice("とぞのに1l"))
        else:
            out.append(chr(rng.randint(0x4E00, 0x9FA5)))
    return "".join(out)

good = ["平成15年第１回定例市議会において、平成15年度の予算関係議案のご審議をお願いするに当たり、",
        "市政運営の方針を申し述べまして、議員各位並びに市民の皆様のご理解とご協力を賜りたいと存じます。"]
garbage = [garbage_line(30) for _ in range(12)]

def text_content(lines, mode, size=12, top=760):
    ops = ["BT", "/F1 %d Tf" % size, "%d Tr" % mode]
    for k, line in enumerate(lines):
        ops.append("1 0 0 1 60 %.1f Tm %s Tj" % (top - k * size * 1.8, hexutf16(line)))
    ops.append("ET")
    return "\n".join(ops)

def build(pages):
    """pages: list of (content, with_image)."""
    objs = []
    def add(b):
        objs.append(b)
        return len(objs)
    font = add(None)
    cid = add(None)
    desc = add(None)
    objs[font - 1] = b"<< /Type /Font /Subtype /Type0 /BaseFont /HeiseiKakuGo-W5 /Encoding /UniJIS-UCS2-H /DescendantFonts [%d 0 R] >>" % cid
    objs[cid - 1] = b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /HeiseiKakuGo-W5 /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 5 >> /FontDescriptor %d 0 R /DW 1000 >>" % desc
    objs[desc - 1] = b"<< /Type /FontDescriptor /FontName /HeiseiKakuGo-W5 /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>"
    img = add(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n" % (w, h, colors.encode(), len(jpeg)) + jpeg + b"\nendstream")
    pages_id = add(None)
    kids = []
    for content, with_image in pages:
        c = (("q %.2f 0 0 %.2f 0 0 cm /Im1 Do Q\n" % (W, H)) if with_image else "") + content
        cb = c.encode()
        cs = add(b"<< /Length %d >>\nstream\n" % len(cb) + cb + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >> >> /Contents %d 0 R >>" % (pages_id, W, H, font, img, cs)))
    objs[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    cat = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for n, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % n + o + b"\nendobj\n"
    x = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, cat, x)
    return bytes(out)

open("scan.pdf", "wb").write(build([("", True)]))
open("garbage-layer.pdf", "wb").write(build([
    (text_content(good, 0), False),
    (text_content(garbage, 3), True),
    (text_content(garbage, 0), False),
]))
