#include "cmd_batch.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "cmd_extract.hpp"
#include "receiptocr/fsutil.hpp"
#include "receiptocr/input.hpp"
#include "receiptocr/log.hpp"
#include "receiptocr/sha256.hpp"
#include "receiptocr/review.hpp"
#include "receiptocr/state.hpp"

namespace receiptocr::cli {

namespace fs = std::filesystem;

void setup_batch(CLI::App& app, BatchFlags& f) {
  app.add_option("inputs", f.inputs, "Folders (walked recursively) and files to process");
  app.add_option("-o,--out", f.out, "Output folder: <relative path>.json per document, and the state database")
      ->required();
  app.add_option("--db", f.db, "State database (default: OUT/receiptocr.db)");
  app.add_option("--glob", f.globs,
                 "Only files matching PATTERN (repeatable; matched against the name, or the relative path when it "
                 "contains '/')")
      ->allow_extra_args(false);
  app.add_option("--exclude", f.excludes, "Skip files and folders matching PATTERN (repeatable; as --glob)")
      ->allow_extra_args(false);
  app.add_flag("--follow-symlinks", f.follow_symlinks,
               "Follow symbolic links to folders, and links leading out of the input folder");
  app.add_flag("--force", f.force, "Process documents again even when already done (APPROVED/REJECTED are kept)");
  app.add_flag("--retry-failed", f.retry_failed, "Process FAILED documents again");
  app.add_flag("--csv", f.csv, "Also write OUT/results.csv with one row per document in the state database");
  app.add_flag("--save-text", f.save_text, "Also write the OCR text and words next to each result (.txt, .tsv)");
  app.add_option("--shard", f.shard, "Process only part K of N (e.g. 2/8), chosen by content hash");
  app.add_option("--merge", f.merge, "Import the results of other output folders (e.g. shards) into OUT first (repeatable)")
      ->allow_extra_args(false);
  app.add_flag("--no-duplicate-check", f.no_duplicate_check,
               "Do not route documents that repeat an earlier purchase (same total, date, merchant) to review "
               "(with --shard the check runs at --merge)");
  add_processing_options(app, f.processing);
}

namespace {

// Who the audit trail names for changes made by batch.
const std::string actor = "batch";

// Interrupted runs after which a document is a poison pill: FAILED with reason "crashed".
constexpr int max_interrupted_runs = 2;

const std::set<std::string> document_extensions = {"jpg", "jpeg", "jpe", "png", "tif", "tiff", "webp", "bmp", "pnm",
                                                   "pbm", "pgm",  "ppm", "gif", "jp2", "j2k",  "jpx",  "pdf"};

struct Candidate {
  std::string source;  // path to read
  std::string rel;     // relative path, '/'-separated; the output is <out>/<rel>.json
};

struct FileId {
  dev_t device;
  ino_t inode;
  bool operator<(const FileId& o) const { return device != o.device ? device < o.device : inode < o.inode; }
};

// Finds the documents under the inputs. Walking never leaves an input folder through a
// symlink unless --follow-symlinks, never enters the output folder, and never loops.
class Walker {
public:
  Walker(const BatchFlags& flags, std::optional<FileId> out_dir) : flags_(flags), out_dir_(out_dir) {}

  void add_input(const std::string& input) {
    struct stat st {};
    if (::stat(input.c_str(), &st) != 0) {
      log::error(fmt::format("{}: {}", input, std::strerror(errno)));
      ++errors;
      return;
    }
    // Sources are stored absolute so the stat cache works from any working directory.
    std::string absolute = fs::absolute(input).lexically_normal().string();
    while (absolute.size() > 1 && absolute.back() == '/') absolute.pop_back();
    if (S_ISDIR(st.st_mode)) {
      std::error_code ec;
      fs::path root = fs::canonical(input, ec);
      if (ec) {
        log::error(fmt::format("{}: {}", input, ec.message()));
        ++errors;
        return;
      }
      root_ = root.string();
      visited_.clear();
      walk_directory(absolute, "", st);
    } else if (S_ISREG(st.st_mode)) {
      // A file named on the command line is always meant as a document.
      files.push_back({absolute, fs::path(absolute).filename().string()});
    } else {
      log::error(fmt::format("{}: not a file or folder", input));
      ++errors;
    }
  }

  std::vector<Candidate> files;
  int ignored = 0;
  int errors = 0;

private:
  static bool matches(const std::string& pattern, const std::string& name, const std::string& rel) {
    const std::string& subject = pattern.find('/') != std::string::npos ? rel : name;
    return fnmatch(pattern.c_str(), subject.c_str(), 0) == 0;
  }

