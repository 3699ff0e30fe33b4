#include "settle/netting.h"

#include <fmt/format.h>

#include <algorithm>
#include <span>
#include <tuple>

#include "settle/compression.h"

namespace corridor::settle {

std::string_view CycleName(Cycle c) {
  switch (c) {
    case Cycle::kDay: return "day";
    case Cycle::kWeek: return "week";
    case Cycle::kMonth: return "month";
  }
  return "month";
}

std::optional<Cycle> ParseCycle(std::string_view name) {
  for (Cycle c : {Cycle::kDay, Cycle::kWeek, Cycle::kMonth}) {
    if (CycleName(c) == name) return c;
  }
  return std::nullopt;
}

namespace {
// 1970-01-01 was a Thursday: day + 3 counts from a Monday.
std::int32_t FloorDiv(std::int32_t a, std::int32_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }
}  // namespace

std::int32_t CycleKey(Day day, Cycle cycle) {
  switch (cycle) {
    case Cycle::kDay: return day;
    case Cycle::kWeek: return FloorDiv(day + 3, 7);
    case Cycle::kMonth: {
      int y = 0, m = 0, d = 0;
      CivilFromDay(day, &y, &m, &d);
      return y * 12 + (m - 1);
    }
  }
  return day;
}

std::string CycleLabel(std::int32_t key, Cycle cycle) {
  switch (cycle) {
    case Cycle::kDay: return FormatDate(key);
    case Cycle::kWeek: {
      const Day monday = key * 7 - 3;
      const Day thursday = monday + 3;  // names the ISO week and its year
      int y = 0, m = 0, d = 0;
      CivilFromDay(thursday, &y, &m, &d);
      const int week = (thursday - DayFromCivil(y, 1, 1)) / 7 + 1;
      return fmt::format("{:04}-W{:02}", y, week);
    }
    case Cycle::kMonth: return fmt::format("{:04}-{:02}", key / 12, key % 12 + 1);
  }
  return "";
}

namespace {

struct Row {
  std::int32_t key;
  std::int32_t payer;
  std::int32_t payee;
  std::int32_t line;
  Minor amount;
  std::uint8_t currency;
};

struct DirEdge {
  std::int32_t payer, payee;
  Minor amount;
};

// What a group's netting needs beyond its rows: scratch arrays sized to the parties,
// reused from group to group (only the touched entries are reset).
class Netter {
 public:
  Netter(const ObligationSet& set, const SettleOptions& options, SettleResult& out)
      : set_(set), options_(options), out_(out), pos_(set.parties.size(), 0),
        check_(set.parties.size(), 0), local_(set.parties.size(), -1),
        country_pos_(set.countries.size(), 0) {}

  Status Run(std::span<const Row> rows, Group& group, std::int32_t group_index);

 private:
  Status Overflow(const Group& g, std::string_view what, int line = 0) const {
    const std::string where = line > 0 ? fmt::format("{}:{}: ", set_.source, line) : "";
    return InvalidInput(fmt::format("{}cycle {} currency {}: {} overflows 64-bit minor units",
                                    where, CycleLabel(g.cycle_key, out_.cycle),
                                    CurrencyCode(g.currency), what));
  }
  void Fail(const Group& g, std::string what) {
    out_.check.passed = false;
    if (out_.check.failures.size() < 10) {
      out_.check.failures.push_back(fmt::format("cycle {} currency {}: {}",
                                                CycleLabel(g.cycle_key, out_.cycle),
                                                CurrencyCode(g.currency), what));
    }
  }
  Status Gross(std::span<const Row> rows, Group& g);
  Status Positions(Group& g, std::int32_t gi);
  Status Bilateral(Group& g, std::int32_t gi);
  void Compression(Group& g, std::int32_t gi);
  Status Countries(Group& g);
  void ResetTouched();

