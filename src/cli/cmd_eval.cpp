#include "cmd_eval.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cmd_extract.hpp"
#include "receiptocr/evaluation.hpp"
#include "receiptocr/fsutil.hpp"
#include "receiptocr/log.hpp"

namespace receiptocr::cli {

namespace fs = std::filesystem;

void setup_eval(CLI::App& app, EvalFlags& f) {
  app.add_option("dirs", f.dirs, "Folders holding documents with X.truth.json beside them")->required();
  app.add_flag("--json", f.json, "Print the report as JSON");
  app.add_flag("--errors", f.errors, "List every wrong field: expected, got, and the text line it came from");
  app.add_flag("--sweep", f.sweep, "Print auto-accept precision and automation at several confidence thresholds");
  app.add_option("--min", f.min, "Fail (exit 9) when a field's accuracy is below RATIO: FIELD=RATIO or DATASET:FIELD=RATIO (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--min-precision", f.min_precision, "Fail (exit 9) when auto-accept precision of any dataset is below RATIO")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--save-results", f.save_results, "Also write every document's result JSON into DIR");
  app.add_option("--save-text", f.save_text, "Also keep the OCR text of every document in DIR (NAME.txt and NAME.tsv)");
  app.add_option("--perturb", f.perturb,
                 "Change every image a little before reading it, to see how robust the numbers are: "
                 "scale=F, rotate=DEG, jpeg=Q, comma-separated (e.g. jpeg=90,scale=0.9)");
  add_processing_options(app, f.processing);
}

namespace {

struct Case {
  Truth truth;
  std::string dataset;
  std::string document;
};

std::vector<Case> collect_cases(const std::vector<std::string>& dirs) {
  std::vector<Case> cases;
  for (const std::string& dir : dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw Fatal(ExitCode::usage, fmt::format("{}: not a directory", dir));
    std::vector<fs::path> truths;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      std::string name = entry.path().filename().string();
      if (name.size() > 11 && name.compare(name.size() - 11, 11, ".truth.json") == 0) truths.push_back(entry.path());
    }
    std::sort(truths.begin(), truths.end());
    for (const fs::path& p : truths) {
      std::ifstream in(p, std::ios::binary);
      std::stringstream buffer;
      buffer << in.rdbuf();
      Case c;
      try {
        c.truth = parse_truth(buffer.str());
      } catch (const std::exception& e) {
        throw Fatal(ExitCode::usage, fmt::format("{}: bad truth file: {}", p.string(), e.what()));
      }
      std::string stem = p.filename().string();
      stem.resize(stem.size() - 11);
      c.document = (p.parent_path() / (c.truth.file.empty() ? stem : c.truth.file)).string();
      if (c.truth.file.empty()) {
        for (const char* ext : {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".pdf", ".webp", ".bmp"})
          if (fs::exists(p.parent_path() / (stem + ext))) c.document = (p.parent_path() / (stem + ext)).string();
      }
      c.dataset = fs::path(dir).filename().string();
      if (c.dataset.empty()) c.dataset = fs::path(dir).parent_path().filename().string();
      cases.push_back(std::move(c));
    }
  }
  return cases;
}

}  // namespace

