#include <doctest/doctest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "receiptocr/error.hpp"
#include "receiptocr/state.hpp"

using namespace receiptocr;

namespace {

// A fresh directory per test, removed afterwards.
struct TempDir {
  std::string path;
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "receiptocr-state.XXXXXX").string();
    path = mkdtemp(pattern.data());
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string file(const std::string& name) const { return path + "/" + name; }
};

const std::string sha_a = std::string(64, 'a');
const std::string sha_b = "b" + std::string(63, '0');

std::string result(const std::string& status, double confidence = 0.9) {
  std::string error = status == "FAILED" ? R"(,"error":{"reason":"corrupt","message":"truncated JPEG"})" : "";
  return R"({"schema_version":1,"file":"x.jpg","status":")" + status + "\"" + error +
         R"(,"document_type":"receipt","confidence":)" + std::to_string(confidence) +
         R"(,"review_reasons":["total missing"]})";
}

}  // namespace

TEST_CASE("state: status names round-trip") {
  for (auto s : {DocumentStatus::processing, DocumentStatus::completed, DocumentStatus::needs_review,
                 DocumentStatus::failed, DocumentStatus::approved, DocumentStatus::rejected})
    CHECK(parse_document_status(to_string(s)) == s);
  CHECK(to_string(DocumentStatus::needs_review) == "NEEDS_REVIEW");
  CHECK_FALSE(parse_document_status("completed").has_value());
  CHECK(is_human_decision(DocumentStatus::approved));
  CHECK_FALSE(is_human_decision(DocumentStatus::completed));
}

TEST_CASE("state: a new database is created at the current schema, and reopening keeps it") {
  TempDir dir;
  {
    auto store = StateStore::open(dir.file("state.db"));
    CHECK(store->schema_version() == state_schema_version);
  }
  auto again = StateStore::open(dir.file("state.db"));
  CHECK(again->schema_version() == state_schema_version);
  CHECK(again->list().empty());
}

TEST_CASE("state: a database from a newer receiptocr is refused with state_error") {
  TempDir dir;
  std::string path = dir.file("state.db");
  StateStore::open(path);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  try {
    StateStore::open(path);
    FAIL("expected Fatal");
  } catch (const Fatal& e) {
    CHECK(e.code() == ExitCode::state_error);
    CHECK(std::string(e.what()).find("newer receiptocr (schema 99") != std::string::npos);
  }
}

TEST_CASE("state: a file that is not a database is a state_error") {
  TempDir dir;
  std::string path = dir.file("state.db");
  {
    FILE* f = std::fopen(path.c_str(), "w");
    std::fputs("this is not a database, just some text that is long enough to fill a header..........", f);
    std::fclose(f);
  }
  CHECK_THROWS_AS(StateStore::open(path), Fatal);
}

TEST_CASE("state: claim, store_result and the audit trail") {
  TempDir dir;
  auto store = StateStore::open(dir.file("state.db"));
  auto run = store->begin_run("batch in --out out");
  store->claim(sha_a, "a/x.jpg", "/in/a/x.jpg", "batch", run);
  auto claimed = store->find(sha_a);
  REQUIRE(claimed);
  CHECK(claimed->status == DocumentStatus::processing);
  CHECK(claimed->attempts == 1);
  CHECK_FALSE(claimed->claimed_from.has_value());

  store->store_result(sha_a, result("NEEDS_REVIEW", 0.5), "jpeg", 1.25, "tesseract 5", "batch", run);
  auto done = store->find(sha_a);
  REQUIRE(done);
  CHECK(done->status == DocumentStatus::needs_review);
  CHECK(done->confidence == doctest::Approx(0.5));
  CHECK(done->review_reasons == std::vector<std::string>{"total missing"});
  CHECK(done->format == "jpeg");
  CHECK(done->seconds == doctest::Approx(1.25));
  CHECK(done->path == "a/x.jpg");
  CHECK(done->document_type == "receipt");

  auto audit = store->audit_of(sha_a);
  REQUIRE(audit.size() == 2);
  CHECK(audit[0].action == "claim");
  CHECK(audit[0].before == "");
  CHECK(audit[0].after == "PROCESSING");
  CHECK(audit[1].action == "result");
  CHECK(audit[1].before == "PROCESSING");
  CHECK(audit[1].after == "NEEDS_REVIEW");
  CHECK(store->list(DocumentStatus::needs_review).size() == 1);
  CHECK(store->count_by_status()[DocumentStatus::needs_review] == 1);
}

