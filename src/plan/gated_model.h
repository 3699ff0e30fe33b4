// The planning network: the base network with every candidate's changes present but
// gated by the candidate's binary y_p, and the MIP over it (docs/architecture.md,
// "plan").
//
// Gating. For each project p, N_ref is the network of the base dataset with the
// changes of the projects p requires (transitively), N_p the same plus p's changes.
// Comparing N_p with N_ref by element identity (arcs by kind, element, direction,
// cargo class and end points; resources by label):
//   * a resource whose capacity changes by D gets + D y_p on its capacity row (a
//     resource N_p adds starts at 0; one N_p makes unlimited gets + M y_p, M the total
//     demand); module steps are projects that require the step below, so their D
//     adds to the lower steps';
//   * an arc N_p adds, or one whose generalised cost N_p lowers for some commodity,
//     is a gated arc: a copy at N_p's costs on N_p's resources, with the strong
//     linking x_ba <= D_b y_p for every block b (D_b its demand); the original arc
//     stays at its cost, so the routing takes the cheaper.
// This is exact when the effects of projects that do not require each other touch
// different elements (or add up); otherwise capacities add and the lower cost wins.
// The final portfolio is always re-solved on the network built with its changes
// applied, and the two routing costs compared (plan::Planner).
//
// MIP (units: Mt and million USD, so costs per tonne stay as they are):
//   minimise  sum_ba c_ka x_ba + sum_od p_k u_od + sum_p A_p y_p
//   subject to conservation per block and vnode (unserved u_od from source to sink),
//              sum_{b, a in r} x_ba - sum_p D_rp y_p <= cap_r      per resource r,
//              x_ba <= D_b y_p                                   per gated arc,
//              y_p <= y_q (p requires q), y_p + y_q <= 1 (p excludes q),
//              sum_p K_p y_p <= budget, y_p = 1 for committed p, y binary,
// with A_p the annualised cost and K_p the capital cost.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "lp/lp.h"
#include "model/dataset.h"
#include "model/network.h"
#include "plan/projects.h"

namespace corridor::plan {

inline constexpr double kTonnesPerUnit = 1e6;  // the MIP's flows are in Mt
inline constexpr double kUsdPerUnit = 1e6;     // and its costs in million USD

struct GatedArc {
  int tail = 0;
  int head = 0;
  int gate = -1;               // project index; -1 = always open
  std::vector<double> cost;    // per commodity, USD/t; +inf where it may not go
  std::vector<int> resources;
  std::string label;
};

struct GatedResource {
  std::string label;
  double capacity_t = 0.0;     // base (after preloads); finite
  std::vector<std::pair<int, double>> steps;  // (project, extra t/year)
};

struct GatedNetwork {
  int vnode_count = 0;
  int commodity_count = 0;
  std::vector<GatedArc> arcs;
  std::vector<GatedResource> resources;
  struct Od {
    int commodity = 0;
    int origin_node = 0;  // NodeId value, for blocks
    int source = 0;
    int sink = 0;
    double tonnes = 0.0;
    double penalty = 0.0;
  };
  std::vector<Od> demand;
  std::vector<std::string> warnings;  // e.g. projects that change the same element
};

// Builds the gated network of `base` (a validated dataset, scenario applied) and the
// projects (ValidateProjects passed).
Result<GatedNetwork> BuildGatedNetwork(const model::Dataset& base, const ProjectSet& projects);

struct MipOptionsPlan {
  double discount_rate = 0.07;
  std::optional<double> budget_usd;
};

// The MIP above; y_p is column y_columns[p]. Also returns the columns' meaning.
struct PlanMip {
  lp::Model model;
  std::vector<int> y_columns;
  int gated_links = 0;   // linking rows
  int capacity_steps = 0;
};
PlanMip BuildPlanMip(const GatedNetwork& net, const ProjectSet& projects,
                     const MipOptionsPlan& options);

}  // namespace corridor::plan
