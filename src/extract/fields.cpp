// Document-level extraction: turns lines into scored field candidates and picks the best.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <regex>
#include <set>

#include "receiptocr/amount.hpp"
#include "receiptocr/currency.hpp"
#include "receiptocr/extract.hpp"
#include "receiptocr/postcode.hpp"
#include "receiptocr/text.hpp"

namespace receiptocr {

const std::vector<std::string>& field_names() {
  static const std::vector<std::string> names = {
      "merchant",     "vendor_address", "vendor_phone", "vendor_email", "vendor_tax_id",  "date",
      "due_date",     "invoice_number", "currency",     "subtotal",     "tax",            "tip",
      "total",        "payment_method"};
  return names;
}

bool is_amount_field(std::string_view name) {
  return name == "subtotal" || name == "tax" || name == "tip" || name == "total";
}

bool is_date_field(std::string_view name) { return name == "date" || name == "due_date"; }

const Field* Extraction::get(std::string_view name) const {
  auto it = fields.find(std::string(name));
  return it == fields.end() ? nullptr : &it->second;
}

std::optional<Decimal> Extraction::amount(std::string_view name) const {
  const Field* f = get(name);
  return f ? Decimal::from_string(f->value) : std::nullopt;
}

namespace {

// Words of two or more letters or digits are weighed; specks and single characters are not.
bool weighed(const Word& w) { return count_letters(w.text) + count_digits(w.text) >= 2; }

struct LineInfo {
  const Line* line = nullptr;
  int index = 0;
  std::string text;
  std::vector<std::string> words;
  std::vector<AmountMatch> amounts;  // money-looking, not percentages
  std::vector<AmountRole> amount_roles;  // per amount: the role its own label gives it, else the line's
  std::vector<DateMatch> dates;
  AmountRole role = AmountRole::none;
  bool has_role(AmountRole r) const {
    return role == r || std::find(amount_roles.begin(), amount_roles.end(), r) != amount_roles.end();
  }
  double relative_position = 0;  // 0 top .. 1 bottom of the document
  bool letter_spaced = false;    // printed in spaced letters ("K A U R I   &   C O")
};

// How many of the first lines are the header, where names are looked for: a quarter of the
// document, at least 8 lines.
int header_lines(const std::vector<LineInfo>& infos) {
  return std::min<int>(static_cast<int>(infos.size()), std::max(8, static_cast<int>(infos.size()) / 4));
}

// The words of `line` that spell `name` (their letters and digits are one of its words'): the
// least certain of them by name_word_confidence() (weighed words only), and their box.
struct NameWords {
  double lowest = 1.0;
  BoundingBox box;
};
NameWords name_words_on(const Line& line, const std::string& name) {
  std::vector<std::string> keys;
  for (const std::string& t : split(name, ' ')) keys.push_back(alnum_key(t));
  NameWords out;
  for (const Word& w : line.words) {
    std::string key = alnum_key(w.text);
    if (key.empty() || std::find(keys.begin(), keys.end(), key) == keys.end()) continue;
    if (weighed(w)) out.lowest = std::min(out.lowest, name_word_confidence(w.text, w.confidence));
    out.box = out.box.united(w.box);
  }
  return out;
}

struct ScoredAmount {
  Decimal value;
  double score = 0;
  int line = -1;
  size_t begin = 0, end = 0;
};

Field make_field(const std::string& value, double evidence, const LineInfo* info, size_t begin, size_t end) {
  Field f;
  f.value = value;
  f.evidence = std::clamp(evidence, 0.0, 1.0);
  if (info) {
    f.line = info->index;
    f.page = info->line->page;
    f.text = info->text;
    if (end > begin) {
      f.box = info->line->box_of(begin, end);
      f.ocr_confidence = info->line->min_confidence_of(begin, end);
    } else {
      f.box = info->line->box;
      f.ocr_confidence = info->line->confidence();
    }
  }
  // Provisional confidence: the rule's strength tempered by how sure OCR was of the characters.
  f.confidence = std::clamp(f.evidence * (0.35 + 0.65 * f.ocr_confidence), 0.0, 1.0);
  return f;
}

// Money amounts of a line: written with decimals, not rates, not inside a date.
std::vector<AmountMatch> money_amounts(const std::string& text, const std::vector<DateMatch>& dates, bool space_groups) {
  std::vector<AmountMatch> out;
  for (const AmountMatch& a : find_amounts(text, space_groups)) {
    if (a.percent) continue;
    bool in_date = std::any_of(dates.begin(), dates.end(), [&](const DateMatch& d) { return a.begin < d.end && d.begin < a.end; });
    if (in_date) continue;
    // A time ("2:31:17 PM" read as "231.17 PM") or a weight ("1.95 lb", "12.10 oz").
    std::vector<std::string> after = keyword_words(std::string_view(text).substr(a.end, 8));
    if (!after.empty() && text.size() > a.end && text[a.end] != ',' &&
        (after[0] == "AM" || after[0] == "PM" || after[0] == "LB" || after[0] == "LBS" || after[0] == "OZ" || after[0] == "KG"))
      continue;
    out.push_back(a);
  }
  return out;
}

const AmountMatch* rightmost_money(const LineInfo& info, bool require_decimals, AmountRole role) {
  for (size_t k = info.amounts.size(); k-- > 0;) {
    const AmountMatch& a = info.amounts[k];
    if ((a.has_decimals || !require_decimals) && info.amount_roles[k] == role) return &a;
  }
  return nullptr;
}

// A labelled amount's line of a text layer ending in thousands grouped by single spaces
// before a decimal point, with no currency sign ("VAT @ 15%        3 155.68", "Total current
// charges excluding VAT   21 037.89"): the groups are one amount. find_amounts() joins such
// groups only after a sign or before a decimal comma, for a quantity before a price is as
// likely elsewhere ("3 155.68" as 3 at 155.68); a total's, a tax's or a subtotal's line has
// no quantity, and a text layer no stray digit.
void join_space_grouped_last(LineInfo& info) {
  static const std::regex grouped(R"((?:^|\s{2}|[A-Za-z%:)]\s)(-?\d{1,3}(?: \d{3})+\.\d{2})\s*$)");
  std::smatch m;
  const std::string text(regex_subject(info.text));
  if (text.size() != info.text.size() || !std::regex_search(text, m, grouped)) return;
  size_t begin = static_cast<size_t>(m.position(1)), end = begin + static_cast<size_t>(m.length(1));
  std::string joined = m[1].str();
  joined.erase(std::remove(joined.begin(), joined.end(), ' '), joined.end());
  auto parsed = find_amounts(joined);
  if (parsed.size() != 1 || !parsed[0].has_decimals) return;
  AmountMatch a = parsed[0];
  a.begin = begin;
  a.end = end;
  // The pieces it was read as go; amounts before it stay.
  std::erase_if(info.amounts, [&](const AmountMatch& x) { return x.end > begin; });
  info.amounts.push_back(a);
}

// A table's rule: a line of dashes, pluses and bars only ("-----+-----", "+-----+-----+").
bool is_rule_line(const LineInfo& info) {
  return !info.text.empty() && count_letters(info.text) + count_digits(info.text) == 0;
}

// Words first..last-1 joined by single spaces.
std::string join_words(const std::vector<Word>& words, size_t first, size_t last) {
  std::string text;
  for (size_t k = first; k < last; ++k) text += (text.empty() ? "" : " ") + words[k].text;
  return text;
}

// A total's label alone in a column of its line (a box: "| Total de plata |" beside other
// text, not a row of column headings) with its amount under it in the same column, one or two lines down, past a note without amounts
// ("| (col. 5 + col. 6) |", "|          29.823,30 lei |"). Laid-out words only.
std::optional<std::pair<const LineInfo*, AmountMatch>> amount_below_label_column(const std::vector<LineInfo>& infos,
                                                                                 size_t i, AmountRole role) {
  const Line& line = *infos[i].line;
  if (!infos[i].amounts.empty() || line.words.empty() || is_item_table_heading(infos[i].words)) return std::nullopt;
  if (role != AmountRole::total && role != AmountRole::total_strong) return std::nullopt;
  // A text layer's layout (its words are certain): OCR's columns of a photographed receipt
  // are an item table's as often ("Qty Item Amount" read "Ce Me Amount").
  if (std::any_of(line.words.begin(), line.words.end(), [](const Word& w) { return w.confidence < 1.0; }))
    return std::nullopt;
  // The label's box beside other text: not a row of column headings.
  auto columns = column_segments(line.words);
  if (columns.size() != 2) return std::nullopt;
  BoundingBox column;
  for (auto [first, last] : columns)
    if (classify_amount_line(join_words(line.words, first, last)) == role) {
      column = words_box(line.words, first, last);
      break;
    }
  if (column.empty()) return std::nullopt;
  auto within = [&column](const BoundingBox& b) { return !b.empty() && b.left < column.right + column.width() / 2 && b.right > column.left; };
  for (size_t j = i + 1; j < infos.size() && j <= i + 2 && infos[j].line->page == line.page; ++j) {
    const LineInfo& below = infos[j];
    for (size_t k = below.amounts.size(); k-- > 0;) {
      const AmountMatch& a = below.amounts[k];
      if (a.has_decimals && below.amount_roles[k] == AmountRole::none && within(below.line->box_of(a.begin, a.end)))
        return std::make_pair(&below, a);
    }
    // A note in the column may stand between, not another label or an amount.
    std::string cell;
    for (const Word& w : below.line->words)
      if (within(w.box)) cell += (cell.empty() ? "" : " ") + w.text;
    if (count_digits(cell) > 0 && cell.find('(') == std::string::npos) return std::nullopt;
    if (classify_amount_line(cell) != AmountRole::none) return std::nullopt;
  }
  return std::nullopt;
}

// The amount a keyword announces: on the same line (the rightmost one its label governs),
// or alone on the next line (two-column layouts that OCR split).
std::optional<std::pair<const LineInfo*, AmountMatch>> announced_amount(const std::vector<LineInfo>& infos, size_t i,
                                                                         AmountRole role) {
  if (const AmountMatch* a = rightmost_money(infos[i], true, role)) return std::make_pair(&infos[i], *a);
  if (infos[i].role == role && infos[i].amounts.empty() && i + 1 < infos.size() && infos[i + 1].role == AmountRole::none &&
      !is_item_table_heading(infos[i].words) &&
      infos[i + 1].line->page == infos[i].line->page && count_letters(infos[i + 1].text) <= 3) {
    if (const AmountMatch* a = rightmost_money(infos[i + 1], true, AmountRole::none)) return std::make_pair(&infos[i + 1], *a);
  }
  if (auto below = amount_below_label_column(infos, i, role)) return below;
  return std::nullopt;
}

std::vector<Candidate> top_candidates(std::vector<ScoredAmount> scored) {
  std::stable_sort(scored.begin(), scored.end(), [](const ScoredAmount& a, const ScoredAmount& b) { return a.score > b.score; });
  std::vector<Candidate> out;
  std::set<std::string> seen;
  for (const auto& s : scored) {
    std::string v = s.value.to_string();
    if (!seen.insert(v).second) continue;
    out.push_back({v, std::round(s.score * 1000) / 1000, s.line});
    if (out.size() == 5) break;
  }
  return out;
}

// Picks the best amount announced by lines of the given roles; later lines win ties
// (a receipt restates its subtotal/total after adjustments).
std::optional<ScoredAmount> best_role_amount(const std::vector<LineInfo>& infos, std::initializer_list<AmountRole> roles,
                                             std::vector<ScoredAmount>* all) {
  std::optional<ScoredAmount> best;
  auto consider = [&](const LineInfo& info, const AmountMatch& a, double position) {
    ScoredAmount s{a.value.abs(), 0.8 + 0.05 * position, info.index, a.begin, a.end};
    if (all) all->push_back(s);
    if (!best || s.score >= best->score) best = s;
  };
  for (size_t i = 0; i < infos.size(); ++i) {
    const LineInfo& info = infos[i];
    for (AmountRole role : roles) {
      if (!info.has_role(role)) continue;
      // Every amount this role governs on the line ("Exclusief BTW 593,36 Subtotaal 717,97"
      // has two subtotal-like ones); the rightmost wins ties.
      bool any = false;
      for (size_t k = 0; k < info.amounts.size(); ++k)
        if (info.amount_roles[k] == role && info.amounts[k].has_decimals) {
          consider(info, info.amounts[k], info.relative_position);
          any = true;
        }
      if (any) continue;
      if (auto found = announced_amount(infos, i, role)) consider(*found->first, found->second, info.relative_position);
    }
  }
  return best;
}

void put_amount(Extraction& ex, const std::string& name, const ScoredAmount& s, const std::vector<LineInfo>& infos,
                double evidence, std::vector<Candidate> candidates = {}) {
  const LineInfo& info = infos[static_cast<size_t>(s.line)];
  // "BALANCE DUE 5.5" is far more often 5.55 with its last digit lost than 5.50: keep the
  // value, but not the confidence that would auto-accept it.
  if (s.end > s.begin && s.end <= info.text.size() &&
      fraction_digits(std::string_view(info.text).substr(s.begin, s.end - s.begin)) == 1)
    evidence *= 0.5;
  Field f = make_field(s.value.to_string(), evidence, &info, s.begin, s.end);
  f.candidates = std::move(candidates);
  ex.fields[name] = f;
}

// ---- total ------------------------------------------------------------------------------

// Distinct tax lines add up; a tax repeated in a summary table counts once. Taxes split by
// law into equal halves under their own names (India's CGST and SGST) are distinct however
// alike. `distinct` (if given) receives how many different taxes there were.
Decimal distinct_tax_sum(const std::vector<ScoredAmount>& taxes, const std::vector<LineInfo>& infos,
                         size_t* distinct = nullptr) {
  std::set<std::string> seen;
  Decimal sum{};
  static const std::set<std::string> split_taxes = {"CGST", "SGST", "UTGST", "IGST", "CESS", "PST", "QST", "TPS", "TVQ"};
  for (const auto& t : taxes) {
    std::string key = t.value.to_string();
    if (t.line >= 0 && static_cast<size_t>(t.line) < infos.size())
      for (const std::string& w : infos[static_cast<size_t>(t.line)].words)
        if (split_taxes.count(w)) {
          key += " " + w;
          break;
        }
    if (seen.insert(key).second) sum = sum + t.value;
  }
  if (distinct) *distinct = seen.size();
  return sum;
}

// A value worked out from other amounts: no source line, page or box (JSON: "page": null,
// "bbox": null, "text": null).
void mark_inferred(Field& f) {
  f.line = -1;
  f.page = 0;
  f.box = {};
  f.text.clear();
}

// No total could be read (the line is garbled: "Total 20S"), but the amounts around it give
// it: cash tendered minus change, else subtotal plus tax (plus a rounding adjustment). The
// value is marked inferred (no source line) and kept below the routing threshold, so the
// document goes to review with a suggestion rather than with nothing.
void infer_total(Extraction& ex, const std::vector<LineInfo>& infos, const std::optional<ScoredAmount>& tendered,
                 const std::optional<ScoredAmount>& change, const std::optional<ScoredAmount>& subtotal,
                 const std::vector<ScoredAmount>& taxes, const std::optional<ScoredAmount>& rounding) {
  std::optional<ScoredAmount> from;
  Decimal value{};
  if (tendered && change && change->value < tendered->value) {
    value = tendered->value - change->value;
    from = change;
  } else if (subtotal && !taxes.empty()) {
    Decimal tax = distinct_tax_sum(taxes, infos);
    value = subtotal->value + tax;
    // A subtotal that already holds the tax: the net amount (subtotal - tax) is printed too,
    // as in a tax summary ("Sub Total 42.40", "SR 40.00 2.40").
    Decimal net = subtotal->value - tax;
    for (const LineInfo& info : infos)
      for (const AmountMatch& a : info.amounts)
        if (a.has_decimals && a.value == net && !net.is_zero()) value = subtotal->value;
    if (rounding) value = value + rounding->value;
    from = subtotal;
  }
  if (!from || value.is_negative() || value.is_zero()) return;
  ScoredAmount s = *from;
  s.value = value;
  put_amount(ex, "total", s, infos, 0.4);
  mark_inferred(ex.fields["total"]);
}

// Evidence kept by a total whose printed reading two sums outvoted.
constexpr double kOutvotedReading = 0.5;
// Evidence kept by a total another reading of it disputes (dispute_total).
constexpr double kDisputedReading = 0.6;

void split_by_printed_rate(Extraction& ex, const std::vector<LineInfo>& infos);
const AmountMatch* printed_net_beside_tax(const std::vector<LineInfo>& infos, const Field& tax, const Field& total,
                                          size_t distinct_taxes);
// A net amount printed in a tax summary row is as sure a subtotal as one its label names.
constexpr double kPrintedNetEvidence = 0.8;

// A rounding line is printed, whether or not OCR read its amount ("ROUNDING : Q.02",
// "Rounding : 0.011"): the amounts may differ by what it rounds.
bool prints_rounding(const std::vector<LineInfo>& infos) {
  return std::any_of(infos.begin(), infos.end(), [](const LineInfo& info) { return info.has_role(AmountRole::rounding); });
}

// Amounts that should equal the total, each with the line it was read from: the other total
// lines, what was paid (cash minus change, or a payment without change: a card pays the total
// exactly), and subtotal plus tax. When one of them differs from the total read in one misread
// digit ("Total 47.10" over "CASH 47.70", "Total Gross 886.17" over "Visa 88.17"), OCR misread one
// of the two, and the total is in doubt: its confidence falls below what auto-accepts, and the
// other reading is its second candidate. When two such amounts from other lines agree on the
// other reading and nothing but its own line gives the total read, theirs is taken (evidence
// halved: for review). A difference that cash rounding explains (72.93 paid as 72.95 after a
// rounding line) is no dispute. A tax summary row that prints a net amount and then a tax
// another line states (`TOTAL: 16.98 1.02` under `TOTAL TAX 1.02`) is a witness too: net + tax.
void dispute_total(Extraction& ex, const std::vector<LineInfo>& infos, const std::vector<ScoredAmount>& candidates,
                   const ScoredAmount& best,
                   const std::optional<ScoredAmount>& tendered, const std::optional<ScoredAmount>& change,
                   const std::optional<ScoredAmount>& subtotal, const std::vector<ScoredAmount>& taxes,
                   const std::optional<ScoredAmount>& rounding, bool rounding_printed) {
  Field& f = ex.fields["total"];
  std::optional<Decimal> read = Decimal::from_string(f.value);
  if (!read) return;
  struct Witness {
    Decimal value;
    int line;
  };
  std::vector<Witness> witnesses;
  std::set<int> total_lines;
  for (const ScoredAmount& c : candidates)
    if (c.score >= 0.7 && c.line != best.line && total_lines.insert(c.line).second) witnesses.push_back({c.value, c.line});
  if (tendered && change && change->value < tendered->value) witnesses.push_back({tendered->value - change->value, tendered->line});
  else if (tendered && !change) witnesses.push_back({tendered->value, tendered->line});
  if (subtotal && !taxes.empty()) witnesses.push_back({subtotal->value + distinct_tax_sum(taxes, infos), subtotal->line});
  for (const LineInfo& info : infos) {
    if (info.index == best.line) continue;
    std::vector<Decimal> money;
    for (const AmountMatch& a : info.amounts)
      if (a.has_decimals && !a.value.is_negative()) money.push_back(a.value);
    if (money.size() < 2) continue;
    const Decimal& tax = money.back();
    const Decimal& net = money[money.size() - 2];
    // The tax stated on another line: a row's own misread tax vouches for nothing.
    bool stated = std::any_of(taxes.begin(), taxes.end(),
                              [&](const ScoredAmount& t) { return t.value == tax && t.line != info.index; });
    if (stated && !tax.is_zero() && tax < net) witnesses.push_back({net + tax, info.index});
  }
  // A rounding line explains a difference cash rounding makes even when OCR lost its amount
  // ("Rounding : 0.011").
  auto explained = [&](const Decimal& a, const Decimal& b) {
    if ((rounding || rounding_printed) && (cash_rounds_to(a, b) || cash_rounds_to(b, a))) return true;
    return rounding && (a + rounding->value == b || b + rounding->value == a || a - rounding->value.abs() == b ||
                        b - rounding->value.abs() == a);
  };
  auto support = [&](const Decimal& v) {
    std::set<int> lines;
    for (const Witness& w : witnesses)
      if (w.value == v && w.line != best.line) lines.insert(w.line);
    return static_cast<int>(lines.size());
  };
  int for_read = support(*read);
  std::optional<Decimal> rival;
  int for_rival = 0;
  for (const Witness& w : witnesses) {
    if (w.value == *read || w.value.is_zero() || explained(w.value, *read)) continue;
    if (!one_digit_apart(w.value, *read) && !one_digit_inserted(w.value, *read)) continue;
    int n = support(w.value);
    if (n > for_rival) rival = w.value, for_rival = n;
  }
  if (!rival || for_rival < for_read) return;
  std::string other = rival->to_string();
  std::erase_if(f.candidates, [&](const Candidate& c) { return c.value == other; });
  if (for_rival >= 2 && for_read == 0) {
    f.candidates.insert(f.candidates.begin(), Candidate{other, 0.5, -1});
    f.value = other;
    f.evidence *= kOutvotedReading;
    f.confidence *= kOutvotedReading;
    return;
  }
  f.candidates.insert(f.candidates.begin() + (f.candidates.empty() ? 0 : 1), Candidate{other, 0.5, -1});
  f.evidence *= kDisputedReading;
  f.confidence *= kDisputedReading;
}

// A tax table's column total as a scored amount: on the sum row when printed (where the amount
// is), else on the row OCR was least sure of.
ScoredAmount tax_table_amount(const std::vector<LineInfo>& infos, const TaxTable& table, const Decimal& value,
                              double score) {
  if (table.sum_line || table.rows.size() == 1) {
    const LineInfo& info = infos[table.last_line()];
    for (size_t k = info.amounts.size(); k-- > 0;)
      if (info.amounts[k].value == value) return {value, score, info.index, info.amounts[k].begin, info.amounts[k].end};
    return {value, score, info.index, 0, 0};
  }
  const LineInfo* least = &infos[table.rows.front().line];
  for (const TaxTableRow& r : table.rows)
    if (infos[r.line].line->confidence() < least->line->confidence()) least = &infos[r.line];
  return {value, score, least->index, 0, 0};
}

// A line that states its amounts in a currency other than the document's, by a marker at
// least `strength` strong (1 for ISO codes only: OCR makes a "£" of specks on a photo).
bool restated_in_other_currency(const LineInfo& info, const Field* currency, double strength = 0.9) {
  if (!currency || currency->value.empty()) return false;
  for (const CurrencyMatch& m : find_currencies(info.text))
    if (m.strength >= strength && m.code != currency->value) return true;
  return false;
}

// What a tax read without its decimal point keeps of a tax read whole: three amounts read
// apart agree on it, but one character of it is not on the page.
constexpr double kLostPointEvidence = 0.6;

// A tax OCR read without its decimal point ("Total GST 571" for 5.71: on a thermal print the
// point is a speck, easily lost), in a currency of cents. When the subtotal and that amount in
// cents make the total read (before or after a printed rounding), the point was lost, not a
// digit: the tax line's amount in cents. Only a bare run of two to five digits, the only amount
// its tax line governs; nullopt otherwise.
std::optional<ScoredAmount> tax_without_its_point(const Extraction& ex, const std::vector<LineInfo>& infos,
                                                  const ScoredAmount& subtotal,
                                                  const std::optional<ScoredAmount>& rounding) {
  const Field* total_field = ex.get("total");
  if (!total_field || total_field->line < 0) return std::nullopt;
  std::optional<Decimal> total = Decimal::from_string(total_field->value);
  if (!total) return std::nullopt;
  std::optional<ScoredAmount> found;
  for (const LineInfo& info : infos) {
    if (!info.has_role(AmountRole::tax) || info.index == total_field->line || info.index == subtotal.line) continue;
    const AmountMatch* bare = nullptr;
    int governed = 0;
    for (size_t k = 0; k < info.amounts.size(); ++k) {
      if (info.amount_roles[k] != AmountRole::tax) continue;
      ++governed;
      const AmountMatch& a = info.amounts[k];
      std::string_view printed = std::string_view(info.text).substr(a.begin, a.end - a.begin);
      bool digits = printed.size() >= 2 && printed.size() <= 5 &&
                    std::all_of(printed.begin(), printed.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (!a.has_decimals && !a.percent && digits) bare = &a;
    }
    if (!bare || governed != 1) continue;
    Decimal cents{bare->value.rescaled(0).mantissa, 2};
    Decimal sum = subtotal.value + cents;
    bool adds_up = sum == *total || (rounding && (sum + rounding->value == *total || sum - rounding->value.abs() == *total));
    if (!adds_up) continue;
    if (found) return std::nullopt;  // two lines would do: neither is sure
    found = ScoredAmount{cents, 0.75, info.index, bare->begin, bare->end};
  }
  return found;
}

// Subtotal and tax not read, or read so that they do not make the total, but a totals row
// prints both under its table's net and tax columns ("Total   25.061,60   4.761,70", below
// "Valoarea  Val. TVA"; "TOTALS  3,031.00  574.80  3,605.80" under "Net  VAT  Gross"), and
// together they make the total read on another line: the row's first two amounts are the
// subtotal and the tax.
void net_and_tax_from_totals_row(Extraction& ex, const std::vector<LineInfo>& infos) {
  const Field* total = ex.get("total");
  if (!total || total->line < 0) return;
  auto t = Decimal::from_string(total->value);
  if (!t) return;
  if (ex.get("subtotal") || ex.get("tax")) {
    auto n = ex.amount("subtotal"), x = ex.amount("tax");
    if (!n || !x || *n + *x == *t) return;
  }
  for (const LineInfo& info : infos) {
    if (info.index == total->line || !(info.has_role(AmountRole::total) || info.has_role(AmountRole::total_strong))) continue;
    std::vector<const AmountMatch*> money;
    for (const AmountMatch& a : info.amounts)
      if (a.has_decimals && !a.value.is_negative()) money.push_back(&a);
    // The row's gross column, when printed, is the total itself.
    if (money.size() == 3 && money[2]->value == *t) money.pop_back();
    if (money.size() != 2) continue;
    const AmountMatch &net = *money[0], &tax = *money[1];
    if (!(tax.value < net.value) || tax.value.is_zero() || !(net.value + tax.value == *t)) continue;
    ex.fields["subtotal"] = make_field(net.value.to_string(), kPrintedNetEvidence, &info, net.begin, net.end);
    ex.fields["tax"] = make_field(tax.value.to_string(), 0.75, &info, tax.begin, tax.end);
    return;
  }
}

// Evidence of a total moved from the net amount to the gross one printed elsewhere.
constexpr double kGrossInsteadOfNet = 0.6;

// A "total" that is the subtotal read again while a tax is added on top ("Total ¥76,384" in a
// tax breakdown's row, with "Subtotal (tax excluded) ¥76,384" and "Consumption tax ¥6,338")
// passes the sum check as if the prices held the tax. When the subtotal's own line says it
// excludes the tax and another line, neither a payment nor a carried balance, prints subtotal
// + tax ("Purchases this month incl. consumption tax ¥82,722"), that amount is the total.
void net_total_to_gross(Extraction& ex, const std::vector<LineInfo>& infos) {
  const Field* total = ex.get("total");
  const Field* subtotal = ex.get("subtotal");
  const Field* tax = ex.get("tax");
  if (!total || !subtotal || !tax || subtotal->line < 0 || static_cast<size_t>(subtotal->line) >= infos.size()) return;
  auto t = Decimal::from_string(total->value), n = Decimal::from_string(subtotal->value), x = Decimal::from_string(tax->value);
  if (!t || !n || !x || !(*t == *n) || x->is_zero() || x->is_negative()) return;
  const std::vector<std::string>& label = infos[static_cast<size_t>(subtotal->line)].words;
  static constexpr std::array<std::string_view, 14> excludes = {"EXCL",  "EXCLUDED", "EXCLUDING", "EXCLUSIVE", "BEFORE TAX",
                                                                 "NET",   "NETTO",    "HT",        "OHNE",      "SIN",
                                                                 "SEM",   "SANS",     "ZONDER",    "EXKL"};
  if (std::none_of(excludes.begin(), excludes.end(), [&](std::string_view p) { return has_phrase(label, p); })) return;
  Decimal gross = *n + *x;
  for (const LineInfo& info : infos) {
    if (info.has_role(AmountRole::tendered) || info.has_role(AmountRole::change) || carries_balance(info.words)) continue;
    for (const AmountMatch& a : info.amounts) {
      if (!a.has_decimals || !(a.value == gross)) continue;
      ScoredAmount s{gross, kGrossInsteadOfNet, info.index, a.begin, a.end};
      std::vector<Candidate> candidates = total->candidates;
      put_amount(ex, "total", s, infos, kGrossInsteadOfNet, std::move(candidates));
      return;
    }
  }
}

void extract_amounts(Extraction& ex, const std::vector<LineInfo>& infos, const std::optional<TaxTable>& table) {
  std::vector<ScoredAmount> subtotal_all, tax_all;
  auto subtotal = best_role_amount(infos, {AmountRole::subtotal}, &subtotal_all);
  // A tax table's net column is the subtotal when no line outside the table prints one.
  if (table && table->net &&
      (!subtotal || (static_cast<size_t>(subtotal->line) >= table->heading &&
                     static_cast<size_t>(subtotal->line) <= table->last_line()))) {
    subtotal = tax_table_amount(infos, *table, *table->net, 0.8);
    subtotal_all.insert(subtotal_all.begin(), *subtotal);
  }
  std::vector<ScoredAmount> taxes;
  const Field* currency = ex.get("currency");
  int minor_units = currency ? currency_minor_units(currency->value) : 2;
  // Several tax lines (CGST + SGST, two VAT rates): the tax is their sum when they differ.
  for (size_t i = 0; i < infos.size(); ++i) {
    if (!infos[i].has_role(AmountRole::tax)) continue;
    auto found = announced_amount(infos, i, AmountRole::tax);
    // A summary row with a rate ("SR 6% 78.30 4.70 83.00", "SR 6 37.50 225", often under a
    // "GST SUMMARY" heading): the amount the rate gives, not the row's last number.
    const LineInfo& row_line = found ? *found->first : infos[i];
    if (std::optional<Decimal> row = tax_from_rate_row(row_line.text)) {
      taxes.push_back({*row, 0.75, row_line.index, 0, 0});
      continue;
    }
    if (!found) continue;
    // "SR (@ 6%) 28.58 1.727": a third decimal where the currency has two is a speck read as a
    // digit; the tax line that prints it right ("GST 1.72") is the one to use.
    // (An amount read in whole units, "12.800" for 12800, has no third decimal.)
    const Decimal& v = found->second.value;
    if (minor_units == 2 && v.scale > 2 && !(v.rescaled(2) == v)) continue;
    // A tax restated in another currency ("For information only: taxable amount EUR 575.02,
    // VAT EUR 132.26" on a bill in dollars) is not the document's, as with the total.
    if (restated_in_other_currency(*found->first, currency, 1.0)) continue;
    taxes.push_back({found->second.value.abs(), 0.75, found->first->index, found->second.begin, found->second.end});
  }
  std::erase_if(subtotal_all, [&](const ScoredAmount& a) {
    return a.line >= 0 && restated_in_other_currency(infos[static_cast<size_t>(a.line)], currency, 1.0);
  });
  if (subtotal && subtotal->line >= 0 &&
      restated_in_other_currency(infos[static_cast<size_t>(subtotal->line)], currency, 1.0)) {
    subtotal.reset();
    for (const ScoredAmount& a : subtotal_all)
      if (!subtotal || a.score > subtotal->score) subtotal = a;
  }
  // A tax table that adds up states the whole tax, once: its rows' tax lines are not more taxes.
  if (table && table->tax) taxes = {tax_table_amount(infos, *table, *table->tax, 0.75)};
  auto tip = best_role_amount(infos, {AmountRole::tip}, nullptr);
  auto service = best_role_amount(infos, {AmountRole::service}, nullptr);
  auto discount = best_role_amount(infos, {AmountRole::discount}, nullptr);
  auto rounding = best_role_amount(infos, {AmountRole::rounding}, nullptr);
  // Payments are printed after the amounts they pay: a "tendered" or "change" line above the
  // first subtotal, tax or total line is an item whose name holds a payment word ("BIRTHDAY
  // CARD 3.99", "OIL CHANGE 29.99"). The best of those below it, if any.
  size_t first_summary = infos.size();
  for (size_t i = 0; i < infos.size() && first_summary == infos.size(); ++i)
    for (size_t k = 0; k < infos[i].amounts.size(); ++k) {
      AmountRole r = infos[i].amount_roles[k];
      if (infos[i].amounts[k].has_decimals && (r == AmountRole::subtotal || r == AmountRole::tax ||
                                               r == AmountRole::total || r == AmountRole::total_strong))
        first_summary = i;
    }
  auto payment = [&](AmountRole role) {
    std::vector<ScoredAmount> all;
    std::optional<ScoredAmount> best = best_role_amount(infos, {role}, &all);
    if (!best || first_summary == infos.size() || static_cast<size_t>(best->line) >= first_summary) return best;
    best.reset();
    for (const ScoredAmount& s : all)
      if (static_cast<size_t>(s.line) >= first_summary && (!best || s.score >= best->score)) best = s;
    return best;
  };
  auto tendered = payment(AmountRole::tendered);
  auto change = payment(AmountRole::change);
  if (discount) ex.discount = discount->value.to_string();
  if (rounding) ex.rounding = rounding->value.to_string();
  if (service) ex.service_charge = service->value.abs().to_string();
  if (tendered) ex.tendered = tendered->value.to_string(), ex.tendered_line = tendered->line;
  if (change) ex.change = change->value.to_string();

  // Largest amount that is not tendered cash or change: a payable total is never below it.
  std::optional<Decimal> largest_plain;
  for (const LineInfo& info : infos) {
    for (size_t k = 0; k < info.amounts.size(); ++k) {
      AmountRole r = info.amount_roles[k];
      if (r == AmountRole::tendered || r == AmountRole::change || r == AmountRole::quantity ||
          r == AmountRole::total || r == AmountRole::total_strong)
        continue;
      const AmountMatch& a = info.amounts[k];
      if (a.has_decimals && !a.value.is_negative() && (!largest_plain || a.value > *largest_plain)) largest_plain = a.value;
    }
  }

  std::vector<ScoredAmount> candidates;
  for (size_t i = 0; i < infos.size(); ++i) {
    const LineInfo& info = infos[i];
    for (AmountRole role : {AmountRole::total_strong, AmountRole::total}) {
      if (!info.has_role(role)) continue;
      double keyword = role == AmountRole::total_strong ? 1.0 : 0.8;
      auto found = announced_amount(infos, i, role);
      if (!found) continue;
      ScoredAmount s{found->second.value.abs(), keyword, found->first->index, found->second.begin, found->second.end};
      if (found->first != &info) s.score -= 0.1;
      s.score += 0.1 * info.relative_position;
      // "Total : 87.80 5.27" under a tax summary is a table row (net, tax), not the payable
      // total: its last number is smaller than the one before it.
      std::vector<Decimal> governed;
      for (size_t k = 0; k < info.amounts.size(); ++k)
        if (info.amount_roles[k] == role && info.amounts[k].has_decimals) governed.push_back(info.amounts[k].value);
      if (governed.size() >= 2 && governed.back() < governed[governed.size() - 2]) s.score -= 0.4;
      candidates.push_back(s);
    }
  }
  // Amounts without a keyword, weakly: the biggest money amounts on non-tender lines.
  for (const LineInfo& info : infos) {
    for (size_t k = 0; k < info.amounts.size(); ++k) {
      if (info.amount_roles[k] != AmountRole::none) continue;
      const AmountMatch& a = info.amounts[k];
      if (!a.has_decimals || a.value.is_negative()) continue;
      double score = 0.15 + 0.1 * info.relative_position;
      if (largest_plain && a.value == *largest_plain) score += 0.15;
      candidates.push_back({a.value, score, info.index, a.begin, a.end});
    }
  }
  int rounding_line = -1;
  for (const LineInfo& info : infos)
    if (info.role == AmountRole::rounding) rounding_line = info.index;
  // Arithmetic corroboration.
  std::map<std::string, int> keyword_votes;
  for (const auto& c : candidates)
    if (c.score >= 0.7) keyword_votes[c.value.to_string()]++;
  // A payable total is usually printed more than once (the item it consists of, a total line
  // and its restatement): how often each money amount occurs outside cash and change lines.
  std::map<std::string, int> printed;
  for (const LineInfo& info : infos)
    for (size_t k = 0; k < info.amounts.size(); ++k)
      if (info.amounts[k].has_decimals && info.amount_roles[k] != AmountRole::tendered &&
          info.amount_roles[k] != AmountRole::change)
        printed[info.amounts[k].value.abs().to_string()]++;
  Decimal tax_sum{};
  for (const auto& t : taxes) tax_sum = tax_sum + t.value;
  // Lines that add to a sum: tax, service charge, tip, rounding; and payments.
  std::vector<int> additions, payments;
  for (const LineInfo& info : infos) {
    if (info.has_role(AmountRole::tax) || info.has_role(AmountRole::service) || info.has_role(AmountRole::tip) ||
        info.has_role(AmountRole::rounding))
      additions.push_back(info.index);
    if (info.has_role(AmountRole::tendered) || info.has_role(AmountRole::change)) payments.push_back(info.index);
  }
  // A total line followed by such a line and then by a larger total is a sum on the way to the
  // payable total ("Total Amount 49.60", "Serv Charge 10% 4.96", "GST 6% 3.27", "TOTAL: RM
  // 57.80"), whichever of the two keywords is stronger. Not a "total" after the payment: the
  // tax summary's ("CASH 332.30", "GST SUMMARY", "Total: 843.50 884").
  std::vector<bool> intermediate(candidates.size(), false);
  for (size_t i = 0; i < candidates.size(); ++i) {
    const ScoredAmount& c = candidates[i];
    if (c.score < 0.7) continue;
    for (const ScoredAmount& d : candidates) {
      // Tax, service charge, tip and rounding add less than half again: a total ten times the
      // first is a misread one ("Total Amount: $7.10", "GST @6%: $0.40", "Nett Total: 97,10").
      if (d.score < 0.7 || d.line <= c.line || !(d.value > c.value) || d.value.approx() >= 1.5 * c.value.approx())
        continue;
      // A tip added on the card slip after the payment ("Amount: $64.30", "+ Tip: $12.00", "=
      // TOTAL: $76.30") makes the later total the payable one all the same.
      bool tip_between = std::any_of(infos.begin() + c.line + 1, infos.begin() + d.line,
                                     [](const LineInfo& info) { return info.has_role(AmountRole::tip); });
      if (!tip_between && std::any_of(payments.begin(), payments.end(), [&](int p) { return p > c.line && p < d.line; }))
        continue;
      if (std::any_of(additions.begin(), additions.end(), [&](int a) { return a > c.line && a < d.line; }))
        intermediate[i] = true;
    }
  }
  for (auto& c : candidates) {
    std::string v = c.value.to_string();
    if (keyword_votes[v] > 1) c.score += 0.1 * std::min(keyword_votes[v] - 1, 2);
    else if (c.score >= 0.7 && printed[v] > 1) c.score += 0.05 * std::min(printed[v] - 1, 2);
    if (tendered && change && (tendered->value - change->value) == c.value) c.score += 0.35;
    else if (tendered && !change && tendered->value == c.value) c.score += 0.15;
    if (subtotal && !taxes.empty() && subtotal->value + tax_sum == c.value) c.score += 0.3;
    if (subtotal && !taxes.empty() && rounding && (subtotal->value + tax_sum + rounding->value) == c.value) c.score += 0.3;
    if (subtotal && !taxes.empty() && tip && !tip->value.is_zero() && (subtotal->value + tax_sum + tip->value.abs()) == c.value)
      c.score += 0.3;
    if (largest_plain && c.value < *largest_plain && c.score >= 0.7) c.score -= 0.15;
    // The total restated after a rounding line is the payable one.
    if (rounding_line >= 0 && c.line > rounding_line && c.score >= 0.7) c.score += 0.15;
    // After a rounding adjustment the payable total is the rounded one: prefer the candidate
    // that another candidate plus the adjustment gives.
    if (rounding && !rounding->value.is_zero() && c.score >= 0.7) {
      for (const auto& other : candidates)
        if (&other != &c && other.score >= 0.7 && (other.value + rounding->value == c.value ||
                                                   other.value - rounding->value.abs() == c.value))
          c.score += 0.25;
    }
    // A tip written or printed on the slip: the total it makes with an earlier total is the
    // amount paid ("Balance Due 64.30", "+ Tip: $12.00", "= TOTAL: $76.30").
    if (tip && !tip->value.is_zero() && c.score >= 0.7 &&
        std::any_of(candidates.begin(), candidates.end(), [&](const ScoredAmount& other) {
          return &other != &c && other.score >= 0.7 && other.line < c.line && other.value + tip->value.abs() == c.value;
        }))
      c.score += 0.35;
    if (subtotal && c.value < subtotal->value) c.score -= 0.3;
    if (c.value.is_zero()) c.score -= 0.5;
    // A total restated in another currency ("UKUPNO EUR 103,00" / "UKUPNO HRK 776,05" at a fixed
    // conversion rate) is not the document's.
    if (c.score >= 0.7 && c.line >= 0 && restated_in_other_currency(infos[static_cast<size_t>(c.line)], currency))
      c.score -= 0.4;
  }
  for (size_t i = 0; i < candidates.size(); ++i)
    if (intermediate[i]) candidates[i].score -= 0.2;
  // A balance left after a credit, a deposit or a payment deducted below the total ("Invoice
  // Total 230.38", "Credit applied (CN-23-0112) -25.00", "Balance Due 205.38") is what remains
  // to pay, not the document's total: the total less a negative amount printed between them,
  // with no tax between (a discount before the tax is part of the total: "ARA TOPLAM 521,69",
  // "KART INDIRIMI -15,00", "KDV %20 44,91", "TOPLAM 506,69").
  for (ScoredAmount& c : candidates) {
    if (c.score < 0.7 || c.line < 0) continue;
    for (const ScoredAmount& d : candidates) {
      if (d.score < 0.7 || d.line < 0 || d.line >= c.line || !(d.value > c.value)) continue;
      if (std::any_of(infos.begin() + d.line + 1, infos.begin() + c.line,
                      [](const LineInfo& info) { return info.has_role(AmountRole::tax); }))
        continue;
      bool deducted = std::any_of(infos.begin() + d.line + 1, infos.begin() + c.line, [&](const LineInfo& info) {
        for (size_t k = 0; k < info.amounts.size(); ++k) {
          AmountRole r = info.amount_roles[k];
          const AmountMatch& a = info.amounts[k];
          if (a.has_decimals && a.value.is_negative() && (r == AmountRole::none || r == AmountRole::tendered) &&
              d.value + a.value == c.value)
            return true;
        }
        return false;
      });
      if (deducted) {
        c.score -= 0.3;
        break;
      }
    }
  }
  // A bill that carries a balance over from the last one ("Previous Balance 212.40", "Balance
  // Forward 62.40", "Current Charges 234.83", "Total Amount Due 297.23"): the amount due is
  // the balance carried plus this bill's charges, and the document's total is its charges.
  // A carried balance is never this document's total either.
  std::vector<Decimal> carried;
  for (const LineInfo& info : infos)
    if (carries_balance(info.words))
      for (const AmountMatch& a : info.amounts)
        if (a.has_decimals && !a.percent && !a.value.is_zero() && !a.value.is_negative()) carried.push_back(a.value);
  for (ScoredAmount& c : candidates)
    if (c.line >= 0 && carries_balance(infos[static_cast<size_t>(c.line)].words)) c.score -= 0.5;
  // The amount due loses what the charges gain.
  std::vector<double> carried_shift(candidates.size(), 0.0);
  for (size_t i = 0; i < candidates.size() && !carried.empty(); ++i) {
    const ScoredAmount& c = candidates[i];
    if (c.score < 0.7 || c.line < 0) continue;
    for (size_t j = 0; j < candidates.size(); ++j) {
      const ScoredAmount& x = candidates[j];
      if (j == i || x.line < 0 || x.score < 0.5 || x.value.is_zero()) continue;
      if (std::any_of(carried.begin(), carried.end(), [&](const Decimal& b) { return x.value + b == c.value; })) {
        carried_shift[i] = -0.3;
        carried_shift[j] = std::max(carried_shift[j], 0.3);
      }
    }
  }
  // On a bill that carries a balance, the total of "this invoice" ("TOTAL THIS INVOICE",
  // "Total new charges", "Total current charges") is the bill's own, however the account's
  // balance is made up below it (previous balance, payments, credits from a trust account).
  if (!carried.empty())
    for (size_t i = 0; i < candidates.size(); ++i) {
      const ScoredAmount& c = candidates[i];
      if (c.line < 0 || c.score < 0.7) continue;
      const auto& w = infos[static_cast<size_t>(c.line)].words;
      if (has_phrase(w, "THIS INVOICE") || has_phrase(w, "NEW CHARGES") || has_phrase(w, "CURRENT CHARGES"))
        carried_shift[i] = std::max(carried_shift[i], 0.3);
    }
  for (size_t i = 0; i < candidates.size(); ++i) candidates[i].score += carried_shift[i];
  std::optional<ScoredAmount> best;
  for (const auto& c : candidates)
    if (!best || c.score > best->score || (c.score == best->score && c.line > best->line)) best = c;
  if (best && best->score > 0.2) {
    double evidence = std::clamp(best->score, 0.0, 1.0);
    put_amount(ex, "total", *best, infos, evidence, top_candidates(candidates));
    bool rounding_printed = prints_rounding(infos);
    // Cash minus change and subtotal plus tax agree on an amount one digit away from the total
    // read: two sums of other printed amounts outvote one misread digit ("Total 38.30" with
    // "Total (Excl. GST) 28.58", "GST 1.72", "Cash 50.00", "Change 19.70"). The total line
    // stays the source, for review to see.
    if (tendered && change && subtotal && !taxes.empty()) {
      Decimal paid = tendered->value - change->value;
      Decimal sum = subtotal->value + distinct_tax_sum(taxes, infos);
      // A rounding line that takes the sum to the total read explains the difference, and so
      // does a printed rounding line whose amount OCR lost when cash rounding takes the sum to
      // the total ("Sub Total 234.00", "TotalGST 14.04", "Rounding : 0.011", "Total 248.05").
      bool rounded = (rounding && sum + rounding->value == best->value) ||
                     (rounding_printed && cash_rounds_to(sum, best->value));
      if (paid == sum && !rounded && one_digit_apart(paid, best->value)) {
        Field& f = ex.fields["total"];
        f.value = paid.to_string();
        f.evidence *= kOutvotedReading;
        f.confidence *= kOutvotedReading;
      }
    }
    // The total before a rounding line whose rounded restatement OCR did not read: pay the
    // rounded amount.
    if (rounding)
      if (auto rounded = cash_rounded_total(best->value, rounding->value)) ex.fields["total"].value = rounded->to_string();
    dispute_total(ex, infos, candidates, *best, tendered, change, subtotal, taxes, rounding, rounding_printed);
  } else {
    infer_total(ex, infos, tendered, change, subtotal, taxes, rounding);
  }
  if (ex.get("total") && !taxes.empty()) {
    Decimal total = Decimal::from_string(ex.get("total")->value).value();
    Decimal all_taxes = distinct_tax_sum(taxes, infos);
    // A net amount that makes the total with one tax line or with all of them.
    auto makes_total = [&](const Decimal& net) {
      return net + all_taxes == total ||
             std::any_of(taxes.begin(), taxes.end(), [&](const ScoredAmount& t) { return net + t.value == total; });
    };
    // The taxable value printed ("Taxable Value 6,757.50") that makes the total with the taxes.
    auto taxable_value = [&]() -> std::optional<ScoredAmount> {
      for (const LineInfo& info : infos) {
        if (!has_phrase(info.words, "TAXABLE AMOUNT") && !has_phrase(info.words, "TAXABLE VALUE") &&
            !has_phrase(info.words, "TAXABLE TOTAL"))
          continue;
        for (const AmountMatch& a : info.amounts)
          if (a.has_decimals && !a.percent && makes_total(a.value)) return ScoredAmount{a.value, 0.8, info.index, a.begin, a.end};
      }
      return std::nullopt;
    };
    // No subtotal printed as one, but the taxable value is ("Total Taxable Value 8,202.20",
    // "CGST @ 9% 738.20", "SGST @ 9% 738.20", "Grand Total 9,678.60").
    if (!subtotal) subtotal = taxable_value();
    if (subtotal) {
      // Several subtotal-like amounts ("Exclusief BTW 593,36 Subtotaal 717,97"): the one that
      // with the tax makes the total is the subtotal; or with the taxes of several rates
      // together ("Summe netto 626,40" over "Nettobetrag 19 % 546,60", "Nettobetrag 7 % 79,80",
      // with "zzgl. 19 % USt 103,85" and "zzgl. 7 % USt 5,59").
      if (subtotal_all.size() > 1) {
        for (const auto& candidate : subtotal_all)
          for (const auto& t : taxes)
            if (candidate.value + t.value == total) subtotal = candidate;
        if (!makes_total(subtotal->value))
          for (const auto& candidate : subtotal_all)
            if (candidate.value + all_taxes == total) subtotal = candidate;
      }
      // A subtotal printed before a discount ("Gross Amount 7,950.00", "Less: Coupon Discount
      // 1,192.50") does not make the total with the tax; the taxable amount printed after it
      // does ("Taxable Value 6,757.50", CGST and SGST 405.45 each, "INVOICE TOTAL 7,568.40").
      if (!makes_total(subtotal->value))
        if (std::optional<ScoredAmount> taxable = taxable_value()) {
          taxable->score = subtotal->score;
          subtotal = taxable;
        }
    }
  }
  if (subtotal) put_amount(ex, "subtotal", *subtotal, infos, 0.8, top_candidates(subtotal_all));
  // No tax is a quarter of the total it is part of (the highest VAT, 27%, is 21% of a gross
  // amount): such a "tax" is the net column of a summary table whose tax OCR could not read
  // ("SR 6 96.17 674"). Measured against the subtotal too when it is larger: a misread total
  // ("1.97" for 12.97) does not make a right tax implausible.
  if (const Field* total_field = ex.get("total")) {
    double total = Decimal::from_string(total_field->value).value().approx();
    if (subtotal) total = std::max(total, subtotal->value.approx());
    std::erase_if(taxes, [total](const ScoredAmount& t) { return total > 0 && t.value.approx() > 0.25 * total; });
  }
  size_t distinct_taxes = 0;
  if (!taxes.empty()) {
    Decimal sum = distinct_tax_sum(taxes, infos, &distinct_taxes);
    ScoredAmount last = taxes.back();
    // The taxes add up with the subtotal to the total, before or after a printed rounding
    // ("Sub Total 1,525.00", "CGST 38.13", "SGST 38.13", "Round Off -0.26", "Grand Total 1,601.00").
    auto adds_up = [&](const Decimal& total) {
      return subtotal->value + sum == total || (rounding && subtotal->value + sum + rounding->value == total) ||
             (rounding && subtotal->value + sum - rounding->value.abs() == total);
    };
    if (distinct_taxes > 1 && ex.get("total") && subtotal && adds_up(Decimal::from_string(ex.get("total")->value).value())) {
      last.value = sum;
    } else if (subtotal && ex.get("total")) {
      // Prefer the tax line that makes the arithmetic work.
      Decimal total = Decimal::from_string(ex.get("total")->value).value();
      for (const auto& t : taxes)
        if (subtotal->value + t.value == total) last = t;
    }
    put_amount(ex, "tax", last, infos, 0.75, top_candidates(taxes));
  } else if (subtotal && minor_units == 2) {
    if (std::optional<ScoredAmount> tax = tax_without_its_point(ex, infos, *subtotal, rounding))
      put_amount(ex, "tax", *tax, infos, kLostPointEvidence);
  }
  if (tip) put_amount(ex, "tip", *tip, infos, 0.75);
  // No subtotal printed, but the arithmetic gives it: total - tax (a tax of 0 means the
  // subtotal is the total), or the line items adding up to the total with no tax line.
  const Field* total_field = ex.get("total");
  if (!ex.get("subtotal") && total_field) {
    Decimal total = Decimal::from_string(total_field->value).value();
    if (const Field* tax_field = ex.get("tax")) {
      Decimal tax = Decimal::from_string(tax_field->value).value();
      const AmountMatch* net = printed_net_beside_tax(infos, *tax_field, *total_field, distinct_taxes);
      if (net) {
        const LineInfo& info = infos[static_cast<size_t>(tax_field->line)];
        Field f = make_field(net->value.to_string(), kPrintedNetEvidence, &info, net->begin, net->end);
        ex.fields["subtotal"] = f;
      } else if (tax < total) {
        Field f = *total_field;
        f.value = (total - tax).to_string();
        f.evidence = 0.5;
        f.confidence = std::min(total_field->confidence, tax_field->confidence) * 0.7;
        f.candidates.clear();
        mark_inferred(f);
        ex.fields["subtotal"] = f;
      }
    }
  }
  net_and_tax_from_totals_row(ex, infos);
  net_total_to_gross(ex, infos);
  split_by_printed_rate(ex, infos);
}

// A tax summary row prints the net amount beside the tax ("GST S@6% 35.66 2.14", "SR 6 57.50
// 3.45", "MwSt 19% 8,40 1,60"): when the tax came from such a row and an amount on it is
// the total less that tax, the subtotal was printed, not only implied, and the three printed
// amounts confirm each other. Returns that amount, or nullptr. With a row per tax rate, one
// rate's row adds up to its own gross, so a total that is that gross (read on the row, or a
// misread total that equals it) is not confirmed by it: not when the total was read on the
// row, nor when the document has other taxes (`distinct_taxes`) and the row prints the total.
const AmountMatch* printed_net_beside_tax(const std::vector<LineInfo>& infos, const Field& tax, const Field& total,
                                          size_t distinct_taxes) {
  if (tax.line < 0 || static_cast<size_t>(tax.line) >= infos.size() || total.line < 0 || total.line == tax.line)
    return nullptr;
  auto tax_value = Decimal::from_string(tax.value);
  auto total_value = Decimal::from_string(total.value);
  if (!tax_value || !total_value || !(*tax_value < *total_value)) return nullptr;
  Decimal net = *total_value - *tax_value;
  const std::vector<AmountMatch>& row = infos[static_cast<size_t>(tax.line)].amounts;
  bool prints_total = std::any_of(row.begin(), row.end(), [&](const AmountMatch& a) { return a.value == *total_value; });
  if (distinct_taxes > 1 && prints_total) return nullptr;
  for (const AmountMatch& a : row)
    if (a.has_decimals && a.value == net) return &a;
  return nullptr;
}

// A subtotal read that does not add up with the tax to the total: when the tax rate the
// receipt prints splits the total into a net and a tax of which one is what OCR read, the
// other amount was misread ("7.80" for 7.50) or lost ("Total GST 571"), and the split
// replaces it. The replaced value is inferred (no source line), and what OCR read stays its
// second candidate for review. With no rate printed, a whole-percent rate the amounts imply
// corrects a subtotal one misread digit away (net_by_implied_rate()).
void split_by_printed_rate(Extraction& ex, const std::vector<LineInfo>& infos) {
  const Field* total_field = ex.get("total");
  const Field* subtotal_field = ex.get("subtotal");
  if (!total_field || total_field->line < 0 || !subtotal_field || subtotal_field->line < 0) return;
  auto value_of = [&ex](const char* name) -> std::optional<Decimal> {
    const Field* f = ex.get(name);
    return f ? Decimal::from_string(f->value) : std::nullopt;
  };
  SummaryAmounts read{value_of("total"), value_of("subtotal"), value_of("tax"), value_of("tip"),
                      Decimal::from_string(ex.discount), Decimal::from_string(ex.rounding),
                      Decimal::from_string(ex.service_charge)};
  if (!read.total || !read.subtotal || amounts_add_up(read)) return;
  std::vector<int> rates;
  for (const LineInfo& info : infos)
    for (int rate : printed_tax_rates(info.text))
      if (std::find(rates.begin(), rates.end(), rate) == rates.end()) rates.push_back(rate);
  auto split = split_by_tax_rate(*read.total, read.subtotal, read.tax, read.rounding, rates);
  // No rate printed: one the amounts imply, when one misread digit of the subtotal explains
  // the difference and nothing else stands between them (a rounding line, even one whose
  // amount OCR lost, a discount, a service charge or a tip would).
  auto nonzero = [](const std::optional<Decimal>& d) { return d && !d->is_zero(); };
  bool other_terms = nonzero(read.rounding) || nonzero(read.discount) || nonzero(read.service) || nonzero(read.tip) ||
                     (!read.rounding && prints_rounding(infos));
  if (!split && rates.empty() && read.tax && !other_terms)
    if (auto net = net_by_implied_rate(*read.total, *read.subtotal, *read.tax)) split = TaxSplit{*net, *read.tax};
  if (!split) return;
  double confidence = total_field->confidence * 0.7;
  auto replace = [&](const char* name, const Decimal& value, const std::optional<Decimal>& was) {
    if (was && *was == value) return;
    Field f = *total_field;
    f.value = value.to_string();
    f.evidence = 0.5;
    f.confidence = confidence;
    f.candidates = {Candidate{f.value, 0.5, -1}};
    if (const Field* old = ex.get(name)) f.candidates.push_back(Candidate{old->value, 0.25, old->line});
    mark_inferred(f);
    ex.fields[name] = f;
  };
  replace("subtotal", split->subtotal, read.subtotal);
  replace("tax", split->tax, read.tax);
}

// No subtotal and no tax printed, but the line items add up to the total: nothing was added
// on top of the items, so the subtotal is the total (an invoice without VAT). Inferred, like
// an inferred total: no source line, page or box.
void infer_subtotal_from_items(Extraction& ex) {
  const Field* total_field = ex.get("total");
  if (ex.get("subtotal") || ex.get("tax") || !total_field || total_field->line < 0 || ex.line_items.size() < 2) return;
  Decimal sum{};
  for (const LineItem& item : ex.line_items) {
    auto v = Decimal::from_string(item.amount);
    if (!v) return;
    sum = sum + *v;
  }
  if (!(sum == Decimal::from_string(total_field->value).value())) return;
  Field f = *total_field;
  f.evidence = 0.5;
  f.confidence = total_field->confidence * 0.7;
  f.candidates.clear();
  mark_inferred(f);
  ex.fields["subtotal"] = f;
}

// ---- dates ------------------------------------------------------------------------------

DateOrder infer_date_order(const std::vector<LineInfo>& infos, const ExtractOptions& options, const std::string& currency,
                           bool* settled) {
  *settled = true;
  if (options.date_order != DateOrder::unknown) return options.date_order;
  // Another numeric date in the document that only one order can read settles the order.
  int day_first_votes = 0, month_first_votes = 0;
  for (const LineInfo& info : infos) {
    for (const DateMatch& d : info.dates) {
      if (!d.numeric || d.order_ambiguous()) continue;
      // Year-first dates say nothing about day/month order.
      std::string t = info.text.substr(d.begin, d.end - d.begin);
      if (t.size() >= 4 && count_digits(t.substr(0, 4)) == 4) continue;
      int first = 0;
      for (char c : t) {
        if (c < '0' || c > '9') break;
        first = first * 10 + (c - '0');
      }
      if (first > 12) ++day_first_votes;
      else if (d.day_first.day != d.day_first.month && first == d.month_first.month && first <= 12 &&
               d.month_first.day > 12)
        ++month_first_votes;
    }
  }
  if (day_first_votes > month_first_votes) return DateOrder::day_first;
  if (month_first_votes > day_first_votes) return DateOrder::month_first;
  if (auto mf = currency_prefers_month_first(currency)) return *mf ? DateOrder::month_first : DateOrder::day_first;
  *settled = false;
  return DateOrder::day_first;
}

// Evidence of a date read from a garbled form: under the default routing threshold however
// sure OCR was.
constexpr double kGarbledDateEvidence = 0.5;

// True when the date at character `begin` of `line` begins its column ("18 Mar 2025" under
// its label; not "Anreise: 14.02.2024" or "Check-in    : 03-Mar-2025", labelled on the line).
bool date_alone_in_column(const Line& line, size_t begin) {
  size_t at = line.word_at(begin);
  if (at == line.words.size()) return false;
  auto columns = column_segments(line.words);
  return std::any_of(columns.begin(), columns.end(), [at](const auto& c) { return c.first == at; });
}

// A letter's place and date: the date after "<Town>, le", "<Town>, den", "<Town>, am",
// "<Town>, a" or "<Town>, el" that begins the text before it ("Liège, le 16 juin 2025").
bool letter_date(const std::string& text, size_t date_begin) {
  static const std::regex place(R"(^\s*[A-Z][^\d,:]{1,30},\s*(le|den|am|a|el|il)\s*$)");
  return date_begin <= text.size() && std::regex_search(text.substr(0, date_begin), place);
}

void extract_dates(Extraction& ex, const std::vector<LineInfo>& infos, const ExtractOptions& options) {
  // A currency guessed from one stray sign (a street's SS read "$S21", a price's S read
  // "$3.35": confidence under 0.5) does not turn the order month first, against the day-first
  // default; --currency can. A weak hint that agrees with the default still settles it.
  const Field* detected = ex.get("currency");
  std::string currency = detected ? detected->value : options.default_currency;
  if (detected && detected->confidence < 0.5 && currency_prefers_month_first(currency).value_or(false))
    currency = options.default_currency;
  bool settled = true;
  DateOrder order = infer_date_order(infos, options, currency, &settled);
  struct Scored {
    const LineInfo* info;
    const DateMatch* match;
    double score;
    bool due;
    double rank;  // added to the score for ranking only
  };
  std::vector<Scored> scored;
  // No date reads as printed: dates OCR garbled in a way that can be undone ("27032018",
  // "2705/2018", "03/08/2815"), at an evidence that keeps the document for review.
  std::vector<std::vector<DateMatch>> garbled;
  bool any_date = std::any_of(infos.begin(), infos.end(), [](const LineInfo& info) { return !info.dates.empty(); });
  if (!any_date)
    for (const LineInfo& info : infos) garbled.push_back(find_garbled_dates(info.text));
  for (const LineInfo& info : infos) {
    const std::vector<DateMatch>& dates = any_date ? info.dates : garbled[static_cast<size_t>(&info - infos.data())];
    size_t label_start = 0;
    for (const DateMatch& d : dates) {
      double s = 0.5;
      // On a line of several dates each has its own label, the words before it ("Invoice Date :
      // 12-Oct-2023   Order Date : 28-Sep-2023", two columns run together).
      std::vector<std::string> own_label;
      if (dates.size() > 1 && d.begin > label_start && d.begin <= info.text.size())
        own_label = keyword_words(std::string_view(info.text).substr(label_start, d.begin - label_start));
      label_start = d.end;
      // A label printed over the date in a column of its own ("Invoice Date" over "18 Mar
      // 2025", beside the customer's address) when the date's line names no date.
      size_t index = static_cast<size_t>(&info - infos.data());
      auto names_date = [](const std::vector<std::string>& words) {
        return has_phrase(words, "DATE") || has_phrase(words, "DATUM") || has_phrase(words, "FECHA") ||
               has_phrase(words, "DATA") || has_phrase(words, "DATO") || has_phrase(words, "TARIKH") ||
               has_phrase(words, "KELTE");  // Hungarian "date of"
      };
      std::vector<std::string> above;
      // A table's rule between the headings and their row is stepped over.
      size_t heading = index > 0 ? index - 1 : 0;
      if (heading > 0 && is_rule_line(infos[heading])) --heading;
      if (index > 0 && infos[heading].line->page == info.line->page && date_alone_in_column(*info.line, d.begin) &&
          !names_date(own_label.empty() ? info.words : own_label))
        if (auto label = column_label_above(*infos[heading].line, *info.line, d.begin, d.end))
          if (names_date(keyword_words(*label))) above = keyword_words(*label);
      const auto& w = !above.empty() ? above : own_label.empty() ? info.words : own_label;
      bool due = has_phrase(w, "DUE") || has_phrase(w, "DATE LIMITE") || has_phrase(w, "LIMITE DE PAIEMENT") || has_phrase(w, "DUE DATE") || has_phrase(w, "PAYMENT DUE") ||
                 has_phrase(w, "FALLIG") || has_phrase(w, "FÄLLIG") || has_phrase(w, "ZAHLBAR BIS") ||
                 has_phrase(w, "ECHEANCE") || has_phrase(w, "ÉCHÉANCE") || has_phrase(w, "VERVALDATUM") ||
                 has_phrase(w, "PAY BY") || has_phrase(w, "VENCIMIENTO") || has_phrase(w, "SCADENZA") ||
                 has_phrase(w, "FECHA DE VENC") || has_phrase(w, "VENCE");
      bool other = has_phrase(w, "ORDER DATE") || has_phrase(w, "ORDERDATUM") || has_phrase(w, "DELIVERY") ||
                   has_phrase(w, "LIEFERDATUM") || has_phrase(w, "PERIOD") || has_phrase(w, "EXPIRY") ||
                   has_phrase(w, "EXP") || has_phrase(w, "VALID") || has_phrase(w, "BIRTH") ||
                   has_phrase(w, "SHIP DATE") || has_phrase(w, "FROM") || has_phrase(w, "BIS") ||
                   has_phrase(w, "ZEITRAUM") || has_phrase(w, "LEISTUNGSZEITRAUM") || has_phrase(w, "PERIODE") ||
                   has_phrase(w, "BESTELLDATUM") || has_phrase(w, "ORDERED") || has_phrase(w, "ORDER PLACED") ||
                   has_phrase(w, "CHALLAN") || has_phrase(w, "TELJESÍTÉS") ||
                   // An event's, a deposit's, a return's, a tax event's, a contract's or a quote's date.
                   // (Phrases, not words: "Crescent Moon Events" is a customer's name beside "Invoice Date".)
                   has_phrase(w, "EVENT DATE") || has_phrase(w, "EVENT DATES") || has_phrase(w, "DATE OF EVENT") ||
                   has_phrase(w, "TAX EVENT") || has_phrase(w, "DATE DE L EVENEMENT") ||
                   has_phrase(w, "DATE DE DÉPÔT") || has_phrase(w, "DATE DE DEPOT") || has_phrase(w, "RESTITUTION") ||
                   has_phrase(w, "CONTRACT NO") || has_phrase(w, "CONTRACT DATE") || has_phrase(w, "HOP DONG") ||
                   has_phrase(w, "DEVIS") ||
                   has_phrase(w, "DATUM PROMETA");
      bool keyword = has_phrase(w, "DATE") || has_phrase(w, "DATUM") || has_phrase(w, "TARIKH") ||
                     has_phrase(w, "FECHA") || has_phrase(w, "DATA") || has_phrase(w, "DATED") ||
                     has_phrase(w, "ISSUED") || has_phrase(w, "DT");
      // Labelled by a column heading on the line above ("Date Time Num" over "18/03/18 15 17 ...").
      if (!keyword && index > 0 && infos[index - 1].line->page == info.line->page &&
          heads_date_column(*infos[index - 1].line, *info.line, d.begin))
        keyword = true;
      bool invoice_date = has_phrase(w, "INVOICE DATE") || has_phrase(w, "RECHNUNGSDATUM") ||
                          has_phrase(w, "FACTUURDATUM") || has_phrase(w, "DATE DE FACTURE") ||
                          has_phrase(w, "DATE FACTURE") || has_phrase(w, "FECHA DE FACTURA") ||
                          has_phrase(w, "BILL DATE") || has_phrase(w, "TAX POINT") || has_phrase(w, "INVOICE DT") ||
                          has_phrase(w, "RECEIPT DATE") || has_phrase(w, "DATA FATTURA") ||
                          // Nordic, Polish, Czech, Spanish and Portuguese invoices' dates of issue (a letter with an
                          // accent is one byte from its capital: has_phrase() allows one edit).
                          has_phrase(w, "FAKTURADATUM") || has_phrase(w, "FAKTURADATO") ||
                          has_phrase(w, "DATA WYSTAWIENIA") || has_phrase(w, "DATUM VYSTAVENÍ") ||
                          has_phrase(w, "FECHA EMISIÓN") || has_phrase(w, "FECHA DE EMISIÓN") ||
                          has_phrase(w, "DATA DE EMISSÃO") || has_phrase(w, "DATA EMISSÃO") ||
                          has_phrase(w, "HORA DE EMISSÃO") ||  // "Data e Hora de Emissão"
                          // Hungarian and Romanian.
                          has_phrase(w, "SZÁMLA KELTE") || has_phrase(w, "KIÁLLÍTÁS DÁTUMA") ||
                          has_phrase(w, "DATA FACTURII") || has_phrase(w, "DATA EMITERII") ||
                          has_phrase(w, "DATE OF ISSUE") || has_phrase(w, "DATUM IZDAVANJA") ||
                          // A letter's place and date ("Liège, le 16 juin 2025", "Graz, am 14.02.2025").
                          letter_date(info.text, d.begin);
      // "Facture n°562044387 du 02 Juillet 2015": the number's line dates the invoice.
      if (!invoice_date && !due && !other && !find_invoice_numbers(info.text).empty()) invoice_date = true;
      // A date labelled as the invoice's is the document's over any other, even a table's first
      // row with its time ("Date Heure Numéro appelé" over "08/04/2024 19:12:40 ..."): it ranks
      // 0.2 higher than its evidence, which stays that of a labelled date.
      double rank = invoice_date ? 0.2 : 0.0;
      if (invoice_date) s += 0.4;
      else if (keyword && !due && !other) s += 0.3;
      // A time beside the date stamps the sale: as sure a sign of the document's date as a
      // label (both together are surest). docs/accuracy.md, session 17: at +0.2 the receipts
      // printing "22 Mar 2018 18:24" alone stayed under the threshold; of the 49 documents
      // +0.3 let through over ten readings, 47 were right, and no date changed.
      if (d.has_time_nearby) s += 0.3;
      if (other) s -= 0.3;
      if (due) s -= 0.2;
      s -= 0.1 * info.relative_position;
      if (!any_date) s = std::min(s, kGarbledDateEvidence);
      scored.push_back({&info, &d, s, due, rank});
    }
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const Scored& a, const Scored& b) { return a.score + a.rank > b.score + b.rank; });
  for (const Scored& s : scored) {
    if (s.due) continue;
    CivilDate date = s.match->resolve(order);
    Field f = make_field(date.iso(), std::clamp(s.score, 0.1, 1.0), s.info, s.match->begin, s.match->end);
    std::set<std::string> seen;
    for (const Scored& c : scored) {
      std::string v = c.match->resolve(order).iso();
      if (seen.insert(v).second && f.candidates.size() < 5)
        f.candidates.push_back({v, std::round(c.score * 1000) / 1000, c.info->index});
    }
    ex.fields["date"] = f;
    ex.date_garbled = !any_date;
    if (s.match->numeric && s.match->order_ambiguous() && !settled) {
      ex.date_ambiguous = true;
      ex.date_alternative = s.match->resolve(order == DateOrder::day_first ? DateOrder::month_first : DateOrder::day_first).iso();
    }
    break;
  }
  for (const Scored& s : scored) {
    if (!s.due) continue;
    ex.fields["due_date"] = make_field(s.match->resolve(order).iso(), 0.8, s.info, s.match->begin, s.match->end);
    break;
  }
}

// ---- currency ---------------------------------------------------------------------------

// Currencies priced in whole units print "48,000" and "Rp 224.400" where others print "9.00".
// Such a document's thousands-grouped integers are its money (and a single '.' group is
// thousands, not three decimals), as are integers written against its currency marker
// ("¥500"). The document is one when its currency is one (currency_minor_units() == 0), or when
// none of its amounts has a decimal part but some are grouped in thousands. Amounts then read
// as whole units count as money (`has_decimals`) for everything downstream.
void read_whole_units(const Extraction& ex, std::vector<LineInfo>& infos) {
  const Field* currency = ex.get("currency");
  bool whole_currency = currency && currency_minor_units(currency->value) == 0;
  if (!whole_currency) {
    bool decimals = false, grouped = false;
    for (const LineInfo& info : infos)
      for (const AmountMatch& a : info.amounts) {
        if (a.thousands_only) grouped = true;
        else if (a.has_decimals) decimals = true;
      }
    if (decimals || !grouped) return;
  }
  for (LineInfo& info : infos) {
    std::vector<CurrencyMatch> markers = whole_currency ? find_currencies(info.text) : std::vector<CurrencyMatch>{};
    for (AmountMatch& a : info.amounts) {
      if (a.thousands_only) {
        a.value = a.whole;
        a.has_decimals = true;
        continue;
      }
      // Not glued to a word on its right either ("¥99Xxp" is debris).
      if (a.has_decimals || (a.end < info.text.size() && std::isalpha(static_cast<unsigned char>(info.text[a.end]))))
        continue;
      bool marked = std::any_of(markers.begin(), markers.end(), [&](const CurrencyMatch& c) {
        return c.code == currency->value &&
               ((a.begin >= c.end && a.begin <= c.end + 1) || (c.begin >= a.end && c.begin <= a.end + 1));
      });
      if (marked) a.has_decimals = true;
    }
  }
}

constexpr std::array<std::string_view, 26> kConversionPhrases = {
    "KURS", "EXCHANGE RATE", "RATE OF EXCHANGE", "TAUX DE CHANGE", "WECHSELKURS", "TIPO DE CAMBIO", "TASSO DI CAMBIO",
    "WISSELKOERS", "ORIENTERING", "FOR INFORMATION", "INFORMATION ONLY", "ZUR INFORMATION", "A TITRE INDICATIF",
    "FOR REFERENCE", "EQUIVALENT", "CONVERSION", "KONVERZIJE", "TECAJ", "UMRECHNUNG",
    // Romanian "curs BNR", "valoare totala informativa"; amounts given "for information".
    "CURS", "CURSUL", "INFORMATIVA", "INFORMATIVO", "INFORMATIV", "INDICATIVE", "INDICATIVO"};

void extract_currency(Extraction& ex, const std::vector<LineInfo>& infos, const ExtractOptions& options) {
  std::map<std::string, double> votes;
  std::map<std::string, std::pair<const LineInfo*, CurrencyMatch>> first_seen;
  // A bare "$" is the dollar of the country the document is from, and a company's legal form
  // names the country: "SDN BHD" (Malaysia, where "$" also marks ringgit), "PTE LTD"
  // (Singapore), "PTY LTD" (Australia), "S.A. DE C.V." and the RFC tax number (Mexico).
  std::string dollar = "USD";
  for (const LineInfo& info : infos) {
    const auto& w = info.words;
    if (has_phrase(w, "SDN BHD") || has_phrase(w, "BERHAD") || has_phrase(w, "BHD")) dollar = "MYR";
    else if (has_phrase(w, "PTE LTD")) dollar = "SGD";
    else if (has_phrase(w, "PTY LTD")) dollar = "AUD";
    else if (has_phrase(w, "SA DE CV") || has_phrase(w, "S A DE C V") || (!w.empty() && w.front() == "RFC")) dollar = "MXN";
    // Tax numbers name the country too: Chile's RUT, Colombia's NIT, Argentina's CUIT, Brazil's
    // CNPJ, Canada's GST/HST, TPS and TVQ numbers.
    else if (!w.empty() && (w.front() == "RUT" || has_phrase(w, "R U T"))) dollar = "CLP";
    else if (!w.empty() && w.front() == "NIT") dollar = "COP";
    else if (has_phrase(w, "CUIT")) dollar = "ARS";
    else if (has_phrase(w, "CNPJ")) dollar = "BRL";
    // HST and QST are Canada's alone.
    else if (has_phrase(w, "GST HST") || has_phrase(w, "HST") || has_phrase(w, "QST") || has_phrase(w, "TPS") ||
             has_phrase(w, "TVQ") || has_phrase(w, "NEQ"))
      dollar = "CAD";
    if (dollar != "USD") break;
  }
  // A document that names its dollar ("TOTAL NZD $74.75", "Amounts in CAD") prices in it: a
  // bare "$" is that one, when it names only one.
  {
    static const std::set<std::string> dollars = {"USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN", "CLP", "ARS",
                                                  "COP", "TWD", "UYU", "FJD", "JMD", "BSD", "TTD", "NAD", "BND"};
    std::set<std::string> named;
    for (const LineInfo& info : infos)
      for (const CurrencyMatch& c : find_currencies(info.text))
        if (c.strength >= 0.8 && dollars.count(c.code)) named.insert(c.code);
    if (named.size() == 1) dollar = *named.begin();
  }
  // A bare "kr" is the krona or krone of the country the tax's name gives: Iceland's VSK,
  // Norway's MVA, Denmark's MOMS with "I ALT"; else Sweden's.
  std::string krona = "SEK";
  for (const LineInfo& info : infos) {
    if (has_phrase(info.words, "VSK")) krona = "ISK";
    else if (has_phrase(info.words, "MVA")) krona = "NOK";
    else if (has_phrase(info.words, "I ALT") || has_phrase(info.words, "AT BETALE") || has_phrase(info.words, "CVR"))
      krona = "DKK";
    if (krona != "SEK") break;
  }
  // "Rs." is India's rupee unless the document is Pakistan's (its NTN and STRN tax numbers, or
  // the code PKR printed), Sri Lanka's or Nepal's (their codes printed).
  std::string rupee = "INR";
  for (const LineInfo& info : infos) {
    if (has_phrase(info.words, "NTN") || has_phrase(info.words, "STRN") || has_phrase(info.words, "PKR")) rupee = "PKR";
    else if (has_phrase(info.words, "LKR")) rupee = "LKR";
    else if (has_phrase(info.words, "NPR")) rupee = "NPR";
    if (rupee != "INR") break;
  }
  for (const LineInfo& info : infos) {
    // A line that converts for information ("Til orientering: ca. EUR 313,12", "(kurs 746,12
    // pr. 100 EUR)", "Exchange rate: 1 USD = 0.92 EUR") names another currency besides the
    // document's, and which is which it does not say: it does not vote.
    bool converts = std::any_of(kConversionPhrases.begin(), kConversionPhrases.end(),
                                [&](std::string_view p) { return has_phrase(info.words, p); });
    if (converts) continue;
    for (CurrencyMatch c : find_currencies(info.text)) {
      if (c.code == "USD" && c.strength < 0.8) c.code = dollar;
      if (c.code == "SEK" && c.strength < 0.5) c.code = krona;
      if (c.code == "INR" && c.strength < 0.8) c.code = rupee;
      // A marker next to an amount, or on a total line, is stronger evidence.
      double weight = c.strength;
      // Within two characters of an amount (of money: one written with decimals).
      auto next_to = [&](bool money) {
        return std::any_of(info.amounts.begin(), info.amounts.end(), [&](const AmountMatch& a) {
          return (!money || a.has_decimals) &&
                 ((a.begin >= c.end && a.begin <= c.end + 2) || (c.begin >= a.end && c.begin <= a.end + 2));
        });
      };
      bool near_amount = next_to(false);
      // A symbol shared by several currencies ("$", "kr") counts only next to an amount:
      // alone it is as likely OCR noise ("$)-00").
      if (c.strength < 0.8 && !near_amount) continue;
      // Codes that are also words count only next to money: "SDN BHD" is a Malaysian legal
      // form, "RON 95" a petrol grade, "PEN" a pen.
      static const std::set<std::string> word_like = {"BHD", "PEN", "TRY", "MAD", "COP", "RON"};
      if (word_like.count(c.code) && !next_to(true)) continue;
      // "SR" is also the tax code of standard-rated goods in the GST column ("2.20 SR",
      // "SR (@ 6%) 28.58 1.72"): as the riyal it is written before the amount, never on a tax line.
      if (c.code == "SAR" && c.strength < 1.0) {
        bool before_money = std::any_of(info.amounts.begin(), info.amounts.end(), [&](const AmountMatch& a) {
          return a.has_decimals && a.begin >= c.end && a.begin <= c.end + 2;
        });
        if (!before_money || info.text.find('%') != std::string::npos || has_phrase(info.words, "GST") ||
            has_phrase(info.words, "TAX") || has_phrase(info.words, "VAT"))
          continue;
      }
      // A code against a bare number where money is written with cents is a room number or a
      // product's name ("RM1208", "DraftPro CAD 2025"), not a price.
      if (c.strength >= 0.8 && near_amount && !next_to(true) && currency_minor_units(c.code) != 0) {
        bool grouped = std::any_of(info.amounts.begin(), info.amounts.end(), [&](const AmountMatch& a) {
          return a.thousands_only && ((a.begin >= c.end && a.begin <= c.end + 2) || (c.begin >= a.end && c.begin <= a.end + 2));
        });
        if (!grouped) continue;
      }
      if (near_amount) weight *= 1.5;
      if (info.role == AmountRole::total || info.role == AmountRole::total_strong) weight *= 1.5;
      votes[c.code] += weight;
      if (!first_seen.count(c.code)) first_seen.emplace(c.code, std::make_pair(&info, c));
    }
  }
  if (votes.empty()) {
    if (!options.default_currency.empty()) {
      Field f = make_field(options.default_currency, 0.6, nullptr, 0, 0);
      ex.fields["currency"] = f;
      return;
    }
    // No currency printed, but the tax's name is one country's (Turkey's KDV, Greece's FPA,
    // Hungary's ÁFA, Indonesia's PPN, Peru's IGV): its currency, weakly (for review to confirm).
    static const std::vector<std::pair<const char*, const char*>> tax_country = {
        {"KDV", "TRY"}, {"FPA", "EUR"}, {"PVM", "EUR"}, {"PVN", "EUR"}, {"DDV", "EUR"}, {"AFA", "HUF"},
        {"ÁFA", "HUF"}, {"PPN", "IDR"}, {"IGV", "PEN"}, {"ITBIS", "DOP"}, {"VSK", "ISK"}, {"TVQ", "CAD"},
        // The Netherlands' and Belgium's BTW (not Germany's USt: OCR makes it of "must", "just").
        {"BTW", "EUR"}};
    for (const LineInfo& info : infos)
      for (const auto& [tax, code] : tax_country)
        if (std::find(info.words.begin(), info.words.end(), tax) != info.words.end() && info.role == AmountRole::tax) {
          Field f = make_field(code, 0.4, &info, 0, 0);
          ex.fields["currency"] = f;
          return;
        }
    return;
  }
  auto best = std::max_element(votes.begin(), votes.end(), [](auto& a, auto& b) { return a.second < b.second; });
  double total = 0;
  for (auto& [code, v] : votes) total += v;
  double share = best->second / total;
  const auto& [info, match] = first_seen.at(best->first);
  double evidence = std::clamp(0.5 + 0.25 * std::min(best->second, 2.0), 0.0, 1.0) * (0.5 + 0.5 * share);
  Field f = make_field(best->first, evidence, info, match.begin, match.end);
  for (auto& [code, v] : votes) f.candidates.push_back({code, std::round(v * 1000) / 1000, -1});
  std::stable_sort(f.candidates.begin(), f.candidates.end(), [](auto& a, auto& b) { return a.score > b.score; });
  ex.fields["currency"] = f;
}

// ---- merchant and address -----------------------------------------------------------------

// Mean word confidence below which a line is a guess at shapes rather than a reading.
constexpr double kLegibleLine = 0.3;

// Lines under a column's addressee heading ("From   To") that hold the customer's name and
// address in that column.
constexpr size_t kCustomerColumnRows = 4;

// A customer's block printed beside the issuer's ("From            To" over "Quillmark Design
// Fernhill Bakery Ltd"): for each line, the left edge of the addressee column it is under,
// from which its words are the customer's (INT_MAX for none). Heading lines themselves get 0.
std::vector<int> customer_column_edges(const std::vector<LineInfo>& infos) {
  std::vector<int> edges(infos.size(), std::numeric_limits<int>::max());
  int left = -1;
  size_t rows = 0;
  for (size_t i = 0; i < infos.size(); ++i) {
    const auto& words = infos[i].line->words;
    auto columns = column_segments(words);
    bool heading = false;
    for (size_t c = 1; c < columns.size() && !heading; ++c) {
      auto w = keyword_words(join_words(words, columns[c].first, columns[c].second));
      if (!words[columns[c].first].box.empty() && (is_addressee_heading(w) || w == std::vector<std::string>{"TO"})) {
        left = words[columns[c].first].box.left;
        rows = kCustomerColumnRows;
        heading = true;
      }
    }
    if (heading) {
      edges[i] = 0;
    } else if (rows > 0) {
      --rows;
      edges[i] = left;
    }
  }
  return edges;
}

// How many of a line's words come before its customer column's edge.
size_t words_before_edge(const std::vector<Word>& words, int edge) {
  size_t end = words.size();
  while (end > 0 && !words[end - 1].box.empty() && words[end - 1].box.left >= edge) --end;
  return end;
}

// Where a document names its customer, worked out once for the merchant and the issuer: the
// lines that are the customer's (customer_block_lines()) and, per line, the edge of the
// customer's column beside the issuer's (customer_column_edges()).
struct CustomerLines {
  std::vector<bool> block;
  std::vector<int> edges;
};

// The domains the document names, in order of appearance, but not a software vendor's
// ("Powered by www.posvendor.com").
std::vector<std::string> document_domain_labels(const std::vector<std::string>& texts) {
  std::vector<std::string> labels;
  for (const std::string& text : texts) {
    auto words = keyword_words(text);
    if (has_phrase(words, "POWERED BY") || has_phrase(words, "GENERATED BY")) continue;
    for (std::string& label : domain_labels(text))
      if (std::find(labels.begin(), labels.end(), label) == labels.end()) labels.push_back(std::move(label));
  }
  return labels;
}

// A line's words with " | " between its columns ("Wellington 6011 | Reference | Tait Creative
// Limited"): a name or a label's value runs within its column.
std::string columns_joined(const std::vector<Word>& words) {
  std::string text;
  for (auto [first, last] : column_segments(words)) text += (text.empty() ? "" : " | ") + join_words(words, first, last);
  return text;
}

// A label and its value, as a column beside a name prints them ("Account Number 40-118273-06",
// "Bill Number 2502-0448917"): up to four words without digits, then one value of four digits
// or more.
bool labelled_value(const std::string& text) {
  auto tokens = split(collapse_spaces(trim(text)), ' ');
  if (tokens.size() < 2 || tokens.size() > 5 || count_digits(tokens.back()) < 4) return false;
  return std::all_of(tokens.begin(), tokens.end() - 1, [](const std::string& t) {
    return count_digits(t) == 0 && count_letters(t) > 0;
  });
}

// Where a registration number and its label begin among words [first, last) ("... Pty Ltd ABN
// 53 614 882 107", "... GmbH USt-IdNr. DE123456789"): a label after at least two words of
// name, followed by nothing but numbers. `last` when there is none.
size_t registration_start(const std::vector<Word>& words, size_t first, size_t last) {
  static const std::set<std::string> labels = {"ABN", "ACN", "GSTIN", "GST", "VAT", "KVK", "UID", "CUIT", "RUT",
                                               "NIF", "CIF", "EIN", "TIN", "CRN", "UEN", "BRN", "NZBN", "ROC",
                                               "USTIDNR", "UST", "CVR", "ORGNR", "SIRET", "SIREN", "PIVA"};
  for (size_t k = first + 2; k + 1 < last; ++k) {
    if (!labels.count(alnum_key(words[k].text))) continue;
    bool numbers = std::all_of(words.begin() + static_cast<long>(k) + 1, words.begin() + static_cast<long>(last),
                               [](const Word& w) { return count_digits(w.text) > 0 || count_letters(w.text) <= 3; });
    // A name: a word of three letters or more before the label ("Bi i ABN 80 092 ..." is debris).
    bool name = std::any_of(words.begin() + static_cast<long>(first), words.begin() + static_cast<long>(k),
                            [](const Word& w) { return count_letters(w.text) >= 3; });
    if (name && numbers && count_digits(words[k + 1].text) + count_digits(words[last - 1].text) > 0) return k;
  }
  return last;
}

// The merchant from the header's lines; returns the index of the line it was read from, -1
// when no line names anyone.
int extract_merchant(Extraction& ex, const std::vector<LineInfo>& infos, const CustomerLines& customer, bool text_layer) {
  // The header region: the first lines of the first page, before the first date or amount block.
  int limit = header_lines(infos);
  struct Scored {
    double score;
    int line;
    size_t first, last;  // the column's words
    std::string text;
  };
  std::vector<Scored> scored;
  // Median line height: business names are often printed larger.
  std::vector<int> heights;
  for (const LineInfo& info : infos)
    if (!info.line->box.empty()) heights.push_back(info.line->box.height());
  std::sort(heights.begin(), heights.end());
  int median_height = heights.empty() ? 0 : heights[heights.size() / 2];
  for (int i = 0; i < limit; ++i) {
    const LineInfo& info = infos[static_cast<size_t>(i)];
    if (info.line->page != infos.front().line->page) break;
    // The customer's name and address are no issuer's.
    if (customer.block[static_cast<size_t>(i)]) continue;
    const auto& words = info.line->words;
    size_t end = words_before_edge(words, customer.edges[static_cast<size_t>(i)]);
    if (end == 0) continue;
    std::string whole = end == words.size() ? info.text : join_words(words, 0, end);
    // A line that names nothing as a whole (it holds a heading, a label or a phone number) may
    // still have a name in one of its columns: a letterhead prints the name and the document's
    // heading on one line ("WATTLE broadband      Tax Invoice").
    std::vector<std::pair<size_t, size_t>> segments = {{0, end}};
    // Not an item, a total or a table's heading row split into its columns.
    // A text layer's columns are the document's: each is scored on its own too ("Wellington
    // 6011   Reference   Tait Creative Limited" holds the issuer's legal name in its last).
    bool money = std::any_of(info.amounts.begin(), info.amounts.end(), [](const AmountMatch& a) { return a.has_decimals; });
    if (!money && info.role == AmountRole::none && !is_item_table_heading(info.words)) {
      bool whole_names_nothing = merchant_line_score(whole, i, static_cast<int>(infos.size())) <= 0.1;
      if (whole_names_nothing || text_layer) {
        std::vector<Word> kept(words.begin(), words.begin() + static_cast<long>(end));
        auto columns = column_segments(kept);
        if (whole_names_nothing) segments = columns;
        else if (columns.size() > 1) segments.insert(segments.end(), columns.begin(), columns.end());
      }
    }
    auto score_of = [&](const std::string& text) {
      double s = merchant_line_score(text, i, static_cast<int>(infos.size()));
      if (s <= 0.1) return s;
      if (median_height > 0 && info.line->box.height() > median_height * 1.3) s += 0.1;
      // The registered name (with its legal form) over a brand or branch line printed with it.
      if (line_has_company_suffix(text)) s += 0.15;
      return s * (0.5 + 0.5 * info.line->confidence());
    };
    for (auto [first, last] : segments) {
      std::string text = words.empty() ? info.text : join_words(words, first, last);
      double s = score_of(text);
      if (s <= 0.1) continue;
      // A column at the end of the name's line that is a label and its value ("Serie y Folio:
      // A-4821", "Account Number 40-118273-06" beside the name) is no part of the name; the line
      // scores as the better of the whole and the name alone (a long label column costs the
      // whole line its score as a name).
      if (!words.empty()) {
        auto parts = column_segments(std::vector<Word>(words.begin() + static_cast<long>(first),
                                                       words.begin() + static_cast<long>(last)));
        size_t name_end = last;
        while (parts.size() > 1) {
          std::string tail = join_words(words, first + parts.back().first, first + parts.back().second);
          // A label and its value, or the document's heading ("SAIMAAN TUKKULIIKE OY   LASKU").
          double tail_score = merchant_line_score(tail, i, static_cast<int>(infos.size()));
          bool heading = count_digits(tail) == 0 && count_letters(tail) >= 3 && tail_score <= 0.05;
          if (!heading && (count_digits(tail) == 0 || (tail_score > 0.1 && !labelled_value(tail)))) break;
          name_end = first + parts.back().first;
          parts.pop_back();
        }
        // A registration number printed after the name ("Redgum Vehicle Hire Pty Ltd   ABN 53
        // 614 882 107"): its label and digits are no part of it.
        if (size_t id = registration_start(words, first, name_end); id < name_end) name_end = id;
        if (name_end < last && count_letters(join_words(words, first, name_end)) >= 3) {
          // An item's price cut off is still an item's line: only a label or an id leaves
          // the name to score alone.
          auto cut = find_amounts(join_words(words, name_end, last));
          bool price = std::any_of(cut.begin(), cut.end(), [](const AmountMatch& a) { return a.has_decimals; });
          last = name_end;
          text = join_words(words, first, last);
          if (!price && count_letters(text) >= 5) s = std::max(s, score_of(text));
        }
      }
      scored.push_back({s, i, first, last, text});
    }
  }
  if (scored.empty()) return -1;
  std::stable_sort(scored.begin(), scored.end(), [](auto& a, auto& b) { return a.score > b.score; });
  const LineInfo& best = infos[static_cast<size_t>(scored.front().line)];
  // Without the specks and logo edges printed unlike the name beside it (name_word_span()).
  // The box stays the line's (its column's): a close-up of it is judged the same way
  // (reread_merchant()).
  std::string best_text = scored.front().text;
  BoundingBox name_box = best.line->box;
  std::vector<Word> column(best.line->words.begin() + static_cast<long>(scored.front().first),
                           best.line->words.begin() + static_cast<long>(scored.front().last));
  if (column.size() < best.line->words.size()) {
    name_box = BoundingBox{};
    for (const Word& w : column) name_box = name_box.united(w.box);
  }
  auto [first_word, last_word] = name_word_span(column);
  if (last_word - first_word < column.size()) best_text = join_words(column, first_word, last_word);
  std::string name = clean_merchant_name(best_text, !text_layer);
  // Names printed over two lines: "HOME MASTER HARDWARE &" / "ELECTRICAL", or
  // "AIK HUAT HARDWARE ENTERPRISE" / "(SETIA ALAM) SDN BHD". Join the line above when the
  // chosen line cannot stand alone.
  if (best.index > 0) {
    const LineInfo& above = infos[static_cast<size_t>(best.index - 1)];
    auto words = keyword_words(name);
    // A legal form with at most one word of name ("RESTAURANT SDN BHD", "CO. (M) SDN BHD").
    long name_words = std::count_if(words.begin(), words.end(), [](const std::string& w) {
      return w != "CO" && w != "M" && !has_company_suffix({w});
    });
    bool fragment = !name.empty() && (name[0] == '(' || name[0] == '&' || words.size() <= 1 ||
                                      (name_words <= 1 && has_company_suffix(words)) || only_legal_form(words));
    std::string above_text = trim(above.text);
    bool continues = ends_with(above_text, "&") || ends_with(above_text, "-");
    double above_score = merchant_line_score(above.text, best.index - 1, static_cast<int>(infos.size()));
    // The line above only has to be no heading or contact line: a name's first half often
    // reads like an address to the keyword rules ("PASARAYA BORONG" ~ LORONG, "... MALAYSIA").
    // OCR noise above a logo ("a a a a ere ee") is not half a name: most of its words are one
    // or two characters long.
    auto above_tokens = split(collapse_spaces(above_text), ' ');
    long short_tokens = std::count_if(above_tokens.begin(), above_tokens.end(), [](const std::string& t) { return t.size() <= 2; });
    bool wordy = short_tokens * 2 <= static_cast<long>(above_tokens.size());
    // Half a name is printed like the other half: no mixed-case OCR debris above a capitalised name.
    auto mostly_upper = [](const std::string& text) {
      auto tokens = split(collapse_spaces(text), ' ');
      long upper = std::count_if(tokens.begin(), tokens.end(), [](const std::string& t) {
        return count_letters(t) > 0 && std::none_of(t.begin(), t.end(), [](char c) { return c >= 'a' && c <= 'z'; });
      });
      return upper * 2 >= static_cast<long>(tokens.size());
    };
    // Nor a line with lowercase words that are not connectives ("for Sh + Leovg teeg Foode-").
    static const std::set<std::string> connectives = {"of", "and", "the", "de", "du", "la", "le", "da", "di",
                                                      "van", "von", "und", "et", "y", "e", "del", "der"};
    bool lowercase_words = std::any_of(above_tokens.begin(), above_tokens.end(), [](const std::string& t) {
      return !t.empty() && t[0] >= 'a' && t[0] <= 'z' && !connectives.count(t);
    });
    // A legal form alone ("S.A. de C.V.") is printed as it is under a name in any case.
    bool same_case = (!mostly_upper(name) || mostly_upper(above_text) || only_legal_form(words)) && !lowercase_words;
    // Nor a line OCR could hardly read: a logo's strokes guessed as letters ("MI IVG" at 2%).
    bool legible = above.line->confidence() >= kLegibleLine;
    // Nor a brand line that already names it ("SØRLANDSBENSIN LYNGDAL" over "Sørlandsbensin AS").
    // Compared by their ASCII letters and digits, as Ø and ø differ in case only.
    auto ascii_key = [](const std::string& t) {
      std::string k;
      for (char c : t)
        if (std::isalnum(static_cast<unsigned char>(c))) k += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      return k;
    };
    std::vector<std::string> above_keys;
    for (const std::string& t : above_tokens) above_keys.push_back(ascii_key(t));
    bool restated = name_words >= 1 && std::all_of(words.begin(), words.end(), [&](const std::string& w) {
                      return has_company_suffix({w}) || w == "CO" || w == "M" || count_letters(w) < 2 ||
                             std::find(above_keys.begin(), above_keys.end(), ascii_key(w)) != above_keys.end();
                    });
    if ((fragment || continues) && !restated && wordy && same_case && legible && above_score > 0.05 &&
        above.line->page == best.line->page && count_digits(above.text) <= 2) {
      name = clean_merchant_name(above.text + " " + name, !text_layer);
      name_box = name_box.united(above.line->box);
    }
  }
  double evidence = std::clamp(scored.front().score + 0.2, 0.0, 1.0);
  // A name that is nothing but a legal form ("BHD", "CO. (M) SDN BHD") lost its own words to
  // OCR or to a line the join could not take: keep it, without the confidence to auto-accept.
  auto name_words = keyword_words(name);
  if (!name_words.empty() && (only_legal_form(name_words) || std::none_of(name_words.begin(), name_words.end(), [](const std::string& w) {
        return w != "CO" && w != "M" && count_letters(w) >= 2 && !has_company_suffix({w});
      })))
    evidence *= 0.4;
  Field f = make_field(name, evidence, &best, 0, 0);
  f.box = name_box;
  // One misread letter makes a wrong name: judge it by its least certain word.
  // A word the cleaning spelled back ("ENiERPRISE", "PETRODEL]") still counts as read; one with
  // a digit among its letters ("O.1.Y.") counts as doubtful however sure OCR was.
  double lowest = 1.0;
  std::vector<std::string> name_keys;
  for (const std::string& t : split(name, ' ')) name_keys.push_back(alnum_key(t));
  for (size_t k = 0; k < column.size(); ++k) {
    const Word& w = column[k];
    if (count_letters(w.text) + count_digits(w.text) < 2) continue;
    // A word left out as a speck was a guess: the name is no surer than it.
    if (k < first_word || k >= last_word) {
      lowest = std::min(lowest, name_word_confidence(w.text, w.confidence));
      continue;
    }
    // Compared as the cleaning spells it: "O.1.¥." is the name's "O.1.Y.".
    std::string key = alnum_key(w.text), spelled = alnum_key(clean_merchant_name(w.text, !text_layer));
    bool in_name = name.find(w.text) != std::string::npos ||
                   std::any_of(name_keys.begin(), name_keys.end(), [&](const std::string& k) {
                     return !k.empty() && (similarity(k, key) >= 0.75 || (!spelled.empty() && similarity(k, spelled) >= 0.75));
                   });
    if (in_name) lowest = std::min(lowest, name_word_confidence(w.text, w.confidence));
  }
  f.ocr_confidence = lowest;
  f.confidence = std::clamp(f.evidence * (0.2 + 0.8 * lowest), 0.0, 1.0);
  for (size_t k = 0; k < scored.size() && k < 5; ++k)
    f.candidates.push_back({clean_merchant_name(scored[k].text, !text_layer), std::round(scored[k].score * 1000) / 1000, scored[k].line});
  ex.fields["merchant"] = f;
  return best.index;
}

// An address line's text without the specks at its ends (name_word_span(): a rule's edge read
// "J" far right of the street, a border's "i" left of it): the street is printed like the
// name, each line in one size with word spaces. Lines without boxes stay as they are.
std::string address_line_text(const LineInfo& info) {
  const auto& words = info.line->words;
  if (words.size() < 2) return info.text;
  auto [first, last] = name_word_span(words, false);
  if (first == 0 && last == words.size()) return info.text;
  std::string out;
  for (size_t i = first; i < last; ++i) out += (out.empty() ? "" : " ") + words[i].text;
  return out;
}

// The issuer's address: the lines under the name's line `best_index` that read like a postal
// address; with no name (-1: OCR could not read the logo) the address is still printed.
void extract_vendor_address(Extraction& ex, const std::vector<LineInfo>& infos, int best_index) {
  size_t below = static_cast<size_t>(best_index + 1);  // the first line under the name
  // A line no address goes past: a phone, the document's title, a date, a tax number, a total.
  auto ends_address = [](const LineInfo& info) {
    const auto& w = info.words;
    return has_phrase(w, "TEL") || has_phrase(w, "PHONE") || has_phrase(w, "FAX") || has_phrase(w, "EMAIL") ||
           has_phrase(w, "WWW") || has_phrase(w, "INVOICE") || has_phrase(w, "RECEIPT") ||
           has_phrase(w, "CASHIER") || has_phrase(w, "DATE") || !info.dates.empty() || has_phrase(w, "GST ID") ||
           has_phrase(w, "GST REG") || has_phrase(w, "VAT") || info.role == AmountRole::total ||
           info.role == AmountRole::total_strong;
  };

  // Address: the lines right below the name that look like a postal address, skipping a
  // registration-number line. When nothing below the name looks like one (the name chosen is
  // a brand line printed under the address, or the logo could not be read), the first
  // address block in the header, wherever it is.
  auto collect_address = [&](size_t first, size_t last, bool from_top) {
    std::vector<const LineInfo*> address;
    for (size_t i = first; i < infos.size() && i <= last; ++i) {
      if (from_top && static_cast<int>(i) == best_index) {
        if (!address.empty()) break;
        continue;
      }
      const LineInfo& info = infos[i];
      const auto& w = info.words;
      bool stop = ends_address(info);
      // A registration number: a labelled one, a bare run of five or more digits
      // ("(001451637-M)") or one with its check letter however OCR garbled the rest
      // ("JMOS25955-V/"); not a house number with a short code ("109, SS21/1A,").
      bool registration = address.empty() && (has_phrase(w, "CO NO") || has_phrase(w, "COMPANY NO") ||
                                              has_phrase(w, "REG NO") || has_phrase(w, "ROC") ||
                                              has_phrase(w, "CO REG") || has_phrase(w, "GST ID") ||
                                              has_phrase(w, "GST REG") || has_phrase(w, "GST NO") ||
                                              (longest_digit_run(info.text) >= 5 && count_letters(info.text) <= 3) ||
                                              is_company_number_line(info.text));
      // Before the address starts, a registration number or a date/time line may sit between
      // the name and the street: step over them.
      if (address.empty() && (registration || (!info.dates.empty() && count_letters(info.text) <= 8 &&
                                               !has_phrase(w, "DATE") && !has_phrase(w, "INVOICE"))))
        continue;
      if (stop) {
        if (from_top && address.empty()) continue;
        break;
      }
      std::string trimmed = trim(info.text);
      bool parenthesised = !address.empty() && trimmed.size() > 2 && trimmed.front() == '(' && trimmed.back() == ')' &&
                           count_letters(trimmed) >= 4 && count_digits(trimmed) == 0;
      if (address.empty() && i + 1 < infos.size() && is_branch_name_line(info.text, infos[i + 1].text)) continue;
      // A line ending in a comma is the middle of an address, whatever the line before ended in
      // (OCR reads many of those commas as full stops).
      std::string cleaned = clean_address_line(info.text);
      if (looks_like_address(cleaned) || parenthesised ||
          (!address.empty() && count_letters(info.text) >= 3 &&
           (ends_with(clean_address_line(address.back()->text), ",") || ends_with(cleaned, ",")))) {
        address.push_back(&info);
        continue;
      }
      if (!from_top && address.empty() && i <= below + 1 && count_letters(info.text) >= 3 &&
          ends_with(trim(info.text), ",")) {
        address.push_back(&info);
        continue;
      }
      // A line of words between the street and the postcode ("MEDAN NIAGA DAMAI SG BESI" over
      // "57000 KL"): the postcode line below says the address goes on, to it.
      if (!address.empty() && i + 1 < infos.size() && i + 1 <= last && count_digits(info.text) == 0 &&
          count_letters(info.text) >= 3) {
        const LineInfo& next = infos[i + 1];
        std::string next_cleaned = clean_address_line(next.text);
        if (has_postcode(next_cleaned) && count_letters(next_cleaned) >= 2 && !ends_address(next)) {
          address.push_back(&info);
          address.push_back(&next);
          ++i;
          continue;
        }
      }
      if (!address.empty()) break;
    }
    return address;
  };
  std::vector<const LineInfo*> address =
      collect_address(below, below + 6, false);
  if (address.empty() && !infos.empty()) address = collect_address(0, std::min<size_t>(infos.size(), 15) - 1, true);
  if (!address.empty()) {
    std::string joined;
    BoundingBox box;
    for (const LineInfo* a : address) {
      joined += (joined.empty() ? "" : " ") + clean_address_line(address_line_text(*a));
      box = box.united(a->line->box);
    }
    Field af = make_field(joined, 0.95, address.front(), 0, 0);
    af.box = box;
    // Like the name, an address with one misread character is wrong: judge it by its least
    // certain word of two or more letters or digits (all of which stay in the value, spelled
    // back or not: "$821/39" becomes "S821/39" with the doubt OCR gave it). The map from that
    // word's confidence is address_confidence(); 0.95 at most, because which lines make the
    // address is itself a guess.
    double lowest = 1.0;
    for (const LineInfo* a : address) lowest = std::min(lowest, least_certain(address_word_confidences(a->line->words)));
    af.ocr_confidence = lowest;
    af.confidence = std::min(address_confidence(lowest), af.evidence);
    ex.fields["vendor_address"] = af;
  }
}

// Merchant confidence from which the name at the top stands against a thank-you line.
constexpr double kConfidentName = 0.8;
// Evidence of a name the top of the receipt does not confirm.
constexpr double kDisputedName = 0.5;

// A header line that names the store the merchant's name calls by its brand more fully:
// with its number, as chains print it under the logo ("Subway#1926-0 Phone 858-673-8362"
// below a logo OCR read as "SUBWAY"; store_numbered_name()), or with its legal form, as
// the registered name printed beside the brand ("Banh Mi Cafe" over "Dimiliki: banh mi cafe
// sdn bhd"; registered_name_of()). The name keeps its evidence; its words are those of that
// line, so the least certain of them and of the name's own reading is its OCR confidence.
void fuller_store_name(Extraction& ex, const std::vector<LineInfo>& infos) {
  auto it = ex.fields.find("merchant");
  if (it == ex.fields.end() || infos.empty()) return;
  Field& merchant = it->second;
  for (int i = 0; i < header_lines(infos); ++i) {
    const LineInfo& info = infos[static_cast<size_t>(i)];
    if (info.line->page != infos.front().line->page) break;
    if (info.index == merchant.line) continue;
    std::optional<std::string> named = store_numbered_name(info.text, merchant.value);
    if (!named) named = registered_name_of(info.text, merchant.value);
    if (!named) continue;
    // The line's words that spell the name (not "Phone ...", "Dimiliki:" or a registration number).
    NameWords words = name_words_on(*info.line, *named);
    double lowest = std::min(merchant.ocr_confidence, words.lowest);
    merchant.value = *named;
    merchant.text = info.text;
    merchant.line = info.index;
    merchant.page = info.line->page;
    merchant.box = words.box.empty() ? info.line->box : words.box;
    merchant.ocr_confidence = lowest;
    merchant.confidence = std::clamp(merchant.evidence * (0.2 + 0.8 * lowest), 0.0, 1.0);
    return;
  }
}

// "Thank you for shopping at Ross!": receipts name the store again at the bottom, in plain
// print, where the top has it in a logo OCR cannot read (the top line is then a slogan or the
// mall's name). When the merchant found at the top is not confident and shares no word with
// the store the receipt thanks for, that store is the merchant, for review; a confident name
// at the top stands (the thank-you line may name the place: "dining with us at River").
void thanked_merchant(Extraction& ex, const std::vector<LineInfo>& infos) {
  for (const LineInfo& info : infos) {
    std::optional<std::string> name = thanked_store_name(info.text);
    if (!name) continue;
    const Field* current = ex.get("merchant");
    auto same_name = [&](const std::string& a, const std::string& b) {
      std::string ka = alnum_key(a), kb = alnum_key(b);
      if (ka.empty() || kb.empty()) return false;
      if (ka.find(kb) != std::string::npos || kb.find(ka) != std::string::npos) return true;
      for (const std::string& wa : keyword_words(a))
        for (const std::string& wb : keyword_words(b))
          if (wa.size() >= 3 && wb.size() >= 3 && similarity(wa, wb) >= 0.75) return true;
      return false;
    };
    if (current && (current->confidence >= kConfidentName || same_name(current->value, *name))) return;
    // The top and the bottom of the receipt disagree (or the top has no name): the better guess,
    // not one to auto-accept.
    Field f = make_field(*name, kDisputedName, &info, 0, 0);
    NameWords words = name_words_on(*info.line, *name);
    if (!words.box.empty()) f.box = words.box;
    f.ocr_confidence = words.lowest;
    f.confidence = std::clamp(f.evidence * (0.2 + 0.8 * words.lowest), 0.0, 1.0);
    if (current) f.candidates.push_back({current->value, current->evidence, current->line});
    ex.fields["merchant"] = f;
    return;
  }
}

// The name a label gives ("Account name: Leung, Whitford & Co. - Office Account", "Sold by:
// Kawasemi Trading Co., Ltd. (branch)"): up to a " - " aside, and through the last legal form
// ("Co." too, which is a county elsewhere); with none, up to the first comma. Not into another
// label's value.
std::string labelled_name(const std::string& value) {
  auto tokens = split(collapse_spaces(trim(value.substr(0, value.find(" - ")))), ' ');
  // Another label starts another value ("Swiftline Logistics Ltd   Bank: Barclays Bank plc").
  auto label = std::find_if(tokens.begin() + (tokens.empty() ? 0 : 1), tokens.end(),
                            [](const std::string& t) { return t.size() > 1 && t.back() == ':'; });
  tokens.erase(label, tokens.end());
  size_t end = 0;
  for (size_t k = 1; k < tokens.size(); ++k)
    if (has_company_suffix(keyword_words(tokens[k])) || alnum_key(tokens[k]) == "CO") end = k + 1;
  std::string name;
  for (size_t k = 0; k < (end > 0 ? end : tokens.size()); ++k) name += (name.empty() ? "" : " ") + tokens[k];
  return end > 0 ? name : name.substr(0, name.find(','));
}

// Whether `legal` is a name with its legal form and no digits whose first word is `word`, a
// single word, accents aside.
bool legal_name_begun_by(const std::string& legal, const std::string& word) {
  auto legal_words = keyword_words(legal);
  auto words = keyword_words(word);
  if (words.size() != 1 || legal_words.size() < 2 || count_digits(legal) > 0 || !has_company_suffix(legal_words)) return false;
  return ascii_fold(legal_words.front()) == ascii_fold(words.front());
}

// How many tokens from `k` spell the domain's `label`: the token itself ("Stratocloud"), or
// two or three capitalised ones run together ("Tess Marlowe", tessmarlowe.com; "Birch &
// Bobbin", birchandbobbin.com); 0 for none.
// A label ("Pec:") spells nothing.
size_t domain_spelled_by(const std::vector<std::string>& tokens, size_t k, const std::string& label) {
  // An "&" between the words is spelled "and" or left out (birchandbobbin, birchbobbin).
  std::string with_and, without;
  auto prefix = [&](const std::string& key) { return key.size() <= label.size() && label.compare(0, key.size(), key) == 0; };
  for (size_t m = 0; m < 4 && k + m < tokens.size(); ++m) {
    const std::string& t = tokens[k + m];
    if (t.empty() || t.back() == ':' || t == "|") return 0;
    if (t == "&" || t == "+") {
      if (m == 0) return 0;
      if (t == "&") with_and += "AND";
      continue;
    }
    if (m > 0 && !std::isupper(static_cast<unsigned char>(t[0]))) return 0;
    with_and += ascii_fold(alnum_key(t));
    without += ascii_fold(alnum_key(t));
    if (with_and == label || without == label) return m + 1;
    if (!prefix(with_and) && !prefix(without)) return 0;
  }
  return 0;
}

// Words that join a name's capitalised words ("NORTHSHORE SIGNS & GRAPHICS", "VOLLMER +
// KRANICH", "Müller und Söhne", "BODEGA DE LA VIÑA").
const std::set<std::string>& name_joiners() {
  static const std::set<std::string> joiners = {"&", "+", "and", "de", "da", "do", "van", "von", "y", "e", "et", "und"};
  return joiners;
}

// The column of `tokens` (parted by "|") that holds token `k`, when it is a name set in
// capitals and nothing else: two to five words of capitals or joiners ("&", "and", "de"),
// without digits, labels, headings (`stop_words`) or addresses. nullopt otherwise ("Free
// Service Abonné" is a name and a heading in small letters).
std::optional<std::string> name_column_around(const std::vector<std::string>& tokens, size_t k,
                                              const std::set<std::string>& stop_words) {
  size_t first = k, last = k + 1;
  while (first > 0 && tokens[first - 1] != "|") --first;
  while (last < tokens.size() && tokens[last] != "|") ++last;
  if (last - first < 2 || last - first > 5) return std::nullopt;
  const std::set<std::string>& joiners = name_joiners();
  std::string name;
  for (size_t j = first; j < last; ++j) {
    const std::string& t = tokens[j];
    // A hotel's stars or a rule beside the name ("HOTEL CA' DEI GLICINI ****") are no word of it.
    if (count_letters(t) + count_digits(t) == 0 && t != "&" && t != "+") continue;
    bool word = count_letters(t) > 0 && std::none_of(t.begin(), t.end(), [](char c) { return c >= 'a' && c <= 'z'; }) &&
                count_digits(t) == 0 && t.back() != ':' && t.find('@') == std::string::npos &&
                t.find('.') == std::string::npos && !stop_words.count(alnum_key(t));
    if (!word && !joiners.count(t)) return std::nullopt;
    name += (name.empty() ? "" : " ") + t;
  }
  if (looks_like_address(name)) return std::nullopt;
  return name;
}

// Invoices name their issuer in ways receipts do not: "Sold by: X", the account holder of
// the bank details, or the company whose web/e-mail domain the document gives. The top-left
// name on an invoice is as often the customer (window-envelope address) as the issuer.
std::optional<Field> invoice_issuer(const std::vector<LineInfo>& infos, const std::vector<std::string>& texts,
                                    const CustomerLines& customer, bool text_layer) {
  static const std::regex seller(
      R"((?:sold by|seller|vendor|supplier|issued by|bill from|verkäufer|fournisseur|vendeur|leverancier)\s*[:.]\s*([^;|]+))",
      std::regex::icase);
  static const std::regex account_holder(
      R"((?:payable to|pay to|account name|account holder|kontoinhaber|titulaire du compte|beneficiary|begünstigter|empfänger|ten name van)\s*[:.]\s*([^;|]+))",
      std::regex::icase);
  auto labelled = [&](const std::regex& label) -> std::optional<Field> {
    for (const LineInfo& info : infos) {
      std::smatch m;
      // A label's value ends with its column ("Account name: Swiftline Logistics Ltd      Bank:").
      const std::string text(regex_subject(info.line->words.empty() ? info.text : columns_joined(info.line->words)));
      if (std::regex_search(text, m, label)) {
        std::string name = clean_merchant_name(labelled_name(trim(m[1].str())), !text_layer);
        // "Issued by" names the clerk who wrote the invoice as often as the company ("Issued
        // by: Lin Kuan-ting (Sales Dept.)"): a company only with its legal form.
        if (to_lower(m[0].str()).rfind("issued by", 0) == 0 && !has_company_suffix(keyword_words(name))) continue;
        if (count_letters(name) >= 2 && name.size() <= 60) return make_field(name, 0.7, &info, 0, 0);
      }
    }
    return std::nullopt;
  };
  // The customer's lines: its block, and the lines under an addressee heading as far as its
  // e-mail goes (a customer's domain names the customer: "ap@larkspur.com" under "Bill to").
  // The heading is a line's first column and nothing else ("Bill to" over the customer, beside
  // "Account details"), not a phrase among others ("Flipkart.com Customer Care: 1800 ...").
  auto heading_column = [&](size_t j) {
    const auto& words = infos[j].line->words;
    if (words.empty()) return false;
    auto [first, last] = column_segments(words).front();
    auto w = keyword_words(join_words(words, first, last));
    return is_addressee_heading_alone(w);
  };
  std::vector<bool> customer_side = customer.block;
  for (size_t j = 0; j < infos.size(); ++j)
    if (heading_column(j))
      for (size_t i = j + 1; i < infos.size() && i <= j + 5; ++i) customer_side[i] = true;
  // 1. Domains named in the document outside the customer's lines, in order of appearance.
  std::vector<std::string> issuer_texts;
  for (size_t i = 0; i < infos.size(); ++i)
    if (!customer_side[i]) issuer_texts.push_back(texts[i]);
  std::vector<std::string> labels = document_domain_labels(issuer_texts);
  // Headings a domain's name runs into ("STRATOCLOUD   Tax Invoice").
  static const std::set<std::string> stop_words = {"INVOICE", "RECHNUNG", "FACTURE", "FACTUUR", "FACTURA", "RECEIPT",
                                                   "BILL",    "TAX",      "VAT",     "GST"};
  // Not in the customer's column beside the issuer's; its columns parted by a "|" token.
  auto issuer_side = [&](size_t i) {
    const auto& words = infos[i].line->words;
    if (words.empty()) return split(collapse_spaces(infos[i].text), ' ');
    size_t end = words_before_edge(words, customer.edges[i]);
    auto tokens = split(collapse_spaces(columns_joined(std::vector<Word>(words.begin(), words.begin() + static_cast<long>(end)))), ' ');
    // The customer's column ends the issuer's as a rule would.
    if (end < words.size() && !tokens.empty()) tokens.push_back("|");
    return tokens;
  };
  // The letterhead: the top third of the first page, up to the first addressee heading. A
  // customer's domain is printed too (its e-mail, its own domains as line items), so names of
  // several words the domain spells are looked for here only, outside the customer's lines.
  size_t first_page_lines = 0;
  for (const LineInfo& info : infos) first_page_lines += info.line->page <= 1;
  size_t letterhead_end = 0;
  while (letterhead_end < infos.size() && letterhead_end * 3 < first_page_lines &&
         !is_addressee_heading(infos[letterhead_end].words))
    ++letterhead_end;
  for (const std::string& label : labels) {
    // A name written in small letters (a logo's "thistlewick hosting") is the name when the
    // document writes it no other way.
    std::optional<Field> lowercase;
    for (size_t i = 0; i < infos.size(); ++i) {
      const LineInfo& info = infos[i];
      auto tokens = issuer_side(i);
      // A letterhead in spaced letters over two lines, the second one word ("V O L L M E R  +
      // K R A N I C H" over "A R C H I T E K T E N"): one name.
      auto spaced_continuation = [&]() -> std::string {
        if (!info.letter_spaced || i + 1 >= infos.size() || !infos[i + 1].letter_spaced) return "";
        std::vector<std::string> next;
        for (const std::string& t : issuer_side(i + 1))
          if (t != "|") next.push_back(t);
        if (next.size() != 1 || count_letters(next[0]) < 3 || count_digits(next[0]) > 0 ||
            std::any_of(next[0].begin(), next[0].end(), [](char c) { return c >= 'a' && c <= 'z'; }))
          return "";
        return " " + next[0];
      };
      for (size_t k = 0; k < tokens.size(); ++k) {
        // A label ("Pec:") names no one. The domain may spell two or three capitalised words
        // run together ("The Lantern Rooms", lanternrooms.com).
        size_t spelled = domain_spelled_by(tokens, k, label);
        if (spelled == 0 || customer_side[i] || (spelled > 1 && i >= letterhead_end)) continue;
        bool small = std::none_of(tokens[k].begin(), tokens[k].end(), [](char c) { return c >= 'A' && c <= 'Z'; });
        // A column that is nothing but a short name in capitals ("LINGEWAARD VERTALINGEN",
        // "THE LANTERN ROOMS" over the address) is the name whole.
        if (auto whole = name_column_around(tokens, k, stop_words)) {
          std::string name = clean_merchant_name(*whole + spaced_continuation(), !text_layer);
          if (count_letters(name) >= 2) return make_field(name, 0.75, &info, 0, 0);
        }
        // The run of capitalised words from here; keep it whole only when it ends in a
        // company form or a heading word, else the matched word (+ a company form).
        std::vector<std::string> run(tokens.begin() + static_cast<long>(k), tokens.begin() + static_cast<long>(k + spelled));
        bool ends_well = false;
        for (size_t j = k + spelled; j < tokens.size(); ++j) {
          std::string key = alnum_key(tokens[j]);
          // A heading word, or the end of the name's column, ends the name.
          if (stop_words.count(key) || tokens[j] == "|") {
            ends_well = true;
            break;
          }
          // A joiner between capitalised words stays in the run ("NORTHSHORE SIGNS & GRAPHICS
          // LTD.", "Müller und Söhne GmbH").
          bool joiner = name_joiners().count(tokens[j]) && j + 1 < tokens.size() && !tokens[j + 1].empty() &&
                        std::isupper(static_cast<unsigned char>(tokens[j + 1][0]));
          if (!joiner && !std::isupper(static_cast<unsigned char>(tokens[j][0]))) break;
          run.push_back(tokens[j]);
          if (has_company_suffix(keyword_words(tokens[j]))) {
            // A legal form of two words ("Pty Ltd", "Sdn Bhd", "Pte. Ltd.") is whole; a word in
            // small letters is no legal form ("LLC as a marketplace facilitator").
            while (j + 1 < tokens.size() && has_company_suffix(keyword_words(tokens[j + 1])) &&
                   std::any_of(tokens[j + 1].begin(), tokens[j + 1].end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
              run.push_back(tokens[++j]);
            // "S.A. de C.V.": a legal form with its particle.
            if (j + 2 < tokens.size() && alnum_key(tokens[j + 1]) == "DE" && alnum_key(tokens[j + 2]) == "CV") {
              run.push_back(tokens[++j]);
              run.push_back(tokens[++j]);
            }
            ends_well = true;
            break;
          }
        }
        std::string name;
        if (ends_well && has_company_suffix(keyword_words(run.back()))) {
          // The legal name's first words may come before the ones the domain spells
          // ("ATELIER HORLOGER DU FLON Sàrl", horlogerduflon.ch): up to three capitalised
          // words of the same column.
          size_t start = k;
          while (start > 0 && k - start < 3 && !tokens[start - 1].empty() && tokens[start - 1] != "|" &&
                 std::isupper(static_cast<unsigned char>(tokens[start - 1][0])) && tokens[start - 1].back() != ':' &&
                 count_digits(tokens[start - 1]) == 0 && !stop_words.count(alnum_key(tokens[start - 1])))
            --start;
          run.insert(run.begin(), tokens.begin() + static_cast<long>(start), tokens.begin() + static_cast<long>(k));
        }
        if (ends_well) {
          for (const auto& r : run) name += (name.empty() ? "" : " ") + r;
        } else {
          for (size_t j = k; j < k + spelled; ++j) name += (name.empty() ? "" : " ") + tokens[j];
          for (size_t j = k + spelled; j < tokens.size() && has_company_suffix(keyword_words(tokens[j])); ++j) name += " " + tokens[j];
        }
        name = clean_merchant_name(name + (ends_well ? "" : spaced_continuation()), !text_layer);
        if (count_letters(name) < 2) continue;
        Field f = make_field(name, 0.75, &info, 0, 0);
        if (!small) return f;
        if (!lowercase) lowercase = f;
      }
    }
    if (lowercase) return lowercase;
  }
  // 2. The seller a label names ("Sold By: WS Retail Services Pvt. Ltd.", or "Sold by" heading a
  //    column with the name under it). After the domain: a marketplace's invoice is labelled
  //    with the platform (invoice2data's Flipkart invoice names Flipkart, not its seller).
  if (auto f = labelled(seller)) return f;
  //    The heading may head any column ("RECIPIENT ... SUPPLIER" over "Name: ... Name: Vitosha
  //    Bytes EOOD"), a rule of dashes under it; the name is the next line's words in its column.
  static const std::set<std::string> seller_headings = {"SOLD BY",    "SELLER",   "VENDOR",    "SUPPLIER", "FOURNISSEUR",
                                                        "VENDEUR",    "LIEFERANT", "PROVEEDOR", "FORNITORE", "DOSTAWCA",
                                                        "SPRZEDAWCA", "DODAVATEL", "PRODAVAC",  "EMISOR",   "EMITENTE"};
  for (size_t i = 0; i + 1 < infos.size(); ++i) {
    const Line& line = *infos[i].line;
    if (line.words.empty()) continue;
    for (auto [first, last] : column_segments(line.words)) {
      std::string heading = to_upper(trim(join_words(line.words, first, last)));
      if (!heading.empty() && heading.back() == ':') heading.pop_back();
      if (!seller_headings.count(heading)) continue;
      size_t j = i + 1;
      while (j < infos.size() && j <= i + 2 && count_letters(infos[j].text) == 0) ++j;
      if (j >= infos.size() || j > i + 2 || infos[j].line->words.empty()) break;
      const Line& next = *infos[j].line;
      BoundingBox column = words_box(line.words, first, last);
      std::string text;
      if (first == 0 || column.empty()) {
        auto name_column = column_segments(next.words).front();
        text = join_words(next.words, name_column.first, name_column.second);
      } else {
        for (const Word& w : next.words)
          if (!w.box.empty() && w.box.left >= column.left - column.width()) text += (text.empty() ? "" : " ") + w.text;
      }
      std::string name = clean_merchant_name(text, !text_layer);
      if (count_letters(name) >= 2 && name.size() <= 60) return make_field(name, 0.7, &infos[j], 0, 0);
      break;
    }
  }
  // 3. The holder of the account the invoice is paid to.
  if (auto f = labelled(account_holder)) return f;
  // 4. The letterhead: the first company name with its legal form ("Coolblue B.V.") in the
  //    top third of the first page, before any addressee heading (the customer's name may be a
  //    company too). The capitalised words just before the legal form, past any heading word
  //    on the same line ("FACTUUR.  Coolblue B.V.": the columns of a text layer run together).
  for (size_t i = 0; i < letterhead_end; ++i) {
    const LineInfo& info = infos[i];
    if (customer.block[i]) continue;
    auto tokens = issuer_side(i);
    for (size_t k = 1; k < tokens.size(); ++k) {
      if (!has_company_suffix(keyword_words(tokens[k]))) continue;
      size_t start = k;
      // A legal form of two words ("Pty Ltd", "Sdn. Bhd.") ends at its second.
      size_t form_end = k;
      while (form_end + 1 < tokens.size() && has_company_suffix(keyword_words(tokens[form_end + 1]))) ++form_end;
      // "S.A. de C.V.": a legal form with its particle.
      if (form_end + 2 < tokens.size() && alnum_key(tokens[form_end + 1]) == "DE" && alnum_key(tokens[form_end + 2]) == "CV")
        form_end += 2;
      // Particles and joiners inside a name ("Lagar do Mondego - Restauração, Lda.", "Müller &
      // Söhne GmbH") stay in the run; it begins at a capitalised word.
      static const std::set<std::string> joiners = {"do", "da", "dos", "das", "de", "del", "la", "le", "van", "von",
                                                    "der", "und", "y", "e", "et", "&", "-", "and", "of", "for"};
      // An elided particle before a capital counts as one ("Forno d'Ouro", "Caffè dell'Arte").
      auto capitalised = [](const std::string& t) {
        if (std::isupper(static_cast<unsigned char>(t[0]))) return true;
        size_t q = t.find('\'');
        static const std::set<std::string> elided = {"d", "l", "dell", "dall", "all", "nell", "sull"};
        return q != std::string::npos && q + 1 < t.size() && elided.count(t.substr(0, q)) &&
               std::isupper(static_cast<unsigned char>(t[q + 1]));
      };
      // A label ("Razão Social:") ends the run.
      while (start > 0 && k - start < 6 && (capitalised(tokens[start - 1]) || joiners.count(tokens[start - 1])) &&
             tokens[start - 1].back() != ':' && !stop_words.count(alnum_key(tokens[start - 1])) &&
             !has_company_suffix(keyword_words(tokens[start - 1])))
        --start;
      while (start < k && !capitalised(tokens[start])) ++start;
      if (start == k) continue;
      // A numbered company's number begins its column ("9387-4521 Québec inc.").
      auto company_number = [](const std::string& t) {
        return count_digits(t) >= 4 && std::all_of(t.begin(), t.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '-'; });
      };
      if (start == 1 && company_number(tokens[0])) start = 0;
      else if (start >= 2 && tokens[start - 2] == "|" && company_number(tokens[start - 1])) --start;
      std::string name;
      for (size_t j = start; j <= form_end; ++j) name += (name.empty() ? "" : " ") + tokens[j];
      name = clean_merchant_name(name, !text_layer);
      if (count_letters(name) >= 3) return make_field(name, 0.6, &info, 0, 0);
    }
  }
  return std::nullopt;
}

// ---- identifiers and contacts --------------------------------------------------------------

// A box that states the document and its number alone under it ("| FACTURA ELECTRÓNICA |"
// over "|   F002-00031457   |", Peru's series and number; or one line further down): a code of
// letters and digits with a '-' or '/', alone in its column under the heading.
std::optional<Field> code_under_invoice_heading(const std::vector<LineInfo>& infos) {
  static const std::regex code(R"(^[A-Z]{0,4}\d{0,4}[A-Z]{0,3}[-/]\d{3,10}$)");
  auto invoice_heading = [](const std::vector<std::string>& words) {
    return !words.empty() && words.size() <= 3 && std::any_of(words.begin(), words.end(), [](const std::string& w) {
             return w == "INVOICE" || w == "FACTURA" || w == "FATURA" || w == "FACTURE" || w == "FATTURA" ||
                    w == "FAKTURA" || w == "RECHNUNG" || w == "BOLETA";
           });
  };
  for (size_t i = 0; i < infos.size(); ++i) {
    const Line& heading = *infos[i].line;
    for (auto [first, last] : column_segments(heading.words)) {
      if (!invoice_heading(keyword_words(join_words(heading.words, first, last)))) continue;
      BoundingBox column = words_box(heading.words, first, last);
      for (size_t j = i + 1; j < infos.size() && j <= i + 2; ++j)
        for (auto [f2, l2] : column_segments(infos[j].line->words)) {
          if (l2 - f2 != 1) continue;
          const Word& w = infos[j].line->words[f2];
          bool under = column.empty() || w.box.empty() || (w.box.left < column.right && w.box.right > column.left);
          if (!under || !std::regex_match(w.text, code) || count_digits(w.text) < 4 || !find_dates(w.text).empty()) continue;
          Field f = make_field(w.text, 0.6, &infos[j], 0, 0);
          if (!w.box.empty()) f.box = w.box;
          return f;
        }
    }
  }
  return std::nullopt;
}

// Whether `value`, all digits, begins a column of `line` (not its first) that goes on with a
// street's name: a house number ("1187 Harbourside Drive, Unit 6").
bool begins_street_column(const Line& line, const std::string& value) {
  if (line.words.empty() || value.empty() || value.size() > 5 || count_digits(value) != static_cast<int>(value.size()))
    return false;
  static const std::set<std::string> streets = {"STREET", "ST",   "DRIVE",  "DR",     "ROAD",  "RD",      "AVENUE", "AVE",
                                                "LANE",   "WAY",  "BLVD",   "BOULEVARD", "HIGHWAY", "PLACE", "COURT", "CRESCENT",
                                                "TERRACE", "PARADE", "STRASSE", "STRAßE", "RUE",  "VIA",     "CALLE",  "AVENIDA",
                                                "WEG",    "LAAN", "STRAAT", "PLEIN",  "UNIT",  "SUITE"};
  for (auto [first, last] : column_segments(line.words)) {
    if (first == 0 || line.words[first].text != value) continue;
    auto words = keyword_words(join_words(line.words, first + 1, last));
    if (std::any_of(words.begin(), words.end(), [](const std::string& w) { return streets.count(w) > 0; })) return true;
  }
  return false;
}

void extract_identifiers(Extraction& ex, const std::vector<LineInfo>& infos) {
  int best_priority = 0;
  for (size_t i = 0; i < infos.size(); ++i) {
    const LineInfo& info = infos[i];
    auto ids = find_invoice_numbers(info.text);
    // A heading beside the address's column ("INVOICE      1187 Harbourside Drive, Unit 6"):
    // the house number is no invoice number.
    std::erase_if(ids, [&](const IdCandidate& id) { return begins_street_column(*info.line, id.value); });
    // A line that deducts an amount names the invoice it was paid or credited on ("Less
    // deposit (invoice NS-4471)  -900.00"): another invoice's number.
    if (std::any_of(info.amounts.begin(), info.amounts.end(),
                    [](const AmountMatch& a) { return a.has_decimals && a.value.is_negative(); }))
      ids.clear();
    for (const IdCandidate& id : ids) {
      if (id.priority <= best_priority) continue;
      best_priority = id.priority;
      size_t pos = info.text.find(id.value);
      ex.fields["invoice_number"] = make_field(id.value, 0.55 + 0.1 * id.priority, &info, pos,
                                               pos == std::string::npos ? 0 : pos + id.value.size());
    }
    // The line under a heading row, past a table's rule.
    size_t below_row = i + 1;
    if (below_row + 1 < infos.size() && is_rule_line(infos[below_row])) ++below_row;
    // Table layout: "Invoice No.   Date" with the values on the next line, under the heading.
    if (ids.empty() && best_priority < 3 && below_row < infos.size() && !info.line->words.empty()) {
      const auto& words = info.line->words;
      for (size_t k = 0; k < words.size(); ++k) {
        std::string head = to_upper(words[k].text);
        bool heading = (head == "INVOICE" || head == "RECHNUNGSNUMMER" || head == "FACTUURNUMMER" ||
                        head == "INVOICE#" || head == "RECHNUNGSNR." || head == "RECHNUNGSNR");
        if (!heading) continue;
        bool followed = k + 1 < words.size() && (to_upper(words[k + 1].text).rfind("NO", 0) == 0 ||
                                                 to_upper(words[k + 1].text).rfind("NUM", 0) == 0 ||
                                                 words[k + 1].text == "#" || to_upper(words[k + 1].text).rfind("NR", 0) == 0);
        if (head == "INVOICE" && !followed) continue;
        const BoundingBox& hb = words[k].box;
        if (hb.empty()) continue;
        for (const Word& below : infos[below_row].line->words) {
          if (below.box.empty() || below.box.right < hb.left || below.box.left > hb.right + hb.width()) continue;
          if (count_digits(below.text) == 0 || below.text.size() < 3 || !find_dates(below.text).empty()) continue;
          Field f = make_field(below.text, 0.6, &infos[below_row], 0, 0);
          f.box = below.box;
          f.ocr_confidence = below.confidence;
          ex.fields["invoice_number"] = f;
          best_priority = 3;
          break;
        }
      }
    }
    // A column that is an invoice-number label and nothing else ("| Número da Nota |",
    // "Statement #"), its value under it in the next line's column.
    if (ids.empty() && best_priority < 3 && below_row < infos.size() && !info.line->words.empty()) {
      const auto& words = info.line->words;
      for (auto [first, last] : column_segments(words)) {
        if (!is_bare_invoice_number_label(join_words(words, first, last))) continue;
        BoundingBox column = words_box(words, first, last);
        if (column.empty()) continue;
        for (const Word& below : infos[below_row].line->words) {
          if (below.box.empty() || below.box.right < column.left || below.box.left > column.right) continue;
          const std::string& value = below.text;
          if (count_digits(value) == 0 || value.size() < 3 || !find_dates(value).empty()) continue;
          Field f = make_field(value, 0.6, &infos[below_row], 0, 0);
          f.box = below.box;
          f.ocr_confidence = below.confidence;
          ex.fields["invoice_number"] = f;
          best_priority = 3;
          break;
        }
        if (best_priority == 3) break;
      }
    }
  }
  if (!ex.fields.count("invoice_number")) {
    // An invoice heading ("INVOICE", "FACTURA SIMPLIFICADA") with its number on the next line
    // under a bare number label: "# INV-001", "Nº: T1-004521" (OCR: "N2:"), "No. 4471", "SI No:"
    // (a Philippine sales invoice's).
    // Czech and Slovak "č." (číslo), written "c." without its accent.
    static const std::regex number_label(R"(^((?:SI|OR|INV)\s*)?(#|N(?:º|°|o)\.?\s*[:#]?|N[2e9]\s*:|Nr\.?\s*:?|(?:č|c)\.)\s*)", std::regex::icase);
    static const std::set<std::string> invoice_words = {"INVOICE", "RECHNUNG", "FACTURE", "FACTURA",
                                                        "FATTURA", "FACTUUR", "FATURA",  "FAKTURA"};
    // The label begins the line, or one of its columns (a box at the right: "| FACTURE |" over
    // "| N° :      F-20318 |"; the value may stand a column further).
    auto column_texts = [](const LineInfo& info) {
      std::vector<std::string> texts = {info.text};
      const auto& words = info.line->words;
      if (!words.empty())
        for (auto [first, last] : column_segments(words))
          if (first > 0) texts.push_back(join_words(words, first, words.size()));
      return texts;
    };
    bool found = false;
    for (size_t i = 1; i < infos.size() && !found; ++i) {
      const std::vector<std::string>& heading = infos[i - 1].words;
      if (std::none_of(heading.begin(), heading.end(), [](const std::string& w) { return invoice_words.count(w) > 0; }))
        continue;
      for (const std::string& column : column_texts(infos[i])) {
        std::string t = column;
        while (!t.empty() && (t.front() == '|' || t.front() == ' ')) t.erase(0, 1);
        std::smatch label;
        if (t.empty() || !std::regex_search(t, label, number_label)) continue;
        auto parts = split(collapse_spaces(t.substr(static_cast<size_t>(label.length(0)))), ' ');
        if (parts.empty() || parts[0].size() < 3 || count_digits(parts[0]) == 0) continue;
        size_t pos = infos[i].text.find(parts[0]);
        ex.fields["invoice_number"] = make_field(parts[0], 0.6, &infos[i], pos, pos + parts[0].size());
        found = true;
        break;
      }
    }
  }
  if (!ex.fields.count("invoice_number"))
    if (auto f = code_under_invoice_heading(infos)) ex.fields["invoice_number"] = *f;
  for (const LineInfo& info : infos) {
    if (!ex.fields.count("vendor_phone"))
      if (auto p = find_phone(info.text)) ex.fields["vendor_phone"] = make_field(*p, 0.8, &info, 0, 0);
    if (!ex.fields.count("vendor_email"))
      if (auto e = find_email(info.text)) ex.fields["vendor_email"] = make_field(*e, 0.9, &info, 0, 0);
    if (!ex.fields.count("vendor_tax_id"))
      if (auto t = find_tax_id(info.text)) ex.fields["vendor_tax_id"] = make_field(*t, 0.75, &info, 0, 0);
  }
  // Payment method: from the tender lines near the bottom first, then anywhere.
  for (int pass = 0; pass < 2 && !ex.fields.count("payment_method"); ++pass) {
    for (auto it = infos.rbegin(); it != infos.rend(); ++it) {
      if (pass == 0 && it->role != AmountRole::tendered) continue;
      if (auto m = find_payment_method(it->text)) {
        ex.fields["payment_method"] = make_field(*m, pass == 0 ? 0.8 : 0.5, &*it, 0, 0);
        break;
      }
    }
  }
}

// ---- line items ---------------------------------------------------------------------------

void extract_line_items(Extraction& ex, const std::vector<LineInfo>& infos) {
  // Items sit between the header and the first subtotal/total line.
  size_t end = infos.size();
  for (size_t i = 0; i < infos.size(); ++i) {
    for (AmountRole r : {AmountRole::subtotal, AmountRole::total, AmountRole::total_strong, AmountRole::tax}) {
      if (infos[i].has_role(r) && announced_amount(infos, i, r)) {
        end = std::min(end, i);
        break;
      }
    }
  }
  if (end == infos.size()) return;
  size_t start = 0;
  if (const Field* m = ex.get("merchant")) start = static_cast<size_t>(std::max(m->line + 1, 0));
  if (const Field* a = ex.get("vendor_address")) start = std::max(start, static_cast<size_t>(a->line + 1));
  std::string pending_description;
  for (size_t i = start; i < end; ++i) {
    const LineInfo& info = infos[i];
    if (info.role != AmountRole::none || !info.dates.empty() || find_phone(info.text) || find_tax_id(info.text)) {
      pending_description.clear();
      continue;
    }
    std::vector<AmountMatch> money;
    for (const AmountMatch& a : info.amounts)
      if (a.has_decimals) money.push_back(a);
    if (money.empty()) {
      // A description line whose numbers follow on the next line.
      if (count_letters(info.text) >= 3) pending_description = collapse_spaces(info.text);
      continue;
    }
    const AmountMatch& amount = money.back();
    std::string before = trim(info.text.substr(0, money.front().begin));
    std::string description;
    std::string quantity, unit_price;
    // Leading quantity: "2 Coffee", "2x Coffee", "2 @ 3.50".
    auto lead = split(before, ' ');
    if (!lead.empty() && !lead[0].empty()) {
      std::string q = lead[0];
      if (!q.empty() && (q.back() == 'x' || q.back() == 'X')) q.pop_back();
      if (!q.empty() && count_digits(q) == static_cast<int>(q.size()) && q.size() <= 3 && lead.size() > 1) {
        quantity = q;
        before = trim(before.substr(lead[0].size()));
      }
    }
    description = collapse_spaces(before);
    // Strip trailing "x", "@", "*" and single-letter tax codes from the description.
    while (!description.empty() && std::string_view("x@*:-").find(description.back()) != std::string_view::npos)
      description = trim(description.substr(0, description.size() - 1));
    if (money.size() >= 2) unit_price = money[money.size() - 2].value.to_string();
    // "1 PC * 9.00": a unit is not a description; the name is on the line above.
    static const std::set<std::string> units = {"PC", "PCS", "X", "NOS", "NO", "KG", "G", "EA", "UNIT", "UNITS", "QTY", "L", "ML"};
    bool only_unit = true;
    for (const auto& word : keyword_words(description))
      if (!units.count(word) && count_letters(word) > 0) only_unit = false;
    if ((count_letters(description) < 2 || only_unit) && !pending_description.empty()) description = pending_description;
    pending_description.clear();
    if (count_letters(description) < 2) continue;
    // "qty x unit = amount" settles which number is which.
    if (!quantity.empty() && !unit_price.empty()) {
      auto q = Decimal::from_string(quantity);
      auto u = Decimal::from_string(unit_price);
      if (q && u) {
        Decimal product{q->mantissa * u->mantissa, q->scale + u->scale};
        if (!(product == amount.value)) unit_price.clear();
      }
    }
    LineItem item;
    item.description = description;
    item.quantity = quantity;
    item.unit_price = unit_price;
    item.amount = amount.value.to_string();
    item.line = info.index;
    item.page = info.line->page;
    ex.line_items.push_back(item);
  }
}

std::string detect_document_type(const std::vector<LineInfo>& infos, const Extraction& ex) {
  int invoice = 0, receipt = 0;
  for (const LineInfo& info : infos) {
    const auto& w = info.words;
    if (has_phrase(w, "INVOICE") && !has_phrase(w, "TAX INVOICE") && !has_phrase(w, "SIMPLIFIED")) invoice += 2;
    if (has_phrase(w, "RECHNUNG") || has_phrase(w, "FACTURE") || has_phrase(w, "FACTUUR") || has_phrase(w, "FACTURA") ||
        has_phrase(w, "FATTURA"))
      invoice += 2;
    if (has_phrase(w, "BILL TO") || has_phrase(w, "SHIP TO") || has_phrase(w, "PAYMENT TERMS") ||
        has_phrase(w, "DUE DATE") || has_phrase(w, "IBAN") || has_phrase(w, "BANK DETAILS"))
      invoice += 2;
    if (has_phrase(w, "CASHIER") || has_phrase(w, "CHANGE") || has_phrase(w, "THANK YOU") || has_phrase(w, "CASH") ||
        has_phrase(w, "RECEIPT") || has_phrase(w, "TABLE") || has_phrase(w, "KASSE") || has_phrase(w, "KASSENBON"))
      receipt += 1;
  }
  if (ex.get("due_date")) invoice += 2;
  return invoice > receipt + 1 ? "invoice" : "receipt";
}

}  // namespace

double least_certain_word(const std::vector<Word>& words) { return least_certain(weighed_word_confidences(words)); }

double least_certain(const std::vector<double>& confidences) {
  return confidences.empty() ? 1.0 : *std::min_element(confidences.begin(), confidences.end());
}

namespace {
// The confidence `of` gives each weighed word.
template <typename Of>
std::vector<double> weighed_words(const std::vector<Word>& words, Of of) {
  std::vector<double> out;
  for (const Word& w : words)
    if (weighed(w)) out.push_back(of(w));
  return out;
}
}  // namespace

std::vector<double> weighed_word_confidences(const std::vector<Word>& words) {
  return weighed_words(words, [](const Word& w) { return w.confidence; });
}

std::vector<double> address_word_confidences(const std::vector<Word>& words) {
  return weighed_words(words, [](const Word& w) { return std::max(w.confidence, letters_confidence(w.glyph_confidence)); });
}

double letters_confidence(double glyph_confidence) { return std::clamp(1.0 - 15.0 * (1.0 - glyph_confidence), 0.0, 1.0); }

constexpr size_t kMaxAlignedCells = 1'000'000;

std::vector<double> aligned_word_confidences(const std::vector<Word>& line, const std::vector<double>& confidences,
                                             const std::vector<Word>& other, int* confirmed) {
  auto both = [](double a, double b) { return 1.0 - (1.0 - a) * (1.0 - b); };
  // Each reading's letters and digits in a row, each character tagged with its word, and where
  // each word's characters start (start[i] .. start[i + 1]).
  struct Keyed {
    std::string key;
    std::vector<int> word;      // index into the words, per character of key
    std::vector<size_t> start;  // per word, and the key's size at the end
  };
  auto keyed = [](const std::vector<Word>& words) {
    Keyed k;
    for (size_t i = 0; i < words.size(); ++i) {
      k.start.push_back(k.key.size());
      std::string part = alnum_key(clean_address_line(words[i].text));
      k.key += part;
      k.word.insert(k.word.end(), part.size(), static_cast<int>(i));
    }
    k.start.push_back(k.key.size());
    return k;
  };
  Keyed a = keyed(line), b = keyed(other);
  size_t n = a.key.size(), m = b.key.size();
  if (confirmed) *confirmed = 0;
  // An address line is tens of characters; a reading of hundreds of lines' worth is no reading
  // of it, and its table would cost memory for nothing.
  if (n * m > kMaxAlignedCells) return confidences;
  // Edit distance table, then one alignment traced back from it (matches preferred).
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1, 0));
  for (size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i)
    for (size_t j = 1; j <= m; ++j)
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a.key[i - 1] == b.key[j - 1] ? 0 : 1)});
  std::vector<int> partner(n, -1);   // the other reading's character each character matched, or -1
  std::vector<bool> added(n + 1, false);  // a character of `other` stands before a.key[i] (or at the end)
  size_t i = n, j = m;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && a.key[i - 1] == b.key[j - 1] && d[i][j] == d[i - 1][j - 1]) {
      partner[i - 1] = static_cast<int>(j - 1);
      --i, --j;
    } else if (i > 0 && j > 0 && d[i][j] == d[i - 1][j - 1] + 1) {
      --i, --j;
    } else if (i > 0 && d[i][j] == d[i - 1][j] + 1) {
      --i;
    } else {
      added[i] = true;
      --j;
    }
  }
  // The other reading's weighed word confidences, by word.
  std::vector<double> other_confidence(other.size(), -1.0);
  for (size_t w = 0; w < other.size(); ++w)
    if (weighed(other[w])) other_confidence[w] = other[w].confidence;
  std::vector<double> out = confidences;
  int count = 0;
  size_t at = 0;  // index of the weighed word in `confidences`
  for (size_t w = 0; w < line.size() && at < out.size(); ++w) {
    if (!weighed(line[w])) continue;
    size_t begin = a.start[w], end = a.start[w + 1], here = at++;
    if (begin == end) continue;
    bool same = true;
    double least = 1.0;
    for (size_t c = begin; c < end && same; ++c) {
      if (partner[c] < 0 || (c > begin && added[c])) same = false;
      else least = std::min(least, other_confidence[b.word[static_cast<size_t>(partner[c])]]);
    }
    if (added[begin] || added[end]) same = false;
    if (!same || least < 0.0) continue;
    out[here] = both(out[here], least);
    ++count;
  }
  if (confirmed) *confirmed = count;
  return out;
}

