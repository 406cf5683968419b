#pragma once
// Whether an address's postcode belongs to the state it names (pure functions, no I/O).
//
// Postcodes are assigned by region: Malaysia's first two digits by state (Johor 79-86,
// Selangor 40-48 and 63-68, ...), the United States' first digit by state (TX 7, CA 9). An
// address that names a state and holds a postcode of another was misread in one of them, and
// OCR misreads digits (6 for 8, 3 for 5) far more often than it turns one state's name into
// another's. Only states whose postcodes are known are checked; any other address is left alone.
#include <string>
#include <string_view>

namespace receiptocr {

struct PostcodeCheck {
  bool checked = false;     // the address names a known state and holds a postcode to compare
  bool consistent = true;   // the postcode (one of them, when several) belongs to a state named
  std::string postcode;     // the postcode that does not fit, as read (empty when consistent)
  // The address with the one change of one of the postcode's leading digits that makes it the
  // named state's ("61700 PASIR GUDANG, JOHOR" -> "81700 ..."); empty when no such change or
  // more than one fits, or when the address holds several postcodes.
  std::string corrected;
  bool operator==(const PostcodeCheck&) const = default;
};

// Checks the postcode of an address against the states it names. Malaysia: a state's name
// as words ("JOHOR", "SELANGOR", "KUALA LUMPUR", "KL", "PULAU PINANG"/"PENANG", ...) and a
// standalone five-digit number. Kuala Lumpur, Selangor and Putrajaya are named loosely for one
// another ("Ampang, 68000 Kuala Lumpur"), so any of their codes is consistent with any of them,
// but a correction must land in the named state's own. With no five-digit number, a
// four-digit one between a comma and the state's name ("SETAPAK, 3200, KUALA LUMPUR") is a
// postcode that lost a digit: inconsistent, with no correction. United States: a state's two capitals
// right before a ZIP code ("Austin, TX 78701", "CA 94105-1234").
PostcodeCheck check_postcode(std::string_view address);

}  // namespace receiptocr