  const ObligationSet& set_;
  const SettleOptions& options_;
  SettleResult& out_;
  std::vector<Minor> pos_, check_;
  std::vector<std::int32_t> local_;
  std::vector<std::int32_t> touched_;
  std::vector<Minor> country_pos_;
  std::vector<DirEdge> edges_;
  std::vector<NetObligation> bilateral_;
};

Status Netter::Gross(std::span<const Row> rows, Group& g) {
  edges_.clear();
  for (const Row& r : rows) {
    if (!AddChecked(g.volumes.gross, r.amount, &g.volumes.gross)) return Overflow(g, "gross volume", r.line);
    if (!edges_.empty() && edges_.back().payer == r.payer && edges_.back().payee == r.payee) {
      if (!AddChecked(edges_.back().amount, r.amount, &edges_.back().amount)) {
        return Overflow(g, "an obligation pair's sum", r.line);
      }
    } else {
      edges_.push_back({r.payer, r.payee, r.amount});
    }
  }
  g.volumes.payments_gross = static_cast<std::int64_t>(rows.size());
  return Status::Ok();
}

Status Netter::Positions(Group& g, std::int32_t gi) {
  for (const DirEdge& e : edges_) {
    for (std::int32_t p : {e.payer, e.payee}) {
      if (local_[p] < 0) {
        local_[p] = static_cast<std::int32_t>(touched_.size());
        touched_.push_back(p);
      }
    }
    if (!SubChecked(pos_[e.payer], e.amount, &pos_[e.payer]) ||
        !AddChecked(pos_[e.payee], e.amount, &pos_[e.payee])) {
      return Overflow(g, "a net position");
    }
  }
  Volumes& v = g.volumes;
  Minor debits = 0;  // both sides are <= gross: no overflow
  for (std::int32_t p : touched_) {
    if (pos_[p] > 0) v.multilateral += pos_[p];
    if (pos_[p] < 0) debits -= pos_[p];
    if (pos_[p] != 0) ++v.payments_multilateral;
    v.largest_net_debit = std::max(v.largest_net_debit, -pos_[p]);
    if (pos_[p] != 0 && options_.keep_details) {
      out_.positions.push_back({gi, p, pos_[p]});
    }
  }
  if (debits != v.multilateral) Fail(g, "net positions do not sum to zero");
  return Status::Ok();
}

Status Netter::Bilateral(Group& g, std::int32_t gi) {
  struct Pair { std::int32_t lo, hi; Minor signed_amount; };  // > 0: lo pays hi
  std::vector<Pair> pairs;
  pairs.reserve(edges_.size());
  for (const DirEdge& e : edges_) {
    if (e.payer < e.payee) pairs.push_back({e.payer, e.payee, e.amount});
    else pairs.push_back({e.payee, e.payer, -e.amount});
  }
  std::sort(pairs.begin(), pairs.end(),
            [](const Pair& a, const Pair& b) { return std::tie(a.lo, a.hi) < std::tie(b.lo, b.hi); });
  bilateral_.clear();
  for (std::size_t i = 0; i < pairs.size();) {
    Minor net = 0;
    std::size_t j = i;
    for (; j < pairs.size() && pairs[j].lo == pairs[i].lo && pairs[j].hi == pairs[i].hi; ++j) {
      if (!AddChecked(net, pairs[j].signed_amount, &net)) return Overflow(g, "a bilateral net");
    }
    if (net != 0) {
      const bool lo_pays = net > 0;
      const Minor amount = lo_pays ? net : -net;
      bilateral_.push_back({gi, lo_pays ? pairs[i].lo : pairs[i].hi,
                            lo_pays ? pairs[i].hi : pairs[i].lo, amount});
      g.volumes.bilateral += amount;  // <= gross
      check_[bilateral_.back().payer] -= amount;
      check_[bilateral_.back().payee] += amount;
    }
    i = j;
  }
  g.volumes.payments_bilateral = static_cast<std::int64_t>(bilateral_.size());
  for (std::int32_t p : touched_) {
    if (check_[p] != pos_[p]) {
      Fail(g, fmt::format("bilateral netting changed the net position of {}", set_.parties[p].id));
      break;
    }
  }
  for (std::int32_t p : touched_) check_[p] = 0;
  return Status::Ok();
}

void Netter::Compression(Group& g, std::int32_t gi) {
  Volumes& v = g.volumes;
  std::vector<Edge> local;
  local.reserve(edges_.size());
  for (const DirEdge& e : edges_) local.push_back({local_[e.payer], local_[e.payee], e.amount});
  CompressionResult c = Compress(static_cast<int>(touched_.size()), local);
  if (!c.certified) {
    // The bilateral answer is itself a conservative compression: keep it, marked.
    g.compression_certified = false;
    g.compression_failure = c.failure;
    ++out_.compression_uncertified;
    v.compressed = v.bilateral;
    v.payments_compressed = v.payments_bilateral;
    if (options_.keep_details) {
      out_.compressed.insert(out_.compressed.end(), bilateral_.begin(), bilateral_.end());
    }
    return;
  }
  for (std::size_t e = 0; e < edges_.size(); ++e) {
    const Minor left = c.remaining[e];
    if (left < 0 || left > edges_[e].amount) {
      Fail(g, "compression created or reversed an obligation");
      continue;
    }
    if (left == 0) continue;
    v.compressed += left;
    ++v.payments_compressed;
    check_[edges_[e].payer] -= left;
    check_[edges_[e].payee] += left;
    if (options_.keep_details) out_.compressed.push_back({gi, edges_[e].payer, edges_[e].payee, left});
  }
  for (std::int32_t p : touched_) {
    if (check_[p] != pos_[p]) {
      Fail(g, fmt::format("compression changed the net position of {}", set_.parties[p].id));
      break;
    }
  }
  for (std::int32_t p : touched_) check_[p] = 0;
}

Status Netter::Countries(Group& g) {
  auto& per_country = out_.per_country;
  const int cur = static_cast<int>(g.currency);
  for (const DirEdge& e : edges_) {
    const int from = set_.CountryOf(e.payer), to = set_.CountryOf(e.payee);
    CountryFlows& a = per_country[from][cur];
    CountryFlows& b = per_country[to][cur];
    if (!AddChecked(a.paid, e.amount, &a.paid) || !AddChecked(b.received, e.amount, &b.received) ||
        (from != to && !AddChecked(a.cross_border_paid, e.amount, &a.cross_border_paid))) {
      return Overflow(g, "a country's yearly total");
    }
  }
  std::vector<int> countries_touched;
  for (std::int32_t p : touched_) {
    const int c = set_.CountryOf(p);
    if (country_pos_[c] == 0) countries_touched.push_back(c);
    country_pos_[c] += pos_[p];  // |sum| <= gross
    if (pos_[p] < 0 && !AddChecked(per_country[c][cur].party_net_debits, -pos_[p],
                                   &per_country[c][cur].party_net_debits)) {
      return Overflow(g, "a country's net debits");
    }
  }
  std::sort(countries_touched.begin(), countries_touched.end());
  countries_touched.erase(std::unique(countries_touched.begin(), countries_touched.end()),
                          countries_touched.end());
  for (int c : countries_touched) {
    if (country_pos_[c] < 0 && !AddChecked(per_country[c][cur].country_net_paid, -country_pos_[c],
                                           &per_country[c][cur].country_net_paid)) {
      return Overflow(g, "a country's net payments");
    }
    country_pos_[c] = 0;
  }
  return Status::Ok();
}

void Netter::ResetTouched() {
  for (std::int32_t p : touched_) {
    pos_[p] = 0;
    local_[p] = -1;
  }
  touched_.clear();
}

Status Netter::Run(std::span<const Row> rows, Group& g, std::int32_t gi) {
  Status s = Gross(rows, g);
  if (s.ok()) s = Positions(g, gi);
  if (s.ok()) s = Bilateral(g, gi);
  if (s.ok() && options_.keep_details) {
    out_.bilateral_netted.insert(out_.bilateral_netted.end(), bilateral_.begin(), bilateral_.end());
  }
  if (s.ok()) {
    if (options_.compress) {
      Compression(g, gi);
    } else {
      g.volumes.compressed = g.volumes.bilateral;
      g.volumes.payments_compressed = g.volumes.payments_bilateral;
    }
  }
  if (s.ok()) s = Countries(g);
  ResetTouched();
  if (!s.ok()) return s;
  const Volumes& v = g.volumes;
  if (!(v.multilateral <= v.compressed && v.compressed <= v.bilateral && v.bilateral <= v.gross)) {
    Fail(g, fmt::format("volumes out of order: multilateral {} compressed {} bilateral {} gross {}",
                        FormatMinor(v.multilateral), FormatMinor(v.compressed),
                        FormatMinor(v.bilateral), FormatMinor(v.gross)));
  }
  ++out_.check.groups_checked;
  return Status::Ok();
}

std::vector<Row> SortedRows(const ObligationSet& set, Cycle cycle) {
  std::vector<Row> rows;
  rows.reserve(set.obligations.size());
  for (const Obligation& o : set.obligations) {
    rows.push_back({CycleKey(o.value_date, cycle), o.payer, o.payee, o.line, o.amount,
                    static_cast<std::uint8_t>(o.currency)});
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return std::tie(a.key, a.currency, a.payer, a.payee, a.line) <
           std::tie(b.key, b.currency, b.payer, b.payee, b.line);
  });
  return rows;
}

Status AddVolumes(const Volumes& g, Volumes& total) {
  const bool ok = AddChecked(total.gross, g.gross, &total.gross) &&
                  AddChecked(total.bilateral, g.bilateral, &total.bilateral) &&
                  AddChecked(total.multilateral, g.multilateral, &total.multilateral) &&
                  AddChecked(total.compressed, g.compressed, &total.compressed) &&
                  AddChecked(total.largest_net_debit, g.largest_net_debit, &total.largest_net_debit);
  total.payments_gross += g.payments_gross;
  total.payments_bilateral += g.payments_bilateral;
  total.payments_multilateral += g.payments_multilateral;
  total.payments_compressed += g.payments_compressed;
  return ok ? Status::Ok() : InvalidInput("a yearly total overflows 64-bit minor units");
}

}  // namespace

