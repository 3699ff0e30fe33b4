#include "assignment/tntp_instance.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "io/tntp_reader.h"

namespace corridor::assignment {
namespace {

Result<TntpInstance> Load(const std::string& net_path, const std::string& trips_path,
                          double toll_factor, double distance_factor) {
  auto net = io::ReadTntpNetwork(net_path);
  if (!net.ok()) return net.status();
  auto trips = io::ReadTntpTrips(trips_path);
  if (!trips.ok()) return trips.status();

  const int n = static_cast<int>(net->original_node_ids.size());
  std::vector<NetworkLink> links;
  links.reserve(net->links.size());
  for (const io::TntpLink& l : net->links) {
    NetworkLink link;
    link.from = l.from;
    link.to = l.to;
    link.cost.model = DelayModel::kBpr;
    link.cost.free_flow_time = l.free_flow_time;
    link.cost.capacity = l.capacity;
    link.cost.b = l.b;
    link.cost.power = l.power;
    link.toll = l.toll;
    link.length = l.length;
    links.push_back(link);
  }
  std::vector<char> through(n);
  for (int v = 0; v < n; ++v) through[v] = !net->IsCentroidOnly(NodeId(v));
  auto network = Network::Build(n, std::move(links), std::move(through));
  if (!network.ok()) return network.status();

  Diagnostics diag;
  DemandClass demand;
  demand.name = "tntp";
  demand.toll_factor = toll_factor;
  demand.distance_factor = distance_factor;
  const std::string file = trips_path.substr(trips_path.find_last_of('/') + 1);
  std::size_t positive = 0;
  for (const io::TntpTrip& t : trips->trips) positive += t.demand > 0;
  demand.od.reserve(positive);
  for (const io::TntpTrip& t : trips->trips) {
    const NodeId o = net->FindNode(t.origin);
    const NodeId d = net->FindNode(t.destination);
    if (t.demand > 0 && (!o.valid() || !d.valid())) {
      diag.Error(file, t.line, !o.valid() ? "Origin" : "destination",
                 std::to_string(!o.valid() ? t.origin : t.destination) +
                     " is not a node of the network");
      continue;
    }
    if (t.demand > 0) demand.od.push_back({o, d, t.demand});
  }
  if (auto s = diag.ToStatus(file); !s.ok()) return s;
  return TntpInstance{std::move(*network), std::move(demand), std::move(net->original_node_ids)};
}

}  // namespace

Result<TntpInstance> LoadTntpInstance(const std::string& net_path, const std::string& trips_path,
                                      double toll_factor, double distance_factor) {
  Result<TntpInstance> instance = Load(net_path, trips_path, toll_factor, distance_factor);
#if defined(__GLIBC__)
  // The parsed files (a record per trip-table entry) are freed by now; hand
  // their heap back to the system rather than keep it resident for the solve.
  malloc_trim(0);
#endif
  return instance;
}

}  // namespace corridor::assignment
