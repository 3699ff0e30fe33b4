#include "mcf/column_generation.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <queue>
#include <span>
#include <thread>
#include <tuple>
#include <unordered_set>
#include <utility>

#include <fmt/format.h>

#include "lp/lp.h"
#include "mcf/shortest_path_tree.h"
#include "mcf/solve_common.h"

namespace corridor::mcf {
namespace {

using internal::Block;
constexpr double kInf = std::numeric_limits<double>::infinity();

using internal::ForwardStar;
using internal::ShortestPathTree;

// Adds the wall seconds of its scope to a sum.
class AddSeconds {
 public:
  explicit AddSeconds(double& sum) : sum_(sum), t0_(std::chrono::steady_clock::now()) {}
  ~AddSeconds() { sum_ += internal::SecondsSince(t0_); }
  AddSeconds(const AddSeconds&) = delete;
  AddSeconds& operator=(const AddSeconds&) = delete;

 private:
  double& sum_;
  std::chrono::steady_clock::time_point t0_;
};

std::uint64_t Mix(std::uint64_t x) {  // splitmix64 finaliser
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// 64-bit signature of a path of a commodity; a collision (odds ~ columns^2 / 2^64)
// would only keep one column out of the master, which the gap check would then expose.
std::uint64_t PathKey(int commodity, std::span<const int> arcs) {
  std::uint64_t h = Mix(static_cast<std::uint64_t>(commodity));
  for (int a : arcs) h = Mix(h ^ static_cast<std::uint64_t>(a));
  return h;
}

// A master column: one point of a group's flow polytope (every commodity of the group
// routed or unserved in full, amounts at lambda = 1), so that sum of the group's
// lambdas = 1. Path i carries amount[i] of commodity[i] on arcs[begin[i] .. begin[i+1]).
struct Column {
  int group = 0;
  std::vector<int> commodity;
  std::vector<double> amount;
  std::vector<int> begin{0};
  std::vector<int> arcs;
  std::vector<std::uint64_t> path_key;
  std::vector<std::pair<int, double>> unserved;  // (commodity, amount)
  std::vector<std::pair<int, double>> usage;     // (capacity constraint, units used)
  double path_cost = 0.0;     // phase-two cost of the paths
  double penalty_cost = 0.0;  // penalties of the unserved penalised demand
  double artificial = 0.0;    // unserved demand without a penalty (cost M, phase one 1)
  int last_active = 0;
  std::uint64_t key = 0;

  std::span<const int> PathArcs(std::size_t i) const {
    return {arcs.data() + begin[i], static_cast<std::size_t>(begin[i + 1] - begin[i])};
  }
  void AddPath(const Instance& inst, int k, double flow, std::vector<int> path) {
    const Commodity& c = inst.commodities[k];
    commodity.push_back(k);
    amount.push_back(flow);
    for (int a : path) path_cost += flow * inst.ArcCost(c.class_id, ArcId(a));
    arcs.insert(arcs.end(), path.begin(), path.end());
    begin.push_back(static_cast<int>(arcs.size()));
    path_key.push_back(PathKey(k, path));
    key = Mix(key ^ path_key.back() ^ std::bit_cast<std::uint64_t>(flow));
  }
  void AddUnserved(const Instance& inst, int k, double flow) {
    const Commodity& c = inst.commodities[k];
    unserved.emplace_back(k, flow);
    if (c.unserved_penalty) penalty_cost += flow * *c.unserved_penalty;
    else artificial += flow;
    key = Mix(key ^ Mix(~static_cast<std::uint64_t>(k)) ^ std::bit_cast<std::uint64_t>(flow));
  }
};

// The master's convexity groups: the commodities of one (class, origin) block
// (kOriginTrees) or single commodities (kCommodityPaths). Groups never span blocks, so
// one shortest-path tree prices every group of its block.
struct Groups {
  std::vector<std::vector<int>> commodities;  // per group
  std::vector<std::vector<int>> of_block;     // group ids per block
};

Groups MakeGroups(const std::vector<Block>& blocks, MasterForm form) {
  Groups g;
  g.of_block.resize(blocks.size());
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    if (form == MasterForm::kOriginTrees) {
      g.of_block[b].push_back(static_cast<int>(g.commodities.size()));
      g.commodities.push_back(blocks[b].commodities);
      continue;
    }
    for (int k : blocks[b].commodities) {
      g.of_block[b].push_back(static_cast<int>(g.commodities.size()));
      g.commodities.push_back({k});
    }
  }
  return g;
}

struct BlockPricing {
  std::vector<Column> columns;
  double bound = 0.0;  // sum_k D_k min(p_k, dist_k) of the block
};

class ColumnGeneration {
 public:
  ColumnGeneration(const Instance& inst, const Options& options,
                   std::chrono::steady_clock::time_point start)
      : inst_(inst), options_(options), start_(start), blocks_(internal::MakeBlocks(inst)),
        groups_(MakeGroups(blocks_, options.master)), graph_(internal::MakeForwardStar(inst)),
        caps_(internal::MakeCapacities(inst)),
        capacity_row_(static_cast<std::size_t>(caps_.size()), -1),
        path_count_(static_cast<std::size_t>(caps_.size()), 0),
        usage_(static_cast<std::size_t>(caps_.size()), 0.0) {
    num_threads_ = options.threads > 0 ? options.threads
                                       : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    num_threads_ = std::max(1, std::min<int>(num_threads_, static_cast<int>(blocks_.size())));
    for (int t = 0; t < num_threads_; ++t) trees_.emplace_back(inst.num_nodes);
    double max_cost = 0.0;
    for (int q = 0; q < inst.num_classes(); ++q) {
      for (int a = 0; a < inst.num_arcs(); ++a) max_cost = std::max(max_cost, inst.ArcCost(ClassId(q), ArcId(a)));
    }
    big_m_ = std::max(1.0, max_cost) * std::max(2, inst.num_nodes);
  }

