// Line-level rules: keyword classes, identifiers, contact details. Pure functions.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <set>
#include <regex>

#include "receiptocr/amount.hpp"
#include "receiptocr/date.hpp"
#include "receiptocr/extract.hpp"
#include "receiptocr/text.hpp"

namespace receiptocr {
namespace {

bool within_one_edit(std::string_view a, std::string_view b) {
  if (a == b) return true;
  size_t la = a.size(), lb = b.size();
  if (la + 1 < lb || lb + 1 < la) return false;
  size_t i = 0, j = 0;
  bool edited = false;
  while (i < la && j < lb) {
    if (a[i] == b[j]) {
      ++i, ++j;
      continue;
    }
    if (edited) return false;
    edited = true;
    if (la == lb) ++i, ++j;
    else if (la > lb) ++i;
    else ++j;
  }
  return !edited || (i == la && j == lb);
}

// Signs that OCR reads for a capital I in capitalised words ("PETRODEL]", "RES!AURANT",
// "JIAWE!", "SER]"), and the yen sign it reads for a Y ("D.I.¥."): spelled back when glued to
// capitals on their left in a word of capitals. Business names and addresses do not use them.
std::string restore_capital_letters(const std::string& token) {
  int upper = 0, lower = 0;
  for (char c : token) upper += (c >= 'A' && c <= 'Z'), lower += (c >= 'a' && c <= 'z');
  std::string out;
  for (size_t i = 0; i < token.size(); ++i) {
    char c = token[i];
    bool after_capital = !out.empty() && out.back() >= 'A' && out.back() <= 'Z';
    if ((c == '!' || c == ']' || c == '|') && after_capital && upper >= 3 && lower == 0) {
      out += 'I';
    } else if (token.compare(i, 2, "\xC2\xA5") == 0 && lower == 0) {  // ¥
      if (out.empty() || out.back() != 'Y') out += 'Y';  // "D.I.Y¥": the same letter read twice
      ++i;
    } else {
      out += c;
    }
  }
  return out;
}

bool word_matches(std::string_view word, std::string_view pattern) {
  if (word == pattern) return true;
  // Real receipt words one letter from a keyword are that word, not a misreading of the
  // keyword: a "DELIVERY CHARGE" is no CHANGE, a "TUNA SUB" no TUNAI (cash), a "SUMMER ROLL"
  // no SUMME, "PENNE PESTO" no RESTO (change), a "SOUND BAR" no ROUND, "2 PINTS" no POINTS,
  // "Nett Total" no NETTO (the net amount). Items, places and words printed on receipts; not
  // MOUNT, which is also AMOUNT with its first letter lost at the paper's edge.
  static const std::set<std::string_view> words_of_their_own = {
      "CHARGE", "CHARGES", "TUNA",   "SUMMER", "FASTER", "CASTER", "TASTER", "MUSTER", "NETT",   "CONTACT",
      "PESTO",  "REST",    "CHANCE", "LENDER", "SENDER", "FENDER", "RENDER", "GENDER", "STEMS",
      "JOINTS", "PINTS",   "TALES",  "GROUND", "POUND",  "SOUND",  "FOUND",  "BOUND",  "GLOSS",  "PAPER",
      "LAYER",  "VALVE",   "GRANDE", "BRAND",  "PRINCE", "PASAR",  "FRAISE",
      // Norwegian, Swedish and Danish for "total", not TOTAL HT (the net) run together.
      "TOTALT"};
  if (words_of_their_own.count(word)) return false;
  if (pattern.size() >= 5 && word.size() >= 4) return within_one_edit(word, pattern);
  return false;
}

bool any_phrase(const std::vector<std::string>& words, std::initializer_list<std::string_view> phrases) {
  return std::any_of(phrases.begin(), phrases.end(), [&](std::string_view p) { return has_phrase(words, p); });
}

std::string strip_punctuation_edges(std::string token) {
  while (!token.empty() && std::string_view(".,:;)(]['\"").find(token.back()) != std::string_view::npos) token.pop_back();
  while (!token.empty() && std::string_view(".,:;)(]['\"").find(token.front()) != std::string_view::npos)
    token.erase(0, 1);
  return token;
}

}  // namespace

std::vector<std::string> keyword_words(std::string_view line) {
  std::string cleaned;
  for (size_t i = 0; i < line.size(); ++i) {
    auto c = static_cast<unsigned char>(line[i]);
    // Non-ASCII punctuation that OCR glues to words ("‘SUB TOTAL", "“TOTAL”", "—CASH") separates
    // words like ASCII punctuation does: Latin-1 signs and symbols (U+00A0-U+00BF: « » · £ ° ...)
    // and General Punctuation (U+2000-U+206F: quotes, dashes, bullets, ellipsis). Letters of
    // other scripts stay part of their words.
    auto next = [&](size_t k) { return i + k < line.size() ? static_cast<unsigned char>(line[i + k]) : 0; };
    if (c == 0xC2 && next(1) >= 0xA0 && next(1) <= 0xBF) {
      cleaned += ' ';
      i += 1;
      continue;
    }
    if (c == 0xE2 && (next(1) == 0x80 || next(1) == 0x81) && next(2) >= 0x80 && next(2) <= 0xBF) {
      cleaned += ' ';
      i += 2;
      continue;
    }
    if (std::isalnum(c) || c >= 0x80) cleaned += static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    else cleaned += ' ';
  }
  std::vector<std::string> words;
  for (auto& w : split(collapse_spaces(cleaned), ' ')) {
    if (w.empty()) continue;
    // OCR often drops the space after TOTAL ("TOTALGST", "TOTALQTY"): split it off.
    if (w.size() > 6 && w.compare(0, 5, "TOTAL") == 0 && count_digits(w) == 0) {
      words.push_back("TOTAL");
      words.push_back(w.substr(5));
      continue;
    }
    words.push_back(w);
  }
  return words;
}

bool has_phrase(const std::vector<std::string>& words, std::string_view phrase) {
  std::vector<std::string> pattern = keyword_words(phrase);
  if (pattern.empty() || pattern.size() > words.size()) return false;
  for (size_t i = 0; i + pattern.size() <= words.size(); ++i) {
    bool all = true;
    for (size_t k = 0; k < pattern.size() && all; ++k) all = word_matches(words[i + k], pattern[k]);
    if (all) return true;
  }
  // "SUBTOTAL" written as one word where the phrase has two ("SUB TOTAL").
  if (pattern.size() == 2) {
    std::string joined = pattern[0] + pattern[1];
    for (const auto& w : words)
      if (word_matches(w, joined)) return true;
  }
  return false;
}

// A word or phrase of a sales tax, in the languages receipts are printed in.
static bool names_a_tax(const std::vector<std::string>& w) {
  return any_phrase(w, {"TAX", "TAXES", "TAXE", "GST", "VAT", "SST", "MWST", "UST", "TVA", "IVA", "BTW", "HST", "PST",
                        "CGST", "SGST", "IGST", "MEHRWERTSTEUER", "STEUER", "CUKAI", "SERVICE TAX", "SALES TAX",
                        "IMPUESTO", "IMPOSTA", "QST", "MVA", "MOMS", "DPH", "PTU", "PPN", "PAJAK", "KDV", "ALV", "UMSATZSTEUER",
                        // Baltic, Slovenian, Croatian, Hungarian, Greek, Icelandic, Peruvian and
                        // Quebec names of the VAT.
                        "PVM", "PVN", "DDV", "PDV", "AFA", "ÁFA", "FPA", "VSK", "IGV", "TPS", "TVQ", "ITBIS",
                        "KAIBEMAKS", "KÄIBEMAKS",
                        // Written with points ("I.V.A. 19%", "T.V.A.", "G.S.T.").
                        "I V A", "T V A", "G S T", "V A T", "I G V"});
}

AmountRole classify_amount_line(std::string_view line) {
  auto w = keyword_words(line);
  if (w.empty()) return AmountRole::none;
  // Numbered tax lines ("TAX1 0.11", "VAT2"): the tax word without its number.
  static const std::set<std::string> numbered_taxes = {"TAX", "VAT", "GST", "HST", "PST", "IVA", "TVA", "BTW"};
  for (std::string& word : w)
    if (word.size() == 4 && word[3] >= '0' && word[3] <= '9' && numbered_taxes.count(word.substr(0, 3))) word.pop_back();
  // Order matters: the more specific phrase decides ("SUB TOTAL" before "TOTAL").
  //
  // Suggested tips ("Suggested Gratuity (on subtotal):", "18% = $10.69 20% = $11.88") are no
  // amounts of the bill.
  if (any_phrase(w, {"SUGGESTED GRATUITY", "SUGGESTED TIP", "SUGGESTED TIPS", "TIP GUIDE", "GRATUITY GUIDE"}))
    return AmountRole::none;
  // The part of the bill that is taxed ("Taxable Amount 6.09" between "Sub Total 7.24" and the
  // tax, Poland's "Sprzed. opod.") and the sales no tax applies to ("VAT-Exempt Sales 0.00",
  // "Zero-Rated Sales 0.00" under a Philippine receipt's VAT) are neither subtotal nor total.
  if (any_phrase(w, {"TAXABLE AMOUNT", "TAXABLE AMT", "TAXABLE VALUE", "TAXABLE TOTAL", "TAXABLE SALES",
                     "SPRZED OPOD", "SPRZEDAZ OPODATKOWANA", "VAT EXEMPT SALES", "VAT EXEMPT", "TAX EXEMPT SALES",
                     "ZERO RATED SALES", "EXEMPT SALES"}))
    return AmountRole::none;
  //
  // A service charge added to the bill ("Serv. Charge (10%)", "SVC CHG"): part of the total,
  // not a tax (a "service tax" is one) and not a tip the customer chose. Before the change:
  // a misread CHARGE ("CHARGF") is one letter from CHANGE too.
  if (any_phrase(w, {"SERVICE CHARGE", "SERV CHARGE", "SERVICE CHG", "SERV CHG", "SVC CHARGE", "SVC CHG",
                     "SERVICE FEE", "SVC FEE", "CAJ PERKHIDMATAN", "BEDIENUNG", "SERVIZIO", "COPERTO",
                     "CARGO POR SERVICIO", "FRAIS DE SERVICE", "SERVICEKOSTEN"}))
    return AmountRole::service;
  if (any_phrase(w, {"CHANGE", "CHANGE DUE", "BAKI", "KEMBALI", "RUCKGELD", "RÜCKGELD", "WECHSELGELD", "RENDU",
                     "MONNAIE", "CAMBIO", "VUELTO", "WISSELGELD", "RESTO", "RETOURGELD", "TROCO", "RESZTA",
                     "VRACENO", "TILBAKE", "BYTTEPENGE", "VAXEL", "VÄXEL", "TAKAISIN", "ZURUCK", "ZURÜCK"}))
    return AmountRole::change;
  if (any_phrase(w, {"TOTAL QTY", "TOTAL QUANTITY", "TOTAL ITEMS", "TOTAL ITEM", "ITEM COUNT", "NO OF ITEMS",
                     "NO OF ITEM", "TOTAL PIECES", "TOTAL PCS", "QTY TOTAL", "ITEMS", "TOTAL UNITS",
                     "TOTAL NUMBER", "ANZAHL", "ARTIKEL", "TOTAL POINTS", "POINTS"}))
    return AmountRole::quantity;
  if (any_phrase(w, {"ROUNDING", "ROUNDING ADJ", "ROUND ADJ", "ROUNDING ADJUSTMENT", "RUNDUNG", "ARRONDI",
                     "PENGGENAPAN", "ROUND OFF", "ROUNDOFF", "AFRUNDING", "AVRUNDNING", "AVRUNDING", "PYORISTYS",
                     "PYÖRISTYS", "ZAOKROUHLENI", "ZAOKRAGLENIE", "ARREDONDAMENTO", "REDONDEO", "ARROTONDAMENTO"}) &&
      // What comes "after rounding" is the rounded total, whatever OCR made of its TOTAL
      // ("ictal After Rounding 85.10").
      !any_phrase(w, {"ROUNDED TOTAL", "TOTAL ROUNDED", "TOTAL AFTER ROUNDING", "ROUNDED", "AFTER ROUNDING"}))
    return AmountRole::rounding;
  // What is still to be paid in instalments ("Monto neto pendiente de pago"): neither the net
  // amount its "neto" suggests nor another total.
  if (any_phrase(w, {"PENDIENTE DE PAGO", "PENDIENTE DE COBRO"})) return AmountRole::none;
  // What is paid after the customer's withholdings ("NET AMOUNT PAYABLE", "Net payment"): not
  // the net amount before tax, nor the invoice's total.
  if (any_phrase(w, {"NET AMOUNT PAYABLE", "NET PAYABLE", "NET PAYMENT", "NET AMOUNT DUE"})) return AmountRole::none;
  bool inclusive = any_phrase(w, {"INCL", "INCLUDING", "INCLUSIVE", "INC", "TTC", "INKL", "BRUTTO", "INCLUSIEF",
                                  "INCLUSO", "INCLUIDO"}) ||
                   // "Total RM Inel. of GST": a total "of" the tax includes it, however "Incl" was read.
                   (any_phrase(w, {"TOTAL", "AMOUNT"}) && any_phrase(w, {"OF GST", "OF TAX", "OF VAT", "OF SST"}));
  if (any_phrase(w, {"SUBTOTAL", "SUB TOTAL", "SUB TTL", "SUBTTL", "SOUS TOTAL", "ZWISCHENSUMME", "SUBTOTAAL",
                     "SUBTOTALE", "TOTAL EXCL", "TOTAL EXCLUDING", "TOTAL EXCLUSIVE", "EXCLUDING GST",
                     "EXCLUDING TAX", "EXCL GST", "EXCL TAX", "EXCL VAT", "EXCL BTW", "EXCLUSIEF BTW", "EXCL MWST",
                     "OHNE MWST", "HORS TAXES", "EXENTO", "TOTAL HT", "MONTANT HT",
                     "NETTO", "NETTOBETRAG", "TOTAL BEFORE TAX", "AMOUNT BEFORE TAX", "BEFORE GST",
                     "BASE IMPONIBLE", "IMPONIBILE", "AMOUNT EXCL", "TOTAAL EXCL", "TOTAL W O TAX",
                     "TOTAL PRICE EXCL", "SUM EXCL", "BEZ PVN", "BEZ DPH", "BEZ DDV", "BEZ PDV", "BE PVM",
                     "ILMA KM", "KM TA", "AVANT TAXES", "AVANT TAXE", "SEM IVA", "SIN IVA", "OP GRAVADA", "AMOUNT BEFORE VAT",
                     "BREZ DDV", "TOTAL LIQUIDO", "TOTAL LÍQUIDO", "INCIDENCIA", "INCIDÊNCIA"}) ||
      (!inclusive && any_phrase(w, {"TOTAL SALES", "TOTAL NET", "NET AMOUNT", "GROSS AMOUNT", "GROSS TOTAL"})))
    return AmountRole::subtotal;
  if (any_phrase(w, {"DISCOUNT", "DISC", "RABATT", "REMISE", "DESCUENTO", "SCONTO", "KORTING", "SAVINGS",
                     "YOU SAVED", "YOU SAVE", "SAVED", "SAVE", "TOTAL SAVED", "TOTAL SAVINGS", "COUPON", "PROMO", "DISKAUN"}))
    return AmountRole::discount;
  if (any_phrase(w, {"TIP", "TIPS", "GRATUITY", "TRINKGELD", "POURBOIRE", "PROPINA", "MANCIA", "FOOI"}))
    return AmountRole::tip;
  // German "Bar" (cash) and Dutch "PIN" (debit card) are words of items too ("SOUND BAR",
  // "CANDY BAR", "SAFETY PIN"): a payment where the line starts with them or a payment word
  // comes before.
  // So are Scandinavian "Kort" (card) and "NETS" (Singapore's debit card).
  bool short_payment = w.front() == "BAR" || w.front() == "PIN" || w.front() == "KORT" || w.front() == "NETS" ||
                       any_phrase(w, {"GEGEBEN BAR", "GEG BAR", "ZAHLUNG BAR", "BEZAHLT BAR", "ZAHLUNG PIN",
                                      "BETAALD PIN", "BETALING PIN"});
  if ((short_payment ||
       any_phrase(w, {"CASH", "TENDER", "TENDERED", "AMOUNT TENDERED", "AMOUNT PAID", "PAID", "PAYMENT",
                      "RECEIVED", "VISA", "MASTERCARD", "MASTER", "AMEX", "CREDIT CARD", "DEBIT", "CARD", "TUNAI",
                      "BAYAR", "GEGEBEN", "ESPECES", "ESPÈCES", "EFECTIVO", "CONTANTI", "CONTANT",
                      "EFTPOS", "KARTE", "EC", "GIROCARD", "MAESTRO", "CB", "BANKAXEPT", "DANKORT",
                      "PANKKIKORTTI", "KATEINEN", "KÄTEINEN", "HOTOVE", "HOTOVOST", "GOTOWKA", "DINHEIRO",
                      "BANCONTACT", "TWINT", "PINNEN", "INTERAC", "ENTREGADO", "MULTIBANCO", "KONTANTER"})) &&
      !any_phrase(w, {"TOTAL DUE", "AMOUNT DUE", "BALANCE DUE", "GRAND TOTAL"}))
    return AmountRole::tendered;
  bool total_word = any_phrase(w, {"TOTAL", "TTL", "TOTAAL", "TOTALE", "GESAMT", "SUMME", "JUMLAH", "AMOUNT",
                                   "BALANCE", "SUMA", "RAZEM", "SUM", "IMPORTE", "MONTANT", "BETRAG", "TOTAL RM",
                                   "PAYABLE", "BEDRAG", "TOTALT", "CELKEM", "YHTEENSA", "YHTEENSÄ", "SAMTALS", "KOKKU",
                                   "UKUPNO", "OSSZESEN", "ÖSSZESEN", "TOPLAM", "SPOLU", "GESAMTSUMME", "VALOR TOTAL",
                                   "IS VISO", "IŠ VISO", "KOPA", "SKUPAJ", "SYNOLO"});
  bool tax_word = names_a_tax(w);
  bool strong = any_phrase(w, {"GRAND TOTAL", "TOTAL DUE", "AMOUNT DUE", "BALANCE DUE", "TOTAL AMOUNT",
                               "AMOUNT PAYABLE", "TOTAL PAYABLE", "NET TOTAL", "ROUNDED TOTAL", "TOTAL ROUNDED",
                               "TOTAL TTC", "MONTANT TTC", "NET A PAYER", "A PAYER", "ZU ZAHLEN", "GESAMTBETRAG",
                               "RECHNUNGSBETRAG", "ENDBETRAG", "TE BETALEN", "JUMLAH BESAR", "JUMLAH BAYARAN",
                               "TOTAL A PAGAR", "IMPORTE TOTAL", "TOTAL A PAYER", "DO ZAPLATY", "INVOICE TOTAL",
                               "TOTAL INVOICE", "TOTAL SALES INCL", "TOTALE COMPLESSIVO", "TOTAL GENERAL",
                               "AMOUNT TO PAY", "TOTAL TO PAY", "NETT TOTAL", "TOTAL AFTER ADJ", "TOTAL AFTER ADJUSTMENT",
                               "TOTAL AFTER ROUNDING", "AFTER ROUNDING", "ATT BETALA", "I ALT", "K UHRADE",
                               "VALOR A PAGAR", "ENDSUMME", "DA PAGARE", "ZA PLACILO", "K PLATBE", "DO PLATBY",
                               "KOPA APMAKSAI", "MOKETI", "VÉGÖSSZEG", "VEGOSSZEG", "TOTAL DE PLATA",
                               "BILL TOTAL", "ORDER TOTAL", "TOTAL EUR", "TOTAL USD", "TOTAL GBP", "TOTAL INR",
                               "TOTAL MYR", "TOTAL CHF", "TOTAL AUD", "TOTAL CAD"});
  // A price "plus VAT" ("268,00 euro + IVA per licenza", "Rs. 1,099.00 + GST") is a net amount
  // the tax is still to be added to, not the tax.
  static const std::regex plus_tax(R"((\+|\bplus)\s*(vat|gst|iva|mwst|ust|tva|btw|tax|hst|moms|mva|alv)\b)",
                                   std::regex::icase);
  if (tax_word && !strong && std::regex_search(std::string(regex_subject(line)), plus_tax)) return AmountRole::none;
  // A tax the customer withholds ("IVA retenido -306.00", "Retención IVA", "Withholding VAT",
  // "Ritenuta d'acconto") is deducted from what is paid, not charged: no tax of the invoice.
  if (tax_word && !strong &&
      any_phrase(w, {"RETENIDO", "RETENIDA", "RETENCION", "RETENCIÓN", "RETIDO", "RETENÇÃO", "RETENCAO", "WITHHELD",
                     "WITHHOLDING", "RITENUTA"}))
    return AmountRole::none;
  if (tax_word && !inclusive && !strong) {
    // "TAX INVOICE", "GST REG NO" announce documents and ids, not amounts.
    if (any_phrase(w, {"TAX INVOICE", "GST REG", "GST ID", "GST NO", "VAT NO", "VAT REG", "VAT ID", "TAX ID",
                       "VAT NUMBER", "TAX NUMBER", "GSTIN", "UST ID", "UST IDNR", "STEUERNUMMER", "STEUER NR",
                       "TVA INTRA", "BTW NR", "BTW NUMMER", "REG NO", "INVOICE"}))
      return AmountRole::none;
    return AmountRole::tax;
  }
  if (strong) return AmountRole::total_strong;
  if (total_word) return AmountRole::total;
  return AmountRole::none;
}

std::string_view to_string(AmountRole role) {
  switch (role) {
    case AmountRole::none: return "none";
    case AmountRole::total: return "total";
    case AmountRole::total_strong: return "total_strong";
    case AmountRole::subtotal: return "subtotal";
    case AmountRole::tax: return "tax";
    case AmountRole::tip: return "tip";
    case AmountRole::service: return "service";
    case AmountRole::discount: return "discount";
    case AmountRole::rounding: return "rounding";
    case AmountRole::tendered: return "tendered";
    case AmountRole::change: return "change";
    case AmountRole::quantity: return "quantity";
  }
  return "none";
}

bool is_bare_invoice_number_label(std::string_view text) {
  static const std::regex label(
      R"((?:(?:invoice|rechnung|facture|factura|fattura|fatura|faktura|factuur|számla|szamla|nota|statement|lasku|laskun|arve)\s*-?\s*(?:number|nummer|numéro|numero|número|no\.?|nr\.?|n°|nº|#|sorszáma|sorszama)|(?:número|numero|numéro|numer|číslo|cislo|nr\.?|n°|nº|no\.?|number)\s+(?:(?:da|de|du|del|della|di|of|of the)\s+)?(?:nota|factura|facture|fattura|fatura|faktury|faktúry|invoice)|rechnungsnummer|rechnungsnr\.?|factuurnummer|fakturanummer|fakturanr\.?|invoice#)\s*[:#.]?)",
      std::regex::icase);
  std::string t = trim(std::string(regex_subject(text)));
  while (!t.empty() && (t.front() == '|' || t.front() == ' ')) t.erase(0, 1);
  while (!t.empty() && (t.back() == '|' || t.back() == ' ')) t.pop_back();
  return std::regex_match(collapse_spaces(t), label);
}

std::vector<IdCandidate> find_invoice_numbers(std::string_view line) {
  // The kind of invoice may come between its word and the number's ("FATTURA DIFFERITA N.",
  // "Factura electrónica N°", "Facture simplifiée n°").
  static const std::regex keyword(
      R"(\b(invoice|fee note|inv|bill|receipt|rcpt|document|doc|order|transaction|trans|txn|cheque|check|ticket|belegnr|beleg|rechnungs|rechnung|facture|factuur|factura|fattura|faktura|faktur|fatura-recibo|fatura|nfc-e|nf-e|racun|račun|nota|bon|quittung|serie y folio|laskun|lasku|arve|számla|szamla|statement|series)\s*(-|\s)?\s*(?:(?:vat|simplificada|simplifiée|simplifiee|differita|immediata|accompagnatoria|elettronica|electrónica|electronica|électronique|electronique|rectificativa)\s+)?(number|nummer|numéro|numero|número|num\.?|nr\.?|no\.?|n\.?°|n\.?º|n\.?o\.?|n\.|br\.|št\.?|sorszáma|sorszama|#|id|ref)?\s*[:.#]?\s*)",
      std::regex::icase);
  // The number word first ("Número da Nota", "Número de factura", "N° de facture", "Numer
  // faktury", "Číslo faktury", "Number of the invoice"): the same label in the other order.
  static const std::regex reversed(
      R"(\b(?:número|numero|numéro|numer|číslo|cislo|nr\.?|n\.?°|n\.?º|no\.?|number)\s+(?:(?:da|de|du|del|della|di|of|of the)\s+)?(nota|factura|facture|fattura|fatura|faktury|faktúry|invoice)\b\s*[:.#]?\s*)",
      std::regex::icase);
  // A Vietnamese invoice's "Số (No.): 00000127" (Số is "number"), written "So (No.)" without accents.
  static const std::regex vietnamese(R"(\bs(?:o|ố)\s*\(no\.?\)\s*:?\s*)", std::regex::icase);
  std::string text(regex_subject(line));
  // The number a label announces: the first token after it, with a digit, not a date.
  auto token_after = [&text](const std::smatch& label) -> std::optional<std::string> {
    auto parts = split(collapse_spaces(trim(text.substr(static_cast<size_t>(label.position(0) + label.length(0))))), ' ');
    std::string token = parts.empty() ? "" : strip_punctuation_edges(parts[0]);
    if (token.size() >= 3 && count_digits(token) > 0 && find_dates(token).empty()) return token;
    return std::nullopt;
  };
  {
    std::smatch r;
    if (std::regex_search(text, r, vietnamese))
      if (auto token = token_after(r)) return {{*token, 3}};
    if (std::regex_search(text, r, reversed))
      if (auto token = token_after(r)) return {{*token, to_lower(r[1].str()) == "nota" ? 2 : 3}};
  }
  std::vector<IdCandidate> out;
  auto begin = text.cbegin();
  std::smatch m;
  while (std::regex_search(begin, text.cend(), m, keyword)) {
    std::string kw = to_lower(m[1].str());
    size_t after = static_cast<size_t>(begin - text.cbegin()) + static_cast<size_t>(m.position(0) + m.length(0));
    begin = text.cbegin() + static_cast<std::ptrdiff_t>(after);
    // A solicitor's "Fee note" is an invoice.
    bool invoice_word = kw == "invoice" || kw == "fee note" || kw == "inv" || kw == "rechnung" || kw == "rechnungs" ||
                        kw == "facture" || kw == "factuur" || kw == "factura" || kw == "fattura" || kw == "faktur" || kw == "faktura" ||
                        kw == "fatura" || kw == "fatura-recibo" || kw == "nfc-e" || kw == "nf-e" || kw == "racun" ||
                        kw == "račun" || kw == "serie y folio" ||  // a Mexican CFDI's series and number
                        kw == "laskun" || kw == "lasku" || kw == "arve" ||  // Finnish, Estonian
                        kw == "számla" || kw == "szamla";                     // Hungarian
    bool has_marker = m[3].matched || kw == "rechnungs" || kw == "belegnr";
    // A statement (a bill's, a patient's) and a series ("Series-No. A-2317") number the
    // document only with a number word.
    if ((kw == "statement" || kw == "series") && !m[3].matched) continue;
    // "invoice_number_1" is an identifier that merely contains the word.
    {
      size_t after_kw = after - static_cast<size_t>(m.length(0)) + static_cast<size_t>(m.length(1));
      if (after_kw < text.size() && (text[after_kw] == '_' || std::isalnum(static_cast<unsigned char>(text[after_kw]))) &&
          !m[3].matched && kw != "rechnungs" && kw != "belegnr")
        continue;
    }
    if (!has_marker && !invoice_word) continue;
    if (kw == "inv" && !has_marker) continue;
    // "Tekući račun", "žiro račun": a bank account, not an invoice.
    if (kw == "racun" || kw == "račun") {
      auto before = keyword_words(text.substr(0, after - static_cast<size_t>(m.length(0))));
      if (!before.empty() && (before.back() == "TEKUCI" || before.back() == "TEKUĆI" || before.back() == "ZIRO" ||
                              before.back() == "ŽIRO" || before.back() == "DEVIZNI"))
        continue;
    }
    std::string rest = trim(text.substr(after));
    auto rest_words = keyword_words(rest);
    // "Invoice Date" / "Order Total": the number is somewhere else.
    if (!rest_words.empty() && (rest_words[0] == "DATE" || rest_words[0] == "DATUM" || rest_words[0] == "TO" ||
                                rest_words[0] == "TOTAL" || rest_words[0] == "ADDRESS" || rest_words[0] == "DATE:"))
      continue;
    auto parts = split(collapse_spaces(rest), ' ');
    std::string token = parts.empty() ? "" : strip_punctuation_edges(parts[0]);
    if ((token.empty() || token == "#") && parts.size() > 1) token = strip_punctuation_edges(parts[1]);
    // Portuguese numbering: the document type's code, then series and number ("FR 2024/1187",
    // "FT A/123"); a prefix printed apart from a hyphenated number ("INV 2025-031-0442").
    static const std::regex series_number(R"([A-Z0-9]{1,6}/\d{1,9}|\d{2,6}-\d{1,9}(?:-\d{1,9})+)");
    if (token.size() >= 1 && token.size() <= 3 && count_digits(token) == 0 && parts.size() > 1 && parts[0] == token &&
        std::all_of(token.begin(), token.end(), [](char c) { return c >= 'A' && c <= 'Z'; }) &&
        std::regex_match(strip_punctuation_edges(parts[1]), series_number))
      token += " " + strip_punctuation_edges(parts[1]);
    // A number OCR split at its hyphen ("INV -00742").
    if (count_digits(token) == 0 && token.size() <= 5 && parts.size() > 1 && parts[0] == token &&
        (parts[1][0] == '-' || parts[1][0] == '/') && count_digits(parts[1]) > 0)
      token += strip_punctuation_edges(parts[1]);
    if (token.size() < 3 || count_digits(token) == 0) continue;
    if (!find_dates(token).empty()) continue;
    int priority = invoice_word ? 3 : (kw == "order" || kw == "transaction" || kw == "trans" || kw == "txn" ||
                                       kw == "ticket" || kw == "check" || kw == "cheque")
                                          ? 1
                                          : 2;
    out.push_back({token, priority});
  }
  return out;
}

std::optional<std::string> find_invoice_number(std::string_view line) {
  auto all = find_invoice_numbers(line);
  if (all.empty()) return std::nullopt;
  return std::max_element(all.begin(), all.end(), [](const IdCandidate& a, const IdCandidate& b) {
           return a.priority < b.priority;
         })->value;
}

std::optional<std::string> find_phone(std::string_view line) {
  static const std::regex re(
      R"((?:^|[^a-z])(?:tel|tel\.|telephone|telefon|téléphone|phone|ph|hp|mobile|mob|t|call|contact|fon|tlf)\s*(?:no\.?|nr\.?|number)?\s*[:.]?\s*(\+?\(?\d[\d\s\-()./]{5,}\d))",
      std::regex::icase);
  std::string text(regex_subject(line));
  std::smatch m;
  if (!std::regex_search(text, m, re)) return std::nullopt;
  std::string digits;
  for (char c : m[1].str())
    if ((c >= '0' && c <= '9') || (c == '+' && digits.empty())) digits += c;
  if (count_digits(digits) < 6 || count_digits(digits) > 15) return std::nullopt;
  return digits;
}

std::optional<std::string> find_email(std::string_view line) {
  static const std::regex re(R"([A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,})");
  std::string text(regex_subject(line));
  std::smatch m;
  if (!std::regex_search(text, m, re)) return std::nullopt;
  return to_lower(m[0].str());
}

std::optional<std::string> find_tax_id(std::string_view line) {
  static const std::regex re(
      R"((?:gst\s*(?:reg(?:istration)?\.?\s*)?(?:no|id|number|#)?|vat\s*(?:reg(?:istration)?\.?\s*)?(?:no|id|number|#)?|tax\s*id|tin|ust[\s\-]*id(?:nr|\.?\s*nr)?|ust\.?\s*nr|steuer\s*nr|steuernummer|tva(?:\s*intra(?:communautaire)?)?|btw(?:[\s\-]*(?:nr|nummer|id))?|abn|gstin|sst\s*(?:reg)?\s*(?:no|id)?|uid|nif|cif|siret|siren|p\.?\s*iva|partita\s*iva)\s*[.:#]?\s*(?:no\.?|nr\.?|number)?\s*[.:#]?\s*([A-Z]{0,3}[\s\-]?[0-9][0-9A-Z\s\-./]{4,}[0-9A-Z]))",
      std::regex::icase);
  std::string text(regex_subject(line));
  std::smatch m;
  if (!std::regex_search(text, m, re)) return std::nullopt;
  std::string id = trim(m[1].str());
  // Stop at a run of two spaces or at a following keyword-looking word.
  auto words = split(collapse_spaces(id), ' ');
  std::string out;
  for (const auto& w : words) {
    if (!out.empty() && count_digits(w) == 0) break;
    out += (out.empty() ? "" : " ") + w;
  }
  if (count_digits(out) < 5) return std::nullopt;
  return out;
}

std::optional<std::string> find_payment_method(std::string_view line) {
  auto w = keyword_words(line);
  if (any_phrase(w, {"VISA"})) return "visa";
  if (any_phrase(w, {"MASTERCARD", "MASTER CARD", "MASTER"})) return "mastercard";
  if (any_phrase(w, {"AMEX", "AMERICAN EXPRESS"})) return "amex";
  if (any_phrase(w, {"PAYPAL"})) return "paypal";
  if (any_phrase(w, {"BANK TRANSFER", "WIRE TRANSFER", "UBERWEISUNG", "ÜBERWEISUNG", "VIREMENT", "SEPA", "IDEAL",
                     "TRANSFERENCIA", "BONIFICO", "OVERBOEKING"}))
    return "bank_transfer";
  if (any_phrase(w, {"APPLE PAY", "GOOGLE PAY", "GRABPAY", "BOOST", "TOUCH N GO", "TNG", "ALIPAY", "WECHAT PAY"}))
    return "mobile";
  if (any_phrase(w, {"DEBIT", "DEBIT CARD", "EC KARTE", "GIROCARD", "MAESTRO", "EFTPOS", "INTERAC"}))
    return "debit_card";
  if (any_phrase(w, {"CREDIT CARD", "CREDIT", "KREDITKARTE", "CARTE BANCAIRE", "CARTE BLEUE", "TARJETA"}))
    return "credit_card";
  if (any_phrase(w, {"CARD", "KARTE", "CB"})) return "card";
  if (any_phrase(w, {"CASH", "TUNAI", "BAR", "BARGELD", "ESPECES", "ESPÈCES", "EFECTIVO", "CONTANTI", "CONTANT"}))
    return "cash";
  return std::nullopt;
}

// A floor's ordinal whose digit OCR read as the letter it looks like, before a floor word:
// "SRD FLR" (3RD), "STH FLOOR" (5TH), "IST FLOOR" / "lST" (1ST), "ZND LEVEL" (2ND). Only there:
// "STH" alone is also South.
std::string spell_floor_ordinals(const std::string& line) {
  std::vector<std::string> tokens = split(line, ' ');
  auto upper = [](std::string_view t) {
    std::string u;
    for (char c : t)
      if (std::isalnum(static_cast<unsigned char>(c))) u += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return u;
  };
  static const std::vector<std::string_view> floor_words = {"FLOOR", "FLR", "FL", "LEVEL", "LVL", "ETAGE", "STOCK"};
  bool changed = false;
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    std::string& t = tokens[i];
    if (t.size() != 3 || std::find(floor_words.begin(), floor_words.end(), upper(tokens[i + 1])) == floor_words.end())
      continue;
    std::string suffix = upper(std::string_view(t).substr(1));
    char first = static_cast<char>(std::toupper(static_cast<unsigned char>(t[0])));
    char digit = 0;
    if (suffix == "RD" && first == 'S') digit = '3';
    else if (suffix == "TH" && first == 'S') digit = '5';
    else if (suffix == "ST" && (first == 'I' || first == 'L')) digit = '1';
    else if (suffix == "ND" && first == 'Z') digit = '2';
    if (digit) t[0] = digit, changed = true;
  }
  if (!changed) return line;
  std::string out;
  for (const std::string& t : tokens) out += (out.empty() ? "" : " ") + t;
  return out;
}

