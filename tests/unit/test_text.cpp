#include <doctest/doctest.h>

#include "print_helpers.hpp"

#include <string>
#include <vector>

#include "receiptocr/text.hpp"

using namespace receiptocr;

TEST_CASE("to_upper and to_lower change ASCII only") {
  CHECK(to_upper("Sdn. Bhd. 12x") == "SDN. BHD. 12X");
  CHECK(to_lower("TOTAL Due") == "total due");
  CHECK(to_upper("caf\xC3\xA9") == "CAF\xC3\xA9");
  CHECK(to_lower("\xC3\x89T\xC3\x89") == "\xC3\x89t\xC3\x89");
  CHECK(to_upper("") == "");
}

TEST_CASE("trim removes ASCII white space at both ends") {
  CHECK(trim("  a b \t\r\n") == "a b");
  CHECK(trim("\f\vx\v") == "x");
  CHECK(trim("   ") == "");
  CHECK(trim("") == "");
  CHECK(trim("no-space") == "no-space");
}

TEST_CASE("collapse_spaces joins runs of white space into one space") {
  CHECK(collapse_spaces("  TOTAL \t  9.00  ") == "TOTAL 9.00");
  CHECK(collapse_spaces("a\r\nb") == "a b");
  CHECK(collapse_spaces(" \t ") == "");
  CHECK(collapse_spaces("x") == "x");
}

TEST_CASE("split keeps empty pieces") {
  CHECK(split("a,b,c", ',') == std::vector<std::string>{"a", "b", "c"});
  CHECK(split(",a,,", ',') == std::vector<std::string>{"", "a", "", ""});
  CHECK(split("", ',') == std::vector<std::string>{""});
  CHECK(split("abc", ';') == std::vector<std::string>{"abc"});
}

TEST_CASE("ascii_fold: a key's Latin letters without their accents") {
  CHECK(ascii_fold(alnum_key("Ljusfält")) == "LJUSFALT");
  CHECK(ascii_fold(alnum_key("Čokoláda Łódź Œuvre")) == "COKOLADALODZOEUVRE");
  CHECK(ascii_fold("ÆØÅ") == "AEOA");
  CHECK(ascii_fold("ABC123") == "ABC123");
  CHECK(ascii_fold("ΑΘΗΝΑ") == "ΑΘΗΝΑ");  // Greek stays
  CHECK(ascii_fold("") == "");
}

TEST_CASE("alnum_key is the scoring comparison form") {
  CHECK(alnum_key("Sdn. Bhd.") == "SDNBHD");
  CHECK(alnum_key("Book Ta.K (Taman Daya) Sdn. Bhd.") == alnum_key("BOOK TA .K (TAMAN DAYA) SDN BHD"));
  CHECK(alnum_key("No.53, Jalan 1/2") == "NO53JALAN12");
  CHECK(alnum_key("caf\xC3\xA9!") == "CAF\xC3\x89");
  // Letters beyond ASCII are upper-cased too, as Unicode does: "Kranich Bürowelt" is
  // "KRANICH BÜROWELT", "Łódź" is "ŁÓDŹ", "Straße" is "STRASSE"; Greek and Cyrillic as well.
  CHECK(alnum_key("Kranich B\xC3\xBCrowelt") == alnum_key("KRANICH B\xC3\x9CROWELT"));
  CHECK(alnum_key("\xC5\x82\xC3\xB3" "d\xC5\xBA") == "\xC5\x81\xC3\x93" "D\xC5\xB9");
  CHECK(alnum_key("Stra\xC3\x9F" "e") == "STRASSE");
  CHECK(alnum_key("\xCE\xB1\xCF\x82") == "\xCE\x91\xCE\xA3");
  CHECK(alnum_key("\xD0\xB4\xD1\x91") == "\xD0\x94\xD0\x81");
  CHECK(alnum_key(" .-/ ") == "");
}

TEST_CASE("similarity is 1 - normalised Levenshtein distance") {
  CHECK(similarity("", "") == 1.0);
  CHECK(similarity("abc", "abc") == 1.0);
  CHECK(similarity("abc", "") == 0.0);
  CHECK(similarity("", "abcd") == 0.0);
  CHECK(similarity("kitten", "sitting") == doctest::Approx(1.0 - 3.0 / 7.0));
  CHECK(similarity("abcd", "abed") == doctest::Approx(0.75));
  CHECK(similarity("ab", "ba") == doctest::Approx(0.0));
  CHECK(similarity("flaw", "lawn") == doctest::Approx(0.5));
  CHECK(similarity("TOTAL", "T0TAL") == similarity("T0TAL", "TOTAL"));
}

