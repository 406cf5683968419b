#!/usr/bin/env bash
# Hostile inputs (issue 6, acceptance 1). Every input is generated here in $WORK, never committed:
# zero bytes, truncated and bit-flipped JPEG/PNG/TIFF/PDF (fixed seed), a 3000-page PDF, an
# encrypted PDF, a 20000x20000 pt page, a PNG claiming 50000x50000 pixels, a 300-page TIFF, a
# directory named x.jpg, a FIFO named y.jpg, a name with spaces, a newline and a non-UTF-8 byte,
# and an unreadable file. Each goes through `extract` alone (exit 0/3/5, never a crash, an internal
# error or a timeout; at most one "receiptocr: error:" line naming the file; peak RSS < 2 GB), then
# all of them plus two valid fixtures and a symlink loop go through one `batch -j 2`.
# Product problems that are not fixed yet print "KNOWN ISSUE: ..." instead of failing.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/extract_lib.sh"
require_tesseract_eng
cd "$WORK" || fail "cannot cd to $WORK"
mkdir in || fail "mkdir"

python3 - "$TESTDATA" in <<'EOF' || fail "cannot generate the hostile inputs"
import os, random, struct, zlib, sys, shutil
td, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
def w(name, data):
    with open(os.path.join(out, name), 'wb') as f: f.write(data)