// Linear, calibrated on SROIE: a least certain word of 0.75 gives the default field threshold
// (0.6); the addresses at or above it were right in 45 of 51 documents, those below in 46 of 98.
double address_confidence(double least_certain_word) { return std::clamp(1.6 * least_certain_word - 0.6, 0.0, 1.0); }

double address_word_confidence_for(double field_confidence) { return (field_confidence + 0.6) / 1.6; }

double name_word_confidence(std::string_view word, double ocr_confidence) {
  // At most this when the spelling says OCR misread the word: under the default threshold
  // however sure the rest of the evidence is.
  constexpr double doubtful = 0.4;
  return has_digit_among_letters(word) ? std::min(ocr_confidence, doubtful) : ocr_confidence;
}

bool restore_merchant_from_domain(Extraction& ex, const std::vector<Line>& lines) {
  auto it = ex.fields.find("merchant");
  if (it == ex.fields.end()) return false;
  std::vector<std::string> texts;
  for (const Line& l : lines) texts.push_back(l.text());
  auto full = name_restored_from_domain(it->second.value, document_domain_labels(texts));
  if (!full) return false;
  Field& f = it->second;
  // Letters lost to the paper's edge or faint print are lost at the start of the line: a name
  // read inside a sentence ("Thank you for shopping at Ross!") lost none.
  auto first_word = [](std::string_view text) {
    for (const std::string& token : split(collapse_spaces(text), ' '))
      if (count_letters(token) > 0) return alnum_key(token);
    return std::string();
  };
  if (first_word(f.text) != first_word(f.value)) return false;
  f.value = *full;
  // The letters put back were read on another line, and that they belong here is the rule's
  // guess, not OCR's reading.
  f.confidence = std::round(f.confidence * 0.5 * 1000) / 1000;
  return true;
}

