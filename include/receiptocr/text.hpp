#pragma once
// Small string helpers shared by the parsers (pure, no I/O).
#include <string>
#include <string_view>
#include <vector>

namespace receiptocr {

// ASCII upper/lower case; other bytes (UTF-8) are kept as they are.
std::string to_upper(std::string_view text);
std::string to_lower(std::string_view text);
// Removes leading and trailing ASCII white space.
std::string trim(std::string_view text);
// Collapses runs of white space into one space and trims.
std::string collapse_spaces(std::string_view text);
// Splits on a separator character, keeping empty pieces.
std::vector<std::string> split(std::string_view text, char separator);
// `text` with every run of ASCII letters that is exactly `word` replaced by `replacement`
// ("TAMAN MALURT, MALURTS" with MALURT -> MALURI: "TAMAN MALURI, MALURTS").
std::string replace_word(std::string_view text, std::string_view word, std::string_view replacement);
// Upper-cases and keeps only letters and digits: the comparison form used by the scoring rules
// ("Sdn. Bhd." -> "SDNBHD", "Bürowelt" -> "BÜROWELT", "Straße" -> "STRASSE"). Letters beyond
// ASCII are upper-cased in the Latin-1, Latin Extended-A, Greek and Cyrillic blocks.
std::string alnum_key(std::string_view text);
// An alnum_key() with its Latin letters stripped of their accents, as web domains spell them
// ("LJUSFÄLT" -> "LJUSFALT", "ČOKOLÁDA" -> "COKOLADA"); other letters stay.
std::string ascii_fold(std::string_view key);
// 1 - normalised Levenshtein distance of the two strings, in [0,1] (1 for two empty strings).
double similarity(std::string_view a, std::string_view b);
// True when `text` starts with `prefix` / ends with `suffix`.
bool starts_with(std::string_view text, std::string_view prefix);
bool ends_with(std::string_view text, std::string_view suffix);
// Replaces each byte that is not part of valid UTF-8 (RFC 3629: no overlong forms, surrogates
// or code points past U+10FFFF), and each control character but tab and newline, with U+FFFD,
// so JSON output never fails and OCR noise does not reach CSV or JSON.
std::string sanitize_utf8(std::string_view text);
// The start of `text` that the std::regex rules read: at most `max_bytes` bytes, cut at a
// UTF-8 character boundary. std::regex matches by recursion, about one stack frame per
// character, so a hostile line of tens of thousands of characters would overflow the stack.
std::string_view regex_subject(std::string_view text, size_t max_bytes = 1000);
// Counts of ASCII letters and digits in the text.
int count_letters(std::string_view text);
int count_digits(std::string_view text);
// Length of the longest run of consecutive ASCII digits ("(001451637-M)" -> 9, "109, SS21/1A" -> 3).
int longest_digit_run(std::string_view text);

}  // namespace receiptocr
