#include "plan/gated_model.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace corridor::plan {
namespace {

constexpr double kInf = lp::kInfinity;
constexpr double kCostTolerance = 1e-9;  // relative: a lower cost counts above this
constexpr double kStepTolerance = 1e-6;  // tonnes: smaller capacity changes are none

std::string VnodeKey(const model::Network& n, VNodeId v) {
  const std::size_t i = v.index();
  return n.nodes[n.vnode_node[i].index()].id + "|" + std::to_string(int(n.vnode_kind[i])) + "|" +
         std::to_string(int(n.vnode_mode[i]));
}

std::string ArcKey(const model::Network& n, std::size_t a) {
  std::string element;
  const int e = n.arc_element[a];
  if (n.arc_kind[a] == model::ArcKind::kLink) element = n.links[static_cast<std::size_t>(e)].id;
  if (n.arc_kind[a] == model::ArcKind::kTransfer) element = n.transfers[static_cast<std::size_t>(e)].id;
  return std::to_string(int(n.arc_kind[a])) + "|" + element + "|" + (n.arc_reverse[a] ? "r" : "f") +
         "|" + std::to_string(n.arc_cargo[a].bits()) + "|" + VnodeKey(n, n.arc_tail[a]) + "|" +
         VnodeKey(n, n.arc_head[a]);
}

std::vector<double> Costs(const model::Network& n, std::size_t a) {
  std::vector<double> c(n.commodities.size(), kInf);
  const ArcId arc(static_cast<int>(a));
  for (std::size_t k = 0; k < c.size(); ++k) {
    const CommodityId kid(static_cast<int>(k));
    if (n.CommodityMayUse(kid, arc)) c[k] = n.GeneralisedCost(kid, arc);
  }
  return c;
}

std::vector<std::vector<int>> ArcResources(const model::Network& n) {
  std::vector<std::vector<int>> out(n.arc_count());
  for (std::size_t r = 0; r < n.resource_count(); ++r) {
    for (auto i = n.resource_begin[r]; i < n.resource_begin[r + 1]; ++i) {
      out[n.resource_arcs[static_cast<std::size_t>(i)].index()].push_back(static_cast<int>(r));
    }
  }
  return out;
}

class Builder {
 public:
  explicit Builder(const ProjectSet& projects) : projects_(projects) {}

  void AddBase(const model::Network& n) {
    out_.commodity_count = static_cast<int>(n.commodities.size());
    for (std::size_t r = 0; r < n.resource_count(); ++r) {
      Resource(n.resource_label[r]).capacity_t = n.resource_capacity_t[r];
    }
    const auto res = ArcResources(n);
    for (std::size_t a = 0; a < n.arc_count(); ++a) AddArc(n, a, -1, res[a]);
    for (const model::OdDemand& d : n.demand) {
      GatedNetwork::Od od;
      od.commodity = d.commodity.value();
      od.origin_node = d.origin.value();
      od.source = Vnode(n, n.source_of[d.origin.index()]);
      od.sink = Vnode(n, n.sink_of[d.destination.index()]);
      od.tonnes = d.tonnes_per_year;
      od.penalty = n.commodities[d.commodity.index()].unserved_penalty_usd_per_t;
      total_demand_ += od.tonnes;
      out_.demand.push_back(od);
    }
  }

  // The differences of `np` (project p's network) from `ref` (its requirements').
  void AddProject(int p, const model::Network& np, const model::Network& ref) {
    std::map<std::string, std::size_t> ref_arcs;
    for (std::size_t a = 0; a < ref.arc_count(); ++a) ref_arcs[ArcKey(ref, a)] = a;
    const auto res = ArcResources(np);
    for (std::size_t a = 0; a < np.arc_count(); ++a) {
      const std::string key = ArcKey(np, a);
      const auto it = ref_arcs.find(key);
      if (it != ref_arcs.end() && !Cheaper(Costs(np, a), Costs(ref, it->second))) continue;
      AddArc(np, a, p, res[a]);
      Touch(p, "arc " + key);
    }
    std::map<std::string, double> ref_caps;
    for (std::size_t r = 0; r < ref.resource_count(); ++r) {
      ref_caps[ref.resource_label[r]] = ref.resource_capacity_t[r];
    }
    std::set<std::string> seen;
    for (std::size_t r = 0; r < np.resource_count(); ++r) {
      const std::string& label = np.resource_label[r];
      seen.insert(label);
      const auto it = ref_caps.find(label);
      const double delta = np.resource_capacity_t[r] - (it == ref_caps.end() ? 0.0 : it->second);
      if (std::fabs(delta) > kStepTolerance) Step(p, label, delta);
    }
    for (const auto& [label, cap] : ref_caps) {
      if (!seen.count(label)) Step(p, label, total_demand_ + cap);  // made unlimited
    }
  }

