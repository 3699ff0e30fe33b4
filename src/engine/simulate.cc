#include "engine/simulate.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "engine/assign.h"
#include "engine/sim_batches.h"
#include "sim/simulate.h"
#include "sim/stats.h"

namespace corridor::engine {

Status SimulateSettings::Validate() const {
  if (from != "solve" && from != "assign") return InvalidInput("--from must be solve or assign, got " + from);
  if (days < 0 || days > 3660) return InvalidInput("--days must be in [0, 3660]");
  if (replications < 1 || replications > 1000) return InvalidInput("--replications must be in [1, 1000]");
  if (threads < 1 || threads > 256) return InvalidInput("--threads must be in [1, 256]");
  if (!(warmup_days >= 0 && warmup_days <= 365)) return InvalidInput("--warmup must be in [0, 365] days");
  if (service != "exponential" && service != "deterministic" && service != "erlang") {
    return InvalidInput("--service must be exponential, deterministic or erlang, got " + service);
  }
  if (erlang_k < 1 || erlang_k > 100) return InvalidInput("--erlang-k must be in [1, 100]");
  if (aeo != "none" && aeo != "priority" && aeo != "green-lane") {
    return InvalidInput("--aeo must be none, priority or green-lane, got " + aeo);
  }
  if (!(green_lane_share > 0 && green_lane_share < 1)) return InvalidInput("--green-lane-share must be in (0, 1)");
  if (!(delay_threshold_h >= 0 && delay_threshold_h <= 1e4)) return InvalidInput("--delay-threshold must be in [0, 1e4] h");
  BatchTable t = DefaultBatches();
  return ApplyBatchOverrides(batches, t);
}

std::vector<std::pair<std::string, std::string>> SimulateSettings::Record() const {
  std::string b;
  for (const auto& s : batches) b += (b.empty() ? "" : ";") + s;
  return {{"from", from},
          {"days", std::to_string(days)},
          {"replications", std::to_string(replications)},
          {"seed", std::to_string(seed)},
          {"warmup_days", fmt::format("{}", warmup_days)},
          {"service", service},
          {"erlang_k", std::to_string(erlang_k)},
          {"aeo", aeo},
          {"green_lane_share", fmt::format("{}", green_lane_share)},
          {"delay_threshold_h", fmt::format("{}", delay_threshold_h)},
          {"batches", b}};
}

namespace {

using model::Mode;

std::string CrossingMode(model::ModeSet modes) {
  if (modes.contains(Mode::kPipeline)) return "";
  if (modes.contains(Mode::kRoad)) return "road";
  if (modes.contains(Mode::kSea)) return "sea";
  if (modes.contains(Mode::kRiver)) return "river";
  return "rail";
}

std::string TransferMode(Mode a, Mode b) {
  auto has = [&](Mode m) { return a == m || b == m; };
  if (has(Mode::kPipeline)) return "";
  if (has(Mode::kSea)) return "sea";
  if (has(Mode::kRiver)) return "river";
  if (has(Mode::kRoad)) return "road";
  return "rail";
}

// A ship's time at the berth: an estimate of ~2 days to unload and load a bulk or
// container ship (docs/file_formats.md, "Batch sizes").
constexpr double kBerthHours = 48.0;

// Tonnes and weighted attributes of one (direction, cargo type) stream.
struct Acc {
  double t = 0, vot = 0, aeo = 0, dwell = 0, dwell_aeo = 0;
  model::CargoType cargo = model::CargoType::kDryBulk;
  std::string direction;
};

struct Built {
  sim::Element element;
  report::SimElementInfo info;
};

class ModelBuilder {
 public:
  ModelBuilder(const model::Network& net, const std::vector<double>& flow, const Input& input,
               const SimulateSettings& s, const BatchTable& batches)
      : net_(net), flow_(flow), in_(input), s_(s), batches_(batches) {}