  bool excluded(const std::string& name, const std::string& rel) const {
    for (const auto& p : flags_.excludes)
      if (matches(p, name, rel)) return true;
    return false;
  }

  bool inside_root(const fs::path& target) const {
    std::string t = target.string();
    return t == root_ || (t.size() > root_.size() && t.compare(0, root_.size(), root_) == 0 && t[root_.size()] == '/');
  }

  // A file is a document when its extension says so (a corrupt one then FAILS with a reason),
  // or, whatever its name, when its first bytes are an image or PDF signature.
  static bool has_document_extension(const std::string& name) {
    std::string extension = fs::path(name).extension().string();
    if (!extension.empty()) extension = to_lower(extension.substr(1));
    return document_extensions.count(extension) > 0;
  }

  bool looks_like_document(const std::string& path, const std::string& name) {
    if (has_document_extension(name)) return true;
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    char buffer[64];
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    ::close(fd);
    return n > 0 && detect_format(std::string_view(buffer, static_cast<size_t>(n))) != InputFormat::unknown;
  }

  static std::string to_lower(std::string s) {
    for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return s;
  }

  void walk_directory(const std::string& dir, const std::string& prefix, const struct stat& dir_stat) {
    if (!visited_.insert({dir_stat.st_dev, dir_stat.st_ino}).second) return;  // a symlink loop
    std::vector<std::string> names;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
      names.push_back(it->path().filename().string());
    if (ec) {
      log::error(fmt::format("{}: cannot read folder: {}", dir, ec.message()));
      ++errors;
      return;
    }
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      std::string path = dir + "/" + name;
      std::string rel = prefix + name;
      if (excluded(name, rel)) continue;
      struct stat lst {};
      if (::lstat(path.c_str(), &lst) != 0) continue;
      struct stat st = lst;
      if (S_ISLNK(lst.st_mode)) {
        std::error_code link_ec;
        fs::path target = fs::canonical(path, link_ec);
        if (link_ec || ::stat(path.c_str(), &st) != 0) {
          log::verbose(fmt::format("{}: broken symbolic link; ignored", path));
          continue;
        }
        if (!flags_.follow_symlinks && (S_ISDIR(st.st_mode) || !inside_root(target))) {
          log::verbose(fmt::format("{}: symbolic link {}; not followed (--follow-symlinks)", path,
                                   S_ISDIR(st.st_mode) ? "to a folder" : "out of the input folder"));
          continue;
        }
      }
      if (S_ISDIR(st.st_mode)) {
        if (out_dir_ && out_dir_->device == st.st_dev && out_dir_->inode == st.st_ino) continue;
        walk_directory(path, rel + "/", st);
      } else if (S_ISREG(st.st_mode)) {
        if (!flags_.globs.empty() &&
            std::none_of(flags_.globs.begin(), flags_.globs.end(), [&](const auto& p) { return matches(p, name, rel); }))
          continue;
        if (looks_like_document(path, name)) files.push_back({path, rel});
        else ++ignored;
      } else if (has_document_extension(name)) {
        // A FIFO, socket or device named like a document: reported as FAILED (not_a_file)
        // rather than skipped in silence. Never opened, so it cannot block the walk.
        files.push_back({path, rel});
      }
    }
  }

  const BatchFlags& flags_;
  std::optional<FileId> out_dir_;
  std::string root_;
  std::set<FileId> visited_;
};

// True for a relative path that stays inside the folder it is joined to.
bool is_safe_relative(const std::string& rel) {
  if (rel.empty() || rel.front() == '/') return false;
  for (const auto& part : fs::path(rel))
    if (part == ".." || part == ".") return false;
  return true;
}

std::string output_path(const std::string& out, const std::string& rel, const std::string& suffix) {
  // The walker only produces names read from folders, so this cannot fail; the check makes
  // "outputs never escape --out" independent of that reasoning.
  if (!is_safe_relative(rel)) throw Fatal(ExitCode::internal, fmt::format("unsafe output path '{}'", rel));
  return out + "/" + rel + suffix;
}

// The JSON written for `rel`: the stored result, or for a copy of a document processed under
// another name, the same result naming this file plus "duplicate_of".
std::string output_text(const std::string& result_json, const std::string& canonical, const std::string& rel) {
  ordered_json j = ordered_json::parse(result_json);
  if (rel != canonical) {
    j["file"] = rel;
    j["duplicate_of"] = canonical;
  }
  return dump_json(j, 2) + "\n";
}

std::int64_t mtime_ns(const struct stat& st) {
  return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
}

std::string format_duration(double seconds) {
  auto s = static_cast<long>(seconds + 0.5);
  if (s >= 3600) return fmt::format("{}h{:02}m", s / 3600, (s / 60) % 60);
  if (s >= 60) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}s", s);
}

