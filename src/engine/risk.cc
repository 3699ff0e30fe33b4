#include "engine/risk.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "risk/reader.h"
#include "risk/sample.h"

namespace corridor::engine {
namespace {

Result<risk::RiskModel> ReadModel(const RiskRequest& request, Diagnostics& diags) {
  if (request.risk_text) return risk::ParseRiskModel(*request.risk_text, request.risk_file, diags);
  return risk::ReadRiskModel(request.risk_file, diags);
}

// The costliest `count` solved draws (ties by index), each solved cold on a copy of
// the network with the draw's capacities and demand, and checked.
std::vector<risk::CertifiedDraw> Certify(const model::Network& net, const routing::Resolver& resolver,
                                   const risk::ResolvedRisk& risk, const risk::Options& options,
                                   const std::vector<risk::DrawOutcome>& draws, int count) {
  std::vector<const risk::DrawOutcome*> solved;
  for (const auto& d : draws) {
    if (d.ok()) solved.push_back(&d);
  }
  std::stable_sort(solved.begin(), solved.end(),
                   [](const auto* a, const auto* b) { return a->cost_usd > b->cost_usd; });
  solved.resize(std::min<std::size_t>(solved.size(), static_cast<std::size_t>(std::max(0, count))));
  std::vector<risk::CertifiedDraw> out;
  for (const risk::DrawOutcome* d : solved) {
    const routing::Change change =
        risk::ToChange(risk::SampleDraw(risk, options.seed, d->index), net, resolver.BaseChange());
    model::Network changed = net;
    changed.resource_capacity_t = change.capacity_t;
    for (std::size_t i = 0; i < changed.demand.size(); ++i) {
      changed.demand[i].tonnes_per_year = change.demand_t[i];
    }
    routing::Options so;
    so.method = routing::Method::kLp;
    so.ranging_top_n = 0;
    risk::CertifiedDraw c;
    c.index = d->index;
    c.warm_objective_usd = d->cost_usd;
    auto sol = routing::SolveSystemOptimum(changed, so);
    if (!sol.ok()) {
      c.failures.push_back(sol.status().message());
    } else {
      c.checked_objective_usd = sol->objective_usd;
      c.relative_gap = sol->check.relative_gap;
      c.failures = sol->check.failures;
      const double diff = std::fabs(sol->objective_usd - d->cost_usd) /
                          std::max(1.0, std::fabs(sol->objective_usd));
      if (diff > 1e-6) {
        c.failures.push_back("the warm-started optimum differs from the checked one by " +
                             std::to_string(diff) + " (relative)");
      }
      c.passed = sol->check.passed && c.failures.empty();
    }
    out.push_back(std::move(c));
  }
  return out;
}

struct Counter {
  std::int64_t done = 0, total = 0;
};

Status RunCase(const RiskRequest& request, const risk::Options& options,
               const risk::RiskModel& model, RiskCase& rc, Counter& counter, Diagnostics& diags) {
  auto resolved = risk::Resolve(model, rc.network, diags);
  if (!resolved.ok()) return resolved.status();
  auto resolver = routing::Resolver::Create(rc.network, options.draw_time_limit_s);
  if (!resolver.ok()) return resolver.status();
  rc.base = resolver->base();
  risk::Progress progress;
  const std::int64_t offset = counter.done;
  progress.report = [&](std::int64_t done, std::int64_t) {
    counter.done = offset + done;
    if (request.control) {
      request.control->Report(static_cast<double>(counter.done) /
                                  static_cast<double>(std::max<std::int64_t>(1, counter.total)),
                              "draws");
    }
    if (request.on_draws) request.on_draws(counter.done, counter.total);
  };
  progress.cancelled = [&] { return request.control && request.control->cancelled(); };
  auto out = risk::RunDraws(*resolver, rc.network, *resolved, options, request.partition,
                            progress);
  if (!out.ok()) return out.status();
  rc.output = std::move(out).value();
  counter.done = offset + static_cast<std::int64_t>(rc.output.draws.size());
  rc.summary = risk::Summarise(rc.output.draws, model, rc.network.resource_count());
  if (request.partition.rank == 0) {
    rc.checks = Certify(rc.network, *resolver, *resolved, options, rc.output.draws,
                        request.check_draws);
  }
  return Status::Ok();
}

Result<RiskCase> PrepareCase(const InputRequest& input, const RiskRequest& request,
                             Diagnostics& diags) {
  auto prepared = Prepare(input, request.option_record, diags);
  if (!prepared.ok()) return prepared.status();
  RiskCase rc;
  rc.run = std::move(prepared->run);
  rc.network = std::move(prepared->network);
  return rc;
}

}  // namespace

Result<RiskResult> RunRisk(const RiskRequest& request, Diagnostics& diags) {
  const auto start = std::chrono::steady_clock::now();
  RiskResult result;
  auto model = ReadModel(request, diags);
  if (!model.ok()) return model.status();
  result.model = std::move(model).value();
  auto reference = PrepareCase(request.input, request, diags);
  if (!reference.ok()) return reference.status();
  result.reference = std::move(reference).value();
  for (const InputRequest& m : request.measures) {
    auto measure = PrepareCase(m, request, diags);
    if (!measure.ok()) return measure.status();
    result.measures.push_back(std::move(measure).value());
  }
  Counter counter;
  counter.total = request.options.draws * static_cast<std::int64_t>(1 + result.measures.size());
  if (Status s = RunCase(request, request.options, result.model, result.reference, counter, diags);
      !s.ok()) {
    return s;
  }
  result.cancelled = result.reference.output.cancelled;
  // The measures take exactly the draws the reference took (no second stopping rule).
  risk::Options measure_options = request.options;
  measure_options.draws = static_cast<std::int64_t>(result.reference.output.draws.size());
  measure_options.precision = 0.0;
  counter.total = request.options.draws + measure_options.draws *
                                              static_cast<std::int64_t>(result.measures.size());
  for (RiskCase& m : result.measures) {
    if (result.cancelled) break;
    if (Status s = RunCase(request, measure_options, result.model, m, counter, diags); !s.ok()) {
      return s;
    }
    result.cancelled = m.output.cancelled;
    result.effects.push_back(risk::CompareMeasure(result.reference.output.draws, m.output.draws));
  }
  if (result.cancelled) return Cancelled("risk run cancelled");
  result.run = result.reference.run;
  result.run.seed = request.options.seed;
  result.run.options.emplace_back("risk_model", result.model.file);
  result.run.options.emplace_back("risk_model_hash_fnv1a64", result.model.content_hash);
  result.run.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

report::RiskReport RiskResult::Report(const risk::Options& options) const {
  auto view = [](const RiskCase& c) {
    return report::RiskCaseView{&c.run, &c.network, &c.base, &c.output, &c.summary, &c.checks};
  };
  report::RiskReport rep;
  rep.run = run;
  rep.model = &model;
  rep.options = options;
  rep.reference = view(reference);
  for (const RiskCase& m : measures) rep.measures.push_back(view(m));
  rep.effects = &effects;
  return rep;
}

}  // namespace corridor::engine