namespace {

// Capital letters OCR takes for one another in receipt print: I L T J, O Q D C G, U V Y,
// M N H W, E F, R K, P F.
bool similar_capitals(char a, char b) {
  static const std::vector<std::string_view> groups = {"ILTJ", "OQDCG", "UVY", "MNHW", "EF", "RK", "PF"};
  return std::any_of(groups.begin(), groups.end(), [&](std::string_view g) {
    return g.find(a) != std::string_view::npos && g.find(b) != std::string_view::npos;
  });
}

}  // namespace

std::string clean_address_line(std::string_view line) {
  std::string out;
  for (const std::string& token : split(collapse_spaces(trim(line)), ' ')) {
    bool alnum = std::any_of(token.begin(), token.end(), [](unsigned char c) { return std::isalnum(c) || c >= 0x80; });
    // OCR debris between and after the words: ":", "|", "~~", quotes. Commas, "&", "-" and
    // "/" carry meaning in addresses and stay.
    if (token.empty() || (!alnum && token != "," && token != "&" && token != "-" && token != "/")) continue;
    out += (out.empty() ? "" : " ") + token;
  }
  // Characters that never occur in an address, for the letters/digits OCR took them for.
  std::string fixed;
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '$') {
      fixed += 'S';
    } else if (out.compare(i, 2, "\xC2\xA7") == 0) {  // section sign
      fixed += '5';
      ++i;
    } else {
      fixed += out[i];
    }
  }
  // The sections of Subang and Petaling Jaya ("SS2", "SS21/39") with their second S read as
  // the 8 it looks like: "S821/39".
  static const std::regex section(R"((^|[^A-Za-z0-9])S8(\d{1,2})(?=[/,.\s]|$))");
  fixed = std::regex_replace(fixed, section, "$1SS$2");
  // The house number's "NO." with its O read as Q or zero: "NQ.113G", "N0. 5".
  static const std::regex number_word(R"((^|[^A-Za-z0-9])([Nn])[Q0](?=[.,:]?\s?\d))");
  fixed = std::regex_replace(fixed, number_word, "$1$2O");
  // German streets ("Hauptstraße"): language data without an ß (`eng`) reads it as the B it
  // looks like, a capital no word has there ("HauptstraBe", "StraBen").
  static const std::regex strasse(R"(([Ss]tra)B(en?)(?![A-Za-z]))");
  fixed = std::regex_replace(fixed, strasse, "$1\xC3\x9F$2");
  // Address words that OCR misreads by one letter ("JUN"/"JIN" for JLN, "THN" for TMN, "JAIAN"
  // for JALAN, "BANCAR" for BANDAR, "MALAYSTA" for MALAYSIA), spelled back in the token's own
  // case: the street and place words of Malaysian addresses, the country's states and towns,
  // and country names and street words of six letters or more (shorter English words are too
  // close to other words).
  static const std::vector<std::string_view> malay = {
      "JALAN", "JLN", "TAMAN", "TMN", "LORONG", "PERSIARAN", "BANDAR", "KAWASAN", "PERINDUSTRIAN", "SEKSYEN",
      "SELANGOR", "JOHOR", "KUALA", "LUMPUR", "BAHRU", "DARUL", "EHSAN", "PUSAT", "BUKIT", "KAMPUNG",
      "PAHANG", "KELANTAN", "TERENGGANU", "MELAKA", "SEMBILAN", "SARAWAK", "PENANG", "PINANG", "PUTRAJAYA",
      "WILAYAH", "PERSEKUTUAN", "BANGUNAN", "TINGKAT", "MALAYSIA"};
  // Malaysian place words of four letters or more: buildings and places ("WISMA", "MENARA",
  // "SUNGAI"), the words place names are made of ("JAYA", "INDAH", "PERMAI", "UTAMA"), and the
  // towns and districts of every state, as a gazetteer lists them. Up to six letters they lie
  // close to other Malay words (BIRU is blue, not BARU; SEGAR is a word, not SETAR; SUNGEI an
  // old spelling of SUNGAI), so there one letter is spelled back only for one of a like shape
  // (JAVA for JAYA, NEWAH for MEWAH).
  static const std::vector<std::string_view> places = {
      "WISMA", "MENARA", "KOMPLEKS", "PANGSAPURI", "PERUMAHAN", "PERNIAGAAN", "INDUSTRI", "LEBUHRAYA",
      "LINGKARAN", "MEDAN", "PLAZA", "BLOK", "ARAS", "KEDAI", "SUNGAI", "BATU", "PADANG", "PULAU", "TELUK",
      "TANJUNG", "KOTA", "PEKAN", "DESA", "BARU", "LAMA", "JAYA", "RAYA", "INDAH", "UTAMA", "SERI", "PERDANA",
      "MUTIARA", "PERMAI", "DAMAI", "MAKMUR", "MEWAH", "SETIA", "IMPIAN", "BESTARI", "SENTOSA", "BAHAGIA",
      "SEJAHTERA", "CEMERLANG", "GEMILANG", "TENGAH", "TIMUR", "BARAT", "UTARA", "SELATAN", "NEGERI",
      "TEMENGGUNG", "SULTAN", "SULTANAH", "TUNKU", "TENGKU", "DATO", "DATUK", "HAJI", "PERAK", "KEDAH",
      "PERLIS", "SABAH", "LABUAN", "PETALING", "SUBANG", "DAMANSARA", "PUCHONG", "KLANG", "CHERAS", "KEPONG",
      "AMPANG", "KAJANG", "SEMENYIH", "BANGI", "SERDANG", "KEMBANGAN", "RAWANG", "SELAYANG", "GOMBAK",
      "SETAPAK", "WANGSA", "BANGSAR", "SENTUL", "BRICKFIELDS", "PUDU", "CYBERJAYA", "SEPANG", "BANTING",
      "KAPAR", "BERJUNTAI", "ALAM", "SKUDAI", "TAMPOI", "GUDANG", "MASAI", "TIRAM", "KULAI", "SENAI",
      "PONTIAN", "KLUANG", "MUAR", "PAHAT", "SEGAMAT", "MERSING", "TINGGI", "PLENTONG", "PERMAS", "TEBRAU",
      "LARKIN", "IPOH", "TAIPING", "KAMPAR", "MANJUNG", "SEREMBAN", "NILAI",
      "KUANTAN", "TEMERLOH", "BENTONG", "RAUB", "GEORGETOWN", "BUTTERWORTH", "BAYAN", "LEPAS", "PERAI",
      "ALOR", "SETAR", "PETANI", "KULIM", "LANGKAWI", "KANGAR", "BHARU", "KEMAMAN", "DUNGUN", "KUCHING",
      "MIRI", "SIBU", "BINTULU", "KINABALU", "SANDAKAN", "TAWAU", "AYER", "KEROH"};
  // Country names and street words of six letters or more, in English and other languages.
  static const std::vector<std::string_view> foreign = {
      "SINGAPORE", "INDONESIA", "THAILAND", "PHILIPPINES", "VIETNAM", "AUSTRALIA", "ZEALAND",
      "CANADA", "GERMANY", "DEUTSCHLAND", "NETHERLANDS", "NEDERLAND", "BELGIUM", "AUSTRIA", "SWITZERLAND",
      "IRELAND", "KINGDOM", "STREET", "AVENUE", "BOULEVARD", "HIGHWAY", "BUILDING", "CENTRE", "CENTER"};
  static const std::vector<std::string_view> vocabulary = [] {
    std::vector<std::string_view> all = malay;
    all.insert(all.end(), places.begin(), places.end());
    all.insert(all.end(), foreign.begin(), foreign.end());
    return all;
  }();
  // One word as read, spelled back when it is one letter from a word of the vocabulary.
  auto spell = [&](const std::string& read) {
    std::string token = restore_capital_letters(read);
    size_t begin = 0, end = token.size();
    while (begin < end && !std::isalpha(static_cast<unsigned char>(token[begin]))) ++begin;
    while (end > begin && !std::isalpha(static_cast<unsigned char>(token[end - 1]))) --end;
    std::string core = token.substr(begin, end - begin);
    bool letters = core.size() >= 3 && std::all_of(core.begin(), core.end(), [](unsigned char c) { return std::isalpha(c); });
    std::string upper = core;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    std::string_view match;
    int matches = 0;
    if (letters && std::find(vocabulary.begin(), vocabulary.end(), upper) == vocabulary.end()) {
      for (std::string_view word : vocabulary) {
        // Long words may also have lost or gained a letter ("Perindustian").
        if (word.size() != upper.size()) {
          if (word.size() >= 8 && upper.size() >= 7 && within_one_edit(word, upper)) {
            match = word;
            ++matches;
          }
          continue;
        }
        int differ = 0;
        size_t where = 0;
        for (size_t i = 0; i < word.size(); ++i)
          if (word[i] != upper[i]) ++differ, where = i;
        // Three letters leave little to go on ("TUN" is a word): only the middle letter, and
        // only for the shapes OCR confuses it with (L: I U E T; M: H N W).
        if (differ == 1 && word.size() == 3) {
          std::string_view like = word[where] == 'L' ? "IUET" : word[where] == 'M' ? "HNW" : "";
          if (where != 1 || like.find(upper[where]) == std::string_view::npos) differ = 0;
        } else if (differ == 1 && word.size() <= 6 && !similar_capitals(word[where], upper[where]) &&
                   std::find(places.begin(), places.end(), word) != places.end()) {
          differ = 0;
        }
        if (differ == 1) {
          match = word;
          ++matches;
        }
      }
    }
    std::string word = token;
    if (matches == 1) {
      // "JUN" -> "JLN", "Jin" -> "Jln", "jin" -> "jln".
      std::string spelled(match);
      bool any_lower = std::any_of(core.begin(), core.end(), [](unsigned char c) { return std::islower(c); });
      bool title = any_lower && std::isupper(static_cast<unsigned char>(core[0]));
      if (any_lower)
        for (size_t i = title ? 1 : 0; i < spelled.size(); ++i)
          spelled[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(spelled[i])));
      word = token.substr(0, begin) + spelled + token.substr(end);
    }
    return word;
  };
  std::string result;
  for (const std::string& read : split(fixed, ' ')) {
    // Words OCR ran together at a comma ("Bahtu,Johor", "7/4,Kawesan") are spelled one by one.
    std::vector<std::string> pieces = split(read, ',');
    std::string word;
    for (size_t k = 0; k < pieces.size(); ++k) word += (k > 0 ? "," : "") + spell(pieces[k]);
    result += (result.empty() ? "" : " ") + word;
  }
  return spell_floor_ordinals(result);
}