// A one-line progress bar on stderr, drawn only when stderr is a terminal.
class Progress {
public:
  Progress(size_t total, bool enabled) : total_(total), enabled_(enabled), start_(std::chrono::steady_clock::now()) {}
  void advance() {
    ++done_;
    draw();
  }
  void draw() {
    if (!enabled_) return;
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    double rate = elapsed > 0 ? done_ / elapsed : 0;
    int width = 30;
    int filled = total_ ? static_cast<int>(width * done_ / total_) : width;
    std::string eta = rate > 0 ? format_duration((total_ - done_) / rate) : "?";
    fmt::print(log::stream(), "\r\033[K[{}{}] {}/{}  {:.1f} docs/min  ETA {}", std::string(filled, '#'),
               std::string(width - filled, ' '), done_, total_, rate * 60, eta);
    std::fflush(log::stream());
  }
  void clear() {
    if (enabled_) fmt::print(log::stream(), "\r\033[K");
  }

private:
  size_t total_;
  size_t done_ = 0;
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
};

// One document to process in this run.
struct WorkItem {
  std::string sha256;
  std::string source;
  std::string rel;                  // the path this run processes it under
  std::string canonical;            // the path the result is stored under (first seen)
  std::vector<std::string> copies;  // other paths with the same content in this run
  int interrupted_runs = 0;
};

struct Tally {
  int processed = 0;
  int skipped = 0;
  int completed = 0;
  int needs_review = 0;
  int failed = 0;
  int unreadable = 0;
  int not_in_shard = 0;
  int changed = 0;
};

class BatchRun {
public:
  BatchRun(const BatchFlags& flags, StateStore& store, std::int64_t run_id, std::string out)
      : flags_(flags),
        store_(store),
        run_id_(run_id),
        out_(std::move(out)),
        options_(to_process_options(flags.processing)),
        settings_(to_output_settings(flags.processing)) {}

  // Merges other output folders' state and results into this one.
  int merge(const std::vector<std::string>& dirs) {
    int total = 0;
    for (const std::string& dir : dirs) {
      std::string path = dir + "/receiptocr.db";
      std::error_code ec;
      if (fs::equivalent(path, store_.path(), ec))
        throw Fatal(ExitCode::usage, fmt::format("--merge {}: that is this output folder", dir));
      auto other = StateStore::open(path, StateStore::Mode::read_only);
      std::vector<std::string> taken = store_.import_from(*other, actor, run_id_);
      for (const std::string& sha : taken) {
        auto record = store_.find(sha);
        if (!record || record->result_json.empty()) continue;
        std::set<std::string> rels = {record->path};
        for (const PathRecord& p : store_.paths_of(sha)) rels.insert(p.path);
        for (const std::string& rel : rels) {
          write_file_atomically(output_path(out_, rel, ".json"), output_text(record->result_json, record->path, rel));
          for (const char* suffix : {".txt", ".tsv"}) {
            std::string from = output_path(dir, rel, suffix);
            if (fs::exists(from)) fs::copy_file(from, output_path(out_, rel, suffix), fs::copy_options::overwrite_existing, ec);
          }
        }
      }
      log::info(fmt::format("merged {} document(s) from {}", taken.size(), dir));
      log::event(dump_json({{"event", "merged"}, {"from", dir}, {"documents", taken.size()}}, -1));
      total += static_cast<int>(taken.size());
    }
    return total;
  }

  // Turns the documents of an earlier run that died into work (or, for a poison pill, a failure).
  void recover() {
    for (const DocumentRecord& r : store_.recover_interrupted(actor, run_id_)) {
      if (r.interrupted_runs >= max_interrupted_runs) {
        DocumentResult failed;
        failed.file = r.path;
        failed.sha256 = r.sha256;
        failed.status = "FAILED";
        failed.error_reason = "crashed";
        failed.error = fmt::format("the process stopped while reading this document {} times in a row", r.interrupted_runs);
        std::string json = dump_json(result_to_json(failed, settings_), -1);
        write_file_atomically(output_path(out_, r.path, ".json"), output_text(json, r.path, r.path));
        store_.store_result(r.sha256, json, r.format, 0, "", actor, run_id_);
        ++tally_.failed;
        log::error(fmt::format("{}: {}; FAILED (--retry-failed tries again)", r.path, failed.error));
      } else {
        recovered_.insert(r.sha256);
        if (r.interrupted_runs > 0)
          log::warning(fmt::format("{}: an earlier run stopped while processing it; processing it again", r.path));
        else
          log::verbose(fmt::format("{}: left unfinished by a run stopped by an error; processing it again", r.path));
      }
    }
  }

