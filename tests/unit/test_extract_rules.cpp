// Line-level extraction rules (src/extract/rules.cpp): keyword classes, identifiers,
// contacts, merchant and address heuristics.
#include <doctest/doctest.h>

#include <tuple>

#include "print_helpers.hpp"
#include "receiptocr/extract.hpp"

using namespace receiptocr;

TEST_CASE("keyword_words splits, upper-cases and detaches a glued TOTAL") {
  CHECK(keyword_words("Sub-Total :") == std::vector<std::string>{"SUB", "TOTAL"});
  CHECK(keyword_words("TotalGST . 5.27") == std::vector<std::string>{"TOTAL", "GST", "5", "27"});
  CHECK(keyword_words("") == std::vector<std::string>{});
}

TEST_CASE("keyword_words: typographic punctuation glued to a word separates it") {
  // OCR reads specks before a line as curly quotes: the keyword is still SUB TOTAL.
  CHECK(keyword_words("\u2018SUB TOTAL: 44.45") == std::vector<std::string>{"SUB", "TOTAL", "44", "45"});
  CHECK(keyword_words("\u201cTotal\u201d \u2014 12,00") == std::vector<std::string>{"TOTAL", "12", "00"});
  CHECK(keyword_words("\u00abNETTO\u00bb\u00b7\u00a35") == std::vector<std::string>{"NETTO", "5"});
  CHECK(has_phrase(keyword_words("\u2018SUB TOTAL: 44.45"), "SUB TOTAL"));
  // Letters outside ASCII stay in their words (as they are: only ASCII is upper-cased).
  CHECK(keyword_words("M\u00fcnchen Stra\u00dfe") == std::vector<std::string>{"M\u00fcNCHEN", "STRA\u00dfE"});
}

TEST_CASE("has_phrase tolerates one OCR error in long words only") {
  auto w = keyword_words("TOTAI AMOUNT DUE");
  CHECK(has_phrase(w, "TOTAL"));
  CHECK(has_phrase(w, "AMOUNT DUE"));
  CHECK_FALSE(has_phrase(keyword_words("TAK"), "TAX"));  // short words must match exactly
  CHECK(has_phrase(keyword_words("SUBTOTAL 9.00"), "SUB TOTAL"));  // joined form
  CHECK_FALSE(has_phrase(keyword_words("TOTAL"), "GRAND TOTAL"));
}

TEST_CASE("classify_amount_line") {
  CHECK(classify_amount_line("TOTAL 9.00") == AmountRole::total);
  CHECK(classify_amount_line("GRAND TOTAL 9.00") == AmountRole::total_strong);
  CHECK(classify_amount_line("TAX1 0.11") == AmountRole::tax);       // numbered tax lines
  CHECK(classify_amount_line("VAT2 1.20") == AmountRole::tax);
  CHECK(classify_amount_line("Total Taxes $3.24") == AmountRole::tax);
  CHECK(classify_amount_line("TAXE 1.50") == AmountRole::tax);
  CHECK(classify_amount_line("TAXI 12.00") == AmountRole::none);
  CHECK(classify_amount_line("Amount Due $12.00") == AmountRole::total_strong);
  CHECK(classify_amount_line("Summe EUR 1.234,56") == AmountRole::total);
  CHECK(classify_amount_line("JUMLAH 12.00") == AmountRole::total);
  // The total restated after the rounding adjustment is the payable one.
  CHECK(classify_amount_line("Total after Adj Incl GST 75.00") == AmountRole::total_strong);
  // What the shopper saved is no total.
  CHECK(classify_amount_line("TOTAL SAVED: $44.80") == AmountRole::discount);
  CHECK(classify_amount_line("YOU SAVE $3.00") == AmountRole::discount);
  CHECK(classify_amount_line("Sub Total 8.49") == AmountRole::subtotal);
  CHECK(classify_amount_line("Total Sales (Excluding GST) : 87.80") == AmountRole::subtotal);
  CHECK(classify_amount_line("Total Sales (Inclusive of GST) : 93.07") == AmountRole::total);
  CHECK(classify_amount_line("Total HT : 46,68") == AmountRole::subtotal);
  CHECK(classify_amount_line("GST 6% 0.51") == AmountRole::tax);
  CHECK(classify_amount_line("TotalGST . 5.27") == AmountRole::tax);
  CHECK(classify_amount_line("MwSt 19% 197,11") == AmountRole::tax);
  CHECK(classify_amount_line("TAX INVOICE") == AmountRole::none);
  CHECK(classify_amount_line("GST Reg No: 001234567890") == AmountRole::none);
  CHECK(classify_amount_line("CASH 50.00") == AmountRole::tendered);
  CHECK(classify_amount_line("CHANGE 1.00") == AmountRole::change);
  CHECK(classify_amount_line("Rounding Adj -0.02") == AmountRole::rounding);
  CHECK(classify_amount_line("Rounded Total 9.00") == AmountRole::total_strong);
  // What comes after rounding is the rounded total, whatever OCR made of its TOTAL.
  CHECK(classify_amount_line("Total After Rounding 85.10") == AmountRole::total_strong);
  CHECK(classify_amount_line("ictal After Rounding BSG 7 85.10") == AmountRole::total_strong);
  CHECK(classify_amount_line("Rounding Adjustment 2OZRc 6.00") == AmountRole::rounding);
  CHECK(classify_amount_line("Total Qty 3") == AmountRole::quantity);
  CHECK(classify_amount_line("Discount -1.00") == AmountRole::discount);
  CHECK(classify_amount_line("Tip 8.00") == AmountRole::tip);
  // A service charge, however abbreviated; CHARGE is one letter from CHANGE, and is no change.
  CHECK(classify_amount_line("Serv. Charge (10%): 5,62") == AmountRole::service);
  CHECK(classify_amount_line("Serv, Charge (3%): 0.65") == AmountRole::service);
  CHECK(classify_amount_line("SVC CHG 10% 4.50") == AmountRole::service);
  CHECK(classify_amount_line("Service Tax 6% 1.20") == AmountRole::tax);
  CHECK(classify_amount_line("CHANGE DUE 0.65") == AmountRole::change);
  CHECK(classify_amount_line("DELIVERY CHARGE 5.00") == AmountRole::none);  // a fee, no change
  CHECK(classify_amount_line("CHANGF 0.65") == AmountRole::change);         // a misread CHANGE
  // Words of items one letter from a keyword are no keyword; misread keywords still are.
  CHECK(classify_amount_line("1 6\" -Tuna Sub 4.49") == AmountRole::none);      // not TUNAI (cash)
  CHECK(classify_amount_line("TUNAI 10.00") == AmountRole::tendered);
  CHECK(classify_amount_line("SUMMER ROLL 3.90") == AmountRole::none);          // not SUMME
  CHECK(classify_amount_line("Summe 3,90") == AmountRole::total);
  CHECK(classify_amount_line("PENNE PESTO 11.50") == AmountRole::none);         // not RESTO (change)
  CHECK(classify_amount_line("REST AREA 2.00") == AmountRole::none);
  CHECK(classify_amount_line("FASTER CHARGER 12.00") == AmountRole::none);      // not MASTER (card)
  CHECK(classify_amount_line("CONTACT LENS 20.00") == AmountRole::none);        // not CONTANT (cash)
  CHECK(classify_amount_line("SENDER 3.00") == AmountRole::none);               // not TENDER
  CHECK(classify_amount_line("TENDFR 3.00") == AmountRole::tendered);           // a misread TENDER
  CHECK(classify_amount_line("mount Due 2.00") == AmountRole::total_strong);     // AMOUNT, its A lost
  CHECK(classify_amount_line("2 PINTS LAGER 9.00") == AmountRole::none);        // not POINTS
  CHECK(classify_amount_line("CHANCE 2.00") == AmountRole::none);               // not CHANGE
  CHECK(classify_amount_line("Nett Total: $7.10") == AmountRole::total_strong);  // not NETTO (net)
  CHECK(classify_amount_line("Netto 6,70") == AmountRole::subtotal);
  // The taxed part of the bill is neither subtotal nor total (AMOUNT made it a total).
  CHECK(classify_amount_line("Taxable Amount 6.09") == AmountRole::none);
  CHECK(classify_amount_line("TAXABLE VALUE 593.36") == AmountRole::none);
  CHECK(classify_amount_line("Total Amount 7.71") == AmountRole::total_strong);
  // German "Bar" and Dutch "PIN" are payments only at the line's start or after a payment word.
  CHECK(classify_amount_line("SOUND BAR 99.00") == AmountRole::none);
  CHECK(classify_amount_line("CANDY BAR 1.20") == AmountRole::none);
  CHECK(classify_amount_line("SAFETY PIN 1.00") == AmountRole::none);
  CHECK(classify_amount_line("Bar 20,00") == AmountRole::tendered);
  CHECK(classify_amount_line("Gegeben Bar EUR 50,00") == AmountRole::tendered);
  CHECK(classify_amount_line("PIN 12,30") == AmountRole::tendered);
  CHECK(to_string(AmountRole::service) == "service");
  CHECK(classify_amount_line("Coffee 3.50") == AmountRole::none);
  CHECK(to_string(AmountRole::total_strong) == "total_strong");
}

TEST_CASE("find_invoice_number and its priorities") {
  CHECK(find_invoice_number("Invoice No: INV-0042") == std::optional<std::string>("INV-0042"));
  CHECK(find_invoice_number("Invoice Number: 42183017") == std::optional<std::string>("42183017"));
  CHECK(find_invoice_number("Factuurnummer: 993548900 IBAN NL50") == std::optional<std::string>("993548900"));
  CHECK(find_invoice_number("Rechnungsnr. 30064443 Kundennr. 47774") == std::optional<std::string>("30064443"));
  CHECK(find_invoice_number("Facture n°562044387 du 02 Juillet 2015") == std::optional<std::string>("562044387"));
  CHECK(find_invoice_number("Invoice No : # BLR_WFLD20151000982590") ==
        std::optional<std::string>("BLR_WFLD20151000982590"));
  CHECK(find_invoice_number("Invoice Date: 2014-08-03") == std::nullopt);  // a date, not a number
  CHECK(find_invoice_number("# invoice_number_1") == std::nullopt);        // an identifier containing the word
  CHECK(find_invoice_number("Thank you for your order") == std::nullopt);
  auto ids = find_invoice_numbers("Order No: 555123 Invoice No: 777");
  REQUIRE(ids.size() == 2);
  CHECK(ids[0].priority == 1);
  CHECK(ids[1].priority == 3);
  CHECK(find_invoice_number("Order No: 555123 Invoice No: 777") == std::optional<std::string>("777"));
}

TEST_CASE("contacts and ids") {
  CHECK(find_phone("TEL : 03-4021 0276") == std::optional<std::string>("0340210276"));
  CHECK(find_phone("Tel (937) 555-0142") == std::optional<std::string>("9375550142"));
  CHECK(find_phone("Total 12.50") == std::nullopt);
  CHECK(find_email("Mail: Info@Example.COM thanks") == std::optional<std::string>("info@example.com"));
  CHECK(find_email("no address here") == std::nullopt);
  CHECK(find_tax_id("GST ID : 000750673920") == std::optional<std::string>("000750673920"));
  CHECK(find_tax_id("USt-IdNr. DE123456789") == std::optional<std::string>("DE123456789"));
  CHECK(find_tax_id("Total 12.50") == std::nullopt);
}

TEST_CASE("find_payment_method") {
  CHECK(find_payment_method("VISA **** 4821 33.67") == std::optional<std::string>("visa"));
  CHECK(find_payment_method("CASH 50.00") == std::optional<std::string>("cash"));
  CHECK(find_payment_method("Bar 1.300,00") == std::optional<std::string>("cash"));
  CHECK(find_payment_method("Zahlungsform Banküberweisung") == std::nullopt);
  CHECK(find_payment_method("Paid by iDEAL") == std::optional<std::string>("bank_transfer"));
  CHECK(find_payment_method("Coffee 3.50") == std::nullopt);
}

TEST_CASE("addresses") {
  CHECK(looks_like_address("NO.53 55,57 & 59, JALAN SAGU 18,"));
  CHECK(looks_like_address("81100 JOHOR BAHRU, JOHOR."));
  CHECK(looks_like_address("418 Maple Street, Dayton OH"));
  CHECK(looks_like_address("Shop 32"));  // a unit on a line of its own
  CHECK(looks_like_address("Unit 5A,"));
  CHECK_FALSE(looks_like_address("Shop"));
  CHECK_FALSE(looks_like_address("COFFEE SHOP 24"));
  CHECK(looks_like_address("Las Vegas, NV 89119"));
  CHECK_FALSE(looks_like_address("MAPLE STREET GROCERY"));  // street words need a number
  CHECK_FALSE(looks_like_address("THANK YOU"));
  // Building and floor words.
  CHECK(looks_like_address("Level 6, Bangunan TH, Damansara Uptown3"));
  CHECK(looks_like_address("LEVEL 3, 12 PITT ST"));
  CHECK(looks_like_address("BANGUNAN KWSP"));
  CHECK_FALSE(looks_like_address("LEVEL UP GAMES"));  // "level" only with a number
  // House numbers are short; a registration number after "No." is not one.
  CHECK(looks_like_address("NO. 17-G, SOMEWHERE"));
  CHECK(looks_like_address("No.53 Main"));
  CHECK_FALSE(looks_like_address("CGST Reg No. 001492992060)"));
  CHECK_FALSE(looks_like_address("Member Card No: 2008011381468"));
  // A unit after a speck at the paper's edge.
  CHECK(looks_like_address("a, Shop 32"));
  CHECK_FALSE(looks_like_address("a, Shop"));
  CHECK_FALSE(looks_like_address("TEA SHOP 32"));
  // A house number and a compass point, whatever OCR made of the street's type.
  CHECK(looks_like_address("‘112 W FLAMINGO RO"));
  CHECK(looks_like_address("328 S. La Brea Avenue"));
  CHECK(looks_like_address("SN 1750 N WESTERN"));
  CHECK_FALSE(looks_like_address("7 E"));
  CHECK_FALSE(looks_like_address("ROUTE 66 W"));
  CHECK_FALSE(looks_like_address("2 W COFFEE 4.50"));  // a priced item line
  // An abbreviated street type ending the line.
  CHECK(looks_like_address("WESTERN AVE"));
  CHECK(looks_like_address("Sunset Blvd."));
  CHECK_FALSE(looks_like_address("AVE MARIA BAKERY"));
  CHECK_FALSE(looks_like_address("ROAD HOUSE GRILL"));
}

TEST_CASE("cash_rounded_total applies a printed rounding adjustment when it makes a multiple of 0.05") {
  auto d = [](const char* s) { return Decimal::from_string(s).value(); };
  auto rounded = [&](const char* total, const char* adjustment) {
    auto r = cash_rounded_total(d(total), d(adjustment));
    return r ? r->to_string() : std::string("none");
  };
  CHECK(rounded("60.31", "0.01") == "60.30");
  CHECK(rounded("60.31", "-0.01") == "60.30");  // the sign does not matter: only one way rounds
  CHECK(rounded("48.16", "0.01") == "48.15");
  CHECK(rounded("9.98", "0.02") == "10.00");
  CHECK(rounded("60.30", "0.01") == "none");     // already rounded
  CHECK(rounded("112.46", "0.02") == "none");    // neither way gives a multiple of 0.05
  CHECK(rounded("60.31", "0.04") == "none");     // not a cash-rounding adjustment
  CHECK(rounded("60.31", "0.00") == "none");
  CHECK(rounded("0.01", "0.01") == "none");      // nothing left to pay
}

TEST_CASE("spell_floor_ordinals: a floor's ordinal with its digit read as a letter") {
  CHECK(spell_floor_ordinals("SRD FLR, AEON TAMAN MALURI SC") == "3RD FLR, AEON TAMAN MALURI SC");
  CHECK(spell_floor_ordinals("Srd Floor, Wisma Maju") == "3rd Floor, Wisma Maju");
  CHECK(spell_floor_ordinals("STH FLOOR") == "5TH FLOOR");
  CHECK(spell_floor_ordinals("IST LEVEL") == "1ST LEVEL");
  CHECK(spell_floor_ordinals("lst Floor") == "1st Floor");
  CHECK(spell_floor_ordinals("ZND FL.") == "2ND FL.");
  CHECK(spell_floor_ordinals("12 STH MELBOURNE") == "12 STH MELBOURNE");  // South, no floor word
  CHECK(spell_floor_ordinals("SRD") == "SRD");                            // nothing after it
  CHECK(spell_floor_ordinals("ASRD FLOOR") == "ASRD FLOOR");              // not a three-letter ordinal
  CHECK(spell_floor_ordinals("3RD FLOOR") == "3RD FLOOR");                // already right
  CHECK(clean_address_line("SRD FLR, AEON") == "3RD FLR, AEON");          // part of the cleaning
}

TEST_CASE("is_company_number_line: a registration number with its check letter, alone on its line") {
  CHECK(is_company_number_line("(001451637-M)"));
  CHECK(is_company_number_line("JM0326956-V"));
  CHECK(is_company_number_line("JMOS25955-V/"));
  CHECK(is_company_number_line("933109 X"));
  CHECK(is_company_number_line("(CO.REG :933109-X)"));
  CHECK(is_company_number_line("{256864-P)"));
  // Addresses, postcodes and other short lines are not.
  CHECK_FALSE(is_company_number_line("81100 JOHOR BAHRU"));
  CHECK_FALSE(is_company_number_line("K3-113, JL IBRAHIM SULTAN"));
  CHECK_FALSE(is_company_number_line("LOT 1851-A & 1851-B,"));
  CHECK_FALSE(is_company_number_line("NO.89 JALAN PERMAS 9/5"));
  CHECK_FALSE(is_company_number_line("12-A"));
  CHECK_FALSE(is_company_number_line("TEL 03-51213881"));
  CHECK_FALSE(is_company_number_line(""));
}

TEST_CASE("has_postcode") {
  CHECK(has_postcode("57000 KL"));
  CHECK(has_postcode("81100 JOHOR BAHRU, JOHOR."));
  CHECK(has_postcode("1012 AB Amsterdam"));
  CHECK(has_postcode("London SW1A 1AA"));
  CHECK_FALSE(has_postcode("MEDAN NIAGA DAMAI"));
  CHECK_FALSE(has_postcode("GST ID: 000123456789"));  // twelve digits are not five
  CHECK_FALSE(has_postcode("NO 1234, JALAN"));
}