  Result<Solution> Run();

 private:
  int K() const { return inst_.num_commodities(); }
  int G() const { return static_cast<int>(groups_.commodities.size()); }
  bool TimeUp() const { return internal::SecondsSince(start_) >= options_.time_limit_s; }
  // Per-unit cost of leaving commodity c unserved in the current phase.
  double UnservedCost(const Commodity& c) const {
    if (phase_one_) return c.unserved_penalty ? 0.0 : 1.0;
    return c.unserved_penalty ? *c.unserved_penalty : big_m_;
  }
  double ColumnCost(const Column& col) const {
    return phase_one_ ? col.artificial : col.path_cost + col.penalty_cost + big_m_ * col.artificial;
  }
  void BuildMaster();
  std::vector<BlockPricing> GreedyInitialColumns();
  lp::SolveStatus SolveMaster(lp::Algorithm algorithm);
  int AddViolatedCapacityRows();
  // Capacity rows for these constraints (not yet in the master), over every column.
  void AddCapacityRows(const std::vector<int>& constraints);
  int AddStartRows();
  // Trees on multipliers mu_tree; columns enter on their reduced cost at (mu, sigma).
  // With arc_flow (one vector per thread), the flow of every commodity's cheapest choice
  // is added to its thread's arc flows.
  std::vector<BlockPricing> Price(const std::vector<double>& mu_tree, const std::vector<double>& mu,
                                  const std::vector<double>& sigma,
                                  std::vector<std::vector<double>>* arc_flow = nullptr);
  // Returns false when the instance is too loosely capacitated for the start to pay.
  // upper: the greedy start's cost; complete: it meets every demand without a penalty
  // (else its cost is no upper bound and the step target is 1% above the best bound).
  bool LagrangianStart(double upper, bool complete);
  void AddColumns(std::vector<BlockPricing>& priced);
  void DropInactiveColumns();
  void SetPhase(bool phase_one);
  void KeepIncumbent();
  void Log(const char* what, double lower) const;
  // (capacity constraint, number of the path's arcs under it) for every constraint on
  // the path, in order of first appearance.
  const std::vector<std::pair<int, int>>& ConstraintCounts(std::span<const int> arcs);

  const Instance& inst_;
  const Options& options_;
  std::chrono::steady_clock::time_point start_;
  std::vector<Block> blocks_;
  Groups groups_;
  ForwardStar graph_;
  internal::Capacities caps_;
  std::vector<int> capacity_row_;     // per capacity constraint, -1 while not in the master
  std::vector<int> row_constraint_;   // per capacity row (master row - G)
  std::vector<int> path_count_;       // ConstraintCounts workspace, per constraint
  std::vector<std::pair<int, int>> counts_;
  std::vector<double> usage_;         // AddColumns workspace, per constraint
  // Master column j; the first G() (every commodity of group j unserved) stay for good
  // and keep the master feasible.
  std::vector<Column> columns_;
  std::unordered_set<std::uint64_t> column_keys_;
  std::vector<ShortestPathTree> trees_;
  int num_threads_ = 1;
  lp::Solver master_;
  double big_m_ = 1.0;
  bool phase_one_ = false;
  int round_ = 0;