  // Walks the inputs, hashes what is new, and decides what this run does.
  void plan(const std::vector<std::string>& inputs, std::optional<Shard> shard, int workers) {
    std::optional<FileId> out_id;
    struct stat out_stat {};
    if (::stat(out_.c_str(), &out_stat) == 0) out_id = FileId{out_stat.st_dev, out_stat.st_ino};
    Walker walker(flags_, out_id);
    for (const std::string& input : inputs) walker.add_input(input);
    ignored_ = walker.ignored;
    walk_errors_ = walker.errors;

    // Two inputs can map files to the same relative path; the first one keeps it.
    std::map<std::string, std::string> owner;
    std::vector<Candidate> candidates;
    for (Candidate& c : walker.files) {
      auto [it, fresh] = owner.emplace(c.rel, c.source);
      if (!fresh) {
        log::error(fmt::format("{}: same output path as {} ({}.json); skipped", c.source, it->second, c.rel));
        ++walk_errors_;
        continue;
      }
      candidates.push_back(std::move(c));
    }
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) { return a.rel < b.rel; });
    total_documents_ = candidates.size();

    // The stat cache spares reading unchanged files; the others are hashed in parallel.
    struct Planned {
      struct stat st {};
      std::string sha256;
      std::string error, error_reason;
      bool cached = false;
    };
    std::vector<Planned> planned(candidates.size());
    std::vector<size_t> to_hash;
    for (size_t i = 0; i < candidates.size(); ++i) {
      Planned& p = planned[i];
      if (::stat(candidates[i].source.c_str(), &p.st) != 0) {
        p.error = std::strerror(errno);
        p.error_reason = "not_found";
        continue;
      }
      auto known = store_.find_path(candidates[i].rel);
      if (known && known->source == candidates[i].source && known->size == p.st.st_size &&
          known->mtime_ns == mtime_ns(p.st) && known->inode == static_cast<std::int64_t>(p.st.st_ino)) {
        p.sha256 = known->sha256;
        p.cached = true;
      } else {
        to_hash.push_back(i);
      }
    }
    std::atomic<size_t> next{0};
    auto hash_some = [&] {
      for (size_t k; !interrupted() && (k = next.fetch_add(1)) < to_hash.size();) {
        Planned& p = planned[to_hash[k]];
        try {
          p.sha256 = sha256_hex(read_input(candidates[to_hash[k]].source, options_.max_file_bytes));
        } catch (const DocumentError& e) {
          p.error = e.what();
          p.error_reason = e.reason();
        }
      }
    };
    std::vector<std::thread> hashers;
    for (int t = 1; t < std::min<int>(workers, static_cast<int>(to_hash.size())); ++t) hashers.emplace_back(hash_some);
    hash_some();
    for (auto& t : hashers) t.join();
    if (interrupted()) return;

    std::map<std::string, size_t> first_in_run;  // sha256 -> index into work_
    StateStore::Transaction tx(store_);
    for (size_t i = 0; i < candidates.size(); ++i) {
      const Candidate& c = candidates[i];
      const Planned& p = planned[i];
      if (!p.error.empty()) {
        fail_unreadable(c, p.error, p.error_reason);
        continue;
      }
      if (shard && !in_shard(p.sha256, *shard)) {
        ++tally_.not_in_shard;
        continue;
      }
      if (!p.cached)
        store_.record_path({c.rel, p.sha256, c.source, static_cast<std::int64_t>(p.st.st_size), mtime_ns(p.st),
                            static_cast<std::int64_t>(p.st.st_ino), ""});
      if (auto it = first_in_run.find(p.sha256); it != first_in_run.end()) {
        work_[it->second].copies.push_back(c.rel);
        skip(c.rel, p.sha256, "duplicate");
        continue;
      }
      auto record = store_.find(p.sha256);
      if (record && !should_redo(*record)) {
        skip(c.rel, p.sha256, "already_done");
        // Heal a deleted output from the stored result.
        if (!record->result_json.empty() && !fs::exists(output_path(out_, c.rel, ".json")))
          write_file_atomically(output_path(out_, c.rel, ".json"), output_text(record->result_json, record->path, c.rel));
        continue;
      }
      first_in_run[p.sha256] = work_.size();
      work_.push_back({p.sha256, c.source, c.rel, record ? record->path : c.rel, {},
                       record ? record->interrupted_runs : 0});
      recovered_.erase(p.sha256);
    }
    // Documents an earlier run left PROCESSING that this run does not see (moved away, or
    // another shard's inputs): give the claim back rather than let it look like a crash.
    for (const std::string& sha : recovered_) store_.release_claim(sha, actor, run_id_);
    tx.commit();
  }

  size_t work_count() const { return work_.size(); }
  size_t total_documents() const { return total_documents_; }
  const Tally& tally() const { return tally_; }
  int ignored() const { return ignored_; }
  int walk_errors() const { return walk_errors_; }

  // Processes the planned work: suspects of earlier crashes alone first (so a poison pill
  // takes nothing else down with it), then the rest in parallel, then the out-of-memory
  // failures once more, alone and at half the resolution.
  void process(int workers, bool show_progress) {
    if (work_.empty()) return;
    auto pool = make_pool(options_, workers);
    engine_ = pool->engine_version();
    progress_.emplace(work_.size(), show_progress);
    progress_->draw();
    log::event(dump_json({{"event", "batch_start"}, {"documents", work_.size()}, {"workers", workers}}, -1));
    std::vector<WorkItem*> suspects, rest;
    for (WorkItem& w : work_) (w.interrupted_runs > 0 ? suspects : rest).push_back(&w);
    run_items(suspects, options_, *pool, 1, true);
    run_items(rest, options_, *pool, workers + 1, true);
    std::vector<WorkItem*> retry = std::move(out_of_memory_);
    ProcessOptions smaller = options_;
    smaller.dpi = std::max(72, options_.dpi / 2);
    run_items(retry, smaller, *pool, 1, false);
    progress_->clear();
    // The run stops on first_error_ (a full disk, say): the caller marks it failed, then
    // gives the claims back (release_unfinished).
    if (first_error_) std::rethrow_exception(first_error_);
    release_unfinished();
  }

  // Gives back the claims whose work never started (interrupted) or could not finish.
  void release_unfinished() {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = unfinished_.begin(); it != unfinished_.end(); it = unfinished_.erase(it))
      store_.release_claim(*it, actor, run_id_);
  }

