#include "sqlite.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

#include "receiptocr/error.hpp"

namespace receiptocr::sqlite {

namespace {
// The error for a failed call on `db`. A full disk is not a broken database: it gets the exit
// code of any other write that fails for lack of room (output_error, 8) and the words people
// know ("No space left on device") instead of SQLite's "database or disk is full".
// `what` (may be empty) says what failed.
Fatal database_error(sqlite3* db, const std::string& path, std::string_view what, const std::string& message) {
  std::string context = what.empty() ? path : fmt::format("{}: {}", path, what);
  int code = sqlite3_extended_errcode(db);
  int system = sqlite3_system_errno(db);
  bool io_error = (code & 0xff) == SQLITE_IOERR;
  if ((code & 0xff) == SQLITE_FULL || (io_error && (system == ENOSPC || system == EDQUOT)))
    return Fatal(ExitCode::output_error,
                 fmt::format("{}: {} (the state database cannot grow; free some space and run again)", context,
                             std::strerror(system == EDQUOT ? EDQUOT : ENOSPC)));
  return Fatal(ExitCode::state_error, fmt::format("{}: {}", context, message));
}
}  // namespace

Database::Database(const std::string& path, bool read_only) : path_(path) {
  int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  // FULLMUTEX: the caller serialises use, but the cost is negligible and a mistake stays safe.
  flags |= SQLITE_OPEN_FULLMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw Fatal(ExitCode::state_error, fmt::format("{}: cannot open state database: {}", path, message));
  }
  sqlite3_extended_result_codes(db_, 1);
}

Database::~Database() { sqlite3_close_v2(db_); }

void Database::fail(std::string_view what) const { throw database_error(db_, path_, what, sqlite3_errmsg(db_)); }

void Database::exec(std::string_view sql) {
  std::string text(sql);
  char* message = nullptr;
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string reason = message ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    throw database_error(db_, path_, "", reason);
  }
}

Statement::Statement(Database& db, std::string_view sql) : db_(db) {
  if (sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &statement_, nullptr) != SQLITE_OK)
    db.fail("cannot prepare statement");
}

Statement::~Statement() { sqlite3_finalize(statement_); }

Statement& Statement::bind(int index, std::string_view value) {
  if (sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT) != SQLITE_OK)
    db_.fail("cannot bind");
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(statement_, index, value) != SQLITE_OK) db_.fail("cannot bind");
  return *this;
}

Statement& Statement::bind(int index, double value) {
  if (sqlite3_bind_double(statement_, index, value) != SQLITE_OK) db_.fail("cannot bind");
  return *this;
}

Statement& Statement::bind_null(int index) {
  if (sqlite3_bind_null(statement_, index) != SQLITE_OK) db_.fail("cannot bind");
  return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& value) {
  return value ? bind(index, std::string_view(*value)) : bind_null(index);
}

bool Statement::step() {
  int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_.fail("query failed");
}

void Statement::run() {
  while (step()) {
  }
}

int Statement::changes() const { return sqlite3_changes(db_.handle()); }

bool Statement::is_null(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }

std::string Statement::text(int column) const {
  const unsigned char* p = sqlite3_column_text(statement_, column);
  if (!p) return {};
  return std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(statement_, column)));
}

std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(statement_, column); }

double Statement::real(int column) const { return sqlite3_column_double(statement_, column); }

}  // namespace receiptocr::sqlite
