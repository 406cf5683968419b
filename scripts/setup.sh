#!/usr/bin/env bash
# Installs the Debian packages receiptocr needs (only those missing), then configures and
# builds into build/ (incrementally: a second run only rebuilds what changed).
# As root, missing packages are installed with apt-get; otherwise the command is printed and
# the script exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  # build
  cmake g++ make pkg-config
  # libraries
  libtesseract-dev libleptonica-dev libpoppler-cpp-dev libcli11-dev libfmt-dev
  nlohmann-json3-dev doctest-dev libsqlite3-dev
  # OCR language data: English, and orientation/script detection for rotated photos
  tesseract-ocr-eng tesseract-ocr-osd
  # tools the tests and scripts use (pdftotext, sqlite3 shell, python3 for JSON checks,
  # tmux for the interactive review test, hledger/beancount to check journal exports)
  poppler-utils sqlite3 python3 tmux hledger beancount
)

. scripts/ensure-packages.sh
ensure_packages setup "${packages[@]}"

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j "$(nproc)"