private:
  bool should_redo(const DocumentRecord& r) const {
    switch (r.status) {
      case DocumentStatus::processing: return true;
      case DocumentStatus::failed: return flags_.force || flags_.retry_failed;
      case DocumentStatus::completed:
      case DocumentStatus::needs_review: return flags_.force;
      case DocumentStatus::approved:
      case DocumentStatus::rejected: return false;  // a person decided; --force does not undo that
    }
    return false;
  }

  void skip(const std::string& rel, const std::string& sha, const char* reason) {
    ++tally_.skipped;
    if (log::level() >= log::Level::verbose) {
      log::verbose(fmt::format("{}: skipped ({})", rel, reason));
      log::event(dump_json({{"event", "skipped"}, {"file", rel}, {"sha256", sha}, {"reason", reason}}, -1));
    }
  }

  // A file that cannot be read has no content hash, so it gets no row: it is reported, its
  // output says FAILED, and the next run tries again (permissions may be fixed by then).
  void fail_unreadable(const Candidate& c, const std::string& message, const std::string& reason) {
    DocumentResult r;
    r.file = c.rel;
    r.status = "FAILED";
    r.error = message;
    r.error_reason = reason;
    write_file_atomically(output_path(out_, c.rel, ".json"), dump_json(result_to_json(r, settings_), 2) + "\n");
    ++tally_.unreadable;
    ++tally_.failed;
    log::error(fmt::format("{}: {}", c.source, message));
    log::event(dump_json({{"event", "document"}, {"file", c.rel}, {"status", "FAILED"}, {"error_reason", reason}}, -1));
  }

  void run_items(std::vector<WorkItem*>& items, const ProcessOptions& options, OcrPool& pool, int concurrency,
                 bool first_attempt) {
    std::atomic<size_t> next{0};
    auto worker = [&] {
      for (;;) {
        if (interrupted() || stop_.load()) return;
        size_t i = next.fetch_add(1);
        if (i >= items.size()) return;
        WorkItem& item = *items[i];
        try {
          if (first_attempt) {
            std::lock_guard<std::mutex> lock(mutex_);
            store_.claim(item.sha256, item.canonical, item.source, actor, run_id_);
            unfinished_.insert(item.sha256);
          }
          auto start = std::chrono::steady_clock::now();
          DocumentResult result = process_document(item.source, options, pool);
          double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
          if (first_attempt && result.error_reason == "out_of_memory") {
            std::lock_guard<std::mutex> lock(mutex_);
            out_of_memory_.push_back(&item);
            continue;
          }
          finish(item, std::move(result), seconds);
        } catch (...) {
          std::lock_guard<std::mutex> lock(mutex_);
          if (!first_error_) first_error_ = std::current_exception();
          stop_.store(true);
          return;
        }
      }
    };
    int threads = std::max(1, std::min<int>(concurrency, static_cast<int>(items.size())));
    std::vector<std::thread> pool_threads;
    for (int t = 1; t < threads; ++t) pool_threads.emplace_back(worker);
    worker();
    for (auto& t : pool_threads) t.join();
  }

  // Writes the outputs, then commits the result: a crash in between leaves the row
  // PROCESSING, so the next run redoes it and rewrites the same files.
  void finish(const WorkItem& item, DocumentResult&& result, double seconds) {
    if (!result.sha256.empty() && result.sha256 != item.sha256) {
      std::lock_guard<std::mutex> lock(mutex_);
      progress_->clear();
      log::warning(fmt::format("{}: changed while being processed; left for the next run", item.source));
      store_.release_claim(item.sha256, actor, run_id_);
      unfinished_.erase(item.sha256);
      ++tally_.changed;
      progress_->advance();
      return;
    }
    result.file = item.canonical;
    std::string json = dump_json(result_to_json(result, settings_), -1);
    write_file_atomically(output_path(out_, item.rel, ".json"), output_text(json, item.canonical, item.rel));
    for (const std::string& copy : item.copies)
      write_file_atomically(output_path(out_, copy, ".json"), output_text(json, item.canonical, copy));
    if (flags_.save_text && result.status != "FAILED") {
      fs::path target = output_path(out_, item.rel, "");
      result.file = target.filename().string();
      save_text_files(target.parent_path().string(), result);
    }

    std::lock_guard<std::mutex> lock(mutex_);
    store_.store_result(item.sha256, json, result.format, seconds, result.engine, actor, run_id_);
    unfinished_.erase(item.sha256);
    ++tally_.processed;
    progress_->clear();
    if (result.status == "FAILED") {
      ++tally_.failed;
      log::error(fmt::format("{}: {}", item.source, result.error));
    } else {
      (result.status == "COMPLETED" ? tally_.completed : tally_.needs_review)++;
      log::verbose(fmt::format("{}: {} (confidence {:.2f}, {:.2f}s)", item.rel, result.status,
                               result.assessment.confidence, seconds));
    }
    ordered_json event = {{"event", "document"}, {"file", item.rel},         {"sha256", item.sha256},
                          {"status", result.status}, {"seconds", std::round(seconds * 1000) / 1000}};
    if (result.status == "FAILED") event["error_reason"] = result.error_reason;
    else event["confidence"] = result.assessment.confidence;
    log::event(dump_json(event, -1));
    progress_->advance();
  }

  const BatchFlags& flags_;
  StateStore& store_;
  std::int64_t run_id_;
  std::string out_;
  ProcessOptions options_;
  OutputSettings settings_;
  std::string engine_;
  std::vector<WorkItem> work_;
  std::set<std::string> recovered_;
  size_t total_documents_ = 0;
  int ignored_ = 0;
  int walk_errors_ = 0;
  Tally tally_;
  std::optional<Progress> progress_;
  std::mutex mutex_;
  std::set<std::string> unfinished_;
  std::vector<WorkItem*> out_of_memory_;
  std::exception_ptr first_error_;
  std::atomic<bool> stop_{false};
};

