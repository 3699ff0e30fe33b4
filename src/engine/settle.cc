#include "engine/settle.h"

#include <chrono>
#include <algorithm>
#include <filesystem>
#include <map>

#include "core/clock.h"
#include "core/hash.h"
#include "io/text_file.h"
#include "settle/generate.h"
#include "settle/obligations_csv.h"

namespace corridor::engine {

namespace {

std::string Hash(const std::string& bytes) {
  Fnv1a64 h;
  h.Update(bytes);
  return h.Hex();
}

// The bytes of an input given either in memory or as a file.
Result<std::string> Bytes(const std::optional<std::string>& text, const std::string& file) {
  if (text) return *text;
  auto bytes = io::ReadTextFile(file);
  if (!bytes) return NotFound("cannot read " + file);
  return *bytes;
}

Status LoadAssumptions(const SettleRequest& req, SettleOutcome& out, Diagnostics& diags) {
  std::string file = req.assumptions_file;
  std::optional<std::string> text = req.assumptions_text;
  if (file.empty() && !text) {
    const auto stored = req.input.dataset_files.find("settlement.toml");
    if (stored != req.input.dataset_files.end()) {
      file = "settlement.toml";
      text = stored->second;
    } else if (!req.input.dataset_folder.empty()) {
      const std::string candidate = req.input.dataset_folder + "/settlement.toml";
      std::error_code ec;
      if (std::filesystem::exists(candidate, ec)) file = candidate;
    }
  }
  if (file.empty() && !text) return Status::Ok();  // the built-in defaults
  auto bytes = Bytes(text, file);
  if (!bytes.ok()) return bytes.status();
  auto parsed = settle::ParseAssumptions(*bytes, io::BaseName(file), diags);
  if (!parsed.ok()) return parsed.status();
  out.assumptions = std::move(parsed).value();
  out.run.assumptions_file = file;
  out.run.assumptions_hash = Hash(*bytes);
  return Status::Ok();
}

// Crossing fees of the study's trade per crossing and paying country: a gate arc's
// tail is on the side the freight comes from; a fee is a cross-border payment when
// that side is another country than the crossing node's.
std::vector<settle::CrossingFee> CrossingFees(const SolveResult& solved) {
  const model::Network& net = solved.network;
  std::map<std::string, std::string> country_of;
  for (const model::Node& n : net.nodes) country_of[n.id] = n.country;
  std::map<std::pair<std::size_t, std::string>, double> usd;  // (crossing, payer country)
  const std::size_t arcs = net.arc_count();
  for (std::size_t a = 0; a < arcs; ++a) {
    if (!net.arc_crossing[a].valid()) continue;
    const std::size_t c = net.arc_crossing[a].index();
    const std::string& from = net.nodes[net.vnode_node[net.arc_tail[a].index()].index()].country;
    double t = 0.0;
    for (std::size_t k = 0; k < net.commodities.size(); ++k) {
      if (!net.commodities[k].background) t += solved.solution.commodity_arc_flow_t[k * arcs + a];
    }
    if (t > 0.0) usd[{c, from}] += t * net.crossings[c].fee_usd_per_t;
  }
  std::vector<settle::CrossingFee> fees;
  for (const auto& [key, value] : usd) {
    const model::Crossing& x = net.crossings[key.first];
    fees.push_back({x.id, key.second, country_of[x.node], value});
  }
  return fees;
}

// Served trade per OD; the transport bill net of crossing fees (which are obligations
// of their own), scaled by the fees' share of the trade's money cost.
std::vector<settle::TradeFlow> TradeFlows(const SolveResult& solved, double fees_usd) {
  const model::Network& net = solved.network;
  double money = 0.0;
  for (std::size_t i = 0; i < net.demand.size() && i < solved.solution.od.size(); ++i) {
    if (!net.commodities[net.demand[i].commodity.index()].background) money += solved.solution.od[i].money_usd;
  }
  const double net_of_fees = money > 0.0 ? std::max(0.0, 1.0 - fees_usd / money) : 1.0;
  std::vector<settle::TradeFlow> flows;
  for (std::size_t i = 0; i < net.demand.size() && i < solved.solution.od.size(); ++i) {
    const model::OdDemand& d = net.demand[i];
    const model::Commodity& k = net.commodities[d.commodity.index()];
    const routing::OdResult& r = solved.solution.od[i];
    if (k.background || r.served_t <= 0.0) continue;
    const model::Node& o = net.nodes[d.origin.index()];
    const model::Node& t = net.nodes[d.destination.index()];
    flows.push_back({k.id, o.id, o.country, t.id, t.country, r.served_t * k.value_usd_per_t,
                     r.money_usd * net_of_fees});
  }
  return flows;
}

Status Generate(const SettleRequest& req, SettleOutcome& out, Diagnostics& diags) {
  SolveRequest solve{req.input, req.routing, req.option_record, req.control};
  auto solved = Solve(solve, diags);
  if (!solved.ok()) return solved.status();
  out.run.program_version = solved->run.program_version;
  out.run.dataset_name = solved->run.dataset_name;
  out.run.dataset_hash = solved->run.dataset_hash;
  out.run.scenario_name = solved->run.scenario_name;
  out.run.scenario_hash = solved->run.scenario_hash;
  const std::vector<settle::CrossingFee> fees = CrossingFees(*solved);
  double fees_usd = 0.0;
  for (const settle::CrossingFee& f : fees) fees_usd += f.usd;  // all, domestic ones too
  settle::GeneratedObligations g = settle::GenerateObligations(
      TradeFlows(*solved, fees_usd), fees, out.assumptions, out.run.scenario_name);
  out.generation = {true, g.flows, g.trade_usd, g.transport_usd, g.crossing_fees_usd};
  out.parties = std::move(g.set);
  out.run.obligations_source = out.parties.source;
  out.run.seed = out.assumptions.seed;
  return Status::Ok();
}

Status ReadUserObligations(const SettleRequest& req, SettleOutcome& out, Diagnostics& diags) {
  auto bytes = Bytes(req.obligations_text, req.obligations_file);
  if (!bytes.ok()) return bytes.status();
  auto set = settle::ParseObligationsCsv(*bytes, io::BaseName(req.obligations_file), diags);
  if (!set.ok()) return set.status();
  out.parties = std::move(set).value();
  out.run.obligations_source = req.obligations_file;
  out.run.program_version = ProgramVersion();
  out.run.scenario_name = "";
  return Status::Ok();
}

}  // namespace

settle::SettleReport SettleOutcome::Report() const {
  settle::SettleReport rep;
  rep.run = run;
  rep.level = level;
  rep.parties = &parties;
  rep.netted_set = &netted;
  rep.internal = internal;
  rep.rates = assumptions.rates;
  rep.generation = generation;
  if (generation.used) rep.assumptions = assumptions.List(run.scenario_name);
  else rep.assumptions = {assumptions.List("").front()};  // only the rates apply
  rep.result = &by_cycle[chosen];
  for (const settle::SettleResult& r : by_cycle) rep.by_cycle.push_back(&r);
  return rep;
}

Result<SettleOutcome> Settle(const SettleRequest& req, Diagnostics& diags) {
  const auto start = std::chrono::steady_clock::now();
  const auto cycle = settle::ParseCycle(req.cycle);
  const auto level = settle::ParseLevel(req.level);
  if (!cycle) return InvalidInput("cycle must be day, week or month, got '" + req.cycle + "'");
  if (!level) return InvalidInput("level must be party, bank or country, got '" + req.level + "'");
  SettleOutcome out;
  out.level = *level;
  out.run.started_at_utc = NowUtcIso8601();
  out.run.options = req.option_record;
  if (Status s = LoadAssumptions(req, out, diags); !s.ok()) return s;
  const bool user_file = !req.obligations_file.empty() || req.obligations_text;
  if (Status s = user_file ? ReadUserObligations(req, out, diags) : Generate(req, out, diags); !s.ok()) {
    return s;
  }
  if (!user_file && out.parties.obligations.empty()) {
    return InvalidInput("the routing result has no cross-border trade to settle");
  }
  out.run.obligations_hash = out.parties.ContentHash();
  out.netted = settle::Aggregate(out.parties, *level, &out.internal);
  const settle::Cycle order[3] = {settle::Cycle::kDay, settle::Cycle::kWeek, settle::Cycle::kMonth};
  for (int i = 0; i < 3; ++i) {
    if (order[i] == *cycle) out.chosen = static_cast<std::size_t>(i);
    settle::SettleOptions opt;
    opt.cycle = order[i];
    opt.compress = req.compress;
    opt.keep_details = order[i] == *cycle;
    opt.progress = [&, i](double f) {
      if (!req.control) return true;
      req.control->Report(0.5 + (i + f) / 6.0, "netting per " + std::string(settle::CycleName(order[i])));
      return !req.control->cancelled();
    };
    auto r = settle::Net(out.netted, opt);
    if (!r.ok()) return r.status();
    out.by_cycle.push_back(std::move(r).value());
  }
  out.run.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace corridor::engine