  // Element of resource r, or nullopt (with the reason in *skip) when not simulated.
  std::optional<Built> Build(std::size_t r, std::string* skip) {
    const auto kind = net_.resource_kind[r];
    const auto el = static_cast<std::size_t>(net_.resource_element[r]);
    Built b;
    model::ElementRef ref;
    berth_h_ = 0;
    if (kind == model::ResourceKind::kDefined) {
      // A port's berths (ships) and its rail access (trains unloading at the port).
      const model::ResourceDef& d = net_.resource_defs[el];
      if (d.kind != "port_berth" && d.kind != "rail_access") return std::nullopt;
      b.element.id = "resource:" + d.id;
      b.element.kind = d.kind;
      b.element.mode = d.kind == "port_berth" ? "sea" : "rail";
      if (d.kind == "port_berth") berth_h_ = kBerthHours;
      ref = {model::RefKind::kResource, d.id, model::Direction::kBoth};
    } else if (kind == model::ResourceKind::kLink) {
      return std::nullopt;
    } else if (kind == model::ResourceKind::kCrossing) {
      const model::Crossing& x = net_.crossings[el];
      b.element.id = "crossing:" + x.id;
      b.element.kind = "crossing";
      b.element.mode = CrossingMode(x.modes);
      ref = {model::RefKind::kCrossing, x.id, model::Direction::kBoth};
    } else {
      const model::Transfer& x = net_.transfers[el];
      b.element.id = "transfer:" + x.id;
      b.element.kind = "transfer";
      b.element.mode = TransferMode(x.from_mode, x.to_mode);
      ref = {model::RefKind::kTransfer, x.id, model::Direction::kBoth};
    }
    if (b.element.mode.empty()) return std::nullopt;  // pipelines flow, they do not queue
    const std::vector<Acc> streams = Streams(r);
    double tonnes = 0;
    for (const Acc& a : streams) tonnes += a.t;
    if (tonnes <= 0) return std::nullopt;
    const double nominal = net_.resource_nominal_t[r];
    if (!std::isfinite(nominal)) {
      *skip = b.element.id + " (unlimited capacity)";
      return std::nullopt;
    }
    b.element.capacity_factor = model::DailyFactors(in_.events, ref, in_.period);
    double mean = 0;
    for (double f : b.element.capacity_factor) mean += f;
    mean /= static_cast<double>(std::max<std::size_t>(1, b.element.capacity_factor.size()));
    b.info.capacity_t_per_year = mean > 0 ? nominal / mean : 0.0;
    b.info.flow_t_per_year = tonnes;
    Disruptions(ref, b.element);
    b.element.arrival_factor = Profile(b.element.mode);
    Servers(streams, b);
    return b;
  }

 private:
  std::vector<Acc> Streams(std::size_t r) const {
    std::map<std::pair<std::string, int>, Acc> acc;
    const std::size_t arcs = net_.arc_count();
    for (auto i = net_.resource_begin[r]; i < net_.resource_begin[r + 1]; ++i) {
      const auto a = static_cast<std::size_t>(net_.resource_arcs[static_cast<std::size_t>(i)].index());
      const std::string dir = Direction(a);
      for (std::size_t k = 0; k < net_.commodities.size(); ++k) {
        const double t = flow_[k * arcs + a];
        if (!(t > 1e-9)) continue;
        const model::Commodity& c = net_.commodities[k];
        Acc& x = acc[{dir, static_cast<int>(c.cargo_type)}];
        x.direction = dir;
        x.cargo = c.cargo_type;
        x.t += t;
        x.vot += t * c.value_of_time_usd_per_t_h;
        x.aeo += t * c.aeo_share;
        x.dwell += t * Dwell(a, false);
        x.dwell_aeo += t * Dwell(a, true);
      }
    }
    std::vector<Acc> out;
    for (auto& [key, x] : acc) out.push_back(x);
    const double preload = net_.resource_preload_t[r];
    if (preload > 0 && r < net_.resource_count()) {
      Acc p;
      p.direction = "background";
      p.t = std::min(preload, net_.resource_nominal_t[r]);
      const auto first = static_cast<std::size_t>(net_.resource_arcs[static_cast<std::size_t>(net_.resource_begin[r])].index());
      p.dwell = p.dwell_aeo = p.t * Dwell(first, false);
      if (p.t > 0) out.push_back(p);
    }
    return out;
  }