  GatedNetwork Finish() {
    out_.vnode_count = static_cast<int>(vnodes_.size());
    return std::move(out_);
  }

 private:
  int Vnode(const model::Network& n, VNodeId v) {
    const auto [it, added] = vnodes_.try_emplace(VnodeKey(n, v), static_cast<int>(vnodes_.size()));
    return it->second;
  }

  GatedResource& Resource(const std::string& label) {
    const auto [it, added] = resources_.try_emplace(label, static_cast<int>(out_.resources.size()));
    if (added) out_.resources.push_back({label, 0.0, {}});
    return out_.resources[static_cast<std::size_t>(it->second)];
  }

  void AddArc(const model::Network& n, std::size_t a, int gate, const std::vector<int>& res) {
    GatedArc arc;
    arc.tail = Vnode(n, n.arc_tail[a]);
    arc.head = Vnode(n, n.arc_head[a]);
    arc.gate = gate;
    arc.cost = Costs(n, a);
    for (int r : res) {
      Resource(n.resource_label[static_cast<std::size_t>(r)]);
      arc.resources.push_back(resources_.at(n.resource_label[static_cast<std::size_t>(r)]));
    }
    arc.label = n.ArcLabel(ArcId(static_cast<int>(a)));
    out_.arcs.push_back(std::move(arc));
  }

  static bool Cheaper(const std::vector<double>& now, const std::vector<double>& before) {
    for (std::size_t k = 0; k < now.size(); ++k) {
      if (now[k] < before[k] - kCostTolerance * (1.0 + std::fabs(before[k]))) return true;
    }
    return false;
  }

  void Step(int p, const std::string& label, double delta) {
    Resource(label).steps.emplace_back(p, delta);
    Touch(p, "resource " + label);
  }

  // Warns when two projects that neither require nor exclude one another change the
  // same element.
  void Touch(int p, const std::string& what) {
    auto& who = touched_[what];
    for (int q : who) {
      if (Requires(p, q) || Requires(q, p) || Excludes(p, q)) continue;
      out_.warnings.push_back("projects " + projects_.projects[static_cast<std::size_t>(q)].id +
                              " and " + projects_.projects[static_cast<std::size_t>(p)].id +
                              " both change " + what +
                              ": together their capacities add and the lower cost counts");
    }
    who.push_back(p);
  }

  bool Excludes(int p, int q) const {
    const auto& a = projects_.projects[static_cast<std::size_t>(p)];
    const auto& b = projects_.projects[static_cast<std::size_t>(q)];
    return std::find(a.excludes.begin(), a.excludes.end(), b.id) != a.excludes.end() ||
           std::find(b.excludes.begin(), b.excludes.end(), a.id) != b.excludes.end();
  }

  bool Requires(int p, int q) const {
    const auto c = RequirementClosure(projects_, p);
    return std::find(c.begin(), c.end(), q) != c.end();
  }

  const ProjectSet& projects_;
  GatedNetwork out_;
  std::map<std::string, int> vnodes_;
  std::map<std::string, int> resources_;
  std::map<std::string, std::vector<int>> touched_;
  double total_demand_ = 0.0;
};

}  // namespace

Result<GatedNetwork> BuildGatedNetwork(const model::Dataset& base, const ProjectSet& projects) {
  auto n0 = model::BuildNetwork(base);
  if (!n0.ok()) return n0.status();
  Builder b(projects);
  b.AddBase(*n0);
  for (std::size_t p = 0; p < projects.projects.size(); ++p) {
    Diagnostics d;
    auto ref_ds = ApplyProjects(projects, RequirementClosure(projects, static_cast<int>(p)), base, d);
    auto p_ds = ApplyProjects(projects, {static_cast<int>(p)}, base, d);
    if (!ref_ds.ok()) return ref_ds.status();
    if (!p_ds.ok()) return p_ds.status();
    auto ref = model::BuildNetwork(*ref_ds);
    auto np = model::BuildNetwork(*p_ds);
    if (!ref.ok()) return ref.status();
    if (!np.ok()) return np.status();
    b.AddProject(static_cast<int>(p), *np, *ref);
  }
  return b.Finish();
}