TEST_CASE("clean_address_line drops OCR debris and fixes impossible characters") {
  CHECK(clean_address_line("NO 290, JALAN AIR PANAS, :") == "NO 290, JALAN AIR PANAS,");
  CHECK(clean_address_line(": LOT 1851-A & 1851-B; JAL B 6, | KAWASAN") == "LOT 1851-A & 1851-B; JAL B 6, KAWASAN");
  CHECK(clean_address_line("  NO.22 JALAN   PUTERI _ : ") == "NO.22 JALAN PUTERI");
  CHECK(clean_address_line("SETAPAK , 53200 - KL / 2") == "SETAPAK , 53200 - KL / 2");  // meaningful marks stay
  CHECK(clean_address_line("$117, Second Floor") == "S117, Second Floor");
  CHECK(clean_address_line("No.3, Jalan $$21/39") == "No.3, Jalan SS21/39");
  CHECK(clean_address_line("No.3, Jalan S821/39,47400 Petaling") == "No.3, Jalan SS21/39,47400 Petaling");
  CHECK(clean_address_line("JALAN S82, 47300") == "JALAN SS2, 47300");
  CHECK(clean_address_line("LOT S8123") == "LOT S8123");  // not a section's shape
  CHECK(clean_address_line("US821/39") == "US821/39");
  CHECK(clean_address_line("NQ.113G & 115G, JALAN") == "NO.113G & 115G, JALAN");
  CHECK(clean_address_line("N0. 5, Jalan") == "NO. 5, Jalan");
  CHECK(clean_address_line("nQ 5") == "nO 5");
  CHECK(clean_address_line("NQA 5") == "NQA 5");
  CHECK(clean_address_line("SETAPAK, \xC2\xA7" "3200, KUALA LUMPUR.") == "SETAPAK, 53200, KUALA LUMPUR.");
  CHECK(clean_address_line("K\xC3\xB6ln") == "K\xC3\xB6ln");  // other UTF-8 is kept
  // The ß of a German street read as B by language data that has none.
  CHECK(clean_address_line("Hauptstra" "Be 12, 10115 Berlin") == "Hauptstra\xC3\x9F" "e 12, 10115 Berlin");
  CHECK(clean_address_line("StraBe des 17. Juni") == "Stra\xC3\x9F" "e des 17. Juni");
  CHECK(clean_address_line("Am StraBenbahnhof 3") == "Am StraBenbahnhof 3");  // only the word's end
  CHECK(clean_address_line("STRABE 5") == "STRABE 5");                          // not in capitals
  // Address words misread by one letter, in the token's own case.
  CHECK(clean_address_line("LOT 2685 JUN GENTING") == "LOT 2685 JLN GENTING");
  CHECK(clean_address_line("67,JLN MEWAH 25/63 THN SRI MUDA,") == "67,JLN MEWAH 25/63 TMN SRI MUDA,");
  CHECK(clean_address_line("12, Jaian Tampoi 7/4,Kawasan") == "12, Jalan Tampoi 7/4,Kawasan");
  CHECK(clean_address_line("Jin Kiara, Mont Kiara") == "Jln Kiara, Mont Kiara");
  CHECK(clean_address_line("BANCAR BARU") == "BANDAR BARU");
  CHECK(clean_address_line("Perindustrlan,") == "Perindustrian,");
  // Words run together at a comma are spelled one by one; the comma stays where it was.
  CHECK(clean_address_line("Tampoi,81200 Johor Bahtu,Johor") == "Tampoi,81200 Johor Bahru,Johor");
  CHECK(clean_address_line("12, Jalan Tampoi 7/4,Kawesan") == "12, Jalan Tampoi 7/4,Kawasan");
  CHECK(clean_address_line("BAHTU,,JOHAR,") == "BAHRU,,JOHOR,");
  CHECK(clean_address_line("SEGAR,BIRU") == "SEGAR,BIRU");  // each piece under the same rules
  CHECK(clean_address_line("KLANG SELANGOR D.E, MALAYSTA") == "KLANG SELANGOR D.E, MALAYSIA");
  CHECK(clean_address_line("43300 SER] KEMBANGAN") == "43300 SERI KEMBANGAN");
  CHECK(clean_address_line("MEDAN NIAGA TASIK DAMA!") == "MEDAN NIAGA TASIK DAMAI");
  CHECK(clean_address_line("Kawasan Perindustian Tampoi") == "Kawasan Perindustrian Tampoi");  // a letter lost
  CHECK(clean_address_line("PERINDUSTRRIAN") == "PERINDUSTRIAN");                              // or gained
  CHECK(clean_address_line("Malaysia") == "Malaysia");
  CHECK(clean_address_line("STREEP") == "STREET");
  CHECK(clean_address_line("STREAM") == "STREAM");  // two letters off STREET
  CHECK(clean_address_line("Desa Tun Razak") == "Desa Tun Razak");  // TUN: not a shape of TMN
  CHECK(clean_address_line("JALAN JALAN") == "JALAN JALAN");      // already right
  CHECK(clean_address_line("JOHAN") == "JOHAN");                  // two letters off JOHOR
  // Malaysian place words and towns: one letter off, lost or gained in long ones.
  CHECK(clean_address_line("BANDAR BARU PERMAS JAVA") == "BANDAR BARU PERMAS JAYA");
  CHECK(clean_address_line("Jalan Tampol 7/4") == "Jalan Tampoi 7/4");
  CHECK(clean_address_line("45600 BATANG BERJUNTAT,") == "45600 BATANG BERJUNTAI,");
  CHECK(clean_address_line("JALAN TEMENIGGUNG 23/9") == "JALAN TEMENGGUNG 23/9");
  CHECK(clean_address_line("81750 Masal, Johor") == "81750 Masai, Johor");
  // One letter off two words (BATU, BARU): which one is unknown. Four letters change only
  // for a letter of a like shape: BIRU (blue) is not BARU.
  CHECK(clean_address_line("BANU") == "BANU");
  CHECK(clean_address_line("TAMAN AIR BIRU") == "TAMAN AIR BIRU");
  CHECK(clean_address_line("TAMAN SEGAR") == "TAMAN SEGAR");            // not SETAR
  CHECK(clean_address_line("JLN SUNGEI BESI") == "JLN SUNGEI BESI");    // not SUNGAI
  CHECK(clean_address_line("12 SHAW STREET") == "12 SHAW STREET");      // SHAH is left out for it
  CHECK(clean_address_line("SERT KEMBANGAN") == "SERI KEMBANGAN");
  CHECK(clean_address_line("PERMAI PERMAS") == "PERMAI PERMAS");  // both places, left alone
  CHECK(clean_address_line("") == "");
  CHECK(clean_address_line(" : | ") == "");
}

TEST_CASE("company suffixes and merchant names") {
  CHECK(has_company_suffix(keyword_words("BOOK TA.K (TAMAN DAYA) SDN BHD")));
  CHECK(has_company_suffix(keyword_words("UNIHAKKA INTERNATIONAL SON BHD")));
  CHECK(has_company_suffix(keyword_words("QualityHosting AG")));
  CHECK(has_company_suffix(keyword_words("Atelier Vauclair Sàrl")));
  CHECK(has_company_suffix(keyword_words("ATELIER VAUCLAIR SÀRL")));
  CHECK_FALSE(has_company_suffix(keyword_words("THANK YOU")));
  // Two-letter forms only end a name (or come before its registration number).
  CHECK(has_company_suffix(keyword_words("Coolblue B.V.")));
  CHECK(has_company_suffix(keyword_words("99 SPEED MART S/B (512345-X)")));
  CHECK(has_company_suffix(keyword_words("CASA LEY, S.A. DE C.V.")));
  CHECK_FALSE(has_company_suffix(keyword_words("Las Vegas, NV 89119")));
  CHECK_FALSE(has_company_suffix(keyword_words("AG SUPPLY STORE")));
  CHECK(line_has_company_suffix("Muster AG"));
  CHECK_FALSE(line_has_company_suffix("59200 Kuala Lumpur. ag"));  // lowercase debris, not AG
  CHECK(line_has_company_suffix("CASA LEY, SA DE cv"));  // S.A. de C.V., its end in lowercase
  CHECK(clean_merchant_name("oy . UNIHAKKA INTERNATIONAL-SDN BHD ;") == "UNIHAKKA INTERNATIONAL-SDN BHD");
  CHECK(clean_merchant_name("~ AFON CO. (M) BHD (126928-H) .") == "AFON CO. (M) BHD");
  CHECK(clean_merchant_name("SUN WONG KUT SON BHD") == "SUN WONG KUT SDN BHD");
  CHECK(clean_merchant_name("Golden Arches Restaurants Sch Bhd") == "Golden Arches Restaurants Sdn Bhd");
  CHECK(clean_merchant_name("KEDAI SDM BHD") == "KEDAI SDN BHD");
  CHECK(clean_merchant_name("SUN BHD") == "SDN BHD");  // any S-word of three letters before BHD
  CHECK(clean_merchant_name("SHELL BHD") == "SHELL BHD");
  // A speck read as a short token with a sign in it, before a mixed-case name.
  CHECK(clean_merchant_name("i= Luna Grill Oxnard") == "Luna Grill Oxnard");
  CHECK(clean_merchant_name("+s . Flagship Car Wash") == "Flagship Car Wash");
  CHECK(clean_merchant_name("|\\ Blue Bottle Cafe") == "Blue Bottle Cafe");
  CHECK(clean_merchant_name("A+ Auto Repair") == "A+ Auto Repair");  // a name, not a speck
  CHECK(clean_merchant_name("BOOK TA.K SDN 8HD") == "BOOK TA.K SDN BHD");
  CHECK(clean_merchant_name("MAMA IANNES BISTRO 1") == "MAMA IANNES BISTRO");
  // A lone lowercase letter after a name is a speck; a capital one may be the name's own.
  CHECK(clean_merchant_name("Sushi Garden Restaurant i") == "Sushi Garden Restaurant");
  CHECK(clean_merchant_name("DresserWayne j") == "DresserWayne");
  CHECK(clean_merchant_name("Plan B") == "Plan B");
  CHECK(clean_merchant_name("i Liquor Library") == "Liquor Library");
  // One or two letters with a small one before a name in capitals: a logo's edge read as text.
  CHECK(clean_merchant_name("Sa LA TAURINA") == "LA TAURINA");
  CHECK(clean_merchant_name("Be. PAGOH REST AND SERVICE AREA") == "PAGOH REST AND SERVICE AREA");
  CHECK(clean_merchant_name("Dr MARTENS STORE") == "Dr MARTENS STORE");      // a title
  CHECK(clean_merchant_name("Mc DONALD'S RESTAURANT") == "Mc DONALD'S RESTAURANT");
  CHECK(clean_merchant_name("Sa LA Taurina") == "Sa LA Taurina");            // not a name in capitals
  CHECK(clean_merchant_name("Be PAGOH") == "Be PAGOH");                      // too little left to tell
  CHECK(clean_merchant_name("aS N.FACT.: 00243914 N.CAJA..: 002") == "aS N.FACT.: 00243914 N.CAJA..: 002");  // numbers
  // Signs OCR reads for a capital I or Y inside capitalised words.
  CHECK(clean_merchant_name("PETRODEL] ENTERPRISE") == "PETRODELI ENTERPRISE");
  CHECK(clean_merchant_name("RES!AURANT JIAWE!") == "RESTAURANT JIAWEI");  // then RESIAURANT -> RESTAURANT
  CHECK(clean_merchant_name("MR. D.I.\xC2\xA5. (KUCHAI) SDN BHD") == "MR. D.I.Y. (KUCHAI) SDN BHD");
  CHECK(clean_merchant_name("MR.D.I.Y\xC2\xA5(M)SDN BHD") == "MR.D.I.Y(M)SDN BHD");
  CHECK(clean_merchant_name("Yahoo!") == "Yahoo!");    // mixed case: a sign of the name
  CHECK(clean_merchant_name("OK! MART") == "OK! MART");  // too short a word to tell
  CHECK(clean_merchant_name("a cafe") == "a cafe");
  CHECK(clean_merchant_name("x 2 Hensley's Top Shelf") == "Hensley's Top Shelf");
  CHECK(clean_merchant_name("7 Eleven") == "7 Eleven");
  CHECK(clean_merchant_name("Bo x") == "Bo x");  // too little name before it to tell
  // The end of the legal form "S.A. de C.V." is not a lowercase fragment.
  CHECK(clean_merchant_name("CASA LEY, SA DE cv") == "CASA LEY, SA DE cv");
  CHECK(clean_merchant_name("DISTRIBUIDORA S.A. DE C.V.") == "DISTRIBUIDORA S.A. DE C.V.");
  CHECK(clean_merchant_name("CASA LEY SA cv") == "CASA LEY SA");
  // Registration numbers that OCR split, bracketed oddly or fused to the name.
  CHECK(clean_merchant_name("88 QUICK MART S/B (512345: X)") == "88 QUICK MART S/B");
  CHECK(clean_merchant_name("K.L.M Trading Sdn Bhd {123456-P)") == "K.L.M Trading Sdn Bhd");
  CHECK(clean_merchant_name("Kedai Ubat Sejahtera S/B(581234-U)") == "Kedai Ubat Sejahtera S/B");
  CHECK(clean_merchant_name("(123456-X)") == "(123456-X)");                 // nothing left of a name: unchanged
}

TEST_CASE("merchant_line_score prefers names at the top") {
  double name = merchant_line_score("BOOK TA.K (TAMAN DAYA) SDN BHD", 1, 40);
  double lower = merchant_line_score("tan woon yann", 0, 40);
  double heading = merchant_line_score("TAX INVOICE", 2, 40);
  double item = merchant_line_score("Organic Bananas 2.31 lb 1.84", 8, 40);
  CHECK(name > lower);
  CHECK(lower > heading);
  CHECK(name > item);
  CHECK(heading == doctest::Approx(0.05));
  CHECK(merchant_line_score("12", 0, 40) == 0.0);
  // The order type is a heading, however near DINER it reads.
  CHECK(merchant_line_score("Dine In", 1, 40) == doctest::Approx(0.05));
  CHECK(merchant_line_score("CARRYOUT", 1, 40) == doctest::Approx(0.05));
  // A city line is an address, whatever its state code spells; so is a postcode line with
  // lowercase debris that spells a legal form.
  CHECK(merchant_line_score("Las Vegas, NV 89119", 2, 40) == doctest::Approx(0.1));
  CHECK(merchant_line_score("59200 Kuala Lumpur. ag", 3, 40) == doctest::Approx(0.1));
  CHECK(merchant_line_score("Goldbergs #88", 0, 40) > merchant_line_score("Dine In", 1, 40));
  // CO is a company at a name's end or before its legal form, a county before a place.
  double county = merchant_line_score("KELLS CO. MEATH", 3, 40);
  CHECK(county == doctest::Approx(merchant_line_score("KELLS ST. MEATH", 3, 40)));
  CHECK(merchant_line_score("SMITH & CO.", 3, 40) == doctest::Approx(county + 0.45));
  CHECK(merchant_line_score("AEON CO. (M) BHD", 3, 40) > county + 0.4);
  CHECK(merchant_line_score("AMUL CO-OP", 3, 40) == doctest::Approx(county + 0.45));
  // Kinds of business joined up are the line under a name, not a name: no kind bonus.
  CHECK(merchant_line_score("BISTRO & CAFE", 1, 40) == doctest::Approx(0.51));
  CHECK(merchant_line_score("Bar and Grill", 1, 40) == doctest::Approx(0.46));
  CHECK(merchant_line_score("THREE STOOGES", 0, 40) == doctest::Approx(0.55));
  // One kind word beside a name still marks the name.
  CHECK(merchant_line_score("SUSHI BAR & GRILL", 1, 40) == doctest::Approx(0.96));
  CHECK(merchant_line_score("BISTRO", 1, 40) == doctest::Approx(0.96));
  // A labelled number is a field of the receipt, not a name.
  CHECK(merchant_line_score("ag FARE ID: 5 0000 ue", 5, 40) == doctest::Approx(0.05));
  CHECK(merchant_line_score("COLLECTOR: 8502", 2, 40) == doctest::Approx(0.05));
  CHECK(merchant_line_score("R.No: POSOO2007", 2, 40) == doctest::Approx(0.05));
  CHECK(merchant_line_score("PLAZA: Benicia-Martinez Bridge", 0, 40) == doctest::Approx(0.5));
  CHECK(merchant_line_score("Dimiliki: banh mi cafe sdn bhd 1110644-K", 1, 40) > 0.9);
  // Two-letter legal forms count at the line's end only.
  CHECK(merchant_line_score("1 'AS Satay ne 6.99", 5, 40) == doctest::Approx(0.0));
  CHECK(merchant_line_score("Thai village", 0, 40) == doctest::Approx(0.5));
  CHECK(merchant_line_score("BERGEN KAFFE AS", 1, 40) == doctest::Approx(0.96));
  CHECK(merchant_line_score("BMW AG", 1, 40) == doctest::Approx(0.96));
  CHECK(merchant_line_score("SA PIZZA SHOP", 1, 40) == doctest::Approx(0.96));  // PIZZA, SHOP: kinds
  CHECK(merchant_line_score("CASA LEY, SA DE cv", 0, 40) == doctest::Approx(1.0));  // S.A. de C.V.
}

TEST_CASE("reread_value takes one clear value of the field's kind") {
  using O = std::optional<std::string>;
  CHECK(reread_value("total", "RM 60.30", DateOrder::day_first) == O("60.30"));
  CHECK(reread_value("total", "60.3O", DateOrder::day_first) == O("60.30"));  // O read for 0
  CHECK(reread_value("total", "RM3. 77", DateOrder::day_first) == O("3.77"));
  CHECK(reread_value("total", "60.30 12.00", DateOrder::day_first) == std::nullopt);  // two amounts
  CHECK(reread_value("total", "60", DateOrder::day_first) == std::nullopt);  // no decimals: a count?
  CHECK(reread_value("total", "6.00%", DateOrder::day_first) == std::nullopt);  // a rate
  CHECK(reread_value("total", "TOTAL", DateOrder::day_first) == std::nullopt);
  CHECK(reread_value("subtotal", "SUB TOTAL 4.70", DateOrder::day_first) == O("4.70"));
  CHECK(reread_value("tax", "6% 0.28", DateOrder::day_first) == O("0.28"));  // the rate is not money
  CHECK(reread_value("date", "19/10/2018", DateOrder::day_first) == O("2018-10-19"));
  CHECK(reread_value("date", "03/04/2018", DateOrder::day_first) == O("2018-04-03"));
  CHECK(reread_value("date", "03/04/2018", DateOrder::month_first) == O("2018-03-04"));
  CHECK(reread_value("date", "31/02/2018", DateOrder::day_first) == std::nullopt);  // no such day
  CHECK(reread_value("date", "19/10/2018 20/10/2018", DateOrder::day_first) == std::nullopt);
  CHECK(reread_value("merchant", "ACME", DateOrder::day_first) == std::nullopt);  // text fields: no
}

TEST_CASE("replace_words swaps the words inside a box for one word") {
  Line line;
  line.words = {{"TOTAL", {0, 0, 50, 10}, 0.9}, {"RM3.", {60, 0, 90, 10}, 0.5}, {"77", {92, 0, 110, 10}, 0.6}};
  Line out = replace_words(line, {60, 0, 110, 10}, "RM3.77", 0.93);
  REQUIRE(out.words.size() == 2);
  CHECK(out.text() == "TOTAL RM3.77");
  CHECK(out.words[1].box == BoundingBox{60, 0, 110, 10});
  CHECK(out.words[1].confidence == doctest::Approx(0.93));
  CHECK(out.words[0].confidence == doctest::Approx(0.9));
  // Nothing inside the box: unchanged.
  CHECK(replace_words(line, {200, 0, 250, 10}, "X", 1.0).text() == "TOTAL RM3. 77");
}

// Found while writing tests/fuzz/fuzz_extract.cpp: std::regex recurses once per character, so
// a text-layer line of 40,000 letters overflowed the stack in find_email (and the other regex
// rules could). The rules read the first 1,000 bytes of a line (tests/fuzz/regressions/extract/).
TEST_CASE("regex rules read at most the first 1000 bytes of a huge line") {
  const std::string letters(40000, 'a');
  CHECK(find_email(letters) == std::nullopt);
  CHECK(find_email("shop@example.com " + letters) == std::optional<std::string>("shop@example.com"));
  CHECK(find_email(letters + " shop@example.com") == std::nullopt);
  CHECK(find_phone("Tel: 03-1234 5678 " + letters) == std::optional<std::string>("0312345678"));
  CHECK(find_phone("Tel " + std::string(40000, '1')) == std::nullopt);
  CHECK(find_tax_id("GST Reg No: 001234567890 " + letters) == std::optional<std::string>("001234567890"));
  CHECK(find_invoice_number("Invoice No: INV-0042 " + letters) == std::optional<std::string>("INV-0042"));
  CHECK_FALSE(looks_like_address(letters));
  auto extraction = extract_fields(lines_from_text("TOTAL 9.00\n" + letters + "\nvendor: " + letters));
  REQUIRE(extraction.get("total") != nullptr);
  CHECK(extraction.get("total")->value == "9.00");
}

