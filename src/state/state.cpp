#include "receiptocr/state.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <array>
#include <nlohmann/json.hpp>
#include <algorithm>

#include "receiptocr/error.hpp"
#include "sqlite.hpp"

namespace receiptocr {

namespace {

constexpr std::array<std::string_view, 6> status_names = {"PROCESSING", "COMPLETED", "NEEDS_REVIEW",
                                                         "FAILED",     "APPROVED",  "REJECTED"};

// ISO 8601 UTC with milliseconds, computed by SQLite so every writer agrees.
#define RECEIPTOCR_NOW "strftime('%Y-%m-%dT%H:%M:%fZ','now')"

// Migration i brings user_version from i to i + 1. Append only; never edit a released step.
const std::array<std::string_view, 1> migrations = {
    R"sql(
CREATE TABLE documents (
  sha256 TEXT PRIMARY KEY,
  path TEXT NOT NULL,
  source TEXT,
  format TEXT,
  status TEXT NOT NULL CHECK (status IN ('PROCESSING','COMPLETED','NEEDS_REVIEW','FAILED','APPROVED','REJECTED')),
  result_json TEXT,
  document_type TEXT,
  confidence REAL,
  review_reasons TEXT,
  error_reason TEXT,
  error TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  interrupted_runs INTEGER NOT NULL DEFAULT 0,
  claimed_from TEXT,
  seconds REAL,
  engine TEXT,
  run_id INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX documents_status ON documents(status, path);
CREATE INDEX documents_path ON documents(path);
CREATE TABLE paths (
  path TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL,
  source TEXT,
  size INTEGER,
  mtime_ns INTEGER,
  inode INTEGER,
  seen_at TEXT NOT NULL
);
CREATE INDEX paths_sha256 ON paths(sha256);
CREATE TABLE audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  sha256 TEXT NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  before TEXT,
  after TEXT,
  note TEXT,
  run_id INTEGER
);
CREATE INDEX audit_sha256 ON audit(sha256, id);
CREATE TABLE runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  pid INTEGER,
  host TEXT,
  command TEXT,
  state TEXT NOT NULL,
  processed INTEGER,
  skipped INTEGER,
  completed INTEGER,
  needs_review INTEGER,
  failed INTEGER
);
)sql",
};

constexpr std::string_view document_columns =
    "sha256, path, source, format, status, result_json, document_type, confidence, review_reasons, error_reason, "
    "error, attempts, interrupted_runs, claimed_from, seconds, engine, run_id, created_at, updated_at";

constexpr std::string_view path_columns = "path, sha256, source, size, mtime_ns, inode, seen_at";

DocumentStatus status_from_column(const sqlite::Statement& s, int column) {
  auto status = parse_document_status(s.text(column));
  // The CHECK constraint makes this unreachable unless the file was edited by hand.
  return status.value_or(DocumentStatus::failed);
}

std::vector<std::string> parse_string_array(const std::string& text) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& item : j)
    if (item.is_string()) out.push_back(item.get<std::string>());
  return out;
}

DocumentRecord read_document(const sqlite::Statement& s) {
  DocumentRecord r;
  r.sha256 = s.text(0);
  r.path = s.text(1);
  r.source = s.text(2);
  r.format = s.text(3);
  r.status = status_from_column(s, 4);
  r.result_json = s.text(5);
  r.document_type = s.text(6);
  r.confidence = s.real(7);
  r.review_reasons = parse_string_array(s.text(8));
  r.error_reason = s.text(9);
  r.error = s.text(10);
  r.attempts = static_cast<int>(s.integer(11));
  r.interrupted_runs = static_cast<int>(s.integer(12));
  if (!s.is_null(13)) r.claimed_from = parse_document_status(s.text(13));
  r.seconds = s.real(14);
  r.engine = s.text(15);
  r.run_id = s.integer(16);
  r.created_at = s.text(17);
  r.updated_at = s.text(18);
  return r;
}

PathRecord read_path(const sqlite::Statement& s) {
  PathRecord r;
  r.path = s.text(0);
  r.sha256 = s.text(1);
  r.source = s.text(2);
  r.size = s.is_null(3) ? -1 : s.integer(3);
  r.mtime_ns = s.is_null(4) ? -1 : s.integer(4);
  r.inode = s.is_null(5) ? -1 : s.integer(5);
  r.seen_at = s.text(6);
  return r;
}

