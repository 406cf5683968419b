#pragma once
// Reading input files and recognising their format from content (never the extension).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace receiptocr {

enum class InputFormat { unknown, pdf, jpeg, png, tiff, webp, bmp, pnm, gif, jp2 };

// Short lowercase name ("pdf", "jpeg", ...; "unknown").
std::string_view to_string(InputFormat format);

// Recognises the format from the first bytes (magic numbers).
InputFormat detect_format(std::string_view bytes);

// Reads a whole file (or standard input for "-"), refusing anything larger than max_bytes.
// Throws DocumentError with reason not_found, not_a_file, permission_denied, unreadable,
// too_large or empty_file.
std::string read_input(const std::string& path, std::uint64_t max_bytes);

}  // namespace receiptocr