// Takes the lock of the output folder (and of the database when it lives elsewhere).
std::vector<std::unique_ptr<FolderLock>> lock_folder(const std::string& out, const std::string& db) {
  std::vector<std::unique_ptr<FolderLock>> locks;
  std::vector<std::string> files = {out + "/receiptocr.lock"};
  if (fs::path(db).parent_path() != fs::path(out) || fs::path(db).filename() != "receiptocr.db")
    files.push_back(db + ".lock");
  for (const std::string& file : files) {
    std::string holder;
    auto lock = FolderLock::try_acquire(file, holder);
    if (!lock)
      throw Fatal(ExitCode::state_error,
                  fmt::format("{}: another receiptocr batch ({}) is using this output folder; wait for it to finish, "
                              "or use another --out",
                              out, holder));
    locks.push_back(std::move(lock));
  }
  return locks;
}

// The run id in a lock-file note "failed run N" (FolderLock::write_note), if any.
std::optional<std::int64_t> failed_run_in_note(const std::string& note) {
  const std::string marker = "failed run ";
  auto at = note.find(marker);
  if (at == std::string::npos) return std::nullopt;
  std::int64_t id = 0;
  const char* begin = note.data() + at + marker.size();
  auto [end, ec] = std::from_chars(begin, note.data() + note.size(), id);
  if (ec != std::errc() || end == begin || id <= 0) return std::nullopt;
  return id;
}

