#!/usr/bin/env python3
"""Write small PDFs from raw PDF syntax, for receiptocr's test fixtures.

No third-party modules: the point is that the fixtures can be rebuilt anywhere python3 runs,
and that the bytes are reproducible (no timestamps, fixed /ID).

  make_pdf.py text  OUT.pdf PAGE.txt...   one page per text file, Courier 10 pt, with a text layer
  make_pdf.py image OUT.pdf [--dpi N] PAGE.jpg...
                                          one page per JPEG (/DCTDecode XObject), no text layer,
                                          page size = image size at N dpi (default 300)
"""
import hashlib
import sys


def pdf_string(text):
    """A PDF literal string in WinAnsiEncoding (so €, £, ß, ü survive)."""
    raw = text.encode("cp1252")
    out = b"("
    for b in raw:
        c = bytes([b])
        if c in b"()\\":
            out += b"\\" + c
        elif b < 32 or b > 126:
            out += b"\\%03o" % b
        else:
            out += c
    return out + b")"


def jpeg_info(data):
    """(width, height, components) from a JPEG's SOF marker."""
    i = 2
    while i < len(data):
        if data[i] != 0xFF:
            raise ValueError("not a JPEG marker")
        marker = data[i + 1]
        length = int.from_bytes(data[i + 2:i + 4], "big")
        if marker in (0xC0, 0xC1, 0xC2):
            height = int.from_bytes(data[i + 5:i + 7], "big")
            width = int.from_bytes(data[i + 7:i + 9], "big")
            return width, height, data[i + 9]
        i += 2 + length
    raise ValueError("no SOF marker")


class Pdf:
    def __init__(self):
        self.objects = []  # bytes of each object body, object number = index + 1

    def add(self, body):
        self.objects.append(body)
        return len(self.objects)

    def reserve(self):
        return self.add(b"")

    def set(self, number, body):
        self.objects[number - 1] = body

    def stream(self, dictionary, data):
        return self.add(b"<< " + dictionary + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")

    def write(self, path, page_numbers, pages_obj):
        kids = b" ".join(b"%d 0 R" % n for n in page_numbers)
        self.set(pages_obj, b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(page_numbers))
        catalog = self.add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj)
        info = self.add(b"<< /Producer (receiptocr testdata/src/make_pdf.py) >>")
        out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
        offsets = []
        for n, body in enumerate(self.objects, 1):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(self.objects) + 1)
        for off in offsets:
            out += b"%010d 00000 n \n" % off
        file_id = hashlib.md5(out).hexdigest().encode()
        out += (b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n"
                % (len(self.objects) + 1, catalog, info, file_id, file_id, xref))
        with open(path, "wb") as f:
            f.write(out)


def text_pdf(out, texts):
    pdf = Pdf()
    pages_obj = pdf.reserve()
    font = pdf.add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>")
    pages = []
    for path in texts:
        with open(path, encoding="utf-8") as f:
            lines = f.read().rstrip("\n").split("\n")
        # Courier is 0.6 em wide: 93 columns of 10 pt fit from the margin to the page's edge.
        # A wider page is set smaller, so that no column falls off the page.
        widest = max(len(line) for line in lines)
        if widest <= 90:
            content = b"BT /F1 10 Tf 12 TL 54 740 Td\n"
        else:
            size = int(540 / (0.6 * widest) * 10) / 10
            content = b"BT /F1 %.1f Tf %.1f TL 54 740 Td\n" % (size, size * 1.2)
        for line in lines:
            content += pdf_string(line) + b" Tj T*\n"
        content += b"ET"
        stream = pdf.stream(b"", content)
        pages.append(pdf.add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] "
                             b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                             % (pages_obj, font, stream)))
    pdf.write(out, pages, pages_obj)


def image_pdf(out, images, dpi):
    pdf = Pdf()
    pages_obj = pdf.reserve()
    pages = []
    for path in images:
        with open(path, "rb") as f:
            data = f.read()
        width, height, components = jpeg_info(data)
        space = {1: b"/DeviceGray", 3: b"/DeviceRGB"}[components]
        image = pdf.stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s "
                           b"/BitsPerComponent 8 /Filter /DCTDecode" % (width, height, space), data)
        w = width * 72.0 / dpi
        h = height * 72.0 / dpi
        content = pdf.stream(b"", b"q %.2f 0 0 %.2f 0 0 cm /Im1 Do Q" % (w, h))
        pages.append(pdf.add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] "
                             b"/Resources << /XObject << /Im1 %d 0 R >> >> /Contents %d 0 R >>"
                             % (pages_obj, w, h, image, content)))
    pdf.write(out, pages, pages_obj)


def main(argv):
    if len(argv) < 4 or argv[1] not in ("text", "image"):
        sys.exit(__doc__)
    if argv[1] == "text":
        text_pdf(argv[2], argv[3:])
    else:
        args = argv[3:]
        dpi = 300
        if args[0] == "--dpi":
            dpi = int(args[1])
            args = args[2:]
        image_pdf(argv[2], args, dpi)


if __name__ == "__main__":
    main(sys.argv)