TEST_CASE("classify_amount_line: a total 'of' the tax includes it, however Incl was read") {
  CHECK(classify_amount_line("Total RM Inel. of GST") == AmountRole::total);
  CHECK(classify_amount_line("Total Amount Inclusive of GST") != AmountRole::tax);
  CHECK(classify_amount_line("Total GST") == AmountRole::tax);
  CHECK(classify_amount_line("GST 6%") == AmountRole::tax);
}

TEST_CASE("clean_merchant_name: ownership labels and bare registration numbers") {
  CHECK(clean_merchant_name("Dimiliki: banh mi cafe sdn bhd 1110644-¥") == "banh mi cafe sdn bhd");
  CHECK(clean_merchant_name("Dimi liki: banh mi cafe sdn bhd 1110644-¥") == "banh mi cafe sdn bhd");  // OCR parted the label
  // An aside in parentheses after a whole name: the office, or the name in another language.
  CHECK(clean_merchant_name("Mango Lane Co., Ltd. (Head Office)") == "Mango Lane Co., Ltd.");
  CHECK(clean_merchant_name("CONG TY TNHH BANH CUON HOA (HOA RICE ROLL CO., LTD.)") == "CONG TY TNHH BANH CUON HOA");
  CHECK(clean_merchant_name("POPULAR BOOK CO. (M) SDN BHD") == "POPULAR BOOK CO. (M) SDN BHD");
  CHECK(clean_merchant_name("Blouberg Shield Security (Pty) Ltd") == "Blouberg Shield Security (Pty) Ltd");
  CHECK(clean_merchant_name("Kettle Corner (Southside)") == "Kettle Corner (Southside)");
  CHECK(clean_merchant_name("Owned by: CASTLE BLUE S/B") == "CASTLE BLUE S/B");
  // Other labels belong to the name as printed.
  CHECK(clean_merchant_name("PLAZA: Benicia-Martinez Bridge") == "PLAZA: Benicia-Martinez Bridge");
  // A label with nothing much after it is left alone.
  CHECK(clean_merchant_name("Owned by: ACME") == "Owned by: ACME");
  // Short numbers stay: they can be part of a name.
  CHECK(clean_merchant_name("99 SPEED MART 1234-A") == "99 SPEED MART 1234-A");
}

TEST_CASE("is_branch_name_line: an outlet's name above its street address is not part of it") {
  CHECK(is_branch_name_line("IKEA Cheras", "No 2A Jalan Cochrane"));
  CHECK(is_branch_name_line("AEON Puchong", "LOT 1A, JALAN PUCHONG"));
  CHECK(is_branch_name_line("MYDIN KLANG", "12, JALAN KAPAR"));
  // Places that lead with their address word belong to the address.
  CHECK_FALSE(is_branch_name_line("WISMA MAJU", "No 12 Jalan Ampang"));
  CHECK_FALSE(is_branch_name_line("TAMAN DAYA", "81100 JOHOR BAHRU"));
  CHECK_FALSE(is_branch_name_line("BANGUNAN TH", "NO.3, JALAN SS21/39"));
  // Not followed by a house number; a line the address would not take anyway; too long.
  CHECK_FALSE(is_branch_name_line("IKEA Cheras", "Jalan Cochrane"));
  CHECK_FALSE(is_branch_name_line("IKEA Home Store", "No 2A Jalan Cochrane"));
  CHECK_FALSE(is_branch_name_line("THE BIG SHOP CHERAS", "No 2A Jalan Cochrane"));
  CHECK_FALSE(is_branch_name_line("IKEA Cheras 2", "No 2A Jalan Cochrane"));
}

TEST_CASE("looks_like_address: registration numbers and labelled ids are not address lines") {
  CHECK(looks_like_address("NO.53 55,57 & 59, JALAN SAGU 18,"));
  CHECK(looks_like_address("Suite 200"));
  // "No. 75495" would pass for a house number, "Site" for "Suite" misread.
  CHECK_FALSE(looks_like_address("Company Reg No. 75495"));
  CHECK_FALSE(looks_like_address("ROC No. 12345-X"));
  CHECK_FALSE(looks_like_address("Site: 2395"));
  CHECK_FALSE(looks_like_address("Store # 0451"));
  CHECK_FALSE(looks_like_address("GST Reg No. 001945532736"));
}

TEST_CASE("correct_business_words: a name word misread by one letter is spelled right") {
  CHECK(correct_business_words("UNIHAKKA INTERNATIGNAL SDN BHD") == "UNIHAKKA INTERNATIONAL SDN BHD");
  CHECK(correct_business_words("PETRODELI ENIERPRISE,") == "PETRODELI ENTERPRISE,");
  CHECK(correct_business_words("Golden Restaurani") == "Golden Restaurant");
  CHECK(correct_business_words("golden restaurani") == "golden restaurant");
  // Left alone: real words, short words (MINT/MINI), words two edits away, digits inside.
  CHECK(correct_business_words("PASAR MINT JIN SENG") == "PASAR MINT JIN SENG");
  CHECK(correct_business_words("RESTAURANT SIN DU") == "RESTAURANT SIN DU");
  CHECK(correct_business_words("ENTRPRSE") == "ENTRPRSE");
  CHECK(correct_business_words("TRAD1NG") == "TRAD1NG");
  // One edit from two vocabulary words (SERVICE / SERVICES): no guess.
  CHECK(correct_business_words("SERVICEZ") == "SERVICEZ");
  CHECK(correct_business_words("Golden Restaurants") == "Golden Restaurants");  // a plural is a word
  CHECK(correct_business_words("FOOD N BEVERAGE") == "FOOD N BEVERAGE");  // so is a singular
  CHECK(correct_business_words("INDEPENDENT GROCER") == "INDEPENDENT GROCER");
  CHECK(correct_business_words("PETRODELI ENiERPRISE") == "PETRODELI ENTERPRISE");  // mostly capitals
  CHECK(clean_merchant_name("UNIHAKKA INTERNATIGNAL SDN BHD") == "UNIHAKKA INTERNATIONAL SDN BHD");
}

TEST_CASE("agreed_name_confidence: a name read twice, word by word") {
  auto words = [](std::initializer_list<std::pair<const char*, double>> list) {
    std::vector<Word> out;
    for (const auto& [text, confidence] : list) out.push_back({text, {}, confidence});
    return out;
  };
  // Unlike: the lesser of the two, 0.42.
  auto page = words({{"MR.", 0.92}, {"D.I.\xC2\xA5.", 0.43}, {"(KUCHAI)", 0.42}, {"SDN", 0.96}, {"BHD", 0.96}});
  auto closeup = words({{"MR.", 0.92}, {"D.I.Y.", 0.75}, {"(KUCHAT)", 0.54}, {"SDN", 0.96}, {"BHD", 0.96}});
  CHECK(agreed_name_confidence(page, closeup).value() == doctest::Approx(0.42));
  auto right = words({{"MR.", 0.92}, {"D.I.Y.", 0.75}, {"(KUCHAI)", 0.54}, {"SDN", 0.96}, {"BHD", 0.96}});
  // All alike (the yen sign is the cleaning's Y: 1 - 0.57 * 0.25): the least sure word is now
  // KUCHAI's, 1 - 0.58 * 0.46.
  CHECK(agreed_name_confidence(page, right).value() == doctest::Approx(1 - 0.58 * 0.46));
  // A digit among letters is doubtful in either reading (at most 0.4), alike or not: two
  // readings spelling "MR O.1.Y." read the print alike, not right.
  CHECK(agreed_name_confidence(words({{"B0OK", 0.9}}), words({{"B0OK", 0.9}})).value() == doctest::Approx(0.4));
  CHECK(agreed_name_confidence(words({{"MR", 0.95}, {"O.1.Y.", 0.9}}), words({{"MR", 0.95}, {"O.1.Y.", 0.95}})).value() ==
        doctest::Approx(0.4));
  CHECK(agreed_name_confidence(words({{"BOOK", 0.9}}), words({{"B0OK", 0.9}})).value() == doctest::Approx(0.4));
  // Specks do not count; different word counts do not align.
  CHECK(agreed_name_confidence(words({{"ACME", 0.5}, {".", 0.1}}), words({{"ACME", 0.5}})).value() == doctest::Approx(0.75));
  CHECK_FALSE(agreed_name_confidence(words({{"ACME", 0.5}, {"LTD", 0.9}}), words({{"ACMELTD", 0.9}})));
  CHECK_FALSE(agreed_name_confidence({}, {}));
}

TEST_CASE("name_word_span: specks and logo edges beside a name") {
  auto line = [](std::initializer_list<std::tuple<const char*, int, int, int, int>> list) {
    std::vector<Word> out;
    for (const auto& [text, left, top, right, bottom] : list) out.push_back({text, {left, top, right, bottom}, 0.9});
    return out;
  };
  using Span = std::pair<size_t, size_t>;
  // A speck 150 px left of the name and a digit far right of it (gap > 2.5 heights).
  CHECK(name_word_span(line({{">", 0, 186, 9, 192}, {"A", 45, 175, 51, 184}, {"Luna", 205, 177, 253, 195},
                             {"Grill", 269, 180, 328, 198}, {"Oxnard", 346, 183, 421, 200}, {"3", 655, 205, 658, 211}})) ==
        Span{2, 5});
  // A short token half the name's height ("BN" under a logo), one twice it ("ie" of a logo).
  CHECK(name_word_span(line({{"BN", 100, 20, 130, 32}, {"Flagship", 140, 10, 260, 34}, {"Car", 270, 10, 310, 34},
                             {"Wash", 320, 10, 380, 34}})) == Span{1, 4});
  CHECK(name_word_span(line({{"ie", 60, 0, 90, 60}, {"TRADER", 100, 10, 200, 36}, {"JOE'S", 210, 10, 280, 36}})) ==
        Span{1, 3});
  // Only the edges: a small word inside the name stays, and so does a neighbour at a normal gap.
  CHECK(name_word_span(line({{"CAFE", 0, 0, 80, 30}, {"de", 90, 10, 110, 22}, {"PARIS", 120, 0, 200, 30}})) == Span{0, 3});
  CHECK(name_word_span(line({{"LA", 0, 0, 40, 30}, {"TAURINA", 55, 0, 200, 30}, {"\\", 450, 0, 460, 7}})) == Span{0, 2});
  // Words a name begins with in small print, and words of three letters or more, stay.
  CHECK(name_word_span(line({{"THE", 0, 10, 40, 22}, {"HOME", 50, 0, 150, 30}, {"DEPOT", 160, 0, 280, 30}})) == Span{0, 3});
  CHECK(name_word_span(line({{"Store", 0, 0, 80, 30}, {"#0139", 90, 0, 160, 30}, {"Gallery", 600, 0, 700, 30}})) ==
        Span{0, 3});
  // Legal forms, three capitals and a leading number stay however they are printed.
  CHECK(name_word_span(line({{"HAPPY", 0, 0, 100, 30}, {"TIMES", 110, 0, 210, 30}, {"LTD", 220, 10, 260, 22}})) == Span{0, 3});
  CHECK(name_word_span(line({{"TRI", 0, 10, 40, 22}, {"SHAAS", 50, 0, 150, 30}, {"SDN", 160, 0, 220, 30}})) == Span{0, 3});
  CHECK(name_word_span(line({{"99", 0, 10, 30, 22}, {"SPEED", 200, 0, 300, 30}, {"MART", 310, 0, 400, 30}})) == Span{0, 3});
  CHECK(name_word_span(line({{"5", 0, 10, 10, 22}, {"KOREAN", 200, 0, 300, 30}, {"RESTAURANT", 310, 0, 500, 30}})) ==
        Span{1, 3});
  CHECK(name_word_span(line({{"Top", 0, 0, 60, 30}, {"Shelf", 70, 0, 170, 30}, {"Efe", 180, 10, 220, 22}})) == Span{0, 2});
  // Mostly debris around a word: kept whole, for the rules that judge the line to see.
  CHECK(name_word_span(line({{"ce", 451, 255, 546, 316}, {"re", 541, 251, 579, 327}, {"Sahara", 595, 290, 695, 318},
                             {"ee", 713, 292, 869, 357}, {"aa", 983, 305, 1081, 344}})) == Span{0, 5});
  // No word of three letters or digits to measure by, or nothing else left: kept.
  CHECK(name_word_span(line({{"A", 0, 0, 10, 5}, {"&", 20, 0, 30, 30}, {"W", 40, 0, 60, 30}})) == Span{0, 3});
  CHECK(name_word_span(line({{"i", 0, 0, 5, 5}, {"Ross", 200, 0, 260, 30}})) == Span{1, 2});
  CHECK(name_word_span({}) == Span{0, 0});
  // An address line's digits boxed lower than its capitals stay when small tokens are kept;
  // a rule's edge far right of the street still goes.
  auto street = line({{"NO.59", 461, 217, 503, 242}, {"JALAN", 509, 217, 551, 242}, {"PERMAS", 558, 221, 617, 234},
                      {"9/5", 623, 222, 642, 234}, {"J", 923, 259, 930, 310}});
  CHECK(name_word_span(street, false) == Span{0, 4});
  CHECK(name_word_span(street) == Span{0, 3});  // a name's rule drops the small "9/5"
}

TEST_CASE("one_digit_apart: amounts that differ in one misread digit") {
  auto d = [](const char* s) { return Decimal::from_string(s).value(); };
  CHECK(one_digit_apart(d("38.30"), d("30.30")));
  CHECK(one_digit_apart(d("18.00"), d("48.00")));
  CHECK(one_digit_apart(d("7.4"), d("7.10")));  // compared as written with two decimals
  CHECK_FALSE(one_digit_apart(d("30.30"), d("30.30")));
  CHECK_FALSE(one_digit_apart(d("30.30"), d("3.30")));   // a digit lost, not misread
  CHECK_FALSE(one_digit_apart(d("30.30"), d("30.03")));  // two digits differ
  CHECK_FALSE(one_digit_apart(d("114.90"), d("174.95")));
}

TEST_CASE("cash_rounds_to: an amount rounded to 0.05 for cash") {
  auto d = [](const char* s) { return Decimal::from_string(s).value(); };
  CHECK(cash_rounds_to(d("27.56"), d("27.55")));
  CHECK(cash_rounds_to(d("55.12"), d("55.10")));
  CHECK(cash_rounds_to(d("23.28"), d("23.30")));
  CHECK(cash_rounds_to(d("23.26"), d("23.25")));
  CHECK_FALSE(cash_rounds_to(d("27.55"), d("27.55")));  // nothing to round
  CHECK_FALSE(cash_rounds_to(d("27.56"), d("27.60")));  // 27.56 rounds to 27.55
  CHECK_FALSE(cash_rounds_to(d("27.53"), d("27.50")));
  CHECK_FALSE(cash_rounds_to(d("27.56"), d("27.57")));  // not a multiple of 0.05
  CHECK_FALSE(cash_rounds_to(d("-0.02"), d("0.00")));
}

TEST_CASE("tax_from_rate_row: the tax a summary row's rate gives") {
  auto tax = [](const char* line) {
    auto t = tax_from_rate_row(line);
    return t ? t->to_string() : std::string("<none>");
  };
  // Rate, net amount and tax (and gross): the tax is the amount the rate gives on another.
  CHECK(tax("SR 6% 78.30 4.70 83.00") == "4.70");
  CHECK(tax("SR 6.00 144.68 8.68") == "8.68");           // the rate reads like money
  CHECK(tax("SR @ 6 % 28.58 1.71") == "1.71");
  CHECK(tax("A 19% 10.00 1.90 11.90") == "1.90");
  CHECK(tax("1.64 Food BTW 6% 28.95") == "1.64");        // the tax held in a gross amount
  CHECK(tax("SR 6 37.50 2.26") == "2.26");               // a cent off: rounded per item
  // A tax whose decimal point OCR lost: three digits, or split by a space.
  CHECK(tax("SR 6 37.50 225") == "2.25");
  CHECK(tax("SR 6.00 52.00 312") == "3.12");
  CHECK(tax("g t 7.50 0 45 |") == "<none>");            // no rate on the row
  CHECK(tax("SR 6 7.50 0 45 |") == "0.45");
  CHECK(tax("SR @ 6% 5.66 0 34") == "0.34");
  CHECK(tax("SR 6 60.00 360}") == "3.60");
  // No pair the rate explains, no rate, a zero rate, a rate no tax has.
  CHECK(tax("sR 6 96.17 674") == "<none>");
  CHECK(tax("GST 6% 27.48") == "<none>");
  CHECK(tax("Total GST : 2.25") == "<none>");
  CHECK(tax("ZR 0% 12.00 0.00") == "<none>");
  CHECK(tax("Item 45 10.00 4.50") == "<none>");
  CHECK(tax("") == "<none>");
}

TEST_CASE("domain_labels: the names of the domains a line gives") {
  CHECK(domain_labels(".vivopac.com") == std::vector<std::string>{"VIVOPAC"});
  CHECK(domain_labels("Web: www.Acme-Tools.de  Mail: info@acme-tools.de") == std::vector<std::string>{"ACMETOOLS"});
  CHECK(domain_labels("e-mail: shop123@gmail.com").empty());  // a mail provider names no one
  CHECK(domain_labels("Like us on Facebook.com/ab").size() == 1);
  CHECK(domain_labels("TOTAL 12.50").empty());
  CHECK(domain_labels("www.ab.com").empty());  // too short to be a name
  // A domain reserved for examples stands for the name on its left; alone it names no one.
  CHECK(domain_labels("billing@ironcrest.example.com") == std::vector<std::string>{"IRONCREST"});
  CHECK(domain_labels("www.ironcrest.example.co.uk") == std::vector<std::string>{"IRONCREST"});
  CHECK(domain_labels("info@example.com").empty());
}

TEST_CASE("name_restored_from_domain: a name that lost its first letters") {
  std::vector<std::string> labels = {"VIVOPAC"};
  CHECK(name_restored_from_domain("OPAC MARKETING SDN BHD", labels) == std::optional<std::string>("VIVOPAC MARKETING SDN BHD"));
  CHECK(name_restored_from_domain("Opac Marketing Sdn Bhd", labels) == std::optional<std::string>("Vivopac Marketing Sdn Bhd"));
  CHECK(name_restored_from_domain("opac trading", labels) == std::optional<std::string>("vivopac trading"));
  // The name is the domain already, or spells it over two words.
  CHECK_FALSE(name_restored_from_domain("VIVOPAC MARKETING SDN BHD", labels));
  CHECK_FALSE(name_restored_from_domain("VIVO PAC TRADING", labels));
  // More than four letters lost is another name ("PAC" in "VIVOPAC" is 4 short: still one).
  CHECK(name_restored_from_domain("PAC TRADING", labels) == std::optional<std::string>("VIVOPAC TRADING"));
  CHECK_FALSE(name_restored_from_domain("PAC TRADING", {"SUPERVIVOPAC"}));
  // A first word of fewer than three letters, or with digits or punctuation, is no tail.
  CHECK_FALSE(name_restored_from_domain("AC MARKETING", labels));
  CHECK_FALSE(name_restored_from_domain("OPAC2 MARKETING", labels));
  CHECK_FALSE(name_restored_from_domain("OPAC MARKETING", {"VIVO2PAC"}));
  CHECK_FALSE(name_restored_from_domain("OPAC MARKETING", {}));
  CHECK_FALSE(name_restored_from_domain("", labels));
  // A domain that begins with the word says it is whole.
  CHECK_FALSE(name_restored_from_domain("Ross", {"ROSSSTORES", "TELLROSS"}));
  CHECK(name_restored_from_domain("Ross", {"TELLROSS"}) == std::optional<std::string>("Tellross"));
  // The first domain whose tail the word is.
  CHECK(name_restored_from_domain("NEWS AGENT", {"FOO", "MYNEWS", "THENEWS"}) == std::optional<std::string>("MYNEWS AGENT"));
}

