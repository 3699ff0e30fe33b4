#include "settle/assumptions.h"

#include <fmt/format.h>

#include <cmath>

#include "io/toml_fields.h"

namespace corridor::settle {

namespace {

using io::TomlFields;

void Provenance(TomlFields& f, std::string* source, std::string* confidence) {
  if (auto s = f.String("source", true)) *source = *s;
  if (confidence) {
    if (auto c = f.String("confidence", true)) *confidence = *c;
  }
}

const toml::table* SubTable(const toml::table& root, std::string_view key, const std::string& file,
                            Diagnostics& diags) {
  const toml::node* n = root.get(key);
  if (!n) return nullptr;
  if (!n->as_table()) {
    diags.Error(file, io::LineOf(*n), std::string(key), "must be a table");
    return nullptr;
  }
  return n->as_table();
}

void ReadRates(const toml::table& t, const std::string& file, SettlementAssumptions& a,
               Diagnostics& diags) {
  TomlFields f(t, file, io::LineOf(t), "reference_rates: ", diags);
  for (Currency c : {Currency::kCny, Currency::kRub, Currency::kEur}) {
    if (auto v = f.Number(CurrencyCode(c), true, Bounds::Range(1e-6, 1e6))) {
      a.rates.per_usd[static_cast<int>(c)] = *v;
    }
  }
  Provenance(f, &a.rates_source, &a.rates_confidence);
  f.WarnUnreadKeys();
}

void ReadMix(const toml::table& t, const std::string& file, const std::string& context,
             CurrencyMix& mix, Diagnostics& diags) {
  TomlFields f(t, file, io::LineOf(t), context, diags);
  double sum = 0.0;
  for (Currency c : kCurrencies) {
    if (auto v = f.Number(CurrencyCode(c), true, Bounds::Fraction())) {
      mix.share[static_cast<int>(c)] = *v;
      sum += *v;
    }
  }
  Provenance(f, &mix.source, &mix.confidence);
  if (!f.had_error() && std::fabs(sum - 1.0) > 1e-9) {
    diags.Error(file, io::LineOf(t), "", fmt::format("{}shares must sum to 1, got {}", context, sum));
  }
  f.WarnUnreadKeys();
}

void ReadFirms(const toml::table& t, const std::string& file, SettlementAssumptions& a,
               Diagnostics& diags) {
  TomlFields f(t, file, io::LineOf(t), "firms: ", diags);
  if (auto v = f.Number("per_region", true, Bounds::Range(1, 100000))) a.firms_per_region = static_cast<int>(*v);
  if (auto v = f.Number("pareto_alpha", true, Bounds::Range(0.1, 10))) a.pareto_alpha = *v;
  if (auto v = f.Number("banks_per_country", true, Bounds::Range(1, 10000))) a.banks_per_country = static_cast<int>(*v);
  Provenance(f, &a.firms_source, &a.firms_confidence);
  f.WarnUnreadKeys();
}

void ReadInvoices(const toml::table& t, const std::string& file, SettlementAssumptions& a,
                  Diagnostics& diags) {
  TomlFields f(t, file, io::LineOf(t), "invoices: ", diags);
  if (auto v = f.Number("invoice_usd", true, Bounds::Range(1, 1e12))) a.invoice_usd = *v;
  if (auto v = f.Number("max_per_flow", true, Bounds::Range(1, 1e6))) a.max_invoices_per_flow = static_cast<int>(*v);
  if (const toml::node* n = f.Get("month_weights")) {
    const toml::array* arr = n->as_array();
    bool ok = arr && arr->size() == 12;
    for (std::size_t m = 0; ok && m < 12; ++m) {
      const auto w = arr->get(m)->value<double>();
      ok = w && std::isfinite(*w) && *w >= 0 && *w <= 1e6;
      if (ok) a.month_weights[m] = *w;
    }
    if (!ok) f.Error("month_weights", "must be an array of 12 numbers >= 0");
  }
  Provenance(f, &a.invoices_source, nullptr);
  f.WarnUnreadKeys();
}

void ReadTransport(const toml::table& t, const std::string& file, SettlementAssumptions& a,
                   Diagnostics& diags) {
  TomlFields f(t, file, io::LineOf(t), "transport: ", diags);
  if (auto v = f.Number("foreign_share", true, Bounds::Fraction())) a.transport_foreign_share = *v;
  if (auto v = f.Number("carriers_per_country", true, Bounds::Range(1, 10000))) a.carriers_per_country = static_cast<int>(*v);
  if (auto v = f.Number("invoice_usd", true, Bounds::Range(1, 1e12))) a.transport_invoice_usd = *v;
  Provenance(f, &a.transport_source, &a.transport_confidence);
  f.WarnUnreadKeys();
}

}  // namespace

Result<SettlementAssumptions> ParseAssumptions(std::string_view text, const std::string& file,
                                               Diagnostics& diags) {
  Diagnostics local;
  SettlementAssumptions a;
  if (auto root = io::ParseToml(text, file, local)) {
    TomlFields f(*root, file, 1, "", local);
    if (auto v = f.Integer("seed", false)) a.seed = static_cast<std::uint64_t>(*v);
    if (auto v = f.Integer("year", false)) {
      if (*v < 1900 || *v > 2199) f.Error("year", fmt::format("must be between 1900 and 2199, got {}", *v));
      else a.year = static_cast<int>(*v);
    }
    if (const auto* t = SubTable(*root, "reference_rates", file, local)) { f.Get("reference_rates"); ReadRates(*t, file, a, local); }
    if (const auto* t = SubTable(*root, "firms", file, local)) { f.Get("firms"); ReadFirms(*t, file, a, local); }
    if (const auto* t = SubTable(*root, "invoices", file, local)) { f.Get("invoices"); ReadInvoices(*t, file, a, local); }
    if (const auto* t = SubTable(*root, "transport", file, local)) { f.Get("transport"); ReadTransport(*t, file, a, local); }
    if (const auto* t = SubTable(*root, "currency_mix", file, local)) {
      f.Get("currency_mix");
      ReadMix(*t, file, "currency_mix: ", a.mix, local);
    }
    if (const auto* t = SubTable(*root, "currency_mix_by_scenario", file, local)) {
      f.Get("currency_mix_by_scenario");
      for (const auto& [name, node] : *t) {
        const std::string key(name.str());
        if (const toml::table* mt = node.as_table()) {
          ReadMix(*mt, file, "currency_mix_by_scenario." + key + ": ", a.mix_by_scenario[key], local);
        } else {
          local.Error(file, io::LineOf(node), key, "must be a table of currency shares");
        }
      }
    }
    f.WarnUnreadKeys();
  }
  diags.Append(local);
  if (local.has_errors()) return local.ToStatus(file);
  return a;
}

std::vector<Assumption> SettlementAssumptions::List(const std::string& scenario) const {
  const CurrencyMix& m = MixFor(scenario);
  std::vector<Assumption> out;
  out.push_back({"reference rates (units per USD)",
                 fmt::format("CNY {}, RUB {}, EUR {}", rates.per_usd[1], rates.per_usd[2], rates.per_usd[3]),
                 rates_source, rates_confidence});
  out.push_back({"invoice currency mix",
                 fmt::format("USD {:.0f}%, CNY {:.0f}%, RUB {:.0f}%, EUR {:.0f}%", 100 * m.share[0],
                             100 * m.share[1], 100 * m.share[2], 100 * m.share[3]),
                 m.source, m.confidence});
  out.push_back({"firms", fmt::format("{} per region, Pareto index {}, {} banks per country",
                                      firms_per_region, pareto_alpha, banks_per_country),
                 firms_source, firms_confidence});
  out.push_back({"invoices", fmt::format("about {} USD each, at most {} per flow, year {}",
                                         invoice_usd, max_invoices_per_flow, year),
                 invoices_source, "estimate"});
  out.push_back({"transport services",
                 fmt::format("{:.0f}% of the transport bill paid abroad, {} carriers per country, "
                             "invoices of {} USD",
                             100 * transport_foreign_share, carriers_per_country, transport_invoice_usd),
                 transport_source, transport_confidence});
  out.push_back({"seed", std::to_string(seed), "fixed; the same seed gives the same obligations", ""});
  return out;
}

}  // namespace corridor::settle
