// A stand-in for libFuzzer's main, for builds without -fsanitize=fuzzer (gcc, CI): runs
// LLVMFuzzerTestOneInput once on each file given, and on every file inside each folder given,
// so the seed corpora and regression inputs are replayed by ctest. Exits 1 when an argument
// cannot be read; a crash or broken invariant aborts as it would under libFuzzer.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace {

bool replay(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "replay: cannot read %s\n", path.c_str());
    return false;
  }
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Copy into an exactly-sized buffer so an over-read is caught by ASan, as under libFuzzer.
  std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
  LLVMFuzzerTestOneInput(data.data(), data.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
  int inputs = 0;
  bool ok = true;
  for (int i = 1; i < argc; ++i) {
    std::filesystem::path arg = argv[i];
    std::error_code error;
    if (std::filesystem::is_directory(arg, error)) {
      std::vector<std::filesystem::path> files;
      for (const auto& entry : std::filesystem::recursive_directory_iterator(arg))
        if (entry.is_regular_file()) files.push_back(entry.path());
      // Sorted, so a failure names the same input on every run.
      std::sort(files.begin(), files.end());
      for (const auto& file : files) ok = replay(file) && ok, ++inputs;
    } else if (std::filesystem::exists(arg, error)) {
      ok = replay(arg) && ok;
      ++inputs;
    } else {
      std::fprintf(stderr, "replay: no such file or folder: %s\n", argv[i]);
      ok = false;
    }
  }
  std::printf("replay: %d input(s) run\n", inputs);
  return ok ? 0 : 1;
}