void write_csv(StateStore& store, const std::string& out) {
  std::string csv = csv_header();
  for (const DocumentRecord& r : store.list()) {
    if (r.result_json.empty()) continue;
    csv += csv_row(ordered_json::parse(r.result_json));
  }
  write_file_atomically(out + "/results.csv", csv);
}

// After a run: documents it processed that repeat an earlier purchase (same total, date
// within days, similar merchant: results_look_duplicate) go to review with reason
// possible_duplicate:<other path>. Candidates are grouped by total, so each result is parsed
// once and compared only with the few of equal amount. Returns how many COMPLETED ones moved.
//
// "Earlier" means: from a previous run, else (same run, or everything after a --merge) the
// smaller path, so the outcome does not depend on which worker finished first and a merged
// set of shards flags the same documents as one run over the whole folder. `current_runs`
// holds run_id and the runs that died before their own check; their results count as this
// run's. The count returned is of run_id's documents only (or all, with whole_store).
int flag_duplicates_of_run(StateStore& store, const std::string& out, std::int64_t run_id,
                           const std::set<std::int64_t>& current_runs, bool whole_store) {
  struct Entry {
    DocumentRecord record;
    ordered_json result;
  };
  std::map<std::string, std::vector<Entry>> by_total;
  for (auto status : {DocumentStatus::completed, DocumentStatus::needs_review, DocumentStatus::approved}) {
    for (DocumentRecord& r : store.list(status)) {
      if (r.result_json.empty()) continue;
      ordered_json j = ordered_json::parse(r.result_json, nullptr, false);
      if (j.is_discarded() || !j.contains("fields") || !j["fields"].contains("total") || j["fields"]["total"].is_null())
        continue;
      std::string total = j["fields"]["total"].value("value", "");
      if (total.empty()) continue;
      by_total[total].push_back({std::move(r), std::move(j)});
    }
  }
  int moved = 0;
  for (auto& [total, entries] : by_total) {
    if (entries.size() < 2) continue;
    auto current = [&](const Entry& e) { return whole_store || current_runs.count(e.record.run_id) > 0; };
    std::sort(entries.begin(), entries.end(), [&](const Entry& a, const Entry& b) {
      bool ca = current(a), cb = current(b);
      if (ca != cb) return !ca;
      if (!ca && a.record.created_at != b.record.created_at) return a.record.created_at < b.record.created_at;
      return a.record.path < b.record.path;
    });
    for (size_t i = 1; i < entries.size(); ++i) {
      const Entry& e = entries[i];
      if (!current(e) || e.record.status == DocumentStatus::approved) continue;
      for (size_t k = 0; k < i; ++k) {
        if (!results_look_duplicate(e.result, entries[k].result)) continue;
        if (flag_possible_duplicate(store, out, e.record, entries[k].record, actor) &&
            e.record.status == DocumentStatus::completed && (whole_store || e.record.run_id == run_id))
          ++moved;
        break;
      }
    }
  }
  return moved;
}

}  // namespace