namespace {

// Rows and columns of the MIP, built block by block.
class MipBuilder {
 public:
  MipBuilder(const GatedNetwork& net, const ProjectSet& projects, const MipOptionsPlan& o)
      : net_(net), projects_(projects), options_(o), y_coef_(projects.projects.size()) {
    out_.adj_out.resize(static_cast<std::size_t>(net.vnode_count));
    out_.adj_in.resize(static_cast<std::size_t>(net.vnode_count));
    for (std::size_t a = 0; a < net.arcs.size(); ++a) {
      out_.adj_out[static_cast<std::size_t>(net.arcs[a].tail)].push_back(static_cast<int>(a));
      out_.adj_in[static_cast<std::size_t>(net.arcs[a].head)].push_back(static_cast<int>(a));
    }
  }

  PlanMip Build() {
    PlanMip mip;
    for (const GatedResource& r : net_.resources) {
      const int row = mip.model.AddRow(-kInf, r.capacity_t / kTonnesPerUnit);
      for (const auto& [p, delta] : r.steps) {
        y_coef_[static_cast<std::size_t>(p)].emplace_back(row, -delta / kTonnesPerUnit);
        ++mip.capacity_steps;
      }
    }
    resource_row0_ = 0;
    std::map<std::pair<int, int>, std::vector<std::size_t>> blocks;
    for (std::size_t i = 0; i < net_.demand.size(); ++i) {
      blocks[{net_.demand[i].commodity, net_.demand[i].origin_node}].push_back(i);
    }
    for (const auto& [key, ods] : blocks) AddBlock(mip, key.first, ods);
    AddRelations(mip);
    for (std::size_t p = 0; p < projects_.projects.size(); ++p) {
      const Project& pr = projects_.projects[p];
      std::vector<int> rows;
      std::vector<double> vals;
      for (const auto& [row, v] : y_coef_[p]) {
        rows.push_back(row);
        vals.push_back(v);
      }
      const double cost = AnnualisedCost(pr, options_.discount_rate) / kUsdPerUnit;
      const int col = mip.model.AddColumn(cost, pr.committed ? 1.0 : 0.0, 1.0, rows, vals);
      mip.model.SetInteger(col);
      mip.y_columns.push_back(col);
    }
    return mip;
  }

 private:
  struct Adjacency {
    std::vector<std::vector<int>> adj_out, adj_in;
  };

  // Arcs commodity k may use on some path from `source` to one of `sinks`.
  std::vector<int> PrunedArcs(int k, int source, const std::vector<int>& sinks) const {
    auto usable = [&](int a) {
      return std::isfinite(net_.arcs[static_cast<std::size_t>(a)].cost[static_cast<std::size_t>(k)]);
    };
    const std::vector<char> fwd = Reach({source}, true, usable);
    const std::vector<char> bwd = Reach(sinks, false, usable);
    std::vector<int> out;
    for (std::size_t a = 0; a < net_.arcs.size(); ++a) {
      const GatedArc& arc = net_.arcs[a];
      if (usable(static_cast<int>(a)) && fwd[static_cast<std::size_t>(arc.tail)] &&
          bwd[static_cast<std::size_t>(arc.head)]) {
        out.push_back(static_cast<int>(a));
      }
    }
    return out;
  }

  // Vnodes reachable from `starts` over usable arcs (forward) or reaching them (backward).
  template <typename Usable>
  std::vector<char> Reach(const std::vector<int>& starts, bool forward, Usable usable) const {
    std::vector<char> mark(static_cast<std::size_t>(net_.vnode_count), 0);
    std::vector<int> stack;
    for (int s : starts) {
      if (!mark[static_cast<std::size_t>(s)]) {
        mark[static_cast<std::size_t>(s)] = 1;
        stack.push_back(s);
      }
    }
    const auto& adj = forward ? out_.adj_out : out_.adj_in;
    while (!stack.empty()) {
      const int v = stack.back();
      stack.pop_back();
      for (int a : adj[static_cast<std::size_t>(v)]) {
        const GatedArc& arc = net_.arcs[static_cast<std::size_t>(a)];
        const int w = forward ? arc.head : arc.tail;
        if (usable(a) && !mark[static_cast<std::size_t>(w)]) {
          mark[static_cast<std::size_t>(w)] = 1;
          stack.push_back(w);
        }
      }
    }
    return mark;
  }