TEST_CASE("state: FAILED results keep the reason and message") {
  TempDir dir;
  auto store = StateStore::open(dir.file("state.db"));
  store->claim(sha_b, "bad.jpg", "/in/bad.jpg", "batch", 1);
  store->store_result(sha_b, result("FAILED"), "jpeg", 0.01, "", "batch", 1);
  auto r = store->find(sha_b);
  REQUIRE(r);
  CHECK(r->status == DocumentStatus::failed);
  CHECK(r->error_reason == "corrupt");
  CHECK(r->error == "truncated JPEG");
}

TEST_CASE("state: set_status checks the expected status and audits the change") {
  TempDir dir;
  auto store = StateStore::open(dir.file("state.db"));
  store->claim(sha_a, "x.jpg", "/in/x.jpg", "batch", 1);
  store->store_result(sha_a, result("NEEDS_REVIEW"), "jpeg", 1, "", "batch", 1);
  CHECK_FALSE(store->set_status(sha_a, DocumentStatus::approved, "alice", "", DocumentStatus::completed));
  CHECK(store->set_status(sha_a, DocumentStatus::approved, "alice", "looks right", DocumentStatus::needs_review));
  CHECK(store->find(sha_a)->status == DocumentStatus::approved);
  CHECK_FALSE(store->set_status(sha_b, DocumentStatus::approved, "alice"));
  auto audit = store->audit_of(sha_a);
  CHECK(audit.back().action == "set_status");
  CHECK(audit.back().actor == "alice");
  CHECK(audit.back().before == "NEEDS_REVIEW");
  CHECK(audit.back().after == "APPROVED");
  CHECK(audit.back().note == "looks right");
  CHECK_THROWS_AS(store->set_status(sha_a, DocumentStatus::processing, "alice"), Fatal);
}

TEST_CASE("state: update_result replaces the stored result but not the status") {
  TempDir dir;
  auto store = StateStore::open(dir.file("state.db"));
  store->claim(sha_a, "x.jpg", "/in/x.jpg", "batch", 1);
  store->store_result(sha_a, result("NEEDS_REVIEW", 0.5), "jpeg", 1, "", "batch", 1);
  CHECK(store->update_result(sha_a, result("COMPLETED", 1.0), "alice", "fixed total"));
  auto r = store->find(sha_a);
  CHECK(r->status == DocumentStatus::needs_review);
  CHECK(r->confidence == doctest::Approx(1.0));
  CHECK(r->result_json == result("COMPLETED", 1.0));
  CHECK(store->audit_of(sha_a).back().action == "edit");
}

TEST_CASE("state: release_claim restores the previous status or removes a new row") {
  TempDir dir;
  auto store = StateStore::open(dir.file("state.db"));
  store->claim(sha_a, "x.jpg", "/in/x.jpg", "batch", 1);
  store->release_claim(sha_a, "batch", 1);
  CHECK_FALSE(store->find(sha_a).has_value());

  store->claim(sha_b, "y.jpg", "/in/y.jpg", "batch", 1);
  store->store_result(sha_b, result("FAILED"), "jpeg", 1, "", "batch", 1);
  store->claim(sha_b, "y.jpg", "/in/y.jpg", "batch", 2);
  CHECK(store->find(sha_b)->claimed_from == DocumentStatus::failed);
  CHECK(store->find(sha_b)->attempts == 2);
  store->release_claim(sha_b, "batch", 2);
  CHECK(store->find(sha_b)->status == DocumentStatus::failed);
}