TEST_CASE("thanked_store_name: the store a thank-you line names") {
  CHECK(thanked_store_name("Thank you for shopping at Ross! Be ai ge sss") == "Ross");
  CHECK(thanked_store_name("Thanks for visiting Subway. Please let") == "Subway");
  CHECK(thanked_store_name("Thank you for choosing Cactus Car Wash") == "Cactus Car Wash");
  CHECK(thanked_store_name("THANK YOU FOR SHOPPING AT KOHL 'S") == "KOHL 'S");
  CHECK(thanked_store_name("You for shopping at, COACH") == "COACH");
  CHECK(thanked_store_name("Thank you for dining with us at River") == "River");
  CHECK(thanked_store_name("Vielen Dank fuer Ihren Einkauf bei REWE Markt") == "REWE Markt");
  CHECK(thanked_store_name("Gracias por su compra en MERCADONA.") == "MERCADONA.");
  CHECK(thanked_store_name("Terima kasih kerana membeli-belah di PASARAYA") == "PASARAYA");
  // No name in the sentence.
  CHECK_FALSE(thanked_store_name("Thank you for dining with us!"));
  CHECK_FALSE(thanked_store_name("nank You for dining with ust"));  // the "!" read as a letter
  CHECK_FALSE(thanked_store_name("Thank you for shopping with usl"));
  CHECK(thanked_store_name("Thank you for dining at Mel's Diner") == "Mel's Diner");
  CHECK_FALSE(thanked_store_name("THANK YOU FOR SHOPPING WITH US"));
  CHECK_FALSE(thanked_store_name("Thank you for shopping at our store"));
  CHECK_FALSE(thanked_store_name("THANK YOU FOR SHOPPING AT"));
  CHECK_FALSE(thanked_store_name("THANK yoy FOR VISITING .)"));
  CHECK_FALSE(thanked_store_name("Thank you for visiting. Please come again"));
  CHECK_FALSE(thanked_store_name("& a TQFOR SHOPPING WITH myNEWS.com"));  // no word boundary: OCR debris
  CHECK_FALSE(thanked_store_name("TOTAL 12.00"));
}

TEST_CASE("store_numbered_name: the name a header line gives with the store's number") {
  CHECK(store_numbered_name("Subway#1926-0 Phone 858-673-8362", "SUBWAY") == std::optional<std::string>("Subway#1926-0"));
  CHECK(store_numbered_name("Subway#15936-0 Phone 608-758-4560 's", "Subway") ==
        std::optional<std::string>("Subway#15936-0"));
  CHECK(store_numbered_name("Sports Authority # 484", "SPORTS AUTHORITY") ==
        std::optional<std::string>("Sports Authority # 484"));
  CHECK(store_numbered_name("McDonald's #10249 Oak St", "MCDONALDS") == std::optional<std::string>("McDonald's #10249"));
  CHECK(store_numbered_name("' Goldbergs #88", "Goldbergs") == std::optional<std::string>("Goldbergs #88"));
  // The line goes on otherwise, or the "#" numbers something else.
  CHECK_FALSE(store_numbered_name("Subway Phone 858-673-8362", "SUBWAY"));
  CHECK_FALSE(store_numbered_name("Subways #12", "SUBWAY"));
  CHECK_FALSE(store_numbered_name("Subway Store #12", "SUBWAY"));
  CHECK_FALSE(store_numbered_name("Subway # Phone", "SUBWAY"));
  CHECK_FALSE(store_numbered_name("Subway #12A", "SUBWAY"));
  CHECK_FALSE(store_numbered_name("Store #0139", "FOODS"));
  CHECK_FALSE(store_numbered_name("Subway#1926-0", "Subway#1926-0"));  // numbered already
  CHECK_FALSE(store_numbered_name("AB #12", "AB"));                    // too short to be sure of
  CHECK_FALSE(store_numbered_name("", "SUBWAY"));
}

TEST_CASE("registered_name_of: the brand's name with its legal form") {
  CHECK(registered_name_of("Dimiliki: banh mi cafe sdn bhd 1110644-K", "Banh Mi Cafe") ==
        std::optional<std::string>("banh mi cafe sdn bhd"));
  CHECK(registered_name_of("Dimi liki: banh mi cafe sdn bhd 1110644-¥", "Banh Mi CafE") ==
        std::optional<std::string>("banh mi cafe sdn bhd"));
  CHECK(registered_name_of("POPULAR BOOK CO. (M) SDN BHD", "POPULAR BOOK") ==
        std::optional<std::string>("POPULAR BOOK CO. (M) SDN BHD"));
  CHECK(registered_name_of("99 SPEED MART S/B (519537-X)", "99 SPEED MART") == std::optional<std::string>("99 SPEED MART S/B"));
  CHECK(registered_name_of("Fish Farm Ltd.", "FISH FARM") == std::optional<std::string>("Fish Farm Ltd."));
  // Other words than a legal form, no legal form, another name, or one with a form already.
  CHECK_FALSE(registered_name_of("Banh Mi Cafe Puchong Sdn Bhd", "Banh Mi Cafe"));
  CHECK_FALSE(registered_name_of("Banh Mi Cafe Puchong", "Banh Mi Cafe"));
  CHECK_FALSE(registered_name_of("Banh Mi Cafe", "Banh Mi Cafe"));
  CHECK_FALSE(registered_name_of("Banh Mi Cafeteria Sdn Bhd", "Banh Mi Cafe"));
  CHECK_FALSE(registered_name_of("Golden Arches Restaurants Sdn Bhd", "McDonald's"));
  CHECK_FALSE(registered_name_of("POPULAR BOOK CO. (M) SDN BHD", "POPULAR BOOK SDN BHD"));
  CHECK_FALSE(registered_name_of("AB SDN BHD", "AB"));
}

TEST_CASE("heads_date_column: a Date column heading over the date") {
  auto line = [](const char* text) { return lines_from_text(text).front(); };
  Line heading = line("Date Tine Nun OPT");
  CHECK(heads_date_column(heading, line("18/03/18 15 17 06051 02"), 0));
  CHECK(heads_date_column(line("Time Tarikh"), line("15:17 18/03/18"), 6));
  // Another column, a heading with a value in it, a single word, no Date heading.
  CHECK_FALSE(heads_date_column(line("Num Date"), line("18/03/18 06051"), 0));
  CHECK_FALSE(heads_date_column(line("Date 12 Num"), line("18/03/18 06051"), 0));
  CHECK_FALSE(heads_date_column(line("Date"), line("18/03/18"), 0));
  CHECK_FALSE(heads_date_column(line("Time Num OPT"), line("18/03/18 06051 02"), 0));
  // With boxes, the heading must stand over the date across the page.
  Line boxed_heading = heading, row = line("18/03/18 15 17");
  boxed_heading.words[0].box = {40, 660, 90, 675};
  row.words[0].box = {44, 687, 142, 705};
  CHECK(heads_date_column(boxed_heading, row, 0));
  row.words[0].box = {300, 687, 400, 705};
  CHECK_FALSE(heads_date_column(boxed_heading, row, 0));
}

TEST_CASE("has_digit_among_letters: a digit OCR takes for a letter, inside a word of letters") {
  CHECK(has_digit_among_letters("O.1.Y."));
  CHECK(has_digit_among_letters("O.1.\xC2\xA5."));  // the yen sign read for the Y
  CHECK(has_digit_among_letters("B0OK"));
  CHECK(has_digit_among_letters("SH0P"));
  CHECK(has_digit_among_letters("MA5JID"));
  CHECK_FALSE(has_digit_among_letters("D.I.Y."));
  CHECK_FALSE(has_digit_among_letters("H2O"));  // 2 is not a letter's look-alike
  CHECK_FALSE(has_digit_among_letters("A1"));   // a digit at the edge
  CHECK_FALSE(has_digit_among_letters("7-ELEVEN"));
  CHECK_FALSE(has_digit_among_letters("99"));
  CHECK_FALSE(has_digit_among_letters("(1234567-X)"));
}

TEST_CASE("date_shaped: a word OCR garbled past reading as a date") {
  CHECK(date_shaped("92/12/2017"));   // no 92nd day
  CHECK(date_shaped("20/03/204t"));   // a look-alike in the year
  CHECK(date_shaped("99/18/2014"));
  CHECK(date_shaped("2705/2018"));    // a separator lost
  CHECK(date_shaped("27032018"));     // all of them lost
  CHECK(date_shaped("(92/12/2017),"));
  CHECK_FALSE(date_shaped("19/03/2018"));  // a date as it is: nothing to re-read
  CHECK_FALSE(date_shaped("141.58"));      // an amount
  CHECK_FALSE(date_shaped("187087-75"));   // a code
  CHECK_FALSE(date_shaped("1.234.567.89"));
  CHECK_FALSE(date_shaped("03-12345678"));  // a phone number
  CHECK_FALSE(date_shaped("2018"));
  CHECK_FALSE(date_shaped("123456789"));   // nine digits
  CHECK_FALSE(date_shaped("AB/CD/EFGH"));
  CHECK_FALSE(date_shaped("1O/OS/SOlB"));  // more look-alikes than digits allow
}

TEST_CASE("amounts_add_up: subtotal, tax and the optional terms make the total") {
  auto d = [](const char* s) { return Decimal::from_string(s); };
  CHECK(amounts_add_up({d("10.90"), d("10.00"), d("0.90"), {}, {}, {}, {}}));
  CHECK_FALSE(amounts_add_up({d("10.90"), d("10.00"), d("0.60"), {}, {}, {}, {}}));
  // A discount inside the subtotal or not, a tip, a service charge.
  CHECK(amounts_add_up({d("9.90"), d("10.00"), d("0.90"), {}, d("1.00"), {}, {}}));
  CHECK(amounts_add_up({d("12.90"), d("10.00"), d("0.90"), d("2.00"), {}, {}, {}}));
  CHECK(amounts_add_up({d("11.90"), d("10.00"), d("0.90"), {}, {}, {}, d("1.00")}));
  // A rounding with either sign (OCR drops the minus), or unreadable but rounding for cash.
  CHECK(amounts_add_up({d("10.88"), d("10.00"), d("0.90"), {}, {}, d("0.02"), {}}));
  CHECK(amounts_add_up({d("10.92"), d("10.00"), d("0.90"), {}, {}, d("0.02"), {}}));
  CHECK(amounts_add_up({d("23.25"), d("22.00"), d("1.26"), {}, {}, d("0.00"), {}}));
  CHECK_FALSE(amounts_add_up({d("23.25"), d("22.00"), d("1.26"), {}, {}, {}, {}}));  // no rounding line
  // Tax-inclusive prices; without a total or a subtotal there is nothing to add up.
  CHECK(amounts_add_up({d("10.90"), d("10.90"), d("0.62"), {}, {}, {}, {}}));
  CHECK_FALSE(amounts_add_up({{}, d("10.00"), d("0.90"), {}, {}, {}, {}}));
  CHECK_FALSE(amounts_add_up({d("10.90"), {}, d("0.90"), {}, {}, {}, {}}));
}

TEST_CASE("printed_tax_rates: the rates a tax line prints, in hundredths of a percent") {
  auto rates = [](const char* line) { return printed_tax_rates(line); };
  CHECK(rates("GST @ 6% 4.15") == std::vector<int>{600});
  CHECK(rates("MwSt 19,0 % 3.19") == std::vector<int>{1900});
  CHECK(rates("VAT 7.5% 1.50") == std::vector<int>{750});
  CHECK(rates("SR GST 6 % 69.15 4.15") == std::vector<int>{600});
  CHECK(rates("TVA 5,5% et 20% 12.00") == std::vector<int>{550, 2000});
  CHECK(rates("10% OFF 2.00").empty());    // no tax word
  CHECK(rates("GST 0% 0.00").empty());     // no tax to split by
  CHECK(rates("TAX 45% 1.00").empty());    // no sales tax is that high
  CHECK(rates("GST 106% 4.15").empty());   // digits before the rate: not a rate of 6
  CHECK(rates("GST Summary Amount Tax").empty());
}

TEST_CASE("split_by_tax_rate: the net and tax a printed rate gives, confirmed by what was read") {
  auto d = [](const char* s) { return Decimal::from_string(s); };
  auto split = [&](const char* total, const char* subtotal, const char* tax, const char* rounding,
                   std::vector<int> rates) {
    auto s = split_by_tax_rate(*d(total), subtotal ? d(subtotal) : std::nullopt, tax ? d(tax) : std::nullopt,
                               rounding ? d(rounding) : std::nullopt, rates);
    return s ? s->subtotal.to_string() + "+" + s->tax.to_string() : std::string("<none>");
  };
  // The read subtotal is the net: the tax was misread (13.30 for 4.15) or lost.
  CHECK(split("73.30", "69.15", "13.30", nullptr, {600}) == "69.15+4.15");
  CHECK(split("73.30", "69.15", nullptr, nullptr, {600}) == "69.15+4.15");
  // The read tax is the tax: the subtotal was misread ("7.80" for 7.50).
  CHECK(split("7.95", "7.80", "0.45", nullptr, {600}) == "7.50+0.45");
  // The tax was read as the subtotal.
  CHECK(split("7.95", "0.45", nullptr, nullptr, {600}) == "7.50+0.45");
  // The total before the rounding line: 7.53 + 0.45 = 7.98, rounded to 7.95 for cash.
  CHECK(split("7.95", "7.53", nullptr, "0.03", {600}) == "7.53+0.45");
  // With the tax read too, 7.50 + 0.45 (as printed) and 7.53 + 0.45 (before rounding) are
  // both confirmed: no split.
  CHECK(split("7.95", "7.53", "0.45", "0.03", {600}) == "<none>");
  // Nothing read confirms a split, none exists to the cent, or two rates disagree.
  CHECK(split("73.30", "60.00", "13.30", nullptr, {600}) == "<none>");
  CHECK(split("73.30", "69.15", "13.30", nullptr, {}) == "<none>");
  CHECK(split("73.30", nullptr, nullptr, nullptr, {600}) == "<none>");
  CHECK(split("21.20", "20.00", "1.01", nullptr, {600}) == "20.00+1.20");
  CHECK(split("21.20", "20.00", "1.01", nullptr, {600, 500}) == "<none>");  // 20.19 + 1.01 at 5%
}

TEST_CASE("net_by_implied_rate: one misread digit of the subtotal and a whole-percent rate") {
  auto d = [](const char* s) { return Decimal::from_string(s).value(); };
  auto net = [&](const char* total, const char* subtotal, const char* tax) {
    auto n = net_by_implied_rate(d(total), d(subtotal), d(tax));
    return n ? n->to_string() : std::string("<none>");
  };
  // 7.95 - 0.45 = 7.50, one digit from "7.80", and 0.45 is 6% of 7.50.
  CHECK(net("7.95", "7.80", "0.45") == "7.50");
  // 7%, rounded half up: 5.55 x 7% = 0.3885 -> 0.39.
  CHECK(net("5.94", "5.50", "0.39") == "5.55");
  // A subtotal written without decimals is compared as written with two.
  CHECK(net("10.60", "18", "0.60") == "10.00");
  // Two digits apart: no single misread explains it.
  CHECK(net("7.95", "8.20", "0.45") == "<none>");
  // One digit apart, but no whole percent: 0.47 is 6.27% of 7.50.
  CHECK(net("7.97", "7.40", "0.47") == "<none>");
  // Over 30%: no sales tax (3.50 is 35% of 10.00).
  CHECK(net("13.50", "18.00", "3.50") == "<none>");
  // The tax misread instead (63.60 - 60.00 = 3.60 for "2.60"): not this rule's to correct.
  CHECK(net("63.60", "60.00", "2.60") == "<none>");
  // Nothing left for a net: a total no greater than the tax.
  CHECK(net("0.45", "7.80", "0.45") == "<none>");
}

TEST_CASE("one_digit_inserted: amounts one of which OCR read a digit into") {
  auto d = [](const char* s) { return Decimal::from_string(s).value(); };
  CHECK(one_digit_inserted(d("886.17"), d("88.17")));
  CHECK(one_digit_inserted(d("9.00"), d("91.00")));
  CHECK(one_digit_inserted(d("14.00"), d("4.00")));
  CHECK(one_digit_inserted(d("4"), d("14.00")));  // compared as written with two decimals
  CHECK_FALSE(one_digit_inserted(d("88.17"), d("88.17")));
  CHECK_FALSE(one_digit_inserted(d("88.17"), d("8.71")));
  CHECK_FALSE(one_digit_inserted(d("88.17"), d("86.17")));  // misread, not inserted
  CHECK_FALSE(one_digit_inserted(d("1886.17"), d("88.17")));
}

TEST_CASE("is_item_table_heading: a table of items' heading row") {
  CHECK(is_item_table_heading(keyword_words("ya Qty __S/Price Amount Tax _")));
  CHECK(is_item_table_heading(keyword_words("Description Qty U.price Total TAX")));
  CHECK(is_item_table_heading(keyword_words("Item Amount")));
  CHECK_FALSE(is_item_table_heading(keyword_words("GST Rate Amt Excl GST(RM) Tax(RM)")));
  CHECK_FALSE(is_item_table_heading(keyword_words("TOTAL AMOUNT")));
  CHECK_FALSE(is_item_table_heading(keyword_words("GST Summary Amount(RM) Tax(RM)")));
}

namespace {
// "net/tax/gross" of a tax table's column totals ("-" for an absent column), and its row and
// sum lines, e.g. "25.35/4.05/29.40 rows 2,3 sum 4".
std::string tax_table(const std::vector<std::string>& lines, bool space_groups = false) {
  std::optional<TaxTable> t = find_tax_table(lines, space_groups);
  if (!t) return "none";
  auto v = [](const std::optional<Decimal>& d) { return d ? d->to_string() : std::string("-"); };
  std::string out = v(t->net) + "/" + v(t->tax) + "/" + v(t->gross) + " rows";
  for (size_t k = 0; k < t->rows.size(); ++k) out += (k ? "," : " ") + std::to_string(t->rows[k].line);
  if (t->sum_line) out += " sum " + std::to_string(*t->sum_line);
  return out;
}
}  // namespace

