#include "cmd_extract.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>

#include "receiptocr/fsutil.hpp"
#include "receiptocr/log.hpp"

namespace receiptocr::cli {

void setup_extract(CLI::App& app, ExtractFlags& f) {
  app.add_option("files", f.files, "Images or PDFs ('-' reads standard input)")->required();
  app.add_option("-o,--output", f.output, "Write to FILE (atomically) instead of standard output");
  app.add_option("-f,--format", f.format, "json (one object, or an array for several files), jsonl, or csv")
      ->check(CLI::IsMember({"json", "jsonl", "csv"}))->capture_default_str();
  app.add_flag("--flat", f.flat, "Print only {file, merchant, date, subtotal, tax, total} per document");
  app.add_option("--save-text", f.save_text, "Keep the raw text of each document in DIR (NAME.txt and NAME.tsv)");
  add_processing_options(app, f.processing);
}

void save_text_files(const std::string& dir, const DocumentResult& result, const std::string& name) {
  std::string base = !name.empty() ? name
                     : result.file == "-" ? "stdin"
                                          : std::filesystem::path(result.file).filename().string();
  std::string tsv = "page\tline\tword\tleft\ttop\tright\tbottom\tconfidence\ttext\n";
  int line_no = 0;
  int page = 0;
  for (const Line& l : result.text.lines) {
    if (l.page != page) page = l.page, line_no = 0;
    ++line_no;
    int word_no = 0;
    for (const Word& w : l.words)
      tsv += fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{:.3f}\t{}\n", l.page, line_no, ++word_no, w.box.left, w.box.top,
                         w.box.right, w.box.bottom, w.confidence, w.text);
  }
  write_file_atomically(dir + "/" + base + ".txt", result.text.plain_text());
  write_file_atomically(dir + "/" + base + ".tsv", tsv);
}

namespace {
const char* const flat_keys[] = {"file", "merchant", "date", "subtotal", "tax", "total"};

std::string flat_csv_header() {
  std::string out;
  for (const char* k : flat_keys) out += (out.empty() ? "" : ",") + std::string(k);
  return out + "\r\n";
}

std::string flat_csv_row(const ordered_json& o) {
  std::string out;
  bool first = true;
  for (const char* k : flat_keys) {
    if (!first) out += ",";
    first = false;
    if (o.contains(k) && o[k].is_string()) out += csv_escape(o[k].get<std::string>());
  }
  return out + "\r\n";
}
}  // namespace

ExitCode run_extract(const ExtractFlags& f) {
  ProcessOptions options = to_process_options(f.processing);
  OutputSettings settings = to_output_settings(f.processing);
  int stdin_uses = static_cast<int>(std::count(f.files.begin(), f.files.end(), "-"));
  if (stdin_uses > 1) throw Fatal(ExitCode::usage, "'-' (standard input) can be given only once");
  auto pool = make_pool(options, worker_count(f.processing.jobs));

  std::string out;
  int completed = 0, review = 0, failed = 0;
  std::vector<ordered_json> objects;
  std::set<std::string> saved_names;
  for (const std::string& file : f.files) {
    if (interrupted()) throw Fatal(ExitCode::interrupted, "interrupted");
    DocumentResult result = process_document(file, options, *pool);
    if (result.status == "FAILED") {
      ++failed;
      log::error(fmt::format("{}: {}", file, result.error));
    } else {
      if (result.status == "COMPLETED") ++completed;
      else ++review;
      log::verbose(fmt::format("{}: {} (confidence {:.2f})", file, result.status, result.assessment.confidence));
      if (!f.save_text.empty()) {
        std::string name = file == "-" ? "stdin" : std::filesystem::path(file).filename().string();
        // A second input with the same file name gets its content hash added.
        if (!saved_names.insert(name).second) name += "." + result.sha256.substr(0, 12);
        save_text_files(f.save_text, result, name);
      }
    }
    objects.push_back(f.flat ? result_to_flat_json(result) : result_to_json(result, settings));
  }
  if (f.format == "csv") {
    out = f.flat ? flat_csv_header() : csv_header();
    for (const auto& o : objects) out += f.flat ? flat_csv_row(o) : csv_row(o);
  } else if (f.format == "jsonl") {
    for (const auto& o : objects) out += dump_json(o, -1) + "\n";
  } else {
    out = dump_json(objects.size() == 1 ? objects.front() : ordered_json(objects), 2) + "\n";
  }
  if (f.output.empty() || f.output == "-") {
    if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::fflush(stdout) != 0)
      throw Fatal(ExitCode::output_error, fmt::format("cannot write to standard output: {}", std::strerror(errno)));
  } else {
    write_file_atomically(f.output, out);
  }
  return exit_code_for(completed, review, failed);
}

}  // namespace receiptocr::cli
