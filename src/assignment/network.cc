#include "assignment/network.h"

#include <cmath>
#include <string>

namespace corridor::assignment {
namespace {

void CheckNonNegative(Diagnostics& diag, int link, const char* field, double value) {
  if (!(value >= 0.0) || !std::isfinite(value)) {
    diag.Error("", 0, "link " + std::to_string(link),
               std::string(field) + " must be finite and >= 0, got " + std::to_string(value));
  }
}

}  // namespace

Result<Network> Network::Build(int node_count, std::vector<NetworkLink> links,
                               std::vector<char> through_allowed) {
  Diagnostics diag;
  if (node_count < 0) diag.Error("", 0, "", "node count must be >= 0");
  if (!through_allowed.empty() && static_cast<int>(through_allowed.size()) != node_count) {
    diag.Error("", 0, "through_allowed", "needs one flag per node");
  }
  std::vector<NodeId> tails, heads;
  for (std::size_t i = 0; i < links.size(); ++i) {
    const NetworkLink& l = links[i];
    const int id = static_cast<int>(i);
    for (NodeId v : {l.from, l.to}) {
      if (!v.valid() || v.value() < 0 || v.value() >= node_count) {
        diag.Error("", 0, "link " + std::to_string(id),
                   "node " + std::to_string(v.value()) + " is out of range");
      }
    }
    CheckNonNegative(diag, id, "free_flow_time", l.cost.free_flow_time);
    CheckNonNegative(diag, id, "capacity", l.cost.capacity);
    CheckNonNegative(diag, id, "toll", l.toll);
    CheckNonNegative(diag, id, "length", l.length);
    if (l.cost.model == DelayModel::kBpr) {
      CheckNonNegative(diag, id, "b", l.cost.b);
      CheckNonNegative(diag, id, "power", l.cost.power);
      if (l.cost.power > 0 && l.cost.power < 1 && l.cost.b > 0) {
        diag.Error("", 0, "link " + std::to_string(id),
                   "power must be 0 or >= 1 (convex delay), got " + std::to_string(l.cost.power));
      }
    } else if (!(l.cost.alpha > 1.0) || !std::isfinite(l.cost.alpha)) {
      diag.Error("", 0, "link " + std::to_string(id),
                 "conical alpha must be > 1, got " + std::to_string(l.cost.alpha));
    }
    tails.push_back(l.from);
    heads.push_back(l.to);
  }
  if (auto s = diag.ToStatus("network"); !s.ok()) return s;
  Network net;
  net.graph_ = paths::Graph(node_count, tails, heads);
  net.links_ = std::move(links);
  net.through_allowed_ = std::move(through_allowed);
  return net;
}

}  // namespace corridor::assignment
