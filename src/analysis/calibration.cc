#include "analysis/calibration.h"

#include <algorithm>
#include <cmath>

#include "analysis/kpi.h"

namespace corridor::analysis {
namespace {

struct Direction {
  std::string from;  // empty = any
  std::string to;
  bool study_only = false;  // trade_throughput_*: the study's trade only (no background)
};

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// "throughput_ru_cn" -> {RU, CN}; "throughput_both" -> {}; "trade_throughput_both" -> the
// study's trade only.
std::optional<Direction> ParseDirection(const std::string& metric) {
  for (const std::string prefix : {"trade_throughput_", "throughput_", "trade_"}) {
    if (metric.rfind(prefix, 0) != 0) continue;
    const bool study = prefix == "trade_throughput_";
    const std::string rest = metric.substr(prefix.size());
    if (rest == "both" || rest == "all_cargo") return Direction{"", "", study};
    if (rest.size() == 5 && rest[2] == '_') {
      return Direction{Upper(rest.substr(0, 2)), Upper(rest.substr(3, 2)), study};
    }
  }
  return std::nullopt;
}

class Measurer {
 public:
  Measurer(const model::Network& net, const routing::Solution& sol)
      : net_(net), sol_(sol), use_(ResourceUsage(net, sol)) {}

  // nullopt when the element does not exist in the network.
  std::optional<double> Measure(const std::string& element, const Direction& dir) const {
    const auto colon = element.find(':');
    const std::string kind = element.substr(0, colon);
    const std::string id = element.substr(colon + 1);
    if (kind == "crossing") {
      for (std::size_t c = 0; c < net_.crossings.size(); ++c) {
        if (net_.crossings[c].id != id) continue;
        return SumArcs([&](std::size_t a) {
          return net_.arc_crossing[a].valid() && net_.arc_crossing[a].index() == c;
        }, dir) + Preload(model::ResourceKind::kCrossing, c, dir);
      }
      return std::nullopt;
    }
    if (kind == "resource") {
      for (std::size_t r = 0; r < net_.resource_count(); ++r) {
        if (net_.resource_kind[r] != model::ResourceKind::kDefined ||
            net_.resource_defs[static_cast<std::size_t>(net_.resource_element[r])].id != id) {
          continue;
        }
        return SumArcs([&](std::size_t a) { return InResource(r, a); }, dir) +
               (dir.from.empty() && !dir.study_only
                    ? use_[r].counted_preload_t()
                    : 0.0);
      }
      return std::nullopt;
    }
    if (kind == "link" || kind == "transfer") {
      const auto arc_kind = kind == "link" ? model::ArcKind::kLink : model::ArcKind::kTransfer;
      const std::size_t count = kind == "link" ? net_.links.size() : net_.transfers.size();
      for (std::size_t e = 0; e < count; ++e) {
        const std::string& eid = kind == "link" ? net_.links[e].id : net_.transfers[e].id;
        if (eid != id) continue;
        return SumArcs([&](std::size_t a) {
          return net_.arc_kind[a] == arc_kind && static_cast<std::size_t>(net_.arc_element[a]) == e;
        }, dir) + Preload(kind == "link" ? model::ResourceKind::kLink : model::ResourceKind::kTransfer,
                          e, dir);
      }
      return std::nullopt;
    }
    if (kind == "port") {
      bool exists = false;
      for (const auto& n : net_.nodes) exists = exists || n.id == id;
      if (!exists) return std::nullopt;
      // Every way on or off the ships: transfers to or from sea at the node and freight
      // that starts or ends on its sea sub-node, plus the preloads of the node's
      // port_berth resources (port cargo that is not routed).
      double preload = 0.0;
      for (std::size_t r = 0; r < net_.resource_count() && dir.from.empty() && !dir.study_only;
           ++r) {
        if (net_.resource_kind[r] != model::ResourceKind::kDefined) continue;
        const model::ResourceDef& def =
            net_.resource_defs[static_cast<std::size_t>(net_.resource_element[r])];
        const bool at_port = def.kind == "port_berth" &&
                             std::any_of(def.members.begin(), def.members.end(), [&](const auto& m) {
                               return m.kind == model::RefKind::kPort && m.id == id;
                             });
        if (at_port) preload += use_[r].counted_preload_t();
      }
      return SumArcs([&](std::size_t a) {
        return net_.arc_kind[a] != model::ArcKind::kLink &&
               net_.arc_modes[a].contains(model::Mode::kSea) && TailNode(a).id == id;
      }, dir) + preload;
    }
    if (kind == "commodity") {
      bool exists = false;
      double t = 0.0;
      for (std::size_t i = 0; i < net_.demand.size() && i < sol_.od.size(); ++i) {
        const model::OdDemand& d = net_.demand[i];
        if (net_.commodities[d.commodity.index()].id != id) continue;
        exists = true;
        if (!dir.from.empty() && net_.nodes[d.origin.index()].country != dir.from) continue;
        if (!dir.to.empty() && net_.nodes[d.destination.index()].country != dir.to) continue;
        t += sol_.od[i].served_t;
      }
      if (!exists) {
        for (const auto& c : net_.commodities) exists = exists || c.id == id;
      }
      return exists ? std::optional<double>(t) : std::nullopt;
    }
    return std::nullopt;
  }

