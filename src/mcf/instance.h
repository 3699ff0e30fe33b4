// A linear multicommodity min-cost flow instance (the input of mcf/solver.h).
//
// Directed graph G = (N, A). Arc a = (tail, head) has a base cost c_a >= 0 and a joint
// capacity u_a >= 0 (or kUnlimited) shared by every commodity. Commodity k ships demand
// D_k >= 0 from origin o_k to destination d_k != o_k. When k has an unserved penalty
// p_k, any part of D_k may stay unserved at p_k per unit; without one, D_k must be met.
//
// Classes. Commodities are grouped in classes; class q has its own cost vector c_qa >= 0
// and allowed-arc mask (a commodity of class q may only use arcs allowed for q). An
// instance with no classes has one implicit class that uses the base costs and every
// arc. The corridor model maps each freight commodity group to one class.
//
// Resources. A resource is a joint capacity over a set of distinct arcs, on top of the
// per-arc capacities: the summed flow of every commodity on its arcs is at most its
// capacity. A path crossing k arcs of a resource uses k units of it per unit of flow.
// The corridor model's capacities are resources (a crossing's capacity spans all its
// gate arcs). Per-arc capacities and resources are both "capacity constraints" below;
// every solver and the checker treat them alike.
#pragma once

#include <limits>
#include <optional>
#include <vector>

#include "core/ids.h"
#include "core/status.h"

namespace corridor::mcf {

struct NodeTag {};
struct ArcTag {};
struct CommodityTag {};
struct ClassTag {};
using NodeId = StrongId<NodeTag>;
using ArcId = StrongId<ArcTag>;
using CommodityId = StrongId<CommodityTag>;
using ClassId = StrongId<ClassTag>;

inline constexpr double kUnlimited = std::numeric_limits<double>::infinity();

struct Arc {
  NodeId tail;
  NodeId head;
  double cost = 0.0;            // base cost per unit of flow, >= 0
  double capacity = kUnlimited; // joint capacity, >= 0
};

struct Commodity {
  NodeId origin;
  NodeId destination;
  double demand = 0.0;                     // >= 0
  std::optional<double> unserved_penalty;  // per unit; absent: demand must be met
  ClassId class_id{0};
};

struct Resource {
  std::vector<ArcId> arcs;  // distinct
  double capacity = 0.0;    // >= 0
};

struct CommodityClass {
  std::vector<double> arc_cost;  // per arc; empty: the base costs
  std::vector<bool> allowed;     // per arc; empty: every arc
};

struct Instance {
  int num_nodes = 0;
  std::vector<Arc> arcs;
  std::vector<Commodity> commodities;
  std::vector<CommodityClass> classes;  // empty: one implicit class
  std::vector<Resource> resources;

  int num_arcs() const { return static_cast<int>(arcs.size()); }
  int num_commodities() const { return static_cast<int>(commodities.size()); }
  int num_classes() const { return classes.empty() ? 1 : static_cast<int>(classes.size()); }
  int num_resources() const { return static_cast<int>(resources.size()); }

  double ArcCost(ClassId q, ArcId a) const {
    if (classes.empty() || classes[q.index()].arc_cost.empty()) return arcs[a.index()].cost;
    return classes[q.index()].arc_cost[a.index()];
  }
  bool ArcAllowed(ClassId q, ArcId a) const {
    return classes.empty() || classes[q.index()].allowed.empty() ||
           classes[q.index()].allowed[a.index()];
  }

  // Checks ids, sizes, signs and finiteness; every problem is listed.
  Status Validate() const;
};

}  // namespace corridor::mcf
