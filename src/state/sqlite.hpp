#pragma once
// A thin RAII layer over the SQLite C API, private to src/state/. Every failure throws
// Fatal(state_error) naming the database file and SQLite's message, except a full disk:
// Fatal(output_error) "... No space left on device", like any other file that cannot be written.
#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace receiptocr::sqlite {

class Database {
public:
  // Opens `path` (creating it unless read_only). Throws Fatal(state_error).
  Database(const std::string& path, bool read_only);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements that return no rows.
  void exec(std::string_view sql);
  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }
  // Throws Fatal(state_error) "<path>: <what>: <sqlite message>", or for a full disk
  // Fatal(output_error) "<path>: <what>: No space left on device (...)".
  [[noreturn]] void fail(std::string_view what) const;

private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

// One prepared statement. Columns and parameters are 0- and 1-based as in SQLite.
class Statement {
public:
  Statement(Database& db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind_null(int index);
  // Binds NULL for nullopt.
  Statement& bind(int index, const std::optional<std::string>& value);

  // Advances; true when a row is available.
  bool step();
  // Steps to the end (for statements that return no rows).
  void run();
  // Rows changed by the last run.
  int changes() const;

  bool is_null(int column) const;
  std::string text(int column) const;
  std::int64_t integer(int column) const;
  double real(int column) const;

private:
  Database& db_;
  sqlite3_stmt* statement_ = nullptr;
};

}  // namespace receiptocr::sqlite
