#pragma once
// SHA-256 of a byte string, as 64 lowercase hex digits (content identity of documents).
#include <string>
#include <string_view>

namespace receiptocr {

std::string sha256_hex(std::string_view data);

}  // namespace receiptocr
