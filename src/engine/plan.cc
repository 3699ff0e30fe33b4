#include "engine/plan.h"

#include <chrono>
#include <filesystem>

#include "io/mmcf_reader.h"

namespace corridor::engine {

Result<PlanRun> Plan(const PlanRequest& request, Diagnostics& diags) {
  const auto start = std::chrono::steady_clock::now();
  if (request.control) request.control->Report(0.0, "reading");
  auto input = LoadInput(request.input, diags);
  if (!input.ok()) return input.status();
  PlanRun out;
  out.run = input->run;
  out.run.options = request.option_record;
  std::string file = request.projects_file;
  if (file.empty()) file = (std::filesystem::path(input->run.dataset_folder) / "projects.csv").string();
  auto projects = request.projects_text ? plan::ParseProjects(*request.projects_text, file, diags)
                                        : plan::ReadProjects(file, diags);
  if (!projects.ok()) return projects.status();
  if (Status s = plan::ValidateProjects(*projects, input->dataset, diags); !s.ok()) return s;
  out.projects = std::move(projects).value();
  out.run.options.emplace_back("projects", file);
  out.run.options.emplace_back("projects_hash_fnv1a64", out.projects.content_hash);
  plan::PlanOptions options = request.options;
  if (request.control) {
    const RunControl* control = request.control;
    options.on_progress = [control](double f, const std::string& stage) {
      control->Report(f, stage);
      return !control->cancelled();
    };
  }
  auto result = plan::SolvePlan(input->dataset, out.projects, options);
  if (!result.ok()) return result.status();
  if (request.control && request.control->cancelled()) return Cancelled("plan cancelled");
  out.plan = std::move(result).value();
  out.run.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

Result<McndRun> SolveMcnd(const std::string& dow_file, const mcf::DesignOptions& options) {
  auto inst = io::ReadDowInstance(dow_file);
  if (!inst.ok()) return inst.status();
  McndRun out;
  out.file = dow_file;
  out.nodes = inst->flow.num_nodes;
  out.arcs = inst->flow.num_arcs();
  out.commodities = inst->flow.num_commodities();
  auto s = mcf::SolveDesign(*inst, options);
  if (!s.ok()) return s.status();
  out.solution = std::move(s).value();
  return out;
}

}  // namespace corridor::engine