TEST_CASE("find_tax_table: a heading's columns filled from the right by each rate's row") {
  // Austria: the first MwSt heads the rate, the second the tax.
  CHECK(tax_table({"Retour EUR 20,60", "", "MwSt          Netto     MwSt    Brutto", "A 10%         10,27     1,03     11,30",
                   "B 20%         15,08     3,02     18,10", "Summe         25,35     4,05     29,40", "Beleg-Nr.: 11873"}) ==
        "25.35/4.05/29.40 rows 3,4 sum 5");
  // Sweden: the rate printed like money under "Moms%", the tax before the net.
  CHECK(tax_table({"Moms%        Moms      Netto     Brutto", "12,00       38,89     324,11     363,00",
                   "25,00       11,80      47,20      59,00", "Summa       50,69     371,31     422,00"}) ==
        "371.31/50.69/422.00 rows 1,2 sum 3");
  // Switzerland: gross before net; no sum row, so the rows' sums.
  CHECK(tax_table({"MWST     Satz   Brutto    MWST    Netto", "A        2.6%    32.20    0.82    31.38",
                   "B        8.1%    28.00    2.10    25.90", "Kundenkarte: ****5521"}) == "57.28/2.92/60.20 rows 1,2");
  // Czechia: thousands grouped by spaces; "Sazba DPH" is the rate.
  CHECK(tax_table({"Sazba DPH    Zaklad      DPH      Celkem", "21 %         107,44    22,56      130,00",
                   "12 %         777,68    93,32      871,00", "Celkem       885,12   115,88    1 001,00",
                   "Hotove                          1 100,00"},
                  true) == "885.12/115.88/1001.00 rows 1,2 sum 3");
  // France: a separator line between the heading and the rows; rate codes before the rates.
  CHECK(tax_table({"TVA       TAUX      HT    TVA     TTC", "----------", " 1       5,50%   12,82   0,70   13,52",
                   " 2      20,00%   11,96   2,39   14,35", "TOTAL            24,78   3,09   27,87"}) ==
        "24.78/3.09/27.87 rows 2,3 sum 4");
  // Malaysia: net and tax only, the rate vouching for the row; "Amt Excl GST" is one column.
  CHECK(tax_table({"GST Summary Amount(RM) Tax(RM)", "SR @ 6% 144.68 8.68", "ZR @ 0% 2.50 0.00"}) ==
        "147.18/8.68/- rows 1,2");
  CHECK(tax_table({"GST Rate Amt Excl GST(RM) Tax(RM)", "S = 6% 4.12 0.25"}) == "4.12/0.25/- rows 1");
  // The Netherlands: the tax's name after "Incl." in the last column says what it includes; a
  // row with no tax (the tourist tax) is a row.
  CHECK(tax_table({"Btw-specificatie     Tarief     Excl. btw          Btw     Incl. btw",
                   "                         9%        453,21        40,79        494,00",
                   "                        21%         51,65        10,85         62,50",
                   "Geen btw (toeristenbel.)             8,55         0,00          8,55",
                   "Totaal                             513,41        51,64        565,05"}) ==
        "513.41/51.64/565.05 rows 1,2,3 sum 4");
  // Portugal: "Taxa" is the rate, "Incidência" the net.
  CHECK(tax_table({"Resumo do IVA          Taxa       Incidência          IVA          Total",
                   "                       13%             32,48         4,22          36,70",
                   "                       23%              6,42         1,48           7,90",
                   "                       Total           38,90         5,70          44,60"}) ==
        "38.90/5.70/44.60 rows 1,2 sum 3");
  // Britain: "VAT rate" is the rates' column, "Net amount" and "Gross amount" one column each.
  CHECK(tax_table({"VAT summary        Net amount        VAT rate          VAT         Gross amount",
                   "Standard rated         612.25             20%       122.45               734.70"}) ==
        "612.25/122.45/734.70 rows 1");
  // Singapore: one rate, stated in the heading; its row prints none ("Amount incl. GST" is the
  // gross column). A second row without a rate would be the sum row.
  CHECK(tax_table({"GST summary        Amount excl. GST        GST @ 9%        Amount incl. GST",
                   "                              20.73            1.87                   22.60"}) ==
        "20.73/1.87/22.60 rows 1");
  CHECK(tax_table({"GST summary        Amount excl. GST        GST @ 9%        Amount incl. GST",
                   "                              20.73            1.87                   25.60"}) == "none");
  // Spain: the rate printed like money in its column between the net and the tax.
  CHECK(tax_table({"  Base imponible     % IVA     Cuota IVA         Total",
                   "          392,96     10,00         39,30        432,26",
                   "          369,74     21,00         77,65        447,39",
                   "  --------------              ----------    ----------",
                   "          762,70                  116,95        879,65"}) ==
        "762.70/116.95/879.65 rows 1,2 sum 4");
  // A service charge taxed in the summary is left out; the tax is the GST's.
  CHECK(tax_table({"Tax Summary Amount Tax", "SVC SERVICE CHARGE 10 150.00 15.00", "SR GST 6% 165.00 9,90"}) ==
        "165.00/9.90/- rows 2");
  // The Netherlands: "BTW OVER" is the gross here, as the rate shows (9% of 10,68 is 0,96).
  CHECK(tax_table({"BTW          OVER      BTW", " 9%         10,68     0,88", "21%         14,28     2,48",
                   "TOTAAL      24,96     3,36"}) == "-/3.36/24.96 rows 1,2 sum 3");
}

TEST_CASE("find_tax_table: rows must add up; item tables and amount lines head nothing") {
  // net + tax != gross, and no rate vouches: not a row.
  CHECK(tax_table({"VAT     RATE     NET     VAT   GROSS", "A      20.0%    9.70    1.84   11.64"}) == "none");
  // A tax that is not the rate of the net or the gross.
  CHECK(tax_table({"GST Summary Amount Tax", "SR 6% 144.68 9.68"}) == "none");
  // An item table's heading, even with a tax column.
  CHECK(tax_table({"Qty S/Price Amount Tax", "1 16.90 16.90 SR"}) == "none");
  // A heading with no tax column, or no net or gross one.
  CHECK(tax_table({"Datum   Beschreibung   Anz.  Preis  Betrag", "14.02. Minibar 1 23.00 23.00"}) == "none");
  CHECK(tax_table({"TAX INVOICE", "GST 6% 1.20 21.20"}) == "none");
  // A line with an amount is no heading.
  CHECK(tax_table({"Total incl. VAT 19.05", "A 20.0% 9.70 1.94 11.64"}) == "none");
  // A sum row that matches neither the rows nor itself is not taken; the rows' sums are.
  CHECK(tax_table({"VAT     RATE     NET     VAT   GROSS", "A      20.0%    9.70    1.94   11.64",
                   "Z       0.0%    7.41    0.00    7.41", "TOTAL          17.11    1.99   19.05"}) ==
        "17.11/1.94/19.05 rows 1,2");
}

TEST_CASE("classify_amount_line: total, payment, change and rounding words of other countries") {
  // Total.
  CHECK(classify_amount_line("ATT BETALA SEK 422,00") == AmountRole::total_strong);
  CHECK(classify_amount_line("I ALT 123,00") == AmountRole::total_strong);
  CHECK(classify_amount_line("CELKEM K UHRADE 1 001,00 Kc") == AmountRole::total_strong);
  CHECK(classify_amount_line("Valor a Pagar R$ 96,38") == AmountRole::total_strong);
  CHECK(classify_amount_line("Yhteensä EUR 21,78") == AmountRole::total);
  CHECK(classify_amount_line("Toplam 12,00") == AmountRole::total);
  // Norwegian and Swedish "TOTALT" is the total, not TOTAL HT (the net) run together.
  CHECK(classify_amount_line("TOTALT NOK 1 155,10") == AmountRole::total);
  CHECK(classify_amount_line("TOTAL HT 24,78") == AmountRole::subtotal);
  // Payment and change.
  CHECK(classify_amount_line("Kort 422,00") == AmountRole::tendered);
  CHECK(classify_amount_line("Pankkikortti 21,78") == AmountRole::tendered);
  CHECK(classify_amount_line("Geg. BAR EUR 20,00") == AmountRole::tendered);
  CHECK(classify_amount_line("Hotove 1 100,00") == AmountRole::tendered);
  CHECK(classify_amount_line("Reszta 33,41") == AmountRole::change);
  CHECK(classify_amount_line("Troco R$ 3,62") == AmountRole::change);
  CHECK(classify_amount_line("Vraceno 99,00") == AmountRole::change);
  // "KORT" only at the start, as "BAR" and "PIN": Dutch for short, and part of KORTING.
  CHECK(classify_amount_line("KORTING -0,50") == AmountRole::discount);
  // Rounding.
  CHECK(classify_amount_line("Round Off -0.26") == AmountRole::rounding);
  CHECK(classify_amount_line("Afrunding 0,02") == AmountRole::rounding);
  // The taxable sales of a Polish receipt are no tax; suggested tips are no amounts of the bill.
  CHECK(classify_amount_line("Sprzed. opod. PTU A 35,36") == AmountRole::none);
  CHECK(classify_amount_line("Suggested Gratuity (on subtotal):") == AmountRole::none);
  CHECK(classify_amount_line("VAT-Exempt Sales 0.00") == AmountRole::none);
  CHECK(classify_amount_line("VAT Amount (12%) 146.79") == AmountRole::tax);
}

TEST_CASE("find_invoice_number: Portuguese, Polish and Brazilian numbering") {
  CHECK(find_invoice_number("FATURA-RECIBO   FR 2024/1187") == std::optional<std::string>("FR 2024/1187"));
  CHECK(find_invoice_number("Fatura FT A/123") == std::optional<std::string>("FT A/123"));
  CHECK(find_invoice_number("Faktura VAT nr FV/2024/118") == std::optional<std::string>("FV/2024/118"));
  CHECK(find_invoice_number("NFC-e nº 000012345  Série 001") == std::optional<std::string>("000012345"));
  // Croatian and Slovenian fiscal bills (račun) with their number labels.
  CHECK(find_invoice_number("RACUN br. 215/1/1") == std::optional<std::string>("215/1/1"));
  CHECK(find_invoice_number("RACUN št.: 2-BL1-48213") == std::optional<std::string>("2-BL1-48213"));
  // Split by OCR at the hyphen.
  CHECK(find_invoice_number("Bill to: Invoice no: INV -00742") == std::optional<std::string>("INV-00742"));
  // A code with a plain number after it is no series ("FR 12" is a date or a page).
  CHECK(find_invoice_number("FATURA FR 12") == std::nullopt);
}

TEST_CASE("has_company_suffix and only_legal_form: legal forms of more countries") {
  CHECK(has_company_suffix(keyword_words("Drogaria Bem Estar Campinas Ltda")));
  CHECK(has_company_suffix(keyword_words("Zeleny dub s.r.o.")));
  CHECK(has_company_suffix(keyword_words("Nordlys Dagligvarer A/S")));
  CHECK(has_company_suffix(keyword_words("DELIKATESY KOWALCZYK Sp. z o.o.")));
  CHECK(has_company_suffix(keyword_words("DELIKATESY KOWALCZYK Sp. z 0.0.")));  // o.o. read as zeros
  CHECK(clean_merchant_name("DELIKATESY KOWALCZYK Sp. z 0.0.") == "DELIKATESY KOWALCZYK Sp. z o.o.");
  // s.r.o. only at the end: "SRO FLR" is OCR's 3RD FLOOR.
  CHECK_FALSE(has_company_suffix(keyword_words("SRO FLR, AEON TAMAN MALURI")));
  CHECK(only_legal_form(keyword_words("S.A. de C.V.")));
  CHECK(only_legal_form(keyword_words("CO. (M) SDN BHD")));
  CHECK(only_legal_form(keyword_words("Pty Ltd")));
  CHECK_FALSE(only_legal_form(keyword_words("Sorlandsbensin AS")));
  CHECK_FALSE(only_legal_form(keyword_words("DE")));
}

TEST_CASE("merchant_line_score: a French company's legal mentions are no name") {
  CHECK(merchant_line_score("SARL Marcellin & Fils - capital 8 000 €", 4, 40) == doctest::Approx(0.05));
  CHECK(merchant_line_score("SIRET 812 345 678 00021 - NAF 4711D", 5, 40) <= 0.1);
  // "Capital" without a number is a word of a name.
  CHECK(merchant_line_score("CAPITAL GRILLE", 0, 40) > 0.3);
}

TEST_CASE("classify_amount_line: taxes, totals and net amounts of Central and Eastern Europe") {
  CHECK(classify_amount_line("PVM suma 1,46") == AmountRole::tax);
  CHECK(classify_amount_line("PDV ukupno 14,06") == AmountRole::tax);
  CHECK(classify_amount_line("DDV 22 % 19,63") == AmountRole::tax);
  CHECK(classify_amount_line("AFA 27% 508") == AmountRole::tax);
  CHECK(classify_amount_line("IS VISO 9,16 EUR") == AmountRole::total);
  CHECK(classify_amount_line("KOPA 17,91") == AmountRole::total);
  CHECK(classify_amount_line("ZA PLACILO 108,87") == AmountRole::total_strong);
  CHECK(classify_amount_line("Summa bez PVN 15,99") == AmountRole::subtotal);
  CHECK(classify_amount_line("Vrednost brez DDV 89,24") == AmountRole::subtotal);
}

TEST_CASE("customer_block_lines: the customer's name and address, not the issuer's") {
  using V = std::vector<bool>;
  // A name with an attention line under it, then its address.
  CHECK(customer_block_lines({"Wattle Broadband", "PO Box 1184", "Ridgeway Physiotherapy Pty Ltd",
                              "Attn: Practice Manager", "Shop 4, 210 Logan Road", "Woolloongabba QLD 4102",
                              "Your bill at a glance"}) == V{false, false, true, true, true, true, false});
  CHECK(customer_block_lines({"Ingenieurbüro Haselhorst GmbH", "z. Hd. Buchhaltung", "Schwachhauser Heerstraße 210"}) ==
        V{true, true, true});
  CHECK(customer_block_lines({"Vermeulen Installatietechniek B.V.", "t.a.v. financiële administratie"}) == V{true, true});
  // Scandinavian "Att:" (with its colon) and British "FAO": the company above is the customer's.
  CHECK(customer_block_lines({"STUDIO LJUSFÄLT", "Norrviken Fastighetsförvaltning AB", "Att: Maria Holm", "Box 3318"}) ==
        V{false, true, true, true});
  CHECK(customer_block_lines({"AT&T Business", "Atlanta, GA"}) == V{false, false});
  CHECK(customer_block_lines({"CABINET DU LAC", "Transports Morel SAS", "À l'attention de Mme Vidal, RH", "8 rue Ampère"}) ==
        V{false, true, true, true});
  CHECK(customer_block_lines({"THE COPPER KETTLE", "Brightwater Advisory Ltd", "FAO Mr Tom Ellery", "9 Mill Lane",
                              "Hull HU1 2AB", "Arrival 10/06/2025"}) == V{false, true, true, true, true, false});
  // A heading alone on its line, or any heading with a colon.
  CHECK(customer_block_lines({"Datos del cliente", "Talleres Mecánicos Guadix, S.L.", "CIF: B18770230",
                              "Avda. Mariana Pineda 57", "Concepto Cant. Precio"}) == V{true, true, true, true, false});
  CHECK(customer_block_lines({"Lieferanschrift:", "Haselhorst GmbH - Baustellenbüro"}) == V{true, true});
  // A person with a courtesy title: the company and address under the name.
  CHECK(customer_block_lines({"THE HARROWGATE", "Ms Priya Raman", "Raman Consulting Ltd", "14 Alder Court",
                              "Leeds LS6 2QT", "United Kingdom"}) == V{false, true, true, true, true, false});
  // Not a shop named with a title in capitals, not a heading among other words without a colon,
  // not the customer's copy.
  CHECK(customer_block_lines({"MR D.I.Y. (M) SDN BHD", "LOT 1851-A"}) == V{false, false});
  CHECK(customer_block_lines({"Customers Checkout Retained", "Din Tai Fung Restaurant"}) == V{false, false});
  CHECK(customer_block_lines({"CUSTOMER COPY", "ABC TRADING"}) == V{false, false});
}

TEST_CASE("column_segments: a wide gap parts a line's columns") {
  auto line = [](std::initializer_list<std::tuple<const char*, int, int>> list) {
    std::vector<Word> out;
    for (const auto& [text, left, right] : list) out.push_back({text, {left, 45, right, 54}, 1.0});
    return out;
  };
  using Segments = std::vector<std::pair<size_t, size_t>>;
  CHECK(column_segments(line({{"WATTLE", 54, 90}, {"broadband", 96, 150}, {"Tax", 486, 504}, {"Invoice", 510, 552}})) ==
        Segments{{0, 2}, {2, 4}});
  // Word spaces, and a gap of four heights (36 px at 9 px), keep a line whole.
  CHECK(column_segments(line({{"KAROO", 0, 40}, {"DRIVE", 46, 80}, {"car", 116, 140}})) == Segments{{0, 3}});
  CHECK(column_segments(line({{"A", 0, 10}, {"B", 200, 210}, {"C", 400, 410}})) == Segments{{0, 1}, {1, 2}, {2, 3}});
  // Words without boxes (a text given as such) are one column.
  CHECK(column_segments({Word{"KAROO", {}, 1.0}, Word{"DRIVE", {}, 1.0}}) == Segments{{0, 2}});
  CHECK(column_segments({}) == Segments{{0, 0}});
  // A box's rule parts columns and belongs to none.
  // "| Átutalás | 2025.05.05. | 2025.05.06. |": word spaces only, the rules part the columns.
  CHECK(column_segments(line({{"|", 0, 6}, {"Atutalas", 12, 60}, {"|", 66, 72}, {"2025.05.05.", 78, 144},
                              {"|", 150, 156}, {"2025.05.06.", 162, 228}, {"|", 234, 240}})) ==
        Segments{{1, 2}, {3, 4}, {5, 6}});
  // A line of rules only stays one column.
  CHECK(column_segments(line({{"|", 0, 6}, {"|", 300, 306}})) == Segments{{0, 2}});
}

TEST_CASE("merchant_line_score: a printed e-mail's header and a bill's title are no name") {
  CHECK(merchant_line_score("From: Zipcab <receipts@zipcab.example>", 0, 40) == doctest::Approx(0.05));
  CHECK(merchant_line_score("Sent: Thursday, 29 February 2024 00:14", 1, 40) == doctest::Approx(0.05));
  CHECK(merchant_line_score("Subject: Your Wednesday night ride with Zipcab", 3, 40) == doctest::Approx(0.05));
  CHECK(merchant_line_score("Betreff: Ihre Rechnung", 3, 40) == doctest::Approx(0.05));
  CHECK(merchant_line_score("Your bill", 1, 40) == doctest::Approx(0.05));
  // A name that begins like a header word is a name.
  CHECK(merchant_line_score("FROMAGERIE DUBOIS", 0, 40) > 0.3);
}

namespace {
// Lines of a text layer: each row's words at the given left edges, 6 px per character, 9 px high.
std::vector<Line> laid_out(std::initializer_list<std::initializer_list<std::pair<const char*, int>>> rows) {
  std::vector<Line> lines;
  int top = 45;
  for (const auto& row : rows) {
    Line l;
    for (const auto& [text, left] : row) {
      int right = left + 6 * static_cast<int>(std::string(text).size());
      l.words.push_back({text, {left, top, right, top + 9}, 1.0});
      l.box = l.box.united(l.words.back().box);
    }
    lines.push_back(std::move(l));
    top += 12;
  }
  return lines;
}
}  // namespace