ExitCode run_batch(const BatchFlags& f) {
  if (f.inputs.empty() && f.merge.empty()) throw Fatal(ExitCode::usage, "batch: give folders or files to process, or --merge");
  for (const std::string& input : f.inputs)
    if (input == "-") throw Fatal(ExitCode::usage, "batch: '-' (standard input) is not supported; use extract");
  std::optional<Shard> shard;
  if (!f.shard.empty()) {
    shard = parse_shard(f.shard);
    if (!shard) throw Fatal(ExitCode::usage, fmt::format("--shard {}: expected K/N with 1 <= K <= N", f.shard));
  }
  to_process_options(f.processing);  // validates before anything is created

  std::string out = f.out;
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  make_directories(out);
  std::string db = f.db.empty() ? out + "/receiptocr.db" : f.db;
  auto locks = lock_folder(out, db);
  auto store = StateStore::open(db);
  // A run stopped by an error that could not record it in the database (a full disk) left
  // "failed run N" in the lock file instead.
  if (auto failed = failed_run_in_note(locks.back()->previous_note())) {
    try {
      store->mark_run_failed(*failed);
    } catch (const Fatal&) {
      locks.back()->write_note(locks.back()->previous_note());  // still full: keep it for the next run
      throw;
    }
  }
  std::string command = "batch";
  for (const auto& input : f.inputs) command += " " + input;
  command += " --out " + out;
  if (shard) command += " --shard " + f.shard;
  std::int64_t run_id = store->begin_run(command);

  int workers = worker_count(f.processing.jobs);
  BatchRun run(f, *store, run_id, out);
  auto started = std::chrono::steady_clock::now();
  int merged = 0;
  std::string run_state = "finished";
  try {
    merged = f.merge.empty() ? 0 : run.merge(f.merge);
    run.recover();
    if (!f.inputs.empty()) run.plan(f.inputs, shard, workers);
    bool show_progress = log::stderr_is_tty() && log::level() >= log::Level::normal && !log::json_mode();
    if (!interrupted()) run.process(workers, show_progress);
  } catch (...) {
    // Stopped by an error (a full disk, say). First mark the run failed, the smallest write
    // and the one that matters: claims a failed run leaves behind are redone without counting
    // against their documents, where those of a run still marked running look like a crash
    // (two in a row make a document a poison pill). Then give the claims back. Both are
    // best effort (on a full disk they may fail too) and never replace the error itself.
    try {
      const Tally& t = run.tally();
      store->finish_run(run_id, "failed", {t.processed, t.skipped, t.completed, t.needs_review, t.failed});
    } catch (const Fatal&) {
      locks.back()->write_note(fmt::format("pid {}\nfailed run {}\n", getpid(), run_id));
    }
    try {
      run.release_unfinished();
    } catch (const Fatal&) {
    }
    throw;
  }
  if (interrupted()) run_state = "interrupted";
  Tally t = run.tally();
  // A shard sees only part of the folder: its duplicates are found when the shards are merged.
  // Results of runs that died before this step (killed, or stopped by an error) are checked
  // now, with this run's, so a re-run ends as one uninterrupted run would have.
  std::set<std::int64_t> unchecked_runs = store->runs_ended_early_since_last_finished();
  if (!f.no_duplicate_check && !shard && (t.processed > 0 || merged > 0 || !unchecked_runs.empty())) {
    unchecked_runs.insert(run_id);
    int moved = flag_duplicates_of_run(*store, out, run_id, unchecked_runs, merged > 0);
    if (moved > 0) log::verbose(fmt::format("{} document(s) routed to review as possible duplicates", moved));
    // The counts describe this run's documents; merged ones were processed elsewhere.
    if (t.processed > 0) {
      moved = std::min(moved, t.completed);
      t.completed -= moved;
      t.needs_review += moved;
    }
  }
  store->finish_run(run_id, run_state, {t.processed, t.skipped, t.completed, t.needs_review, t.failed});
  if (f.csv) write_csv(*store, out);

  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  double per_minute = elapsed > 0 ? t.processed / elapsed * 60 : 0;
  int failed = t.failed + run.walk_errors();
  ordered_json summary = {{"event", "summary"},       {"documents", run.total_documents()},
                          {"processed", t.processed}, {"skipped", t.skipped},
                          {"completed", t.completed}, {"needs_review", t.needs_review},
                          {"failed", failed},         {"not_in_shard", t.not_in_shard},
                          {"merged", merged},         {"seconds", std::round(elapsed * 100) / 100},
                          {"docs_per_minute", std::round(per_minute * 10) / 10}};
  log::event(dump_json(summary, -1));
  {
    std::string shard_note = shard ? fmt::format(", {} in other shards", t.not_in_shard) : "";
    if (t.processed == 0 && failed == 0 && run_state == "finished") {
      if (!f.inputs.empty())
        log::info(fmt::format("nothing to do: {} file(s), all already processed{} (--force redoes them, "
                              "--retry-failed retries failures)",
                              run.total_documents() - static_cast<size_t>(t.not_in_shard), shard_note));
    } else {
      log::info(fmt::format("batch: {} processed, {} skipped, {} completed, {} needs review, {} failed{}; "
                            "{:.1f} docs/min in {}",
                            t.processed, t.skipped, t.completed, t.needs_review, failed, shard_note, per_minute,
                            format_duration(elapsed)));
    }
  }
  if (run_state == "interrupted") {
    log::warning("interrupted: everything finished so far is kept; run the same command again to continue");
    return ExitCode::interrupted;
  }
  return exit_code_for(t.completed, t.needs_review, failed);
}

}  // namespace receiptocr::cli