bool check_address_postcode(Extraction& ex) {
  auto it = ex.fields.find("vendor_address");
  if (it == ex.fields.end()) return false;
  Field& f = it->second;
  PostcodeCheck check = check_postcode(f.value);
  if (check.consistent) return false;
  ex.postcode_mismatch = true;
  if (!check.corrected.empty()) {
    f.candidates.insert(f.candidates.begin(), Candidate{f.value, f.evidence, f.line});
    if (f.candidates.size() > 5) f.candidates.resize(5);
    f.value = check.corrected;
    f.confidence = std::round(f.confidence * 0.5 * 1000) / 1000;
  }
  return true;
}

// A row of labels in columns over a row of amounts ("Tot. imponibile  Tot. imposta" over
// "3.488,50  767,47", "Valuta  Totale documento" over "EUR  4.255,97"): each amount takes the
// role of the label above it, where its own line gives it none. Not under an item table's
// heading ("Qty  Price  Amount"). For text layers, whose columns are where they are printed.
void label_amounts_by_column_headings(std::vector<LineInfo>& infos) {
  for (size_t i = 1; i < infos.size(); ++i) {
    LineInfo& row = infos[i];
    const LineInfo& heading = infos[i - 1];
    if (row.role != AmountRole::none || heading.line->page != row.line->page || is_item_table_heading(heading.words))
      continue;
    // The first of several rows is a table's row, not its total ("Taxable Value ... Total Tax"
    // over one row per HSN code, a "Total" row at the end).
    auto money_count = [](const LineInfo& info) {
      return std::count_if(info.amounts.begin(), info.amounts.end(), [](const AmountMatch& a) { return a.has_decimals; });
    };
    if (i + 1 < infos.size() && money_count(infos[i + 1]) > 0 && money_count(infos[i + 1]) == money_count(row)) continue;
    for (size_t k = 0; k < row.amounts.size(); ++k) {
      const AmountMatch& a = row.amounts[k];
      if (!a.has_decimals || a.percent || row.amount_roles[k] != AmountRole::none) continue;
      std::optional<std::string> label = column_label_above(*heading.line, *row.line, a.begin, a.end);
      // A rate's column ("%IVA", "VAT %") holds no money.
      if (!label || label->find('%') != std::string::npos) continue;
      AmountRole role = classify_amount_line(*label);
      if (role != AmountRole::none) row.amount_roles[k] = role;
    }
  }
}

