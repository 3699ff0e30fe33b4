#include "routing/lp_build.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <utility>

namespace corridor::routing::detail {
namespace {

// Vnodes from which one of `targets` is reachable on arcs commodity k may use,
// passing through modal vnodes only.
void ReachableBackward(const model::Network& net, CommodityId k, std::span<const VNodeId> targets,
                       std::vector<char>& mark) {
  mark.assign(net.vnode_count(), 0);
  std::vector<VNodeId> stack;
  for (VNodeId t : targets) {
    if (!mark[t.index()]) stack.push_back(t);
    mark[t.index()] = 1;
  }
  while (!stack.empty()) {
    const VNodeId v = stack.back();
    stack.pop_back();
    for (auto i = net.in_begin[v.index()]; i < net.in_begin[v.index() + 1]; ++i) {
      const ArcId arc = net.in_arcs[static_cast<std::size_t>(i)];
      if (!net.CommodityMayUse(k, arc)) continue;
      const VNodeId t = net.arc_tail[arc.index()];
      if (mark[t.index()]) continue;
      mark[t.index()] = 1;
      if (net.vnode_kind[t.index()] == model::VNodeKind::kModal) stack.push_back(t);
    }
  }
}


// The arcs of k that lie on a path source(o) -> sink of the block, kept in b.arcs when
// `keep` is set; returns how many. Forward and backward searches expand modal vnodes
// only, so a kept arc leaves source(o) or a modal vnode and enters a modal vnode or
// one of the block's sinks.
std::size_t PruneBlock(const model::Network& net, Block& b, bool keep, std::vector<char>& forward,
                       std::vector<char>& backward) {
  model::ReachableFrom(net, b.commodity, net.source_of[b.origin.index()], forward);
  ReachableBackward(net, b.commodity, BlockSinks(net, b), backward);
  std::size_t count = 0;
  for (std::size_t a = 0; a < net.arc_count(); ++a) {
    const ArcId arc(static_cast<int>(a));
    if (forward[net.arc_tail[a].index()] && backward[net.arc_head[a].index()] &&
        net.CommodityMayUse(b.commodity, arc)) {
      ++count;
      if (keep) b.arcs.push_back(arc);
    }
  }
  return count;
}

}  // namespace

std::vector<VNodeId> BlockSinks(const model::Network& net, const Block& b) {
  std::vector<VNodeId> sinks;
  for (std::size_t i : b.od) sinks.push_back(net.sink_of[net.demand[i].destination.index()]);
  std::sort(sinks.begin(), sinks.end());
  sinks.erase(std::unique(sinks.begin(), sinks.end()), sinks.end());
  return sinks;
}

std::vector<Block> GroupBlocks(const model::Network& net) {
  std::vector<Block> blocks;
  std::map<std::pair<int, int>, std::size_t> index;
  for (std::size_t i = 0; i < net.demand.size(); ++i) {
    const model::OdDemand& d = net.demand[i];
    auto [it, inserted] = index.emplace(std::pair(d.commodity.value(), d.origin.value()),
                                        blocks.size());
    if (inserted) blocks.push_back({d.commodity, d.origin, {}, {}, 0});
    blocks[it->second].od.push_back(i);
  }
  return blocks;
}

std::size_t PruneBlocks(const model::Network& net, std::vector<Block>& blocks, bool keep) {
  std::vector<char> forward, backward;
  std::size_t columns = 0;
  for (Block& b : blocks) columns += PruneBlock(net, b, keep, forward, backward);
  return columns;
}

ArcResources IndexArcResources(const model::Network& net) {
  ArcResources ar;
  ar.begin.assign(net.arc_count() + 1, 0);
  for (ArcId a : net.resource_arcs) ++ar.begin[a.index() + 1];
  std::partial_sum(ar.begin.begin(), ar.begin.end(), ar.begin.begin());
  ar.resource.resize(net.resource_arcs.size());
  std::vector<std::int32_t> fill(ar.begin.begin(), ar.begin.end() - 1);
  for (std::size_t r = 0; r < net.resource_count(); ++r) {
    for (auto i = net.resource_begin[r]; i < net.resource_begin[r + 1]; ++i) {
      const ArcId a = net.resource_arcs[static_cast<std::size_t>(i)];
      ar.resource[static_cast<std::size_t>(fill[a.index()]++)] = static_cast<std::int32_t>(r);
    }
  }
  return ar;
}

LpLayout BuildLp(const model::Network& net, std::vector<Block>& blocks, const ArcResources& ar) {
  LpLayout lay;
  lay.resource_row.assign(net.resource_count(), -1);
  lay.unserved_col.assign(net.demand.size(), -1);
  lay.demand_source_row.assign(net.demand.size(), -1);
  lay.demand_sink_row.assign(net.demand.size(), -1);
  std::size_t columns = net.demand.size();
  for (const Block& b : blocks) {
    columns += b.arcs.size();
    for (ArcId a : b.arcs) {
      for (auto i = ar.begin[a.index()]; i < ar.begin[a.index() + 1]; ++i) {
        lay.resource_row[static_cast<std::size_t>(ar.resource[static_cast<std::size_t>(i)])] = 0;
      }
    }
  }
  lay.model.Reserve(columns, columns * 3);
  for (std::size_t r = 0; r < net.resource_count(); ++r) {
    if (lay.resource_row[r] < 0) continue;
    lay.resource_row[r] = lay.model.AddRow(-lp::kInfinity, net.resource_capacity_t[r]);
  }

  // Rows out - in = supply: the source supplies sum D, each sink absorbs its D.
  std::vector<int> row_of(net.vnode_count(), -1);
  std::vector<double> supply(net.vnode_count(), 0.0);
  std::vector<VNodeId> touched;
  auto touch = [&](VNodeId v) {
    if (row_of[v.index()] == 0) return;
    row_of[v.index()] = 0;
    touched.push_back(v);
  };
  std::vector<int> rows;
  std::vector<double> coefficients;
  for (Block& b : blocks) {
    const VNodeId source = net.source_of[b.origin.index()];
    touch(source);
    for (std::size_t i : b.od) {
      const VNodeId sink = net.sink_of[net.demand[i].destination.index()];
      touch(sink);
      supply[source.index()] += net.demand[i].tonnes_per_year;
      supply[sink.index()] -= net.demand[i].tonnes_per_year;
    }
    for (ArcId a : b.arcs) {
      touch(net.arc_tail[a.index()]);
      touch(net.arc_head[a.index()]);
    }
    for (VNodeId v : touched) {
      row_of[v.index()] = lay.model.AddRow(supply[v.index()], supply[v.index()]);
    }

    b.first_arc_col = lay.model.num_cols();
    for (ArcId a : b.arcs) {
      rows = {row_of[net.arc_tail[a.index()].index()], row_of[net.arc_head[a.index()].index()]};
      coefficients = {1.0, -1.0};
      for (auto i = ar.begin[a.index()]; i < ar.begin[a.index() + 1]; ++i) {
        rows.push_back(
            lay.resource_row[static_cast<std::size_t>(ar.resource[static_cast<std::size_t>(i)])]);
        coefficients.push_back(1.0);
      }
      lay.model.AddColumn(net.GeneralisedCost(b.commodity, a), 0.0, lp::kInfinity, rows,
                          coefficients);
    }
    // Unserved tonnes: a direct source -> sink column at the penalty.
    const double penalty = net.commodities[b.commodity.index()].unserved_penalty_usd_per_t;
    for (std::size_t i : b.od) {
      rows = {row_of[source.index()],
              row_of[net.sink_of[net.demand[i].destination.index()].index()]};
      coefficients = {1.0, -1.0};
      lay.demand_source_row[i] = rows[0];
      lay.demand_sink_row[i] = rows[1];
      // Bounded by the row's demand: two rows with the same (k, o, d) share source and
      // sink, and without the bound one could report more unserved tonnes than it has.
      lay.unserved_col[i] = lay.model.AddColumn(penalty, 0.0, net.demand[i].tonnes_per_year, rows,
                                                coefficients);
    }
    for (VNodeId v : touched) {
      row_of[v.index()] = -1;
      supply[v.index()] = 0.0;
    }
    touched.clear();
  }
  return lay;
}

SolveStatus FromLp(lp::SolveStatus status) {
  switch (status) {
    case lp::SolveStatus::kOptimal: return SolveStatus::kOptimal;
    case lp::SolveStatus::kTimeLimit: return SolveStatus::kTimeLimit;
    case lp::SolveStatus::kIterationLimit: return SolveStatus::kIterationLimit;
    // The LP is feasible and bounded by construction: anything else is numerical.
    case lp::SolveStatus::kInfeasible:
    case lp::SolveStatus::kUnbounded:
    case lp::SolveStatus::kNumericalFailure: return SolveStatus::kNumericalFailure;
  }
  return SolveStatus::kNumericalFailure;
}

std::vector<double> ResourcePrices(const LpLayout& lay, std::span<const double> duals) {
  std::vector<double> mu(lay.resource_row.size(), 0.0);
  for (std::size_t r = 0; r < mu.size(); ++r) {
    const int row = lay.resource_row[r];
    if (row >= 0) mu[r] = std::max(0.0, -duals[static_cast<std::size_t>(row)]);
  }
  return mu;
}

}  // namespace corridor::routing::detail