bool is_company_number_line(std::string_view line) {
  static const std::regex number(R"(^\W*(?:CO\W*(?:REG|NO)\W*)?[A-Z]{0,4}[0-9OSIL]*\d{4,}[0-9OSIL]*\s?[-:.]?\s?[A-Z]\W*$)",
                                 std::regex::icase);
  std::string t = trim(std::string(line));
  if (t.empty() || longest_digit_run(t) < 4) return false;
  return std::regex_match(t, number);
}

bool has_postcode(std::string_view line) {
  // Five digits (Malaysia, Germany, France, the US...), "1234 AB" (the Netherlands), or the
  // British "SW1A 1AA".
  static const std::regex postcode(R"((^|[^0-9])(\d{5}|\d{4}\s?[A-Z]{2}|[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2})([^0-9]|$))");
  return std::regex_search(std::string(regex_subject(line)), postcode);
}

bool looks_like_address(std::string_view line) {
  auto w = keyword_words(line);
  if (w.empty()) return false;
  std::string text(regex_subject(line));
  // A registration number ("Company Reg No. 75495", "ROC No: 12345") or a labelled id
  // ("Site: 2395", "Store # 0451") is never part of the address, whatever its number looks like.
  if (any_phrase(w, {"REG NO", "REGISTRATION NO", "CO NO", "COMPANY NO", "CO REG", "ROC", "GST REG", "GST ID",
                     "VAT NO", "TAX ID"}))
    return false;
  static const std::regex labelled_id(R"(^\s*[A-Za-z]+\s*[:#]\s*\d+\s*$)");
  if (std::regex_search(text, labelled_id)) return false;
  // A unit in a building or a mall on a line of its own: "Shop 32", "Unit 5A", "Suite 210",
  // also after a speck OCR made of the paper's edge ("a, Shop 32").
  static const std::regex unit_line(
      R"(^\W*([a-z]{1,2}\W+)?(SHOP|Shop|UNIT|Unit|SUITE|Suite|KIOSK|Kiosk|STALL|Stall)\s*(NO\.?|No\.?)?\s*\d+[A-Za-z]?\W*$)");
  if (std::regex_search(text, unit_line)) return true;
  // A house number and a compass point before the street's name: "112 W FLAMINGO RD",
  // "1750 N WESTERN", "328 S. La Brea Avenue" (whatever OCR made of the street's type).
  static const std::regex compass_street(R"((^|[^\w.,])\d{1,5}[A-Za-z]?\s+(N|S|E|W|NE|NW|SE|SW)\.?\s+[A-Za-z]{2,})");
  auto priced = [&line] {
    auto amounts = find_amounts(line);
    return std::any_of(amounts.begin(), amounts.end(), [](const AmountMatch& a) { return a.has_decimals; });
  };
  if (std::regex_search(text, compass_street) && !priced()) return true;  // not an item: "2 W COFFEE 4.50"
  // A street's abbreviated type ends the line: "WESTERN AVE", "Sunset Blvd." (the full words
  // name shops too, "MAPLE STREET GROCERY", and count only with a number, below).
  static const std::regex street_type_end(R"([A-Za-z]{3,}\s+(AVE|Ave|BLVD|Blvd|HWY|Hwy|PKWY|Pkwy|RD|Rd)\.?\s*$)");
  if (std::regex_search(text, street_type_end)) return true;
  bool digits = count_digits(line) > 0;
  // Words that only appear in addresses.
  if (any_phrase(w, {"JALAN", "JLN", "TAMAN", "TMN", "LORONG", "PERSIARAN", "LEBUH", "BANDAR", "KAMPUNG", "KG",
                     "SELANGOR", "JOHOR", "KUALA", "LUMPUR", "PULAU", "PINANG", "PENANG", "PERAK", "KEDAH", "MELAKA",
                     "PAHANG", "SABAH", "SARAWAK", "NEGERI", "SEMBILAN", "PUCHONG", "PETALING", "CHERAS", "KAJANG",
                     "SUBANG", "KLANG", "WISMA", "MENARA", "KOMPLEKS", "PO BOX", "P O BOX", "POSTFACH", "KAWASAN",
                     "PERINDUSTRIAN", "SEKSYEN", "DARUL", "EHSAN", "TAKZIM", "BAHRU", "MALAYSIA", "CEDEX", "BANGUNAN"}))
    return true;
  // Street-type words name shops too ("MAPLE STREET GROCERY"): count them only with a number.
  if (digits && any_phrase(w, {"LOT", "STREET", "ST", "ROAD", "RD", "AVENUE", "AVE", "BOULEVARD", "BLVD", "LANE",
                               "DRIVE", "DR", "HIGHWAY", "HWY", "SUITE", "STE", "FLOOR", "FLR", "BLOCK", "BLK", "UNIT",
                               "PLAZA", "SQUARE", "STRASSE", "STRAßE", "STR", "WEG", "PLATZ", "ALLEE", "RUE",
                               "AVENIDA", "CALLE", "VIA", "PIAZZA", "STRAAT", "LAAN", "PLEIN", "GRACHT", "JAYA",
                               "SHAH", "ALAM", "SERI", "SRI", "INDUSTRIAL", "PARK", "CENTRE", "CENTER", "MALL",
                               "BUILDING", "TOWER", "BATU", "PKWY", "PARKWAY", "WAY", "PL", "CT", "SQ", "LEVEL"}))
    return true;
  // "NO. 17-G", "No.53": a house number, not "Reg No. 001492992060".
  static const std::regex house(R"((^|\s)(NO|No|no)\s?[.:]?\s?\d{1,5}(?!\d))");
  // "City, ST 12345" (US), "12345 City", "D-63571 Gelnhausen".
  static const std::regex city_state_zip(R"([A-Za-z]+,?\s+[A-Z]{2}\s+\d{5}(-\d{4})?\b)");
  if (has_postcode(line) && count_letters(line) >= 3) return true;
  if (std::regex_search(text, house)) return true;
  if (std::regex_search(text, city_state_zip)) return true;
  return false;
}

