#pragma once
// The state of a batch output folder: one SQLite database with a row per distinct document
// (keyed by the sha256 of its bytes), its status, stored result and history. `batch` writes
// results into it; `review` works the NEEDS_REVIEW queue; `export` reads it. Also the folder
// lock (one batch per output folder) and sharding by content hash.
//
// Schema version 1 (PRAGMA user_version; StateStore::open migrates older files forward):
//
//   documents: one row per distinct content
//     sha256 TEXT PRIMARY KEY    64 lowercase hex digits of the file's bytes
//     path TEXT NOT NULL         relative path of the first file seen with this content; the
//                                result is written to <out>/<path>.json
//     source TEXT                the file as last read (absolute path)
//     format TEXT                "jpeg", "pdf", ...
//     status TEXT NOT NULL       PROCESSING | COMPLETED | NEEDS_REVIEW | FAILED | APPROVED | REJECTED
//     result_json TEXT           the full result object, same schema as `extract` (result_to_json)
//     document_type TEXT         copied from result_json for queries
//     confidence REAL            copied from result_json
//     review_reasons TEXT        JSON array of strings, copied from result_json
//     error_reason TEXT          FAILED: machine code (corrupt, unsupported_format, crashed, ...)
//     error TEXT                 FAILED: human-readable message
//     attempts INTEGER           times processing started
//     interrupted_runs INTEGER   consecutive runs that died while processing it (poison pills)
//     claimed_from TEXT          while PROCESSING: the status before the claim (NULL: new row)
//     seconds REAL               wall time of the last processing
//     engine TEXT                OCR engine of the last processing
//     run_id INTEGER             the run that last processed it (runs.id)
//     created_at, updated_at     ISO 8601 UTC with milliseconds, e.g. 2024-05-01T12:00:00.123Z
//   paths: every file seen for a document (copies, renames), doubling as a stat cache
//     path TEXT PRIMARY KEY      relative path (output namespace)
//     sha256 TEXT NOT NULL, source TEXT, size INTEGER, mtime_ns INTEGER, inode INTEGER, seen_at TEXT
//   audit: one row per status change or edit, never updated or deleted
//     id INTEGER PRIMARY KEY, sha256 TEXT, at TEXT, actor TEXT, action TEXT (claim, result,
//     release, recover, import, set_status, edit), before TEXT, after TEXT, note TEXT,
//     run_id INTEGER
//   runs: one row per batch run
//     id INTEGER PRIMARY KEY, started_at, finished_at, pid, host, command,
//     state ('running', 'finished', 'interrupted', 'failed' (stopped by an error such as a full
//     disk), 'crashed' (died; set by the next run)), processed, skipped, completed,
//     needs_review, failed
//
// The database uses WAL mode and a busy timeout, so `review` can read and write while a batch
// runs. A StateStore is one connection: use it from one thread at a time.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace receiptocr {

// Current schema version (PRAGMA user_version).
inline constexpr int state_schema_version = 1;

enum class DocumentStatus { processing, completed, needs_review, failed, approved, rejected };

// "PROCESSING", "COMPLETED", ...
std::string_view to_string(DocumentStatus status);
// The status named by `text` (exact upper-case name); nullopt for anything else.
std::optional<DocumentStatus> parse_document_status(std::string_view text);
// True for statuses a person decided (APPROVED, REJECTED): batch never overwrites them.
bool is_human_decision(DocumentStatus status);

struct DocumentRecord {
  std::string sha256;
  std::string path;
  std::string source;
  std::string format;
  DocumentStatus status = DocumentStatus::processing;
  std::string result_json;  // empty until the first result
  std::string document_type;
  double confidence = 0;
  std::vector<std::string> review_reasons;
  std::string error_reason;
  std::string error;
  int attempts = 0;
  int interrupted_runs = 0;
  std::optional<DocumentStatus> claimed_from;
  double seconds = 0;
  std::string engine;
  std::int64_t run_id = 0;
  std::string created_at;
  std::string updated_at;
};

