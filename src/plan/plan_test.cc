// The planning MIP against brute force: on small random instances every portfolio
// that satisfies the relations and the budget is evaluated on its own network
// (changes applied, system optimum solved) and the cheapest must equal the MIP's
// optimum. Plus the located errors of bad project files.
#include "plan/planner.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <random>

#include "model/test_dataset.h"
#include "model/validate.h"

namespace corridor::plan {
namespace {

const char* kHeader =
    "id,name,changes,capital_cost_usd,annual_operating_cost_usd,lifetime_years,earliest_year,"
    "lead_time_years,committed,requires,excludes,source,confidence\n";

model::Dataset Corridor() {
  model::Dataset ds = model::testing::SmallCorridor();
  for (auto& d : ds.demand) d.tonnes_per_year *= 6;
  return ds;
}

// Candidate changes on distinct elements of the small corridor (and a second module
// of the first one).
const char* kPool[] = {
    "set_capacity element=link:r1 capacity_t_per_year=3e6",
    "set_capacity element=crossing:XR capacity_t_per_year=4e6",
    "set_capacity element=transfer:g capacity_t_per_year=3e6",
    "set_capacity element=link:s1 capacity_t_per_year=1.5e6",
    "set_dwell crossing=XD dwell_standard_h=10 dwell_aeo_h=5",
    "add_link id=n1 from=A to=B mode=road distance_km=2600 time_h=60 cost_usd_per_t=5 "
    "cost_usd_per_tkm=0.03 capacity_t_per_year=5e5",
    "set_dwell crossing=XR dwell_standard_h=12 dwell_aeo_h=6",
    "set_capacity element=transfer:t capacity_t_per_year=3e6",
};

struct Instance {
  ProjectSet set;
  std::optional<double> budget;
};

Instance RandomInstance(std::mt19937& rng) {
  std::uniform_real_distribution<double> capital(5e6, 3e8), u(0.0, 1.0);
  std::string csv = kHeader;
  const int n = 8;
  for (int i = 0; i < n; ++i) {
    csv += "p" + std::to_string(i) + ",project " + std::to_string(i) + "," + kPool[i] + "," +
           std::to_string(std::round(capital(rng))) + "," + std::to_string(std::round(capital(rng) / 100)) +
           ",30,2024,2,false,,,test,estimate\n";
  }
  // A second module of p0 (requires it) and an alternative pair.
  csv += "p8,r1 second module,set_capacity element=link:r1 capacity_t_per_year=5e6," +
         std::to_string(std::round(capital(rng))) + ",0,30,,,false,p0,,test,estimate\n";
  csv += "p9,road alternative,set_dwell crossing=XD dwell_standard_h=20 dwell_aeo_h=10," +
         std::to_string(std::round(capital(rng) / 4)) + ",0,25,,,false,,p4,test,estimate\n";
  Diagnostics d;
  auto set = ParseProjects(csv, "projects.csv", d);
  EXPECT_TRUE(set.ok()) << d.ToString();
  Instance inst{*set, std::nullopt};
  if (u(rng) < 0.5) inst.budget = 2e8 + u(rng) * 1e9;
  return inst;
}

bool Allowed(const ProjectSet& set, unsigned mask, const std::optional<double>& budget) {
  double capital = 0.0;
  for (std::size_t p = 0; p < set.projects.size(); ++p) {
    if (!((mask >> p) & 1u)) continue;
    const Project& pr = set.projects[p];
    capital += pr.capital_cost_usd;
    for (const auto& r : pr.required) {
      for (std::size_t q = 0; q < set.projects.size(); ++q) {
        if (set.projects[q].id == r && !((mask >> q) & 1u)) return false;
      }
    }
    for (const auto& x : pr.excludes) {
      for (std::size_t q = 0; q < set.projects.size(); ++q) {
        if (set.projects[q].id == x && ((mask >> q) & 1u)) return false;
      }
    }
  }
  return !budget || capital <= *budget;
}

TEST(Plan, MipEqualsBruteForceOnRandomInstances) {
  std::mt19937 rng(2024);
  const model::Dataset base = Corridor();
  int most_chosen = 0, fewest_left = 100;
  for (int trial = 0; trial < 3; ++trial) {
    const Instance inst = RandomInstance(rng);
    Diagnostics d;
    ASSERT_TRUE(ValidateProjects(inst.set, base, d).ok()) << d.ToString();
    PlanOptions o;
    o.budget_usd = inst.budget;
    o.time_limit_s = 60;
    auto plan = SolvePlan(base, inst.set, o);
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    ASSERT_EQ(plan->status, lp::MipStatus::kOptimal) << plan->reason;
    EXPECT_TRUE(plan->routing_check_passed);
    EXPECT_LE(plan->resolved_relative_difference, 1e-6);
    EXPECT_LE(plan->lp_bound_usd, plan->objective_usd * (1 + 1e-9));

    double best = lp::kInfinity;
    unsigned best_mask = 0;
    std::size_t allowed = 0;
    const std::size_t n = inst.set.projects.size();
    for (unsigned mask = 0; mask < (1u << n); ++mask) {
      if (!Allowed(inst.set, mask, inst.budget)) continue;
      ++allowed;
      std::vector<int> chosen;
      for (std::size_t p = 0; p < n; ++p) {
        if ((mask >> p) & 1u) chosen.push_back(static_cast<int>(p));
      }
      auto cost = EvaluatePortfolio(base, inst.set, chosen, o.discount_rate, false, 60);
      ASSERT_TRUE(cost.ok());
      if (cost->total_usd < best) {
        best = cost->total_usd;
        best_mask = mask;
      }
    }
    EXPECT_NEAR(plan->objective_usd, best, 1e-6 * best) << "trial " << trial << " best mask " << best_mask;
    unsigned mip_mask = 0;
    for (const ChosenProject& c : plan->portfolio) mip_mask |= 1u << c.index;
    EXPECT_TRUE(Allowed(inst.set, mip_mask, inst.budget));
    most_chosen = std::max(most_chosen, __builtin_popcount(best_mask));
    fewest_left = std::min(fewest_left, static_cast<int>(n) - __builtin_popcount(best_mask));
    std::printf("trial %d: best mask %x (MIP %x), %zu allowed portfolios, budget %s\n", trial, best_mask,
                mip_mask, allowed, inst.budget ? std::to_string(*inst.budget).c_str() : "none");
    double chosen_total = plan->resolved_routing_cost_usd + plan->annualised_cost_usd;
    EXPECT_NEAR(chosen_total, best, 1e-6 * best) << "trial " << trial;
  }
  // The instances make real choices: some optimum takes several projects, none takes all.
  EXPECT_GE(most_chosen, 3);
  EXPECT_GE(fewest_left, 2);
}

std::string ValidationErrors(const std::string& rows) {
  Diagnostics d;
  auto set = ParseProjects(std::string(kHeader) + rows, "projects.csv", d);
  if (!set.ok()) return d.ToString();
  (void)ValidateProjects(*set, Corridor(), d);
  return d.ToString();
}

TEST(Projects, UnknownElementIsLocated) {
  const std::string e = ValidationErrors(
      "a,A,set_capacity element=link:NOPE capacity_t_per_year=1e6,1e8,0,30,,,false,,,x,estimate\n");
  EXPECT_NE(e.find("projects.csv:2"), std::string::npos) << e;
  EXPECT_NE(e.find("unknown link 'NOPE'"), std::string::npos) << e;
}

TEST(Projects, NegativeCostIsLocated) {
  const std::string e = ValidationErrors(
      "a,A,set_capacity element=link:r1 capacity_t_per_year=1e6,-5,0,30,,,false,,,x,estimate\n");
  EXPECT_NE(e.find("projects.csv:2: capital_cost_usd"), std::string::npos) << e;
}

TEST(Projects, CycleOfRequirements) {
  const std::string e = ValidationErrors(
      "a,A,set_capacity element=link:r1 capacity_t_per_year=2e6,1e8,0,30,,,false,b,,x,estimate\n"
      "b,B,set_capacity element=link:s1 capacity_t_per_year=2e6,1e8,0,30,,,false,a,,x,estimate\n");
  EXPECT_NE(e.find("cycle of requirements"), std::string::npos) << e;
}

TEST(Projects, RequiringTwoExclusiveProjects) {
  const std::string e = ValidationErrors(
      "a,A,set_capacity element=link:r1 capacity_t_per_year=2e6,1e8,0,30,,,false,,b,x,estimate\n"
      "b,B,set_capacity element=link:s1 capacity_t_per_year=2e6,1e8,0,30,,,false,,,x,estimate\n"
      "c,C,set_capacity element=transfer:g capacity_t_per_year=2e6,1e8,0,30,,,false,a;b,,x,estimate\n");
  EXPECT_NE(e.find("projects.csv:4: requires"), std::string::npos) << e;
  EXPECT_NE(e.find("exclude each other"), std::string::npos) << e;
}

TEST(Projects, RemovalIsNoInvestmentAndBadChangesAreLocated) {
  std::string e = ValidationErrors("a,A,remove_link link=r1,1e8,0,30,,,false,,,x,estimate\n");
  EXPECT_NE(e.find("not an investment"), std::string::npos) << e;
  e = ValidationErrors("a,A,set_capacity element=link:r1 capacity_t_per_year=-1,1e8,0,30,,,false,,,x,estimate\n");
  EXPECT_NE(e.find("projects.csv:2: changes"), std::string::npos) << e;
  e = ValidationErrors("a,A,grow_wings,1e8,0,30,,,false,,,x,estimate\n");
  EXPECT_NE(e.find("is unknown"), std::string::npos) << e;
}

TEST(Plan, BudgetBelowCommittedIsAStatus) {
  Diagnostics d;
  auto set = ParseProjects(std::string(kHeader) +
                               "a,A,set_capacity element=link:r1 capacity_t_per_year=2e6,1e9,0,30,,,"
                               "true,,,x,estimate\n",
                           "projects.csv", d);
  ASSERT_TRUE(set.ok()) << d.ToString();
  PlanOptions o;
  o.budget_usd = 1e8;
  auto plan = SolvePlan(Corridor(), *set, o);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->status, lp::MipStatus::kInfeasible);
  EXPECT_NE(plan->reason.find("below the capital cost"), std::string::npos) << plan->reason;
}

TEST(Projects, TomlFormReadsLikeTheCsvWithItsOwnLines) {
  const std::string dir = ::testing::TempDir();
  const std::string path = dir + "/projects.toml";
  {
    std::FILE* f = std::fopen(path.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("# candidates\n"
               "[[project]]\nid = \"a\"\nchanges = [\"set_capacity element=link:r1 capacity_t_per_year=2e6\"]\n"
               "capital_cost_usd = 1e8\nlifetime_years = 30\nsource = \"x\"\nconfidence = \"estimate\"\n\n"
               "[[project]]\nid = \"b\"\nchanges = \"open_crossing crossing=NOPE\"\nrequires = [\"a\"]\n"
               "capital_cost_usd = 1e8\nlifetime_years = 30\nsource = \"x\"\nconfidence = \"estimate\"\n",
               f);
    std::fclose(f);
  }
  Diagnostics d;
  auto set = ReadProjects(path, d);
  ASSERT_TRUE(set.ok()) << d.ToString();
  ASSERT_EQ(set->projects.size(), 2u);
  EXPECT_EQ(set->projects[1].required, std::vector<std::string>{"a"});
  EXPECT_EQ(set->projects[0].line, 2);
  (void)ValidateProjects(*set, Corridor(), d);
  EXPECT_NE(d.ToString().find("projects.toml:10: changes"), std::string::npos) << d.ToString();
  EXPECT_NE(d.ToString().find("unknown crossing 'NOPE'"), std::string::npos) << d.ToString();
}

TEST(Plan, AnnuityFactor) {
  EXPECT_NEAR(AnnuityFactor(0.0, 20), 0.05, 1e-12);
  // 1 USD repaid over 2 years at 10%: 0.1 / (1 - 1.1^-2) = 0.57619...
  EXPECT_NEAR(AnnuityFactor(0.1, 2), 0.5761904761904762, 1e-12);
}

}  // namespace
}  // namespace corridor::plan