  void AddBlock(PlanMip& mip, int k, const std::vector<std::size_t>& ods) {
    const int source = net_.demand[ods[0]].source;
    std::vector<int> sinks;
    double block_t = 0.0;
    for (std::size_t i : ods) {
      sinks.push_back(net_.demand[i].sink);
      block_t += net_.demand[i].tonnes / kTonnesPerUnit;
    }
    const std::vector<int> arcs = PrunedArcs(k, source, sinks);
    std::map<int, int> row_of;
    auto row = [&](int v) {
      const auto [it, added] = row_of.try_emplace(v, -1);
      if (added) it->second = mip.model.AddRow(0.0, 0.0);
      return it->second;
    };
    row(source);
    for (int s : sinks) row(s);
    for (int a : arcs) {
      row(net_.arcs[static_cast<std::size_t>(a)].tail);
      row(net_.arcs[static_cast<std::size_t>(a)].head);
    }
    // Supplies: the block's demand leaves the source and each OD's arrives at its sink.
    auto set_rhs = [&](int r, double delta) {
      lp::Model& m = mip.model;
      const double v = m.row_lower()[static_cast<std::size_t>(r)] + delta;
      SetRowRhs(m, r, v);
    };
    set_rhs(row_of.at(source), block_t);
    for (std::size_t i : ods) set_rhs(row_of.at(net_.demand[i].sink), -net_.demand[i].tonnes / kTonnesPerUnit);
    for (int a : arcs) {
      const GatedArc& arc = net_.arcs[static_cast<std::size_t>(a)];
      std::vector<int> rows{row_of.at(arc.tail), row_of.at(arc.head)};
      std::vector<double> vals{1.0, -1.0};
      for (int r : arc.resources) {
        rows.push_back(resource_row0_ + r);
        vals.push_back(1.0);
      }
      if (arc.gate >= 0) {
        const int link = mip.model.AddRow(-kInf, 0.0);
        rows.push_back(link);
        vals.push_back(1.0);
        y_coef_[static_cast<std::size_t>(arc.gate)].emplace_back(link, -block_t);
        ++mip.gated_links;
      }
      mip.model.AddColumn(arc.cost[static_cast<std::size_t>(k)], 0.0, kInf, rows, vals);
    }
    for (std::size_t i : ods) {
      const auto& od = net_.demand[i];
      const std::vector<int> rows{row_of.at(source), row_of.at(od.sink)};
      mip.model.AddColumn(od.penalty, 0.0, kInf, rows, std::vector<double>{1.0, -1.0});
    }
  }

  static void SetRowRhs(lp::Model& m, int r, double v) { m.SetRowBounds(r, v, v); }

  void AddRelations(PlanMip& mip) {
    std::map<std::string, int> index;
    for (std::size_t p = 0; p < projects_.projects.size(); ++p) index[projects_.projects[p].id] = static_cast<int>(p);
    std::set<std::pair<int, int>> excl;
    for (std::size_t p = 0; p < projects_.projects.size(); ++p) {
      const Project& pr = projects_.projects[p];
      for (const std::string& q : pr.required) {
        const int row = mip.model.AddRow(-kInf, 0.0);  // y_p - y_q <= 0
        y_coef_[p].emplace_back(row, 1.0);
        y_coef_[static_cast<std::size_t>(index.at(q))].emplace_back(row, -1.0);
      }
      for (const std::string& q : pr.excludes) {
        const int a = static_cast<int>(p), b = index.at(q);
        if (!excl.insert({std::min(a, b), std::max(a, b)}).second) continue;
        const int row = mip.model.AddRow(-kInf, 1.0);
        y_coef_[static_cast<std::size_t>(a)].emplace_back(row, 1.0);
        y_coef_[static_cast<std::size_t>(b)].emplace_back(row, 1.0);
      }
    }
    if (options_.budget_usd) {
      const int row = mip.model.AddRow(-kInf, *options_.budget_usd / kUsdPerUnit);
      for (std::size_t p = 0; p < projects_.projects.size(); ++p) {
        y_coef_[p].emplace_back(row, projects_.projects[p].capital_cost_usd / kUsdPerUnit);
      }
    }
  }

  const GatedNetwork& net_;
  const ProjectSet& projects_;
  MipOptionsPlan options_;
  Adjacency out_;
  std::vector<std::vector<std::pair<int, double>>> y_coef_;
  int resource_row0_ = 0;
};

}  // namespace

PlanMip BuildPlanMip(const GatedNetwork& net, const ProjectSet& projects,
                     const MipOptionsPlan& options) {
  return MipBuilder(net, projects, options).Build();
}

}  // namespace corridor::plan