TEST_CASE("starts_with and ends_with") {
  CHECK(starts_with("RM 9.00", "RM"));
  CHECK_FALSE(starts_with("R", "RM"));
  CHECK(starts_with("x", ""));
  CHECK(ends_with("9.00-", "-"));
  CHECK_FALSE(ends_with("9.00", "-"));
  CHECK_FALSE(ends_with("", "a"));
}

TEST_CASE("sanitize_utf8 keeps valid UTF-8") {
  CHECK(sanitize_utf8("plain ascii") == "plain ascii");
  CHECK(sanitize_utf8("caf\xC3\xA9 \xE2\x82\xAC 5 z\xC5\x82") == "caf\xC3\xA9 \xE2\x82\xAC 5 z\xC5\x82");
  CHECK(sanitize_utf8("\xF0\x9F\x98\x80") == "\xF0\x9F\x98\x80");  // U+1F600, 4 bytes
  CHECK(sanitize_utf8("\xF4\x8F\xBF\xBF") == "\xF4\x8F\xBF\xBF");  // U+10FFFF, the last code point
  CHECK(sanitize_utf8("a\tb\nc") == "a\tb\nc");
}

TEST_CASE("sanitize_utf8 replaces each invalid byte with U+FFFD") {
  const std::string r = "\xEF\xBF\xBD";
  CHECK(sanitize_utf8("a\xFF" "b") == "a" + r + "b");
  CHECK(sanitize_utf8("\x80") == r);
  CHECK(sanitize_utf8("x\xC3") == "x" + r);              // truncated sequence at the end
  CHECK(sanitize_utf8("\xE2\x82" "A") == r + r + "A");   // truncated in the middle
  CHECK(sanitize_utf8(std::string("a\0b", 3)) == "a" + r + "b");
  CHECK(sanitize_utf8("\x1B[0m") == r + "[0m");
}

TEST_CASE("sanitize_utf8 rejects overlong forms, surrogates and code points past U+10FFFF") {
  // All of these are refused by strict UTF-8 decoders (and by nlohmann::json's dump).
  const std::string r = "\xEF\xBF\xBD";
  CHECK(sanitize_utf8("\xC0\x80") == r + r);              // overlong NUL
  CHECK(sanitize_utf8("\xC1\xBF") == r + r);              // overlong '\x7F'
  CHECK(sanitize_utf8("\xE0\x80\xAF") == r + r + r);      // overlong '/'
  CHECK(sanitize_utf8("\xED\xA0\x80") == r + r + r);      // UTF-16 surrogate D800
  CHECK(sanitize_utf8("\xF0\x80\x80\xAF") == r + r + r + r);  // overlong 4-byte
  CHECK(sanitize_utf8("\xF4\x90\x80\x80") == r + r + r + r);  // U+110000
  CHECK(sanitize_utf8("\xF5\x80\x80\x80") == r + r + r + r);
}

TEST_CASE("count_letters and count_digits count ASCII only") {
  CHECK(count_letters("Total 12.50 RM") == 7);
  CHECK(count_digits("Total 12.50 RM") == 4);
  CHECK(count_letters("caf\xC3\xA9") == 3);
  CHECK(count_digits("") == 0);
  CHECK(count_letters("1234") == 0);
}

TEST_CASE("regex_subject keeps whole UTF-8 characters") {
  CHECK(regex_subject("short") == "short");
  CHECK(regex_subject(std::string(1200, 'a')) == std::string(1000, 'a'));
  CHECK(regex_subject(std::string(999, 'a') + "\xE2\x82\xAC" + "b") == std::string(999, 'a'));
  CHECK(regex_subject("ab\xC3\xA9", 3) == "ab");
  CHECK(regex_subject("ab\xC3\xA9", 4) == "ab\xC3\xA9");
}

TEST_CASE("longest_digit_run: a registration number has a long run, a house number with a code does not") {
  CHECK(longest_digit_run("(001451637-M)") == 9);
  CHECK(longest_digit_run("109, SS21/1A,") == 3);
  CHECK(longest_digit_run("1 2 3 4 5") == 1);
  CHECK(longest_digit_run("") == 0);
}

TEST_CASE("replace_word replaces whole runs of letters only") {
  CHECK(replace_word("TAMAN MALURT, 55100 KL", "MALURT", "MALURI") == "TAMAN MALURI, 55100 KL");
  CHECK(replace_word("MALURT MALURTS XMALURT MALURT", "MALURT", "MALURI") == "MALURI MALURTS XMALURT MALURI");
  CHECK(replace_word("3MALURT-MALURT", "MALURT", "MALURI") == "3MALURI-MALURI");  // digits and signs end a word
  CHECK(replace_word("Malurt", "MALURT", "MALURI") == "Malurt");                  // case matters
  CHECK(replace_word("", "A", "B") == "");
  CHECK(replace_word("K\xC3\xB6ln KOLN", "KOLN", "KOELN") == "K\xC3\xB6ln KOELN");   // UTF-8 passes through
}