def rd(n): return open(os.path.join(td, n), 'rb').read()
w('zero.jpg', b'')
srcs = {'jpg': 'receipt-eu.jpg', 'png': 'receipt-us.png', 'tif': 'receipt-uk.tif', 'pdf': 'invoice.pdf'}
rng = random.Random(20240606)
for ext, src in srcs.items():
    d = rd(src)
    w('truncated-%s.%s' % (ext, ext), d[:len(d) // 3])
    b = bytearray(d)
    # flip bits deterministically, sparing the first 16 bytes so the format is still recognised
    for _ in range(max(8, len(b) // 500)):
        i = rng.randrange(16, len(b)); b[i] ^= 1 << rng.randrange(8)
    w('flipped-%s.%s' % (ext, ext), bytes(b))
# minimal PDF with a page tree
def pdf(objs):
    body = b'%PDF-1.4\n'; offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(body)); body += b'%d 0 obj\n' % i + o + b'\nendobj\n'
    x = len(body)
    body += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)
    body += b''.join(b'%010d 00000 n \n' % o for o in offs)
    body += b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, x)
    return body
n = 3000
# distinct (empty) page objects: poppler treats a page object listed twice as a loop in the page tree
kids = b' '.join(b'%d 0 R' % (3 + i) for i in range(n))
w('pages-3000.pdf', pdf([b'<< /Type /Catalog /Pages 2 0 R >>',
    b'<< /Type /Pages /Count %d /Kids [%s] >>' % (n, kids)] +
    [b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>'] * n))
w('huge-page.pdf', pdf([b'<< /Type /Catalog /Pages 2 0 R >>',
    b'<< /Type /Pages /Count 1 /Kids [3 0 R] >>',
    b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 20000 20000] /Contents 4 0 R >>',
    b'<< /Length 0 >>\nstream\n\nendstream']))
shutil.copy(os.path.join(td, 'invoice-encrypted.pdf'), os.path.join(out, 'encrypted.pdf'))
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
ihdr = struct.pack('>IIBBBBB', 50000, 50000, 8, 0, 0, 0, 0)
w('bomb.png', b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', ihdr) + chunk(b'IDAT', zlib.compress(b'\0' * 50001 * 4)) + chunk(b'IEND', b''))
# TIFF with 300 pages: 8x8 8-bit grayscale strips, chained IFDs (little endian)
pages = 300; W = H = 8
data = bytearray(b'II*\0' + struct.pack('<I', 8))
pix = bytes([0xff]) * (W * H)
ifd_size = 2 + 10 * 12 + 4
pos = 8
for p in range(pages):
    ifd_off = pos; pix_off = ifd_off + ifd_size; nxt = pix_off + len(pix) if p < pages - 1 else 0
    ents = [(256, 3, 1, W), (257, 3, 1, H), (258, 3, 1, 8), (259, 3, 1, 1), (262, 3, 1, 1),
            (273, 4, 1, pix_off), (277, 3, 1, 1), (278, 3, 1, H), (279, 4, 1, len(pix)), (284, 3, 1, 1)]
    blk = struct.pack('<H', len(ents)) + b''.join(struct.pack('<HHII', *e) for e in ents) + struct.pack('<I', nxt)
    data += blk + pix; pos = len(data)
w('pages-300.tif', bytes(data))
os.mkdir(os.path.join(out, 'x.jpg'))
os.mkfifo(os.path.join(out, 'y.jpg'))
w(b'odd name \n\xff.png'.decode('utf-8', 'surrogateescape'), rd('receipt-us.png')[:777])
w('unreadable.png', rd('receipt-us.png')[:999])
EOF

TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "note: $TIME is absent, peak RSS is not checked"; TIME=; }
MAX_RSS_KB=$((2 * 1024 * 1024))
ODD=$'odd name \n\xff.png'
failures=0
bad() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
known() { echo "KNOWN ISSUE: $*"; }

# Expected error.reason where the input leaves no choice; other inputs may fail with any reason
# or even decode (bit flips in compressed image data can still give a picture: exit 0 or 3).
declare -A REASON=(
  [zero.jpg]=empty_file [encrypted.pdf]=encrypted [pages-3000.pdf]=too_many_pages
  [huge-page.pdf]=too_large [bomb.png]=too_large [x.jpg]=not_a_file [y.jpg]=not_a_file
)
# Limits must be applied before decoding: these fail within a few seconds.
declare -A QUICK=([pages-3000.pdf]=1 [huge-page.pdf]=1 [bomb.png]=1)

chmod 000 in/unreadable.png
if [ -r in/unreadable.png ]; then
  echo "note: running as root, chmod 000 does not stop reads: unreadable.png is only a corrupt PNG here"
else
  REASON[unreadable.png]=
fi

# status/reason of extract per file, reused for the batch expectations.
declare -A XSTATUS
run_extract() {
  local f=$1 label=$2 code start secs status reason lines rss
  start=$(date +%s.%N)
  if [ -n "$TIME" ]; then
    timeout 120 "$TIME" -o rss.txt -f %M "$RECEIPTOCR" extract "in/$f" >out.json 2>err.txt
  else
    timeout 120 "$RECEIPTOCR" extract "in/$f" >out.json 2>err.txt
  fi
  code=$?
  secs=$(echo "$(date +%s.%N) - $start" | bc)
  status=$(json_get out.json 'd["status"]' 2>/dev/null)
  reason=$(json_get out.json '(d.get("error") or {}).get("reason", "")' 2>/dev/null)
  echo "extract $label: exit $code, status ${status:-?}, reason ${reason:--}, ${secs}s, peak $(tail -1 rss.txt 2>/dev/null) KB"
  XSTATUS[$f]=$status
  case $code in
    0|3|5) ;;
    124) bad "$label: timed out after 120 s"; return ;;
    *) bad "$label: exit $code (expected 0, 3 or 5; >=128 is a crash, 70 an internal error)"; return ;;
  esac
  lines=$(grep -c '^receiptocr: error:' err.txt)
  [ "$lines" -le 1 ] || bad "$label: $lines error lines on stderr: $(cat err.txt)"
  if [ "$code" -eq 5 ]; then
    [ "$lines" -eq 1 ] || bad "$label: exit 5 without a 'receiptocr: error:' line: $(cat err.txt)"
    # The name as given (a newline in it continues the line: compare the first line's part).
    grep -qF "receiptocr: error: in/${f%%$'\n'*}" err.txt || bad "$label: the error line does not name the file: $(cat err.txt)"
    [ "$status" = FAILED ] && [ -n "$reason" ] || bad "$label: exit 5 but status '$status', reason '$reason'"
  fi
  if [ -n "${REASON[$f]+set}" ]; then
    if [ -z "${REASON[$f]}" ]; then
      [ "$status" = FAILED ] && [ -n "$reason" ] || bad "$label: expected FAILED with a reason, got '$status' '$reason'"
    else
      [ "$reason" = "${REASON[$f]}" ] || bad "$label: expected reason ${REASON[$f]}, got '$reason' ($(cat err.txt))"
    fi
  fi
  if [ -n "${QUICK[$f]+set}" ] && [ "$(echo "$secs > 10" | bc)" = 1 ]; then
    bad "$label: took ${secs}s; the limit must be checked before decoding"
  fi
  if [ -n "$TIME" ]; then
    rss=$(tail -1 rss.txt)
    [[ $rss =~ ^[0-9]+$ ]] && [ "$rss" -lt "$MAX_RSS_KB" ] || bad "$label: peak RSS '$rss' KB (limit $MAX_RSS_KB)"
  fi
}

start_all=$(date +%s)
for f in zero.jpg truncated-jpg.jpg truncated-png.png truncated-tif.tif truncated-pdf.pdf \
         flipped-jpg.jpg flipped-png.png flipped-tif.tif flipped-pdf.pdf pages-3000.pdf encrypted.pdf \
         huge-page.pdf bomb.png pages-300.tif x.jpg y.jpg unreadable.png "$ODD"; do
  run_extract "$f" "$(printf '%q' "$f")"
done

# The 300-page TIFF is within the default --max-pages (500); a lower limit refuses it, early.
"$RECEIPTOCR" extract --max-pages 100 in/pages-300.tif >out.json 2>err.txt
code=$?
no_crash "$code" "pages-300.tif --max-pages 100"
[ "$code" -eq 5 ] && [ "$(json_get out.json 'd["error"]["reason"]')" = too_many_pages ] ||
  bad "pages-300.tif --max-pages 100: exit $code, $(cat err.txt)"

