#include "model/validate.h"

#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "model/names.h"
#include "model/network.h"

namespace corridor::model {
namespace {

std::string Num(double v) {
  char buf[32];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

std::string Quoted(std::string_view s) {
  std::string out = "'";
  out += s;
  out += '\'';
  return out;
}

bool Intersects(ModeSet a, ModeSet b) { return (a.bits() & b.bits()) != 0; }

class Validator {
 public:
  Validator(const Dataset& ds, Diagnostics& diags) : ds_(ds), diags_(diags) {}

  void Run() {
    IndexNodes();
    CheckDuplicates(ds_.links);
    CheckDuplicates(ds_.crossings);
    CheckDuplicates(ds_.transfers);
    CheckDuplicates(ds_.commodities);
    for (std::size_t i = 0; i < ds_.commodities.size(); ++i) {
      commodity_index_.emplace(ds_.commodities[i].id, i);
    }
    CheckLinks();
    CheckTransfers();
    CheckCrossings();
    CheckCommodities();
    CheckDemand();
    CheckResources();
    CheckRates();
    CheckPreloads();
  }

 private:
  void Error(const RowOrigin& o, std::string_view column, std::string message) {
    diags_.Error(o.file, o.line, std::string(column), std::move(message));
  }
  void Warning(const RowOrigin& o, std::string_view column, std::string message) {
    diags_.Warning(o.file, o.line, std::string(column), std::move(message));
  }

  template <typename Row>
  void CheckDuplicates(const std::vector<Row>& rows) {
    std::unordered_map<std::string, const RowOrigin*> first;
    for (const Row& row : rows) {
      auto [it, inserted] = first.emplace(row.id, &row.origin);
      if (inserted) continue;
      const RowOrigin& f = *it->second;
      const std::string where = f.file == row.origin.file
                                    ? "line " + std::to_string(f.line)
                                    : f.file + ":" + std::to_string(f.line);
      Error(row.origin, "", "duplicate id " + Quoted(row.id) + " (first on " + where + ")");
    }
  }

  void IndexNodes() {
    CheckDuplicates(ds_.nodes);
    for (std::size_t i = 0; i < ds_.nodes.size(); ++i) {
      const Node& n = ds_.nodes[i];
      node_index_.emplace(n.id, i);
      if (!(n.lat >= -90.0 && n.lat <= 90.0)) {
        Error(n.origin, "lat", "must be in [-90, 90], got " + Num(n.lat));
      }
      if (!(n.lon >= -180.0 && n.lon <= 180.0)) {
        Error(n.origin, "lon", "must be in [-180, 180], got " + Num(n.lon));
      }
    }
    touching_.assign(ds_.nodes.size(), ModeSet());
    entering_.assign(ds_.nodes.size(), ModeSet());
  }

  // The node's index, or nullptr after reporting an unknown id.
  const std::size_t* FindNode(const RowOrigin& o, std::string_view column, const std::string& id) {
    auto it = node_index_.find(id);
    if (it != node_index_.end()) return &it->second;
    Error(o, column, "refers to unknown node " + Quoted(id));
    return nullptr;
  }

  void CheckLinks() {
    for (const Link& l : ds_.links) {
      all_link_modes_.insert(l.mode);
      const std::size_t* from = FindNode(l.origin, "from", l.from);
      const std::size_t* to = FindNode(l.origin, "to", l.to);
      if (l.from == l.to) {
        Error(l.origin, "", "link " + Quoted(l.id) + " goes from node " + Quoted(l.from) +
                                " to itself");
      }
      if (from) {
        touching_[*from].insert(l.mode);
        if (l.both_directions) entering_[*from].insert(l.mode);
      }
      if (to) {
        touching_[*to].insert(l.mode);
        entering_[*to].insert(l.mode);
      }
      if (from && to && !l.shape.empty()) CheckShape(l, ds_.nodes[*from], ds_.nodes[*to]);
    }
  }

  // A shape runs from the link's from-node to its to-node (each end within
  // kShapeEndKm of the node's coordinates).
  void CheckShape(const Link& l, const Node& from, const Node& to) {
    constexpr double kShapeEndKm = 50.0;
    const auto check = [&](const GeoPoint& p, const Node& n, std::string_view end) {
      const double km = GreatCircleKm(p, {n.lon, n.lat});
      if (km > kShapeEndKm) {
        Error(l.origin, "geometry",
              "must " + std::string(end) + " at node " + Quoted(n.id) + " (" + Num(n.lon) + " " +
                  Num(n.lat) + "), its " + (end == "start" ? "first" : "last") + " point (" +
                  Num(p.lon) + " " + Num(p.lat) + ") is " + Num(std::round(km)) +
                  " km away (at most " + Num(kShapeEndKm) + ")");
      }
    };
    check(l.shape.front(), from, "start");
    check(l.shape.back(), to, "end");
  }

  void CheckTransfers() {
    for (const Transfer& t : ds_.transfers) {
      if (t.from_mode == t.to_mode) {
        Error(t.origin, "to_mode", "must differ from from_mode, got " +
                                       std::string(ModeName(t.to_mode)) + " twice");
      }
      const std::size_t* node = FindNode(t.origin, "node", t.node);
      if (!node) continue;
      if ((t.from_mode == Mode::kRail1520 && t.to_mode == Mode::kRail1435) ||
          (t.from_mode == Mode::kRail1435 && t.to_mode == Mode::kRail1520)) {
        gauge_transfer_at_.insert(*node);
      }
      for (Mode m : {t.from_mode, t.to_mode}) {
        if (touching_[*node].contains(m)) continue;
        Warning(t.origin, "", "transfer " + Quoted(t.id) + " at node " + Quoted(t.node) +
                                  ": no link of mode " + std::string(ModeName(m)) +
                                  " touches the node");
        if (t.from_mode == t.to_mode) break;
      }
    }
  }

  void CheckCrossings() {
    std::map<std::pair<std::size_t, Mode>, const Crossing*> gate;
    for (const Crossing& c : ds_.crossings) {
      if (c.dwell_aeo_h > c.dwell_standard_h) {
        Error(c.origin, "dwell_aeo_h", "must be <= dwell_standard_h (" +
                                           Num(c.dwell_standard_h) + "), got " +
                                           Num(c.dwell_aeo_h));
      }
      const std::size_t* node = FindNode(c.origin, "node", c.node);
      if (!node) continue;
      const Node& n = ds_.nodes[*node];
      if (n.kind != NodeKind::kCrossing) {
        Warning(c.origin, "", "crossing " + Quoted(c.id) + " is at node " + Quoted(n.id) +
                                  " of kind " + std::string(NodeKindName(n.kind)) +
                                  ", not crossing");
      }
      if (c.gauge_change && !gauge_transfer_at_.contains(*node)) {
        Error(c.origin, "", "crossing " + Quoted(c.id) +
                                " has gauge_change=true but node " + Quoted(n.id) +
                                " has no rail_1520<->rail_1435 transfer");
      }
      if (!c.modes.empty() && !Intersects(c.modes, entering_[*node])) {
        Warning(c.origin, "", "crossing " + Quoted(c.id) + ": no link of modes " +
                                  FormatModeSet(c.modes) + " enters node " + Quoted(n.id));
      }
      for (Mode m : kAllModes) {
        if (!c.modes.contains(m)) continue;
        auto [it, inserted] = gate.emplace(std::make_pair(*node, m), &c);
        if (inserted) continue;
        Error(c.origin, "", "crossing " + Quoted(c.id) + " and crossing " +
                                Quoted(it->second->id) + " both cover mode " +
                                std::string(ModeName(m)) + " at node " + Quoted(n.id));
      }
    }
  }

  void CheckCommodities() {
    for (const Commodity& k : ds_.commodities) {
      if (Intersects(k.allowed_modes, all_link_modes_)) continue;
      Error(k.origin, "allowed_modes",
            "of commodity " + Quoted(k.id) + " (" + FormatModeSet(k.allowed_modes) +
                ") are used by no link");
    }
  }

  void CheckDemand() {
    // The network is needed only for the route check; a dataset with unknown ids
    // cannot be built, and those ids are already reported.
    Result<Network> net = BuildNetwork(ds_);
    std::map<std::pair<int, int>, std::vector<char>> reach;  // (commodity, source) -> marks
    for (const Demand& d : ds_.demand) {
      auto k = commodity_index_.find(d.commodity);
      if (k == commodity_index_.end()) {
        Error(d.origin, "commodity", "refers to unknown commodity " + Quoted(d.commodity));
      }
      const std::size_t* o = FindNode(d.origin, "origin", d.origin_node);
      const std::size_t* t = FindNode(d.origin, "destination", d.destination_node);
      if (d.origin_node == d.destination_node) {
        Error(d.origin, "", "origin and destination are both " + Quoted(d.origin_node));
        continue;
      }
      for (const std::size_t* end : {o, t}) {
        if (end && ds_.nodes[*end].kind == NodeKind::kCrossing) {
          Warning(d.origin, "", "demand " + std::string(end == o ? "starts" : "ends") +
                                    " at crossing node " + Quoted(ds_.nodes[*end].id));
        }
      }
      if (!net.ok() || k == commodity_index_.end() || !o || !t) continue;
      if (!(d.tonnes_per_year > 0.0)) continue;  // nothing to route
      const VNodeId source = net->source_of[*o];
      const VNodeId sink = net->sink_of[*t];
      if (!source.valid() || !sink.valid()) continue;
      const CommodityId kid(static_cast<int>(k->second));
      auto [it, inserted] = reach.try_emplace({kid.value(), source.value()});
      if (inserted) ReachableFrom(*net, kid, source, it->second);
      if (it->second[sink.index()]) continue;
      Warning(d.origin, "", "no route for commodity " + d.commodity + " from " + d.origin_node +
                                " to " + d.destination_node + " using modes " +
                                FormatModeSet(ds_.commodities[k->second].allowed_modes) +
                                " (will be unserved)");
    }
  }

  template <typename Row>
  static const Row* FindId(const std::vector<Row>& rows, const std::string& id) {
    for (const Row& r : rows) {
      if (r.id == id) return &r;
    }
    return nullptr;
  }

  // Whether the element a reference names exists (reported otherwise); for a port,
  // a node with a sea link or a sea transfer.
  bool CheckRef(const RowOrigin& o, std::string_view column, const ElementRef& ref) {
    bool found = false;
    switch (ref.kind) {
      case RefKind::kLink: {
        const Link* l = FindId(ds_.links, ref.id);
        found = l != nullptr;
        if (l && !l->both_directions && ref.direction == Direction::kReverse) {
          Error(o, column, "names the reverse direction of one-way link " + Quoted(ref.id));
          return false;
        }
        break;
      }
      case RefKind::kCrossing: found = FindId(ds_.crossings, ref.id) != nullptr; break;
      case RefKind::kTransfer: {
        const Transfer* t = FindId(ds_.transfers, ref.id);
        found = t != nullptr;
        if (t && !t->both_directions && ref.direction == Direction::kReverse) {
          Error(o, column, "names the reverse direction of one-way transfer " + Quoted(ref.id));
          return false;
        }
        break;
      }
      case RefKind::kResource: found = FindId(ds_.resources, ref.id) != nullptr; break;
      case RefKind::kPort: {
        auto it = node_index_.find(ref.id);
        found = it != node_index_.end() && touching_[it->second].contains(Mode::kSea);
        if (!found && it != node_index_.end()) {
          Error(o, column, "names port " + Quoted(ref.id) + ", but no sea link touches that node");
          return false;
        }
        break;
      }
    }
    if (!found) {
      Error(o, column, "refers to unknown " + std::string(RefKindName(ref.kind)) + " " +
                           Quoted(ref.id));
    }
    return found;
  }

  void CheckResources() {
    CheckDuplicates(ds_.resources);
    for (const ResourceDef& r : ds_.resources) {
      for (const ElementRef& m : r.members) CheckRef(r.origin, "members", m);
    }
  }

  void CheckRates() {
    std::map<std::pair<std::string, int>, const RowOrigin*> seen;
    for (const Rate& r : ds_.rates) {
      if (!r.mode) CheckRef(r.origin, "scope", r.element);
      auto [it, inserted] =
          seen.emplace(std::make_pair(r.scope, static_cast<int>(r.cargo_type)), &r.origin);
      if (!inserted) {
        Error(r.origin, "", "second rate for scope " + Quoted(r.scope) + " and cargo type " +
                                std::string(CargoTypeName(r.cargo_type)) + " (first on line " +
                                std::to_string(it->second->line) + ")");
      }
    }
  }

  // The capacity (t/year, per direction for links) a preload sits on; nullopt if
  // unlimited or unknown.
  std::optional<double> PreloadCapacity(const ElementRef& ref) const {
    switch (ref.kind) {
      case RefKind::kLink:
        if (const Link* l = FindId(ds_.links, ref.id)) return l->capacity_t_per_year;
        break;
      case RefKind::kCrossing:
        if (const Crossing* c = FindId(ds_.crossings, ref.id); c && c->capacity_t_per_year) {
          return *c->capacity_t_per_year * c->open_fraction;
        }
        break;
      case RefKind::kTransfer:
        if (const Transfer* t = FindId(ds_.transfers, ref.id)) return t->capacity_t_per_year;
        break;
      case RefKind::kResource:
        if (const ResourceDef* r = FindId(ds_.resources, ref.id)) return r->capacity_t_per_year;
        break;
      case RefKind::kPort: break;
    }
    return std::nullopt;
  }

  void CheckPreloads() {
    std::map<std::string, double> total;  // per element reference text
    for (const Preload& p : ds_.preloads) {
      if (!CheckRef(p.origin, "element", p.element)) continue;
      const std::optional<double> cap = PreloadCapacity(p.element);
      if (!cap) {
        Warning(p.origin, "element", FormatElementRef(p.element) +
                                         " has no capacity: the preload is reported only");
        continue;
      }
      const double sum = total[FormatElementRef(p.element)] += p.tonnes_per_year;
      if (sum > *cap) {
        Warning(p.origin, "tonnes_per_year",
                "preloads on " + FormatElementRef(p.element) + " total " + Num(sum) +
                    " t/year, more than its capacity " + Num(*cap) +
                    ": the capacity is exhausted (0 left for routed freight)");
      }
    }
  }

  const Dataset& ds_;
  Diagnostics& diags_;
  std::unordered_map<std::string, std::size_t> node_index_;       // first row of each id
  std::unordered_map<std::string, std::size_t> commodity_index_;  // first row of each id
  std::vector<ModeSet> touching_;  // per node: modes of the links at it
  std::vector<ModeSet> entering_;  // per node: modes of the links into it
  std::unordered_set<std::size_t> gauge_transfer_at_;
  ModeSet all_link_modes_;
};

}  // namespace

void ValidateDataset(const Dataset& dataset, Diagnostics& diags) {
  Validator(dataset, diags).Run();
}

}  // namespace corridor::model
