#include "model/network.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <unordered_map>

namespace corridor::model {

std::string_view ArcKindName(ArcKind kind) {
  switch (kind) {
    case ArcKind::kLink: return "link";
    case ArcKind::kTransfer: return "transfer";
    case ArcKind::kAccess: return "access";
    case ArcKind::kEgress: return "egress";
  }
  return "?";
}

std::string_view ResourceKindName(ResourceKind kind) {
  switch (kind) {
    case ResourceKind::kLink: return "link";
    case ResourceKind::kCrossing: return "crossing";
    case ResourceKind::kTransfer: return "transfer";
    case ResourceKind::kDefined: return "resource";
  }
  return "?";
}

bool Network::CommodityMayUse(CommodityId k, ArcId a) const {
  const Commodity& c = commodities[k.index()];
  return (arc_modes[a.index()].bits() & ~c.allowed_modes.bits()) == 0 &&
         arc_cargo[a.index()].contains(c.cargo_type);
}

double Network::DwellHours(CommodityId k, ArcId a) const {
  const double s = commodities[k.index()].aeo_share;
  return (1.0 - s) * arc_dwell_standard_h[a.index()] + s * arc_dwell_aeo_h[a.index()];
}

double Network::TimeHours(CommodityId k, ArcId a) const {
  return arc_time_h[a.index()] + DwellHours(k, a);
}

double Network::GeneralisedCost(CommodityId k, ArcId a) const {
  return arc_money_usd_per_t[a.index()] +
         commodities[k.index()].value_of_time_usd_per_t_h * TimeHours(k, a);
}

std::string Network::ArcLabel(ArcId a) const {
  const std::size_t i = a.index();
  const Node& tail = nodes[vnode_node[arc_tail[i].index()].index()];
  const Node& head = nodes[vnode_node[arc_head[i].index()].index()];
  switch (arc_kind[i]) {
    case ArcKind::kLink: {
      const Link& l = links[static_cast<std::size_t>(arc_element[i])];
      return "link " + l.id + " (" + tail.id + "->" + head.id + ", " +
             std::string(ModeName(l.mode)) + ")";
    }
    case ArcKind::kTransfer: {
      const Transfer& t = transfers[static_cast<std::size_t>(arc_element[i])];
      return "transfer " + t.id + " at " + tail.id + " (" +
             std::string(ModeName(vnode_mode[arc_tail[i].index()])) + "->" +
             std::string(ModeName(vnode_mode[arc_head[i].index()])) + ")";
    }
    case ArcKind::kAccess:
      return "access at " + tail.id + " (" + std::string(ModeName(vnode_mode[arc_head[i].index()])) + ")";
    case ArcKind::kEgress:
      return "egress at " + head.id + " (" + std::string(ModeName(vnode_mode[arc_tail[i].index()])) + ")";
  }
  return "?";
}

namespace {

struct ArcDraft {
  VNodeId tail, head;
  ArcKind kind;
  ModeSet modes;
  std::int32_t element;
  bool reverse;
  CrossingId crossing;
  double money, time, dwell_std, dwell_aeo, distance;
  double tariff = 0.0;               // the part of money that rates.csv factors scale
  NodeId node;                       // node of a transfer, access or egress arc
  CargoSet cargo = CargoSet::All();
};

// Id -> row index of the dataset's tables.
struct Index {
  std::unordered_map<std::string, std::size_t> node, link, crossing, transfer;