bool is_branch_name_line(std::string_view line, std::string_view next_line) {
  auto w = keyword_words(line);
  if (w.empty() || w.size() > 3 || count_digits(line) > 0 || line.find(',') != std::string_view::npos) return false;
  // The name's own first word must not be an address word: "TAMAN MALURI", "WISMA MAJU" are
  // places; "IKEA CHERAS" is a shop at one.
  if (looks_like_address(w.front())) return false;
  if (!looks_like_address(line)) return false;  // only a line the address would have taken
  static const std::regex house_first(R"(^\s*((NO|No|no)\s?[.:]?\s?\d|(LOT|Lot)\s+\S*\d|\d{1,5}[A-Za-z]?\s*[,&]?\s+[A-Za-z]))");
  return std::regex_search(std::string(regex_subject(next_line)), house_first);
}

bool has_company_suffix(const std::vector<std::string>& w) {
  // Includes the usual OCR misreadings of the Malaysian "SDN BHD" ("SON BHD", "SDN 8HD").
  if (any_phrase(w, {"SDN BHD", "SDN", "BHD", "8HD", "BERHAD", "LTD", "LIMITED", "INC", "LLC", "LLP", "GMBH", "SARL",
                     "S\u00e0RL", "S\u00c0RL", "SAS", "PLC", "CORP", "CORPORATION", "PTY", "PTE", "SRL", "SPA", "OHG", "SA DE CV",
                     "S A DE C V", "SP Z O O", "SPZOO", "SP Z 0 0", "S R L", "S P A"}) ||
      (any_phrase(w, {"SON"}) && any_phrase(w, {"BHD", "8HD", "BHO"})))
    return true;
  // Two-letter forms are also state codes and words ("Las Vegas, NV 89119", "AG" for
  // Aktiengesellschaft and for Agriculture): only at the end of the name.
  // ... or before a registration number with its check letter: "MART S/B (512345-X)" (not
  // before a bare number: "NV 89119" is a state and a ZIP code).
  std::vector<std::string> end = w;
  auto has_digit = [](const std::string& word) { return count_digits(word) > 0; };
  while (end.size() >= 2 && end.back().size() == 1 && !has_digit(end.back()) && has_digit(end[end.size() - 2]))
    end.resize(end.size() - 2);
  if (end.empty()) return false;
  // And the legal forms of Central and Eastern Europe, the Nordics and Latin America written as
  // one word: Serbian/Croatian d.o.o., Bulgarian EOOD/OOD, Hungarian Kft./Zrt., Danish ApS,
  // Norwegian ASA, Lithuanian UAB, Latvian SIA, Egypt's S.A.E., Peru's S.A.C.
  static const std::set<std::string> short_forms = {"AG",  "SA",  "BV",  "NV",  "KG",  "AB",  "OY",  "SL",  "AS",
                                                    "SRO", "LDA", "LTDA", "DOO", "EOOD", "OOD", "KFT", "ZRT", "APS",
                                                    "ASA", "UAB", "SIA", "SAE", "SAC"};
  if (short_forms.count(end.back())) return true;
  if (end.size() >= 3 && end[end.size() - 3] == "S" && end[end.size() - 2] == "R" && end.back() == "O") return true;
  if (end.size() >= 3 && end[end.size() - 3] == "D" && end[end.size() - 2] == "O" && end.back() == "O") return true;
  if (end.size() >= 3 && end[end.size() - 3] == "S" && end[end.size() - 2] == "A" &&
      (end.back() == "E" || end.back() == "C"))
    return true;
  if (end.size() >= 2) {
    std::string last_two = end[end.size() - 2] + " " + end.back();
    return last_two == "B V" || last_two == "S B" || last_two == "N V" || last_two == "S A" || last_two == "S L" ||
           last_two == "A S";
  }
  return false;
}

bool line_has_company_suffix(std::string_view line) {
  // A trailing lowercase token of one or two letters is OCR debris ("Kuala Lumpur. ag"), not
  // the legal form it spells; but not the end of a legal form after "de" ("CASA LEY, SA DE
  // cv": S.A. de C.V.).
  std::vector<std::string> tokens = split(collapse_spaces(trim(line)), ' ');
  while (!tokens.empty() && count_letters(tokens.back()) >= 1 && count_letters(tokens.back()) <= 2 &&
         count_digits(tokens.back()) == 0 &&
         std::none_of(tokens.back().begin(), tokens.back().end(), [](char c) { return c >= 'A' && c <= 'Z'; }) &&
         !(tokens.size() >= 2 && alnum_key(tokens[tokens.size() - 2]) == "DE"))
    tokens.pop_back();
  std::string kept;
  for (const auto& t : tokens) kept += (kept.empty() ? "" : " ") + t;
  return has_company_suffix(keyword_words(kept));
}

bool has_digit_among_letters(std::string_view word) {
  // The word's letters and digits, punctuation skipped; a non-ASCII character (a sign read for
  // a letter, "¥" for Y) counts as a letter.
  std::string shape;
  for (size_t i = 0; i < word.size(); ++i) {
    auto c = static_cast<unsigned char>(word[i]);
    if (c >= 0x80) {
      if (c >= 0xC0 || shape.empty() || shape.back() != 'L') shape += 'L';
    } else if (std::isalpha(c)) {
      shape += 'L';
    } else if (std::isdigit(c)) {
      shape += static_cast<char>(c);
    }
  }
  for (size_t i = 1; i + 1 < shape.size(); ++i)
    if (std::strchr("0158", shape[i]) && shape[i - 1] == 'L' && shape[i + 1] == 'L') return true;
  return false;
}

namespace {
// The addressee headings, each as its keyword_words().
const std::vector<std::vector<std::string>>& addressee_headings() {
  static const std::vector<std::vector<std::string>> phrases = [] {
    std::vector<std::vector<std::string>> out;
    for (std::string_view p :
         {"BILL TO", "BILLED TO", "SHIP TO", "SOLD TO", "INVOICE TO", "DELIVER TO", "CUSTOMER", "RECHNUNGSADRESSE",
          "LIEFERADRESSE", "RECHNUNGSEMPFANGER", "KUNDE", "FACTURE A", "FACTURER A", "LIVRER A", "FACTUURADRES",
          "AFLEVERADRES", "FACTURAR A",
          // Delivery and billing addresses, the customer's data, the one renting.
          "LIEFERANSCHRIFT", "RECHNUNGSANSCHRIFT", "DATOS DEL CLIENTE", "CLIENTE", "KLANT", "RENTER", "HIRER",
          "ISSUED TO", "BUYER", "ACQUIRENTE", "DESTINATARIO", "DESTINATAIRE",
          // A utility's or a telecom's customer: where the service goes.
          "SERVICE FOR", "SERVICE ADDRESS",
          // Polish, Czech, Hungarian, Romanian and Brazilian buyers ("Nabywca:", "Odberatel:", "Vevő:",
          // "Cumparator:", "Tomador de Serviços").
          "NABYWCA", "ODBIORCA", "ODBERATEL", "VEVŐ", "VEVO", "CUMPARATOR", "TOMADOR",
          // Serbian and Bulgarian buyers, Peru's "Señor(es)", the recipient of an invoice.
          "KUPAC", "Señor(es)", "SEÑORES", "SENOR(ES)", "RECIPIENT"})
      out.push_back(keyword_words(p));
    return out;
  }();
  return phrases;
}
}  // namespace

bool is_addressee_heading(const std::vector<std::string>& w) {
  // Word by word: not has_phrase(), whose two words run together would let "FACTURE" be
  // "FACTURE A" (billed to) one letter off.
  const auto& phrases = addressee_headings();
  return std::any_of(phrases.begin(), phrases.end(), [&](const std::vector<std::string>& pattern) {
    for (size_t i = 0; i + pattern.size() <= w.size(); ++i) {
      bool all = true;
      for (size_t k = 0; k < pattern.size() && all; ++k) all = word_matches(w[i + k], pattern[k]);
      if (all) return true;
    }
    return false;
  });
}

bool is_addressee_heading_alone(const std::vector<std::string>& w) {
  const auto& phrases = addressee_headings();
  return std::find(phrases.begin(), phrases.end(), w) != phrases.end();
}

// Lines of name and address an addressee heading or a courtesy title is taken to cover.
constexpr size_t kCustomerBlockLines = 3;

std::vector<bool> customer_block_lines(const std::vector<std::string>& texts) {
  std::vector<bool> out(texts.size(), false);
  auto mark = [&](size_t from, size_t count) {
    for (size_t k = from; k < texts.size() && k < from + count; ++k) out[k] = true;
  };
  // Courtesy titles as printed before a person's name (title case: "MR D.I.Y." is a shop).
  static const std::set<std::string> titles = {"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Mx", "Herr", "Frau",
                                               "Dhr.", "Mevr.", "Mme", "Mme.", "M.", "Sr.", "Sra.", "Sig.", "Sig.ra"};
  for (size_t i = 0; i < texts.size(); ++i) {
    auto w = keyword_words(texts[i]);
    if (w.empty()) continue;
    // A heading over the customer's name and address: with a colon ("Bill To:"), or alone on
    // its line ("Datos del cliente").
    bool colon = texts[i].find(':') != std::string::npos;
    const auto& phrases = addressee_headings();
    bool alone = std::find(phrases.begin(), phrases.end(), w) != phrases.end();
    // Not "Customer Service", "Customer Care" or "Customer Copy", which head no address.
    bool service_heading = has_phrase(w, "SERVICE FOR") || has_phrase(w, "SERVICE ADDRESS");
    if ((alone || (colon && is_addressee_heading(w))) && (service_heading || !any_phrase(w, {"COPY", "SERVICE", "CARE"}))) {
      mark(i, 1 + kCustomerBlockLines);
      continue;
    }
    // For the attention of a person or a department: the name above is the customer's, and the
    // address follows ("Attn: Practice Manager", "z. Hd. Buchhaltung", "t.a.v. administratie").
    auto raw = split(collapse_spaces(trim(texts[i])), ' ');
    std::string first = raw.empty() ? "" : raw[0];
    std::string head = w[0] + (w.size() > 1 ? " " + w[1] : "");
    std::string head3 = head + (w.size() > 2 ? " " + w[2] : "");
    // British "FAO" (for the attention of), Scandinavian "Att:" (with its colon: not "AT&T").
    bool attention = w[0] == "ATTN" || w[0] == "ATTENTION" || w[0] == "FAO" || head3 == "F A O" ||
                     first == "Att:" || first == "ATT:" || first == "Att.:" || head == "Z HD" || w[0] == "ZHD" ||
                     head3 == "T A V" || w[0] == "TAV" || head == "C O" || has_phrase(w, "A L ATTENTION") ||
                     has_phrase(w, "\u00c0 L ATTENTION") || has_phrase(w, "A LA ATENCION") ||
                     has_phrase(w, "ALL ATTENZIONE");
    if (attention && (first.size() <= 12) && (w.size() <= 8)) {
      if (i > 0 && count_letters(texts[i - 1]) >= 3) out[i - 1] = true;
      mark(i, 3);
      continue;
    }
    // A person's name with a courtesy title ("Ms Priya Raman"): the lines under it are the
    // company and address the document is sent to.
    if (titles.count(first) && raw.size() >= 2 && raw[1].size() >= 2 && std::isupper(static_cast<unsigned char>(raw[1][0])) &&
        std::any_of(raw[1].begin() + 1, raw[1].end(), [](char c) { return c >= 'a' && c <= 'z'; }))
      mark(i, 1 + kCustomerBlockLines);
  }
  return out;
}

bool closeup_may_rename(std::string_view page, std::string_view closeup) {
  return count_letters(closeup) >= 3 && similarity(alnum_key(closeup), alnum_key(page)) >= 0.6 &&
         count_digits(closeup) <= count_digits(page);
}

std::optional<double> agreed_name_confidence(const std::vector<Word>& first, const std::vector<Word>& second) {
  auto significant = [](const std::vector<Word>& words) {
    std::vector<const Word*> out;
    for (const Word& w : words)
      if (count_letters(w.text) + count_digits(w.text) >= 2) out.push_back(&w);
    return out;
  };
  std::vector<const Word*> a = significant(first), b = significant(second);
  if (a.empty() || a.size() != b.size()) return std::nullopt;
  double lowest = 1.0;
  for (size_t i = 0; i < a.size(); ++i) {
    double ca = name_word_confidence(a[i]->text, a[i]->confidence);
    double cb = name_word_confidence(b[i]->text, b[i]->confidence);
    bool same = alnum_key(clean_merchant_name(a[i]->text)) == alnum_key(clean_merchant_name(b[i]->text));
    // Two readings that spell a word like a misread one ("O.1.Y." for D.I.Y.) read the print
    // alike, not right: it stays as doubtful as its spelling makes it.
    bool misspelled = has_digit_among_letters(a[i]->text) || has_digit_among_letters(b[i]->text);
    lowest = std::min(lowest, same && !misspelled ? 1.0 - (1.0 - ca) * (1.0 - cb) : std::min(ca, cb));
  }
  return lowest;
}

std::vector<std::string> domain_labels(std::string_view line) {
  static const std::regex domain_re(R"((?:@|www\.|https?://)([a-z0-9\-]+(?:\.[a-z0-9\-]+)*)\.[a-z]{2,}|\b([a-z0-9\-]+)\.(?:com|net|org|de|fr|nl|co\.uk|in|my|io)\b)",
                                    std::regex::icase);
  static const std::set<std::string> mail_providers = {"GMAIL", "YAHOO", "HOTMAIL", "OUTLOOK", "ICLOUD", "AOL",
                                                       "PROTONMAIL", "GMX", "LIVE", "MSN", "FAKE", "EXAMPLE",
                                                       // Italian certified mail (PEC) providers.
                                                       "PEC", "LEGALMAIL", "ARUBAPEC", "POSTACERT"};
  std::vector<std::string> labels;
  const std::string text(regex_subject(line));
  for (auto it = std::sregex_iterator(text.begin(), text.end(), domain_re); it != std::sregex_iterator(); ++it) {
    std::string host = (*it)[1].matched ? (*it)[1].str() : (*it)[2].str();
    auto parts = split(host, '.');
    // A country's second level ("iperoxo.com.br", "shop.co.uk" read as far as "co"): the name
    // is the label before it.
    static const std::set<std::string> second_levels = {"COM", "CO", "NET", "ORG", "GOV", "EDU", "AC", "OR", "NE", "GOB"};
    if (!(*it)[2].matched)
      while (parts.size() > 1 && second_levels.count(alnum_key(parts.back()))) parts.pop_back();
    // A domain reserved for examples (RFC 2606: "ironveil.example.com") stands for the name on
    // its left, as a registrable domain would.
    if (parts.size() > 1 && alnum_key(parts.back()) == "EXAMPLE") parts.pop_back();
    std::string label = alnum_key(parts.back());
    if (label.size() >= 3 && !mail_providers.count(label) && std::find(labels.begin(), labels.end(), label) == labels.end())
      labels.push_back(label);
  }
  return labels;
}