// The columns a result object determines. Throws Fatal(state_error) for a malformed object.
struct DerivedColumns {
  std::optional<DocumentStatus> status;
  std::string document_type;
  double confidence = 0;
  std::string review_reasons = "[]";
  std::optional<std::string> error_reason;
  std::optional<std::string> error;
};

DerivedColumns derive_columns(const std::string& result_json) {
  auto j = nlohmann::json::parse(result_json, nullptr, false);
  if (!j.is_object()) throw Fatal(ExitCode::internal, "state: a stored result must be a JSON object");
  DerivedColumns d;
  if (j.contains("status") && j["status"].is_string()) d.status = parse_document_status(j["status"].get<std::string>());
  if (j.contains("document_type") && j["document_type"].is_string()) d.document_type = j["document_type"].get<std::string>();
  if (j.contains("confidence") && j["confidence"].is_number()) d.confidence = j["confidence"].get<double>();
  if (j.contains("review_reasons") && j["review_reasons"].is_array()) d.review_reasons = j["review_reasons"].dump();
  if (j.contains("error") && j["error"].is_object()) {
    const auto& e = j["error"];
    if (e.contains("reason") && e["reason"].is_string()) d.error_reason = e["reason"].get<std::string>();
    if (e.contains("message") && e["message"].is_string()) d.error = e["message"].get<std::string>();
  }
  return d;
}

int status_rank(DocumentStatus s) {
  switch (s) {
    case DocumentStatus::approved:
    case DocumentStatus::rejected: return 3;
    case DocumentStatus::completed:
    case DocumentStatus::needs_review: return 2;
    case DocumentStatus::failed: return 1;
    case DocumentStatus::processing: return 0;
  }
  return 0;
}

bool is_lower_hex(std::string_view text) {
  return text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

std::string host_name() {
  char buffer[256] = {};
  if (gethostname(buffer, sizeof buffer - 1) != 0) return {};
  return buffer;
}

}  // namespace

struct StateStore::Connection {
  sqlite::Database db;
  Connection(const std::string& path, bool read_only) : db(path, read_only) {}
};

std::string_view to_string(DocumentStatus status) { return status_names[static_cast<size_t>(status)]; }

std::optional<DocumentStatus> parse_document_status(std::string_view text) {
  for (size_t i = 0; i < status_names.size(); ++i)
    if (status_names[i] == text) return static_cast<DocumentStatus>(i);
  return std::nullopt;
}

bool is_human_decision(DocumentStatus status) {
  return status == DocumentStatus::approved || status == DocumentStatus::rejected;
}

StateStore::StateStore(std::string path, std::unique_ptr<Connection> connection)
    : path_(std::move(path)), connection_(std::move(connection)) {}

StateStore::~StateStore() = default;

std::unique_ptr<StateStore> StateStore::open(const std::string& path, Mode mode) {
  bool read_only = mode == Mode::read_only;
  if (read_only && access(path.c_str(), R_OK) != 0)
    throw Fatal(ExitCode::state_error, fmt::format("{}: no state database here", path));
  auto connection = std::make_unique<Connection>(path, read_only);
  // Another process (review, or a second reader) may hold a write lock briefly: wait for it
  // instead of failing at once.
  sqlite3_busy_timeout(connection->db.handle(), 30000);
  std::unique_ptr<StateStore> store(new StateStore(path, std::move(connection)));
  auto& db = store->connection_->db;
  if (!read_only) {
    // WAL lets readers (review, export) work while a batch writes; NORMAL sync keeps every
    // committed transaction across a process crash (a power cut may lose the last few, which
    // are then simply redone).
    db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
  }
  int version = store->schema_version();
  if (version > state_schema_version)
    throw Fatal(ExitCode::state_error,
                fmt::format("{}: written by a newer receiptocr (schema {}, this one knows {}); upgrade receiptocr", path,
                            version, state_schema_version));
  if (version < state_schema_version) {
    if (read_only)
      throw Fatal(ExitCode::state_error,
                  fmt::format("{}: older schema {} (current {}); run a batch on that folder once to upgrade it", path,
                              version, state_schema_version));
    store->migrate();
  }
  return store;
}

int StateStore::schema_version() {
  sqlite::Statement s(connection_->db, "PRAGMA user_version");
  return s.step() ? static_cast<int>(s.integer(0)) : 0;
}

