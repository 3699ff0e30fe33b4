// Candidate projects of an investment plan (docs/file_formats.md, "Projects"): each a
// list of scenario changes (model/scenario.h) with its costs, timing and relations.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "model/dataset.h"
#include "model/scenario.h"

namespace corridor::plan {

struct Project {
  std::string id;
  std::string name;
  std::vector<model::ScenarioChange> changes;
  double capital_cost_usd = 0.0;
  double annual_operating_cost_usd = 0.0;
  double lifetime_years = 30.0;
  int earliest_year = 0;     // 0 = any
  int lead_time_years = 0;
  bool committed = false;    // must be in every portfolio (a decided project)
  std::vector<std::string> required;  // ids; a module step requires the step below it
  std::vector<std::string> excludes;  // ids of alternatives (symmetric)
  std::string source;
  std::string confidence;
  int line = 0;              // row of the projects file
};

struct ProjectSet {
  std::string file;          // as given
  std::string content_hash;  // FNV-1a 64 hex of the file's bytes
  std::vector<Project> projects;
};

// Capital recovery factor r / (1 - (1 + r)^-n) (1/n when r = 0): the yearly payment
// that repays 1 USD over n years at discount rate r.
double AnnuityFactor(double discount_rate, double lifetime_years);
// capital x AnnuityFactor + annual operating cost.
double AnnualisedCost(const Project& p, double discount_rate);

// Reads a projects CSV. Every problem goes to `diags` located as
// "projects.csv:<line>: <column> <value>: <what>" (a missing column, a negative cost,
// a lifetime <= 0, a bad change, a duplicate id). NotFound for a missing file.
Result<ProjectSet> ReadProjects(const std::string& path, Diagnostics& diags);
Result<ProjectSet> ParseProjects(const std::string& text, const std::string& path,
                                 Diagnostics& diags);

// Checks the set against the dataset (after its scenario): unknown ids in requires or
// excludes, a cycle of requirements, a project that requires two projects that exclude
// each other (or one it excludes), committed projects that exclude each other, and
// every change applied (after the changes of the projects it requires) to a copy of
// the dataset, so an unknown element is located at the project's row. Change types
// that are no investment (remove_link, close_crossing, scale_demand) are refused.
Status ValidateProjects(const ProjectSet& set, const model::Dataset& dataset, Diagnostics& diags);

// Indices of the projects `p` requires, directly or not, in an order where each comes
// after the ones it requires (p itself excluded). Assumes no cycle.
std::vector<int> RequirementClosure(const ProjectSet& set, int p);

// The dataset with the changes of the given projects applied, each project after the
// ones it requires (the order of `chosen` otherwise).
Result<model::Dataset> ApplyProjects(const ProjectSet& set, const std::vector<int>& chosen,
                                     const model::Dataset& dataset, Diagnostics& diags);

}  // namespace corridor::plan