TEST_CASE("extract_fields: an invoice's issuer spelled by its domain over several words") {
  // A name in capitals over the address, the guest's company (with a legal form) beside the
  // invoice's number; the hotel's domain spells its name's last two words.
  Extraction hotel = extract_fields(laid_out({{{"THE", 210}, {"COPPER", 234}, {"KETTLE", 276}},
                                              {{"3", 150}, {"Quay", 162}, {"Street,", 192}, {"Hull", 240}, {"HU1", 270}, {"2AB", 294}},
                                              {{"Tel", 54}, {"01482", 78}, {"555", 114}, {"019", 138}, {"stay@copperkettle.example.com", 170}},
                                              {{"GUEST", 200}, {"FOLIO", 236}, {"/", 272}, {"VAT", 284}, {"INVOICE", 308}},
                                              {{"Brightwater", 54}, {"Advisory", 126}, {"Ltd", 180}, {"Invoice", 330}, {"No.", 378}, {"CK-2291", 410}},
                                              {{"FAO", 54}, {"Mr", 78}, {"Tom", 96}, {"Ellery", 120}, {"Invoice", 330}, {"date", 378}, {"13/06/2025", 410}},
                                              {{"Total", 54}, {"GBP", 300}, {"412.00", 330}}}));
  REQUIRE(hotel.get("merchant"));
  CHECK(hotel.get("merchant")->value == "THE COPPER KETTLE");
  // "&" spelled "and" in the domain; the marketplace's line above is not the seller.
  Extraction shop = extract_fields(laid_out({{{"Sold", 54}, {"on", 84}, {"Makerly", 102}, {"Marketplace", 150}, {"makerly.example.com", 420}},
                                             {{"Fern", 54}, {"&", 84}, {"Fable", 96}, {"INVOICE", 330}, {"FF-10233", 390}},
                                             {{"Handmade", 54}, {"paper", 108}, {"goods", 144}, {"Invoice", 330}, {"date", 378}, {"11/14/2025", 410}},
                                             {{"hello@fernandfable.example.com", 54}},
                                             {{"Order", 54}, {"total", 90}, {"$", 330}, {"88.40", 342}}}));
  REQUIRE(shop.get("merchant"));
  CHECK(shop.get("merchant")->value == "Fern & Fable");
  // Two capitalised words in the issuer's column beside the number's; the account holder's
  // initials in the payment details do not replace them.
  Extraction studio = extract_fields(laid_out({{{"TAX", 54}, {"INVOICE", 78}},
                                               {{"Invoice", 54}, {"no.", 102}, {"AQD-0147", 132}, {"Ada", 330}, {"Quinlan", 354}, {"Design", 402}},
                                               {{"Issue", 54}, {"date", 90}, {"03/09/2025", 132}, {"Studio", 330}, {"2,", 372}, {"8", 390}, {"Oak", 402}, {"Street", 426}},
                                               {{"hello@adaquinlan.example.com", 330}},
                                               {{"Total", 54}, {"(inc", 90}, {"GST)", 120}, {"$1,210.00", 330}},
                                               {{"Account", 54}, {"name:", 102}, {"A", 138}, {"R", 150}, {"Quinlan", 162}}}));
  REQUIRE(studio.get("merchant"));
  CHECK(studio.get("merchant")->value == "Ada Quinlan");
  // A customer's domain among the line items names the customer, not the issuer: names of
  // several words are looked for in the letterhead only.
  Extraction host = extract_fields(laid_out({{{"Cloudharbor", 54}, {"Webservices", 126}, {"Private", 198}, {"Limited", 246}},
                                             {{"TAX", 54}, {"INVOICE", 78}, {"Invoice", 330}, {"No.", 378}, {"CH/24-25/0187", 402}},
                                             {{"Invoice", 330}, {"Date", 378}, {"18-02-2025", 402}},
                                             {{"Bill", 54}, {"To:", 84}},
                                             {{"PEPPER", 54}, {"MILL", 96}, {"EXPORTS", 126}, {"LLP", 174}},
                                             {{"Domain", 54}, {"renewal", 96}, {"-", 144}, {"peppermill.in", 156}, {"899.00", 402}},
                                             {{"Total", 54}, {"Rs.", 360}, {"1,060.82", 402}}}));
  REQUIRE(host.get("merchant"));
  CHECK(host.get("merchant")->value == "Cloudharbor Webservices Private Limited");
}

TEST_CASE("extract_fields: an invoice's letterhead in a column, its customer under an attention line") {
  // A text layer's lines: the brand and the document's heading on one line, far apart.
  std::vector<Line> lines = laid_out({{{"KAROO", 54}, {"DRIVE", 96}, {"TAX", 486}, {"INVOICE", 510}},
                                      {{"car", 54}, {"&", 78}, {"bakkie", 90}, {"rental", 132}},
                                      {{"Document", 54}, {"no.:", 108}, {"KD-INV-0098213", 170}},
                                      {{"Ndlovu", 54}, {"Projects", 96}, {"(Pty)", 150}, {"Ltd", 186}},
                                      {{"Attn:", 54}, {"Thandi", 90}, {"Ndlovu", 132}},
                                      {{"21", 54}, {"Loop", 72}, {"Street,", 102}, {"Cape", 150}, {"Town", 180}, {"8001", 210}},
                                      {{"Rental", 54}, {"days", 96}, {"4", 130}, {"1", 486}, {"940.00", 510}},
                                      {{"Total", 54}, {"incl.", 90}, {"VAT", 126}, {"R", 486}, {"2", 498}, {"231.00", 510}}});
  Extraction ex = extract_fields(lines);
  REQUIRE(ex.get("merchant"));
  CHECK(ex.get("merchant")->value == "KAROO DRIVE");
}