ExitCode run_eval(const EvalFlags& f) {
  ProcessOptions options = to_process_options(f.processing);
  try {
    options.perturb = parse_perturbation(f.perturb);
  } catch (const std::invalid_argument& e) {
    throw Fatal(ExitCode::usage, fmt::format("--perturb {}: {}", f.perturb, e.what()));
  }
  std::string perturbation = describe_perturbation(options.perturb);
  OutputSettings settings = to_output_settings(f.processing);
  std::vector<Case> cases = collect_cases(f.dirs);
  if (cases.empty()) throw Fatal(ExitCode::usage, "no *.truth.json files found in the given folders");
  std::vector<std::pair<std::string, double>> bars;
  for (const auto& m : f.min) {
    try {
      bars.push_back(parse_min_bar(m));
    } catch (const std::exception& e) {
      throw Fatal(ExitCode::usage, fmt::format("--min {}: {}", m, e.what()));
    }
  }
  int workers = worker_count(f.processing.jobs);
  auto pool = make_pool(options, workers);
  std::vector<std::string> paths;
  for (const auto& c : cases) paths.push_back(c.document);
  std::vector<DocumentResult> results(cases.size());
  size_t done = 0;
  bool tty = log::stderr_is_tty() && log::level() >= log::Level::normal;
  process_many(paths, options, *pool, workers + 1, [&](size_t i, DocumentResult&& r) {
    results[i] = std::move(r);
    ++done;
    if (tty) fmt::print(log::stream(), "\r\033[Keval: {}/{} documents", done, paths.size());
  }, interrupted);
  if (tty) fmt::print(log::stream(), "\r\033[K");
  if (interrupted()) throw Fatal(ExitCode::interrupted, "interrupted");

  std::map<std::string, DatasetTally> tallies;
  std::vector<std::string> dataset_order;
  ordered_json errors = ordered_json::array();
  // Per-document confidence and correctness, for the threshold sweep.
  struct Point {
    double confidence;
    bool hard_reasons;
    bool correct;
  };
  std::map<std::string, std::vector<Point>> points;
  for (size_t i = 0; i < cases.size(); ++i) {
    const Case& c = cases[i];
    const DocumentResult& r = results[i];
    if (!tallies.count(c.dataset)) dataset_order.push_back(c.dataset);
    DatasetTally& t = tallies[c.dataset];
    ++t.documents;
    if (r.status == "FAILED") ++t.failed;
    bool all_correct = true;
    for (const auto& [name, accepted] : c.truth.fields) {
      const Field* field = r.extraction.get(extractor_field_for(name));
      std::optional<std::string> got = field ? std::optional<std::string>(field->value) : std::nullopt;
      FieldScore s = score_field(name, accepted, got);
      FieldTally& ft = t.fields[name];
      ++ft.labelled;
      ft.correct += s.correct;
      ft.similarity_sum += s.similarity;
      if (!s.correct) {
        all_correct = false;
        if (f.errors)
          errors.push_back({{"file", c.document}, {"field", name}, {"expected", accepted},
                            {"got", got ? ordered_json(*got) : ordered_json(nullptr)},
                            {"line", field ? ordered_json(field->text) : ordered_json(nullptr)},
                            {"status", r.status}});
      }
    }
    t.all_correct += all_correct;
    if (r.status == "COMPLETED") {
      ++t.auto_accepted;
      t.auto_accepted_correct += all_correct;
    }
    bool hard = std::any_of(r.assessment.review_reasons.begin(), r.assessment.review_reasons.end(), [](const std::string& s) {
      return s.rfind("low_confidence:", 0) != 0 && s != "low_document_confidence";
    });
    points[c.dataset].push_back({r.assessment.confidence, hard || r.status == "FAILED", all_correct});
    if (!f.save_text.empty() && r.status != "FAILED") save_text_files(f.save_text, r, fs::path(c.document).filename().string());
    if (!f.save_results.empty())
      write_file_atomically(f.save_results + "/" + fs::path(c.document).filename().string() + ".json",
                            dump_json(result_to_json(r, settings), 2) + "\n");
  }

  ordered_json report;
  report["datasets"] = ordered_json::array();
  std::vector<double> thresholds = {0.3, 0.4, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95};
  std::string text;
  bool below = false;
  std::vector<std::string> failures;
  for (const std::string& name : dataset_order) {
    const DatasetTally& t = tallies[name];
    ordered_json dj;
    dj["dataset"] = name;
    dj["documents"] = t.documents;
    dj["failed"] = t.failed;
    if (!perturbation.empty()) dj["perturbation"] = perturbation;
    ordered_json fields = ordered_json::object();
    text += fmt::format("{}: {} documents ({} failed){}\n", name, t.documents, t.failed,
                        perturbation.empty() ? "" : fmt::format(", images perturbed: {}", perturbation));
    text += fmt::format("  {:<16} {:>9} {:>8} {:>9} {:>11}\n", "field", "labelled", "correct", "accuracy", "similarity");
    for (const auto& [field, ft] : t.fields) {
      fields[field] = {{"labelled", ft.labelled}, {"correct", ft.correct},
                       {"accuracy", std::round(ft.accuracy() * 10000) / 10000},
                       {"mean_similarity", std::round(ft.mean_similarity() * 10000) / 10000}};
      text += fmt::format("  {:<16} {:>9} {:>8} {:>8.1f}% {:>11.3f}\n", field, ft.labelled, ft.correct,
                          100 * ft.accuracy(), ft.mean_similarity());
    }
    dj["fields"] = fields;
    dj["all_fields_correct"] = t.all_correct;
    dj["auto_accepted"] = t.auto_accepted;
    dj["auto_accepted_correct"] = t.auto_accepted_correct;
    dj["auto_accept_precision"] = std::round(t.precision() * 10000) / 10000;
    dj["automation_rate"] = std::round(t.automation() * 10000) / 10000;
    text += fmt::format("  documents with every field right: {}/{} ({:.1f}%)\n", t.all_correct, t.documents,
                        100.0 * t.all_correct / std::max(1, t.documents));
    text += fmt::format("  auto-accepted (COMPLETED): {}/{} = {:.1f}% automation, precision {:.1f}% ({}/{} fully right)\n",
                        t.auto_accepted, t.documents, 100 * t.automation(), 100 * t.precision(),
                        t.auto_accepted_correct, t.auto_accepted);
    if (f.sweep) {
      ordered_json sweep = ordered_json::array();
      text += fmt::format("  {:>9} {:>11} {:>10}\n", "threshold", "automation", "precision");
      for (double th : thresholds) {
        int accepted = 0, right = 0;
        for (const Point& p : points[name])
          if (!p.hard_reasons && p.confidence >= th) ++accepted, right += p.correct;
        double automation = static_cast<double>(accepted) / std::max(1, t.documents);
        double precision = accepted ? static_cast<double>(right) / accepted : 1.0;
        sweep.push_back({{"threshold", th}, {"accepted", accepted}, {"correct", right},
                         {"automation_rate", std::round(automation * 10000) / 10000},
                         {"precision", std::round(precision * 10000) / 10000}});
        text += fmt::format("  {:>9.2f} {:>10.1f}% {:>9.1f}%\n", th, 100 * automation, 100 * precision);
      }
      dj["sweep"] = sweep;
    }
    text += "\n";
    for (const auto& [bar_field, ratio] : bars) {
      std::string field = bar_field;
      size_t colon = field.find(':');
      if (colon != std::string::npos) {
        if (field.substr(0, colon) != name) continue;
        field = field.substr(colon + 1);
      }
      auto it = t.fields.find(field);
      if (it == t.fields.end()) continue;
      if (it->second.accuracy() + 1e-9 < ratio) {
        below = true;
        failures.push_back(fmt::format("{}: {} accuracy {:.1f}% is below {:.1f}%", name, field, 100 * it->second.accuracy(), 100 * ratio));
      }
    }
    if (f.min_precision >= 0 && t.precision() + 1e-9 < f.min_precision) {
      below = true;
      failures.push_back(fmt::format("{}: auto-accept precision {:.1f}% is below {:.1f}%", name, 100 * t.precision(), 100 * f.min_precision));
    }
    report["datasets"].push_back(dj);
  }
  if (f.errors) report["errors"] = errors;
  if (f.json) {
    fmt::print("{}\n", dump_json(report, 2));
  } else {
    fmt::print("{}", text);
    if (f.errors) {
      fmt::print("errors:\n");
      for (const auto& e : errors)
        fmt::print("  {} {}: expected {} got {} [{}] line: {}\n", e["file"].get<std::string>(), e["field"].get<std::string>(),
                   dump_json(e["expected"], -1), dump_json(e["got"], -1), e["status"].get<std::string>(),
                   e["line"].is_null() ? "-" : e["line"].get<std::string>());
    }
  }
  std::fflush(stdout);
  for (const auto& msg : failures) log::error(msg);
  if (below) return ExitCode::below_threshold;
  // Nothing could be read at all: that is not a measurement.
  bool all_failed = std::all_of(results.begin(), results.end(), [](const DocumentResult& r) { return r.status == "FAILED"; });
  if (all_failed) {
    log::error("every document FAILED; see the per-document errors with --errors or extract");
    return ExitCode::all_failed;
  }
  return ExitCode::ok;
}

}  // namespace receiptocr::cli