struct PathRecord {
  std::string path;    // relative path
  std::string sha256;
  std::string source;  // absolute path of the file
  std::int64_t size = -1;
  std::int64_t mtime_ns = -1;
  std::int64_t inode = -1;
  std::string seen_at;
};

struct AuditEntry {
  std::int64_t id = 0;
  std::string sha256;
  std::string at;
  std::string actor;
  std::string action;
  std::string before;
  std::string after;
  std::string note;
  std::int64_t run_id = 0;
};

struct RunCounts {
  int processed = 0;
  int skipped = 0;
  int completed = 0;
  int needs_review = 0;
  int failed = 0;
};

class StateStore {
public:
  enum class Mode { read_write, read_only };

  // Opens (creating when missing, unless read_only) the database at `path`, sets WAL mode and a
  // busy timeout, and migrates it to state_schema_version. Throws Fatal(state_error) with the
  // path and reason when it cannot be opened, is corrupt, or was written by a newer receiptocr.
  static std::unique_ptr<StateStore> open(const std::string& path, Mode mode = Mode::read_write);
  ~StateStore();
  StateStore(const StateStore&) = delete;
  StateStore& operator=(const StateStore&) = delete;

  const std::string& path() const { return path_; }
  // The schema version of the open file (state_schema_version after open in read_write mode).
  int schema_version();

  // An immediate (write-locking) transaction; rolled back on destruction unless committed.
  // Nested Transactions are not supported. Throws Fatal(state_error).
  class Transaction {
  public:
    explicit Transaction(StateStore& store);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

  private:
    StateStore& store_;
    bool done_ = false;
  };

  // ---- Reading (all throw Fatal(state_error) on database errors) ----

  // The document with this hash, or nullopt.
  std::optional<DocumentRecord> find(const std::string& sha256);
  // Documents whose hash starts with `prefix` (lowercase hex; short hashes in review commands),
  // at most `limit`, ordered by hash. An empty or non-hex prefix matches nothing.
  std::vector<DocumentRecord> find_by_prefix(std::string_view prefix, int limit = 10);
  // The document a relative path belongs to (its own path or any copy's path), or nullopt.
  std::optional<DocumentRecord> find_by_path(const std::string& path);
  // Documents with `status` (every document when nullopt), ordered by path.
  std::vector<DocumentRecord> list(std::optional<DocumentStatus> status = std::nullopt);
  // Number of documents per status (statuses with none are absent).
  std::map<DocumentStatus, int> count_by_status();
  // Every path seen for a document, ordered by path.
  std::vector<PathRecord> paths_of(const std::string& sha256);
  // The record of one path, or nullopt.
  std::optional<PathRecord> find_path(const std::string& path);
  // Every path record, ordered by path.
  std::vector<PathRecord> all_paths();
  // The history of a document, oldest first.
  std::vector<AuditEntry> audit_of(const std::string& sha256);

  // ---- Changes for review/export (each atomic; group several in a Transaction) ----

  // Sets a document's status and appends an audit entry (action "set_status"). Returns false
  // when there is no such document, or when `expected` is given and the current status differs
  // (so two reviewers cannot overwrite each other's decision). PROCESSING cannot be set.
  bool set_status(const std::string& sha256, DocumentStatus status, const std::string& actor,
                  const std::string& note = {}, std::optional<DocumentStatus> expected = std::nullopt);
  // Replaces a document's stored result (a reviewer's corrections), re-deriving the copied
  // columns (confidence, review_reasons, ...) but not the status; the audit entry (action
  // "edit") keeps the old and new JSON. Returns false when there is no such document.
  // Throws Fatal(state_error) when result_json is not a JSON object.
  bool update_result(const std::string& sha256, const std::string& result_json, const std::string& actor,
                     const std::string& note = {});

  // ---- Batch processing ----