void StateStore::migrate() {
  Transaction tx(*this);
  // Re-read under the write lock: another process may have migrated meanwhile.
  int version = schema_version();
  for (int v = version; v < state_schema_version; ++v) {
    connection_->db.exec(migrations[static_cast<size_t>(v)]);
    connection_->db.exec(fmt::format("PRAGMA user_version = {}", v + 1));
  }
  tx.commit();
}

StateStore::Transaction::Transaction(StateStore& store) : store_(store) {
  store_.connection_->db.exec("BEGIN IMMEDIATE");
}

StateStore::Transaction::~Transaction() {
  if (!done_) sqlite3_exec(store_.connection_->db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void StateStore::Transaction::commit() {
  store_.connection_->db.exec("COMMIT");
  done_ = true;
}

namespace {
// A transaction only when the caller has none open, so single calls are atomic and calls
// inside a caller's Transaction join it.
class AutoTransaction {
public:
  AutoTransaction(StateStore& store, sqlite3* handle) {
    if (sqlite3_get_autocommit(handle)) transaction_.emplace(store);
  }
  void commit() {
    if (transaction_) transaction_->commit();
  }

private:
  std::optional<StateStore::Transaction> transaction_;
};
}  // namespace

std::optional<DocumentRecord> StateStore::find(const std::string& sha256) {
  sqlite::Statement s(connection_->db, fmt::format("SELECT {} FROM documents WHERE sha256 = ?1", document_columns));
  s.bind(1, sha256);
  if (!s.step()) return std::nullopt;
  return read_document(s);
}

std::vector<DocumentRecord> StateStore::find_by_prefix(std::string_view prefix, int limit) {
  std::vector<DocumentRecord> out;
  if (prefix.empty() || prefix.size() > 64 || !is_lower_hex(prefix)) return out;
  // A range instead of LIKE: exact byte comparison, and it uses the primary key.
  std::string upper = std::string(prefix) + "g";
  sqlite::Statement s(connection_->db, fmt::format("SELECT {} FROM documents WHERE sha256 >= ?1 AND sha256 < ?2 "
                                                   "ORDER BY sha256 LIMIT ?3",
                                                   document_columns));
  s.bind(1, prefix).bind(2, upper).bind(3, limit);
  while (s.step()) out.push_back(read_document(s));
  return out;
}

std::optional<DocumentRecord> StateStore::find_by_path(const std::string& path) {
  if (auto p = find_path(path)) {
    if (auto d = find(p->sha256)) return d;
  }
  sqlite::Statement s(connection_->db,
                      fmt::format("SELECT {} FROM documents WHERE path = ?1 ORDER BY sha256 LIMIT 1", document_columns));
  s.bind(1, path);
  if (!s.step()) return std::nullopt;
  return read_document(s);
}

std::vector<DocumentRecord> StateStore::list(std::optional<DocumentStatus> status) {
  std::vector<DocumentRecord> out;
  sqlite::Statement s(connection_->db,
                      fmt::format("SELECT {} FROM documents WHERE ?1 IS NULL OR status = ?1 ORDER BY path, sha256",
                                  document_columns));
  if (status) s.bind(1, to_string(*status));
  else s.bind_null(1);
  while (s.step()) out.push_back(read_document(s));
  return out;
}

std::map<DocumentStatus, int> StateStore::count_by_status() {
  std::map<DocumentStatus, int> out;
  sqlite::Statement s(connection_->db, "SELECT status, count(*) FROM documents GROUP BY status");
  while (s.step()) out[status_from_column(s, 0)] = static_cast<int>(s.integer(1));
  return out;
}

std::vector<PathRecord> StateStore::paths_of(const std::string& sha256) {
  std::vector<PathRecord> out;
  sqlite::Statement s(connection_->db,
                      fmt::format("SELECT {} FROM paths WHERE sha256 = ?1 ORDER BY path", path_columns));
  s.bind(1, sha256);
  while (s.step()) out.push_back(read_path(s));
  return out;
}

std::optional<PathRecord> StateStore::find_path(const std::string& path) {
  sqlite::Statement s(connection_->db, fmt::format("SELECT {} FROM paths WHERE path = ?1", path_columns));
  s.bind(1, path);
  if (!s.step()) return std::nullopt;
  return read_path(s);
}

std::vector<PathRecord> StateStore::all_paths() {
  std::vector<PathRecord> out;
  sqlite::Statement s(connection_->db, fmt::format("SELECT {} FROM paths ORDER BY path", path_columns));
  while (s.step()) out.push_back(read_path(s));
  return out;
}

std::vector<AuditEntry> StateStore::audit_of(const std::string& sha256) {
  std::vector<AuditEntry> out;
  sqlite::Statement s(connection_->db,
                      "SELECT id, sha256, at, actor, action, before, after, note, run_id FROM audit "
                      "WHERE sha256 = ?1 ORDER BY id");
  s.bind(1, sha256);
  while (s.step()) {
    AuditEntry e;
    e.id = s.integer(0);
    e.sha256 = s.text(1);
    e.at = s.text(2);
    e.actor = s.text(3);
    e.action = s.text(4);
    e.before = s.text(5);
    e.after = s.text(6);
    e.note = s.text(7);
    e.run_id = s.integer(8);
    out.push_back(std::move(e));
  }
  return out;
}

void StateStore::append_audit(const std::string& sha256, const std::string& actor, const std::string& action,
                              const std::string& before, const std::string& after, const std::string& note,
                              std::int64_t run_id) {
  sqlite::Statement s(connection_->db,
                      "INSERT INTO audit (sha256, at, actor, action, before, after, note, run_id) "
                      "VALUES (?1, " RECEIPTOCR_NOW ", ?2, ?3, ?4, ?5, ?6, ?7)");
  s.bind(1, sha256).bind(2, actor).bind(3, action).bind(4, before).bind(5, after).bind(6, note);
  if (run_id > 0) s.bind(7, run_id);
  else s.bind_null(7);
  s.run();
}

bool StateStore::set_status(const std::string& sha256, DocumentStatus status, const std::string& actor,
                            const std::string& note, std::optional<DocumentStatus> expected) {
  if (status == DocumentStatus::processing)
    throw Fatal(ExitCode::internal, "state: PROCESSING is set by claim(), not set_status()");
  AutoTransaction tx(*this, connection_->db.handle());
  auto current = find(sha256);
  if (!current || (expected && current->status != *expected)) return false;
  sqlite::Statement s(connection_->db,
                      "UPDATE documents SET status = ?2, claimed_from = NULL, updated_at = " RECEIPTOCR_NOW
                      " WHERE sha256 = ?1");
  s.bind(1, sha256).bind(2, to_string(status)).run();
  append_audit(sha256, actor, "set_status", std::string(to_string(current->status)), std::string(to_string(status)),
               note, 0);
  tx.commit();
  return true;
}

bool StateStore::update_result(const std::string& sha256, const std::string& result_json, const std::string& actor,
                               const std::string& note) {
  DerivedColumns d = derive_columns(result_json);
  AutoTransaction tx(*this, connection_->db.handle());
  auto current = find(sha256);
  if (!current) return false;
  sqlite::Statement s(connection_->db,
                      "UPDATE documents SET result_json = ?2, document_type = ?3, confidence = ?4, review_reasons = ?5, "
                      "updated_at = " RECEIPTOCR_NOW " WHERE sha256 = ?1");
  s.bind(1, sha256).bind(2, result_json).bind(3, d.document_type).bind(4, d.confidence).bind(5, d.review_reasons).run();
  append_audit(sha256, actor, "edit", current->result_json, result_json, note, 0);
  tx.commit();
  return true;
}

std::int64_t StateStore::begin_run(const std::string& command) {
  sqlite::Statement s(connection_->db,
                      "INSERT INTO runs (started_at, pid, host, command, state) VALUES (" RECEIPTOCR_NOW
                      ", ?1, ?2, ?3, 'running')");
  s.bind(1, static_cast<std::int64_t>(getpid())).bind(2, host_name()).bind(3, command).run();
  return sqlite3_last_insert_rowid(connection_->db.handle());
}

void StateStore::finish_run(std::int64_t run_id, const std::string& state, const RunCounts& c) {
  sqlite::Statement s(connection_->db,
                      "UPDATE runs SET finished_at = " RECEIPTOCR_NOW
                      ", state = ?2, processed = ?3, skipped = ?4, completed = ?5, needs_review = ?6, failed = ?7 "
                      "WHERE id = ?1");
  s.bind(1, run_id).bind(2, state).bind(3, c.processed).bind(4, c.skipped).bind(5, c.completed);
  s.bind(6, c.needs_review).bind(7, c.failed).run();
}

std::vector<DocumentRecord> StateStore::recover_interrupted(const std::string& actor, std::int64_t run_id) {
  AutoTransaction tx(*this, connection_->db.handle());
  std::set<std::int64_t> died;
  {
    sqlite::Statement s(connection_->db, "SELECT id FROM runs WHERE state = 'running' AND id != ?1");
    s.bind(1, run_id);
    while (s.step()) died.insert(s.integer(0));
  }
  sqlite::Statement runs(connection_->db,
                         "UPDATE runs SET state = 'crashed', finished_at = " RECEIPTOCR_NOW
                         " WHERE state = 'running' AND id != ?1");
  runs.bind(1, run_id).run();
  std::vector<DocumentRecord> out = list(DocumentStatus::processing);
  for (DocumentRecord& r : out) {
    // Only a run that had claimed the document died while reading it. One that died before
    // getting to it (killed while starting, say) or a run stopped by an error says nothing
    // about the document; counting those would fail good documents as poison pills.
    if (!died.count(r.run_id)) continue;
    ++r.interrupted_runs;
    sqlite::Statement s(connection_->db,
                        "UPDATE documents SET interrupted_runs = ?2, updated_at = " RECEIPTOCR_NOW " WHERE sha256 = ?1");
    s.bind(1, r.sha256).bind(2, r.interrupted_runs).run();
    append_audit(r.sha256, actor, "recover", "PROCESSING", "PROCESSING",
                 fmt::format("the run processing it stopped without finishing ({} time(s) in a row)", r.interrupted_runs),
                 run_id);
  }
  tx.commit();
  return out;
}

void StateStore::mark_run_failed(std::int64_t run_id) {
  sqlite::Statement s(connection_->db, "UPDATE runs SET state = 'failed', finished_at = " RECEIPTOCR_NOW
                                       " WHERE id = ?1 AND state = 'running'");
  s.bind(1, run_id).run();
}

std::set<std::int64_t> StateStore::runs_ended_early_since_last_finished() {
  std::set<std::int64_t> out;
  sqlite::Statement s(connection_->db,
                      "SELECT id FROM runs WHERE state IN ('crashed', 'failed') AND id > "
                      "(SELECT ifnull(max(id), 0) FROM runs WHERE state IN ('finished', 'interrupted'))");
  while (s.step()) out.insert(s.integer(0));
  return out;
}

void StateStore::claim(const std::string& sha256, const std::string& path, const std::string& source,
                       const std::string& actor, std::int64_t run_id) {
  AutoTransaction tx(*this, connection_->db.handle());
  auto current = find(sha256);
  sqlite::Statement s(connection_->db,
                      "INSERT INTO documents (sha256, path, source, status, attempts, run_id, created_at, updated_at) "
                      "VALUES (?1, ?2, ?3, 'PROCESSING', 1, ?4, " RECEIPTOCR_NOW ", " RECEIPTOCR_NOW ") "
                      "ON CONFLICT (sha256) DO UPDATE SET status = 'PROCESSING', source = excluded.source, "
                      "attempts = documents.attempts + 1, run_id = excluded.run_id, updated_at = excluded.updated_at, "
                      "claimed_from = CASE WHEN documents.status = 'PROCESSING' THEN documents.claimed_from "
                      "ELSE documents.status END");
  s.bind(1, sha256).bind(2, path).bind(3, source).bind(4, run_id).run();
  append_audit(sha256, actor, "claim", current ? std::string(to_string(current->status)) : std::string(), "PROCESSING",
               path, run_id);
  tx.commit();
}

void StateStore::store_result(const std::string& sha256, const std::string& result_json, const std::string& format,
                              double seconds, const std::string& engine, const std::string& actor, std::int64_t run_id) {
  DerivedColumns d = derive_columns(result_json);
  if (!d.status || *d.status == DocumentStatus::processing)
    throw Fatal(ExitCode::internal, "state: a stored result needs a final \"status\"");
  AutoTransaction tx(*this, connection_->db.handle());
  auto current = find(sha256);
  if (!current) throw Fatal(ExitCode::internal, fmt::format("state: storing a result for unknown document {}", sha256));
  sqlite::Statement s(connection_->db,
                      "UPDATE documents SET status = ?2, result_json = ?3, document_type = ?4, confidence = ?5, "
                      "review_reasons = ?6, error_reason = ?7, error = ?8, format = ?9, seconds = ?10, engine = ?11, "
                      "run_id = ?12, interrupted_runs = 0, claimed_from = NULL, updated_at = " RECEIPTOCR_NOW
                      " WHERE sha256 = ?1");
  s.bind(1, sha256).bind(2, to_string(*d.status)).bind(3, result_json).bind(4, d.document_type);
  s.bind(5, d.confidence).bind(6, d.review_reasons).bind(7, d.error_reason).bind(8, d.error);
  s.bind(9, format).bind(10, seconds).bind(11, engine).bind(12, run_id).run();
  append_audit(sha256, actor, "result", std::string(to_string(current->status)), std::string(to_string(*d.status)),
               d.error_reason.value_or(""), run_id);
  tx.commit();
}

void StateStore::release_claim(const std::string& sha256, const std::string& actor, std::int64_t run_id) {
  AutoTransaction tx(*this, connection_->db.handle());
  auto current = find(sha256);
  if (!current || current->status != DocumentStatus::processing) return;
  if (!current->claimed_from) {
    sqlite::Statement s(connection_->db, "DELETE FROM documents WHERE sha256 = ?1");
    s.bind(1, sha256).run();
    append_audit(sha256, actor, "release", "PROCESSING", "", "work not done; row removed", run_id);
  } else {
    sqlite::Statement s(connection_->db,
                        "UPDATE documents SET status = ?2, claimed_from = NULL, updated_at = " RECEIPTOCR_NOW
                        " WHERE sha256 = ?1");
    s.bind(1, sha256).bind(2, to_string(*current->claimed_from)).run();
    append_audit(sha256, actor, "release", "PROCESSING", std::string(to_string(*current->claimed_from)),
                 "work not done; previous status restored", run_id);
  }
  tx.commit();
}

void StateStore::record_path(const PathRecord& r) {
  sqlite::Statement s(connection_->db,
                      "INSERT OR REPLACE INTO paths (path, sha256, source, size, mtime_ns, inode, seen_at) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, " RECEIPTOCR_NOW ")");
  s.bind(1, r.path).bind(2, r.sha256).bind(3, r.source);
  if (r.size >= 0) s.bind(4, r.size);
  else s.bind_null(4);
  if (r.mtime_ns >= 0) s.bind(5, r.mtime_ns);
  else s.bind_null(5);
  if (r.inode >= 0) s.bind(6, r.inode);
  else s.bind_null(6);
  s.run();
}

std::vector<std::string> StateStore::import_from(StateStore& other, const std::string& actor, std::int64_t run_id) {
  std::vector<std::string> taken;
  std::vector<DocumentRecord> theirs = other.list();
  AutoTransaction tx(*this, connection_->db.handle());
  for (const DocumentRecord& d : theirs) {
    if (d.status == DocumentStatus::processing) continue;
    auto mine = find(d.sha256);
    if (mine && status_rank(mine->status) >= status_rank(d.status)) continue;
    sqlite::Statement s(connection_->db,
                        "INSERT OR REPLACE INTO documents (sha256, path, source, format, status, result_json, "
                        "document_type, confidence, review_reasons, error_reason, error, attempts, interrupted_runs, "
                        "claimed_from, seconds, engine, run_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                        "?7, ?8, ?9, ?10, ?11, ?12, 0, NULL, ?13, ?14, ?15, ?16, " RECEIPTOCR_NOW ")");
    nlohmann::json reasons = d.review_reasons;
    s.bind(1, d.sha256).bind(2, d.path).bind(3, d.source).bind(4, d.format).bind(5, to_string(d.status));
    s.bind(6, d.result_json).bind(7, d.document_type).bind(8, d.confidence).bind(9, reasons.dump());
    s.bind(10, d.error_reason).bind(11, d.error).bind(12, d.attempts).bind(13, d.seconds).bind(14, d.engine);
    s.bind(15, run_id).bind(16, d.created_at.empty() ? std::string("1970-01-01T00:00:00.000Z") : d.created_at);
    s.run();
    // Their history comes along (ids renumbered; their run ids mean nothing here).
    for (const AuditEntry& e : other.audit_of(d.sha256))
      append_audit(e.sha256, e.actor, e.action, e.before, e.after,
                   e.note.empty() ? std::string("imported") : e.note + " (imported)", 0);
    append_audit(d.sha256, actor, "import", mine ? std::string(to_string(mine->status)) : std::string(),
                 std::string(to_string(d.status)), fmt::format("from {}", other.path()), run_id);
    taken.push_back(d.sha256);
  }
  for (const PathRecord& p : other.all_paths()) {
    if (find_path(p.path) || !find(p.sha256)) continue;
    record_path(p);
  }
  tx.commit();
  std::sort(taken.begin(), taken.end());
  return taken;
}

}  // namespace receiptocr
