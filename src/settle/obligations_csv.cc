#include "settle/obligations_csv.h"

#include <fmt/format.h>

#include <array>

#include "io/csv.h"

namespace corridor::settle {

namespace {

constexpr std::array<io::CsvColumn, 9> kColumns{{{"payer", true},
                                                 {"payee", true},
                                                 {"currency", true},
                                                 {"amount", true},
                                                 {"value_date", true},
                                                 {"payer_bank", false},
                                                 {"payer_country", false},
                                                 {"payee_bank", false},
                                                 {"payee_country", false}}};

std::string Quoted(std::string_view v) { return fmt::format("\"{}\"", v); }

// A party and its institutions: bank defaults to the party itself, country to "?".
int ReadParty(io::CsvRow& row, ObligationSet& set, std::string_view role,
              const std::string& id) {
  const std::string bank_col = std::string(role) + "_bank";
  const std::string country_col = std::string(role) + "_country";
  std::string bank = row.OptionalText(bank_col);
  std::string country = row.OptionalText(country_col);
  if (bank.empty()) bank = id;
  if (country.empty()) country = "?";
  bool conflict = false;
  const int index = set.Party(id, bank, country, &conflict);
  if (conflict) {
    row.Error(std::string(role),
              fmt::format("{}: party already given another bank or country (bank {}, country {})",
                          Quoted(id), bank, country));
  }
  return index;
}

void ReadRow(io::CsvRow& row, ObligationSet& set) {
  const auto payer = row.RequiredText("payer");
  const auto payee = row.RequiredText("payee");
  const auto currency_text = row.RequiredText("currency");
  const auto amount_text = row.RequiredText("amount");
  const auto date_text = row.RequiredText("value_date");
  if (payer && payee && *payer == *payee) {
    row.Error("payee", fmt::format("{}: must differ from the payer", Quoted(*payee)));
  }
  std::optional<Currency> currency;
  if (currency_text) {
    currency = ParseCurrency(*currency_text);
    if (!currency) {
      row.Error("currency", fmt::format("{}: unknown currency (known: USD, CNY, RUB, EUR)",
                                        Quoted(*currency_text)));
    }
  }
  std::optional<Minor> amount;
  if (amount_text) {
    std::string why;
    amount = ParseAmount(*amount_text, &why);
    if (!amount) {
      row.Error("amount", fmt::format("{}: {}", Quoted(*amount_text), why));
    } else if (*amount <= 0) {
      row.Error("amount", fmt::format("{}: must be > 0", Quoted(*amount_text)));
      amount.reset();
    }
  }
  std::optional<Day> date;
  if (date_text) {
    date = ParseDate(*date_text);
    if (!date) {
      row.Error("value_date", fmt::format("{}: must be an ISO 8601 date YYYY-MM-DD (1900 to 2199)",
                                          Quoted(*date_text)));
    }
  }
  if (row.had_error() || !payer || !payee || !currency || !amount || !date) return;
  const int from = ReadParty(row, set, "payer", *payer);
  const int to = ReadParty(row, set, "payee", *payee);
  if (row.had_error()) return;
  set.Add({from, to, *currency, *date, *amount, row.line()});
}

}  // namespace

Result<ObligationSet> ParseObligationsCsv(std::string_view text, const std::string& file,
                                          Diagnostics& diags) {
  Diagnostics local;
  const io::CsvTable table = io::ParseCsv(text, file, local);
  ObligationSet set;
  set.source = file;
  if (io::CheckColumns(table, kColumns, local)) {
    for (const io::CsvRecord& record : table.records) {
      io::CsvRow row(table, record, local);
      ReadRow(row, set);
    }
  }
  if (!local.has_errors() && set.obligations.empty()) {
    local.Error(file, 0, "", "has no obligations");
  }
  diags.Append(local);
  if (local.has_errors()) return local.ToStatus(file);
  return set;
}

}  // namespace corridor::settle
