#include <doctest/doctest.h>

#include "print_helpers.hpp"

#include <string>

#include "receiptocr/postcode.hpp"

using namespace receiptocr;

TEST_CASE("check_postcode: a Malaysian postcode of the state named is consistent") {
  for (const char* address : {"NO.53 55,57 & 59, JALAN SAGU 18, TAMAN DAYA, 81100 JOHOR BAHRU, JOHOR.",
                              "NO. 17-G, JALAN SETIA INDAH (X) U13/X, SETIA ALAM, 40170 SHAH ALAM, SELANGOR",
                              "LOT 50, FLOOR T2,SKY AVENUE GENTING HIGHLANDS PAHANG, 69000 PAHANG MALAYSIA",
                              "23, Jln Burung Jentayu, Tmn Bukit Maluri, Kepong, 52100 KL.",
                              "No 5, Lebuh Pantai, 10300 Pulau Pinang"}) {
    CAPTURE(address);
    PostcodeCheck c = check_postcode(address);
    CHECK(c.checked);
    CHECK(c.consistent);
    CHECK(c.corrected.empty());
  }
}

TEST_CASE("check_postcode: a misread leading digit is another state's, and the one fix is offered") {
  PostcodeCheck c = check_postcode("NO 4,JALAN PERJIRANAN 10, TAMAN AIR BIRU, 61700 PASIR GUDANG, JOHOR.");
  CHECK(c.checked);
  CHECK_FALSE(c.consistent);
  CHECK(c.postcode == "61700");
  CHECK(c.corrected == "NO 4,JALAN PERJIRANAN 10, TAMAN AIR BIRU, 81700 PASIR GUDANG, JOHOR.");
  // The second digit: Pahang's 69 (Genting Highlands) is the only Pahang code one digit from 63.
  CHECK(check_postcode("Lot 50, Sky Avenue Genting Highlands Pahang, 63000 Pahang Malaysia").corrected ==
        "Lot 50, Sky Avenue Genting Highlands Pahang, 69000 Pahang Malaysia");
  CHECK(check_postcode("LOT 1-0-2, JLN 1/50, OFF JLN GOMBAK 93000 KUALA LUMPUR").corrected ==
        "LOT 1-0-2, JLN 1/50, OFF JLN GOMBAK 53000 KUALA LUMPUR");
}

TEST_CASE("check_postcode: no fix when several digits would do, or when the code is the state's neighbour's") {
  // 32080 KL: 52080 is the only Kuala Lumpur code one digit away (42080 is Selangor's).
  CHECK(check_postcode("Bandar Sri D'sara, 32080 KL").corrected == "Bandar Sri D'sara, 52080 KL");
  // Johor (79-86) from 90000: 80000 only.
  CHECK(check_postcode("90000 JOHOR").corrected == "80000 JOHOR");
  // Selangor from 50000 KL-style: Kuala Lumpur, Selangor and Putrajaya name each other loosely.
  PostcodeCheck loose = check_postcode("Jalan Ampang, 68000 Kuala Lumpur");
  CHECK(loose.checked);
  CHECK(loose.consistent);
  // Perak (30-36) from 38000: 30000, 31000, ... 36000 by the second digit, 33 ... no: several.
  PostcodeCheck several = check_postcode("Jalan Besar, 38000 Ipoh, Perak");
  CHECK_FALSE(several.consistent);
  CHECK(several.postcode == "38000");
  CHECK(several.corrected.empty());
  // Two five-digit numbers and neither fits: flagged, nothing changed.
  PostcodeCheck two = check_postcode("12345 Jalan Besar, 91750 Johor");
  CHECK_FALSE(two.consistent);
  CHECK(two.corrected.empty());
}