  explicit Index(const Dataset& ds) {
    auto fill = [](auto& map, const auto& rows) {
      for (std::size_t i = 0; i < rows.size(); ++i) map.emplace(rows[i].id, i);
    };
    fill(node, ds.nodes);
    fill(link, ds.links);
    fill(crossing, ds.crossings);
    fill(transfer, ds.transfers);
  }
  static std::int64_t Find(const std::unordered_map<std::string, std::size_t>& map,
                           const std::string& id) {
    auto it = map.find(id);
    return it == map.end() ? -1 : static_cast<std::int64_t>(it->second);
  }
};

bool DirectionMatches(Direction d, bool reverse) {
  return d == Direction::kBoth || (d == Direction::kReverse) == reverse;
}

// Whether arc draft `d` is one of the arcs `ref` names (see ResourceDef).
bool Matches(const ElementRef& ref, const ArcDraft& d, const Index& ix) {
  switch (ref.kind) {
    case RefKind::kLink:
      return d.kind == ArcKind::kLink && d.element == Index::Find(ix.link, ref.id) &&
             DirectionMatches(ref.direction, d.reverse);
    case RefKind::kTransfer:
      return d.kind == ArcKind::kTransfer && d.element == Index::Find(ix.transfer, ref.id) &&
             DirectionMatches(ref.direction, d.reverse);
    case RefKind::kCrossing:
      return d.crossing.valid() &&
             static_cast<std::int64_t>(d.crossing.index()) == Index::Find(ix.crossing, ref.id);
    case RefKind::kPort:
      // Every way on or off the ships at the node: transfers to or from sea, and
      // freight that starts or ends on the node's sea sub-node.
      return d.kind != ArcKind::kLink && d.modes.contains(Mode::kSea) &&
             static_cast<std::int64_t>(d.node.index()) == Index::Find(ix.node, ref.id);
    case RefKind::kResource: return false;
  }
  return false;
}

bool MatchesAny(const ResourceDef& r, const ArcDraft& d, const Index& ix) {
  return std::any_of(r.members.begin(), r.members.end(),
                     [&](const ElementRef& m) { return Matches(m, d, ix); });
}

// The rates.csv factor of cargo type t on draft d: an element rate, else a mode rate
// (links only), else 1.
double RateFactor(const Dataset& ds, const ArcDraft& d, CargoType t, const Index& ix) {
  if (d.kind != ArcKind::kLink && d.kind != ArcKind::kTransfer) return 1.0;
  std::optional<double> by_element, by_mode;
  for (const Rate& r : ds.rates) {
    if (r.cargo_type != t) continue;
    if (r.mode) {
      if (d.kind == ArcKind::kLink && ds.links[static_cast<std::size_t>(d.element)].mode == *r.mode)
        by_mode = r.factor;
    } else if ((r.element.kind == RefKind::kLink || r.element.kind == RefKind::kTransfer) &&
               Matches(ElementRef{r.element.kind, r.element.id, Direction::kBoth}, d, ix)) {
      by_element = r.factor;
    }
  }
  return by_element ? *by_element : by_mode.value_or(1.0);
}

// Splits every draft into one parallel arc per class of cargo types that pay the same
// tariff and belong to the same cargo-restricted resources; a draft with one class
// keeps CargoSet::All().
std::vector<ArcDraft> SplitByCargo(const Dataset& ds, std::vector<ArcDraft> drafts,
                                   const Index& ix) {
  if (ds.rates.empty() &&
      std::all_of(ds.resources.begin(), ds.resources.end(),
                  [](const ResourceDef& r) { return r.cargo.is_all(); })) {
    return drafts;
  }
  std::vector<ArcDraft> out;
  out.reserve(drafts.size());
  for (const ArcDraft& d : drafts) {
    std::vector<CargoSet> restricted;  // cargo sets of the restricted resources d is in
    for (const ResourceDef& r : ds.resources) {
      if (!r.cargo.is_all() && MatchesAny(r, d, ix)) restricted.push_back(r.cargo);
    }
    std::vector<std::pair<double, std::vector<bool>>> keys;  // per class
    std::vector<CargoSet> classes;
    for (CargoType t : kAllCargoTypes) {
      std::pair<double, std::vector<bool>> key{RateFactor(ds, d, t, ix), {}};
      for (CargoSet c : restricted) key.second.push_back(c.contains(t));
      auto it = std::find(keys.begin(), keys.end(), key);
      if (it == keys.end()) {
        keys.push_back(std::move(key));
        classes.emplace_back();
        it = keys.end() - 1;
      }
      classes[static_cast<std::size_t>(it - keys.begin())].insert(t);
    }
    for (std::size_t c = 0; c < classes.size(); ++c) {
      ArcDraft copy = d;
      copy.money += d.tariff * (keys[c].first - 1.0);
      copy.cargo = classes.size() == 1 ? CargoSet::All() : classes[c];
      out.push_back(copy);
    }
  }
  return out;
}

}  // namespace

Result<Network> BuildNetwork(const Dataset& ds) {
  Network net;
  net.nodes = ds.nodes;
  net.links = ds.links;
  net.crossings = ds.crossings;
  net.transfers = ds.transfers;
  net.commodities = ds.commodities;

  std::unordered_map<std::string, NodeId> node_id;
  for (std::size_t i = 0; i < ds.nodes.size(); ++i) {
    node_id.emplace(ds.nodes[i].id, NodeId(static_cast<int>(i)));
  }
  std::unordered_map<std::string, CommodityId> commodity_id;
  for (std::size_t i = 0; i < ds.commodities.size(); ++i) {
    commodity_id.emplace(ds.commodities[i].id, CommodityId(static_cast<int>(i)));
  }
  auto find_node = [&](const std::string& id, NodeId* out) {
    auto it = node_id.find(id);
    if (it == node_id.end()) return false;
    *out = it->second;
    return true;
  };

  // Which modes serve each node.
  const std::size_t n = ds.nodes.size();
  std::vector<ModeSet> node_modes(n);
  for (const Link& l : ds.links) {
    NodeId a, b;
    if (!find_node(l.from, &a) || !find_node(l.to, &b)) {
      return InvalidInput(l.origin.file + ":" + std::to_string(l.origin.line) + ": link " + l.id +
                          " names an unknown node");
    }
    node_modes[a.index()].insert(l.mode);
    node_modes[b.index()].insert(l.mode);
  }
  for (const Transfer& t : ds.transfers) {
    NodeId a;
    if (!find_node(t.node, &a)) {
      return InvalidInput(t.origin.file + ":" + std::to_string(t.origin.line) + ": transfer " +
                          t.id + " names an unknown node " + t.node);
    }
    node_modes[a.index()].insert(t.from_mode);
    node_modes[a.index()].insert(t.to_mode);
  }

  // Modal sub-nodes, in node order then mode order (deterministic).
  std::vector<std::array<VNodeId, kModeCount>> modal(n);
  for (std::size_t i = 0; i < n; ++i) {
    for (Mode m : kAllModes) {
      if (!node_modes[i].contains(m)) continue;
      modal[i][static_cast<int>(m)] = VNodeId(static_cast<int>(net.vnode_node.size()));
      net.vnode_node.push_back(NodeId(static_cast<int>(i)));
      net.vnode_kind.push_back(VNodeKind::kModal);
      net.vnode_mode.push_back(m);
    }
  }

  // Demand resolved to ids; source and sink sub-nodes where needed.
  net.source_of.assign(n, VNodeId::Invalid());
  net.sink_of.assign(n, VNodeId::Invalid());
  for (const Demand& d : ds.demand) {
    if (!(d.tonnes_per_year > 0.0)) continue;
    OdDemand od;
    auto k = commodity_id.find(d.commodity);
    if (k == commodity_id.end() || !find_node(d.origin_node, &od.origin) ||
        !find_node(d.destination_node, &od.destination)) {
      return InvalidInput(d.origin.file + ":" + std::to_string(d.origin.line) +
                          ": demand names an unknown commodity or node");
    }
    od.commodity = k->second;
    od.tonnes_per_year = d.tonnes_per_year;
    net.demand.push_back(od);
  }
  auto add_centroid = [&](NodeId node, VNodeKind kind) {
    VNodeId v(static_cast<int>(net.vnode_node.size()));
    net.vnode_node.push_back(node);
    net.vnode_kind.push_back(kind);
    net.vnode_mode.push_back(Mode::kRoad);
    return v;
  };
  for (const OdDemand& od : net.demand) {
    if (!net.source_of[od.origin.index()].valid())
      net.source_of[od.origin.index()] = add_centroid(od.origin, VNodeKind::kSource);
    if (!net.sink_of[od.destination.index()].valid())
      net.sink_of[od.destination.index()] = add_centroid(od.destination, VNodeKind::kSink);
  }

  // Gate lookup: crossing per (node, mode).
  std::vector<std::array<CrossingId, kModeCount>> gate(n);
  for (std::size_t c = 0; c < ds.crossings.size(); ++c) {
    const Crossing& cr = ds.crossings[c];
    NodeId a;
    if (!find_node(cr.node, &a)) {
      return InvalidInput(cr.origin.file + ":" + std::to_string(cr.origin.line) + ": crossing " +
                          cr.id + " names an unknown node " + cr.node);
    }
    for (Mode m : kAllModes) {
      if (cr.modes.contains(m)) gate[a.index()][static_cast<int>(m)] = CrossingId(static_cast<int>(c));
    }
  }

  std::vector<ArcDraft> drafts;
  drafts.reserve(ds.links.size() * 2 + ds.transfers.size() * 2 + net.demand.size() * 4);
  for (std::size_t li = 0; li < ds.links.size(); ++li) {
    const Link& l = ds.links[li];
    NodeId a, b;
    find_node(l.from, &a);
    find_node(l.to, &b);
    ModeSet ms;
    ms.insert(l.mode);
    const double money = l.cost_usd_per_t + l.cost_usd_per_tkm * l.distance_km;
    auto add = [&](NodeId from, NodeId to, bool reverse) {
      ArcDraft d{modal[from.index()][static_cast<int>(l.mode)],
                 modal[to.index()][static_cast<int>(l.mode)],
                 ArcKind::kLink, ms, static_cast<std::int32_t>(li), reverse,
                 gate[to.index()][static_cast<int>(l.mode)], money, l.time_h, 0.0, 0.0,
                 l.distance_km, money, to};
      if (d.crossing.valid()) {
        const Crossing& cr = ds.crossings[d.crossing.index()];
        d.money += cr.fee_usd_per_t;
        d.dwell_std = cr.dwell_standard_h;
        d.dwell_aeo = cr.dwell_aeo_h;
      }
      drafts.push_back(d);
    };
    add(a, b, false);
    if (l.both_directions) add(b, a, true);
  }
  for (std::size_t ti = 0; ti < ds.transfers.size(); ++ti) {
    const Transfer& t = ds.transfers[ti];
    NodeId a;
    find_node(t.node, &a);
    ModeSet ms;
    ms.insert(t.from_mode);
    ms.insert(t.to_mode);
    const VNodeId p = modal[a.index()][static_cast<int>(t.from_mode)];
    const VNodeId q = modal[a.index()][static_cast<int>(t.to_mode)];
    drafts.push_back({p, q, ArcKind::kTransfer, ms, static_cast<std::int32_t>(ti), false,
                      CrossingId::Invalid(), t.cost_usd_per_t, t.time_h, 0.0, 0.0, 0.0,
                      t.cost_usd_per_t, a});
    if (t.both_directions) {
      drafts.push_back({q, p, ArcKind::kTransfer, ms, static_cast<std::int32_t>(ti), true,
                        CrossingId::Invalid(), t.cost_usd_per_t, t.time_h, 0.0, 0.0, 0.0,
                        t.cost_usd_per_t, a});
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    for (Mode m : kAllModes) {
      const VNodeId v = modal[i][static_cast<int>(m)];
      if (!v.valid()) continue;
      ModeSet ms;
      ms.insert(m);
      const NodeId node(static_cast<int>(i));
      if (net.source_of[i].valid()) {
        drafts.push_back({net.source_of[i], v, ArcKind::kAccess, ms, -1, false,
                          CrossingId::Invalid(), 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, node});
      }
      if (net.sink_of[i].valid()) {
        drafts.push_back({v, net.sink_of[i], ArcKind::kEgress, ms, -1, false,
                          CrossingId::Invalid(), 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, node});
      }
    }
  }

  const Index index(ds);
  drafts = SplitByCargo(ds, std::move(drafts), index);

  // Sort by tail (stable keeps file order within a tail) and lay out the CSR arrays.
  std::stable_sort(drafts.begin(), drafts.end(),
                   [](const ArcDraft& x, const ArcDraft& y) { return x.tail < y.tail; });
  const std::size_t m = drafts.size();
  const std::size_t nv = net.vnode_node.size();
  net.arc_tail.resize(m);
  net.arc_head.resize(m);
  net.arc_kind.resize(m);
  net.arc_modes.resize(m);
  net.arc_cargo.resize(m);
  net.arc_element.resize(m);
  net.arc_reverse.resize(m);
  net.arc_crossing.resize(m);
  net.arc_money_usd_per_t.resize(m);
  net.arc_time_h.resize(m);
  net.arc_dwell_standard_h.resize(m);
  net.arc_dwell_aeo_h.resize(m);
  net.arc_distance_km.resize(m);
  net.out_begin.assign(nv + 1, 0);
  net.in_begin.assign(nv + 1, 0);
  for (std::size_t a = 0; a < m; ++a) {
    const ArcDraft& d = drafts[a];
    net.arc_tail[a] = d.tail;
    net.arc_head[a] = d.head;
    net.arc_kind[a] = d.kind;
    net.arc_modes[a] = d.modes;
    net.arc_cargo[a] = d.cargo;
    net.arc_element[a] = d.element;
    net.arc_reverse[a] = d.reverse;
    net.arc_crossing[a] = d.crossing;
    net.arc_money_usd_per_t[a] = d.money;
    net.arc_time_h[a] = d.time;
    net.arc_dwell_standard_h[a] = d.dwell_std;
    net.arc_dwell_aeo_h[a] = d.dwell_aeo;
    net.arc_distance_km[a] = d.distance;
    ++net.out_begin[d.tail.index() + 1];
    ++net.in_begin[d.head.index() + 1];
  }
  std::partial_sum(net.out_begin.begin(), net.out_begin.end(), net.out_begin.begin());
  std::partial_sum(net.in_begin.begin(), net.in_begin.end(), net.in_begin.begin());
  net.in_arcs.resize(m);
  {
    std::vector<std::int32_t> fill(net.in_begin.begin(), net.in_begin.end() - 1);
    for (std::size_t a = 0; a < m; ++a) {
      net.in_arcs[static_cast<std::size_t>(fill[net.arc_head[a].index()]++)] =
          ArcId(static_cast<int>(a));
    }
  }

  // Resources: one per capacitated link direction, crossing and transfer.
  std::vector<std::vector<ArcId>> link_dir_arcs(ds.links.size() * 2);
  std::vector<std::vector<ArcId>> crossing_arcs(ds.crossings.size());
  std::vector<std::vector<ArcId>> transfer_arcs(ds.transfers.size());
  for (std::size_t a = 0; a < m; ++a) {
    const ArcId id(static_cast<int>(a));
    const auto e = static_cast<std::size_t>(net.arc_element[a]);
    if (net.arc_kind[a] == ArcKind::kLink) {
      link_dir_arcs[2 * e + (net.arc_reverse[a] ? 1 : 0)].push_back(id);
      if (net.arc_crossing[a].valid()) crossing_arcs[net.arc_crossing[a].index()].push_back(id);
    } else if (net.arc_kind[a] == ArcKind::kTransfer) {
      transfer_arcs[e].push_back(id);
    }
  }
  net.resource_begin.push_back(0);
  // Resource index per (link, direction), crossing, transfer and defined resource, for
  // the preloads; -1 where the element has no capacity.
  std::vector<std::int32_t> link_res(ds.links.size() * 2, -1), crossing_res(ds.crossings.size(), -1),
      transfer_res(ds.transfers.size(), -1), defined_res(ds.resources.size(), -1);
  auto add_resource = [&](ResourceKind kind, std::size_t element, double cap, std::string label,
                          const std::vector<ArcId>& arcs) -> std::int32_t {
    if (arcs.empty()) return -1;
    net.resource_kind.push_back(kind);
    net.resource_element.push_back(static_cast<std::int32_t>(element));
    net.resource_capacity_t.push_back(cap);
    net.resource_nominal_t.push_back(cap);
    net.resource_preload_t.push_back(0.0);
    net.resource_label.push_back(std::move(label));
    net.resource_arcs.insert(net.resource_arcs.end(), arcs.begin(), arcs.end());
    net.resource_begin.push_back(static_cast<std::int32_t>(net.resource_arcs.size()));
    return static_cast<std::int32_t>(net.resource_kind.size() - 1);
  };
  for (std::size_t li = 0; li < ds.links.size(); ++li) {
    const Link& l = ds.links[li];
    if (!l.capacity_t_per_year) continue;
    link_res[2 * li] = add_resource(ResourceKind::kLink, li, *l.capacity_t_per_year,
                                    "link " + l.id + " " + l.from + "->" + l.to,
                                    link_dir_arcs[2 * li]);
    link_res[2 * li + 1] = add_resource(ResourceKind::kLink, li, *l.capacity_t_per_year,
                                        "link " + l.id + " " + l.to + "->" + l.from,
                                        link_dir_arcs[2 * li + 1]);
  }
  for (std::size_t c = 0; c < ds.crossings.size(); ++c) {
    const Crossing& cr = ds.crossings[c];
    double cap = cr.capacity_t_per_year ? *cr.capacity_t_per_year * cr.open_fraction
                                        : (cr.open_fraction > 0.0 ? kUnlimited : 0.0);
    if (cap == kUnlimited) continue;
    crossing_res[c] = add_resource(ResourceKind::kCrossing, c, cap, "crossing " + cr.id,
                                   crossing_arcs[c]);
  }
  for (std::size_t ti = 0; ti < ds.transfers.size(); ++ti) {
    const Transfer& t = ds.transfers[ti];
    if (!t.capacity_t_per_year) continue;
    transfer_res[ti] = add_resource(ResourceKind::kTransfer, ti, *t.capacity_t_per_year,
                                    "transfer " + t.id + " at " + t.node, transfer_arcs[ti]);
  }
  net.resource_defs = ds.resources;
  for (std::size_t r = 0; r < ds.resources.size(); ++r) {
    const ResourceDef& def = ds.resources[r];
    if (!def.capacity_t_per_year) continue;  // made unlimited by a scenario
    std::vector<ArcId> arcs;
    for (std::size_t a = 0; a < m; ++a) {
      const ArcDraft& d = drafts[a];
      if ((d.cargo.bits() & ~def.cargo.bits()) == 0 && MatchesAny(def, d, index)) {
        arcs.push_back(ArcId(static_cast<int>(a)));
      }
    }
    defined_res[r] = add_resource(ResourceKind::kDefined, r, *def.capacity_t_per_year,
                                  def.kind + " " + def.id, arcs);
  }
  for (const Preload& p : ds.preloads) {
    std::vector<std::int32_t> targets;
    const ElementRef& e = p.element;
    switch (e.kind) {
      case RefKind::kLink: {
        const std::int64_t li = Index::Find(index.link, e.id);
        if (li < 0) break;
        if (e.direction != Direction::kReverse) targets.push_back(link_res[2 * li]);
        if (e.direction != Direction::kForward) targets.push_back(link_res[2 * li + 1]);
        break;
      }
      case RefKind::kCrossing:
        if (auto c = Index::Find(index.crossing, e.id); c >= 0) targets.push_back(crossing_res[c]);
        break;
      case RefKind::kTransfer:
        if (auto t = Index::Find(index.transfer, e.id); t >= 0) targets.push_back(transfer_res[t]);
        break;
      case RefKind::kResource:
        for (std::size_t r = 0; r < ds.resources.size(); ++r) {
          if (ds.resources[r].id == e.id) targets.push_back(defined_res[r]);
        }
        break;
      case RefKind::kPort: break;
    }
    std::erase(targets, -1);
    for (std::int32_t r : targets) net.resource_preload_t[static_cast<std::size_t>(r)] += p.tonnes_per_year;
    net.preloads.push_back(p);
    net.preload_resources.push_back(std::move(targets));
  }
  for (std::size_t r = 0; r < net.resource_count(); ++r) {
    // Never a negative capacity: a preload above the capacity leaves it exhausted.
    net.resource_capacity_t[r] =
        std::max(0.0, net.resource_nominal_t[r] - net.resource_preload_t[r]);
  }
  return net;
}

void ReachableFrom(const Network& net, CommodityId k, VNodeId from, std::vector<char>& mark) {
  mark.assign(net.vnode_count(), 0);
  std::vector<VNodeId> stack{from};
  mark[from.index()] = 1;
  while (!stack.empty()) {
    const VNodeId v = stack.back();
    stack.pop_back();
    for (auto a = net.out_begin[v.index()]; a < net.out_begin[v.index() + 1]; ++a) {
      const ArcId arc(a);
      if (!net.CommodityMayUse(k, arc)) continue;
      const VNodeId h = net.arc_head[arc.index()];
      // Centroids are endpoints only: never continue from a sink or another source.
      if (mark[h.index()]) continue;
      mark[h.index()] = 1;
      if (net.vnode_kind[h.index()] == VNodeKind::kModal) stack.push_back(h);
    }
  }
}

}  // namespace corridor::model