 private:
  // Preloads (no origin, so never in a directional figure) on the resources of an
  // element: a crossing's, a transfer's, or a link's two directions.
  double Preload(model::ResourceKind kind, std::size_t element, const Direction& dir) const {
    if (dir.study_only) return 0.0;
    double t = 0.0;
    for (std::size_t r = 0; r < net_.resource_count(); ++r) {
      if (net_.resource_kind[r] != kind ||
          static_cast<std::size_t>(net_.resource_element[r]) != element) {
        continue;
      }
      t += dir.from.empty() ? use_[r].counted_preload_t()
                            : DirectedPreload(r, dir.from);
    }
    return t;
  }

  // Preloads on resource r whose freight comes from `country` (up to the capacity).
  double DirectedPreload(std::size_t r, const std::string& country) const {
    double t = 0.0;
    for (std::size_t i = 0; i < net_.preloads.size(); ++i) {
      const auto& on = net_.preload_resources[i];
      if (net_.preloads[i].origin_country != country ||
          std::find(on.begin(), on.end(), static_cast<std::int32_t>(r)) == on.end()) {
        continue;
      }
      t += net_.preloads[i].tonnes_per_year;
    }
    return std::min(t, use_[r].capacity_t);
  }

  bool InResource(std::size_t r, std::size_t a) const {
    for (auto i = net_.resource_begin[r]; i < net_.resource_begin[r + 1]; ++i) {
      if (net_.resource_arcs[static_cast<std::size_t>(i)].index() == a) return true;
    }
    return false;
  }

  const model::Node& TailNode(std::size_t a) const {  // where the arc starts
    return net_.nodes[net_.vnode_node[net_.arc_tail[a].index()].index()];
  }

  // Flow on the arcs `pred` selects: all of it, or, with a direction, only the flow of
  // blocks whose origin lies in the direction's first country (a block is one
  // commodity from one origin, so its origin fixes where the freight comes from even
  // where it enters a crossing from a transit country).
  template <typename Pred>
  double SumArcs(Pred pred, const Direction& dir) const {
    double t = 0.0;
    if (dir.from.empty() && !dir.study_only) {
      for (std::size_t a = 0; a < net_.arc_count() && a < sol_.arc_flow_t.size(); ++a) {
        if (pred(a)) t += sol_.arc_flow_t[a];
      }
      return t;
    }
    for (const routing::BlockFlow& b : sol_.blocks) {
      if (!dir.from.empty() && net_.nodes[b.origin.index()].country != dir.from) continue;
      if (dir.study_only && net_.commodities[b.commodity.index()].background) continue;
      for (std::size_t i = 0; i < b.arcs.size(); ++i) {
        if (pred(b.arcs[i].index())) t += b.flow_t[i];
      }
    }
    return t;
  }

  const model::Network& net_;
  const routing::Solution& sol_;
  std::vector<ResourceUse> use_;
};

}  // namespace

std::vector<CalibrationRow> CompareWithObservations(const model::Network& net,
                                                    const routing::Solution& sol,
                                                    const model::Observations& obs,
                                                    int reference_year) {
  const Measurer measurer(net, sol);
  std::vector<CalibrationRow> rows;
  for (const model::Observation& o : obs.rows) {
    CalibrationRow row;
    row.observation = &o;
    const auto dir = ParseDirection(o.metric);
    if (o.period != std::to_string(reference_year)) {
      row.why_not = "period " + o.period + " is not the reference year";
    } else if (!dir) {
      row.why_not = "metric " + o.metric + " is not one Corridor measures";
    } else {
      std::optional<double> value;
      if (o.element.rfind("group:", 0) == 0) {
        const std::string name = o.element.substr(6);
        for (const auto& g : obs.groups) {
          if (g.name != name) continue;
          value = 0.0;
          for (const std::string& m : g.members) {
            const auto v = measurer.Measure(m, *dir);
            if (!v) {
              value.reset();
              row.why_not = "group member " + m + " is not in the network";
              break;
            }
            *value += *v;
          }
        }
        if (!value && row.why_not.empty()) row.why_not = "group " + name + " is not defined";
      } else {
        value = measurer.Measure(o.element, *dir);
        if (!value) row.why_not = o.element + " is not in the network";
      }
      if (value) {
        row.comparable = true;
        row.modelled_t = *value;
        row.ratio = o.value_t > 0.0 ? *value / o.value_t : 0.0;
        if (o.target_rel_tol) row.within_target = std::abs(row.ratio - 1.0) <= *o.target_rel_tol;
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace corridor::analysis