std::optional<std::string> name_restored_from_domain(std::string_view name, const std::vector<std::string>& labels) {
  auto tokens = split(collapse_spaces(trim(name)), ' ');
  if (tokens.empty()) return std::nullopt;
  const std::string& first = tokens.front();
  auto is_letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  if (first.size() < 3 || !std::all_of(first.begin(), first.end(), is_letter)) return std::nullopt;
  const std::string key = to_upper(first), whole = alnum_key(name);
  // A domain that begins with the word says it is whole ("rossstores.com" beside a survey's
  // "tellross.com").
  for (const std::string& label : labels)
    if (label.size() > key.size() && label.compare(0, key.size(), key) == 0) return std::nullopt;
  for (const std::string& label : labels) {
    if (label.size() <= key.size() || label.size() > key.size() + 4) continue;
    if (!std::all_of(label.begin(), label.end(), is_letter)) continue;
    if (label.compare(label.size() - key.size(), key.size(), key) != 0) continue;
    // The name spells the domain already, over two words ("VIVO PAC").
    if (whole.find(label) != std::string::npos) continue;
    std::string lost = label.substr(0, label.size() - key.size());
    bool upper = std::none_of(first.begin(), first.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    std::string word;
    if (upper) {
      word = lost + first;
    } else {
      // "Opac" -> "Vivopac": the capital moves to the restored first letter.
      word = to_lower(lost) + first;
      if (first[0] >= 'A' && first[0] <= 'Z') {
        word[0] = static_cast<char>(word[0] - 'a' + 'A');
        word[lost.size()] = static_cast<char>(word[lost.size()] - 'A' + 'a');
      }
    }
    std::string out = word;
    for (size_t i = 1; i < tokens.size(); ++i) out += " " + tokens[i];
    return out;
  }
  return std::nullopt;
}

std::optional<std::string> thanked_store_name(std::string_view line) {
  // The phrase, then an optional "with us" and a preposition, then the name.
  static const std::regex re(
      R"(\b(?:FOR\s+(?:SHOPPING|DINING|VISITING|CHOOSING|EATING)|EINKAUF\s+BEI|BESUCH\s+(?:BEI|IM)|)"
      R"(COMPRA\s+EN|COMPRAR\s+EN|VISITAR(?:NOS)?\s+EN|MEMBELI-BELAH\s+DI))"
      R"((?:\s+WITH\s+US)?(?:\s+(?:AT|WITH|IN))?\s*[,:]?\s+(.+))",
      std::regex::icase);
  std::string text(regex_subject(line));
  std::smatch m;
  if (!std::regex_search(text, m, re)) return std::nullopt;
  std::string name = m[1].str();
  // The name ends at the sentence's end: "Ross! Be ai", "Subway. Please let".
  size_t end = name.find_first_of("!;|");
  for (size_t i = 0; i + 1 < name.size(); ++i)
    if (name[i] == '.' && name[i + 1] == ' ') end = std::min(end, i);
  if (end != std::string::npos) name = name.substr(0, end);
  auto tokens = split(collapse_spaces(trim(name)), ' ');
  if (tokens.size() > 5) tokens.resize(5);
  name.clear();
  for (const std::string& t : tokens) name += (name.empty() ? "" : " ") + t;
  name = clean_merchant_name(name);
  auto words = keyword_words(name);
  // "... with us", "... at our store", "... for visiting us today": no name.
  static const std::set<std::string> pronouns = {"US", "OUR", "THIS", "THE", "YOUR", "ME", "UNS", "UNSERE", "UNSEREM",
                                                 "NUESTRA", "NUESTRO", "NOSOTROS", "KAMI"};
  // OCR reads the "!" after "us" as a letter glued to it ("dining with ust").
  auto pronoun = [](const std::string& w) { return pronouns.count(w) || w == "UST" || w == "USL" || w == "USI" || w == "US1"; };
  if (words.empty() || pronoun(words.front()) || count_letters(name) < 3) return std::nullopt;
  if (std::none_of(words.begin(), words.end(), [](const std::string& w) { return count_letters(w) >= 2; }))
    return std::nullopt;
  return name;
}

std::optional<std::string> store_numbered_name(std::string_view line, std::string_view name) {
  auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  auto upper = [](char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); };
  std::string key = alnum_key(name);
  if (count_letters(key) < 3 || name.find('#') != std::string_view::npos) return std::nullopt;
  // The name's letters and digits, in order, from the line's first one (punctuation between
  // them as printed: "McDonald's" for MCDONALDS).
  size_t start = 0;
  while (start < line.size() && !alnum(line[start])) ++start;
  size_t i = start, matched = 0;
  while (i < line.size() && matched < key.size()) {
    if (alnum(line[i])) {
      if (upper(line[i]) != key[matched]) return std::nullopt;
      ++matched;
    } else if (line[i] == '#') {
      return std::nullopt;
    }
    ++i;
  }
  if (matched < key.size() || (i < line.size() && alnum(line[i]))) return std::nullopt;
  while (i < line.size() && line[i] == ' ') ++i;
  if (i >= line.size() || line[i] != '#') return std::nullopt;
  ++i;
  while (i < line.size() && line[i] == ' ') ++i;
  auto digits = [&] {
    size_t from = i;
    while (i < line.size() && std::isdigit(static_cast<unsigned char>(line[i]))) ++i;
    return i - from;
  };
  if (digits() == 0) return std::nullopt;
  // A branch suffix: "#1926-0".
  if (i + 1 < line.size() && line[i] == '-' && std::isdigit(static_cast<unsigned char>(line[i + 1]))) {
    ++i;
    digits();
  }
  if (i < line.size() && line[i] != ' ') return std::nullopt;
  return collapse_spaces(line.substr(start, i - start));
}

bool only_legal_form(const std::vector<std::string>& words) {
  static const std::set<std::string> form_words = {
      "SDN", "BHD", "BERHAD", "S",   "B",   "CO",   "M",   "LTD", "LIMITED", "INC", "LLC", "LLP", "GMBH", "PLC",
      "CORP", "PTY", "PTE",  "SA",  "DE",  "CV",   "SRL", "SARL", "SAS",    "SL",  "AG",  "KG",  "BV",   "NV",
      "AB",  "OY",  "AS",   "A",   "C",   "V",    "L",   "SP",  "Z",       "O",   "OO",  "SRO", "R",    "LDA",
      "LTDA", "SPA", "P",   "OHG"};
  return !words.empty() && has_company_suffix(words) &&
         std::all_of(words.begin(), words.end(), [](const std::string& w) { return form_words.count(w) > 0; });
}

std::optional<std::string> registered_name_of(std::string_view line, std::string_view name) {
  std::string brand = alnum_key(name);
  if (count_letters(brand) < 3 || line_has_company_suffix(name)) return std::nullopt;
  // Ownership labels ("Dimiliki:") and registration numbers go as for any name.
  std::string full = clean_merchant_name(line);
  std::vector<std::string> tokens = split(full, ' ');
  std::string read;
  size_t k = 0;
  while (k < tokens.size() && read.size() < brand.size()) read += alnum_key(tokens[k++]);
  if (read != brand || k == tokens.size()) return std::nullopt;
  // The rest is a legal form and nothing else: "SDN BHD", "CO. (M) SDN BHD", "S/B", "Ltd.".
  std::string rest;
  for (size_t i = k; i < tokens.size(); ++i) rest += " " + tokens[i];
  if (!only_legal_form(keyword_words(rest))) return std::nullopt;
  return full;
}

BoundingBox words_box(const std::vector<Word>& words, size_t first, size_t last) {
  BoundingBox box;
  for (size_t k = first; k < last && k < words.size(); ++k) box = box.united(words[k].box);
  return box;
}

std::vector<Word> split_box_rules(const std::vector<Word>& words) {
  std::vector<Word> out;
  for (const Word& w : words) {
    const std::string& t = w.text;
    bool certain = w.confidence >= 1.0 && !w.box.empty();
    if (!certain || t.size() < 2 || (t.front() != '|' && t.back() != '|') || t.find_first_not_of('|') == std::string::npos) {
      out.push_back(w);
      continue;
    }
    size_t lead = t.find_first_not_of('|'), trail = t.size() - 1 - t.find_last_not_of('|');
    int per_char = w.box.width() / static_cast<int>(t.size());
    Word core = w;
    core.text = t.substr(lead, t.size() - lead - trail);
    core.box.left += per_char * static_cast<int>(lead);
    core.box.right -= per_char * static_cast<int>(trail);
    if (lead) {
      Word rule = w;
      rule.text = "|";
      rule.box.right = w.box.left + per_char;
      out.push_back(rule);
    }
    out.push_back(core);
    if (trail) {
      Word rule = w;
      rule.text = "|";
      rule.box.left = w.box.right - per_char;
      out.push_back(rule);
    }
  }
  return out;
}

std::vector<Word> join_letter_spaced(const std::vector<Word>& words) {
  // One capital letter: A-Z, or a two-byte Latin letter (Ó, Á, Ü, ...).
  auto capital = [](const Word& w) {
    const std::string& t = w.text;
    if (w.box.empty()) return false;
    if (t.size() == 1) return t[0] >= 'A' && t[0] <= 'Z';
    auto c0 = static_cast<unsigned char>(t[0]);
    return t.size() == 2 && c0 >= 0xC3 && c0 <= 0xC5;
  };
  std::vector<Word> out;
  size_t i = 0;
  int letter_gap = -1;  // the spacing of the last run joined on this line
  while (i < words.size()) {
    size_t end = i;
    while (end < words.size() && capital(words[end])) ++end;
    // Two letters spaced as a run already joined on the line ("K A U R I   &   C O") are a
    // word of it too; alone they are initials ("A & W").
    bool pair = end - i == 2 && letter_gap > 0 && words[i + 1].box.left - words[i].box.right <= 1.8 * letter_gap + 1;
    if (end - i < 3 && !pair) {
      out.push_back(words[i]);
      ++i;
      continue;
    }
    int narrowest = std::numeric_limits<int>::max();
    for (size_t k = i + 1; k < end; ++k) narrowest = std::min(narrowest, words[k].box.left - words[k - 1].box.right);
    if (pair) narrowest = letter_gap;
    else letter_gap = std::max(narrowest, 1);
    Word joined = words[i];
    for (size_t k = i + 1; k < end; ++k) {
      int gap = words[k].box.left - words[k - 1].box.right;
      if (gap > 1.8 * std::max(narrowest, 1) + 1) {
        out.push_back(joined);
        joined = words[k];
        continue;
      }
      joined.text += words[k].text;
      joined.box = joined.box.united(words[k].box);
      joined.confidence = std::min(joined.confidence, words[k].confidence);
    }
    out.push_back(joined);
    i = end;
  }
  return out;
}

std::vector<std::pair<size_t, size_t>> column_segments(const std::vector<Word>& words, double gap) {
  std::vector<int> heights;
  for (const Word& w : words)
    if (!w.box.empty()) heights.push_back(w.box.height());
  if (heights.empty()) return {{0, words.size()}};
  std::sort(heights.begin(), heights.end());
  double h = heights[heights.size() / 2];
  std::vector<std::pair<size_t, size_t>> out;
  auto rule = [&words](size_t i) { return words[i].text == "|"; };
  size_t start = 0;
  while (start < words.size() && rule(start)) ++start;
  for (size_t i = start + 1; i < words.size(); ++i) {
    if (rule(i)) {
      if (i > start) out.emplace_back(start, i);
      start = i + 1;
      continue;
    }
    if (i == start) continue;
    const BoundingBox &a = words[i - 1].box, &b = words[i].box;
    if (a.empty() || b.empty() || b.left - a.right <= gap * h) continue;
    out.emplace_back(start, i);
    start = i;
  }
  if (start < words.size()) out.emplace_back(start, words.size());
  if (out.empty()) out.emplace_back(0, words.size());
  return out;
}

std::pair<size_t, size_t> name_word_span(const std::vector<Word>& words, bool small_is_stray) {
  auto alnum_count = [](const std::string& t) { return count_letters(t) + count_digits(t); };
  std::vector<int> heights;
  for (const Word& w : words)
    if (alnum_count(w.text) >= 3 && !w.box.empty()) heights.push_back(w.box.height());
  if (heights.empty()) return {0, words.size()};
  std::sort(heights.begin(), heights.end());
  double h = heights[heights.size() / 2];
  static const std::set<std::string> particles = {"THE", "LE", "LA", "LES", "EL", "DE", "DR", "MC", "ST", "OF", "MR", "MRS"};
  // Kept as well: a legal form ("LTD", "S.L,"), a number a name begins with ("99 SPEED MART"),
  // a word of three capitals ("TRI SHAAS SDN BHD").
  auto kept_word = [&](const std::string& t, bool leading) {
    std::string key = alnum_key(t);
    bool capitals = count_letters(t) == 3 && std::none_of(t.begin(), t.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    return particles.count(key) || has_company_suffix({key}) || capitals ||
           (leading && key.size() >= 2 && count_digits(key) == static_cast<int>(key.size()));
  };
  auto stray = [&](const Word& w, const Word& neighbour, bool leading) {
    int n = alnum_count(w.text);
    if (n > 3 || w.box.empty() || neighbour.box.empty() || kept_word(w.text, leading)) return false;
    double height = w.box.height();
    int gap = leading ? neighbour.box.left - w.box.right : w.box.left - neighbour.box.right;
    return (small_is_stray && height < 0.6 * h) || (n <= 2 && height > 1.6 * h) || gap > 2.5 * h;
  };
  // At least one word of the name stays.
  auto name_left = [&](size_t first, size_t last) {
    for (size_t i = first; i < last; ++i)
      if (alnum_count(words[i].text) >= 3) return true;
    return false;
  };
  size_t first = 0, last = words.size();
  while (last - first >= 2 && stray(words[first], words[first + 1], true) && name_left(first + 1, last)) ++first;
  while (last - first >= 2 && stray(words[last - 1], words[last - 2], false) && name_left(first, last - 1)) --last;
  // Specks are few: a line that is mostly such tokens is debris around a word, not a name
  // with specks beside it ("ce re Sahara ee aa", a logo read as letters around a street's name).
  int kept = 0, all = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    all += alnum_count(words[i].text);
    if (i >= first && i < last) kept += alnum_count(words[i].text);
  }
  if (kept < 0.7 * all) return {0, words.size()};
  return {first, last};
}

