// Modelled versus observed tonnes: for every observation of the reference year, the
// same figure read off a solved run.
//
// Elements and what is measured (t/year):
//   crossing:<id>    flow on the crossing's gate arcs
//   link:<id>        flow on the link, both directions
//   transfer:<id>    flow on the transfer, both directions
//   port:<node>      flow on every transfer at the node that involves the sea mode and on
//                    the access/egress arcs of its sea sub-node, plus the preloads of the
//                    node's port_berth resources
//   resource:<id>    flow over a resources.csv capacity (its arcs), plus its preloads
//   commodity:<id>   served tonnes of the commodity
//   group:<name>     the sum of its members, each measured with the same metric
// Metrics: throughput_both / throughput_all_cargo (everything), throughput_<aa>_<bb>
// (only the freight whose origin lies in country AA, wherever it enters the element
// from: transit through a third country is counted by where it started), and
// trade_<aa>_<bb> (commodity tonnes from country AA to country BB). Crossings, links,
// transfers and resources include their preloads (background.csv) in the undirected
// metrics; the directed ones count routed freight by its origin and the preloads whose
// origin_country is the direction's first country.
// trade_throughput_both / trade_throughput_<aa>_<bb> count the study's trade only
// (commodities not flagged background, no preloads).
// Observations of another period (2022-H1, a part year, another year) are listed as
// context and not compared.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/network.h"
#include "model/observation.h"
#include "routing/system_optimum.h"

namespace corridor::analysis {

struct CalibrationRow {
  const model::Observation* observation = nullptr;
  bool comparable = false;       // period is the reference year and the element is known
  std::string why_not;           // when not comparable
  double modelled_t = 0.0;
  double ratio = 0.0;            // modelled / observed (0 when observed is 0)
  std::optional<bool> within_target;  // when the observation has a target
};

std::vector<CalibrationRow> CompareWithObservations(const model::Network& net,
                                                    const routing::Solution& sol,
                                                    const model::Observations& obs,
                                                    int reference_year);

}  // namespace corridor::analysis
