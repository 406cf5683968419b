#pragma once
// File-system helpers with crash-safe semantics.
#include <string>
#include <string_view>

namespace receiptocr {

// Writes `content` to `path` atomically: a temporary file in the same directory, fsync,
// rename over the target, fsync of the directory. Readers see the old or the new file,
// never a partial one. Creates missing parent directories. Throws Fatal(output_error)
// with the path and reason (e.g. "No space left on device") on failure.
void write_file_atomically(const std::string& path, std::string_view content);

// Creates a directory and its parents (like mkdir -p). Throws Fatal(output_error).
void make_directories(const std::string& path);

}  // namespace receiptocr