std::string clean_merchant_name(std::string_view line, bool respell) {
  std::vector<std::string> tokens = split(collapse_spaces(line), ' ');
  auto alnum_count = [](const std::string& t) { return count_letters(t) + count_digits(t); };
  auto is_lower_word = [](const std::string& t) {
    int upper = 0, lower = 0;
    for (char c : t) upper += (c >= 'A' && c <= 'Z'), lower += (c >= 'a' && c <= 'z');
    return lower > 0 && upper == 0;
  };
  int upper_words = 0;
  for (const auto& t : tokens) {
    int upper = 0, lower = 0;
    for (char c : t) upper += (c >= 'A' && c <= 'Z'), lower += (c >= 'a' && c <= 'z');
    upper_words += upper > 0 && lower == 0;
  }
  bool mostly_upper = upper_words * 2 >= static_cast<int>(tokens.size());
  // Leading/trailing OCR debris: punctuation-only tokens, and short lowercase fragments in an
  // upper-case name ("oy . UNIHAKKA ...", "... BHD ;").
  auto junk = [&](const std::string& t) {
    if (alnum_count(t) == 0) return true;
    if (mostly_upper && is_lower_word(t) && t.size() <= 4) return true;
    return false;
  };
  // At the start only: a one- or two-character token holding a sign no name begins with
  // ("i= Luna Grill", "|\ CAFE", "+s . Flagship Car Wash"): a speck or a rule line read as text.
  auto leading_speck = [](const std::string& t) {
    // "A+ Auto Repair" is a name: a plus is a speck only before the letter.
    return t.size() <= 2 && (t.find_first_of("=|\\/~_^*<>[]{}") != std::string::npos || t[0] == '+');
  };
  while (!tokens.empty() && (junk(tokens.front()) || leading_speck(tokens.front()))) tokens.erase(tokens.begin());
  // A fragment of one or two letters with a small one among them before a name in capitals
  // ("Sa LA TAURINA", "Be. PAGOH REST AND SERVICE AREA"): the edge of a logo or a border read
  // as letters. Titles and particles a name may begin with in that case stay ("Dr", "Mc", "La").
  static const std::set<std::string> particles = {"MR", "MRS", "MS", "DR", "ST", "MC", "MAC", "LE",  "LA", "EL",
                                                  "DE", "DA", "DI", "DU", "AL", "O",  "A",  "OF", "NO", "THE"};
  auto capitals_word = [](const std::string& t) {
    return count_letters(t) >= 2 && count_digits(t) == 0 &&
           std::none_of(t.begin(), t.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  };
  if (tokens.size() >= 3) {
    const std::string& first = tokens[0];
    int letters = count_letters(first);
    bool small = std::any_of(first.begin(), first.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    bool rest_in_capitals = std::all_of(tokens.begin() + 1, tokens.end(), [&](const std::string& t) {
      return count_letters(t) + count_digits(t) == 0 || capitals_word(t);
    });
    if (letters >= 1 && letters <= 2 && small && count_digits(first) == 0 && !particles.count(alnum_key(first)) &&
        rest_in_capitals)
      tokens.erase(tokens.begin());
  }
  // A lone lowercase letter before a capitalised word ("i Liquor Library", "f Panera Bread"):
  // a speck, as after a name; with a small number after it ("x 2 Hensley's"), a quantity mark.
  auto capitalised = [](const std::string& t) { return t[0] >= 'A' && t[0] <= 'Z' && count_letters(t) >= 3; };
  auto lone_lower = [](const std::string& t) { return t.size() == 1 && t[0] >= 'a' && t[0] <= 'z'; };
  if (tokens.size() >= 3 && lone_lower(tokens[0]) && tokens[1].size() <= 2 &&
      count_digits(tokens[1]) == static_cast<int>(tokens[1].size()) && capitalised(tokens[2]))
    tokens.erase(tokens.begin(), tokens.begin() + 2);
  else if (tokens.size() >= 2 && lone_lower(tokens[0]) && capitalised(tokens[1]))
    tokens.erase(tokens.begin());
  // An ownership label before the name: "Dimiliki: ...", "Owned by: ...", "Operated by: ...".
  static const std::set<std::string> ownership = {"DIMILIKI", "MILIK", "OLEH", "OWNED", "OPERATED", "MANAGED", "BY"};
  // OCR may part the label's word ("Dimi liki:"): its two halves are the word.
  if (tokens.size() >= 3) {
    std::string joined = to_upper(tokens[0] + tokens[1]);
    bool colon = !joined.empty() && joined.back() == ':';
    if (colon) joined.pop_back();
    if (joined.size() >= 6 && ownership.count(joined)) {
      tokens[1] = tokens[0] + tokens[1];
      tokens.erase(tokens.begin());
    }
  }
  for (size_t k = 0; k < tokens.size() && k < 2; ++k) {
    std::string word = to_upper(tokens[k]);
    bool label_end = !word.empty() && word.back() == ':';
    if (label_end) word.pop_back();
    if (!ownership.count(word)) break;
    if (label_end) {
      if (tokens.size() - k - 1 >= 2) tokens.erase(tokens.begin(), tokens.begin() + static_cast<long>(k) + 1);
      break;
    }
  }
  // A legal or trade name's label before it: "Razão Social: ...", "Nome/Razão Social: ...",
  // "Razón Social: ...", "Ragione sociale: ...", "Raison sociale : ...", "Company name: ...",
  // "Nome Fantasia: ...".
  static const std::set<std::string> name_labels = [] {
    std::set<std::string> out;
    for (std::string_view p : {"Razão Social", "Nome/Razão Social", "Razón Social", "Nombre o Razón Social",
                               "Ragione sociale", "Raison sociale", "Company name", "Business name", "Legal name",
                               "Nome Fantasia", "Nombre comercial", "Trade name", "Trading name", "Denominación",
                               "Denominazione", "Firma", "Firmenname", "Name", "Naziv", "Nom", "Nombre"})
      out.insert(alnum_key(p));
    return out;
  }();
  for (size_t k = 0; k < tokens.size() && k < 4; ++k) {
    std::string last = tokens[k];
    if (last == ":" && k > 0) last = tokens[k - 1] + ":";
    if (last.empty() || last.back() != ':') continue;
    std::string label;
    for (size_t j = 0; j <= k; ++j) label += tokens[j];
    if (name_labels.count(alnum_key(label)) && tokens.size() - k - 1 >= 1)
      tokens.erase(tokens.begin(), tokens.begin() + static_cast<long>(k) + 1);
    break;
  }
  // A brand printed beside the legal name that begins with it ("RAVI CRESCENT   RAVI CRESCENT
  // TEXTILE MILLS (PVT.) LTD.", two columns of a letterhead run together): the legal name. Two
  // words or more: a name may repeat one ("SAM SAM TRADING CO").
  for (size_t n = tokens.size() / 2; n >= 2; --n) {
    bool repeated = true;
    for (size_t k = 0; k < n && repeated; ++k) repeated = alnum_key(tokens[k]) == alnum_key(tokens[n + k]) && !alnum_key(tokens[k]).empty();
    if (repeated && tokens.size() > 2 * n) {
      tokens.erase(tokens.begin(), tokens.begin() + static_cast<long>(n));
      break;
    }
  }
  // Two companies on one line, each with its legal form (the issuer's and the customer's
  // columns run together: "Dunapart Nyomda és Reklám Kft.   Zöldkert Bisztró Kft."): the first.
  {
    auto form = [&tokens](size_t k) { return has_company_suffix(keyword_words(tokens[k])); };
    for (size_t k = 1; k + 2 < tokens.size(); ++k) {
      if (!form(k)) continue;
      size_t end = k;
      while (end + 1 < tokens.size() && form(end + 1)) ++end;
      bool capital_after = end + 1 < tokens.size() && std::isupper(static_cast<unsigned char>(tokens[end + 1][0]));
      bool second = false;
      for (size_t j = end + 2; j < tokens.size() && !second; ++j) second = form(j);
      if (capital_after && second) tokens.resize(end + 1);
      break;
    }
  }
  // What the company does, in small letters after its legal form ("Jadranski Vjetar d.o.o. za
  // nauticki turizam"): not part of its name. Two words of four letters or more, no points (a
  // legal form's own small letters are "z o.o.", "de C.V.").
  {
    size_t last_form = tokens.size();
    for (size_t k = 0; k < tokens.size(); ++k)
      if (has_company_suffix(keyword_words(tokens[k]))) last_form = k;
    if (last_form + 1 < tokens.size()) {
      bool description = true;
      int long_words = 0;
      for (size_t k = last_form + 1; k < tokens.size() && description; ++k) {
        const std::string& t = tokens[k];
        description = !t.empty() && t[0] >= 'a' && t[0] <= 'z' && t.find('.') == std::string::npos;
        long_words += count_letters(t) >= 4;
      }
      if (description && long_words >= 2) tokens.resize(last_form + 1);
    }
  }
  // The Mexican legal form "S.A. de C.V." ends in a short lowercase-looking fragment that is
  // part of the name, not debris.
  auto legal_form_end = [&tokens](size_t i) {
    std::string word = alnum_key(tokens[i]);
    return i >= 2 && (word == "CV" || word == "RL") && alnum_key(tokens[i - 1]) == "DE";
  };
  while (!tokens.empty() && junk(tokens.back()) && !legal_form_end(tokens.size() - 1)) tokens.pop_back();
  // The Polish "Sp. z o.o." read with zeros ("Sp. z 0.0.") is spelled back.
  for (size_t i = 2; i < tokens.size(); ++i)
    if (alnum_key(tokens[i - 2]) == "SP" && alnum_key(tokens[i - 1]) == "Z" && alnum_key(tokens[i]) == "00")
      for (char& c : tokens[i])
        if (c == '0') c = 'o';
  // A single lowercase letter after a word of a name ("Sushi Garden Restaurant i", "DresserWayne
  // j"): a speck or the edge of a logo read as a letter.
  if (tokens.size() >= 2 && lone_lower(tokens.back()) && count_letters(tokens[tokens.size() - 2]) >= 3)
    tokens.pop_back();
  // A stray number after a name ("MAMA IANNES BISTRO 1"): OCR of a logo or a till number.
  while (tokens.size() > 1 && count_digits(tokens.back()) == static_cast<int>(tokens.back().size()) &&
         tokens.back().size() <= 2)
    tokens.pop_back();
  // A trailing company registration number in parentheses: "(126928-H)".
  while (tokens.size() > 1 && tokens.back().front() == '(' && count_digits(tokens.back()) >= 3) tokens.pop_back();
  // A name with its legal form, then an aside in parentheses: the office ("Gadget Corner Co.,
  // Ltd. (Head Office)") or the name again in another language ("CONG TY TNHH AM THUC LANG SEN
  // (LANG SEN CUISINE CO., LTD.)"). Not a group inside the name ("POPULAR BOOK CO. (M) SDN BHD").
  if (tokens.size() >= 3 && !tokens.back().empty() && tokens.back().back() == ')') {
    size_t open = tokens.size();
    while (open > 0 && tokens[open - 1].find('(') == std::string::npos) --open;
    if (open >= 3 && tokens[open - 1].front() == '(') {
      std::vector<std::string> before(tokens.begin(), tokens.begin() + static_cast<long>(open) - 1);
      std::vector<std::string> aside(tokens.begin() + static_cast<long>(open) - 1, tokens.end());
      std::string before_text, aside_text;
      for (const auto& t : before) before_text += " " + t;
      for (const auto& t : aside) aside_text += " " + t;
      auto before_words = keyword_words(before_text);
      bool named = (has_company_suffix(before_words) &&
                    (has_company_suffix({before_words.back()}) || only_legal_form({before_words.back()}))) ||
                   (before.size() >= 3 && has_company_suffix(keyword_words(aside_text)));
      if (named && count_letters(aside_text) >= 4) tokens.resize(open - 1);
    }
  }
  // Restore the suffix OCR mangles most often.
  for (size_t i = 0; i < tokens.size(); ++i) {
    std::string up = to_upper(tokens[i]);
    bool next_is_bhd = i + 1 < tokens.size() && (to_upper(tokens[i + 1]).rfind("BHD", 0) == 0 ||
                                                 to_upper(tokens[i + 1]).rfind("8HD", 0) == 0);
    // Before BHD, a three-letter word beginning with S can only be SDN ("SON", "Sch", "SDM").
    bool sdn_misread = up.size() == 3 && up[0] == 'S' && up != "SDN" && count_letters(up) == 3;
    if ((up == "SDN" || up == "SDN." || sdn_misread) && next_is_bhd) {
      if (sdn_misread) tokens[i] = tokens[i][1] >= 'a' && tokens[i][1] <= 'z' ? "Sdn" : "SDN";
      std::string& b = tokens[i + 1];
      if (b[0] == '8') b[0] = 'B';
    }
  }
  std::string out;
  for (const auto& t : tokens) out += (out.empty() ? "" : " ") + restore_capital_letters(t);
  // A registration number OCR split or fused: "(519537: X)", "{256864-P)", "S/B(587969-U)".
  static const std::regex registration(R"(\s*(?:[({\[]\s*\d{4,}\s?[-:.]?\s?[A-Za-z][)}\]]?|\d{6,}-\S{1,2})\s*$)");
  std::smatch m;
  std::string subject(regex_subject(out));
  if (subject.size() == out.size() && std::regex_search(subject, m, registration) && m.position(0) > 0)
    out.erase(static_cast<size_t>(m.position(0)));
  return respell ? correct_business_words(out) : out;
}

std::string correct_business_words(std::string_view name) {
  // Words of shop and company names, English and Malay, six letters or more (shorter ones are
  // too close to other real words: MINT/MINI, BOOK/BOOT).
  static const std::vector<std::string_view> vocabulary = {
      "ENTERPRISE", "ENTERPRISES", "TRADING", "RESTAURANT", "RESTORAN", "HARDWARE", "STATIONERY",
      "INTERNATIONAL", "MARKETING", "SUPERMARKET", "HYPERMARKET", "MINIMARKET", "MARKET", "BOOKSTORE",
      "BOOKSHOP", "PHARMACY", "FARMASI", "BAKERY", "KITCHEN", "SERVICES", "SERVICE", "STATION",
      "HOLDINGS", "INDUSTRIES", "ELECTRICAL", "ELECTRONICS", "FURNITURE", "TRADERS", "GALLERY",
      "CORPORATION", "COMPANY", "LIMITED", "BERHAD", "PRODUCTS", "SUPPLIES", "DISTRIBUTOR",
      "ENGINEERING", "PETROLEUM", "CONVENIENCE", "FASHION", "BOUTIQUE", "JEWELLERY", "OPTICAL",
      "MEDICAL", "HEALTHCARE", "LAUNDRY", "PRINTING", "COMPUTER", "TECHNOLOGY", "SOLUTIONS",
      "CONSTRUCTION", "MATERIALS", "CATERING", "BISTRO", "COFFEE", "CHICKEN", "SEAFOOD",
      "VEGETARIAN", "STEAMBOAT", "KOPITIAM", "NOODLES", "EMPORIUM", "WHOLESALE", "DEPARTMENT",
      "PERNIAGAAN", "PERUSAHAAN", "SYARIKAT", "TRANSPORT", "LOGISTICS", "EXPRESS",
      "MANAGEMENT", "TRAVEL", "GARDEN", "GENERAL", "BEVERAGE", "BEVERAGES", "GROCER", "GROCERY",
      "GROCERIES", "STATIONARY"};  // STATIONARY: the misspelling shops print, kept as printed
  std::vector<std::string> tokens = split(std::string(name), ' ');
  for (std::string& token : tokens) {
    // The letters of the token, without punctuation at its edges ("ENIERPRISE," -> ENIERPRISE).
    size_t b = 0, e = token.size();
    while (b < e && !std::isalpha(static_cast<unsigned char>(token[b]))) ++b;
    while (e > b && !std::isalpha(static_cast<unsigned char>(token[e - 1]))) --e;
    std::string core = token.substr(b, e - b);
    if (core.size() < 6 || count_letters(core) != static_cast<int>(core.size())) continue;
    std::string upper = to_upper(core);
    auto known = [&](std::string_view w) { return std::find(vocabulary.begin(), vocabulary.end(), w) != vocabulary.end(); };
    // A word of the vocabulary, its plural ("RESTAURANTS") or singular ("TRADER") is right as read.
    if (known(upper) || known(upper + "S") ||
        (upper.back() == 'S' && known(std::string_view(upper).substr(0, upper.size() - 1))))
      continue;
    const std::string_view* match = nullptr;
    int matches = 0;
    for (const auto& v : vocabulary)
      if (v.size() >= 6 && within_one_edit(upper, v)) match = &v, ++matches;
    if (matches != 1) continue;  // no word, or two equally close: leave it as read
    std::string fixed(*match);
    // Keep the word's case: mostly capitals ("ENiERPRISE") -> ENTERPRISE, "Enierprise" ->
    // "Enterprise", "enierprise" -> "enterprise".
    long capitals = std::count_if(core.begin(), core.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    if (capitals * 2 < static_cast<long>(core.size())) {
      bool capitalised = core[0] >= 'A' && core[0] <= 'Z';
      for (size_t k = 0; k < fixed.size(); ++k)
        if (k > 0 || !capitalised) fixed[k] = static_cast<char>(std::tolower(static_cast<unsigned char>(fixed[k])));
    }
    token = token.substr(0, b) + fixed + token.substr(e);
  }
  std::string out;
  for (const auto& t : tokens) out += (out.empty() ? "" : " ") + t;
  return out;
}

bool carries_balance(const std::vector<std::string>& words) {
  return any_phrase(words, {"PREVIOUS BALANCE", "BALANCE FORWARD", "BALANCE BROUGHT FORWARD", "BALANCE CARRIED FORWARD",
                            "PAST DUE", "ARREARS", "OPENING BALANCE", "LAST BILL", "PREVIOUS BILL", "SALDO ANTERIOR",
                            "VORHERIGER SALDO", "SOLDE PRECEDENT", "SOLDE ANTERIEUR", "VORIGE SALDO",
                            "SALDO PENDIENTE", "OUTSTANDING BALANCE", "UNPAID BALANCE"});
}

bool is_item_table_heading(const std::vector<std::string>& words) {
  return any_phrase(words, {"QTY", "QUANTITY", "PRICE", "UNIT PRICE", "U PRICE", "S PRICE", "DESCRIPTION", "DESC",
                            "ITEM", "ITEMS", "ARTICLE", "ARTIKEL", "MENGE", "PREIS", "CANT", "PRECIO", "QTE", "PRIX"});
}

double merchant_line_score(std::string_view line, int position, int line_count) {
  auto w = keyword_words(line);
  int letters = count_letters(line);
  if (letters < 3) return 0;
  std::string text(line);
  // Headings, greetings and contact lines are not names.
  if (any_phrase(w, {"TAX INVOICE", "INVOICE", "RECEIPT", "OFFICIAL RECEIPT", "CASH BILL", "SIMPLIFIED",
                     "FAKTURA", "FATTURA", "FATURA", "LASKU", "ARVE", "SZAMLA", "SZÁMLA", "RACUN", "NOTA FISCAL",
                     "WELCOME", "THANK YOU", "THANK", "FACTURE", "RECHNUNG", "FACTUUR", "FACTURA", "KASSENBON",
                     "QUITTUNG", "COPY", "DUPLICATE", "ORIGINAL", "CUSTOMER", "PAGE", "TEL", "PHONE", "FAX",
                     "EMAIL", "WWW", "HTTP", "GST", "VAT", "REG", "DATE", "TIME", "CASHIER", "TABLE", "ORDER",
                     "BILL TO", "SHIP TO", "SOLD TO", "TOTAL", "TAX", "CHECK", "GUEST", "SERVER", "STORE NO",
                     "TERMINAL", "MEMBER", "OPEN", "HOURS", "COMPANY NO", "CO NO", "ROC", "SSM", "CASH",
                     "CASH SALE", "SALES", "QTY", "PRICE", "AMOUNT", "ITEM", "DESCRIPTION", "DINE IN", "EAT IN",
                     "TAKE OUT", "TAKEOUT", "TAKE AWAY", "TAKEAWAY", "CARRY OUT", "CARRYOUT", "DRIVE THRU",
                     "YOUR BILL", "BILL SUMMARY", "STATEMENT"}))
    return 0.05;
  // The header of a printed e-mail ("From: Zipcab <receipts@...>", "Sent: Thursday, 29 February
  // 2024", "Subject: Your ride"): the sender's address and the message's date, not a name.
  static const std::regex mail_header(
      R"(^\s*(from|sent|to|cc|bcc|subject|reply-to|von|an|gesendet|betreff|de|objet|envoy[eé]|asunto|enviado|para)\s*:)",
      std::regex::icase);
  if (std::regex_search(std::string(regex_subject(line)), mail_header)) return 0.05;
  // A company form settles it even when the name holds a place ("MR D.I.Y. (JOHOR) SDN BHD").
  bool company = line_has_company_suffix(line);
  if (!company && looks_like_address(line)) return 0.1;
  if (find_email(line) || find_phone(line)) return 0.05;
  // A French company's legal mentions ("SARL Marcellin & Fils - capital 8 000 €", "RCS Lyon
  // 812 345 678"): the registration, not the name the shop goes by.
  if (count_digits(line) > 0 && any_phrase(w, {"CAPITAL", "CAPITAL SOCIAL", "RCS", "SIRET", "SIREN"})) return 0.05;
  // A labelled number ("FARE ID: 5 0000", "COLLECTOR: 8502", "R.No: POS002007", "Table :8"):
  // up to three words, a colon, and a value with a digit in it.
  static const std::regex labelled_number(R"(^\W*[A-Za-z.]+(\s+[A-Za-z.]+){0,2}\s*:\s*\S*\d)");
  if (!company && std::regex_search(std::string(regex_subject(line)), labelled_number)) return 0.05;
  // A line that prints a date ("Please pay by 03/17/2025", "Printed 12.03.2024") dates
  // something; a business name holds none.
  if (!find_dates(line).empty()) return 0.05;
  // An addressee heading alone ("SERVICE FOR" in a column of its own) heads the customer's name.
  {
    const auto& headings = addressee_headings();
    if (std::find(headings.begin(), headings.end(), w) != headings.end()) return 0.05;
  }
  double score = 0.3;
  // "CO" is a company at the end of a name or before its legal form ("SMITH & CO", "AEON CO.
  // (M) BHD", "CO-OP"); before another word it is a county ("KELLS CO. MEATH").
  static const std::set<std::string> after_co = {"M",   "LTD", "LIMITED", "INC", "LLC",  "BHD", "SDN", "PTE",
                                                  "PTY", "KG",  "OP",      "PLC", "GMBH", "AG",  "SA"};
  bool company_co = false;
  for (size_t i = 0; i < w.size(); ++i)
    if (w[i] == "CO" && (i + 1 == w.size() || after_co.count(w[i + 1]))) company_co = true;
  // Words that say what kind of business a line names.
  static const std::vector<std::string_view> kinds = {
      "RESTAURANT", "RESTORAN", "CAFE", "KAFE", "BAKERY", "MART", "MINIMART", "SUPERMARKET", "HYPERMARKET",
      "STORE", "STORES", "SHOP", "HARDWARE", "PHARMACY", "FARMASI", "HOTEL", "BOOKSTORE", "STATIONERY",
      "ELECTRICAL", "MARKETING", "SERVICES", "INDUSTRIES", "HOLDINGS", "GROUP", "KEDAI", "PERNIAGAAN",
      "SYARIKAT", "MARKET", "BISTRO", "PIZZA", "COFFEE", "KITCHEN", "FOODS", "FOOD", "BAR", "PUB", "GRILL",
      "DINER", "DELI"};
  auto kind_word = [](const std::string& x) {
    return std::any_of(kinds.begin(), kinds.end(), [&](std::string_view k) { return word_matches(x, k); });
  };
  // A line of nothing but kinds of business joined up ("BISTRO & CAFE", "Bar and Grill") is the
  // line under a name that says what the business is; it names nothing by itself.
  long kind_count = std::count_if(w.begin(), w.end(), kind_word);
  bool only_kinds = kind_count >= 2 && std::all_of(w.begin(), w.end(), [&](const std::string& x) {
                      return kind_word(x) || x == "AND" || x == "N";
                    });
  // Nor does a tagline that describes the food ("Authentic Indian Food", "Fresh Mexican
  // Grill"): kinds of business with words of cuisine and quality only, printed under the name.
  static const std::set<std::string> describing = {
      "AUTHENTIC", "FRESH",    "FINE",     "TRADITIONAL", "HOMEMADE", "QUALITY",  "DELICIOUS", "FAMOUS",
      "ORIGINAL",  "HALAL",    "VEGAN",    "VEGETARIAN",  "ORGANIC",  "CUISINE",  "INDIAN",    "CHINESE",
      "THAI",      "ITALIAN",  "MEXICAN",  "JAPANESE",    "KOREAN",   "VIETNAMESE", "FRENCH",  "GREEK",
      "TURKISH",   "LEBANESE", "AMERICAN", "ASIAN",       "MALAYSIAN", "NEPALESE", "SPANISH",  "AND", "N"};
  if (kind_count >= 1 && !only_kinds && w.size() >= 2 &&
      std::any_of(w.begin(), w.end(), [&](const std::string& x) { return describing.count(x) && x != "AND" && x != "N"; }) &&
      std::all_of(w.begin(), w.end(), [&](const std::string& x) { return kind_word(x) || describing.count(x); }))
    only_kinds = true;
  // Two-letter legal forms ("AG", "SA", "AS") are words and state codes too: only at the
  // line's end, where `company` has them ("1 'AS Satay 6.99" is an item).
  if (company || company_co ||
      (!only_kinds && (kind_count > 0 ||
                       any_phrase(w, {"LTD", "LIMITED", "INC", "LLC", "LLP", "GMBH", "SARL", "SAS", "PLC", "CORP",
                                      "CORPORATION", "COMPANY", "PTY", "PTE", "ENTERPRISE", "ENTERPRISES", "TRADING",
                                      "SRL", "SPA", "OHG"}))))
    score += 0.45;
  // A line with a price on it is an item, not a name ("Sp. z 0.0.", a legal form OCR read with
  // zeros, has none).
  for (const AmountMatch& a : find_amounts(line))
    if (a.has_decimals && !(company && a.value.is_zero())) score -= 0.3;
  // Mostly letters: names, not codes.
  int digits = count_digits(line);
  if (digits > letters / 2) score -= 0.2;
  if (w.size() > 8) score -= 0.15;
  // Names sit at the top.
  double rel = line_count > 0 ? static_cast<double>(position) / line_count : 0;
  score += 0.2 * std::max(0.0, 1.0 - rel * 4) - 0.02 * position;
  int upper = 0;
  for (char c : text) upper += (c >= 'A' && c <= 'Z');
  if (letters >= 4 && upper * 10 >= letters * 8) score += 0.05;
  // Printed business names are capitalised; an all-lowercase line is a handwritten or
  // stamped note (a customer's name, "tan chay yee").
  if (letters >= 4 && upper == 0) score -= 0.25;
  return std::clamp(score, 0.0, 1.0);
}

bool heads_date_column(const Line& heading, const Line& row, size_t date_begin) {
  if (heading.words.size() < 2 || row.words.empty()) return false;
  size_t label = heading.words.size();
  for (size_t i = 0; i < heading.words.size(); ++i) {
    const std::string& text = heading.words[i].text;
    // Column headings are words, not values: a digit anywhere makes it a line of its own.
    if (count_digits(text) > 0) return false;
    auto words = keyword_words(text);
    if (label == heading.words.size() && words.size() == 1 &&
        (words[0] == "DATE" || words[0] == "TARIKH" || words[0] == "DATUM" || words[0] == "FECHA"))
      label = i;
  }
  if (label == heading.words.size()) return false;
  // The row's word the date begins in.
  size_t cell = row.word_at(date_begin);
  if (cell == row.words.size()) return false;
  const BoundingBox& a = heading.words[label].box;
  const BoundingBox& b = row.words[cell].box;
  // Under the heading as printed when the words have boxes; in the same column otherwise.
  if (!a.empty() && !b.empty()) return a.left < b.right && b.left < a.right;
  return label == cell;
}

std::optional<std::string> column_label_above(const Line& heading, const Line& row, size_t begin, size_t end) {
  if (heading.words.size() < 2 || row.words.empty() || end <= begin) return std::nullopt;
  if (std::any_of(heading.words.begin(), heading.words.end(), [](const Word& w) { return w.box.empty(); })) return std::nullopt;
  // Labels only: a line with a digit holds values of its own ("Invoice Date : 06-Mar-2025").
  if (count_digits(heading.text()) > 0) return std::nullopt;
  // Labels over columns of figures stand closer than a name and a heading: two spaces part
  // them ("Tot. imponibile  Tot. imposta"), a word space does not.
  auto columns = column_segments(heading.words, 1.0);
  if (columns.size() < 2) return std::nullopt;
  BoundingBox span = row.box_of(begin, end);
  if (span.empty()) return std::nullopt;
  std::optional<std::string> best;
  int best_overlap = 0;
  for (auto [first, last] : columns) {
    BoundingBox column;
    std::string text;
    for (size_t k = first; k < last; ++k) {
      column = column.united(heading.words[k].box);
      text += (text.empty() ? "" : " ") + heading.words[k].text;
    }
    int overlap = std::min(column.right, span.right) - std::max(column.left, span.left);
    if (overlap > best_overlap) best_overlap = overlap, best = text;
  }
  return best;
}

bool date_shaped(std::string_view word) {
  size_t begin = 0, end = word.size();
  auto edge = [](char c) { return c == '(' || c == ')' || c == ',' || c == ':' || c == ';' || c == '\'' || c == '"'; };
  while (begin < end && edge(word[begin])) ++begin;
  while (end > begin && edge(word[end - 1])) --end;
  std::string_view core = word.substr(begin, end - begin);
  if (core.size() < 6 || core.size() > 12) return false;
  int digits = 0, separators = 0, letters = 0;
  for (char c : core) {
    if (c >= '0' && c <= '9') ++digits;
    else if (c == '/' || c == '.' || c == '-') ++separators;
    else if (std::string_view("OoIlSBtZ").find(c) != std::string_view::npos) ++letters;  // digits' look-alikes
    else return false;
  }
  if (letters > 2 || digits < 4 || !std::isdigit(static_cast<unsigned char>(core.front()))) return false;
  // Separated parts ("92/12/2017", "20/03/204t", "2705/2018"), or day, month and year run
  // together ("27032018").
  if (separators == 0) return digits == 8 && letters == 0;
  if (separators > 2 || core.find("..") != std::string_view::npos || !find_dates(core).empty()) return false;
  // One separator: a day and month run together before a year ("2705/2018"), not an amount
  // ("141.58") or a code ("187087-75").
  if (separators == 1) {
    size_t at = core.find_first_of("/-");
    return at != std::string_view::npos && core.size() - at - 1 == 4 && at == 4;
  }
  return true;
}

std::optional<std::string> reread_value(std::string_view field, std::string_view text, DateOrder order) {
  if (is_amount_field(field)) {
    std::vector<AmountMatch> found = find_amounts(digitize_ocr_number_text(text));
    std::erase_if(found, [](const AmountMatch& m) { return m.percent; });
    if (found.size() != 1 || !found[0].has_decimals) return std::nullopt;
    return found[0].value.to_string();
  }
  if (is_date_field(field)) {
    std::vector<DateMatch> found = find_dates(text);
    if (found.size() != 1) return std::nullopt;
    CivilDate d = found[0].resolve(order);
    if (!is_valid_date(d)) return std::nullopt;
    return d.iso();
  }
  return std::nullopt;
}

std::optional<Decimal> cash_rounded_total(const Decimal& total, const Decimal& adjustment) {
  std::int64_t t = total.rescaled(2).mantissa;
  std::int64_t a = adjustment.abs().rescaled(2).mantissa;
  if (a == 0 || a > 2 || t % 5 == 0) return std::nullopt;
  std::optional<Decimal> out;
  for (std::int64_t v : {t - a, t + a})
    if (v > 0 && v % 5 == 0) {
      if (out) return std::nullopt;  // both ways round: cannot tell
      out = Decimal{v, 2};
    }
  return out;
}

bool cash_rounds_to(const Decimal& amount, const Decimal& total) {
  std::int64_t a = amount.rescaled(2).mantissa, t = total.rescaled(2).mantissa;
  if (a <= 0 || t % 5 != 0 || a % 5 == 0) return false;
  return (a + 2) / 5 * 5 == t;  // 0.01 and 0.02 round down, 0.03 and 0.04 up
}

std::optional<Decimal> tax_from_rate_row(std::string_view line) {
  std::vector<std::string> tokens;
  for (std::string t : split(collapse_spaces(trim(line)), ' ')) {
    // Table borders and specks on the numbers: "360}", "@6%", "(RM)".
    while (!t.empty() && std::strchr("@([{|'\"", t.front())) t.erase(0, 1);
    while (!t.empty() && std::strchr(")]}|,'\"/", t.back())) t.pop_back();
    if (!t.empty()) tokens.push_back(t);
  }
  static const std::regex rate_re(R"((\d{1,2}(?:[.,]\d{1,2})?)(%?))");
  static const std::regex money_re(R"(\d{1,7}[.,]\d{2})");
  auto hundredths = [](const std::string& number) {  // "6" -> 600, "6.5" -> 650, "37,50" -> 3750
    std::string t = number;
    std::replace(t.begin(), t.end(), ',', '.');
    auto d = Decimal::from_string(t);
    return d ? d->rescaled(2).mantissa : -1;
  };
  // The rate: a number with a percent sign ("6%", "6 %"), else the first small number before
  // the amounts ("SR 6 37.50 2.25", "SR 6.00 52.00 3.12").
  std::int64_t rate = -1;
  size_t rate_token = tokens.size();
  for (size_t i = 0; i < tokens.size() && rate < 0; ++i) {
    std::smatch m;
    if (!std::regex_match(tokens[i], m, rate_re)) continue;
    bool percent = m[2].length() > 0 || (i + 1 < tokens.size() && tokens[i + 1] == "%");
    if (percent) rate = hundredths(m[1]), rate_token = i;
  }
  if (rate < 0) {
    // The first number of the row, when it is no more than 30 ("6.00" reads like money too).
    for (size_t i = 0; i < tokens.size(); ++i) {
      std::smatch m;
      if (std::regex_match(tokens[i], m, rate_re)) {
        rate = hundredths(m[1]), rate_token = i;
        break;
      }
      if (std::any_of(tokens[i].begin(), tokens[i].end(), [](unsigned char c) { return std::isdigit(c); })) break;
    }
  }
  if (rate <= 0 || rate > 3000) return std::nullopt;
  size_t first_amount = tokens.size();
  for (size_t i = 0; i < tokens.size() && first_amount == tokens.size(); ++i)
    if (i != rate_token && std::regex_match(tokens[i], money_re)) first_amount = i;
  // Amounts in cents: money as printed, and a tax whose decimal point OCR lost, three digits
  // ("225" for 2.25) or split by a space ("0 45"), after a money amount.
  struct Cents {
    std::int64_t value;
    size_t token;
    bool money;
  };
  std::vector<Cents> amounts;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (i == rate_token) continue;
    const std::string& t = tokens[i];
    bool digits = std::all_of(t.begin(), t.end(), [](unsigned char c) { return std::isdigit(c); });
    if (std::regex_match(t, money_re)) {
      amounts.push_back({hundredths(t), i, true});
    } else if (i > first_amount && digits && t.size() == 3) {
      amounts.push_back({std::stoll(t), i, false});
    } else if (i > first_amount && digits && t.size() <= 2 && i + 1 < tokens.size() && tokens[i + 1].size() == 2 &&
               std::all_of(tokens[i + 1].begin(), tokens[i + 1].end(), [](unsigned char c) { return std::isdigit(c); })) {
      amounts.push_back({std::stoll(t) * 100 + std::stoll(tokens[i + 1]), i, false});
      ++i;
    }
  }
  // The tax is the amount the rate gives on another amount of the row, net (38.30 at 6% is
  // 2.30) or gross (28.95 at 6% holds 1.64), to the cent either way (rounded per item).
  auto near = [](std::int64_t a, std::int64_t b) { return a - b <= 1 && b - a <= 1; };
  for (int gross = 0; gross < 2; ++gross)
    for (const Cents& base : amounts) {
      if (!base.money) continue;
      std::int64_t divisor = gross ? 10000 + rate : 10000;
      std::int64_t expected = (base.value * rate + divisor / 2) / divisor;
      for (const Cents& tax : amounts)
        if (tax.token != base.token && tax.value > 0 && tax.value < base.value && near(tax.value, expected))
          return Decimal{tax.value, 2};
    }
  return std::nullopt;
}

bool amounts_add_up(const SummaryAmounts& a) {
  if (!a.total || !a.subtotal) return false;
  Decimal base = *a.subtotal + (a.tax ? *a.tax : Decimal{});
  for (int with_service = 0; with_service < 2; ++with_service)
    for (int with_tip = 0; with_tip < 2; ++with_tip)
      for (int with_discount = 0; with_discount < 2; ++with_discount)
        for (int with_rounding = 0; with_rounding < 3; ++with_rounding) {
          Decimal v = base;
          if (with_service && a.service) v = v + *a.service;
          if (with_tip && a.tip) v = v + *a.tip;
          if (with_discount && a.discount) v = v - a.discount->abs();
          if (with_rounding == 1 && a.rounding) v = v + a.rounding->abs();
          if (with_rounding == 2 && a.rounding) v = v - a.rounding->abs();
          if (v == *a.total || (with_rounding == 0 && a.rounding && cash_rounds_to(v, *a.total))) return true;
        }
  // Tax-inclusive prices: the subtotal already holds the tax.
  return a.tax && *a.subtotal == *a.total;
}

std::vector<int> printed_tax_rates(std::string_view line) {
  std::vector<int> rates;
  if (!names_a_tax(keyword_words(line))) return rates;
  // "6%", "6 %", "6.00%", "19,0 %", "@6%": the number right before a percent sign.
  static const std::regex rate_re(R"((^|[^\d.,])(\d{1,2})(?:[.,](\d{1,2}))?\s?%)");
  std::string text(line);
  for (auto it = std::sregex_iterator(text.begin(), text.end(), rate_re); it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    std::string fraction = m[3].str();
    if (fraction.size() == 1) fraction += '0';
    int rate = std::stoi(m[2].str()) * 100 + (fraction.empty() ? 0 : std::stoi(fraction));
    if (rate > 0 && rate <= 3000 && std::find(rates.begin(), rates.end(), rate) == rates.end()) rates.push_back(rate);
  }
  return rates;
}

// The tax at `rate` (hundredths of a percent) on `net` cents, rounded half up to the cent.
static std::int64_t tax_at(std::int64_t net, int rate) { return (net * rate + 5000) / 10000; }

std::optional<TaxSplit> split_by_tax_rate(const Decimal& total, const std::optional<Decimal>& subtotal,
                                          const std::optional<Decimal>& tax, const std::optional<Decimal>& rounding,
                                          const std::vector<int>& rates) {
  if (!subtotal && !tax) return std::nullopt;
  std::vector<std::int64_t> payable = {total.rescaled(2).mantissa};
  if (rounding && !rounding->is_zero()) {
    std::int64_t r = rounding->abs().rescaled(2).mantissa;
    payable.push_back(payable[0] - r);
    payable.push_back(payable[0] + r);
  }
  auto cents = [](const std::optional<Decimal>& d) { return d ? d->rescaled(2).mantissa : -1; };
  std::int64_t read_subtotal = cents(subtotal), read_tax = cents(tax);
  std::optional<TaxSplit> found;
  for (int rate : rates)
    for (std::int64_t gross : payable) {
      if (gross <= 0) continue;
      // The net amount whose tax at `rate` (rounded half up to the cent) makes `gross`.
      std::int64_t estimate = gross * 10000 / (10000 + rate);
      for (std::int64_t net = estimate - 2; net <= estimate + 2; ++net) {
        std::int64_t t = gross - net;
        if (net <= 0 || t <= 0 || t != tax_at(net, rate)) continue;
        // Confirmed by an amount read: the subtotal, the tax, or the tax read as the subtotal.
        if (net != read_subtotal && t != read_tax && t != read_subtotal) continue;
        TaxSplit split{Decimal{net, 2}, Decimal{t, 2}};
        if (found && !(found->subtotal == split.subtotal && found->tax == split.tax)) return std::nullopt;
        found = split;
      }
    }
  return found;
}

std::optional<Decimal> net_by_implied_rate(const Decimal& total, const Decimal& subtotal, const Decimal& tax) {
  std::int64_t net = total.rescaled(2).mantissa - tax.rescaled(2).mantissa, t = tax.rescaled(2).mantissa;
  if (net <= 0 || t <= 0 || !one_digit_apart(Decimal{net, 2}, subtotal.rescaled(2))) return std::nullopt;
  for (int rate = 100; rate <= kMaxImpliedRate; rate += 100)
    if (t == tax_at(net, rate)) return Decimal{net, 2};
  return std::nullopt;
}

bool one_digit_inserted(const Decimal& a, const Decimal& b) {
  std::string x = a.abs().rescaled(2).to_string(), y = b.abs().rescaled(2).to_string();
  if (x.size() > y.size()) std::swap(x, y);
  if (x.size() + 1 != y.size()) return false;
  for (size_t i = 0; i < y.size(); ++i)
    if (std::isdigit(static_cast<unsigned char>(y[i])) && y.substr(0, i) + y.substr(i + 1) == x) return true;
  return false;
}

bool one_digit_apart(const Decimal& a, const Decimal& b) {
  std::string x = a.abs().to_string(), y = b.abs().to_string();
  if (x.size() != y.size()) return false;
  int differ = 0;
  for (size_t i = 0; i < x.size(); ++i) differ += x[i] != y[i];
  return differ == 1;
}

Line replace_words(const Line& line, const BoundingBox& box, std::string text, double confidence) {
  auto overlaps = [&](const BoundingBox& w) {
    return !w.empty() && w.left < box.right && box.left < w.right && w.top < box.bottom && box.top < w.bottom;
  };
  Line out = line;
  out.words.clear();
  bool replaced = false;
  for (const Word& w : line.words) {
    if (!overlaps(w.box)) {
      out.words.push_back(w);
      continue;
    }
    if (!replaced) {
      Word merged = w;
      merged.text = text;
      merged.confidence = confidence;
      out.words.push_back(std::move(merged));
      replaced = true;
    } else {
      out.words.back().box = out.words.back().box.united(w.box);
    }
  }
  return replaced ? out : line;
}

namespace {

enum class TaxColumn { rate, net, tax, gross };

// The columns a tax table's heading names, left to right; nullopt when the line is no such
// heading. Words that name no column ("Analysis", "Summary", "Code") are left out; "Amt Excl
// GST" and "incl. MwSt" are one column each.
std::optional<std::vector<TaxColumn>> tax_table_columns(std::string_view line) {
  std::vector<AmountMatch> amounts = find_amounts(line);
  if (std::any_of(amounts.begin(), amounts.end(), [](const AmountMatch& a) { return a.has_decimals; })) return std::nullopt;
  if (is_item_table_heading(keyword_words(line))) return std::nullopt;
  static const std::set<std::string> rate = {"SATZ",  "RATE", "SAZBA", "TAUX",   "TASA", "ALIQUOTA", "STAWKA",
                                             "TARIEF", "SATS", "PROZENT", "TARIF", "TIPO", "TAXA"};
  static const std::set<std::string> net = {"NETTO",    "NET",        "NETT", "EXCL",  "EXKL",   "EXCLUSIEF", "HT",
                                            "ZAKLAD",   "GRUNNLAG",   "GRUNDLAG", "VEROTON", "BASE", "IMPONIBILE",
                                            "NETO",     "OVER",       "BASIS", "AMOUNT", "AMT",    "NETTOBETRAG", "NETTOBELOB",
                                            "OSNOVICA", "OSNOVA", "KATHAXIA", "ALAP", "INCIDENCIA"};
  static const std::set<std::string> tax = {"MWST",    "UST",   "STEUER", "VAT",  "TVA", "BTW",      "IVA",  "MOMS",
                                            "MVA",     "ALV",   "VERO",   "DPH",  "PTU", "GST",      "TAX",  "IMPOSTA",
                                            "IMPUESTO", "CUOTA", "SKAT",  "MWS",  "SST", "STEUERBETRAG", "PVM", "PVN",
                                            "DDV", "PDV", "AFA", "FPA", "VSK", "IGV", "KM"};
  static const std::set<std::string> gross = {"BRUTTO", "GROSS",  "INCL",  "INKL",  "INCLUSIEF", "TTC",   "CELKEM",
                                              "SUM",    "SUMA",   "SUMME", "SUMMA", "VEROLLINEN", "TOTAL", "TOTALE",
                                              "BRUTO",  "TOTAAL", "BELOB", "GESAMT", "BRUTTOBETRAG", "SYNOLO", "UKUPNO",
                                              "KOKKU", "SKUPAJ", "SPOLU", "SAMTALS"};
  std::vector<std::pair<TaxColumn, std::string>> columns;
  for (const std::string& raw : split(collapse_spaces(trim(line)), ' ')) {
    if (raw.empty()) continue;
    if (raw.find('%') != std::string::npos) {
      columns.push_back({TaxColumn::rate, "%"});
      continue;
    }
    // The word's letters in ASCII capitals, Latin-1 letters as their base letter ("Incidência").
    std::string word;
    std::string head = raw.substr(0, raw.find('('));
    for (size_t k = 0; k < head.size(); ++k) {
      auto c = static_cast<unsigned char>(head[k]);
      if (std::isalpha(c)) word += static_cast<char>(std::toupper(c));
      if (c == 0xC3 && k + 1 < head.size()) {
        unsigned low = static_cast<unsigned char>(head[++k]) & 0xDFu;  // capital and small alike
        static const char base[] = "AAAAAAACEEEEIIII" "DNOOOOO" "_OUUUUY";
        if (low >= 0x80 && low <= 0x9D && base[low - 0x80] != '_') word += base[low - 0x80];
      }
    }
    // "VAT rate", "Tax rate": the rates' column; "Gross amount", "Net amount": one column.
    if (rate.count(word) && !columns.empty() && columns.back().first == TaxColumn::tax && columns.back().second != "%") {
      columns.back() = {TaxColumn::rate, word};
      continue;
    }
    if ((word == "AMOUNT" || word == "AMT") && !columns.empty() &&
        (columns.back().first == TaxColumn::net || columns.back().first == TaxColumn::gross))
      continue;
    // "Amount incl. GST": the amount's column is the gross one.
    if (gross.count(word) && !columns.empty() && (columns.back().second == "AMOUNT" || columns.back().second == "AMT")) {
      columns.back() = {TaxColumn::gross, word};
      continue;
    }
    if (rate.count(word)) columns.push_back({TaxColumn::rate, word});
    else if (net.count(word)) columns.push_back({TaxColumn::net, word});
    else if (tax.count(word)) columns.push_back({TaxColumn::tax, word});
    else if (gross.count(word)) columns.push_back({TaxColumn::gross, word});
  }
  std::vector<TaxColumn> out;
  for (size_t i = 0; i < columns.size(); ++i) {
    TaxColumn c = columns[i].first;
    // "Amt Excl GST(RM) Tax(RM)", "incl. MwSt ... MwSt": the tax word says what the amount
    // excludes, when a tax column follows ("BTW % Excl. BTW Incl." has its own BTW column).
    bool tax_follows = std::any_of(columns.begin() + static_cast<std::ptrdiff_t>(i) + 1, columns.end(),
                                   [](const auto& col) { return col.first == TaxColumn::tax; });
    // So does the tax word of the last column ("Excl. btw  Btw  Incl. btw").
    if (c == TaxColumn::tax && i > 0 && (tax_follows || i + 1 == columns.size()) &&
        (columns[i - 1].second == "EXCL" || columns[i - 1].second == "EXKL" || columns[i - 1].second == "INCL" ||
         columns[i - 1].second == "INKL" || columns[i - 1].second == "EXCLUSIEF" || columns[i - 1].second == "INCLUSIEF"))
      continue;
    if (!out.empty() && out.back() == c) continue;  // "Amt Excl": one column
    out.push_back(c);
  }
  // Two tax columns ("MwSt Netto MwSt Brutto", "ALV % Veroton Vero Verollinen"): the first, before
  // any amount's column, heads the rates or their codes.
  if (std::count(out.begin(), out.end(), TaxColumn::tax) >= 2) {
    for (size_t i = 0; i < out.size() && out[i] != TaxColumn::net && out[i] != TaxColumn::gross; ++i)
      if (out[i] == TaxColumn::tax) {
        out[i] = TaxColumn::rate;
        if (i + 1 < out.size() && out[i + 1] == TaxColumn::rate) out.erase(out.begin() + static_cast<std::ptrdiff_t>(i) + 1);
        if (i > 0 && out[i - 1] == TaxColumn::rate) out.erase(out.begin() + static_cast<std::ptrdiff_t>(i));
        break;
      }
  }
  bool has_tax = std::count(out.begin(), out.end(), TaxColumn::tax) > 0;
  bool has_base = std::count(out.begin(), out.end(), TaxColumn::net) + std::count(out.begin(), out.end(), TaxColumn::gross) > 0;
  if (!has_tax || !has_base) return std::nullopt;
  return out;
}

bool within_cents(const Decimal& a, const Decimal& b, std::int64_t cents) {
  return (a - b).abs().rescaled(2).mantissa <= cents;
}

// The tax `rate` (percent) gives on `base`, rounded to the cent: of a net amount, or of a gross one.
Decimal tax_of(const Decimal& base, const Decimal& rate, bool gross) {
  double r = rate.approx();
  double t = gross ? base.approx() * r / (100 + r) : base.approx() * r / 100;
  return Decimal{static_cast<std::int64_t>(std::llround(t * 100)), 2};
}

// The columns that hold money, left to right (all but the rates').
std::vector<TaxColumn> money_columns_of(const std::vector<TaxColumn>& columns) {
  std::vector<TaxColumn> out;
  for (TaxColumn c : columns)
    if (c != TaxColumn::rate) out.push_back(c);
  return out;
}

// A row's amounts put into the money columns from the right: of two columns of a kind ("MwSt
// Netto MwSt Brutto"), the right one holds the amount; the left one is the rate's or the code's.
TaxTableRow fill_from_right(const std::vector<Decimal>& money, const std::vector<TaxColumn>& money_columns) {
  TaxTableRow row;
  size_t offset = money_columns.size() - money.size();
  for (size_t k = money.size(); k-- > 0;) {
    TaxColumn c = money_columns[offset + k];
    std::optional<Decimal>& slot = c == TaxColumn::net ? row.net : c == TaxColumn::tax ? row.tax : row.gross;
    if (!slot) slot = money[k];
  }
  return row;
}

// A row of the table under `columns`, or nullopt when the line is none.
std::optional<TaxTableRow> tax_table_row(std::string_view line, const std::vector<TaxColumn>& columns, bool space_groups,
                                         bool first) {
  std::vector<AmountMatch> found = find_amounts(line, space_groups);
  std::optional<Decimal> rate;
  std::vector<Decimal> money;
  for (const AmountMatch& a : found) {
    if (a.percent) {
      if (!rate) rate = a.value;
    } else if (a.has_decimals) {
      money.push_back(a.value);
    }
  }
  std::vector<TaxColumn> money_columns = money_columns_of(columns);
  bool rate_column = money_columns.size() < columns.size();
  // A rate printed like money under its own column ("12,00 38,89 324,11 363,00"), or as a small
  // whole number first ("SR 6 37.50 2.25").
  if (!rate && rate_column && money.size() == money_columns.size() + 1 && money.front().approx() <= 30) {
    rate = money.front();
    money.erase(money.begin());
  }
  // Or in its column between amounts ("Base imponible  % IVA  Cuota IVA  Total" over "392,96
  // 10,00 39,30 432,26"): every column filled, the rate's value where its column stands.
  if (!rate && money.size() == columns.size() && money.size() == money_columns.size() + 1) {
    size_t r = static_cast<size_t>(std::find(columns.begin(), columns.end(), TaxColumn::rate) - columns.begin());
    if (r > 0 && r < money.size() && money[r].approx() > 0 && money[r].approx() <= 30) {
      rate = money[r];
      money.erase(money.begin() + static_cast<std::ptrdiff_t>(r));
    }
  }
  if (!rate && rate_column && !found.empty() && !found.front().has_decimals && found.front().value.approx() > 0 &&
      found.front().value.approx() <= 30)
    rate = found.front().value;
  if (money.size() < 2 || money.size() > money_columns.size()) return std::nullopt;
  TaxTableRow row = fill_from_right(money, money_columns);
  // Each rate's row prints its rate; a sum row prints none. But the row right under the heading
  // is no sum: one of a single rate the heading states ("GST @ 9%") is a row when its net, tax
  // and gross agree.
  if (!row.tax || row.tax->is_negative()) return std::nullopt;
  if (!rate) {
    if (!first || !row.net || !row.gross || row.tax->approx() > 0.3 * row.gross->approx() ||
        !within_cents(*row.net + *row.tax, *row.gross, 1))
      return std::nullopt;
    return row;
  }
  // No tax rate is 30% of the amount it is charged on.
  Decimal base_amount = row.net && row.gross ? std::max(*row.net, *row.gross) : row.net ? *row.net : *row.gross;
  if (row.tax->approx() > 0.3 * base_amount.approx()) return std::nullopt;
  if (row.net && row.gross) {
    if (!within_cents(*row.net + *row.tax, *row.gross, 1)) return std::nullopt;
    return row;
  }
  const Decimal& base = row.net ? *row.net : *row.gross;
  bool as_printed = within_cents(tax_of(base, *rate, row.gross.has_value()), *row.tax, 1);
  bool other_way = within_cents(tax_of(base, *rate, !row.gross.has_value()), *row.tax, 1);
  if (!as_printed && !other_way) return std::nullopt;
  // "BTW OVER BTW": the amount a tax is "over" is net on some receipts and gross on others; the
  // rate tells which.
  if (!as_printed) std::swap(row.net, row.gross);
  return row;
}

bool separator_line(std::string_view line) { return count_letters(line) + count_digits(line) == 0; }

// A row with no rate that charges no tax ("Geen btw (toeristenbel.)  8,55  0,00  8,55": a fee
// outside the tax) under rows that do: net, a zero tax and the same gross, which are not the
// sums of the rows above (that is the sum row).
std::optional<TaxTableRow> untaxed_row(std::string_view line, const std::vector<TaxColumn>& columns, bool space_groups,
                                       const std::vector<TaxTableRow>& above) {
  std::vector<Decimal> money;
  for (const AmountMatch& a : find_amounts(line, space_groups)) {
    if (a.percent) return std::nullopt;
    if (a.has_decimals) money.push_back(a.value);
  }
  std::vector<TaxColumn> money_columns = money_columns_of(columns);
  if (money.size() != 3 || money_columns.size() != 3) return std::nullopt;
  TaxTableRow row = fill_from_right(money, money_columns);
  if (!row.net || !row.tax || !row.gross || !row.tax->is_zero() || !(*row.net == *row.gross) || row.net->is_zero())
    return std::nullopt;
  Decimal nets{};
  for (const TaxTableRow& r : above) nets = nets + r.net.value_or(Decimal{});
  if (within_cents(nets, *row.net, static_cast<std::int64_t>(above.size()))) return std::nullopt;
  return row;
}

}  // namespace

std::optional<TaxTable> find_tax_table(const std::vector<std::string>& lines, bool space_groups) {
  for (size_t h = 0; h < lines.size(); ++h) {
    std::optional<std::vector<TaxColumn>> columns = tax_table_columns(lines[h]);
    if (!columns) continue;
    TaxTable table;
    table.heading = h;
    size_t i = h + 1;
    for (; i < lines.size(); ++i) {
      // A service charge taxed in the summary ("SVC SERVICE CHARGE 10 150.00 15.00") is no tax.
      if (separator_line(lines[i]) || classify_amount_line(lines[i]) == AmountRole::service) continue;
      std::optional<TaxTableRow> row = tax_table_row(lines[i], *columns, space_groups, table.rows.empty());
      if (!row && !table.rows.empty()) row = untaxed_row(lines[i], *columns, space_groups, table.rows);
      if (!row) break;
      row->line = i;
      table.rows.push_back(*row);
    }
    if (table.rows.empty()) continue;
    auto column_sum = [&](std::optional<Decimal> TaxTableRow::*member) -> std::optional<Decimal> {
      std::optional<Decimal> sum;
      for (const TaxTableRow& r : table.rows) {
        if (!(r.*member)) continue;
        sum = sum ? *sum + *(r.*member) : *(r.*member);
      }
      return sum;
    };
    table.net = column_sum(&TaxTableRow::net);
    table.tax = column_sum(&TaxTableRow::tax);
    table.gross = column_sum(&TaxTableRow::gross);
    // The sum row: its amounts fill the money columns from the right and are the rows' sums,
    // or, when OCR misread a row, add up among themselves (net + tax = gross).
    while (i < lines.size() && separator_line(lines[i])) ++i;
    if (i < lines.size() && table.rows.size() > 1) {
      std::vector<Decimal> money;
      for (const AmountMatch& a : find_amounts(lines[i], space_groups))
        if (a.has_decimals && !a.percent) money.push_back(a.value);
      std::vector<TaxColumn> money_columns = money_columns_of(*columns);
      if (money.size() >= 2 && money.size() <= money_columns.size()) {
        TaxTableRow sum = fill_from_right(money, money_columns);
        auto agrees = [&](const std::optional<Decimal>& printed, const std::optional<Decimal>& rows) {
          return !printed || (rows && within_cents(*printed, *rows, static_cast<std::int64_t>(table.rows.size())));
        };
        // Rows whose rate showed their "over" column to be gross (or net) are summed under it.
        if (!agrees(sum.net, table.net) && agrees(sum.net, table.gross) && !sum.gross) std::swap(sum.net, sum.gross);
        else if (!agrees(sum.gross, table.gross) && agrees(sum.gross, table.net) && !sum.net) std::swap(sum.net, sum.gross);
        bool rows_sum = agrees(sum.net, table.net) && agrees(sum.tax, table.tax) && agrees(sum.gross, table.gross);
        bool self = sum.net && sum.tax && sum.gross && within_cents(*sum.net + *sum.tax, *sum.gross, 1);
        if (sum.tax && (rows_sum || self)) {
          table.sum_line = i;
          if (sum.net) table.net = sum.net;
          if (sum.tax) table.tax = sum.tax;
          if (sum.gross) table.gross = sum.gross;
        }
      }
    }
    return table;
  }
  return std::nullopt;
}

}  // namespace receiptocr