  Solution sol_;
  double best_upper_ = kInf;
  double best_lower_ = -kInf;
  std::vector<CommodityFlow> incumbent_;
  std::vector<double> best_mu_;
  // Wall seconds by part (logged at log_level >= 1): greedy start, Lagrangian start
  // (its pricings included), master LP build (columns and rows added or dropped), row
  // separation (finding violated capacities), incumbent extraction.
  double greedy_s_ = 0.0, start_s_ = 0.0, build_s_ = 0.0, separation_s_ = 0.0, incumbent_s_ = 0.0;
};

void ColumnGeneration::BuildMaster() {
  lp::Model model;
  for (int g = 0; g < G(); ++g) model.AddRow(1.0, 1.0);
  master_.Load(model);
  std::vector<BlockPricing> unserved(1);
  for (int g = 0; g < G(); ++g) {
    Column col;
    col.group = g;
    for (int k : groups_.commodities[g]) {
      if (inst_.commodities[k].demand > 0.0) col.AddUnserved(inst_, k, inst_.commodities[k].demand);
    }
    unserved[0].columns.push_back(std::move(col));
  }
  AddColumns(unserved);
}

// A starting column per group that respects capacities as far as it can: blocks in
// turn route their commodities on shortest paths of the residual network (arcs with
// no residual capacity removed), a few passes per block. Demand left over is unserved.
std::vector<BlockPricing> ColumnGeneration::GreedyInitialColumns() {
  constexpr int kPasses = 4;
  std::vector<double> residual = caps_.capacity;
  auto open = [&](int c) { return residual[c] > 1e-9 * std::max(1.0, caps_.capacity[c]); };
  // Per class, lengths in forward-star order; a constraint that runs out closes its
  // arcs (+inf) for every later pass.
  std::vector<int> slot_of_arc(inst_.arcs.size());
  for (std::size_t i = 0; i < graph_.arcs.size(); ++i) slot_of_arc[graph_.arcs[i]] = static_cast<int>(i);
  std::vector<std::vector<double>> length(static_cast<std::size_t>(inst_.num_classes()));
  for (int q = 0; q < inst_.num_classes(); ++q) {
    std::vector<double> arc_length(inst_.arcs.size());
    for (int a = 0; a < inst_.num_arcs(); ++a) {
      arc_length[a] = inst_.ArcAllowed(ClassId(q), ArcId(a)) ? inst_.ArcCost(ClassId(q), ArcId(a)) : kInf;
    }
    internal::StarLengths(graph_, arc_length, length[q]);
  }
  auto close = [&](int c) {
    auto close_arc = [&](int a) {
      for (auto& len : length) len[slot_of_arc[a]] = kInf;
    };
    if (c < inst_.num_arcs()) close_arc(c);
    else for (ArcId a : inst_.resources[c - inst_.num_arcs()].arcs) close_arc(a.value());
  };
  for (int c = 0; c < caps_.size(); ++c) {
    if (!open(c)) close(c);
  }
  std::vector<double> remaining(static_cast<std::size_t>(K()));
  // Greedy paths and their flows, per commodity.
  std::vector<std::vector<std::pair<std::vector<int>, double>>> paths(
      static_cast<std::size_t>(K()));
  std::vector<BlockPricing> result(blocks_.size());
  ShortestPathTree& tree = trees_[0];
  for (std::size_t b = 0; b < blocks_.size(); ++b) {
    Block block = blocks_[b];
    for (int k : block.commodities) remaining[k] = inst_.commodities[k].demand;
    for (int pass = 0; pass < kPasses && !block.commodities.empty(); ++pass) {
      tree.Grow(inst_, graph_, block, length[block.class_id.index()]);
      std::vector<int> unfinished;
      for (int k : block.commodities) {
        const NodeId d = inst_.commodities[k].destination;
        if (!std::isfinite(tree.distance(d))) continue;
        std::vector<int> arcs = tree.PathTo(inst_, d);
        double amount = remaining[k];
        const auto& counts = ConstraintCounts(arcs);
        for (const auto& [c, n] : counts) amount = std::min(amount, residual[c] / n);
        if (amount <= 0.0) {
          unfinished.push_back(k);
          continue;
        }
        for (const auto& [c, n] : counts) {
          residual[c] -= amount * n;
          if (!open(c)) close(c);
        }
        remaining[k] -= amount;
        paths[k].emplace_back(std::move(arcs), amount);
        if (remaining[k] > 1e-9 * std::max(1.0, inst_.commodities[k].demand)) unfinished.push_back(k);
      }
      block.commodities = std::move(unfinished);
    }
    for (int g : groups_.of_block[b]) {
      Column col;
      col.group = g;
      for (int k : groups_.commodities[g]) {
        const double demand = inst_.commodities[k].demand;
        double left = demand;
        for (auto& [arcs, amount] : paths[k]) {
          col.AddPath(inst_, k, amount, std::move(arcs));
          left -= amount;
        }
        if (left > 1e-9 * std::max(1.0, demand)) col.AddUnserved(inst_, k, left);
      }
      if (!col.commodity.empty()) result[b].columns.push_back(std::move(col));
    }
  }
  return result;
}

lp::SolveStatus ColumnGeneration::SolveMaster(lp::Algorithm algorithm) {
  const auto t0 = std::chrono::steady_clock::now();
  lp::SolveOptions o;
  o.algorithm = algorithm;
  o.primal_tolerance = 1e-9;
  o.dual_tolerance = 1e-9;
  o.time_limit_s = std::max(0.0, options_.time_limit_s - internal::SecondsSince(start_));
  o.log_level = options_.log_level >= 2 ? 1 : 0;
  lp::SolveStatus status = master_.Solve(o);
  if (options_.log_level >= 1) {
    fmt::print(stderr, "mcf cg master {} rows {} cols {} it {} {:.2f}s\n",
               algorithm == lp::Algorithm::kPrimalSimplex ? "primal"
               : algorithm == lp::Algorithm::kBarrier     ? "barrier"
                                                          : "dual",
               master_.num_rows(),
               master_.num_cols(), master_.iterations(), internal::SecondsSince(t0));
  }
  sol_.stats.lp_iterations += master_.iterations();
  if (status == lp::SolveStatus::kNumericalFailure) {  // one retry from the other side
    o.algorithm = algorithm == lp::Algorithm::kPrimalSimplex ? lp::Algorithm::kDualSimplex
                                                             : lp::Algorithm::kPrimalSimplex;
    status = master_.Solve(o);
    sol_.stats.lp_iterations += master_.iterations();
  }
  sol_.stats.master_seconds += internal::SecondsSince(t0);
  return status;
}

int ColumnGeneration::AddViolatedCapacityRows() {
  const AddSeconds timer(separation_s_);
  const auto x = master_.primal();
  std::vector<double> used(static_cast<std::size_t>(caps_.size()), 0.0);
  for (std::size_t j = 0; j < columns_.size(); ++j) {
    if (x[j] <= 0.0) continue;
    for (const auto& [c, u] : columns_[j].usage) used[c] += x[j] * u;
  }
  std::vector<int> new_constraints;
  for (int c = 0; c < caps_.size(); ++c) {
    if (capacity_row_[c] >= 0 || !std::isfinite(caps_.capacity[c])) continue;
    if (used[c] > caps_.capacity[c] + 1e-9 * std::max(1.0, caps_.capacity[c])) {
      new_constraints.push_back(c);
    }
  }
  AddCapacityRows(new_constraints);
  return static_cast<int>(new_constraints.size());
}

void ColumnGeneration::AddCapacityRows(const std::vector<int>& new_constraints) {
  if (new_constraints.empty()) return;
  std::vector<int> slot(static_cast<std::size_t>(caps_.size()), -1);
  for (std::size_t r = 0; r < new_constraints.size(); ++r) slot[new_constraints[r]] = static_cast<int>(r);
  std::vector<std::vector<std::pair<int, double>>> row_entries(new_constraints.size());
  for (std::size_t j = 0; j < columns_.size(); ++j) {
    for (const auto& [c, u] : columns_[j].usage) {
      if (slot[c] >= 0) row_entries[slot[c]].emplace_back(static_cast<int>(j), u);
    }
  }
  std::vector<double> lower(new_constraints.size(), -lp::kInfinity), upper;
  std::vector<long> starts{0};
  std::vector<int> cols;
  std::vector<double> values;
  for (std::size_t r = 0; r < new_constraints.size(); ++r) {
    upper.push_back(caps_.capacity[new_constraints[r]]);
    for (const auto& [col, u] : row_entries[r]) {
      cols.push_back(col);
      values.push_back(u);
    }
    starts.push_back(static_cast<long>(cols.size()));
    capacity_row_[new_constraints[r]] = master_.num_rows() + static_cast<int>(r);
    row_constraint_.push_back(new_constraints[r]);
  }
  master_.AddRows(lower, upper, starts, cols, values);
  sol_.stats.capacity_rows += static_cast<int>(new_constraints.size());
}

// The capacity rows the Lagrangian start found binding (positive multiplier at its
// best point) enter the first master up front: one solve (dual simplex, or barrier
// for a large master) then replaces a primal solve followed by a dual solve over all
// the seeded trees per batch of violated rows (grid10: 24.7k -> 19.1k simplex
// iterations; bench/README.md). Returns how many rows were added.
int ColumnGeneration::AddStartRows() {
  const AddSeconds timer(separation_s_);
  std::vector<int> constraints;
  for (int c = 0; c < caps_.size(); ++c) {
    if (best_mu_[c] > 0.0 && capacity_row_[c] < 0 && std::isfinite(caps_.capacity[c])) {
      constraints.push_back(c);
    }
  }
  if (options_.log_level >= 1) {
    fmt::print(stderr, "mcf cg start rows {} groups {}\n", constraints.size(), G());
  }
  AddCapacityRows(constraints);
  return static_cast<int>(constraints.size());
}

// One shortest-path tree per block on lengths c_qa + mu_a (phase one: mu_a) gives every
// commodity its cheapest choice, path or unserved; a group's column of those choices
// enters when its reduced cost, sum_k D_k min(unserved cost, dist_k) - sigma_g, is
// negative.
std::vector<BlockPricing> ColumnGeneration::Price(const std::vector<double>& mu_tree,
                                                  const std::vector<double>& mu,
                                                  const std::vector<double>& sigma,
                                                  std::vector<std::vector<double>>* arc_flow) {
  const auto t0 = std::chrono::steady_clock::now();
  auto lengths = [&](const std::vector<double>& multipliers) {
    std::vector<std::vector<double>> length(static_cast<std::size_t>(inst_.num_classes()));
    for (int q = 0; q < inst_.num_classes(); ++q) {
      auto& len = length[q];
      len.resize(inst_.arcs.size());
      for (int a = 0; a < inst_.num_arcs(); ++a) {
        const double mu_a = caps_.ArcMultiplier(multipliers, a);
        len[a] = !inst_.ArcAllowed(ClassId(q), ArcId(a)) ? kInf
                 : phase_one_ ? mu_a
                              : inst_.ArcCost(ClassId(q), ArcId(a)) + mu_a;
      }
    }
    return length;
  };
  const bool same = &mu_tree == &mu;
  const auto length = lengths(mu_tree);
  std::vector<std::vector<double>> star_length(length.size());
  for (std::size_t q = 0; q < length.size(); ++q) internal::StarLengths(graph_, length[q], star_length[q]);
  const auto eval_length = same ? std::vector<std::vector<double>>() : lengths(mu);
  std::vector<BlockPricing> priced(blocks_.size());
  auto work = [&](int thread) {
    ShortestPathTree& tree = trees_[thread];
    for (std::size_t b = static_cast<std::size_t>(thread); b < blocks_.size();
         b += static_cast<std::size_t>(num_threads_)) {
      const Block& block = blocks_[b];
      tree.Grow(inst_, graph_, block, star_length[block.class_id.index()]);
      for (int k : block.commodities) {
        const Commodity& c = inst_.commodities[k];
        const double dist = tree.distance(c.destination);
        double per_unit = dist;
        if (phase_one_) per_unit = std::min(c.unserved_penalty ? 0.0 : 1.0, dist);
        else if (c.unserved_penalty) per_unit = std::min(*c.unserved_penalty, dist);
        if (c.demand > 0.0) priced[b].bound += c.demand * per_unit;
        if (arc_flow != nullptr && c.demand > 0.0 && dist < UnservedCost(c)) {
          tree.AddPathFlow(inst_, c.destination, c.demand, (*arc_flow)[thread]);
        }
      }
      for (int g : groups_.of_block[b]) {
        double reduced = -sigma[g];
        for (int k : groups_.commodities[g]) {
          const Commodity& c = inst_.commodities[k];
          const double dist = tree.distance(c.destination);
          if (dist >= UnservedCost(c)) {
            reduced += c.demand * UnservedCost(c);
          } else if (same) {
            reduced += c.demand * dist;
          } else {
            const auto& eval = eval_length[block.class_id.index()];
            reduced += c.demand * tree.PathLength(inst_, c.destination, eval);
          }
        }
        if (reduced >= -1e-9 * std::max(1.0, std::abs(sigma[g]))) continue;
        Column col;
        col.group = g;
        for (int k : groups_.commodities[g]) {
          const Commodity& c = inst_.commodities[k];
          if (c.demand <= 0.0) continue;
          if (tree.distance(c.destination) < UnservedCost(c)) {
            col.AddPath(inst_, k, c.demand, tree.PathTo(inst_, c.destination));
          } else {
            col.AddUnserved(inst_, k, c.demand);
          }
        }
        priced[b].columns.push_back(std::move(col));
      }
    }
  };
  if (num_threads_ == 1) {
    work(0);
  } else {
    std::vector<std::thread> threads;
    for (int t = 0; t < num_threads_; ++t) threads.emplace_back(work, t);
    for (auto& t : threads) t.join();
  }
  sol_.stats.pricing_seconds += internal::SecondsSince(t0);
  return priced;
}

// Lagrangian start (before the first master): projected subgradient steps on the
// capacity multipliers, mu <- max(0, mu + t (flow(mu) - u)) with the Polyak step
// t = theta (upper - L(mu)) / |g|^2 (g the projected subgradient; upper the greedy start's
// cost, or at least 1% above the best bound when the greedy start leaves demand without
// a penalty unmet, since its cost is then no upper bound and the steps would stop at
// once; theta halved after 3 steps without a better bound). The first masters' duals say
// little (grid10: bounds 45% below the optimum for rounds), while 40 steps cost ~40
// pricings and reach 0.1% (bench/README.md). The best point becomes the best Lagrangian
// bound and smoothing centre, and the trees of the last steps seed the master with
// columns near the optimal ones. When the shortest paths at mu = 0 overload only a few
// capacity constraints, the master converges in a few cheap rounds and the steps would
// cost more than they save (generated 30x30 grids: 15-24 overloaded, 0.26 s -> 1 s
// with the start); the start then stops after that first pricing.
bool ColumnGeneration::LagrangianStart(double greedy_upper, bool complete) {
  const int steps = options_.lagrangian_start;
  const int seeding = std::min(steps, options_.lagrangian_start_columns);
  std::vector<double> mu(static_cast<std::size_t>(caps_.size()), 0.0);
  std::vector<double> subgradient(mu.size());
  // sigma = +huge makes every group's tree column price out; -huge none.
  std::vector<double> all(static_cast<std::size_t>(G()), 1e300), none(all.size(), -1e300);
  std::vector<std::vector<double>> arc_flow(static_cast<std::size_t>(num_threads_),
                                            std::vector<double>(inst_.arcs.size()));
  double theta = 1.0;
  int stall = 0;
  for (int step = 0; step < steps && !TimeUp(); ++step) {
    for (auto& f : arc_flow) std::fill(f.begin(), f.end(), 0.0);
    auto priced = Price(mu, mu, step >= steps - seeding ? all : none, &arc_flow);
    AddColumns(priced);
    double lower = -caps_.CapacityTerm(mu);
    for (const BlockPricing& b : priced) lower += b.bound;
    if (lower > best_lower_) {
      best_lower_ = lower;
      best_mu_ = mu;
      stall = 0;
    } else if (++stall >= 3) {
      theta *= 0.5;
      stall = 0;
    }
    std::fill(subgradient.begin(), subgradient.end(), 0.0);
    for (int a = 0; a < inst_.num_arcs(); ++a) {
      double flow = 0.0;
      for (const auto& f : arc_flow) flow += f[a];
      for (int c : caps_.OfArc(a)) subgradient[c] += flow;
    }
    double norm2 = 0.0;
    for (int c = 0; c < caps_.size(); ++c) {
      double& g = subgradient[c];
      g = std::isfinite(caps_.capacity[c]) ? g - caps_.capacity[c] : 0.0;
      if (mu[c] <= 0.0 && g < 0.0) g = 0.0;
      norm2 += g * g;
    }
    if (options_.log_level >= 1) {
      fmt::print(stderr, "mcf cg start {:>3} lower {:.10g} theta {:g} {:.2f}s\n", step, lower,
                 theta, internal::SecondsSince(start_));
    }
    if (step == 0 && std::count_if(subgradient.begin(), subgradient.end(), [](double g) {
                       return g > 0.0;
                     }) < options_.lagrangian_start_min_violated) {
      return false;
    }
    const double upper =
        complete ? greedy_upper : std::max(greedy_upper, best_lower_ + 0.01 * std::abs(best_lower_));
    if (norm2 <= 0.0 || upper <= lower) {  // no step to take: seed with this point's trees
      if (step < steps - seeding) {
        auto trees = Price(mu, mu, all);
        AddColumns(trees);
      }
      break;
    }
    const double t = theta * (upper - lower) / norm2;
    for (int c = 0; c < caps_.size(); ++c) mu[c] = std::max(0.0, mu[c] + t * subgradient[c]);
  }
  return true;
}

void ColumnGeneration::AddColumns(std::vector<BlockPricing>& priced) {
  const AddSeconds timer(build_s_);
  std::vector<double> cost, lower, upper;
  std::vector<long> starts{0};
  std::vector<int> rows;
  std::vector<double> values;
  std::vector<int> touched;
  for (BlockPricing& block : priced) {
    for (Column& col : block.columns) {
      col.key = Mix(col.key ^ static_cast<std::uint64_t>(col.group));
      if (!column_keys_.insert(col.key).second) continue;  // already in the master
      col.last_active = round_;
      for (std::size_t i = 0; i < col.commodity.size(); ++i) {
        for (const auto& [c, n] : ConstraintCounts(col.PathArcs(i))) {
          if (usage_[c] == 0.0) touched.push_back(c);
          usage_[c] += col.amount[i] * n;
        }
      }
      rows.push_back(col.group);
      values.push_back(1.0);
      for (int c : touched) {
        col.usage.emplace_back(c, usage_[c]);
        usage_[c] = 0.0;
        if (capacity_row_[c] < 0) continue;
        rows.push_back(capacity_row_[c]);
        values.push_back(col.usage.back().second);
      }
      touched.clear();
      starts.push_back(static_cast<long>(rows.size()));
      cost.push_back(ColumnCost(col));
      lower.push_back(0.0);
      upper.push_back(lp::kInfinity);
      columns_.push_back(std::move(col));
    }
  }
  if (cost.empty()) return;
  master_.AddColumns(cost, lower, upper, starts, rows, values);
  sol_.stats.columns_generated += static_cast<long>(cost.size());
}

void ColumnGeneration::DropInactiveColumns() {
  const AddSeconds timer(build_s_);
  const auto x = master_.primal();
  const auto d = master_.reduced_costs();
  std::vector<int> drop;
  for (std::size_t j = static_cast<std::size_t>(G()); j < columns_.size(); ++j) {
    // Basic columns have a zero reduced cost; keep them even at zero flow.
    if (x[j] > 0.0 || std::abs(d[j]) <= 1e-12) columns_[j].last_active = round_;
    if (round_ - columns_[j].last_active > options_.drop_inactive_after) {
      drop.push_back(static_cast<int>(j));
    }
  }
  // Deleting is not free for the LP: wait until it is worth it.
  if (drop.size() < std::max<std::size_t>(100, columns_.size() / 10)) return;
  master_.DeleteColumns(drop);
  std::vector<Column> kept;
  kept.reserve(columns_.size() - drop.size());
  std::size_t next_drop = 0;
  for (std::size_t j = 0; j < columns_.size(); ++j) {
    if (next_drop < drop.size() && static_cast<std::size_t>(drop[next_drop]) == j) {
      column_keys_.erase(columns_[j].key);
      ++next_drop;
    } else {
      kept.push_back(std::move(columns_[j]));
    }
  }
  columns_ = std::move(kept);
  sol_.stats.columns_dropped += static_cast<long>(drop.size());
}

void ColumnGeneration::SetPhase(bool phase_one) {
  phase_one_ = phase_one;
  for (std::size_t j = 0; j < columns_.size(); ++j) {
    master_.SetColumnCost(static_cast<int>(j), ColumnCost(columns_[j]));
  }
}

// Per-commodity path flows of the master solution: a column's path carries lambda times
// its amount; equal paths from different columns are merged.
void ColumnGeneration::KeepIncumbent() {
  const AddSeconds timer(incumbent_s_);
  const auto x = master_.primal();
  incumbent_.assign(static_cast<std::size_t>(K()), {});
  struct Piece {
    int commodity;
    std::uint64_t key;
    int column;
    int path;
    double flow;
  };
  std::vector<Piece> pieces;
  for (std::size_t j = 0; j < columns_.size(); ++j) {
    if (x[j] <= 0.0) continue;
    const Column& col = columns_[j];
    for (const auto& [k, amount] : col.unserved) incumbent_[k].unserved += x[j] * amount;
    for (std::size_t i = 0; i < col.commodity.size(); ++i) {
      pieces.push_back({col.commodity[i], col.path_key[i], static_cast<int>(j),
                        static_cast<int>(i), x[j] * col.amount[i]});
    }
  }
  std::sort(pieces.begin(), pieces.end(), [](const Piece& a, const Piece& b) {
    return std::tie(a.commodity, a.key, a.column, a.path) <
           std::tie(b.commodity, b.key, b.column, b.path);
  });
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    auto& paths = incumbent_[pieces[i].commodity].paths;
    if (i > 0 && pieces[i].commodity == pieces[i - 1].commodity &&
        pieces[i].key == pieces[i - 1].key) {
      paths.back().flow += pieces[i].flow;
      continue;
    }
    PathFlow path;
    path.flow = pieces[i].flow;
    for (int a : columns_[pieces[i].column].PathArcs(pieces[i].path)) path.arcs.push_back(ArcId(a));
    paths.push_back(std::move(path));
  }
}

const std::vector<std::pair<int, int>>& ColumnGeneration::ConstraintCounts(
    std::span<const int> arcs) {
  counts_.clear();
  for (int a : arcs) {
    for (int c : caps_.OfArc(a)) {
      if (path_count_[c]++ == 0) counts_.emplace_back(c, 0);
    }
  }
  for (auto& [c, n] : counts_) {
    n = path_count_[c];
    path_count_[c] = 0;
  }
  return counts_;
}

void ColumnGeneration::Log(const char* what, double lower) const {
  if (options_.log_level < 1) return;
  fmt::print(stderr,
             "mcf cg {:>4} {:<8} master {:.10g} lower {:.10g} best [{:.10g}, {:.10g}] cols {} "
             "rows {} it {} {:.2f}s\n",
             round_, what, master_.objective(), lower, best_lower_, best_upper_, columns_.size(),
             master_.num_rows(), sol_.stats.lp_iterations, internal::SecondsSince(start_));
}

Result<Solution> ColumnGeneration::Run() {
  sol_.method = Method::kColumnGeneration;
  best_mu_.assign(static_cast<std::size_t>(caps_.size()), 0.0);
  internal::SplitMultipliers(inst_, best_mu_, sol_);
  BuildMaster();
  lp::Algorithm algorithm = lp::Algorithm::kDualSimplex;
  auto t_greedy = std::chrono::steady_clock::now();
  auto initial = GreedyInitialColumns();
  greedy_s_ = internal::SecondsSince(t_greedy);
  double greedy_cost = 0.0;
  double total_must_ship = 0.0;  // demand without a penalty
  for (const Commodity& c : inst_.commodities) total_must_ship += c.unserved_penalty ? 0.0 : c.demand;
  double must_ship = total_must_ship;  // ... that the greedy start leaves unmet
  for (const BlockPricing& b : initial) {
    for (const Column& col : b.columns) {
      greedy_cost += col.path_cost + col.penalty_cost;
      for (std::size_t i = 0; i < col.commodity.size(); ++i) {
        if (!inst_.commodities[col.commodity[i]].unserved_penalty) must_ship -= col.amount[i];
      }
    }
  }
  const bool greedy_complete = must_ship <= 1e-9 * std::max(1.0, total_must_ship);
  AddColumns(initial);
  if (!initial.empty()) algorithm = lp::Algorithm::kPrimalSimplex;
  const auto t_start = std::chrono::steady_clock::now();
  const double pricing_before_start = sol_.stats.pricing_seconds;
  const bool started = options_.lagrangian_start > 0 && LagrangianStart(greedy_cost, greedy_complete);
  start_s_ = internal::SecondsSince(t_start);
  // With the start rows in, the slack basis is dual feasible (costs >= 0) and far from
  // primal feasible: the dual simplex solves the first master (planar150 17.7k -> 16.0k
  // iterations in all, where the primal from scratch cost 3.2k on the first master alone).
  if (started && options_.start_rows && AddStartRows() > 0) algorithm = lp::Algorithm::kDualSimplex;
  if (started && master_.num_cols() >= options_.first_master_barrier_columns) {
    algorithm = lp::Algorithm::kBarrier;
  }
  const double start_pricing_s = sol_.stats.pricing_seconds - pricing_before_start;
  // When the start leaves demand unmet, phase one first: the master's duals under a
  // big M say little about costs, and rounds spent there are wasted. After a Lagrangian
  // start the smoothing centre guides pricing instead, and phase one only costs
  // iterations (grid10 28k -> 25k, planar150 19.7k -> 17.7k); phase one still decides
  // when phase two ends with unmet demand.
  bool grow_m = false;
  if (!started &&
      std::any_of(columns_.begin() + G(), columns_.end(),
                  [](const Column& c) { return c.artificial > 0.0; })) {
    SetPhase(true);
  }
  SolveStatus outcome = SolveStatus::kIterationLimit;
  std::vector<double> mu(static_cast<std::size_t>(caps_.size()), 0.0), mu_smooth = mu;
  std::vector<double> sigma(static_cast<std::size_t>(G()));
  for (;;) {
    if (TimeUp()) {
      outcome = SolveStatus::kTimeLimit;
      break;
    }
    const lp::SolveStatus lp_status = SolveMaster(algorithm);
    if (lp_status == lp::SolveStatus::kTimeLimit) {
      outcome = SolveStatus::kTimeLimit;
      break;
    }
    if (lp_status != lp::SolveStatus::kOptimal) {
      outcome = SolveStatus::kNumericalFailure;
      break;
    }
    if (AddViolatedCapacityRows() > 0) {
      algorithm = lp::Algorithm::kDualSimplex;
      continue;
    }
    const auto x = master_.primal();
    double artificial = 0.0;
    for (std::size_t j = 0; j < columns_.size(); ++j) artificial += x[j] * columns_[j].artificial;
    const bool no_artificial = artificial <= 1e-9 * std::max(1.0, static_cast<double>(K()));
    if (!phase_one_ && no_artificial && master_.objective() < best_upper_) {
      best_upper_ = master_.objective();
      KeepIncumbent();
    }
    if (round_ >= options_.max_rounds) break;
    ++round_;
    const auto y = master_.duals();
    std::fill(mu.begin(), mu.end(), 0.0);
    for (std::size_t r = 0; r < row_constraint_.size(); ++r) {
      mu[row_constraint_[r]] = std::max(0.0, -y[static_cast<std::size_t>(G()) + r]);
    }
    for (int g = 0; g < G(); ++g) sigma[g] = y[g];
    // Wentges smoothing: trees on multipliers between the best Lagrangian point and the
    // master's duals; when none of their columns prices out at the master's duals,
    // price at the duals themselves.
    const bool smooth = options_.smoothing > 0.0 && !phase_one_ && best_lower_ > -kInf;
    if (smooth) {
      for (std::size_t c = 0; c < mu.size(); ++c) {
        mu_smooth[c] = options_.smoothing * best_mu_[c] + (1.0 - options_.smoothing) * mu[c];
      }
    }
    auto priced = Price(smooth ? mu_smooth : mu, mu, sigma);
    const std::vector<double>* mu_tree = smooth ? &mu_smooth : &mu;
    double lower = -caps_.CapacityTerm(*mu_tree);
    std::size_t new_columns = 0;
    for (const BlockPricing& b : priced) {
      lower += b.bound;
      new_columns += b.columns.size();
    }
    if (smooth && new_columns == 0) {
      if (lower > best_lower_) {
        best_lower_ = lower;
        best_mu_ = mu_smooth;
      }
      priced = Price(mu, mu, sigma);
      mu_tree = &mu;
      lower = -caps_.CapacityTerm(mu);
      for (const BlockPricing& b : priced) {
        lower += b.bound;
        new_columns += b.columns.size();
      }
    }
    if (phase_one_) {
      Log("phase1", lower);
      if (lower > 1e-9 * std::max(1.0, static_cast<double>(K()))) {  // proven infeasible
        internal::SplitMultipliers(inst_, mu, sol_);
        sol_.infeasibility_bound = lower;
        outcome = SolveStatus::kInfeasible;
        break;
      }
      if (new_columns == 0 || no_artificial) {
        // Phase one reaches zero unmet demand: the instance is feasible (and when
        // phase two had ended with unmet demand, M was too small).
        if (grow_m) {
          if (big_m_ > 1e15) {
            outcome = SolveStatus::kNumericalFailure;
            break;
          }
          big_m_ *= 100.0;
        }
        SetPhase(false);
        algorithm = lp::Algorithm::kPrimalSimplex;
        continue;
      }
    } else {
      if (lower > best_lower_) {
        best_lower_ = lower;
        best_mu_ = *mu_tree;
      }
      Log("phase2", lower);
      if (best_upper_ < kInf &&
          best_upper_ - best_lower_ <= options_.gap_tolerance * std::max(1.0, std::abs(best_upper_))) {
        outcome = SolveStatus::kOptimal;
        break;
      }
      if (new_columns == 0) {
        if (no_artificial) {  // LP optimal: the gap closes up to tolerances
          // Report this round's multipliers: they are the master's optimal duals.
          best_lower_ = lower;
          best_mu_ = mu;
          outcome = SolveStatus::kOptimal;
          break;
        }
        SetPhase(true);
        grow_m = true;
        algorithm = lp::Algorithm::kPrimalSimplex;
        continue;
      }
    }
    const std::size_t before = columns_.size();
    AddColumns(priced);
    if (columns_.size() == before && mu_tree != &mu) {  // smoothed trees: try the duals
      priced = Price(mu, mu, sigma);
      AddColumns(priced);
    }
    if (columns_.size() == before) {  // only duplicates priced out: numerically converged
      outcome = phase_one_ ? SolveStatus::kNumericalFailure : SolveStatus::kOptimal;
      if (phase_one_ || best_upper_ == kInf) outcome = SolveStatus::kNumericalFailure;
      break;
    }
    DropInactiveColumns();
    algorithm = lp::Algorithm::kPrimalSimplex;
  }
  if (options_.log_level >= 1) {
    fmt::print(stderr,
               "mcf cg time greedy {:.2f}s start {:.2f}s (pricing {:.2f}s) pricing {:.2f}s "
               "master build {:.2f}s master solves {:.2f}s separation {:.2f}s incumbent {:.2f}s "
               "total {:.2f}s\n",
               greedy_s_, start_s_, start_pricing_s, sol_.stats.pricing_seconds - start_pricing_s,
               build_s_, sol_.stats.master_seconds, separation_s_, incumbent_s_,
               internal::SecondsSince(start_));
  }
  sol_.stats.rounds = round_;
  sol_.stats.lp_rows = master_.num_rows();
  sol_.stats.lp_cols = master_.num_cols();
  sol_.status = outcome;
  if (outcome != SolveStatus::kInfeasible) {
    internal::SplitMultipliers(inst_, best_mu_, sol_);
    if (best_upper_ < kInf) {
      sol_.commodities = std::move(incumbent_);
      internal::AccumulateFlows(inst_, sol_);
    } else if (outcome == SolveStatus::kOptimal) {
      sol_.status = SolveStatus::kNumericalFailure;
    }
  }
  return internal::Finish(inst_, options_, std::move(sol_), best_lower_, start_);
}

}  // namespace

Result<Solution> SolveColumnGeneration(const Instance& instance, const Options& options) {
  const auto start = std::chrono::steady_clock::now();
  if (Status s = instance.Validate(); !s.ok()) return s;
  ColumnGeneration cg(instance, options, start);
  return cg.Run();
}

}  // namespace corridor::mcf