Extraction extract_fields(const std::vector<Line>& printed, const ExtractOptions& options) {
  // Letter-spaced letterheads and headings read as the words they spell.
  std::vector<Line> lines = printed;
  std::vector<bool> spaced(lines.size(), false);
  for (size_t i = 0; i < lines.size(); ++i) {
    std::vector<Word> split = split_box_rules(lines[i].words);
    lines[i].words = join_letter_spaced(split);
    spaced[i] = lines[i].words.size() < split.size();
  }
  std::vector<LineInfo> infos;
  infos.reserve(lines.size());
  std::vector<std::string> texts;
  for (const Line& line : lines) texts.push_back(line.text());
  // "1 155,10" is one amount where amounts are written with decimal commas.
  bool space_groups = writes_decimal_commas(texts);
  for (size_t i = 0; i < lines.size(); ++i) {
    LineInfo info;
    info.line = &lines[i];
    info.index = static_cast<int>(i);
    info.text = texts[i];
    info.words = keyword_words(info.text);
    info.dates = find_dates(info.text);
    info.amounts = money_amounts(info.text, info.dates, space_groups);
    info.role = classify_amount_line(info.text);
    if (options.text_layer && info.role != AmountRole::none) join_space_grouped_last(info);
    // Lines such as "Exclusief BTW € 593,36 Subtotaal € 717,97" carry several labelled
    // amounts: each amount takes the role of the words just before it, if they name one.
    size_t label_start = 0;
    for (const AmountMatch& a : info.amounts) {
      AmountRole own = classify_amount_line(info.text.substr(label_start, a.begin - label_start));
      info.amount_roles.push_back(own != AmountRole::none && info.amounts.size() > 1 ? own : info.role);
      label_start = a.end;
    }
    info.relative_position = lines.size() > 1 ? static_cast<double>(i) / static_cast<double>(lines.size() - 1) : 0;
    info.letter_spaced = spaced[i];
    infos.push_back(std::move(info));
  }
  Extraction ex;
  if (infos.empty()) return ex;
  extract_currency(ex, infos, options);
  read_whole_units(ex, infos);
  if (options.text_layer) label_amounts_by_column_headings(infos);
  // A tax table's heading announces no amount and its rows are no tax or subtotal lines of
  // their own (extract_amounts() takes the table's totals); of its sum row only the gross
  // amount can be the total.
  std::optional<TaxTable> table = find_tax_table(texts, space_groups);
  if (table) {
    infos[table->heading].role = AmountRole::none;
    for (const TaxTableRow& r : table->rows) {
      infos[r.line].role = AmountRole::none;
      std::fill(infos[r.line].amount_roles.begin(), infos[r.line].amount_roles.end(), AmountRole::none);
    }
    if (table->sum_line) {
      LineInfo& sum = infos[*table->sum_line];
      for (size_t k = 0; k < sum.amounts.size(); ++k)
        if (!table->gross || !(sum.amounts[k].value == *table->gross)) sum.amount_roles[k] = AmountRole::none;
    }
  }
  extract_amounts(ex, infos, table);
  extract_dates(ex, infos, options);
  CustomerLines customer{customer_block_lines(texts), customer_column_edges(infos)};
  extract_vendor_address(ex, infos, extract_merchant(ex, infos, customer, options.text_layer));
  thanked_merchant(ex, infos);
  fuller_store_name(ex, infos);
  extract_identifiers(ex, infos);
  extract_line_items(ex, infos);
  infer_subtotal_from_items(ex);
  ex.document_type = detect_document_type(infos, ex);
  if (ex.document_type == "invoice") {
    if (auto issuer = invoice_issuer(infos, texts, customer, options.text_layer)) {
      const Field* current = ex.get("merchant");
      // The same name found both ways keeps the stronger evidence, and a clean legal name the
      // issuer's one word is the first of keeps its words ("Meterline Utility Services (Pty)
      // Ltd" over METERLINE, the word its domain spells).
      if (!current || (alnum_key(current->value) != alnum_key(issuer->value) &&
                       !legal_name_begun_by(current->value, issuer->value))) {
        if (current) issuer->candidates.push_back({current->value, current->evidence, current->line});
        ex.fields["merchant"] = *issuer;
      }
    }
  }
  return ex;
}

}  // namespace receiptocr
