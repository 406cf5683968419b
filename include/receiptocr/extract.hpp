#pragma once
// Template-free field extraction from lines of text (pure functions, no I/O, no OCR).
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "receiptocr/date.hpp"
#include "receiptocr/decimal.hpp"
#include "receiptocr/document.hpp"

namespace receiptocr {

// Every field name the extractor can produce, in output order.
const std::vector<std::string>& field_names();
// Fields holding amounts (decimal strings).
bool is_amount_field(std::string_view name);
// Fields holding ISO dates.
bool is_date_field(std::string_view name);

struct ExtractOptions {
  DateOrder date_order = DateOrder::unknown;  // --date-order / --locale; unknown = from context
  std::string default_currency;               // used when the text names none (--currency)
  // The lines are a PDF's text layer, every word where it is printed: the gaps between a
  // line's columns are the document's, not a camera's or OCR's (set per document by the
  // pipeline).
  bool text_layer = false;
};

// A value the extractor considered for a field, with its score (higher is better).
struct Candidate {
  std::string value;
  double score = 0;
  int line = -1;  // index into the lines given to extract_fields
  bool operator==(const Candidate&) const = default;
};

// One extracted field with its provenance.
struct Field {
  std::string value;      // normalised: decimal string, ISO date, ISO currency, or text
  double confidence = 0;  // 0..1, final (after consistency checks)
  double evidence = 0;    // 0..1, how strong the rule that found it was
  double ocr_confidence = 1;  // mean OCR confidence of the words it came from
  int line = -1;          // index of the source line, -1 when inferred
  int page = 0;
  BoundingBox box;
  std::string text;       // the source line's text
  std::vector<Candidate> candidates;  // best first, at most 5
};

struct LineItem {
  std::string description;
  std::string quantity;    // decimal string, empty when not printed
  std::string unit_price;  // decimal string, empty when not printed
  std::string amount;      // decimal string
  int line = -1;
  int page = 0;
  bool operator==(const LineItem&) const = default;
};

struct Extraction {
  std::map<std::string, Field> fields;  // only fields that were found
  std::vector<LineItem> line_items;
  std::string document_type = "receipt";  // "receipt" or "invoice"
  bool date_ambiguous = false;            // day/month order could not be settled
  std::string date_alternative;           // the other reading when ambiguous
  bool date_garbled = false;              // the date was undone from a garbled form (find_garbled_dates)
  bool postcode_mismatch = false;         // the address's postcode is not the state's it names (check_address_postcode)
  std::string discount;                   // total discount found (decimal string), if any
  std::string rounding;                   // rounding adjustment found, if any
  std::string service_charge;             // service charge found ("Serv. Charge (10%)"), if any
  std::string tendered;                   // cash/card amount tendered, if any
  int tendered_line = -1;                 // the line it was read from
  std::string change;                     // change given, if any
  const Field* get(std::string_view name) const;
  // The field's value as an amount; nullopt when the field is missing or no amount.
  std::optional<Decimal> amount(std::string_view name) const;
};

// Finds every field in the lines (one document, all pages, reading order).
Extraction extract_fields(const std::vector<Line>& lines, const ExtractOptions& options = {});

// ---- Rules exposed for unit tests -------------------------------------------------------

// Upper-cased words of a line with punctuation removed: "Sub-Total :" -> {"SUB", "TOTAL"}.
std::vector<std::string> keyword_words(std::string_view line);
// True when the phrase's words occur consecutively in `words`, allowing one OCR error in
// words of five or more letters ("TOTAI" matches "TOTAL").
bool has_phrase(const std::vector<std::string>& words, std::string_view phrase);
// A balance carried over from an earlier bill ("Previous Balance", "Balance Forward", "Past
// Due"): added to a bill's charges in the amount due, never the bill's own total.
bool carries_balance(const std::vector<std::string>& words);

// What kind of amount a line announces, from its keywords.
enum class AmountRole { none, total, total_strong, subtotal, tax, tip, service, discount, rounding, tendered, change, quantity };
AmountRole classify_amount_line(std::string_view line);
std::string_view to_string(AmountRole role);

// An invoice/receipt/document number announced on this line ("Invoice No: INV-0042"),
// or nullopt.
std::optional<std::string> find_invoice_number(std::string_view line);
// Every number announced on the line, with a priority: 3 invoice, 2 receipt/bill/document,
// 1 order/transaction/ticket.
struct IdCandidate {
  std::string value;
  int priority = 0;
};
std::vector<IdCandidate> find_invoice_numbers(std::string_view line);
// Whether `text` (a column of a line, its box rules and spaces aside) is an invoice-number
// label and nothing else, its value printed under it ("Número da Nota", "Invoice No.",
// "Rechnungsnummer", "Statement #").
bool is_bare_invoice_number_label(std::string_view text);
// A phone number after TEL/PHONE/... on this line, digits and + only ("+60 3-1234 5678" -> "+60312345678").
std::optional<std::string> find_phone(std::string_view line);
// The first e-mail address in the line.
std::optional<std::string> find_email(std::string_view line);
// A tax registration id after GST/VAT/TIN/USt-IdNr/... ("GST Reg No: 001234567890").
std::optional<std::string> find_tax_id(std::string_view line);
// A payment method named in the line: "cash", "card", "visa", "mastercard", "amex",
// "debit_card", "credit_card", "bank_transfer", "paypal", "mobile"; nullopt if none.
std::optional<std::string> find_payment_method(std::string_view line);
// 0..1: how much a line looks like a business name (company suffix, letters, position).
double merchant_line_score(std::string_view line, int position, int line_count);
// The heading row of a table of items ("Qty S/Price Amount Tax", "Item Description Price"):
// the line under it is an item, whatever amount word the heading holds. `words` are
// keyword_words() of the line.
bool is_item_table_heading(const std::vector<std::string>& words);
// True when the words include a company-form suffix (SDN BHD, LTD, GMBH, B.V., ...),
// tolerating the common OCR misreadings "SON BHD" and "SDN 8HD".
bool has_company_suffix(const std::vector<std::string>& words);
// True when the words are a legal form and nothing else ("S.A. de C.V.", "SDN BHD", "Pty Ltd",
// "CO. (M) SDN BHD"): the end of a name printed on the line above.
bool only_legal_form(const std::vector<std::string>& words);
// has_company_suffix() of a line as printed, not counting a trailing lowercase token of one or
// two letters ("Kuala Lumpur. ag": debris, not "AG").
bool line_has_company_suffix(std::string_view line);
// True when a word has a digit OCR mistakes for a letter (0 1 5 8: O I S B) between two
// letters, punctuation aside ("O.1.Y." for D.I.Y., "B0OK", "MA5JID"): names are spelled in
// letters, so that digit is more likely a misread letter. Digits at a word's edge ("A1",
// "1234567-X") and other digits ("H2O") are not flagged.
bool has_digit_among_letters(std::string_view word);
// A heading that introduces the customer's address (BILL TO, SHIP TO, Rechnungsadresse, ...).
bool is_addressee_heading(const std::vector<std::string>& words);
// The words are an addressee heading and nothing else ("BILL TO", "DATOS DEL CLIENTE"; not
// "ORIGINAL FOR RECIPIENT", a copy's mark).
bool is_addressee_heading_alone(const std::vector<std::string>& words);
// The lines of a document that name and address its customer, not its issuer: the three under
// an addressee heading ("Bill To:", "Datos del cliente", "Lieferanschrift:"), the name above an
// attention line and the address under it ("Attn: Practice Manager", "z. Hd. Buchhaltung",
// "t.a.v. administratie"), and the lines under a person's name with a courtesy title ("Ms Priya
// Raman", "Mr Cian Ó Briain"; title case only: "MR D.I.Y." is a shop).
std::vector<bool> customer_block_lines(const std::vector<std::string>& texts);
// A business name as printed, without OCR debris around it, a trailing registration number
// "(126928-H)", and with "SON BHD"/"SDN 8HD" restored to "SDN BHD". `respell`: words OCR read
// one letter off a business word are spelled back (correct_business_words()); a text layer's
// words are as printed ("Brenta Forniture S.r.l." is no furniture shop misread).
std::string clean_merchant_name(std::string_view line, bool respell = true);

// The words of a name line that belong to the name, as [first, last): a short token (up to
// three letters or digits) at either end goes when it is printed unlike the name's words, as a
// speck, a rule or the edge of a logo read as text is: less than 0.6 of their median height,
// more than 1.6 of it (one or two characters only), or further from its neighbour than 2.5
// heights ("A" 150 px left of "Luna Grill Oxnard"). The name's words are those of three or more
// letters or digits; a line without one keeps every word, and so does one whose tokens so
// judged hold more than 30% of its letters and digits (debris around a word is no name with
// specks beside it). Short words a name may begin with in small print ("THE", "Dr", "Mc"), legal
// forms ("LTD", "S.L,"), words of three capitals ("TRI") and a leading number of two digits or
// more ("99 SPEED MART") stay. `small_is_stray` false keeps the small tokens: OCR boxes the
// digits of an address line ("9/5") lower than its capitals, a line of a name in one size does not.
std::pair<size_t, size_t> name_word_span(const std::vector<Word>& words, bool small_is_stray = true);
// The columns a line's words fall in, as [first, last) ranges in order: a gap of more than
// `gap` word heights (their median) between two words parts them: a word space is well under
// one height, the space between a name and a heading on its right many ("WATTLE broadband" and
// "Tax Invoice" on one line of a letterhead). A box's rule ("|", a word of its own) parts
// columns too and belongs to none. One range for words without boxes.
std::vector<std::pair<size_t, size_t>> column_segments(const std::vector<Word>& words, double gap = 4.0);

// Letter-spaced capitals ("K I L B R I D E   Ó   D Á L A I G H", "I N V O I C E"), a word per
// letter, joined back into their words: a run of three or more one-letter capitals, parted into
// words where the space between two letters is clearly wider than the run's narrowest. Each
// joined word's box is its letters', its confidence their least. Words without boxes, and
// every other word, stay as they are.
std::vector<Word> join_letter_spaced(const std::vector<Word>& words);

// A text layer's word with a box's rule glued to it ("0.00|", "|Total") as the word and the
// rule ("|"), each with its share of the box: a rule is no digit ("0.00|" is not 0.001). OCR's
// words (less than certain) are left as they are: there "|" is as often a misread 1 or l.
std::vector<Word> split_box_rules(const std::vector<Word>& words);

// The box of words [first, last): a column's, a label's.
BoundingBox words_box(const std::vector<Word>& words, size_t first, size_t last);

// The least certain word of a name read twice (the page's words and a close-up's, in order,
// counting words of two or more letters or digits): a word both readings spell alike (as the
// cleaning spells it: "D.I.¥." is "D.I.Y.") is wrong only when both are, 1 - (1 - a)(1 - b);
// a word they spell differently, or with a digit among its letters in either ("O.1.Y."), counts
// as the less sure of the two. Each reading's word confidence is name_word_confidence() (at
// most 0.4 for such a word). nullopt when the readings have different numbers of
// words, or none.
std::optional<double> agreed_name_confidence(const std::vector<Word>& first, const std::vector<Word>& second);

// Whether a close-up's reading of the merchant (`closeup`, cleaned) may replace the page's
// (`page`): a name of three letters or more, the same words (similarity of their letters and
// digits at least 0.6, not another line inside the box), and no more digits than the page read
// ("1A TAURINA" for LA TAURINA: OCR takes an L or an O for a digit far more often than the
// other way round, and names are spelled in letters).
bool closeup_may_rename(std::string_view page, std::string_view closeup);

// The names of the web and e-mail domains a line gives, as alnum_key() spells them, without
// mail providers' ("www.vivopac.com", "info@acme-tools.de" -> "VIVOPAC", "ACMETOOLS"; not
// "x@gmail.com"); a label shorter than three characters is no name.
std::vector<std::string> domain_labels(std::string_view line);
// A name whose first word is the tail of a domain the document gives, one to four letters
// short of it, lost those letters to the paper's edge or faint print: "OPAC MARKETING SDN BHD"
// with "vivopac.com" -> "VIVOPAC MARKETING SDN BHD" (the letters put back in the word's case).
// nullopt when no domain ends in the name's first word, when one begins with it (the word is
// whole: "ROSS" beside "rossstores.com" and "tellross.com"), or when the name is the domain.
std::optional<std::string> name_restored_from_domain(std::string_view name, const std::vector<std::string>& labels);

// The merchant of a finished extraction, restored by name_restored_from_domain() from the
// domains the lines give (not a "Powered by" software maker's), at half its confidence, so it
// goes to review; only a name that begins its line (letters are lost at a line's start, not
// inside "Thank you for shopping at Ross"). True when it changed. The pipeline runs it last,
// after the name's re-reads.
bool restore_merchant_from_domain(Extraction& ex, const std::vector<Line>& lines);

// The address of a finished extraction whose postcode is not one of the state it names
// (check_postcode() in postcode.hpp: "61700 PASIR GUDANG, JOHOR") sets postcode_mismatch,
// which routes the document to review; when exactly one changed digit makes it the state's,
// the value gets that digit, the address as read becomes its candidate, and its confidence is
// halved (the digit is the rule's guess). True when it set the flag. The pipeline runs it
// last, after the address's re-reads.
bool check_address_postcode(Extraction& ex);

// The store a receipt thanks the customer for visiting, as printed: "Thank you for shopping
// at Ross! Be ai" -> "Ross", "Thanks for visiting Subway. Please let" -> "Subway", "Thank you
// for choosing Cactus Car Wash" (also German "Einkauf bei", Spanish "compra en", Malay
// "membeli-belah di"); nullopt when the sentence names no one ("... with us!", "... at our store").
std::optional<std::string> thanked_store_name(std::string_view line);

// The store's name with its number, when `line` begins with `name` (letters and digits
// compared, case aside) followed by "#" and the number: chains print it under the logo
// ("Subway#1926-0 Phone 858-673-8362" with the logo read as "SUBWAY" -> "Subway#1926-0",
// "Sports Authority # 484 ..." -> "Sports Authority # 484"), and that is what names the store.
// nullopt when the line goes on otherwise ("Subway Phone", "Subways #1"), when no digit follows
// the "#", or when the name has one already.
std::optional<std::string> store_numbered_name(std::string_view line, std::string_view name);

// The registered name of a business `name` calls by its brand, when `line` (cleaned as a
// name: clean_merchant_name()) is that name followed by a legal form and nothing else:
// "Dimiliki: banh mi cafe sdn bhd 1110644-K" for "Banh Mi Cafe" -> "banh mi cafe sdn bhd",
// "POPULAR BOOK CO. (M) SDN BHD" for "POPULAR BOOK". nullopt when `name` has a legal form
// already, or the line adds other words ("Banh Mi Cafe Puchong Sdn Bhd").
std::optional<std::string> registered_name_of(std::string_view line, std::string_view name);

// True when `heading`, the line above `row`, is a row of column headings (two or more words,
// no digit) whose "Date" (TARIKH, DATUM, FECHA) stands over the date that begins at character
// `date_begin` of `row`: "Date Time Num OPT" over "18/03/18 15 17 06051 02". Over it means
// overlapping it across the page when both words have boxes, else the same word position.
bool heads_date_column(const Line& heading, const Line& row, size_t date_begin);

// The column heading printed over characters [begin, end) of `row` by `heading`, the line
// above it, when `heading` is a row of labels in columns (two or more, parted by gaps wider
// than a word's height; no digit) and one of its columns overlaps the span across the page: "Invoice Date"
// over "18 Mar 2025", "Totale documento" over "4.255,97". nullopt otherwise, or without boxes.
std::optional<std::string> column_label_above(const Line& heading, const Line& row, size_t begin, size_t end);

// True when an OCR word has the shape of a date it could not be read as: digits (at most two
// of their look-alikes, O I l S B t Z) in three parts split by "/", "." or "-" ("92/12/2017",
// "20/03/204t"), four digits, "/" or "-" and four digits ("2705/2018"), or eight digits run
// together ("27032018"); not a date that parses as it is, an amount or a code.
bool date_shaped(std::string_view word);

// The value a close-up re-reading of one field's words gives: for amount fields exactly one
// amount with decimals ("RM 60.30" -> "60.30"; "60.30 12.00", "6%", "60" -> nullopt), for date
// fields exactly one date, resolved in `order` (the order the document's other dates settled),
// as ISO. nullopt when the text is not one clear value of that kind.
std::optional<std::string> reread_value(std::string_view field, std::string_view text, DateOrder order);

// The payable amount after cash rounding to 0.05 (Malaysia, Switzerland, Australia, ...):
// `total` moved by the printed rounding `adjustment` (either sign: OCR drops minus signs, and
// receipts print it either way) when that alone makes a multiple of 0.05 and `total` is not
// one. "60.31" with "0.01" -> 60.30; "60.30" with "0.01" -> nullopt; adjustments over 0.02 -> nullopt.
std::optional<Decimal> cash_rounded_total(const Decimal& total, const Decimal& adjustment);

// True when `amount` rounded to the nearest 0.05, as cash totals are in Malaysia, Switzerland,
// Australia, ..., is `total`, and differs from it: 27.56 -> 27.55, 55.12 -> 55.10, 23.28 ->
// 23.30; not 27.55 -> 27.55 (nothing rounded) or 27.56 -> 27.60.
bool cash_rounds_to(const Decimal& amount, const Decimal& total);

// The tax of a tax summary row that prints a rate with its amounts ("SR 6% 78.30 4.70 83.00",
// "SR 6 37.50 225", "1.64 Food BTW 6% 28.95"): the amount the rate gives on another amount of
// the row, net or gross, to the cent; the tax may have lost its decimal point to OCR ("225",
// "0 45"). nullopt when the row has no rate (a percent sign, or a small number before the
// amounts) or no such pair.
std::optional<Decimal> tax_from_rate_row(std::string_view line);

// A tax analysis table, as European, British and Malaysian receipts print under the total:
// a heading that names a tax column and a net or gross one ("MwSt Netto MwSt Brutto", "TVA
// TAUX HT TVA TTC", "Moms% Moms Netto Brutto", "GST Summary Amount(RM) Tax(RM)"), a row per
// rate ("A 10% 10,27 1,03 11,30"), and often a sum row ("Summe 25,35 4,05 29,40"). A row's
// amounts fill the heading's columns from the right. A row counts only when its amounts
// agree: net + tax = gross, or the tax is the rate of the net or of the gross.
struct TaxTableRow {
  size_t line = 0;
  std::optional<Decimal> net, tax, gross;
};
struct TaxTable {
  size_t heading = 0;
  std::vector<TaxTableRow> rows;
  std::optional<size_t> sum_line;  // the printed sum row, when its amounts are the rows' sums
  // Column totals: the sum row's when printed, else the rows' sums; absent when the table has
  // no such column.
  std::optional<Decimal> net, tax, gross;
  // The line each rows' amount sits on and where, for the sum row's amounts.
  size_t last_line() const { return sum_line ? *sum_line : rows.back().line; }
};
// The first tax table in `lines` (texts of consecutive lines), or nullopt. An item table's
// heading ("Qty Price Amount Tax") heads no tax table. `space_groups` as for find_amounts().
std::optional<TaxTable> find_tax_table(const std::vector<std::string>& lines, bool space_groups = false);

// The amounts of a receipt's summary, as read (absent: not printed or not read).
struct SummaryAmounts {
  std::optional<Decimal> total, subtotal, tax, tip, discount, rounding, service;
};
// True when subtotal + tax (+ service charge + tip - discount +/- rounding) is the total,
// trying the optional terms both ways because receipts print them inconsistently (discount
// already inside the subtotal, a subtotal printed after the service charge, ...), and the
// rounding with either sign: OCR drops minus signs ("ROUNDING : -0.02" reads 0.02). A
// rounding line whose amount OCR lost still says the total was rounded to 0.05 for cash.
// Tax-inclusive prices: a subtotal equal to the total holds the tax. False without a total
// or subtotal.
bool amounts_add_up(const SummaryAmounts& amounts);

// The sales tax rates a line prints, in hundredths of a percent: percentages above 0 and at
// most 30 on a line that names a tax ("GST @ 6%" -> {600}, "MwSt 19,0 %" -> {1900}, "VAT 7.5%"
// -> {750}); none on a line without a tax word ("10% OFF") or for "0%".
std::vector<int> printed_tax_rates(std::string_view line);

// A subtotal and tax that add up to the total, in cents, when the read pair does not.
struct TaxSplit {
  Decimal subtotal;
  Decimal tax;
};
// The split of a `total` into net and tax that a printed tax `rate` gives (tax = net x rate,
// rounded half up to the cent; `total` taken as printed or before/after the `rounding`
// adjustment), when an amount OCR read confirms it: the read subtotal is the net (so the tax
// was misread or lost: "Total GST 571"), the read tax is the tax (so the subtotal was
// misread: "7.80" for 7.50), or the read subtotal is the tax. nullopt when nothing read
// confirms a split, or two rates or roundings give different ones. Only called when the
// read amounts do not add up: a pair that does needs no rate.
std::optional<TaxSplit> split_by_tax_rate(const Decimal& total, const std::optional<Decimal>& subtotal,
                                          const std::optional<Decimal>& tax, const std::optional<Decimal>& rounding,
                                          const std::vector<int>& rates);

// When no rate is printed: the net that one misread digit of the subtotal and a whole-percent
// rate explain. total - tax must be one digit from the subtotal read, and the tax that net at
// a whole percent from 1% to 30%, rounded half up to the cent ("7.80" read, 7.95 - 0.45 =
// 7.50, and 0.45 is 6% of 7.50). nullopt otherwise. Only the subtotal is corrected so: a tax
// replaced the same way would make the sum check confirm the total with a value derived from it.
inline constexpr int kMaxImpliedRate = 3000;  // hundredths of a percent
std::optional<Decimal> net_by_implied_rate(const Decimal& total, const Decimal& subtotal, const Decimal& tax);

// True when the two amounts, written with two decimals, differ in exactly one digit ("38.30"
// and "30.30"; not "30.30" and "3.30" or "30.03"... which differ in two): the mark of one
// misread digit.
bool one_digit_apart(const Decimal& a, const Decimal& b);
// True when the two amounts, written with two decimals, differ by one digit that OCR read into
// one of them or lost from it ("886.17" and "88.17", "91.00" and "9.00", "14.00" and "4.00"; not "88.17" and "8.71"
// ... which differ in two digits).
bool one_digit_inserted(const Decimal& a, const Decimal& b);

// `line` with the words overlapping `box` replaced by one word holding `text` (box: their
// union, confidence: `confidence`). The line is returned unchanged when no word overlaps.
Line replace_words(const Line& line, const BoundingBox& box, std::string text, double confidence);
// One address line as printed, without OCR debris: tokens with no letter or digit (":",
// "|", quotes; commas, "&", "-", "/" stay), "$" read for "S", "§" for "5", and Malaysian
// address words misread by one letter spelled right ("JUN" -> "JLN", "Jaian" -> "Jalan").
std::string clean_address_line(std::string_view line);
// "SRD FLR" -> "3RD FLR", "STH FLOOR" -> "5TH FLOOR", "IST FLOOR" -> "1ST FLOOR", "ZND LEVEL"
// -> "2ND LEVEL": a floor's ordinal with its digit read as a letter, only before a floor word.
std::string spell_floor_ordinals(const std::string& line);
// The lowest OCR confidence among the words of two or more letters or digits (1 when there
// are none): one misread character makes a name, an address or an amount wrong, while specks
// and punctuation read with doubt do not.
double least_certain_word(const std::vector<Word>& words);
// The confidences of the words least_certain_word() weighs, in reading order, and the least
// of such a list (1 when it is empty).
std::vector<double> weighed_word_confidences(const std::vector<Word>& words);
double least_certain(const std::vector<double>& confidences);
// The words weighed_word_confidences() weighs, each at the larger of its confidence and
// letters_confidence() of its least certain letter or digit: an address is compared by its
// letters and digits, so OCR's doubt about where a space goes does not make it wrong.
std::vector<double> address_word_confidences(const std::vector<Word>& words);
// A word confidence from its least certain glyph's: 0.99 -> 0.85, 0.9833 -> 0.75 (the word
// confidence that gives the default field threshold), 0.97 -> 0.55, 0.933 or less -> 0 (as
// does 0, a glyph confidence not known).
// Measured on SROIE's page readings: of the address words OCR read under 0.75 with every
// glyph at 0.985 or more, 41 of 44 were right (the three others are spelled right by
// clean_address_line()), against 151 of 233 for all words under 0.75.
double letters_confidence(double glyph_confidence);
// A line's weighed word confidences (`confidences`, one per weighed word of `line`, in order)
// once another reading, `other`, read it again, word by word: the two readings' letters and
// digits, each word spelled as clean_address_line() spells it, are aligned character by
// character (fewest edits), and a weighed word of `line` whose every character the other
// reading has in the same place, with no character added inside it or next to it, is wrong
// only when both readings are, 1 - (1 - a)(1 - b), with b the least certain weighed word of
// `other` its characters fell in. The other words keep their confidence: a word read otherwise
// is neither confirmed nor held against the line. `confirmed`, when given, counts the words
// confirmed. "12, Jalan Tampoi 7/4,Kawasan" read "A2, Jalan Tampoi 7/4, Kawasan" confirms
// all but "12,". Readings whose letters and digits multiply to over a million characters
// (no address line) confirm nothing.
std::vector<double> aligned_word_confidences(const std::vector<Word>& line, const std::vector<double>& confidences,
                                             const std::vector<Word>& other, int* confirmed = nullptr);
// The confidence of an address whose least certain word OCR read at `least_certain_word`, and
// the inverse: the least certain word an address needs for `field_confidence`.
double address_confidence(double least_certain_word);
double address_word_confidence_for(double field_confidence);
// The confidence a word of a business name counts with: OCR's, or less when its spelling says
// OCR misread it (has_digit_among_letters()).
double name_word_confidence(std::string_view word, double ocr_confidence);
// Words of shop and company names misread by one letter, spelled right ("UNIHAKKA
// INTERNATIGNAL" -> "UNIHAKKA INTERNATIONAL", "PETRODELI ENIERPRISE" -> "... ENTERPRISE"):
// only words of six letters or more that are one edit from exactly one word of the
// vocabulary (ENTERPRISE, TRADING, RESTAURANT, STATIONERY, ...); case and edge punctuation kept.
std::string correct_business_words(std::string_view name);
// True for lines that are part of a postal address (street words, postcodes, "NO. 12,").
bool looks_like_address(std::string_view line);
// True when the line holds a postcode: five digits alone, "1234 AB", "SW1A 1AA".
bool has_postcode(std::string_view line);
// True when the line is only a company registration number with its check letter, as printed
// under a Malaysian business name and often garbled: "(001451637-M)", "JM0326956-V",
// "JMOS25955-V/", "933109 X": one token (or two, the letter split off) holding a run of four or
// more digits and ending in a separator and one letter.
bool is_company_number_line(std::string_view line);
// True for a branch name printed above the street address ("IKEA Cheras" above "No 2A Jalan
// Cochrane"): at most three words, no digits or commas, the place word after the name rather
// than leading it (a building, "WISMA MAJU", or a street, "JALAN ...", leads with it), and
// the next line starts with a house number. Such a line names the outlet, not where it is.
bool is_branch_name_line(std::string_view line, std::string_view next_line);

}  // namespace receiptocr
