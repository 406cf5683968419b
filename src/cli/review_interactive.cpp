// The interactive review loop, on a terminal: one document at a time, single-key commands,
// every decision stored at once as one transaction (so quitting, Ctrl-C or a closed terminal
// never leaves half a decision).
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "cmd_review.hpp"
#include "receiptocr/extract.hpp"
#include "receiptocr/log.hpp"
#include "receiptocr/review.hpp"
#include "receiptocr/text.hpp"
#include "state_folder.hpp"

namespace receiptocr::cli {

namespace {

constexpr char control_c = 3, control_d = 4;

// Puts the terminal in single-key mode for the lifetime of the object and restores it after.
// ISIG is off so Ctrl-C arrives as a key and quits between decisions, never in the middle.
class RawTerminal {
 public:
  RawTerminal() {
    if (tcgetattr(STDIN_FILENO, &saved_) == 0) {
      termios raw = saved_;
      raw.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO | ISIG);
      raw.c_cc[VMIN] = 1;
      raw.c_cc[VTIME] = 0;
      active_ = tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0;
    }
  }
  ~RawTerminal() {
    if (active_) tcsetattr(STDIN_FILENO, TCSANOW, &saved_);
  }
  RawTerminal(const RawTerminal&) = delete;
  RawTerminal& operator=(const RawTerminal&) = delete;

