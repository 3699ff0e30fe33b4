// Reading a user's obligations (docs/file_formats.md, "Obligations CSV"): columns
// payer, payee, currency (ISO 4217: USD, CNY, RUB, EUR), amount (decimal, major
// units, parsed exactly into minor units), value_date (ISO 8601 YYYY-MM-DD), and
// optionally payer_bank, payer_country, payee_bank, payee_country. Every bad row is
// reported, located ("obligations.csv:12: amount \"-5\": must be > 0"); a file with
// any error gives no obligations at all.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "settle/obligations.h"

namespace corridor::settle {

// Rows with payer == payee, a non-positive, NaN or malformed amount, an unknown
// currency, a malformed date, more than 2 decimals or an amount past 64-bit minor
// units are errors; so is a party given two different banks or countries.
Result<ObligationSet> ParseObligationsCsv(std::string_view text, const std::string& file,
                                          Diagnostics& diags);

}  // namespace corridor::settle
