#include "report/risk_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/json_util.h"

namespace corridor::report {
namespace {

using nlohmann::json;

json SummaryJson(const risk::Summary& s) {
  return {{"n", s.n},
          {"mean", JsonNumber(s.mean)},
          {"sd", JsonNumber(s.sd)},
          {"se_mean", JsonNumber(s.se_mean)},
          {"min", JsonNumber(s.min)},
          {"p5", JsonNumber(s.p5)},
          {"p50", JsonNumber(s.p50)},
          {"p95", JsonNumber(s.p95)},
          {"p95_ci95", {JsonNumber(s.p95_low), JsonNumber(s.p95_high)}},
          {"p99", JsonNumber(s.p99)},
          {"max", JsonNumber(s.max)},
          {"var95", JsonNumber(s.p95)},
          {"cvar95", JsonNumber(s.cvar95)},
          {"se_cvar95", JsonNumber(s.se_cvar95)}};
}

json ElementsJson(const RiskCaseView& c) {
  json out = json::array();
  const model::Network& net = *c.network;
  for (const risk::ElementRisk& e : c.summary->elements) {
    const auto r = static_cast<std::size_t>(e.resource);
    out.push_back({{"resource", net.resource_label[r]},
                   {"kind", model::ResourceKindName(net.resource_kind[r])},
                   {"capacity_t", JsonNumber(net.resource_capacity_t[r])},
                   {"hits", e.hits},
                   {"p_hit", e.p_hit},
                   {"p_binds", e.p_binds},
                   {"expected_shadow_price_usd_per_t", JsonNumber(e.mean_price_usd)},
                   {"unserved_trade_value_when_hit_usd", JsonNumber(e.unserved_value_when_hit_usd)},
                   {"unserved_trade_value_when_not_hit_usd",
                    JsonNumber(e.unserved_value_when_not_hit_usd)},
                   {"generalised_cost_when_hit_usd", e.hits > 0 ? JsonNumber(e.cost_when_hit_usd) : json(nullptr)},
                   {"generalised_cost_when_not_hit_usd", JsonNumber(e.cost_when_not_hit_usd)}});
  }
  return out;
}

const char* StatusName(routing::SolveStatus s) { return routing::SolveStatusName(s); }

json CaseJson(const RiskCaseView& c) {
  const risk::RiskSummary& s = *c.summary;
  json failed = json::array();
  for (const risk::DrawOutcome& d : c.output->draws) {
    if (!d.ok()) failed.push_back({{"index", d.index}, {"seed", d.seed}, {"status", StatusName(d.status)}});
  }
  json checks = json::array();
  for (const risk::CertifiedDraw& k : *c.checks) {
    checks.push_back({{"index", k.index},
                      {"passed", k.passed},
                      {"warm_objective_usd", JsonNumber(k.warm_objective_usd)},
                      {"checked_objective_usd", JsonNumber(k.checked_objective_usd)},
                      {"relative_gap", JsonNumber(k.relative_gap)},
                      {"failures", k.failures}});
  }
  return {{"scenario", {{"name", c.run->scenario_name}, {"hash_fnv1a64", c.run->scenario_hash}}},
          {"undisrupted", {{"generalised_cost_usd", JsonNumber(c.base->objective_usd)},
                           {"penalty_usd", JsonNumber(c.base->penalty_usd)}}},
          {"draws", s.draws},
          {"failed", s.failed},
          {"failed_draws", failed},
          {"stopped_early", c.output->stopped_early},
          {"generalised_cost_usd", SummaryJson(s.cost)},
          {"unserved_trade_t", SummaryJson(s.unserved_t)},
          {"unserved_trade_value_usd", SummaryJson(s.unserved_value)},
          {"elements", ElementsJson(c)},
          {"certified_draws", checks},
          {"mean_lp_iterations", s.mean_iterations},
          {"mean_draw_seconds", s.mean_seconds}};
}

json ModelJson(const RiskReport& rep) {
  const risk::RiskModel& m = *rep.model;
  json events = json::array();
  for (std::size_t e = 0; e < m.events.size(); ++e) {
    const risk::EventFrequency& f = rep.reference.summary->events[e];
    events.push_back({{"id", m.events[e].id},
                      {"parent", m.events[e].parent},
                      {"probability", m.events[e].probability},
                      {"marginal_probability", f.marginal_probability},
                      {"happened", f.happened},
                      {"frequency", f.frequency},
                      {"source", m.events[e].source},
                      {"confidence", m.events[e].confidence}});
  }
  json shocks = json::array();
  for (const risk::DemandShock& s : m.shocks) {
    shocks.push_back({{"id", s.id}, {"parent", s.parent}, {"probability", s.probability},
                      {"mean_factor", risk::Mean(s.factor)}, {"source", s.source},
                      {"confidence", s.confidence}});
  }
  return {{"name", m.name}, {"file", m.file}, {"hash_fnv1a64", m.content_hash},
          {"events", events}, {"demand_shocks", shocks}};
}

std::string Bn(double usd) { return fmt::format("{:.3f}", usd / 1e9); }
std::string Mt(double t) { return fmt::format("{:.3f}", t / 1e6); }

std::string DistributionLine(const char* label, const risk::Summary& s,
                             std::string (*unit)(double)) {
  return fmt::format("  {:<30} {:>10} ±{:<8} {:>9} {:>9} {:>9} [{}, {}] {:>9} {:>10} ±{}\n", label,
                     unit(s.mean), unit(s.se_mean), unit(s.p5), unit(s.p50), unit(s.p95),
                     unit(s.p95_low), unit(s.p95_high), unit(s.p99), unit(s.cvar95),
                     unit(s.se_cvar95));
}

void CaseSummary(const RiskCaseView& c, int top_n, std::string& out) {
  const risk::RiskSummary& s = *c.summary;
  out += fmt::format("Undisrupted optimum: generalised cost {} bn USD\n", Bn(c.base->objective_usd));
  out += fmt::format("Draws solved: {} of {} ({} failed{}); LP re-solves from the base basis: "
                     "{:.1f} pivots, {:.1f} ms per draw\n",
                     s.draws - s.failed, s.draws, s.failed,
                     c.output->stopped_early ? "; stopped early at the target precision" : "",
                     s.mean_iterations, 1e3 * s.mean_seconds);
  for (const risk::DrawOutcome& d : c.output->draws) {
    if (!d.ok()) {
      out += fmt::format("  failed draw {} (seed {:016x}): {}\n", d.index, d.seed,
                         StatusName(d.status));
    }
  }
  out += fmt::format("\n  {:<30} {:>10} {:<9} {:>9} {:>9} {:>9} {:<17} {:>9} {:>10}\n", "",
                     "mean", "± s.e.", "P5", "P50", "P95=VaR", "[95% CI]", "P99", "CVaR95");
  out += DistributionLine("generalised cost (bn USD)", s.cost, Bn);
  out += DistributionLine("unserved trade (Mt)", s.unserved_t, Mt);
  out += DistributionLine("unserved trade value (bn USD)", s.unserved_value, Bn);
  out += "\nCriticality, by expected unserved trade value when hit, then by the excess cost of "
         "the draws that hit it (bn USD):\n";
  out += fmt::format("  {:<3} {:<44} {:>7} {:>8} {:>14} {:>16} {:>10} {:>12}\n", "#", "capacity",
                     "P(hit)", "P(binds)", "E[price] USD/t", "unserved if hit", "otherwise",
                     "excess cost");
  int row = 0;
  for (const risk::ElementRisk& e : s.elements) {
    if (++row > top_n) break;
    out += fmt::format("  {:<3} {:<44} {:>7.3f} {:>8.3f} {:>14.2f} {:>16} {:>10} {:>12}\n", row,
                       c.network->resource_label[static_cast<std::size_t>(e.resource)], e.p_hit,
                       e.p_binds, e.mean_price_usd, Bn(e.unserved_value_when_hit_usd),
                       Bn(e.unserved_value_when_not_hit_usd),
                       e.hits > 0 ? Bn(e.cost_when_hit_usd - e.cost_when_not_hit_usd) : "-");
  }
  for (const risk::CertifiedDraw& k : *c.checks) {
    out += fmt::format("Certificate: draw {} re-solved from scratch and checked: {} (objective {} "
                       "vs {} bn USD, gap {:.1e}){}\n",
                       k.index, k.passed ? "passed" : "FAILED", Bn(k.checked_objective_usd),
                       Bn(k.warm_objective_usd), k.relative_gap,
                       k.failures.empty() ? "" : ": " + k.failures.front());
  }
}

}  // namespace

std::string FormatRiskSummary(const RiskReport& rep, int top_n) {
  const risk::RiskModel& m = *rep.model;
  std::string out = fmt::format(
      "Risk: {} / {}, risk model {} ({} events, {} demand shocks; hash {}), {} draws, seed {}\n",
      rep.run.dataset_name, rep.run.scenario_name, m.name, m.events.size(), m.shocks.size(),
      m.content_hash, rep.reference.summary->draws, rep.options.seed);
  CaseSummary(rep.reference, top_n, out);
  out += "\nEvents: share of draws in which each happened (model probability):\n";
  for (std::size_t e = 0; e < m.events.size(); ++e) {
    const risk::EventFrequency& f = rep.reference.summary->events[e];
    out += fmt::format("  {:<36} {:.3f} ({:.3f})\n", m.events[e].id, f.frequency,
                       f.marginal_probability);
  }
  if (!rep.measures.empty()) {
    out += "\nMeasures on the same draws (measure - reference; ± standard error of the paired "
           "difference):\n";
    out += fmt::format("  {:<32} {:>22} {:>14} {:>26} {:>20}\n", "measure", "E[cost] bn USD",
                       "CVaR95 cost", "E[unserved value] bn USD", "CVaR95 unserved bn");
    for (std::size_t i = 0; i < rep.measures.size(); ++i) {
      const risk::MeasureEffect& e = (*rep.effects)[i];
      out += fmt::format("  {:<32} {:>12} ±{:<9} {:>14} {:>14} ±{:<11} {:>20}\n",
                         rep.measures[i].run->scenario_name, Bn(e.delta_mean_cost_usd),
                         Bn(e.se_delta_cost_usd), Bn(e.delta_cvar95_cost_usd),
                         Bn(e.delta_mean_unserved_value_usd),
                         Bn(e.se_delta_unserved_value_usd), Bn(e.delta_cvar95_unserved_value_usd));
    }
  }
  return out;
}

std::string RiskResultJson(const RiskReport& rep) {
  json measures = json::array();
  for (std::size_t i = 0; i < rep.measures.size(); ++i) {
    const risk::MeasureEffect& e = (*rep.effects)[i];
    json m = CaseJson(rep.measures[i]);
    m["effect"] = {{"paired_draws", e.paired},
                   {"delta_mean_cost_usd", JsonNumber(e.delta_mean_cost_usd)},
                   {"se_delta_cost_usd", JsonNumber(e.se_delta_cost_usd)},
                   {"delta_mean_unserved_trade_value_usd", JsonNumber(e.delta_mean_unserved_value_usd)},
                   {"se_delta_unserved_trade_value_usd", JsonNumber(e.se_delta_unserved_value_usd)},
                   {"delta_cvar95_unserved_trade_value_usd",
                    JsonNumber(e.delta_cvar95_unserved_value_usd)},
                   {"delta_cvar95_cost_usd", JsonNumber(e.delta_cvar95_cost_usd)}};
    measures.push_back(std::move(m));
  }
  const risk::Options& o = rep.options;
  json j = {{"format", "corridor-risk-result/1"},
            {"run", RunJson(rep.run)},
            {"risk_model", ModelJson(rep)},
            {"sampling", {{"draws", o.draws}, {"seed", o.seed}, {"batch", o.batch},
                          {"precision", o.precision}, {"warm_start", o.warm},
                          {"binding_price_usd_per_t", o.binding_price_usd}}},
            {"reference", CaseJson(rep.reference)},
            {"measures", measures}};
  return j.dump(2) + "\n";
}

std::string RiskDrawsCsv(const RiskReport& rep) {
  std::string out = "case,draw,seed,status,generalised_cost_usd,unserved_trade_t,"
                    "unserved_trade_value_usd,lp_iterations,events,demand_shocks\n";
  auto add = [&](const RiskCaseView& c) {
    for (const risk::DrawOutcome& d : c.output->draws) {
      std::string events, shocks;
      for (std::int32_t e : d.events) {
        events += (events.empty() ? "" : ";") + rep.model->events[static_cast<std::size_t>(e)].id;
      }
      for (std::int32_t s : d.shocks) {
        shocks += (shocks.empty() ? "" : ";") + rep.model->shocks[static_cast<std::size_t>(s)].id;
      }
      out += fmt::format("{},{},{:016x},{},{:.10g},{:.10g},{:.10g},{},{},{}\n",
                         CsvEscape(c.run->scenario_name), d.index, d.seed, StatusName(d.status),
                         d.cost_usd, d.unserved_t, d.unserved_value_usd, d.iterations,
                         CsvEscape(events), CsvEscape(shocks));
    }
  };
  add(rep.reference);
  for (const RiskCaseView& m : rep.measures) add(m);
  return out;
}

std::string RiskElementsCsv(const RiskReport& rep) {
  std::string out = "case,rank,resource,kind,capacity_t,hits,p_hit,p_binds,"
                    "expected_shadow_price_usd_per_t,unserved_trade_value_when_hit_usd,"
                    "unserved_trade_value_when_not_hit_usd,generalised_cost_when_hit_usd,"
                    "generalised_cost_when_not_hit_usd\n";
  auto add = [&](const RiskCaseView& c) {
    int rank = 0;
    for (const risk::ElementRisk& e : c.summary->elements) {
      const auto r = static_cast<std::size_t>(e.resource);
      out += fmt::format("{},{},{},{},{:.10g},{},{:.6g},{:.6g},{:.10g},{:.10g},{:.10g},{},{:.10g}\n",
                         CsvEscape(c.run->scenario_name), ++rank,
                         CsvEscape(c.network->resource_label[r]),
                         model::ResourceKindName(c.network->resource_kind[r]),
                         c.network->resource_capacity_t[r], e.hits, e.p_hit, e.p_binds,
                         e.mean_price_usd, e.unserved_value_when_hit_usd,
                         e.unserved_value_when_not_hit_usd,
                         e.hits > 0 ? fmt::format("{:.10g}", e.cost_when_hit_usd) : "",
                         e.cost_when_not_hit_usd);
    }
  };
  add(rep.reference);
  for (const RiskCaseView& m : rep.measures) add(m);
  return out;
}

namespace {

std::string SummaryRow(const char* label, const risk::Summary& s, std::string (*unit)(double)) {
  return fmt::format("| {} | {} ± {} | {} | {} | {} [{}, {}] | {} | {} ± {} |\n", label,
                     unit(s.mean), unit(s.se_mean), unit(s.p5), unit(s.p50), unit(s.p95),
                     unit(s.p95_low), unit(s.p95_high), unit(s.p99), unit(s.cvar95),
                     unit(s.se_cvar95));
}

std::string FindingsDistribution(const RiskCaseView& c) {
  const risk::RiskSummary& s = *c.summary;
  std::string out = "| | mean ± s.e. | P5 | P50 | P95 = VaR [95 % CI] | P99 | CVaR95 ± s.e. |\n"
                    "|---|---|---|---|---|---|---|\n";
  out += SummaryRow("generalised cost (bn USD)", s.cost, Bn);
  out += SummaryRow("unserved trade (Mt)", s.unserved_t, Mt);
  out += SummaryRow("unserved trade value (bn USD)", s.unserved_value, Bn);
  return out;
}

std::string FindingsCriticality(const RiskCaseView& c, int top_n) {
  std::string out = "| # | capacity | P(hit) | P(binds) | E[shadow price] USD/t | unserved trade "
                    "value when hit (bn USD) | excess cost when hit (bn USD) |\n"
                    "|---|---|---|---|---|---|---|\n";
  int row = 0;
  for (const risk::ElementRisk& e : c.summary->elements) {
    if (++row > top_n) break;
    out += fmt::format("| {} | {} | {:.3f} | {:.3f} | {:.2f} | {} | {} |\n", row,
                       c.network->resource_label[static_cast<std::size_t>(e.resource)], e.p_hit,
                       e.p_binds, e.mean_price_usd, Bn(e.unserved_value_when_hit_usd),
                       e.hits > 0 ? Bn(e.cost_when_hit_usd - e.cost_when_not_hit_usd) : "-");
  }
  return out;
}

std::string FindingsAssumptions(const risk::RiskModel& m) {
  std::string out = "| event | parent | probability | capacity kept | duration (days) | source | "
                    "confidence |\n|---|---|---|---|---|---|---|\n";
  for (const risk::Event& e : m.events) {
    const std::string duration =
        e.duration_days ? fmt::format("{} (mean {:.1f})", risk::DistributionKindName(e.duration_days->kind),
                                      risk::Mean(*e.duration_days))
                        : "the parent's";
    out += fmt::format("| `{}` | {} | {} | {} | {} | {} | {} |\n", e.id,
                       e.parent.empty() ? "-" : "`" + e.parent + "`", e.probability,
                       e.elements.empty() ? "-" : fmt::format("{:.0f} %", 100 * e.capacity_fraction),
                       e.elements.empty() && !e.duration_days ? "-" : duration, e.source,
                       e.confidence);
  }
  for (const risk::DemandShock& d : m.shocks) {
    out += fmt::format("| `{}` (demand x {} mean {:.2f}) | {} | {} | - | - | {} | {} |\n", d.id,
                       risk::DistributionKindName(d.factor.kind), risk::Mean(d.factor),
                       d.parent.empty() ? "-" : "`" + d.parent + "`", d.probability, d.source,
                       d.confidence);
  }
  return out;
}

}  // namespace

std::string RiskFindingsMarkdown(const RiskReport& rep, const std::string& command, int top_n) {
  const RiskCaseView& ref = rep.reference;
  const risk::RiskSummary& s = *ref.summary;
  std::string out = "# Risk findings\n\nGenerated by `" + command + "`; never edited by hand.\n\n";
  out += fmt::format(
      "{} draws of the risk model `{}` ({}) on `{}` / `{}`, each a joint year of disruptions "
      "re-routed by the system optimum (warm-started; {} of {} draws solved). A disruption of "
      "d days at a capacity fraction f takes (1 - f) d / 365 of the element's annual capacity "
      "(docs/file_formats.md, \"Risk models\"): this is the annual view; queues and backlogs "
      "through a closure are the simulation's.\n\n",
      s.draws, rep.model->name, rep.model->content_hash, rep.run.dataset_name,
      rep.run.scenario_name, s.draws - s.failed, s.draws);
  out += fmt::format("Undisrupted optimum: generalised cost {} bn USD.\n\n", Bn(ref.base->objective_usd));
  out += "## Distribution over the draws\n\n" + FindingsDistribution(ref);
  out += "\n## Which capacities are critical\n\nRanked by the expected unserved trade when the "
         "capacity is hit, then by how much more the draws that hit it cost than the others "
         "(a conditional difference: events that share a cause are hit together).\n\n";
  out += FindingsCriticality(ref, top_n);
  if (!rep.measures.empty()) {
    out += "\n## Which measures buy robustness\n\nEach measure solved on the same draws (common "
           "random numbers); differences are measure - reference, ± the standard error of the "
           "paired difference.\n\n| measure | Δ E[cost] (bn USD) | Δ CVaR95 of cost (bn USD) | Δ "
           "E[unserved trade value] (bn USD) | Δ CVaR95 of unserved trade value (bn USD) |\n"
           "|---|---|---|---|---|\n";
    for (std::size_t i = 0; i < rep.measures.size(); ++i) {
      const risk::MeasureEffect& e = (*rep.effects)[i];
      out += fmt::format("| `{}` | {} ± {} | {} | {} ± {} | {} |\n",
                         rep.measures[i].run->scenario_name, Bn(e.delta_mean_cost_usd),
                         Bn(e.se_delta_cost_usd), Bn(e.delta_cvar95_cost_usd),
                         Bn(e.delta_mean_unserved_value_usd), Bn(e.se_delta_unserved_value_usd),
                         Bn(e.delta_cvar95_unserved_value_usd));
    }
  }
  out += "\n## Assumptions (the risk model)\n\n" + FindingsAssumptions(*rep.model);
  out += fmt::format("\n## Run\n\n- dataset `{}` hash `{}`; risk model hash `{}`; seed {}; "
                     "program {}\n",
                     rep.run.dataset_name, rep.run.dataset_hash, rep.model->content_hash,
                     rep.options.seed, rep.run.program_version);
  for (const risk::CertifiedDraw& k : *ref.checks) {
    out += fmt::format("- certificate: draw {} re-solved from scratch and checked: {} (gap {:.1e})\n",
                       k.index, k.passed ? "passed" : "FAILED", k.relative_gap);
  }
  return out;
}

std::vector<OutputFile> RiskResultFiles(const RiskReport& rep, int top_n) {
  return {{"risk_result.json", RiskResultJson(rep)},
          {"risk_draws.csv", RiskDrawsCsv(rep)},
          {"risk_elements.csv", RiskElementsCsv(rep)},
          {"summary.txt", FormatRiskSummary(rep, top_n)}};
}

Status WriteRiskFiles(const std::string& dir, const RiskReport& rep, int top_n) {
  return WriteFiles(dir, RiskResultFiles(rep, top_n));
}

}  // namespace corridor::report
