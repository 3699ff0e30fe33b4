// The virtual network: the dataset expanded into one sub-node per (place, mode),
// stored as CSR arrays with per-arc attributes in parallel arrays.
//
// Expansion (after NODUS):
//   * every physical node gets one modal sub-node per mode of the links that touch it
//     or of the transfers it has;
//   * a link of mode m from A to B becomes an arc (A,m)->(B,m) (and back if
//     both_directions);
//   * a transfer at N from mode p to mode q becomes an arc (N,p)->(N,q) (and back);
//   * a crossing at N for modes M does not add arcs: every link arc of a mode in M
//     whose head is N is a "gate" arc of the crossing. Gate arcs carry the crossing's
//     fee and dwell, and the crossing's capacity is one resource over all of them, so
//     a tonne pays and counts once whichever side it comes from;
//   * a physical node with outgoing demand gets a source sub-node with access arcs to
//     its modal sub-nodes, one with incoming demand a sink sub-node with egress arcs
//     from them, so freight can start or end there but the centroids are never passed
//     through.
// Capacities are resources: a resource is a set of arcs whose summed flow is bounded
// (a link direction, a crossing, a transfer). Arcs are sorted by tail, so the out-arcs
// of v are the ids in [out_begin[v], out_begin[v+1]).
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/status.h"
#include "model/dataset.h"
#include "model/mode.h"

namespace corridor::model {

inline constexpr double kUnlimited = std::numeric_limits<double>::infinity();

enum class VNodeKind : std::uint8_t { kModal, kSource, kSink };
enum class ArcKind : std::uint8_t { kLink, kTransfer, kAccess, kEgress };
// kDefined: a row of resources.csv (a port's berths, rail access, slots, a section).
enum class ResourceKind : std::uint8_t { kLink, kCrossing, kTransfer, kDefined };
std::string_view ArcKindName(ArcKind kind);
std::string_view ResourceKindName(ResourceKind kind);

// A demand row resolved to ids.
struct OdDemand {
  CommodityId commodity;
  NodeId origin;
  NodeId destination;
  double tonnes_per_year = 0.0;
};

struct Network {
  // Physical entities, copied from the dataset (indexed by the strong ids).
  std::vector<Node> nodes;              // NodeId
  std::vector<Link> links;              // LinkId
  std::vector<Crossing> crossings;      // CrossingId
  std::vector<Transfer> transfers;      // TransferId
  std::vector<Commodity> commodities;   // CommodityId
  std::vector<ResourceDef> resource_defs;  // resources.csv rows (resource_element of kDefined)
  std::vector<OdDemand> demand;         // positive-tonnage rows, in file order

  // Virtual nodes.
  std::vector<NodeId> vnode_node;
  std::vector<VNodeKind> vnode_kind;
  std::vector<Mode> vnode_mode;  // meaningful for kModal only
  std::vector<VNodeId> source_of;  // per NodeId; invalid if the node sends nothing
  std::vector<VNodeId> sink_of;    // per NodeId; invalid if the node receives nothing

  // Arcs (sorted by tail) and their attributes.
  std::vector<VNodeId> arc_tail;
  std::vector<VNodeId> arc_head;
  std::vector<ArcKind> arc_kind;
  std::vector<ModeSet> arc_modes;     // a commodity may use the arc iff it allows all of them
  // ... and iff its cargo type is in the arc's set. An element whose tariff or whose
  // cargo-restricted resources differ by cargo type gets one parallel arc per class of
  // cargo types that are treated alike (rates.csv, resources.csv); otherwise one arc
  // for all cargo types.
  std::vector<CargoSet> arc_cargo;
  std::vector<std::int32_t> arc_element;  // LinkId / TransferId value; -1 for access/egress
  std::vector<bool> arc_reverse;      // true for the backward copy of a two-way element
  std::vector<CrossingId> arc_crossing;  // crossing the arc is a gate of, or invalid
  std::vector<double> arc_money_usd_per_t;  // tariff + fee
  std::vector<double> arc_time_h;           // travel or transfer time (without dwell)
  std::vector<double> arc_dwell_standard_h; // crossing dwell, standard cargo
  std::vector<double> arc_dwell_aeo_h;      // crossing dwell, AEO-certified cargo
  std::vector<double> arc_distance_km;

  // CSR: out-arcs of v are [out_begin[v], out_begin[v+1]); in-arcs via in_arcs.
  std::vector<std::int32_t> out_begin;
  std::vector<std::int32_t> in_begin;
  std::vector<ArcId> in_arcs;

  // Resources (joint capacities) as CSR over arcs.
  std::vector<ResourceKind> resource_kind;
  std::vector<std::int32_t> resource_element;  // LinkId / CrossingId / TransferId value
  std::vector<double> resource_capacity_t;     // per year, left for routed freight; may be 0
  std::vector<double> resource_preload_t;      // background preloads taken off (background.csv)
  std::vector<double> resource_nominal_t;      // capacity before preloads
  // The preload rows and the resources each was taken off (for directional figures).
  std::vector<Preload> preloads;
  std::vector<std::vector<std::int32_t>> preload_resources;
  std::vector<std::string> resource_label;     // e.g. "crossing ZAB_MZL_RAIL"
  std::vector<std::int32_t> resource_begin;
  std::vector<ArcId> resource_arcs;

  std::size_t vnode_count() const { return vnode_node.size(); }
  std::size_t arc_count() const { return arc_tail.size(); }
  std::size_t resource_count() const { return resource_kind.size(); }

  bool CommodityMayUse(CommodityId k, ArcId a) const;
  // Dwell of commodity k on arc a, mixing standard and AEO dwell by its AEO share.
  double DwellHours(CommodityId k, ArcId a) const;
  // Time the commodity spends on the arc: travel + dwell.
  double TimeHours(CommodityId k, ArcId a) const;
  // Generalised cost per tonne: money + value of time x (time + dwell).
  double GeneralisedCost(CommodityId k, ArcId a) const;
  // "link L12 (A->B, rail_1520)", "transfer T3 at N", "access at N (road)".
  std::string ArcLabel(ArcId a) const;
};

// Builds the virtual network from a validated dataset. Fails (InvalidInput) only on
// inconsistencies validation should have caught (unknown ids); never on disconnected
// demand, which the solvers report as unserved.
Result<Network> BuildNetwork(const Dataset& dataset);

// Modal sub-nodes reachable from `from` using only arcs commodity k may use.
// mark[v] is set to true for every reached vnode (size vnode_count()).
void ReachableFrom(const Network& net, CommodityId k, VNodeId from, std::vector<char>& mark);

}  // namespace corridor::model
