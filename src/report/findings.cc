#include "report/findings.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "analysis/kpi.h"

namespace corridor::report {
namespace {

struct Delta {
  double cost_bn, money_bn, unserved_mt, served_value_bn, time_h, system_bn, background_mt;
};

double SystemCost(const RunReport& r) {
  return r.kpis.generalised_cost_usd + r.background.generalised_cost_usd;
}

Delta Diff(const RunReport& a, const RunReport& base) {
  return {(a.kpis.generalised_cost_usd - base.kpis.generalised_cost_usd) / 1e9,
          (a.kpis.money_usd - base.kpis.money_usd) / 1e9,
          (a.kpis.unserved_t - base.kpis.unserved_t) / 1e6,
          (a.kpis.served_value_usd - base.kpis.served_value_usd) / 1e9,
          a.kpis.avg_transit_time_h - base.kpis.avg_transit_time_h,
          (SystemCost(a) - SystemCost(base)) / 1e9,
          (a.background.served_t - base.background.served_t) / 1e6};
}

std::string Row(const std::string& name, const Delta& d) {
  return fmt::format("| {} | {:+.3f} | {:+.3f} | {:+.3f} | {:+.3f} | {:+.1f} | {:+.3f} | {:+.2f} |\n",
                     name, d.cost_bn, d.money_bn, d.unserved_mt, d.served_value_bn, d.time_h,
                     d.system_bn, d.background_mt);
}

const char* kDeltaHeader =
    "| scenario | Δ generalised cost of the trade (bn USD/yr) | Δ money cost (bn USD/yr) | Δ unserved "
    "(Mt/yr) | Δ served trade value (bn USD/yr) | Δ avg transit time (h) | Δ system cost incl. "
    "background (bn USD/yr) | Δ background served (Mt/yr) |\n|---|---|---|---|---|---|---|---|\n";

// The capacities a dataset defines itself (resources.csv): whether each binds, its use
// by the trade, the background and the preloads, and what one more unit is worth.
std::string SharedCapacities(const RunReport& r) {
  const model::Network& net = *r.network;
  const std::vector<analysis::ResourceUse> use = analysis::ResourceUsage(net, *r.solution);
  std::string s;
  for (std::size_t i = 0; i < net.resource_count(); ++i) {
    if (net.resource_kind[i] != model::ResourceKind::kDefined) continue;
    const auto& def = net.resource_defs[static_cast<std::size_t>(net.resource_element[i])];
    const double price = r.solution->resources[i].shadow_price_usd_per_t;
    const auto& u = use[i];
    s += fmt::format("| {} ({}, {}) | {} | {} | {} | {} | {} of {} ({:.0f}%) | {} | {:.2f} |\n",
                     def.id, def.kind, model::FormatCargoSet(def.cargo), FormatTonnes(u.study_t),
                     FormatTonnes(u.background_t), FormatTonnes(u.preload_t),
                     price > 1e-9 ? "**binds**" : "no", FormatTonnes(u.flow_t),
                     FormatTonnes(u.capacity_t), 100 * u.utilisation,
                     FormatUsd(price * 1e6), price);
  }
  if (s.empty()) return s;
  return "| capacity | study trade | background routed | preloads | binds | use | +1 Mt/yr worth "
         "(dual) | dual price (USD/t) |\n|---|---|---|---|---|---|---|---|\n" + s;
}

// Saving per extra tonne times capacity: what the capacity is worth at the margin.
double Rent(const analysis::Bottleneck& b) { return b.saving_usd_per_mt / 1e6 * b.capacity_t; }

std::string Bottlenecks(const RunReport& r, int n) {
  std::string s = "| rank | capacity | flow / capacity | dual price (USD/t) | +1 Mt/yr saves | price holds for | scarcity rent (saving × capacity) |\n"
                  "|---|---|---|---|---|---|---|\n";
  int i = 0;
  for (const auto& b : r.bottlenecks) {
    if (i++ >= n) break;
    s += fmt::format("| {} | {} | {} / {} | {:.2f} | {}/yr | {} | {}/yr |\n", i, b.label,
                     FormatTonnes(b.flow_t), FormatTonnes(b.capacity_t), b.shadow_price_usd_per_t,
                     FormatUsd(b.saving_usd_per_mt),
                     b.ranged ? "+" + FormatTonnes(b.price_holds_for_t) : std::string("not ranged"),
                     FormatUsd(Rent(b)));
  }
  if (i == 0) s += "| - | no capacity binds | | | | | |\n";
  return s;
}

std::string Totals(const RunReport& r) {
  const auto& k = r.kpis;
  std::string background;
  if (analysis::HasBackground(*r.network)) {
    background = fmt::format(
        " Background traffic sharing the capacities (not in these figures): {} of {} routed, "
        "cost {}; system cost incl. background {}.",
        FormatTonnes(r.background.served_t), FormatTonnes(r.background.demand_t),
        FormatUsd(r.background.generalised_cost_usd), FormatUsd(SystemCost(r)));
  }
  return fmt::format(
      "demand {}, served {} ({:.1f}%), unserved {} (trade value {}); generalised cost {} "
      "(money {}, time value {}, unserved penalty {}); average door-to-door time {:.0f} h "
      "({:.1f} days).",
      FormatTonnes(k.demand_t), FormatTonnes(k.served_t),
      k.demand_t > 0 ? 100 * k.served_t / k.demand_t : 0.0, FormatTonnes(k.unserved_t),
      FormatUsd(k.unserved_value_usd), FormatUsd(k.generalised_cost_usd), FormatUsd(k.money_usd),
      FormatUsd(k.time_value_usd), FormatUsd(k.penalty_usd), k.avg_transit_time_h,
      k.avg_transit_time_h / 24) + background;
}

}  // namespace

std::string FindingsMarkdown(const FindingsInput& in) {
  const RunReport& base = *in.baseline;
  std::string s;
  s += "# Findings from the model\n\n";
  s += "Generated by `" + in.command + "` — do not edit by hand; rerun the command.\n\n";
  s += fmt::format("Program {}; dataset {} (reference year {}, hash {}). Every figure below is per "
                   "year and comes from the system-optimal routing (exact LP, answer checked "
                   "independently: ",
                   base.run.program_version, base.run.dataset_name, base.run.reference_year,
                   base.run.dataset_hash);
  bool all_passed = base.solution->check.passed;
  for (const auto* r : in.measures) all_passed = all_passed && r->solution->check.passed;
  if (in.combined) all_passed = all_passed && in.combined->solution->check.passed;
  for (const auto* r : in.stress) all_passed = all_passed && r->solution->check.passed;
  s += all_passed ? "every run passed).\n\n" : "**at least one run FAILED its check; see below**).\n\n";

  s += "## The baseline\n\n";
  s += "Scenario `" + base.run.scenario_name + "`: " + Totals(base) + "\n\n";
  s += "### Which constraint binds most\n\n";
  if (!base.bottlenecks.empty()) {
    const auto& b = *std::max_element(
        base.bottlenecks.begin(), base.bottlenecks.end(),
        [](const auto& x, const auto& y) { return x.saving_usd_per_mt < y.saving_usd_per_mt; });
    s += fmt::format("Per tonne, **{}** binds hardest: +1 Mt/yr of its capacity saves {}/yr ({}).\n\n",
                     b.label, FormatUsd(b.saving_usd_per_mt),
                     b.saving_from_resolve ? "measured by re-solving with more capacity"
                                           : fmt::format("dual price {:.2f} USD/t", b.shadow_price_usd_per_t));
    const auto by_rent = std::max_element(
        base.bottlenecks.begin(), base.bottlenecks.end(),
        [](const auto& x, const auto& y) { return Rent(x) < Rent(y); });
    s += fmt::format("Weighed by the freight it carries, i.e. by its scarcity rent (the saving per "
                     "extra tonne × capacity), **{}** binds most: {}/yr.\n\n",
                     by_rent->label, FormatUsd(Rent(*by_rent)));
    s += "The binding capacities, largest scarcity rent first (a dual price above the saving "
         "means another capacity binds right behind it, so expanding this one alone buys less):\n\n";
  } else {
    s += "No capacity binds in the baseline.\n\n";
  }
  s += Bottlenecks(base, 10) + "\n";
  if (const std::string shared = SharedCapacities(base); !shared.empty()) {
    s += "### Shared capacities: sections, ports and slots\n\n";
    s += "Each capacity the dataset defines over several elements (resources.csv), with what uses "
         "it: the study's trade, background commodities routed through it, and fixed preloads. "
         "\"+1 Mt/yr worth\" is the dual price times 1 Mt: exact while the price holds.\n\n";
    s += shared + "\n";
  }

  s += "## What each measure buys alone\n\n";
  s += "Differences against the baseline (negative cost = saving):\n\n";
  s += kDeltaHeader;
  Delta sum{0, 0, 0, 0, 0, 0, 0};
  for (const auto* r : in.measures) {
    const Delta d = Diff(*r, base);
    sum = {sum.cost_bn + d.cost_bn, sum.money_bn + d.money_bn, sum.unserved_mt + d.unserved_mt,
           sum.served_value_bn + d.served_value_bn, sum.time_h + d.time_h,
           sum.system_bn + d.system_bn, sum.background_mt + d.background_mt};
    s += Row("`" + r->run.scenario_name + "`", d);
  }
  s += "\n";
  for (const auto* r : in.measures) {
    const Delta d = Diff(*r, base);
    if (std::fabs(d.cost_bn) < 1e-6) {
      s += fmt::format("- `{}`: leaves the generalised cost unchanged", r->run.scenario_name);
    } else {
      s += fmt::format("- `{}`: {} generalised cost by {}/yr", r->run.scenario_name,
                       d.cost_bn < 0 ? "lowers" : "raises", FormatUsd(std::fabs(d.cost_bn) * 1e9));
    }
    if (std::fabs(d.unserved_mt) > 1e-6) {
      s += fmt::format(", {} unserved freight by {}", d.unserved_mt < 0 ? "cuts" : "adds",
                       FormatTonnes(std::fabs(d.unserved_mt) * 1e6));
    }
    if (std::fabs(d.system_bn - d.cost_bn) > 1e-6) {
      s += fmt::format(" (system cost incl. background {:+.3f} bn USD/yr, background served {:+.2f} Mt)",
                       d.system_bn, d.background_mt);
    }
    const bool new_top = !r->bottlenecks.empty() &&
                         (base.bottlenecks.empty() ||
                          r->bottlenecks.front().label != base.bottlenecks.front().label);
    if (new_top) {
      s += fmt::format("; the top bottleneck becomes {} ({:.2f} USD/t)", r->bottlenecks.front().label,
                       r->bottlenecks.front().shadow_price_usd_per_t);
    }
    s += ".\n";
  }
  s += "\n";

  if (in.combined) {
    const Delta d = Diff(*in.combined, base);
    s += "## All measures together\n\n";
    s += kDeltaHeader;
    s += Row("`" + in.combined->run.scenario_name + "`", d);
    s += Row("sum of the measures alone", sum);
    const double interaction = d.cost_bn - sum.cost_bn;
    s += fmt::format(
        "\nTogether the measures change the generalised cost by {:+.3f} bn USD/yr against "
        "{:+.3f} bn USD/yr for the sum of their separate effects: {}.\n\n",
        d.cost_bn, sum.cost_bn,
        std::fabs(interaction) < 1e-3 * std::max(1.0, std::fabs(sum.cost_bn))
            ? "they act independently"
        : interaction > 0 ? fmt::format("they overlap (substitutes): the combination buys {} less "
                                        "than the parts added up", FormatUsd(interaction * 1e9))
                          : fmt::format("they reinforce each other (complements): the combination "
                                        "buys {} more than the parts added up",
                                        FormatUsd(-interaction * 1e9)));
    s += "Binding capacities with every measure in place:\n\n" + Bottlenecks(*in.combined, 5) + "\n";
  }

  if (!in.stress.empty()) {
    s += "## Under growth: what breaks first\n\n";
    s += kDeltaHeader;
    for (const auto* r : in.stress) s += Row("`" + r->run.scenario_name + "`", Diff(*r, base));
    s += "\n";
    for (const auto* r : in.stress) {
      s += "### `" + r->run.scenario_name + "`\n\n" + Totals(*r) + "\n\n";
      s += Bottlenecks(*r, 5) + "\n";
      if (const std::string shared = SharedCapacities(*r); !shared.empty()) s += shared + "\n";
    }
  }
  s += in.plans_markdown;
  for (const std::string& section : in.extra_sections) s += section;
  s += "## Runs\n\n| scenario | file | status | check | proven gap |\n|---|---|---|---|---|\n";
  std::vector<const RunReport*> all{&base};
  all.insert(all.end(), in.measures.begin(), in.measures.end());
  if (in.combined) all.push_back(in.combined);
  all.insert(all.end(), in.stress.begin(), in.stress.end());
  for (const auto* r : all) {
    s += fmt::format("| `{}` | `{}` | {} | {} | {:.1e} |\n", r->run.scenario_name,
                     r->run.scenario_file, routing::SolveStatusName(r->solution->status),
                     r->solution->check.passed ? "passed" : "FAILED", r->solution->check.relative_gap);
  }
  return s;
}

}  // namespace corridor::report