  std::string Direction(std::size_t a) const {
    if (net_.arc_kind[a] == model::ArcKind::kTransfer) {
      return std::string(model::ModeName(net_.vnode_mode[net_.arc_tail[a].index()])) + ">" +
             std::string(model::ModeName(net_.vnode_mode[net_.arc_head[a].index()]));
    }
    return "from " + net_.nodes[net_.vnode_node[net_.arc_tail[a].index()].index()].country;
  }

  double Dwell(std::size_t a, bool aeo) const {
    if (berth_h_ > 0) return berth_h_;
    const double d = net_.arc_kind[a] == model::ArcKind::kTransfer
                         ? net_.arc_time_h[a]
                         : (aeo ? net_.arc_dwell_aeo_h[a] : net_.arc_dwell_standard_h[a]);
    return d > 0 ? d : 1.0;  // an element without a dwell still takes an hour per batch
  }

  void Disruptions(const model::ElementRef& ref, sim::Element& e) const {
    for (const model::DatedEvent& ev : in_.events) {
      if (ev.element.kind != ref.kind || ev.element.id != ref.id) continue;
      for (const auto& [a, b] : model::EventIntervals(ev, in_.period)) {
        const std::string what = ev.fraction == 0 ? "closed" : fmt::format("capacity {:.3g}", ev.fraction);
        e.disruptions.push_back({fmt::format("{} {}..{}", what, model::FormatIsoDate(in_.period.start + a),
                                             model::FormatIsoDate(in_.period.start + b)),
                                 a, b + 1, ev.fraction});
      }
    }
  }

  // Daily arrival multipliers of the mode's monthly profile (else "all"), scaled to mean
  // 1 over the period; empty without a profile.
  std::vector<double> Profile(const std::string& mode) const {
    auto it = in_.monthly_profile.find(mode);
    if (it == in_.monthly_profile.end()) it = in_.monthly_profile.find("all");
    if (it == in_.monthly_profile.end()) return {};
    std::vector<double> f(static_cast<std::size_t>(in_.period.days));
    double sum = 0;
    for (int d = 0; d < in_.period.days; ++d) {
      const int month = std::stoi(model::FormatIsoDate(in_.period.start + d).substr(5, 2));
      f[static_cast<std::size_t>(d)] = it->second[static_cast<std::size_t>(month - 1)];
      sum += f[static_cast<std::size_t>(d)];
    }
    if (sum <= 0) return {};
    for (double& v : f) v *= static_cast<double>(in_.period.days) / sum;
    return f;
  }

  // Servers reproduce the annual capacity with service times whose mean is the dwell.
  void Servers(const std::vector<Acc>& streams, Built& b) const {
    double batches = 0, tonnes = 0, busy = 0;
    for (const Acc& a : streams) {
      const double size = batches_.Get(b.element.mode, a.cargo);
      const double n = a.t / size;
      batches += n;
      tonnes += a.t;
      const double aeo = a.aeo / a.t;
      busy += n * ((1 - aeo) * a.dwell + aeo * a.dwell_aeo) / a.t;
    }
    const double mean_batch = tonnes / batches;
    const double mean_service = busy / batches;
    const double cap_per_h = b.info.capacity_t_per_year / mean_batch / 8760.0;
    // Capped far above any crossing so the conversion is defined; CheckModel refuses
    // more than 100,000 servers with the element's id.
    const double wanted = std::min(1e6, cap_per_h * mean_service);
    const int servers = cap_per_h > 0 ? std::max(1, static_cast<int>(std::lround(wanted))) : 0;
    const double scale = servers > 0 ? servers / (cap_per_h * mean_service) : 1.0;
    b.info.mean_batch_t = mean_batch;
    b.info.dwell_h = mean_service;
    b.element.servers = servers;
    b.element.service = s_.service == "deterministic" ? sim::ServiceDist::kDeterministic
                        : s_.service == "erlang"      ? sim::ServiceDist::kErlang
                                                      : sim::ServiceDist::kExponential;
    b.element.erlang_k = s_.erlang_k;
    if (s_.aeo == "priority") b.element.aeo = sim::AeoPolicy::kPriority;
    if (s_.aeo == "green-lane" && servers >= 2) {
      b.element.aeo = sim::AeoPolicy::kDedicated;
      b.element.dedicated_servers =
          std::min(servers - 1, std::max(1, static_cast<int>(std::lround(s_.green_lane_share * servers))));
    }
    for (const Acc& a : streams) {
      sim::ArrivalStream st;
      st.label = a.direction == "background" ? "background preload"
                                             : a.direction + ", " + std::string(model::CargoTypeName(a.cargo));
      st.tonnes_per_batch = batches_.Get(b.element.mode, a.cargo);
      st.batches_per_hour = a.t / st.tonnes_per_batch / 8760.0;
      st.aeo_share = a.aeo / a.t;
      st.service_mean_h = a.dwell / a.t * scale;
      st.service_mean_aeo_h = a.dwell_aeo / a.t * scale;
      st.value_of_time_usd_per_t_h = a.vot / a.t;
      b.element.streams.push_back(st);
    }
  }