TEST_CASE("state: recover_interrupted counts only runs that died during a document") {
  TempDir dir;
  auto store = StateStore::open(dir.file("state.db"));
  auto dead = store->begin_run("first");
  store->claim(sha_a, "x.jpg", "/in/x.jpg", "batch", dead);
  auto run = store->begin_run("second");
  auto left = store->recover_interrupted("batch", run);
  REQUIRE(left.size() == 1);
  CHECK(left[0].sha256 == sha_a);
  CHECK(left[0].interrupted_runs == 1);
  // "second" dies before it claims the document again: not the document's fault.
  auto third = store->begin_run("third");
  auto not_again = store->recover_interrupted("batch", third);
  REQUIRE(not_again.size() == 1);
  CHECK(not_again[0].interrupted_runs == 1);
  CHECK(store->find(sha_a)->interrupted_runs == 1);
  // "third" dies while reading it: the second time in a row.
  store->claim(sha_a, "x.jpg", "/in/x.jpg", "batch", third);
  auto again = store->recover_interrupted("batch", store->begin_run("fourth"));
  REQUIRE(again.size() == 1);
  CHECK(again[0].interrupted_runs == 2);
  // A result clears the count.
  store->store_result(sha_a, result("COMPLETED"), "jpeg", 1, "", "batch", run);
  CHECK(store->find(sha_a)->interrupted_runs == 0);
  CHECK(store->recover_interrupted("batch", run).empty());
}

TEST_CASE("state: find_by_prefix and find_by_path") {
  TempDir dir;
  auto store = StateStore::open(dir.file("state.db"));
  store->claim(sha_a, "x.jpg", "/in/x.jpg", "batch", 1);
  store->claim(sha_b, "y.jpg", "/in/y.jpg", "batch", 1);
  store->record_path({"copy/x.jpg", sha_a, "/in/copy/x.jpg", 10, 20, 30, ""});
  CHECK(store->find_by_prefix("aaaa").size() == 1);
  CHECK(store->find_by_prefix("b0").at(0).sha256 == sha_b);
  CHECK(store->find_by_prefix("").empty());
  CHECK(store->find_by_prefix("AAAA").empty());
  CHECK(store->find_by_prefix("c").empty());
  CHECK(store->find_by_path("copy/x.jpg")->sha256 == sha_a);
  CHECK(store->find_by_path("y.jpg")->sha256 == sha_b);
  CHECK_FALSE(store->find_by_path("z.jpg").has_value());
  auto p = store->find_path("copy/x.jpg");
  REQUIRE(p);
  CHECK(p->size == 10);
  CHECK(p->mtime_ns == 20);
  CHECK(p->inode == 30);
  CHECK(store->paths_of(sha_a).size() == 1);
}

TEST_CASE("state: import_from takes the better status and skips PROCESSING rows") {
  TempDir dir;
  auto here = StateStore::open(dir.file("here.db"));
  auto there = StateStore::open(dir.file("there.db"));
  const std::string sha_c = "c" + std::string(63, '1');
  here->claim(sha_a, "x.jpg", "/in/x.jpg", "batch", 1);
  here->store_result(sha_a, result("FAILED"), "jpeg", 1, "", "batch", 1);
  there->claim(sha_a, "x.jpg", "/in/x.jpg", "batch", 1);
  there->store_result(sha_a, result("COMPLETED"), "jpeg", 1, "", "batch", 1);
  there->claim(sha_b, "y.jpg", "/in/y.jpg", "batch", 1);
  there->store_result(sha_b, result("NEEDS_REVIEW"), "jpeg", 1, "", "batch", 1);
  there->claim(sha_c, "z.jpg", "/in/z.jpg", "batch", 1);
  there->record_path({"y.jpg", sha_b, "/in/y.jpg", 1, 2, 3, ""});
  there->record_path({"z.jpg", sha_c, "/in/z.jpg", 1, 2, 3, ""});

  auto taken = here->import_from(*there, "batch", 7);
  CHECK(taken == std::vector<std::string>{sha_a, sha_b});
  CHECK(here->find(sha_a)->status == DocumentStatus::completed);
  CHECK(here->find(sha_b)->status == DocumentStatus::needs_review);
  CHECK_FALSE(here->find(sha_c).has_value());
  CHECK(here->find_path("y.jpg").has_value());
  CHECK_FALSE(here->find_path("z.jpg").has_value());
  CHECK(here->audit_of(sha_b).back().action == "import");
  // Importing again changes nothing.
  CHECK(here->import_from(*there, "batch", 8).empty());
}

