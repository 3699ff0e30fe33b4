#include "mcf/random_instance.h"

#include <cmath>
#include <random>

namespace corridor::mcf {

Instance GenerateRandomInstance(const RandomInstanceSpec& spec, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  auto uniform_int = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  Instance inst;
  inst.num_nodes = spec.width * spec.height;
  auto node = [&](int x, int y) { return NodeId(y * spec.width + x); };
  auto add_arc = [&](NodeId from, NodeId to) {
    inst.arcs.push_back({from, to, std::round(1.0 + 99.0 * unit(rng)), kUnlimited});
  };
  for (int y = 0; y < spec.height; ++y) {
    for (int x = 0; x < spec.width; ++x) {
      if (x + 1 < spec.width) {
        add_arc(node(x, y), node(x + 1, y));
        add_arc(node(x + 1, y), node(x, y));
      }
      if (y + 1 < spec.height) {
        add_arc(node(x, y), node(x, y + 1));
        add_arc(node(x, y + 1), node(x, y));
      }
    }
  }
  for (int c = 0; c < spec.chords && inst.num_nodes > 1; ++c) {
    const int from = uniform_int(0, inst.num_nodes - 1);
    int to = uniform_int(0, inst.num_nodes - 2);
    if (to >= from) ++to;
    add_arc(NodeId(from), NodeId(to));
  }
  std::vector<int> origins;
  for (int i = 0; i < spec.num_origins; ++i) origins.push_back(uniform_int(0, inst.num_nodes - 1));
  double total_demand = 0.0;
  for (int k = 0; k < spec.num_commodities; ++k) {
    Commodity c;
    c.origin = NodeId(origins[static_cast<std::size_t>(uniform_int(0, spec.num_origins - 1))]);
    int d = uniform_int(0, inst.num_nodes - 2);
    if (d >= c.origin.value()) ++d;
    c.destination = NodeId(d);
    c.demand = std::round(1.0 + 99.0 * unit(rng));
    if (unit(rng) < spec.penalty_share) c.unserved_penalty = spec.penalty * (0.5 + unit(rng));
    c.class_id = ClassId(uniform_int(0, spec.num_classes - 1));
    total_demand += c.demand;
    inst.commodities.push_back(c);
  }
  const double base = spec.capacity_scale * total_demand / std::sqrt(static_cast<double>(inst.num_nodes));
  for (Arc& a : inst.arcs) {
    if (unit(rng) >= spec.uncapacitated_share) a.capacity = std::round(base * (0.5 + unit(rng)));
  }
  if (spec.num_classes > 1) {
    inst.classes.resize(static_cast<std::size_t>(spec.num_classes));
    for (CommodityClass& cls : inst.classes) {
      for (const Arc& a : inst.arcs) {
        cls.arc_cost.push_back(std::round(a.cost * (0.5 + unit(rng))));
        cls.allowed.push_back(unit(rng) < 0.8);
      }
    }
  }
  for (int r = 0; r < spec.num_resources; ++r) {
    const NodeId at(uniform_int(0, inst.num_nodes - 1));
    Resource res;
    for (int a = 0; a < inst.num_arcs(); ++a) {
      if (inst.arcs[a].head == at) res.arcs.push_back(ArcId(a));
    }
    res.capacity = std::round(base * (0.5 + unit(rng)));
    inst.resources.push_back(std::move(res));
  }
  return inst;
}

}  // namespace corridor::mcf
