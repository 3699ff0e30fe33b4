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
  }
  return "?";
}

bool Network::CommodityMayUse(CommodityId k, ArcId a) const {
  const ModeSet allowed = commodities[k.index()].allowed_modes;
  return (arc_modes[a.index()].bits() & ~allowed.bits()) == 0;
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
};

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
                 l.distance_km};
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
                      CrossingId::Invalid(), t.cost_usd_per_t, t.time_h, 0.0, 0.0, 0.0});
    if (t.both_directions) {
      drafts.push_back({q, p, ArcKind::kTransfer, ms, static_cast<std::int32_t>(ti), true,
                        CrossingId::Invalid(), t.cost_usd_per_t, t.time_h, 0.0, 0.0, 0.0});
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    for (Mode m : kAllModes) {
      const VNodeId v = modal[i][static_cast<int>(m)];
      if (!v.valid()) continue;
      ModeSet ms;
      ms.insert(m);
      if (net.source_of[i].valid()) {
        drafts.push_back({net.source_of[i], v, ArcKind::kAccess, ms, -1, false,
                          CrossingId::Invalid(), 0.0, 0.0, 0.0, 0.0, 0.0});
      }
      if (net.sink_of[i].valid()) {
        drafts.push_back({v, net.sink_of[i], ArcKind::kEgress, ms, -1, false,
                          CrossingId::Invalid(), 0.0, 0.0, 0.0, 0.0, 0.0});
      }
    }
  }

  // Sort by tail (stable keeps file order within a tail) and lay out the CSR arrays.
  std::stable_sort(drafts.begin(), drafts.end(),
                   [](const ArcDraft& x, const ArcDraft& y) { return x.tail < y.tail; });
  const std::size_t m = drafts.size();
  const std::size_t nv = net.vnode_node.size();
  net.arc_tail.resize(m);
  net.arc_head.resize(m);
  net.arc_kind.resize(m);
  net.arc_modes.resize(m);
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
  auto add_resource = [&](ResourceKind kind, std::size_t element, double cap, std::string label,
                          const std::vector<ArcId>& arcs) {
    if (arcs.empty()) return;
    net.resource_kind.push_back(kind);
    net.resource_element.push_back(static_cast<std::int32_t>(element));
    net.resource_capacity_t.push_back(cap);
    net.resource_label.push_back(std::move(label));
    net.resource_arcs.insert(net.resource_arcs.end(), arcs.begin(), arcs.end());
    net.resource_begin.push_back(static_cast<std::int32_t>(net.resource_arcs.size()));
  };
  for (std::size_t li = 0; li < ds.links.size(); ++li) {
    const Link& l = ds.links[li];
    if (!l.capacity_t_per_year) continue;
    add_resource(ResourceKind::kLink, li, *l.capacity_t_per_year,
                 "link " + l.id + " " + l.from + "->" + l.to, link_dir_arcs[2 * li]);
    add_resource(ResourceKind::kLink, li, *l.capacity_t_per_year,
                 "link " + l.id + " " + l.to + "->" + l.from, link_dir_arcs[2 * li + 1]);
  }
  for (std::size_t c = 0; c < ds.crossings.size(); ++c) {
    const Crossing& cr = ds.crossings[c];
    double cap = cr.capacity_t_per_year ? *cr.capacity_t_per_year * cr.open_fraction
                                        : (cr.open_fraction > 0.0 ? kUnlimited : 0.0);
    if (cap == kUnlimited) continue;
    add_resource(ResourceKind::kCrossing, c, cap, "crossing " + cr.id, crossing_arcs[c]);
  }
  for (std::size_t ti = 0; ti < ds.transfers.size(); ++ti) {
    const Transfer& t = ds.transfers[ti];
    if (!t.capacity_t_per_year) continue;
    add_resource(ResourceKind::kTransfer, ti, *t.capacity_t_per_year,
                 "transfer " + t.id + " at " + t.node, transfer_arcs[ti]);
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
