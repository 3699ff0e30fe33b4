#include "mcf/instance.h"

#include <cmath>
#include <string>

#include <fmt/format.h>

namespace corridor::mcf {

Status Instance::Validate() const {
  Diagnostics d;
  auto node_ok = [&](NodeId v) { return v.valid() && v.value() >= 0 && v.value() < num_nodes; };
  if (num_nodes < 0) d.Error("", 0, "num_nodes", fmt::format("must be >= 0, got {}", num_nodes));
  for (int a = 0; a < num_arcs(); ++a) {
    const Arc& arc = arcs[a];
    const std::string where = fmt::format("arc {}", a);
    if (!node_ok(arc.tail)) d.Error("", 0, where, fmt::format("tail {} is not a node", arc.tail.value()));
    if (!node_ok(arc.head)) d.Error("", 0, where, fmt::format("head {} is not a node", arc.head.value()));
    if (!std::isfinite(arc.cost) || arc.cost < 0)
      d.Error("", 0, where, fmt::format("cost must be finite and >= 0, got {}", arc.cost));
    if (std::isnan(arc.capacity) || arc.capacity < 0)
      d.Error("", 0, where, fmt::format("capacity must be >= 0, got {}", arc.capacity));
  }
  for (int k = 0; k < num_commodities(); ++k) {
    const Commodity& c = commodities[k];
    const std::string where = fmt::format("commodity {}", k);
    if (!node_ok(c.origin)) d.Error("", 0, where, fmt::format("origin {} is not a node", c.origin.value()));
    if (!node_ok(c.destination))
      d.Error("", 0, where, fmt::format("destination {} is not a node", c.destination.value()));
    if (c.origin == c.destination) d.Error("", 0, where, "origin equals destination");
    if (!std::isfinite(c.demand) || c.demand < 0)
      d.Error("", 0, where, fmt::format("demand must be finite and >= 0, got {}", c.demand));
    if (c.unserved_penalty && (!std::isfinite(*c.unserved_penalty) || *c.unserved_penalty < 0))
      d.Error("", 0, where,
              fmt::format("unserved penalty must be finite and >= 0, got {}", *c.unserved_penalty));
    if (!c.class_id.valid() || c.class_id.value() < 0 || c.class_id.value() >= num_classes())
      d.Error("", 0, where, fmt::format("class {} does not exist", c.class_id.value()));
  }
  for (std::size_t q = 0; q < classes.size(); ++q) {
    const CommodityClass& cls = classes[q];
    const std::string where = fmt::format("class {}", q);
    if (!cls.arc_cost.empty() && cls.arc_cost.size() != arcs.size())
      d.Error("", 0, where, fmt::format("has {} arc costs for {} arcs", cls.arc_cost.size(), arcs.size()));
    if (!cls.allowed.empty() && cls.allowed.size() != arcs.size())
      d.Error("", 0, where, fmt::format("has {} allowed flags for {} arcs", cls.allowed.size(), arcs.size()));
    for (std::size_t a = 0; a < cls.arc_cost.size(); ++a) {
      if (!std::isfinite(cls.arc_cost[a]) || cls.arc_cost[a] < 0) {
        d.Error("", 0, where, fmt::format("cost of arc {} must be finite and >= 0, got {}", a, cls.arc_cost[a]));
      }
    }
  }
  std::vector<int> seen(arcs.size(), -1);
  for (int r = 0; r < num_resources(); ++r) {
    const Resource& res = resources[r];
    const std::string where = fmt::format("resource {}", r);
    if (!std::isfinite(res.capacity) || res.capacity < 0)
      d.Error("", 0, where, fmt::format("capacity must be finite and >= 0, got {}", res.capacity));
    for (ArcId a : res.arcs) {
      if (!a.valid() || a.value() < 0 || a.value() >= num_arcs()) {
        d.Error("", 0, where, fmt::format("arc {} does not exist", a.value()));
      } else if (seen[a.index()] == r) {
        d.Error("", 0, where, fmt::format("lists arc {} twice", a.value()));
      } else {
        seen[a.index()] = r;
      }
    }
  }
  return d.ToStatus("multicommodity flow instance");
}

}  // namespace corridor::mcf