Result<SettleResult> Net(const ObligationSet& set, const SettleOptions& options) {
  SettleResult out;
  out.cycle = options.cycle;
  out.compression_run = options.compress;
  out.per_country.assign(set.countries.size(), {});
  for (const Obligation& o : set.obligations) {
    if (o.amount <= 0 || o.payer == o.payee || o.payer < 0 || o.payee < 0 ||
        o.payer >= static_cast<std::int32_t>(set.parties.size()) ||
        o.payee >= static_cast<std::int32_t>(set.parties.size())) {
      return InvalidInput(fmt::format("{}:{}: obligation must have an amount > 0 between two "
                                      "different known parties", set.source, o.line));
    }
  }
  const std::vector<Row> rows = SortedRows(set, options.cycle);
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  for (std::size_t i = 0; i < rows.size();) {
    std::size_t j = i;
    while (j < rows.size() && rows[j].key == rows[i].key && rows[j].currency == rows[i].currency) ++j;
    spans.emplace_back(i, j);
    out.groups.push_back({rows[i].key, static_cast<Currency>(rows[i].currency), {}, true, ""});
    i = j;
  }
  Netter netter(set, options, out);
  for (std::size_t gi = 0; gi < spans.size(); ++gi) {
    if (options.progress && !options.progress(static_cast<double>(gi) / spans.size())) {
      return Cancelled("settlement cancelled");
    }
    Group& g = out.groups[gi];
    const auto [b, e] = spans[gi];
    if (Status s = netter.Run(std::span<const Row>(rows.data() + b, e - b), g,
                              static_cast<std::int32_t>(gi));
        !s.ok()) {
      return s;
    }
    const int cur = static_cast<int>(g.currency);
    if (Status s = AddVolumes(g.volumes, out.per_currency[cur]); !s.ok()) return s;
    out.peak_net_debit[cur] = std::max(out.peak_net_debit[cur], g.volumes.largest_net_debit);
  }
  return out;
}

}  // namespace corridor::settle
