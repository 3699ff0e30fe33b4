#include "risk/stats.h"

#include <algorithm>
#include <cmath>

namespace corridor::risk {
namespace {

constexpr double kZ95 = 1.959963984540054;
constexpr double kTail = 0.05;

double At(const std::vector<double>& sorted, double rank) {  // 1-based rank, clamped
  const auto n = static_cast<double>(sorted.size());
  const double r = std::clamp(rank, 1.0, n);
  return sorted[static_cast<std::size_t>(r) - 1];
}

double Quantile(const std::vector<double>& sorted, double p) {
  return At(sorted, std::ceil(p * static_cast<double>(sorted.size()) - 1e-9));
}

struct MeanSd {
  double mean = 0.0, sd = 0.0;
};
MeanSd Moments(const std::vector<double>& v) {
  MeanSd m;
  double n = 0.0, m2 = 0.0;
  for (double x : v) {
    n += 1.0;
    const double delta = x - m.mean;
    m.mean += delta / n;
    m2 += delta * (x - m.mean);
  }
  m.sd = n > 1.0 ? std::sqrt(m2 / (n - 1.0)) : 0.0;
  return m;
}

}  // namespace

Summary Summarise(std::vector<double> values) {
  Summary s;
  s.n = static_cast<std::int64_t>(values.size());
  if (values.empty()) return s;
  const MeanSd m = Moments(values);  // in draw order
  const double n = static_cast<double>(values.size());
  s.mean = m.mean, s.sd = m.sd, s.se_mean = m.sd / std::sqrt(n);
  std::vector<double> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  s.min = sorted.front(), s.max = sorted.back();
  s.p5 = Quantile(sorted, 0.05), s.p50 = Quantile(sorted, 0.50);
  s.p95 = Quantile(sorted, 0.95), s.p99 = Quantile(sorted, 0.99);
  const double half = kZ95 * std::sqrt(n * 0.95 * 0.05);
  s.p95_low = At(sorted, std::floor(n * 0.95 - half));
  s.p95_high = At(sorted, std::ceil(n * 0.95 + half));
  std::vector<double> terms;
  for (double x : values) terms.push_back(s.p95 + std::max(0.0, x - s.p95) / kTail);
  const MeanSd t = Moments(terms);
  s.cvar95 = t.mean;
  s.se_cvar95 = t.sd / std::sqrt(n);
  return s;
}

std::vector<ElementRisk> Criticality(const std::vector<DrawOutcome>& draws,
                                     std::size_t resource_count) {
  std::vector<ElementRisk> e(resource_count);
  std::vector<std::int64_t> binds(resource_count, 0);
  std::vector<double> price(resource_count, 0.0), hit_value(resource_count, 0.0);
  std::vector<double> hit_cost(resource_count, 0.0);
  double solved = 0.0, total_value = 0.0, total_cost = 0.0;
  for (const DrawOutcome& d : draws) {
    if (!d.ok()) continue;
    solved += 1.0;
    total_value += d.unserved_value_usd;
    total_cost += d.cost_usd;
    for (std::int32_t r : d.hit) {
      ++e[static_cast<std::size_t>(r)].hits;
      hit_value[static_cast<std::size_t>(r)] += d.unserved_value_usd;
      hit_cost[static_cast<std::size_t>(r)] += d.cost_usd;
    }
    for (const auto& [r, p] : d.prices) {
      ++binds[static_cast<std::size_t>(r)];
      price[static_cast<std::size_t>(r)] += p;
    }
  }
  std::vector<ElementRisk> out;
  if (solved == 0.0) return out;
  for (std::size_t r = 0; r < resource_count; ++r) {
    if (e[r].hits == 0 && binds[r] == 0) continue;
    ElementRisk x = e[r];
    x.resource = static_cast<std::int32_t>(r);
    const auto hits = static_cast<double>(x.hits);
    x.p_hit = hits / solved;
    x.p_binds = static_cast<double>(binds[r]) / solved;
    x.mean_price_usd = price[r] / solved;
    x.unserved_value_when_hit_usd = hits > 0.0 ? hit_value[r] / hits : 0.0;
    x.unserved_value_when_not_hit_usd =
        solved > hits ? (total_value - hit_value[r]) / (solved - hits) : 0.0;
    x.cost_when_hit_usd = hits > 0.0 ? hit_cost[r] / hits : 0.0;
    x.cost_when_not_hit_usd = solved > hits ? (total_cost - hit_cost[r]) / (solved - hits) : 0.0;
    out.push_back(x);
  }
  std::stable_sort(out.begin(), out.end(), [](const ElementRisk& a, const ElementRisk& b) {
    if (a.unserved_value_when_hit_usd != b.unserved_value_when_hit_usd) {
      return a.unserved_value_when_hit_usd > b.unserved_value_when_hit_usd;
    }
    auto excess = [](const ElementRisk& x) {
      return x.hits > 0 ? x.cost_when_hit_usd - x.cost_when_not_hit_usd : -INFINITY;
    };
    if (excess(a) != excess(b)) return excess(a) > excess(b);
    if (a.p_binds != b.p_binds) return a.p_binds > b.p_binds;
    return a.mean_price_usd > b.mean_price_usd;
  });
  return out;
}

std::vector<EventFrequency> EventFrequencies(const std::vector<DrawOutcome>& draws,
                                             const RiskModel& model) {
  std::vector<EventFrequency> out(model.events.size());
  for (const DrawOutcome& d : draws) {
    for (std::int32_t e : d.events) ++out[static_cast<std::size_t>(e)].happened;
  }
  for (std::size_t e = 0; e < out.size(); ++e) {
    out[e].frequency = draws.empty() ? 0.0
                                     : static_cast<double>(out[e].happened) /
                                           static_cast<double>(draws.size());
    double p = 1.0;
    for (const Event* ev = &model.events[e]; ev;) {
      p *= ev->probability;
      const Event* parent = nullptr;
      for (const Event& x : model.events) {
        if (!ev->parent.empty() && x.id == ev->parent) parent = &x;
      }
      ev = parent;
    }
    out[e].marginal_probability = p;
  }
  return out;
}

RiskSummary Summarise(const std::vector<DrawOutcome>& draws, const RiskModel& model,
                      std::size_t resource_count) {
  RiskSummary s;
  s.draws = static_cast<std::int64_t>(draws.size());
  std::vector<double> cost, tonnes, value;
  double iterations = 0.0, seconds = 0.0;
  for (const DrawOutcome& d : draws) {
    iterations += d.iterations;
    seconds += d.seconds;
    if (!d.ok()) {
      ++s.failed;
      s.failed_indices.push_back(d.index);
      continue;
    }
    cost.push_back(d.cost_usd);
    tonnes.push_back(d.unserved_t);
    value.push_back(d.unserved_value_usd);
  }
  s.cost = Summarise(std::move(cost));
  s.unserved_t = Summarise(std::move(tonnes));
  s.unserved_value = Summarise(std::move(value));
  s.elements = Criticality(draws, resource_count);
  s.events = EventFrequencies(draws, model);
  if (!draws.empty()) {
    s.mean_iterations = iterations / static_cast<double>(draws.size());
    s.mean_seconds = seconds / static_cast<double>(draws.size());
  }
  return s;
}

MeasureEffect CompareMeasure(const std::vector<DrawOutcome>& reference,
                             const std::vector<DrawOutcome>& measure) {
  MeasureEffect m;
  std::vector<double> dc, dv, ref_value, mea_value, ref_cost, mea_cost;
  const std::size_t n = std::min(reference.size(), measure.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (!reference[i].ok() || !measure[i].ok() || reference[i].index != measure[i].index) continue;
    dc.push_back(measure[i].cost_usd - reference[i].cost_usd);
    dv.push_back(measure[i].unserved_value_usd - reference[i].unserved_value_usd);
    ref_value.push_back(reference[i].unserved_value_usd);
    mea_value.push_back(measure[i].unserved_value_usd);
    ref_cost.push_back(reference[i].cost_usd);
    mea_cost.push_back(measure[i].cost_usd);
  }
  m.paired = static_cast<std::int64_t>(dc.size());
  if (dc.empty()) return m;
  const MeanSd c = Moments(dc), v = Moments(dv);
  const double root = std::sqrt(static_cast<double>(dc.size()));
  m.delta_mean_cost_usd = c.mean, m.se_delta_cost_usd = c.sd / root;
  m.delta_mean_unserved_value_usd = v.mean, m.se_delta_unserved_value_usd = v.sd / root;
  m.delta_cvar95_unserved_value_usd =
      Summarise(std::move(mea_value)).cvar95 - Summarise(std::move(ref_value)).cvar95;
  m.delta_cvar95_cost_usd = Summarise(std::move(mea_cost)).cvar95 - Summarise(std::move(ref_cost)).cvar95;
  return m;
}

}  // namespace corridor::risk