TEST_CASE("state: a read-only open of a missing database fails") {
  TempDir dir;
  CHECK_THROWS_AS(StateStore::open(dir.file("missing.db"), StateStore::Mode::read_only), Fatal);
}

TEST_CASE("state: FolderLock is exclusive and released on destruction") {
  TempDir dir;
  std::string holder;
  auto first = FolderLock::try_acquire(dir.file("lock"), holder);
  REQUIRE(first);
  // flock locks belong to the open file description, so a second open in the same process
  // conflicts just as another process would.
  auto second = FolderLock::try_acquire(dir.file("lock"), holder);
  CHECK_FALSE(second);
  CHECK(holder == "pid " + std::to_string(getpid()));
  first.reset();
  CHECK(FolderLock::try_acquire(dir.file("lock"), holder));
}

TEST_CASE("state: FolderLock keeps the previous holder's note") {
  TempDir dir;
  std::string holder;
  auto first = FolderLock::try_acquire(dir.file("lock"), holder);
  REQUIRE(first);
  CHECK(first->previous_note().empty());
  first->write_note("pid 1\nfailed run 7\n");
  first->write_note("pid 1\nfailed run 8\n");  // shorter or equal notes replace, not append
  first.reset();
  auto second = FolderLock::try_acquire(dir.file("lock"), holder);
  REQUIRE(second);
  CHECK(second->previous_note() == "pid 1\nfailed run 8\n");
  second.reset();
  auto third = FolderLock::try_acquire(dir.file("lock"), holder);
  REQUIRE(third);
  CHECK(third->previous_note() == "pid " + std::to_string(getpid()) + "\n");
}

TEST_CASE("state: runs that ended early since the last finished one") {
  TempDir dir;
  auto store = StateStore::open(dir.file("state.db"));
  auto finished = store->begin_run("one");
  store->finish_run(finished, "finished", {});
  auto died = store->begin_run("two");
  auto stopped = store->begin_run("three");
  store->mark_run_failed(stopped);
  auto current = store->begin_run("four");
  store->recover_interrupted("batch", current);  // "two" and "three" were running: only "two" crashed
  CHECK(store->runs_ended_early_since_last_finished() == std::set<std::int64_t>{died, stopped});
  store->mark_run_failed(finished);  // only a run still marked running changes
  store->finish_run(current, "finished", {});
  CHECK(store->runs_ended_early_since_last_finished().empty());
}

TEST_CASE("state: parse_shard and in_shard") {
  CHECK(parse_shard("1/2")->index == 1);
  CHECK(parse_shard("2/2")->count == 2);
  CHECK_FALSE(parse_shard("0/2"));
  CHECK_FALSE(parse_shard("3/2"));
  CHECK_FALSE(parse_shard("1/0"));
  CHECK_FALSE(parse_shard("1"));
  CHECK_FALSE(parse_shard("a/b"));
  CHECK_FALSE(parse_shard("1/2x"));
  // Every hash falls in exactly one shard.
  for (const std::string& sha : {sha_a, sha_b, std::string("0123456789abcdef") + std::string(48, '0')}) {
    int hits = 0;
    for (int k = 1; k <= 3; ++k) hits += in_shard(sha, Shard{k, 3}) ? 1 : 0;
    CHECK(hits == 1);
  }
  CHECK(in_shard(std::string(64, '0'), Shard{1, 2}));
  CHECK(in_shard("000000000000001" + std::string(49, '0'), Shard{2, 2}));
}