# One batch over everything, two valid documents and a symlink loop included.
cp "$TESTDATA/receipt-us.png" "$TESTDATA/invoice.pdf" in/ || fail "cp fixtures"
mkdir in/sub && ln -s . in/sub/loop || fail "symlink loop"
start=$(date +%s)
if [ -n "$TIME" ]; then
  timeout 300 "$TIME" -o rss.txt -f %M "$RECEIPTOCR" batch in --out out -j 2 >batch.out 2>batch.err
else
  timeout 300 "$RECEIPTOCR" batch in --out out -j 2 >batch.out 2>batch.err
fi
code=$?
echo "batch: exit $code in $(($(date +%s) - start))s, peak $(tail -1 rss.txt 2>/dev/null) KB; $(grep 'receiptocr: batch:' batch.err)"
[ "$code" -ne 124 ] || fail "batch timed out after 300 s"
no_crash "$code" "batch"
[ "$code" -eq 4 ] || bad "batch: expected exit 4 (partial failure), got $code: $(cat batch.err)"
if [ -n "$TIME" ]; then
  rss=$(tail -1 rss.txt)
  [[ $rss =~ ^[0-9]+$ ]] && [ "$rss" -lt "$MAX_RSS_KB" ] || bad "batch: peak RSS '$rss' KB"
fi
DB=out/receiptocr.db
[ -f "$DB" ] || fail "batch: no $DB"
[ "$(sqlite3 "$DB" 'PRAGMA integrity_check')" = ok ] || bad "batch: integrity_check: $(sqlite3 "$DB" 'PRAGMA integrity_check')"

# row PATH: "STATUS|ERROR_REASON" of the document at PATH (relative to in/), matched byte for byte.
row() {
  local hex
  hex=$(printf '%s' "$1" | od -An -tx1 | tr -d ' \n' | tr a-f A-F)
  sqlite3 "$DB" "SELECT d.status || '|' || coalesce(d.error_reason, '') FROM paths p
                 JOIN documents d ON d.sha256 = p.sha256 WHERE hex(p.path) = '$hex'"
}
for f in receipt-us.png invoice.pdf; do
  r=$(row "$f")
  case $r in COMPLETED\|*|NEEDS_REVIEW\|*) echo "batch $f: $r" ;; *) bad "batch: valid $f is '$r'" ;; esac
done
for f in zero.jpg truncated-jpg.jpg truncated-png.png truncated-tif.tif truncated-pdf.pdf \
         flipped-jpg.jpg flipped-png.png flipped-tif.tif flipped-pdf.pdf pages-3000.pdf encrypted.pdf \
         huge-page.pdf bomb.png pages-300.tif unreadable.png "$ODD"; do
  label=$(printf '%q' "$f")
  r=$(row "$f")
  echo "batch $label: ${r:-no row}"
  if [ "$f" = zero.jpg ]; then
    # By design an empty file gets no row (a scanner may still be writing it): it is reported,
    # its output says FAILED, and the next run looks at it again.
    [ -z "$r" ] || bad "batch: the empty file got a row: $r"
    [ "$(json_get out/zero.jpg.json "d['status'] + ' ' + d['error']['reason']")" = "FAILED empty_file" ] ||
      bad "batch: out/zero.jpg.json is not FAILED empty_file"
    grep -q "zero.jpg: file is empty" batch.err || bad "batch: no error line for zero.jpg"
    continue
  fi
  if [ "${XSTATUS[$f]}" = FAILED ]; then
    case $r in FAILED\|?*) ;; *) bad "batch: $label should be FAILED with a reason, is '$r'" ;; esac
    [ -z "${REASON[$f]:-}" ] || [ "$r" = "FAILED|${REASON[$f]}" ] || bad "batch: $label: expected FAILED|${REASON[$f]}, got '$r'"
  else
    # extract decoded it (garbage pixels or blank pages): batch must agree, not fail or vanish.
    [ "${r%%|*}" = "${XSTATUS[$f]}" ] || bad "batch: $label is '$r', extract said ${XSTATUS[$f]}"
  fi
done
# The directory named x.jpg is a folder to batch (walked, empty); the FIFO is not a document.
# Like an unreadable file it has no content to hash, so no row: a FAILED output and an error line.
[ -z "$(row y.jpg)" ] || bad "batch: the FIFO got a row"
[ "$(json_get out/y.jpg.json "d['status'] + ' ' + d['error']['reason']")" = "FAILED not_a_file" ] ||
  bad "batch: out/y.jpg.json is not FAILED not_a_file"
grep -q "y.jpg: not a regular file" batch.err || bad "batch: no error line for the FIFO"
[ -z "$(row x.jpg)" ] || bad "batch: the directory x.jpg became a document"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM paths WHERE path LIKE '%loop%'")" = 0 ] ||
  bad "batch: the symlink loop was followed"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM documents WHERE status = 'PROCESSING'")" = 0 ] ||
  bad "batch: documents left PROCESSING"

echo "total: $(($(date +%s) - start_all))s"
[ "$failures" -eq 0 ] || fail "$failures hostile-input check(s) failed"
pass "hostile inputs: no crash, no hang, bounded memory, every failure recorded"
