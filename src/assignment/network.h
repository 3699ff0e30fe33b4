// Input of a congested assignment: the road network (a CSR graph with one
// delay function per link) and the demand of each user class.
//
// A class k has its own generalised cost on link a, in the class's money or
// time unit:
//   c_ka(X) = vot_k * t_a(X_a) + toll_factor_k * toll_a + distance_factor_k * length_a
//             + fee_ka                     (+infinity when a is not allowed for k)
// where X_a = sum_k weight_k * x_ka is the congestion-relevant flow (e.g. PCE),
// and t_a is the link's delay function (link_cost.h). Classes thus share
// congestion but each routes by its own cost. vot_k multiplies time only.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "assignment/link_cost.h"
#include "core/ids.h"
#include "core/status.h"
#include "paths/graph.h"

namespace corridor::assignment {

struct NetworkLink {
  NodeId from;
  NodeId to;
  LinkCost cost;
  double toll = 0.0;    // money, weighted by a class's toll_factor
  double length = 0.0;  // distance, weighted by a class's distance_factor
};

class Network {
 public:
  // `through_allowed` is empty (every node may be passed through) or one flag
  // per node; 0 marks a zone centroid that paths may start or end at but never
  // pass (the TNTP FIRST THRU NODE rule). Links keep their index as LinkId.
  // InvalidInput lists every bad link (ids out of range, negative or non-finite
  // parameters, 0 < power < 1, conical alpha <= 1).
  static Result<Network> Build(int node_count, std::vector<NetworkLink> links,
                               std::vector<char> through_allowed);

  const paths::Graph& graph() const { return graph_; }
  int node_count() const { return graph_.node_count(); }
  int link_count() const { return graph_.link_count(); }
  const NetworkLink& link(LinkId a) const { return links_[a.index()]; }
  std::span<const NetworkLink> links() const { return links_; }
  std::span<const char> through_allowed() const { return through_allowed_; }

 private:
  paths::Graph graph_;
  std::vector<NetworkLink> links_;
  std::vector<char> through_allowed_;
};

struct OdDemand {
  NodeId origin;
  NodeId destination;
  double demand = 0.0;  // >= 0; origin == destination (intrazonal) is not routed
};

struct DemandClass {
  std::string name;
  std::vector<OdDemand> od;  // sparse matrix; repeated pairs add up
  double value_of_time = 1.0;   // > 0, multiplies link time
  double toll_factor = 0.0;     // >= 0
  double distance_factor = 0.0; // >= 0
  double flow_weight = 1.0;     // > 0, contribution of one unit to X (PCE)
  std::vector<double> link_fee;    // empty, or one fee >= 0 per link
  std::vector<char> link_allowed;  // empty (all allowed), or one flag per link
};

}  // namespace corridor::assignment