TEST_CASE("check_postcode: a leading digit read as a letter") {
  // S is 5 or 8: Johor's is 8, Kuala Lumpur's 5.
  PostcodeCheck johor = check_postcode("27, JALAN DEDAP 13, TAMAN JOHOR JAYA, S1100 JOHOR BAHRU, JOHOR.");
  CHECK_FALSE(johor.consistent);
  CHECK(johor.postcode == "S1100");
  CHECK(johor.corrected == "27, JALAN DEDAP 13, TAMAN JOHOR JAYA, 81100 JOHOR BAHRU, JOHOR.");
  CHECK(check_postcode("NO 290, JALAN AIR PANAS, SETAPAK, S3200, KUALA LUMPUR.").corrected ==
        "NO 290, JALAN AIR PANAS, SETAPAK, 53200, KUALA LUMPUR.");
  CHECK(check_postcode("B1750 PLENTONG, JOHOR").corrected == "81750 PLENTONG, JOHOR");
  // Neither digit an S stands for is Perak's: flagged, nothing changed.
  PostcodeCheck perak = check_postcode("S1234 IPOH, PERAK");
  CHECK_FALSE(perak.consistent);
  CHECK(perak.corrected.empty());
  // A letter no digit is read as, or one inside a word, is not a postcode.
  CHECK_FALSE(check_postcode("X1100 JOHOR BAHRU, JOHOR").checked);
  CHECK_FALSE(check_postcode("JALAN SS1100, JOHOR").checked);
  // A printed postcode that fits is enough, whatever else is lettered.
  CHECK(check_postcode("LOT S1234, 81100 JOHOR BAHRU").consistent);
}

TEST_CASE("check_postcode: one fitting number among several is enough") {
  CHECK(check_postcode("12345 Jalan Besar, 81750 Johor").consistent);
}

TEST_CASE("check_postcode: what is not a postcode, or names no known state, is not checked") {
  // No state named.
  CHECK_FALSE(check_postcode("109, SS21/1A, DAMANSARA UTAMA, 47400 PETALING JAYA").checked);
  // A street named after a state is the street's name: the state is Kuala Lumpur's here.
  CHECK(check_postcode("NO 5, JALAN PAHANG, 53000 KUALA LUMPUR").consistent);
  PostcodeCheck street_only = check_postcode("NO 5, JALAN PAHANG, 53000");
  CHECK_FALSE(street_only.checked);
  // House numbers and codes joined to other characters are not postcodes.
  CHECK_FALSE(check_postcode("NO.12345 JALAN MAJU, JOHOR").checked);
  CHECK_FALSE(check_postcode("LOT 12345-A, JALAN MAJU, JOHOR").checked);
  CHECK_FALSE(check_postcode("JALAN 7/12345, JOHOR").checked);
  CHECK_FALSE(check_postcode("NO 1234, JOHOR").checked);
  CHECK_FALSE(check_postcode("NO 123456, JOHOR").checked);
  CHECK_FALSE(check_postcode("").checked);
}

TEST_CASE("check_postcode: a postcode that lost a digit, between a comma and the state") {
  PostcodeCheck lost = check_postcode("NO 290, JALAN AIR PANAS, SETAPAK, 3200, KUALA LUMPUR.");
  CHECK(lost.checked);
  CHECK_FALSE(lost.consistent);
  CHECK(lost.postcode == "3200");
  CHECK(lost.corrected.empty());
  CHECK_FALSE(check_postcode("TAMAN DAYA, 8110 JOHOR").consistent);
  CHECK_FALSE(check_postcode("TAMAN DAYA,8110, Johor Bahru, Johor").consistent);  // the city is the state's
  // A house number, a number joined to others, or no state right after: not checked.
  CHECK_FALSE(check_postcode("NO 1234, JOHOR").checked);
  CHECK_FALSE(check_postcode("JALAN MAJU, 1234-A, JOHOR").checked);
  CHECK_FALSE(check_postcode("JALAN MAJU, 1234, TAMAN DAYA, JOHOR").checked);
}

TEST_CASE("check_postcode: a US ZIP code against the state before it") {
  PostcodeCheck ok = check_postcode("1 Infinite Loop, Cupertino, CA 95014");
  CHECK(ok.checked);
  CHECK(ok.consistent);
  CHECK(check_postcode("500 Congress Ave, Austin, TX 78701-1234").consistent);
  CHECK(check_postcode("Austin, TX. 78701").consistent);
  PostcodeCheck bad = check_postcode("500 Congress Ave, Austin, TX 18701");
  CHECK_FALSE(bad.consistent);
  CHECK(bad.postcode == "18701");
  CHECK(bad.corrected == "500 Congress Ave, Austin, TX 78701");
  // New York's codes start with 0 or 1: a flag, no fix.
  PostcodeCheck ny = check_postcode("New York, NY 30001");
  CHECK_FALSE(ny.consistent);
  CHECK(ny.corrected.empty());
  CHECK(check_postcode("New York, NY 10001").consistent);
  // Lower case, or two capitals inside a word, are not a state.
  CHECK_FALSE(check_postcode("Open in 12345 ways").checked);
  CHECK_FALSE(check_postcode("ACME TX12345").checked);
  CHECK_FALSE(check_postcode("Order TXA 12345").checked);
}
