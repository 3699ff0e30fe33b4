#include "report/sim_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "model/events.h"
#include "report/run_json.h"
#include "sim/simulate.h"

namespace corridor::report {
namespace {

using nlohmann::json;
using sim::ElementSummary;
using sim::Estimate;

json Num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json EstimateJson(const Estimate& e) {
  return {{"mean", Num(e.mean)}, {"ci95_low", Num(e.lo())}, {"ci95_high", Num(e.hi())}};
}

std::string Date(const SimReport& r, int day) { return model::FormatIsoDate(r.period_start + day); }

std::string Pad(const std::string& s, std::size_t w) {
  return s.size() >= w ? s : s + std::string(w - s.size(), ' ');
}

// Elements ordered by a figure, largest first.
template <typename Key>
std::vector<const ElementSummary*> Ranked(const SimReport& r, Key key) {
  std::vector<const ElementSummary*> out;
  for (const auto& e : r.sim->elements) out.push_back(&e);
  std::stable_sort(out.begin(), out.end(),
                   [&](const ElementSummary* a, const ElementSummary* b) { return key(*a) > key(*b); });
  return out;
}

void PerElementTable(const SimReport& r, std::string& out) {
  out += "\nQueues and waits per element (mean with 95 % CI over the replications; batches = "
         "trains, trucks or ships):\n";
  out += fmt::format("  {} {:>7} {:>5} {:>5}  {:>14} {:>16} {:>14} {:>16} {:>16} {:>6}\n",
                     Pad("element", 28), "mode", "srv", "load", "arrivals/day", "queue mean",
                     "queue max", "wait mean h", "wait p95 h", "util");
  for (const auto& s : r.sim->elements) {
    const sim::Element& e = *s.element;
    out += fmt::format("  {} {:>7} {:>5} {:>5.2f}  {:>14} {:>16} {:>14} {:>16} {:>16} {:>5.0f}%{}\n",
                       Pad(e.id, 28), e.mode, e.servers, sim::OfferedLoad(e),
                       FormatEstimate(s.arrived_per_day), FormatEstimate(s.queue_mean),
                       FormatEstimate(s.queue_max, 0), FormatEstimate(s.wait_mean_h),
                       FormatEstimate(s.wait_p95_h), 100 * s.utilisation.mean,
                       s.no_servers ? "  NO SERVERS: the queue grows to the horizon"
                       : s.unstable ? "  saturated (load >= 1): a backlog does not clear" : "");
  }
}

void Closures(const SimReport& r, std::string& out) {
  bool any = false;
  for (const auto& s : r.sim->elements) {
    for (const auto& d : s.disruptions) {
      if (!any) {
        out += "\nClosure impacts (backlog when the event ends, days until the queue is back at "
               "its level when it began):\n";
        any = true;
      }
      const std::string clear =
          d.cleared == 0 ? "not cleared within the period"
                         : fmt::format("{} days ({} of {} replications cleared)",
                                       FormatEstimate(d.days_to_clear), d.cleared,
                                       r.sim->options.replications);
      out += fmt::format("  {} {}: backlog {} batches; {}\n", Pad(s.element->id, 28),
                         d.disruption.label, FormatEstimate(d.backlog_at_end, 0), clear);
    }
  }
}

}  // namespace

std::string FormatEstimate(const Estimate& e, int decimals) {
  if (!std::isfinite(e.mean)) return "n/a";
  return fmt::format("{:.{}f} ± {:.{}f}", e.mean, decimals, e.half_width, decimals);
}

std::string FormatSimSummary(const SimReport& r, int top_n) {
  const sim::SimResult& s = *r.sim;
  std::string out = fmt::format(
      "Simulation of {} / {}: {}..{} ({} days after a {:g}-day warm-up), {} replications, seed "
      "{}\n{} elements, {} events in {:.2f} s\n",
      r.run.dataset_name, r.run.scenario_name, Date(r, 0), Date(r, s.options.days - 1),
      s.options.days, s.options.warmup_days, s.options.replications, s.options.seed,
      s.elements.size(), s.events, s.seconds);
  const auto top = static_cast<std::size_t>(std::max(1, top_n));
  out += "\nWorst queues (most batches waiting at once):\n";
  const auto worst = Ranked(r, [](const ElementSummary& e) { return e.queue_max.mean; });
  for (std::size_t i = 0; i < worst.size() && i < top; ++i) {
    const auto* e = worst[i];
    out += fmt::format("  {} max {} batches, mean {}, {} waiting at the end\n",
                       Pad(e->element->id, 28), FormatEstimate(e->queue_max, 0),
                       FormatEstimate(e->queue_mean), FormatTonnes(e->backlog_t.mean));
  }
  out += "\nLongest waits (95th percentile, hours):\n";
  const auto longest = Ranked(r, [](const ElementSummary& e) { return e.wait_p95_h.mean; });
  for (std::size_t i = 0; i < longest.size() && i < top; ++i) {
    const auto* e = longest[i];
    out += fmt::format("  {} p95 {} h, mean {} h, max {} h; {} delayed > {:g} h, {} tonne-days, {}\n",
                       Pad(e->element->id, 28), FormatEstimate(e->wait_p95_h),
                       FormatEstimate(e->wait_mean_h), FormatEstimate(e->wait_max_h, 0),
                       FormatTonnes(e->tonnes_delayed.mean), s.options.delay_threshold_h,
                       fmt::format("{:.3g}", e->tonne_days_delay.mean), FormatUsd(e->delay_cost_usd.mean));
  }
  Closures(r, out);
  PerElementTable(r, out);
  if (!r.skipped.empty()) {
    out += "\nNot simulated (carry freight but have no capacity of their own to queue for; a gauge "
           "change without one is counted in its crossing):";
    for (const auto& k : r.skipped) out += " " + k;
    out += "\n";
  }
  return out;
}

std::string SimResultJson(const SimReport& r) {
  const sim::SimResult& s = *r.sim;
  json elements = json::array();
  for (std::size_t i = 0; i < s.elements.size(); ++i) {
    const ElementSummary& e = s.elements[i];
    const sim::Element& el = *e.element;
    const SimElementInfo& info = (*r.info)[i];
    json streams = json::array();
    for (const auto& st : el.streams) {
      streams.push_back({{"label", st.label}, {"batches_per_day", Num(st.batches_per_hour * 24)},
                         {"tonnes_per_batch", Num(st.tonnes_per_batch)}, {"aeo_share", Num(st.aeo_share)},
                         {"service_mean_h", Num(st.service_mean_h)},
                         {"service_mean_aeo_h", Num(st.service_mean_aeo_h)},
                         {"value_of_time_usd_per_t_h", Num(st.value_of_time_usd_per_t_h)}});
    }
    json disruptions = json::array();
    for (const auto& d : e.disruptions) {
      disruptions.push_back({{"label", d.disruption.label}, {"from", Date(r, d.disruption.from_day)},
                             {"to", Date(r, d.disruption.to_day - 1)}, {"factor", d.disruption.factor},
                             {"backlog_at_end_batches", EstimateJson(d.backlog_at_end)},
                             {"days_to_clear", EstimateJson(d.days_to_clear)},
                             {"replications_cleared", d.cleared}});
    }
    json hist = json::array();
    for (int b = 0; b < sim::kWaitBins; ++b) {
      json h;
      h["from_h"] = sim::kWaitBinEdges[b];
      h["to_h"] = b + 1 < sim::kWaitBins ? json(sim::kWaitBinEdges[b + 1]) : json(nullptr);
      h["batches"] = e.wait_histogram[static_cast<std::size_t>(b)];
      hist.push_back(h);
    }
    elements.push_back({
        {"id", el.id}, {"kind", el.kind}, {"mode", el.mode}, {"servers", el.servers},
        {"service", sim::ServiceDistName(el.service)}, {"aeo_policy", sim::AeoPolicyName(el.aeo)},
        {"dedicated_servers", el.dedicated_servers},
        {"capacity_t_per_year", Num(info.capacity_t_per_year)},
        {"flow_t_per_year", Num(info.flow_t_per_year)}, {"mean_batch_t", Num(info.mean_batch_t)},
        {"mean_service_h", Num(info.dwell_h)}, {"offered_load", Num(sim::OfferedLoad(el))},
        {"unstable", e.unstable}, {"no_servers", e.no_servers}, {"streams", streams},
        {"arrived_batches_per_day", EstimateJson(e.arrived_per_day)},
        {"served_batches_per_day", EstimateJson(e.served_per_day)},
        {"served_t_per_day", EstimateJson(e.served_t_per_day)},
        {"wait_h", {{"mean", EstimateJson(e.wait_mean_h)}, {"p50", EstimateJson(e.wait_p50_h)},
                    {"p95", EstimateJson(e.wait_p95_h)}, {"p99", EstimateJson(e.wait_p99_h)},
                    {"max", EstimateJson(e.wait_max_h)}, {"mean_aeo", EstimateJson(e.wait_mean_aeo_h)},
                    {"mean_standard", EstimateJson(e.wait_mean_standard_h)}}},
        {"wait_histogram", hist},
        {"queue_batches", {{"mean", EstimateJson(e.queue_mean)}, {"max", EstimateJson(e.queue_max)},
                           {"end", EstimateJson(e.queue_end)}}},
        {"backlog_end_t", EstimateJson(e.backlog_t)},
        {"utilisation", EstimateJson(e.utilisation)},
        {"tonnes_delayed", EstimateJson(e.tonnes_delayed)},
        {"tonne_days_delay", EstimateJson(e.tonne_days_delay)},
        {"delay_cost_usd", EstimateJson(e.delay_cost_usd)},
        {"little", {{"L", EstimateJson(e.little_l)}, {"lambda_W", EstimateJson(e.little_lambda_w)}}},
        {"disruptions", disruptions}});
  }
  json j = {{"format", "corridor-sim-result/1"},
            {"run", RunJson(r.run)},
            {"period", {{"start", Date(r, 0)}, {"end", Date(r, s.options.days - 1)},
                        {"days", s.options.days}, {"warmup_days", s.options.warmup_days},
                        {"replications", s.options.replications}, {"seed", s.options.seed},
                        {"delay_threshold_h", s.options.delay_threshold_h}}},
            {"events_simulated", s.events},
            {"seconds", s.seconds},
            {"elements", elements},
            {"not_simulated", r.skipped}};
  return j.dump(1) + "\n";
}

std::string SimDailyCsv(const SimReport& r) {
  std::string out =
      "element,day,date,queue_batches,queue_ci95,queue_max_batches,served_batches,served_t,servers\n";
  for (const auto& e : r.sim->elements) {
    for (std::size_t d = 0; d < e.day_queue.size(); ++d) {
      out += fmt::format("{},{},{},{:.3f},{:.3f},{:.3f},{:.3f},{:.1f},{:.2f}\n", CsvEscape(e.element->id), d,
                         Date(r, static_cast<int>(d)), e.day_queue[d], e.day_queue_hw[d],
                         e.day_queue_max[d], e.day_served[d], e.day_served_t[d], e.day_servers[d]);
    }
  }
  return out;
}

std::string SimElementsCsv(const SimReport& r) {
  std::string out =
      "element,mode,servers,offered_load,arrived_per_day,queue_mean,queue_mean_ci95,queue_max,"
      "wait_mean_h,wait_mean_ci95,wait_p50_h,wait_p95_h,wait_p99_h,wait_max_h,utilisation,"
      "tonnes_delayed,tonne_days_delay,delay_cost_usd,backlog_end_t,unstable\n";
  for (const auto& e : r.sim->elements) {
    out += fmt::format("{},{},{},{:.4f},{:.3f},{:.3f},{:.3f},{:.1f},{:.3f},{:.3f},{:.3f},{:.3f},{:.3f},{:.3f},"
                       "{:.4f},{:.0f},{:.0f},{:.0f},{:.0f},{}\n",
                       CsvEscape(e.element->id), e.element->mode, e.element->servers,
                       sim::OfferedLoad(*e.element), e.arrived_per_day.mean, e.queue_mean.mean,
                       e.queue_mean.half_width, e.queue_max.mean, e.wait_mean_h.mean,
                       e.wait_mean_h.half_width, e.wait_p50_h.mean, e.wait_p95_h.mean,
                       e.wait_p99_h.mean, e.wait_max_h.mean, e.utilisation.mean,
                       e.tonnes_delayed.mean, e.tonne_days_delay.mean, e.delay_cost_usd.mean,
                       e.backlog_t.mean, e.unstable ? "true" : "false");
  }
  return out;
}

std::vector<OutputFile> SimResultFiles(const SimReport& r) {
  return {{"sim_result.json", SimResultJson(r)},
          {"sim_daily.csv", SimDailyCsv(r)},
          {"sim_elements.csv", SimElementsCsv(r)},
          {"sim_summary.txt", FormatSimSummary(r)}};
}

Status WriteSimFiles(const std::string& dir, const SimReport& r) {
  return WriteFiles(dir, SimResultFiles(r));
}

}  // namespace corridor::report