  const model::Network& net_;
  const std::vector<double>& flow_;
  const Input& in_;
  const SimulateSettings& s_;
  const BatchTable& batches_;
  double berth_h_ = 0;  // service time of a ship at a berth (port_berth resources)
};

// Per commodity and arc ([k * arcs + a]) from the routing the settings ask for.
Result<std::pair<model::Network, std::vector<double>>> Routing(const SimulateRequest& req,
                                                               Diagnostics& diags) {
  if (req.settings.from == "assign") {
    AssignRequest ar;
    ar.input = req.input;
    ar.control = req.control;
    auto r = Assign(ar, diags);
    if (!r.ok()) return r.status();
    const std::size_t arcs = r->network.arc_count();
    std::vector<double> flow(r->network.commodities.size() * arcs, 0.0);
    const auto& cls = r->equilibrium.ue.class_link_flow;
    for (std::size_t k = 0; k < cls.size() && k < r->network.commodities.size(); ++k) {
      for (std::size_t a = 0; a < arcs && a < cls[k].size(); ++a) flow[k * arcs + a] = cls[k][a];
    }
    return std::make_pair(std::move(r->network), std::move(flow));
  }
  SolveRequest sr;
  sr.input = req.input;
  sr.options.ranging_top_n = 0;
  sr.control = req.control;
  auto r = Solve(sr, diags);
  if (!r.ok()) return r.status();
  if (r->solution.status != routing::SolveStatus::kOptimal) {
    return Status(StatusCode::kSolverFailure, "the routing did not solve to optimality");
  }
  return std::make_pair(std::move(r->network), std::move(r->solution.commodity_arc_flow_t));
}

// Transfers that carry freight but have no capacity of their own (a gauge change whose
// capacity is its crossing's, a terminal without a figure): nothing to queue for.
void UnlimitedTransfers(const model::Network& net, const std::vector<double>& flow,
                        std::vector<std::string>& skipped) {
  std::vector<double> tonnes(net.transfers.size(), 0.0);
  const std::size_t arcs = net.arc_count();
  for (std::size_t a = 0; a < arcs; ++a) {
    if (net.arc_kind[a] != model::ArcKind::kTransfer) continue;
    for (std::size_t k = 0; k < net.commodities.size(); ++k) {
      tonnes[static_cast<std::size_t>(net.arc_element[a])] += flow[k * arcs + a];
    }
  }
  for (std::size_t t = 0; t < net.transfers.size(); ++t) {
    if (tonnes[t] > 0 && !net.transfers[t].capacity_t_per_year) {
      skipped.push_back("transfer:" + net.transfers[t].id);
    }
  }
}

}  // namespace

Result<SimulateResult> Simulate(const SimulateRequest& req, Diagnostics& diags) {
  if (Status s = req.settings.Validate(); !s.ok()) return s;
  BatchTable batches = DefaultBatches();
  if (Status s = ApplyBatchOverrides(req.settings.batches, batches); !s.ok()) return s;
  auto input = LoadInput(req.input, diags);
  if (!input.ok()) return input.status();
  if (req.control) req.control->Report(0.02, "routing (" + req.settings.from + ")");
  auto routed = Routing(req, diags);
  if (!routed.ok()) return routed.status();
  const auto& [net, flow] = *routed;

  SimulateResult out;
  out.run = input->run;
  out.run.options = req.settings.Record();
  out.run.seed = req.settings.seed;
  out.period = input->period;
  ModelBuilder builder(net, flow, *input, req.settings, batches);
  for (std::size_t r = 0; r < net.resource_count(); ++r) {
    std::string skip;
    if (auto b = builder.Build(r, &skip)) {
      out.model.elements.push_back(std::move(b->element));
      out.info.push_back(b->info);
    } else if (!skip.empty()) {
      out.skipped.push_back(skip);
    }
  }
  UnlimitedTransfers(net, flow, out.skipped);
  sim::Options o;
  o.days = req.settings.days > 0 ? req.settings.days : out.period.days;
  o.warmup_days = req.settings.warmup_days;
  o.replications = req.settings.replications;
  o.seed = req.settings.seed;
  o.threads = req.settings.threads;
  o.delay_threshold_h = req.settings.delay_threshold_h;
  sim::Control control;
  if (req.control) {
    control.on_progress = [c = req.control](double f) { c->Report(0.1 + 0.9 * f, "simulating"); };
    control.cancelled = [c = req.control] { return c->cancelled(); };
  }
  auto result = sim::Simulate(out.model, o, control);
  if (!result.ok()) return result.status();
  out.sim = std::move(result).value();
  // The summaries point into the model: re-point them at out.model's elements.
  for (std::size_t i = 0; i < out.sim.elements.size(); ++i) out.sim.elements[i].element = &out.model.elements[i];
  out.run.wall_seconds = out.sim.seconds;
  return out;
}

report::SimReport SimulateResult::Report() const {
  report::SimReport r;
  r.run = run;
  r.period_start = period.start;
  r.sim = &sim;
  r.model = &model;
  r.info = &info;
  r.skipped = skipped;
  return r;
}

Result<MmcResult> SimulateMmc(double lambda, double mu, int servers, int days, int replications,
                              std::uint64_t seed, int threads) {
  if (!std::isfinite(lambda) || lambda < 0) return InvalidInput("--mmc: arrival rate must be a finite number >= 0");
  if (!std::isfinite(mu) || mu <= 0) return InvalidInput("--mmc: service rate must be a finite number > 0");
  if (servers < 0 || servers > 100000) return InvalidInput("--mmc: servers must be in [0, 100000]");
  MmcResult out;
  out.lambda = lambda;
  out.mu = mu;
  out.servers = servers;
  out.rho = servers > 0 ? lambda / (servers * mu) : std::numeric_limits<double>::infinity();
  out.unstable = out.rho >= 1.0;
  out.erlang_c_wait_h = sim::ErlangCWaitH(lambda, mu, servers);
  sim::Model model;
  sim::Element e;
  e.id = "mmc";
  e.kind = "queue";
  e.servers = servers;
  sim::ArrivalStream s;
  s.label = "poisson";
  s.batches_per_hour = lambda;
  s.service_mean_h = s.service_mean_aeo_h = 1.0 / mu;
  e.streams.push_back(s);
  model.elements.push_back(e);
  sim::Options o;
  o.days = days;
  o.warmup_days = std::min(30.0, days * 0.1);
  o.replications = replications;
  o.seed = seed;
  o.threads = threads;
  auto r = sim::Simulate(model, o);
  if (!r.ok()) return r.status();
  out.sim = std::move(r).value();
  out.sim.elements[0].element = nullptr;  // the model is gone
  return out;
}

}  // namespace corridor::engine