TEST_CASE("extract_fields: an invoice's legal name keeps an elided particle") {
  Extraction ex = extract_fields(lines_from_text(R"(FORNO D'OURO
pizzaria entregas ao domicilio
Forno d'Ouro - Restauração, Lda.
Rua de Cedofeita, 318, 4050-174 Porto
FATURA-RECIBO Original
Fatura-Recibo n.º FR 2023A/18734
Data: 12-09-2023
Total 44,60 €)"));
  REQUIRE(ex.get("merchant"));
  CHECK(ex.document_type == "invoice");
  CHECK(ex.get("merchant")->value == "Forno d'Ouro - Restauração, Lda.");
}

TEST_CASE("find_invoice_number: Italian and Portuguese numbers with their series") {
  CHECK(find_invoice_number("Via dell'Artigianato 15 Fattura n.: 4172/B") == "4172/B");
  CHECK(find_invoice_number("Fatura-Recibo n.º FR 2023A/18734") == "FR 2023A/18734");
  CHECK(find_invoice_number("Fatura n.º FT 2024/117") == "FT 2024/117");
  // The invoice's kind between its word and the number's.
  CHECK(find_invoice_number("FATTURA DIFFERITA N. 2291/2025 del 14/05/2025") == "2291/2025");
  CHECK(find_invoice_number("Factura electrónica N° E001-774") == "E001-774");
  CHECK(find_invoice_number("Facture simplifiée n° 88120") == "88120");
  // A prefix printed apart from a hyphenated number.
  CHECK(find_invoice_number("Invoice #  INV 2025-031-0442") == "INV 2025-031-0442");
  CHECK(find_invoice_number("Invoice # INV -00742") == "INV-00742");
  // Mexico's CFDI: "Serie y Folio" is the invoice's number (the UUID is the fiscal folio).
  CHECK(find_invoice_number("Distribuidora Ferretera del Bajío, S.A. de C.V. Serie y Folio: A-4821") == "A-4821");
}

TEST_CASE("extract_fields: each date of a line takes its own label") {
  // Two columns run together: the invoice date and the order date on one line.
  Extraction ex = extract_fields(lines_from_text(R"(VARDHAN OFFICE SUPPLIES PVT. LTD.
TAX INVOICE
Invoice No. : VOS/23-24/01187 Buyer's Order No. : PO/HR/2023/552
Invoice Date : 12-Oct-2023 Order Date : 28-Sep-2023
Place of Supply: Maharashtra (27) Challan Date : 10-Oct-2023
Payment Terms : 30 days Due Date : 11-Nov-2023
Grand Total 1,22,501.70)"));
  REQUIRE(ex.get("date"));
  CHECK(ex.get("date")->value == "2023-10-12");
  REQUIRE(ex.get("due_date"));
  CHECK(ex.get("due_date")->value == "2023-11-11");
}

TEST_CASE("extract_fields: a Swedish invoice's Fakturadatum over the dates of its lines") {
  Extraction ex = extract_fields(lines_from_text(R"(ParkNorr
FAKTURA
Norrlands Elinstallation AB Fakturanummer 4470012893
Att: Ekonomiavdelningen Fakturadatum 2023-11-03
Box 412 Förfallodatum 2023-11-30
2023-10-03 ABC 123 4102 Rådhustorget 08:12–10:40 42,00
2023-10-05 KLM 45D 5530 Sjukhusgaraget 07:55–16:10 120,00
Att betala 162,00 kr)"));
  REQUIRE(ex.get("date"));
  CHECK(ex.get("date")->value == "2023-11-03");
}

TEST_CASE("classify_amount_line: Umsatzsteuer is a tax") {
  CHECK(classify_amount_line("Umsatzsteuer 19 % auf 6.453,18 € 1.226,10 €") == AmountRole::tax);
}

TEST_CASE("extract_fields: the net sum over the nets of two rates, when the taxes of both make the total") {
  Extraction ex = extract_fields(lines_from_text(R"(KRANICH BÜROWELT
Rechnung
Rechnungsdatum: 06.11.2023
Kopierpapier A4 8 21,90 19 % 175,20
Fachbuch 2 39,90 7 % 79,80
Summe netto 626,40
Nettobetrag 19 % 546,60
Nettobetrag 7 % 79,80
zzgl. 19 % USt 103,85
zzgl. 7 % USt 5,59
Rechnungsbetrag 735,84 EUR)"));
  REQUIRE(ex.get("subtotal"));
  CHECK(ex.get("subtotal")->value == "626.40");
  REQUIRE(ex.get("tax"));
  CHECK(ex.get("tax")->value == "109.44");
  REQUIRE(ex.get("total"));
  CHECK(ex.get("total")->value == "735.84");
}

TEST_CASE("extract_fields: the invoice's total, not the balance left after a credit deducted below it") {
  Extraction ex = extract_fields(lines_from_text(R"(Thistlewick Hosting Ltd
INVOICE
Invoice date: 05/09/2023
Managed VPS 1 64.00 20% 64.00
OV SSL certificate 1 127.98 20% 127.98
Net Total GBP 191.98
VAT @ 20% GBP 38.40
Invoice Total GBP 230.38
Credit applied (CN-23-0112) GBP -25.00
Balance Due GBP 205.38)"));
  REQUIRE(ex.get("total"));
  CHECK(ex.get("total")->value == "230.38");
  // Without the credit between them, the balance due is the total.
  Extraction plain = extract_fields(lines_from_text(R"(Thistlewick Hosting Ltd
INVOICE
Invoice date: 05/09/2023
Managed VPS 1 64.00 20% 64.00
Net Total GBP 64.00
VAT @ 20% GBP 12.80
Balance Due GBP 76.80)"));
  REQUIRE(plain.get("total"));
  CHECK(plain.get("total")->value == "76.80");
}

TEST_CASE("merchant_line_score: a tagline describing the food is no name") {
  // No kind-of-business bonus for a tagline; the name above it wins.
  CHECK(merchant_line_score("Authentic Indian Food", 2, 40) < merchant_line_score("Taj Mahal", 0, 40));
  CHECK(merchant_line_score("Fresh Mexican Grill", 1, 40) < 0.6);
  // A name with a kind word keeps it ("Bombay Indian Restaurant": Bombay is no description).
  CHECK(merchant_line_score("Bombay Indian Restaurant", 1, 40) > 0.7);
}


TEST_CASE("extract_fields: a customer's column beside the issuer's, under \"From  To\"") {
  Extraction ex = extract_fields(laid_out({
      {{"INVOICE", 440}},
      {{"From", 0}, {"To", 264}},
      {{"Quillmark", 0}, {"Design", 60}, {"Fernhill", 264}, {"Bakery", 318}, {"Ltd", 360}},
      {{"Studio", 0}, {"4,", 42}, {"Old", 60}, {"Tannery", 84}, {"22", 264}, {"Cheltenham", 282}, {"Road", 348}},
      {{"Invoice", 0}, {"date:", 48}, {"04/10/2024", 90}},
      {{"Design", 0}, {"work", 42}, {"2", 300}, {"1,250.25", 360}},
      {{"Total", 0}, {"due", 36}, {"GBP", 300}, {"3,000.60", 360}}}));
  REQUIRE(ex.get("merchant"));
  CHECK(ex.get("merchant")->value == "Quillmark Design");
}

TEST_CASE("extract_fields: a label and its value in the name's column are no part of the name") {
  Extraction ex = extract_fields(laid_out({
      {{"FACTURA", 400}},
      {{"Distribuidora", 0}, {"Ferretera", 84}, {"del", 144}, {"Bajío,", 168}, {"S.A.", 210}, {"de", 240},
       {"C.V.", 258}, {"Serie", 380}, {"y", 414}, {"Folio:", 426}, {"A-4821", 468}},
      {{"RFC:", 0}, {"DFB180312KL4", 30}},
      {{"Fecha", 0}, {"de", 36}, {"emisión:", 54}, {"2025-05-09", 108}},
      {{"Subtotal", 0}, {"$", 300}, {"24,997.00", 312}},
      {{"IVA", 0}, {"16%", 24}, {"$", 300}, {"3,999.52", 312}},
      {{"Total", 0}, {"$", 300}, {"28,996.52", 312}}}));
  REQUIRE(ex.get("merchant"));
  CHECK(ex.get("merchant")->value == "Distribuidora Ferretera del Bajío, S.A. de C.V.");
}

TEST_CASE("extract_fields: a marketplace invoice's seller under a \"Sold by\" column heading") {
  Extraction ex = extract_fields(laid_out({
      {{"INVOICE", 216}},
      {{"Sold", 0}, {"by", 30}, {"Invoice", 252}, {"details", 300}},
      {{"Northfield", 0}, {"Home", 66}, {"Goods", 96}, {"LLC", 132}, {"Invoice", 252}, {"#:", 300}, {"NHG-INV-0031842", 330}},
      {{"2210", 0}, {"Lakeview", 30}, {"Pkwy", 84}, {"Invoice", 252}, {"date:", 300}, {"March", 342}, {"5,", 378}, {"2024", 396}},
      {{"Subtotal", 0}, {"107.39", 300}},
      {{"Sales", 0}, {"tax", 36}, {"8.05", 300}},
      {{"Grand", 0}, {"total", 36}, {"115.44", 300}}}));
  REQUIRE(ex.get("merchant"));
  CHECK(ex.document_type == "invoice");
  CHECK(ex.get("merchant")->value == "Northfield Home Goods LLC");
}

TEST_CASE("is_addressee_heading: word by word") {
  CHECK(is_addressee_heading(keyword_words("FACTURE A :")));
  CHECK_FALSE(is_addressee_heading(keyword_words("Votre facture")));
  CHECK_FALSE(is_addressee_heading(keyword_words("Date de facture : 3 mai 2024")));
}

TEST_CASE("extract_fields: the invoice's date over a call list's dated rows") {
  Extraction ex = extract_fields(lines_from_text(R"(Liberta Télécom
Facture n° FB24-0503-771964
Date de facture : 3 mai 2024
Montant à payer 45,51 €
Date Heure Numéro appelé Durée Montant TTC
08/04/2024 19:12:40 00 216 71 83 44 09 00h18m02s 1,08 €
10/04/2024 08:02:11 04 72 00 11 22 00h02m10s 0,00 €)"));
  REQUIRE(ex.get("date"));
  CHECK(ex.get("date")->value == "2024-05-03");
}

TEST_CASE("extract_fields: a tax restated in another currency is not the document's") {
  Extraction ex = extract_fields(lines_from_text(R"(STRATOCLOUD Tax Invoice
billing@stratocloud.example
Invoice date: 3 July 2024
Usage charges USD 625.91
VAT 23% USD 143.96
Total USD 769.87
For information only: taxable amount EUR 575.02, VAT EUR 132.26)"));
  REQUIRE(ex.get("tax"));
  CHECK(ex.get("tax")->value == "143.96");
  REQUIRE(ex.get("merchant"));
  CHECK(ex.get("merchant")->value == "STRATOCLOUD");
}

TEST_CASE("extract_fields: BTW names the euro when no currency is printed") {
  Extraction ex = extract_fields(lines_from_text(R"(Blauwpunt B.V.
Factuur
Factuurdatum: 11-09-2024
Totaal excl. BTW 1.184,27
BTW 21% 248,70
Totaal incl. BTW 1.432,97)"));
  REQUIRE(ex.get("currency"));
  CHECK(ex.get("currency")->value == "EUR");
}

TEST_CASE("invoice issuer: a legal form is capitalised (\"LLC as a marketplace facilitator\")") {
  Extraction ex = extract_fields(lines_from_text(R"(shopriver.com
INVOICE
Invoice date: March 5, 2024
Grand total 115.44
Sales tax is remitted by ShopRiver Services LLC as a marketplace facilitator)"));
  REQUIRE(ex.get("merchant"));
  CHECK(ex.get("merchant")->value == "ShopRiver Services LLC");
}

TEST_CASE("extract_fields: the taxable value after a discount, when the subtotal before it makes no total") {
  Extraction ex = extract_fields(lines_from_text(R"(HOMYSTAY TAX INVOICE
Invoice Date: 06-Mar-2025
Deluxe Room 3 nights 7,350.00
Early Check-in 600.00
Gross Amount 7,950.00
Less: Coupon Discount (HOMY15) 1,192.50
Taxable Value 6,757.50
CGST @ 6% 405.45
SGST @ 6% 405.45
Total Tax 810.90
INVOICE TOTAL INR 7,568.40)"));
  REQUIRE(ex.get("subtotal"));
  CHECK(ex.get("subtotal")->value == "6757.50");
  REQUIRE(ex.get("total"));
  CHECK(ex.get("total")->value == "7568.40");
}

TEST_CASE("merchant_line_score: a dated line and an addressee heading alone name no one") {
  CHECK(merchant_line_score("Please pay by 03/17/2025", 5, 40) == doctest::Approx(0.05));
  CHECK(merchant_line_score("Printed 12.03.2024", 1, 40) == doctest::Approx(0.05));
  CHECK(merchant_line_score("SERVICE FOR", 5, 40) == doctest::Approx(0.05));
  CHECK(merchant_line_score("SERVICE STATION", 1, 40) > 0.3);
  // The document's heading in the languages the rules knew none of.
  for (const char* heading : {"LASKU", "ARVE", "FATTURA", "FAKTURA", "FATURA"})
    CHECK(merchant_line_score(heading, 0, 40) == doctest::Approx(0.05));
}

TEST_CASE("customer_block_lines: a utility's \"Service for\" heads the customer's name") {
  auto block = customer_block_lines({"CEDAR VALLEY PUBLIC UTILITIES", "Service for:", "MARISOL OKONKWO-BELL",
                                     "2291 Filbert Hollow Rd", "Cedar Valley, OR 97489", "ACCOUNT SUMMARY"});
  CHECK(block == std::vector<bool>{false, true, true, true, true, false});
  // "Customer Service" heads no address.
  CHECK(customer_block_lines({"Customer Service:", "Call 0800 123 456"}) == std::vector<bool>{false, false});
}

TEST_CASE("extract_fields: an invoice number under its boxed heading, past the box's rule") {
  Extraction ex = extract_fields(laid_out({
      {{"+-----------------+-------------+", 0}},
      {{"|", 0}, {"Invoice", 12}, {"No.", 60}, {"|", 108}, {"Date", 120}, {"|", 198}},
      {{"+-----------------+-------------+", 0}},
      {{"|", 0}, {"LAB/INV/25/0412", 12}, {"|", 108}, {"22", 120}, {"Sep", 138}, {"2025", 162}, {"|", 198}},
      {{"+-----------------+-------------+", 0}},
      {{"TOTAL", 6}, {"S$", 330}, {"2,125.50", 348}}}));
  REQUIRE(ex.get("invoice_number"));
  CHECK(ex.get("invoice_number")->value == "LAB/INV/25/0412");
}

TEST_CASE("extract_fields: headings over their row past a rule, a house number beside INVOICE, a deposit's invoice") {
  Extraction ex = extract_fields(laid_out({
      {{"CEDARLINE", 330}, {"SIGNS", 390}, {"LTD.", 426}},
      {{"INVOICE", 6}, {"2290", 330}, {"Marine", 360}, {"Drive,", 402}, {"Unit", 444}, {"4", 474}},
      {{"Invoice", 6}, {"No.", 54}, {"|", 84}, {"Date", 96}, {"|", 204}, {"Job", 216}, {"No.", 240}},
      {{"--------------+-----------------+---------", 0}},
      {{"CS-7781", 6}, {"|", 84}, {"April", 96}, {"2,", 132}, {"2025", 150}, {"|", 204}, {"J-2517", 216}},
      {{"Less", 330}, {"deposit", 360}, {"rec'd", 408}, {"Mar", 444}, {"3,", 468}, {"2025", 486}},
      {{"(invoice", 330}, {"CS-7702)", 384}, {"-500.00", 480}},
      {{"TOTAL", 6}, {"CAD", 330}, {"1,814.40", 360}},
      {{"Please", 6}, {"reference", 48}, {"invoice", 108}, {"CS-7781", 156}, {"with", 204}, {"your", 234}, {"payment.", 264}}}));
  REQUIRE(ex.get("date"));
  CHECK(ex.get("date")->value == "2025-04-02");
  REQUIRE(ex.get("invoice_number"));
  CHECK(ex.get("invoice_number")->value == "CS-7781");
}

TEST_CASE("extract_fields: a text layer's labelled amounts grouped by spaces before a decimal point") {
  const char* bill = R"(Charges                                     Quantity     Rate     Amount
Electricity - energy charge                3 682 kWh  R 2.7950  10 291.19
Water - consumption                          49.5 kL  R 38.6200  1 911.69
Total current charges excluding VAT                              12 202.88
VAT @ 15%                                                         1 830.43
TOTAL CURRENT CHARGES INCLUDING VAT                            R  14 033.31)";
  ExtractOptions text_layer;
  text_layer.text_layer = true;
  Extraction ex = extract_fields(lines_from_text(bill), text_layer);
  REQUIRE(ex.get("total"));
  CHECK(ex.get("total")->value == "14033.31");
  REQUIRE(ex.get("subtotal"));
  CHECK(ex.get("subtotal")->value == "12202.88");
  REQUIRE(ex.get("tax"));
  CHECK(ex.get("tax")->value == "1830.43");
  // Read by OCR, a digit before an amount is as often a stray mark or a quantity: not joined.
  Extraction ocr = extract_fields(lines_from_text(bill));
  REQUIRE(ocr.get("tax"));
  CHECK(ocr.get("tax")->value != "1830.43");
}

TEST_CASE("extract_fields: a utility bill's name beside its account number, its total beside the balance carried") {
  ExtractOptions text_layer;
  text_layer.text_layer = true;
  Extraction ex = extract_fields(laid_out({
      {{"CEDAR", 0}, {"VALLEY", 36}, {"PUBLIC", 78}, {"UTILITIES", 120}, {"Account", 336}, {"Number", 384},
       {"40-118273-06", 440}},
      {{"Water", 0}, {"|", 36}, {"Electric", 48}, {"Bill", 336}, {"Number", 366}, {"2502-0448917", 440}},
      {{"Bill", 336}, {"Date", 366}, {"02/24/2025", 440}},
      {{"SERVICE", 0}, {"FOR", 48}, {"Please", 336}, {"pay", 378}, {"by", 402}, {"03/17/2025", 420}},
      {{"MARISOL", 0}, {"OKONKWO-BELL", 48}},
      {{"Previous", 12}, {"Balance", 66}, {"$212.40", 420}},
      {{"Payment", 12}, {"Received", 60}, {"-$150.00", 414}},
      {{"Balance", 12}, {"Forward", 60}, {"$62.40", 426}},
      {{"Current", 12}, {"Charges", 60}, {"$234.83", 420}},
      {{"Total", 12}, {"Amount", 48}, {"Due", 90}, {"$297.23", 420}},
      {{"TOTAL", 0}, {"CURRENT", 36}, {"CHARGES", 84}, {"$234.83", 420}}}),
                                 text_layer);
  REQUIRE(ex.get("merchant"));
  CHECK(ex.get("merchant")->value == "CEDAR VALLEY PUBLIC UTILITIES");
  REQUIRE(ex.get("total"));
  CHECK(ex.get("total")->value == "234.83");
}

TEST_CASE("extract_fields: a registration number after the name is no part of it") {
  Extraction ex = extract_fields(laid_out({
      {{"Redgum", 0}, {"Vehicle", 42}, {"Hire", 90}, {"Pty", 120}, {"Ltd", 144}, {"ABN", 180}, {"53", 204},
       {"614", 222}, {"882", 246}, {"107", 270}},
      {{"Level", 0}, {"3,", 36}, {"210", 54}, {"Kings", 78}, {"Way,", 114}, {"South", 144}, {"Melbourne", 180}},
      {{"Invoice", 0}, {"Date:", 48}, {"16/05/2025", 90}},
      {{"Total", 0}, {"(inc", 36}, {"GST)", 66}, {"$", 300}, {"412.50", 312}}}));
  REQUIRE(ex.get("merchant"));
  CHECK(ex.get("merchant")->value == "Redgum Vehicle Hire Pty Ltd");
}

TEST_CASE("extract_fields: a text layer's issuer in a column of its own, a numbered company whole") {
  ExtractOptions text_layer;
  text_layer.text_layer = true;
  // The issuer's block at the right, the legal name in the third column of the customer's
  // address line.
  Extraction nz = extract_fields(laid_out({
      {{"TAX", 0}, {"INVOICE", 24}, {"Invoice", 240}, {"Date", 288}, {"KOWHAI", 372}, {"LANE", 414}, {"STUDIO", 444}},
      {{"18", 240}, {"Mar", 258}, {"2025", 282}, {"27", 372}, {"Cuba", 390}, {"Street", 420}},
      {{"Harbourside", 0}, {"Dental", 72}, {"Group", 114}, {"Ltd", 150}},
      {{"Attention:", 0}, {"Accounts", 66}, {"Payable", 120}},
      {{"Wellington", 0}, {"6011", 66}, {"Reference", 240}, {"Tait", 372}, {"Creative", 402}, {"Limited", 456}},
      {{"Total", 0}, {"NZD", 36}, {"1,150.00", 300}}}),
                                 text_layer);
  REQUIRE(nz.get("merchant"));
  // The brand or the legal name, each from its own column ("Reference" is the column before).
  std::string issuer = nz.get("merchant")->value;
  CHECK((issuer == "KOWHAI LANE STUDIO" || issuer == "Tait Creative Limited"));
  Extraction qc = extract_fields(laid_out({
      {{"PLOMBERIE", 0}, {"LAURENTIENNE", 60}},
      {{"9387-4521", 0}, {"Québec", 60}, {"inc.", 102}, {"FACTURE", 336}},
      {{"Date", 336}, {":", 366}, {"27", 378}, {"février", 396}, {"2025", 444}},
      {{"FACTURÉ", 0}, {"À", 48}},
      {{"Julie", 0}, {"Bergeron", 36}},
      {{"TOTAL", 0}, {"3", 300}, {"205,45", 312}, {"$", 354}}}),
                                 text_layer);
  REQUIRE(qc.get("merchant"));
  CHECK(qc.get("merchant")->value == "9387-4521 Québec inc.");
}

TEST_CASE("extract_fields: a bank account's holder up to its legal form, not into the next label") {
  auto issuer = [](const char* account_line) {
    Extraction ex = extract_fields(lines_from_text(std::string("INVOICE\nInvoice No: 25-00712\nDate: 8 May 2025\n"
                                                               "Professional fees 12,000.00\nTotal HK$ 12,000.00\n") +
                                                   account_line));
    return ex.get("merchant") ? ex.get("merchant")->value : std::string();
  };
  CHECK(issuer("Account Name: Leung, Whitford & Co. - Office Account") == "Leung, Whitford & Co.");
  CHECK(issuer("Account name: Kawasemi Trading Co., Ltd. (KAWASEMI TRADING (KABU))") == "Kawasemi Trading Co., Ltd.");
  CHECK(issuer("Account name: Swiftline Logistics Ltd Bank: Barclays Bank plc") == "Swiftline Logistics Ltd");
  CHECK(issuer("Account name: Harbour Studio, Wellington") == "Harbour Studio");
}

TEST_CASE("extract_fields: a text layer's names are not respelled as OCR's would be") {
  ExtractOptions text_layer;
  text_layer.text_layer = true;
  std::vector<Line> lines = laid_out({{{"Brenta", 0}, {"Forniture", 42}, {"S.r.l.", 102}, {"FATTURA", 300}},
                                      {{"Data:", 0}, {"03/02/2025", 36}},
                                      {{"Totale", 0}, {"EUR", 200}, {"1.220,00", 230}}});
  REQUIRE(extract_fields(lines, text_layer).get("merchant"));
  CHECK(extract_fields(lines, text_layer).get("merchant")->value == "Brenta Forniture S.r.l.");
  // What OCR read one letter off a business word is spelled back.
  REQUIRE(extract_fields(lines).get("merchant"));
  CHECK(extract_fields(lines).get("merchant")->value == "Brenta Furniture S.r.l.");
}

TEST_CASE("extract_fields: currency: a conversion line does not vote, a named dollar prices the bare $") {
  auto currency_of = [](const char* text) {
    Extraction ex = extract_fields(lines_from_text(text));
    return ex.get("currency") ? ex.get("currency")->value : std::string();
  };
  CHECK(currency_of("Nordlys Hosting ApS\nFaktura 2025-118\nI alt DKK inkl. moms 2.336,25\n"
                    "Til orientering: ca. EUR 313,12\n(kurs 746,12 pr. 100 EUR)") == "DKK");
  CHECK(currency_of("THE KOWHAI KITCHEN\n2 Flat White $11.00\n1 Big Breakfast $24.50\n"
                    "Subtotal $35.50\nTOTAL NZD $35.50\nEFTPOS $35.50") == "NZD");
  // HST is Canada's.
  CHECK(currency_of("Lakeshore Fibre\nInternet 500 $99.00\nHST 13% $12.87\nTotal $111.87") == "CAD");
  // A code against a bare number is a room or a product ("RM1208", "DraftPro CAD 2025").
  CHECK(currency_of("Manila Bay Suites\n10-Apr-25 Room Charge RM1208 8,960.00\n"
                    "11-Apr-25 Room Charge RM1208 8,960.00\nTotal PHP 17,920.00") == "PHP");
}

TEST_CASE("find_invoice_numbers: Finnish and Estonian invoice numbers") {
  CHECK(find_invoice_number("Laskun numero      48213") == "48213");
  CHECK(find_invoice_number("Arve nr         2024-11873") == "2024-11873");
}

TEST_CASE("column_label_above: the label printed over a value in its column") {
  std::vector<Line> lines = laid_out({{{"Importo", 0}, {"bollo", 48}, {"Valuta", 300}, {"Totale", 380}, {"documento", 422}},
                                      {{"EUR", 300}, {"4.255,97", 428}},
                                      {{"Invoice", 0}, {"Date:", 48}, {"06-Mar-2025", 90}, {"Check-out", 300}}});
  std::string row = lines[1].text();
  size_t at = row.find("4.255,97");
  CHECK(column_label_above(lines[0], lines[1], at, at + 8) == std::optional<std::string>("Totale documento"));
  CHECK(column_label_above(lines[0], lines[1], 0, 3) == std::optional<std::string>("Valuta"));
  // A line with values of its own is no row of labels.
  CHECK_FALSE(column_label_above(lines[2], lines[1], at, at + 8));
}

TEST_CASE("extract_fields: amounts and dates under their labels in a text layer's columns") {
  ExtractOptions text_layer;
  text_layer.text_layer = true;
  Extraction ex = extract_fields(
      laid_out({{{"Softlicenze", 0}, {"Italia", 72}, {"S.r.l.", 114}},
                {{"TAX", 0}, {"INVOICE", 24}, {"Invoice", 240}, {"Date", 288}},
                {{"Harbour", 0}, {"Crest", 48}, {"Ltd", 84}, {"18", 240}, {"Mar", 258}, {"2025", 282}},
                {{"Thank", 0}, {"you", 36}, {"-", 60}, {"deposit", 72}, {"paid", 120}, {"20", 150}, {"Feb", 168}, {"2025", 192}},
                {{"%IVA", 0}, {"Spese", 60}, {"accessorie", 96}, {"Tot.", 180}, {"imponibile", 210}, {"Tot.", 300}, {"imposta", 330}},
                {{"22,00", 0}, {"0,00", 132}, {"3.488,50", 222}, {"767,47", 336}},
                {{"Valuta", 0}, {"Totale", 300}, {"documento", 342}},
                {{"EUR", 0}, {"4.255,97", 348}},
                {{"Rinnovo", 0}, {"a", 48}, {"268,00", 60}, {"euro", 102}, {"+", 132}, {"IVA", 144}}}),
      text_layer);
  REQUIRE(ex.get("date"));
  CHECK(ex.get("date")->value == "2025-03-18");
  REQUIRE(ex.get("total"));
  CHECK(ex.get("total")->value == "4255.97");
  REQUIRE(ex.get("subtotal"));
  CHECK(ex.get("subtotal")->value == "3488.50");
  REQUIRE(ex.get("tax"));
  CHECK(ex.get("tax")->value == "767.47");
}

TEST_CASE("classify_amount_line: a price plus VAT is no tax") {
  CHECK(classify_amount_line("proposto a 268,00 euro + IVA per licenza") == AmountRole::none);
  CHECK(classify_amount_line("renews at Rs. 299.00/month + GST") == AmountRole::none);
  CHECK(classify_amount_line("GST 9% 12.60") == AmountRole::tax);
}

TEST_CASE("extract_fields: the taxable value is the subtotal when nothing else is") {
  Extraction ex = extract_fields(lines_from_text("CloudNest Webservices Private Limited\nTax Invoice\nDate: 18-02-2025\n"
                                                 "Total Taxable Value 8,202.20\nCGST @ 9% 738.20\nSGST @ 9% 738.20\n"
                                                 "Grand Total (INR) Rs. 9,678.60"));
  REQUIRE(ex.get("subtotal"));
  CHECK(ex.get("subtotal")->value == "8202.20");
  REQUIRE(ex.get("tax"));
  CHECK(ex.get("tax")->value == "1476.40");
  REQUIRE(ex.get("total"));
  CHECK(ex.get("total")->value == "9678.60");
}

TEST_CASE("classify_amount_line: Estonian and Quebec French net amounts, Estonian VAT") {
  CHECK(classify_amount_line("Summa km-ta 1 605,80") == AmountRole::subtotal);
  CHECK(classify_amount_line("Käibemaks 22% 353,28") == AmountRole::tax);
  // Quebec's French: the amount before taxes.
  CHECK(classify_amount_line("Montant avant taxes 2 787,95 $") == AmountRole::subtotal);
}

TEST_CASE("extract_fields: an invoice number after a bare N° in a box under the heading") {
  auto number_of = [](std::vector<Line> lines) {
    Extraction ex = extract_fields(lines);
    return ex.get("invoice_number") ? ex.get("invoice_number")->value : std::string();
  };
  CHECK(number_of(laid_out({{{"9387-4521", 0}, {"Québec", 60}, {"inc.", 102}, {"|", 336}, {"FACTURE", 354}, {"|", 516}},
                            {{"1245,", 0}, {"boulevard", 36}, {"|", 336}, {"N°", 354}, {":", 372}, {"F-20318", 426}, {"|", 516}},
                            {{"TOTAL", 0}, {"3", 300}, {"205,45", 312}}})) == "F-20318");
  CHECK(number_of(laid_out({{{"Andesnet", 0}, {"SpA", 54}, {"|", 336}, {"FACTURA", 354}, {"ELECTRONICA", 402}, {"|", 516}},
                            {{"Av.", 0}, {"Apoquindo", 24}, {"4501", 84}, {"|", 336}, {"N°", 390}, {"4518832", 408}, {"|", 516}},
                            {{"TOTAL", 0}, {"$", 300}, {"119.283", 312}}})) == "4518832");
}

TEST_CASE("classify_amount_line: a tax's name written with points") {
  CHECK(classify_amount_line("I.V.A. 19%               $ 19.045") == AmountRole::tax);
  CHECK(classify_amount_line("T.V.A. 20 %  24,00") == AmountRole::tax);
  CHECK(carries_balance(keyword_words("Saldo pendiente $ 21.560")));
}

TEST_CASE("closeup_may_rename: the same name better read, not another line or a letter made a digit") {
  CHECK(closeup_may_rename("INDAH GIFT & HOME BECO", "INDAH GIFT & HOME DECO"));
  CHECK(closeup_may_rename("MR O.1.Y. (JOHOR) SDN BHD", "MR D.I.Y. (JOHOR) SDN BHD"));
  // A digit where the page read a letter.
  CHECK_FALSE(closeup_may_rename("LA TAURINA", "1A TAURINA"));
  CHECK_FALSE(closeup_may_rename("TOKO BOOK", "T0KO BOOK"));
  // Digits the page read too.
  CHECK(closeup_may_rename("99 SPEED HART", "99 SPEED MART"));
  // Another line inside the box, or specks.
  CHECK_FALSE(closeup_may_rename("KEDAI RUNCIT MAJU", "TEL 03-1234 5678"));
  CHECK_FALSE(closeup_may_rename("AB", "A B"));
}

TEST_CASE("find_invoice_numbers: number words first, statements, series and Hungarian invoices") {
  CHECK(find_invoice_number("Número de factura: F-2025-118") == "F-2025-118");
  CHECK(find_invoice_number("N° de facture : 2025-0042") == "2025-0042");
  CHECK(find_invoice_number("Numer faktury FV/12/2025") == "FV/12/2025");
  CHECK(find_invoice_number("Számla sorszáma:  DP-2025/00873") == "DP-2025/00873");
  CHECK(find_invoice_number("Billing office: (614) 555-0148   | Statement #   MRM-2509-31774 |") == "MRM-2509-31774");
  CHECK(find_invoice_number("| Seira-Ar./Series-No.  A-2317   |") == "A-2317");
  // Without a number word, a statement or a series numbers nothing; a count of invoices is no label.
  CHECK(find_invoice_numbers("Statement 2025 summary").empty());
  CHECK(find_invoice_numbers("Number of invoices 3").empty());
}

TEST_CASE("is_bare_invoice_number_label: a label whose value is printed under it") {
  CHECK(is_bare_invoice_number_label("| Número da Nota |"));
  CHECK(is_bare_invoice_number_label("Invoice No."));
  CHECK(is_bare_invoice_number_label("Rechnungsnummer"));
  CHECK(is_bare_invoice_number_label("Statement #"));
  CHECK_FALSE(is_bare_invoice_number_label("Invoice No. 4471"));
  CHECK_FALSE(is_bare_invoice_number_label("Invoice Date"));
  CHECK_FALSE(is_bare_invoice_number_label("Data e Hora de Emissão"));
}

TEST_CASE("extract_fields: an invoice number under its label in a box's column") {
  Extraction ex = extract_fields(laid_out({{{"|", 54}, {"PREFEITURA", 96}, {"DO", 162}, {"MUNICIPIO", 180}, {"|", 420},
                                            {"Número", 432}, {"da", 474}, {"Nota", 492}, {"|", 600}},
                                           {{"|", 54}, {"SECRETARIA", 96}, {"MUNICIPAL", 162}, {"|", 420},
                                            {"00004821", 480}, {"|", 600}},
                                           {{"Valor", 54}, {"Total", 90}, {"R$", 126}, {"18.600,00", 150}}}));
  REQUIRE(ex.get("invoice_number"));
  CHECK(ex.get("invoice_number")->value == "00004821");
}

TEST_CASE("clean_merchant_name: a legal or trade name's label is not part of the name") {
  CHECK(clean_merchant_name("Nome/Razão Social: IPÊ ROXO COMUNICAÇÃO E MARKETING LTDA.") ==
        "IPÊ ROXO COMUNICAÇÃO E MARKETING LTDA.");
  CHECK(clean_merchant_name("Razón Social: Distribuidora Tecnored S.R.L.") == "Distribuidora Tecnored S.R.L.");
  CHECK(clean_merchant_name("Company name : Harbour Crest Ltd") == "Harbour Crest Ltd");
  // A name that holds such a word is left whole.
  CHECK(clean_merchant_name("Firma Kowalski Sp. z o.o.") == "Firma Kowalski Sp. z o.o.");
}

TEST_CASE("join_letter_spaced: letter-spaced capitals read as their words") {
  auto spaced = [](const std::string& text) {
    std::vector<Word> out;
    int x = 0;
    for (size_t i = 0; i < text.size();) {
      if (text[i] == ' ') {
        x += 6;
        ++i;
        continue;
      }
      size_t len = (static_cast<unsigned char>(text[i]) >= 0xC0) ? 2 : 1;
      size_t end = i + len;
      while (end < text.size() && text[end] != ' ') end += (static_cast<unsigned char>(text[end]) >= 0xC0) ? 2 : 1;
      int width = 6 * static_cast<int>(end - i) / static_cast<int>(len);
      out.push_back({text.substr(i, end - i), {x, 45, x + width, 54}, 1.0});
      x += width;
      i = end;
    }
    return out;
  };
  auto texts = [](const std::vector<Word>& words) {
    std::vector<std::string> out;
    for (const Word& w : words) out.push_back(w.text);
    return out;
  };
  using V = std::vector<std::string>;
  CHECK(texts(join_letter_spaced(spaced("K I L B R I D E   Ó   D Á L A I G H"))) == V{"KILBRIDE", "Ó", "DÁLAIGH"});
  CHECK(texts(join_letter_spaced(spaced("PRIVATE   I N V O I C E"))) == V{"PRIVATE", "INVOICE"});
  // Two capitals, small letters, or words: as they are.
  CHECK(texts(join_letter_spaced(spaced("A B TRADING"))) == V{"A", "B", "TRADING"});
  CHECK(texts(join_letter_spaced(spaced("a b c d"))) == V{"a", "b", "c", "d"});
  // Two capitals spaced as a run joined before them on the line are a word of it; alone, initials.
  CHECK(texts(join_letter_spaced(spaced("T A N E K I   &   C O"))) == V{"TANEKI", "&", "CO"});
  CHECK(texts(join_letter_spaced(spaced("A & W"))) == V{"A", "&", "W"});
  CHECK(texts(join_letter_spaced(spaced("T A N E K I   &   C   O"))) == V{"TANEKI", "&", "C", "O"});
}

TEST_CASE("domain_labels: a country's second level is no name") {
  CHECK(domain_labels("E-mail: financeiro@iperoxo.com.br") == std::vector<std::string>{"IPEROXO"});
  CHECK(domain_labels("www.harbourcrest.co.uk") == std::vector<std::string>{"HARBOURCREST"});
  CHECK(domain_labels("info@example.com.br").empty());
}

TEST_CASE("is_addressee_heading: buyers in more languages") {
  CHECK(is_addressee_heading(keyword_words("Nabywca:")));
  CHECK(is_addressee_heading(keyword_words("Odberatel:")));
  CHECK(is_addressee_heading(keyword_words("TOMADOR DE SERVIÇOS")));
  CHECK_FALSE(is_addressee_heading(keyword_words("Sprzedawca:")));
}

TEST_CASE("extract_fields: Hungarian dates of issue under their labels, a clerk is no issuer, a rate line no currency") {
  std::vector<Line> lines = laid_out({{{"DUNAPRINT", 54}, {"Számla", 396}, {"sorszáma:", 438}, {"DP-2025/00873", 500}},
                                      {{"Dunapart", 54}, {"Nyomda", 108}, {"Kft.", 150}},
                                      {{"|", 54}, {"Teljesítés", 66}, {"kelte", 132}, {"|", 168}, {"Számla", 180},
                                       {"kelte", 222}, {"|", 258}},
                                      {{"|", 54}, {"2025.05.05.", 66}, {"|", 168}, {"2025.05.06.", 180}, {"|", 258}},
                                      {{"Issued", 54}, {"by:", 96}, {"Lin", 120}, {"Kuan-ting", 144}, {"(Sales", 204}, {"Dept.)", 246}},
                                      {{"Curs", 54}, {"BNR:", 84}, {"1", 114}, {"EUR", 126}, {"=", 150}, {"4,9771", 162}, {"lei", 204}},
                                      {{"FIZETENDŐ", 54}, {"VÉGÖSSZEG:", 114}, {"557", 300}, {"054", 324}, {"Ft", 348}}});
  Extraction ex = extract_fields(lines);
  REQUIRE(ex.get("date"));
  CHECK(ex.get("date")->value == "2025-05-06");
  REQUIRE(ex.get("invoice_number"));
  CHECK(ex.get("invoice_number")->value == "DP-2025/00873");
  REQUIRE(ex.get("merchant"));
  CHECK(ex.get("merchant")->value != "Lin Kuan-ting (Sales Dept.)");
  REQUIRE(ex.get("currency"));
  CHECK(ex.get("currency")->value == "HUF");
  REQUIRE(ex.get("total"));
  CHECK(ex.get("total")->value == "557054.00");
}

TEST_CASE("extract_fields: a total's box with its amount under a note, and a totals row of net and tax") {
  Extraction ex = extract_fields(
      laid_out({{{"Nr.", 54}, {"Denumirea", 84}, {"Valoarea", 400}, {"Val.", 480}, {"TVA", 510}},
                {{"1", 54}, {"Dezvoltare", 84}, {"software", 150}, {"20.460,00", 400}, {"3.887,40", 480}},
                {{"2", 54}, {"Mentenanta", 84}, {"aplicatie", 150}, {"4.601,60", 400}, {"874,30", 480}},
                {{"Semnatura", 54}, {"si", 114}, {"stampila", 132}, {"Total", 330}, {"25.061,60", 400}, {"4.761,70", 480}},
                {{"Date", 54}, {"privind", 84}, {"expeditia:", 132}, {"|", 420}, {"Total", 432}, {"de", 468}, {"plata", 486}, {"|", 570}},
                {{"Expedierea", 54}, {"s-a", 120}, {"efectuat", 144}, {"|", 420}, {"(col.", 432}, {"5", 468}, {"+", 480},
                 {"col.", 492}, {"6)", 522}, {"|", 570}},
                {{"la", 54}, {"data", 72}, {"de", 102}, {"|", 420}, {"29.823,30", 492}, {"lei", 552}, {"|", 570}}}));
  REQUIRE(ex.get("total"));
  CHECK(ex.get("total")->value == "29823.30");
  REQUIRE(ex.get("subtotal"));
  CHECK(ex.get("subtotal")->value == "25061.60");
  REQUIRE(ex.get("tax"));
  CHECK(ex.get("tax")->value == "4761.70");
}

TEST_CASE("extract_fields: a totals row of net, tax and gross under its columns, over table rows read first") {
  Extraction ex = extract_fields(lines_from_text(R"(FEE NOTE
Fee note no.: KB/30551                         Date / tax point: 2 April 2025
                                            Net          VAT        Gross
Professional charges                   1,900.00       380.00     2,280.00
Courier                                   30.00         6.00        36.00
Disbursements (outside the scope of VAT)
  Search fees                             12.00            -        12.00
TOTALS                                 1,942.00       386.00     2,328.00
                             Total of this fee note             £2,328.00
                             Less: money held on account       -£500.00)"));
  REQUIRE(ex.get("total"));
  CHECK(ex.get("total")->value == "2328.00");
  REQUIRE(ex.get("subtotal"));
  CHECK(ex.get("subtotal")->value == "1942.00");
  REQUIRE(ex.get("tax"));
  CHECK(ex.get("tax")->value == "386.00");
  REQUIRE(ex.get("invoice_number"));
  CHECK(ex.get("invoice_number")->value == "KB/30551");
}

TEST_CASE("extract_fields: the issuer's domain, not the customer's under its heading; a legal name over its one word") {
  // "Bill to" heads the customer's column beside another heading; its e-mail names the
  // customer, whose name has the legal form.
  Extraction api = extract_fields(laid_out({{{"T", 54}, {"E", 66}, {"N", 78}, {"S", 90}, {"O", 102}, {"R", 114}, {"L", 126}, {"O", 138},
                                             {"O", 150}, {"M", 162}, {"INVOICE", 480}},
                                            {{"Invoice", 54}, {"number", 102}, {"5B1C-0012", 150}, {"Quarry", 330}, {"Point", 372}, {"Computing,", 408}, {"Inc.", 474}},
                                            {{"Date", 54}, {"of", 84}, {"issue", 102}, {"April", 150}, {"1,", 186}, {"2025", 204}},
                                            {{"billing@tlcloud.example.com", 330}},
                                            {{"Bill", 54}, {"to", 84}, {"Account", 300}, {"details", 348}},
                                            {{"Larkspur", 54}, {"Analytics", 108}, {"LLC", 168}, {"Organization:", 300}, {"larkspur-analytics", 384}},
                                            {{"Attn:", 54}, {"Dana", 90}, {"Whitcomb", 120}},
                                            {{"1180", 54}, {"Quarrystone", 84}, {"Blvd", 156}},
                                            {{"ap@larkspur.example.com", 54}},
                                            {{"Total", 54}, {"USD", 330}, {"477.18", 360}}}));
  REQUIRE(api.get("merchant"));
  CHECK(api.get("merchant")->value != "Larkspur Analytics LLC");
  // A letter-spaced brand that is the legal name's first word, spelled by the domain: the
  // legal name printed under it stays.
  Extraction meter = extract_fields(laid_out({{{"M", 330}, {"E", 342}, {"T", 354}, {"E", 366}, {"R", 378}, {"L", 390}, {"I", 402}, {"N", 414}, {"E", 426}},
                                              {{"Meterline", 330}, {"Utility", 390}, {"Services", 438}, {"(Pty)", 492}, {"Ltd", 528}},
                                              {{"queries@meterline.example.com", 330}},
                                              {{"TAX", 54}, {"INVOICE", 78}, {"Invoice", 330}, {"no.", 378}, {"MU2503-00417", 402}},
                                              {{"Invoice", 54}, {"date", 102}, {"2025/03/05", 132}},
                                              {{"TOTAL", 54}, {"INCLUDING", 90}, {"VAT", 150}, {"R", 330}, {"24", 342}, {"193.57", 360}}}));
  REQUIRE(meter.get("merchant"));
  CHECK(meter.get("merchant")->value == "Meterline Utility Services (Pty) Ltd");
  // A name with accents its domain spells without them.
  Extraction studio = extract_fields(laid_out({{{"STUDIO", 54}, {"LJUSFÄLT", 96}, {"FAKTURA", 480}},
                                               {{"Fakturanr", 300}, {"1043", 400}},
                                               {{"Fakturadatum", 300}, {"2025-08-14", 400}},
                                               {{"Norrviken", 300}, {"Fastighetsförvaltning", 360}, {"AB", 492}},
                                               {{"Att:", 300}, {"Maria", 330}, {"Holm", 366}},
                                               {{"ATT", 54}, {"BETALA", 78}, {"SEK", 300}, {"18", 330}, {"394,00", 348}},
                                               {{"elin@ljusfalt.example.com", 54}}}));
  REQUIRE(studio.get("merchant"));
  CHECK(studio.get("merchant")->value == "STUDIO LJUSFÄLT");
  // The domain spells the name's first words; the rest joins them with "&" up to the legal form.
  Extraction signs = extract_fields(laid_out({{{"INVOICE", 54}, {"CEDARLINE", 330}, {"SIGNS", 390}, {"&", 426}, {"GRAPHICS", 438}, {"LTD.", 492}},
                                              {{"418", 330}, {"Marine", 354}, {"Drive", 396}},
                                              {{"shop@cedarlinesigns.example.com", 330}},
                                              {{"Invoice", 54}, {"No.", 102}, {"CS-2207", 132}},
                                              {{"Date:", 54}, {"March", 90}, {"10,", 126}, {"2025", 150}},
                                              {{"TOTAL", 54}, {"CAD", 330}, {"1,814.40", 360}}}));
  REQUIRE(signs.get("merchant"));
  CHECK(signs.get("merchant")->value == "CEDARLINE SIGNS & GRAPHICS LTD.");
  // A letterhead in spaced letters over two lines, the second one word, "+" between the names.
  Extraction office = extract_fields(laid_out({{{"H", 330}, {"O", 342}, {"L", 354}, {"T", 366}, {"+", 390}, {"W", 414}, {"E", 426},
                                                {"B", 438}, {"E", 450}, {"R", 462}},
                                               {{"A", 330}, {"R", 342}, {"C", 354}, {"H", 366}, {"I", 378}, {"T", 390}, {"E", 402},
                                                {"K", 414}, {"T", 426}, {"E", 438}, {"N", 450}},
                                               {{"buero@holt-weber.example.com", 330}},
                                               {{"Rechnung", 54}, {"Nr.", 108}, {"HW-2025-014", 132}},
                                               {{"Datum:", 54}, {"12.05.2025", 96}},
                                               {{"Gesamtbetrag", 54}, {"EUR", 330}, {"4.210,00", 360}}}));
  REQUIRE(office.get("merchant"));
  CHECK(office.get("merchant")->value == "HOLT + WEBER ARCHITEKTEN");
  // "S.A. DE C.V." in capitals is whole.
  Extraction gas = extract_fields(laid_out({{{"GAS", 54}, {"DEL", 78}, {"VALLE", 102}, {"NORTE,", 138}, {"S.A.", 180}, {"DE", 210}, {"C.V.", 228}},
                                            {{"facturas@gasvallenorte.example.com", 54}},
                                            {{"Factura", 54}, {"Serie", 102}, {"y", 138}, {"Folio:", 150}, {"G-88120", 192}},
                                            {{"Fecha:", 54}, {"14/05/2025", 96}},
                                            {{"Total", 54}, {"$", 330}, {"9,223.58", 342}}}));
  REQUIRE(gas.get("merchant"));
  CHECK(gas.get("merchant")->value == "GAS DEL VALLE NORTE, S.A. DE C.V.");
}

TEST_CASE("find_invoice_numbers: a bank account is no invoice, a Vietnamese number is") {
  CHECK(find_invoice_numbers("Tekuci racun: 265-1100310012345-67 (Posavska banka a.d.)").empty());
  CHECK(find_invoice_number("KUPAC:        FAKTURA - RACUN br.   0311/2025") == "0311/2025");
  CHECK(find_invoice_number("(VAT INVOICE)      So (No.):         00000127") == "00000127");
}

TEST_CASE("classify_amount_line: what is still to pay in instalments, and I.G.V.") {
  CHECK(classify_amount_line("Monto neto pendiente de pago : S/ 27,065.21") == AmountRole::none);
  CHECK(classify_amount_line("I.G.V. 18%              S/   4,128.59") == AmountRole::tax);
}

TEST_CASE("extract_fields: a letter's place and date, an event's date, a supplier's column, a number in a box") {
  std::vector<Line> lines = laid_out(
      {{{"|", 300}, {"FACTURA", 312}, {"ELECTRÓNICA", 360}, {"|", 450}},
       {{"|", 300}, {"F002-00031457", 324}, {"|", 450}},
       {{"RECIPIENT", 54}, {"SUPPLIER", 300}},
       {{"----------", 54}, {"----------", 300}},
       {{"Name:", 54}, {"Dobrudzha", 96}, {"Grain", 156}, {"OOD", 192}, {"Name:", 300}, {"Vitosha", 342}, {"Bytes", 390},
        {"EOOD", 426}},
       {{"Liège,", 330}, {"le", 372}, {"16", 390}, {"juin", 408}, {"2025", 438}},
       {{"Date", 54}, {"de", 84}, {"l'événement", 102}, {":", 174}, {"14/06/2025", 186}},
       {{"Total", 300}, {"EUR", 336}, {"120,00", 360}}});
  Extraction ex = extract_fields(lines);
  REQUIRE(ex.get("date"));
  CHECK(ex.get("date")->value == "2025-06-16");
  REQUIRE(ex.get("invoice_number"));
  CHECK(ex.get("invoice_number")->value == "F002-00031457");
  REQUIRE(ex.get("merchant"));
  CHECK(ex.get("merchant")->value == "Vitosha Bytes EOOD");
  CHECK(is_addressee_heading(keyword_words("Señor(es) : COMPAÑÍA MINERA CERRO LLACSA S.A.")));
  CHECK(is_addressee_heading(keyword_words("KUPAC:")));
}

TEST_CASE("clean_merchant_name: a brand beside its legal name, a description after the legal form, two companies") {
  CHECK(clean_merchant_name("RAVI CRESCENT RAVI CRESCENT TEXTILE MILLS (PVT.) LTD.") ==
        "RAVI CRESCENT TEXTILE MILLS (PVT.) LTD.");
  CHECK(clean_merchant_name("SAM SAM TRADING CO") == "SAM SAM TRADING CO");
  CHECK(clean_merchant_name("Jadranski Vjetar d.o.o. za nauticki turizam") == "Jadranski Vjetar d.o.o.");
  CHECK(clean_merchant_name("Stolarnia Kazimierz Sp. z o.o.") == "Stolarnia Kazimierz Sp. z o.o.");
  CHECK(clean_merchant_name("Dunapart Nyomda és Reklám Kft. Zöldkert Bisztró Kft.") == "Dunapart Nyomda és Reklám Kft.");
  CHECK(clean_merchant_name("Harbour Crest Pty Ltd") == "Harbour Crest Pty Ltd");
}

TEST_CASE("has_company_suffix: legal forms written as one word") {
  for (const char* name : {"Jadranski Vjetar d.o.o.", "Vitosha Bytes EOOD", "Dunapart Kft.", "Nordvig Design ApS",
                           "Nile Oak S.A.E.", "Suministros Huascarán S.A.C."})
    CHECK_MESSAGE(has_company_suffix(keyword_words(name)), name);
  CHECK_FALSE(has_company_suffix(keyword_words("SIAM ORANGE JUICE")));
}

TEST_CASE("split_box_rules: a rule glued to a text layer's word is no digit") {
  std::vector<Word> words = {{"0.00|", {100, 0, 130, 9}, 1.0}, {"|Total", {200, 0, 236, 9}, 1.0}, {"l2.50", {300, 0, 330, 9}, 0.8},
                             {"4|", {400, 0, 412, 9}, 0.7}};
  auto out = split_box_rules(words);
  std::vector<std::string> texts;
  for (const Word& w : out) texts.push_back(w.text);
  CHECK(texts == std::vector<std::string>{"0.00", "|", "|", "Total", "l2.50", "4|"});
  CHECK(out[0].box.right < out[1].box.left + 7);
}

TEST_CASE("classify_amount_line: what is paid after withholdings is no net amount") {
  CHECK(classify_amount_line("NET AMOUNT PAYABLE PHP 1,293,676.00") == AmountRole::none);
  CHECK(classify_amount_line("Net amount 1,208,360.00") == AmountRole::subtotal);
}