  // Starts a run and returns its id (runs.id).
  std::int64_t begin_run(const std::string& command);
  // Ends a run with `state` ("finished", "interrupted" or "failed") and its counts.
  void finish_run(std::int64_t run_id, const std::string& state, const RunCounts& counts);
  // Called by a batch holding the folder lock, before anything else: runs still marked
  // 'running' died, so they become 'crashed', and every PROCESSING document one of them had
  // claimed counts one more interrupted run (audit action "recover"). Returns all PROCESSING
  // documents (also those claimed by earlier runs, already counted), ordered by path; the
  // caller redoes them, or fails one that keeps killing runs (a poison pill) via store_result.
  std::vector<DocumentRecord> recover_interrupted(const std::string& actor, std::int64_t run_id);
  // Ids of the runs that ended 'crashed' or 'failed' after the last one that ended 'finished'
  // or 'interrupted': their results have not been through the end of a run (the duplicate
  // check). Empty when there are none.
  std::set<std::int64_t> runs_ended_early_since_last_finished();
  // Marks run `run_id` 'failed' if it is still 'running': for a run stopped by an error that
  // could not record that itself (see FolderLock::write_note). Its claims then do not count
  // as a crash of their documents.
  void mark_run_failed(std::int64_t run_id);
  // Marks a document PROCESSING just before work starts, creating its row when new and
  // counting the attempt, and remembers the previous status (claimed_from).
  void claim(const std::string& sha256, const std::string& path, const std::string& source, const std::string& actor,
             std::int64_t run_id);
  // Stores the finished result of a claimed document. The status, confidence, review reasons
  // and error are taken from result_json (a result_to_json object); interrupted_runs resets.
  // Throws Fatal(state_error) when result_json is not an object with a valid "status".
  void store_result(const std::string& sha256, const std::string& result_json, const std::string& format,
                    double seconds, const std::string& engine, const std::string& actor, std::int64_t run_id);
  // Gives back a claim whose work was not done (the run is stopping, or the file changed):
  // the previous status returns, and a row the claim created is deleted.
  void release_claim(const std::string& sha256, const std::string& actor, std::int64_t run_id);
  // Inserts or replaces a path record.
  void record_path(const PathRecord& record);

  // Copies another folder's documents, paths and their audit into this one. For a hash in both,
  // the better status wins (APPROVED/REJECTED over COMPLETED/NEEDS_REVIEW over FAILED; a tie
  // keeps this one); PROCESSING rows are not taken. Returns the hashes taken, ordered.
  std::vector<std::string> import_from(StateStore& other, const std::string& actor, std::int64_t run_id);

  struct Connection;

private:
  StateStore(std::string path, std::unique_ptr<Connection> connection);
  void migrate();
  void append_audit(const std::string& sha256, const std::string& actor, const std::string& action,
                    const std::string& before, const std::string& after, const std::string& note, std::int64_t run_id);

  std::string path_;
  std::unique_ptr<Connection> connection_;
};

// An exclusive advisory lock (flock) on a file, held until destruction. The kernel drops it
// when the holder dies, so a stale lock from a killed run never blocks.
class FolderLock {
public:
  // Takes the lock without waiting and writes our pid into the file. Returns nullptr when
  // another process holds it; `holder` then receives that process's note ("pid 1234").
  // Throws Fatal(state_error) when the file cannot be created or locked.
  static std::unique_ptr<FolderLock> try_acquire(const std::string& path, std::string& holder);
  ~FolderLock();
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

  // The note the previous holder left in the file (empty for a new file).
  const std::string& previous_note() const { return previous_note_; }
  // Replaces the note. Best effort, and it needs no new disk space (a few bytes in the
  // file's first block), so it works on a full disk where the database cannot be written.
  void write_note(std::string_view note);

private:
  FolderLock(int fd, std::string previous_note) : fd_(fd), previous_note_(std::move(previous_note)) {}
  int fd_;
  std::string previous_note_;
};

// Part `index` of `count` (1-based), for splitting one folder across machines.
struct Shard {
  int index = 1;
  int count = 1;
};

// Parses "K/N" with 1 <= K <= N <= 100000; nullopt otherwise.
std::optional<Shard> parse_shard(std::string_view text);
// True when the document with this hash belongs to `shard`: the first 15 hex digits as a
// number modulo count, so every machine decides the same without coordination.
bool in_shard(std::string_view sha256, const Shard& shard);

}  // namespace receiptocr