 private:
  termios saved_{};
  bool active_ = false;
};

void out(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

// One key; control_d at end of input (closed terminal).
char read_key() {
  char c = 0;
  while (true) {
    ssize_t n = read(STDIN_FILENO, &c, 1);
    if (n == 1) return c;
    if (n < 0 && errno == EINTR) continue;
    return control_d;
  }
}

// A line typed with echo (we echo ourselves in raw mode); nullopt on Escape, Ctrl-C or end of input.
std::optional<std::string> read_line(const std::string& prompt) {
  out(prompt);
  std::string line;
  while (true) {
    char c = read_key();
    if (c == '\r' || c == '\n') {
      out("\n");
      return line;
    }
    if (c == control_c || c == control_d || c == 27) {
      out(" (cancelled)\n");
      return std::nullopt;
    }
    if (c == 127 || c == 8) {
      if (!line.empty()) {
        // Remove a whole UTF-8 character.
        do line.pop_back();
        while (!line.empty() && (static_cast<unsigned char>(line.back()) & 0xC0) == 0x80);
        out("\b \b");
      }
      continue;
    }
    if (static_cast<unsigned char>(c) >= 32) {
      line += c;
      out(std::string(1, c));
    }
  }
}

bool use_colour() { return std::getenv("NO_COLOR") == nullptr; }
std::string bold(const std::string& s) { return use_colour() ? "\033[1m" + s + "\033[0m" : s; }
std::string warn(const std::string& s) { return use_colour() ? "\033[1;33m" + s + "\033[0m" : s; }

const char* help_text =
    "  a  approve (with the corrections made so far)\n"
    "  e  edit a field: its name or number, then a value (or #N for candidate N);\n"
    "     amounts, dates and currencies are checked and normalised (12,50 -> 12.50)\n"
    "  r  reject, with a reason\n"
    "  d  reject as a duplicate (of the possible_duplicate named, or of a document you give)\n"
    "  s  skip to the next document\n"
    "  o  open the file in a viewer ($RECEIPTOCR_VIEWER, else xdg-open)\n"
    "  u  undo the last decision\n"
    "  q  quit (Ctrl-C and Ctrl-D too); every decision is already saved\n"
    "  ?  this help\n";

std::string json_text(const ordered_json& v) {
  if (v.is_null()) return "";
  return v.is_string() ? v.get<std::string>() : v.dump();
}

void show_document(const DocumentRecord& r, size_t position, size_t total,
                   const std::map<std::string, std::string>& edits, const std::string& out_dir) {
  std::string text = fmt::format("\n{} {}  ({} of {})\n", bold("==="), bold(r.path), position, total);
  text += fmt::format("  id {}  confidence {:.3f}\n", r.sha256.substr(0, 12), r.confidence);
  text += fmt::format("  needs review: {}\n",
                      r.review_reasons.empty() ? "-" : warn(fmt::format("{}", fmt::join(r.review_reasons, ", "))));
  ordered_json result = ordered_json::parse(r.result_json);
  const ordered_json fields = result.value("fields", ordered_json::object());
  int number = 0;
  for (const std::string& name : field_names()) {
    ++number;
    ordered_json f = fields.contains(name) ? fields[name] : ordered_json(nullptr);
    std::string value = f.is_null() ? "" : json_text(f.value("value", ordered_json()));
    double confidence = f.is_null() ? 0 : f.value("confidence", 0.0);
    std::string line = fmt::format("  {:>2} {:<15} ", number, name);
    if (auto it = edits.find(name); it != edits.end()) {
      line += fmt::format("{}  (was {})", bold(it->second), value.empty() ? "empty" : value);
    } else if (f.is_null()) {
      line += "-";
    } else {
      std::string shown = fmt::format("{:<30} {:.2f}", value, confidence);
      line += confidence < 0.6 ? warn(shown + " LOW") : shown;
      if (f.contains("text") && f["text"].is_string()) line += fmt::format("  \"{}\"", f["text"].get<std::string>());
      int c = 0;
      const ordered_json candidates = f.value("candidates", ordered_json::array());
      std::string others;
      for (const auto& candidate : candidates)
        if (++c <= 5 && json_text(candidate.value("value", ordered_json())) != value)
          others += fmt::format("  #{} {}", c, json_text(candidate.value("value", ordered_json())));
      if (!others.empty()) line += "\n" + std::string(22, ' ') + "candidates:" + others;
    }
    text += line + "\n";
  }
  // OCR context when batch kept the text (--save-text).
  std::ifstream ocr(out_dir + "/" + r.path + ".txt");
  std::string ocr_line;
  int shown = 0;
  while (shown < 6 && std::getline(ocr, ocr_line))
    if (!trim(ocr_line).empty()) text += (shown++ ? "    | " : "  ocr | ") + ocr_line + "\n";
  out(text);
}

// Starts the viewer without a shell and without waiting for it: argv from $RECEIPTOCR_VIEWER
// split on spaces, then the file. Double fork so no zombie is left behind.
void open_viewer(const std::string& file) {
  const char* configured = std::getenv("RECEIPTOCR_VIEWER");
  std::vector<std::string> words;
  for (const std::string& w : split(configured && *configured ? configured : "xdg-open", ' '))
    if (!w.empty()) words.push_back(w);
  words.push_back(file);
  pid_t child = fork();
  if (child < 0) {
    out(warn("cannot start the viewer: fork failed") + "\n");
    return;
  }
  if (child == 0) {
    if (fork() == 0) {
      setsid();
      int null = open("/dev/null", O_RDWR);
      if (null >= 0) dup2(null, STDIN_FILENO), dup2(null, STDOUT_FILENO), dup2(null, STDERR_FILENO);
      std::vector<char*> argv;
      for (auto& w : words) argv.push_back(w.data());
      argv.push_back(nullptr);
      execvp(argv[0], argv.data());
      _exit(127);
    }
    _exit(0);
  }
  waitpid(child, nullptr, 0);
  out(fmt::format("opened {} with {}\n", file, words[0]));
}

struct Decided {
  DocumentRecord before;
  size_t index;
  ReviewAction action;
};

}  // namespace

ExitCode run_interactive(StateStore& store, const StateFolder& folder, const ReviewFlags& f) {
  std::string reviewer = f.reviewer;
  if (reviewer.empty()) reviewer = std::getenv("USER") && *std::getenv("USER") ? std::getenv("USER") : "unknown";
  auto order = parse_date_order(f.date_order);
  if (!order) throw Fatal(ExitCode::usage, fmt::format("--date-order {}: expected dmy, mdy or auto", f.date_order));
  std::vector<DocumentRecord> queue = store.list(DocumentStatus::needs_review);
  if (f.sort == "confidence")
    std::stable_sort(queue.begin(), queue.end(),
                     [](const auto& a, const auto& b) { return a.confidence < b.confidence; });
  else
    std::stable_sort(queue.begin(), queue.end(),
                     [](const auto& a, const auto& b) { return a.created_at < b.created_at; });
  if (queue.empty()) {
    out("Nothing to review.\n");
    return ExitCode::ok;
  }
  RawTerminal terminal;
  std::vector<Decided> undo;
  std::map<std::string, std::string> edits;
  int approved = 0, rejected = 0;
  size_t index = 0;
  bool redraw = true;
  // Takes back the last decision; false when the document changed since (nothing undone).
  auto undo_last = [&]() {
    Decided last = undo.back();
    undo.pop_back();
    if (!undo_decision(store, folder.out, last.before, reviewer)) {
      out(warn(fmt::format("{}: changed since; not undone", last.before.path)) + "\n");
      return false;
    }
    out(fmt::format("{}: back to {}\n", last.before.path, to_string(last.before.status)));
    (last.action == ReviewAction::approve ? approved : rejected)--;
    index = last.index;
    edits.clear();
    redraw = true;
    return true;
  };
  while (index <= queue.size()) {
    if (index == queue.size()) {
      // The end: offer to undo the last decision before leaving.
      if (undo.empty()) break;
      out("End of the queue. [u]ndo [q]uit > ");
      char key = read_key();
      out(key >= 32 ? std::string(1, key) + "\n" : "\n");
      if (key != 'u') break;
      undo_last();
      continue;
    }
    auto current = store.find(queue[index].sha256);
    if (!current || current->status != DocumentStatus::needs_review) {
      ++index;  // decided elsewhere meanwhile
      edits.clear();
      redraw = true;
      continue;
    }
    if (redraw) show_document(*current, index + 1, queue.size(), edits, folder.out);
    redraw = false;
    out("[a]pprove [e]dit [r]eject [d]uplicate [s]kip [o]pen [u]ndo [q]uit [?] > ");
    char key = read_key();
    out(key >= 32 ? std::string(1, key) + "\n" : "\n");
    auto decide = [&](ReviewAction action, const std::string& reason, const std::string& duplicate_of = {}) {
      ReviewDecision d;
      d.duplicate_of = duplicate_of;
      d.id = current->sha256;
      d.action = action;
      d.reviewer = reviewer;
      d.reason = reason;
      d.corrected_fields = edits;
      std::string error;
      auto record = validate_decision(store, d, *order, error);
      if (!record) {
        out(warn(error) + "\n");
        return;
      }
      store_decisions(store, folder.out, {{*record, d}});
      undo.push_back({*record, index, action});
      (action == ReviewAction::approve ? approved : rejected)++;
      out(fmt::format("{}: {}\n", current->path, action == ReviewAction::approve ? "APPROVED" : "REJECTED"));
      edits.clear();
      ++index;
      redraw = true;
    };
    switch (key) {
      case 'a':
        decide(ReviewAction::approve, "");
        break;
      case 'r': {
        auto reason = read_line("reason: ");
        if (reason && !trim(*reason).empty())
          decide(ReviewAction::reject, trim(*reason));
        else if (reason)
          out("a rejection needs a reason\n");
        break;
      }
      case 'd': {
        // Reject as a duplicate: of the document find-duplicates named, or of one typed in.
        ordered_json result = ordered_json::parse(current->result_json);
        std::string original;
        if (result.contains("possible_duplicate_of") && result["possible_duplicate_of"].is_object())
          original = result["possible_duplicate_of"].value("sha256", std::string());
        if (original.empty()) {
          auto typed = read_line("duplicate of (hash prefix or path): ");
          if (!typed || trim(*typed).empty()) break;
          original = trim(*typed);
        }
        decide(ReviewAction::reject, "", original);
        break;
      }
      case 'e': {
        auto which = read_line("field (name or number): ");
        if (!which || trim(*which).empty()) break;
        std::string name = to_lower(trim(*which));
        const auto& names = field_names();
        if (!name.empty() && std::all_of(name.begin(), name.end(), ::isdigit)) {
          size_t n = std::stoul(name);
          if (n >= 1 && n <= names.size()) name = names[n - 1];
        }
        auto value = read_line(fmt::format("{}: ", name));
        if (!value) break;
        std::string input = trim(*value);
        if (input.size() > 1 && input[0] == '#') {
          // #N picks the extractor's candidate N.
          ordered_json result = ordered_json::parse(current->result_json);
          ordered_json field = result["fields"].value(name, ordered_json(nullptr));
          size_t n = std::strtoul(input.c_str() + 1, nullptr, 10);
          if (field.is_object() && n >= 1 && n <= field.value("candidates", ordered_json::array()).size())
            input = json_text(field["candidates"][n - 1]["value"]);
        }
        std::string error;
        auto normalized = normalize_field_input(name, input, *order, error);
        if (!normalized) {
          out(warn(error) + "\n");
          break;
        }
        edits[name] = *normalized;
        out(fmt::format("{} = {} (saved with the decision)\n", name, *normalized));
        redraw = true;
        break;
      }
      case 's':
        edits.clear();
        ++index;
        redraw = true;
        break;
      case 'o':
        open_viewer(current->source.empty() ? folder.out + "/" + current->path : current->source);
        break;
      case 'u':
        if (undo.empty()) {
          out("nothing to undo\n");
          break;
        }
        undo_last();
        break;
      case '?':
      case 'h':
        out(help_text);
        break;
      case 'q':
      case control_c:
      case control_d:
        index = queue.size() + 1;
        break;
      default:
        out("? shows the keys\n");
    }
  }
  out(fmt::format("{} approved, {} rejected.\n", approved, rejected));
  return ExitCode::ok;
}

}  // namespace receiptocr::cli
