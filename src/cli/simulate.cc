#include "cli/simulate.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cmath>
#include <ostream>
#include <cstdlib>
#include <vector>

#include "cli/cli.h"
#include "report/sim_report.h"

namespace corridor::cli {

SimulateCommand::SimulateCommand(CLI::App& app) {
  cmd_ = app.add_subcommand(
      "simulate",
      "discrete-event simulation of crossings, gauge-change and port transfers through the "
      "scenario's dated closures: queues and waits with 95 % CIs; writes sim_result.json, "
      "sim_daily.csv, sim_elements.csv, sim_summary.txt. --mmc checks one M/M/c queue against "
      "Erlang C");
  cmd_->add_option("DATASET", dataset_, "dataset folder (not with --mmc)");
  cmd_->add_option("--scenario", scenario_, "scenario TOML file with [[event]] tables");
  cmd_->add_option("--from", settings_.from, "routing that feeds the arrivals: solve or assign [default: solve]")
      ->check(CLI::IsMember({"solve", "assign"}));
  cmd_->add_option("--days", settings_.days,
                   "days simulated [days; default 0 = the scenario's period, 365; with --mmc 1000; "
                   "range 0 to 3660]")
      ->check(CLI::Range(0, 3660));
  cmd_->add_option("--replications", settings_.replications, "independent replications [default 20; range 1 to 1000]")
      ->check(CLI::Range(1, 1000));
  cmd_->add_option("--seed", settings_.seed, "seed of every random stream [default 1]");
  cmd_->add_option("--threads", settings_.threads,
                   "threads running replications; output identical for any value [default 1; range 1 to 256]")
      ->check(CLI::Range(1, 256));
  cmd_->add_option("--warmup", settings_.warmup_days,
                   "days simulated first at full capacity and discarded [days; default 30; range 0 to 365]")
      ->check(CLI::Range(0.0, 365.0));
  cmd_->add_option("--service", settings_.service,
                   "service-time distribution: exponential, deterministic or erlang [default: exponential]")
      ->check(CLI::IsMember({"exponential", "deterministic", "erlang"}));
  cmd_->add_option("--erlang-k", settings_.erlang_k, "phases of the Erlang service time [default 2; range 1 to 100]")
      ->check(CLI::Range(1, 100));
  cmd_->add_option("--aeo", settings_.aeo,
                   "AEO-certified batches: none, priority (served first) or green-lane (a share of "
                   "the servers reserved for them) [default: none]")
      ->check(CLI::IsMember({"none", "priority", "green-lane"}));
  cmd_->add_option("--green-lane-share", settings_.green_lane_share,
                   "share of the servers reserved with --aeo green-lane [default 0.2; range 0 to 1, exclusive]")
      ->check(CLI::Range(0.0, 1.0));
  cmd_->add_option("--delay-threshold", settings_.delay_threshold_h,
                   "a batch waiting longer counts as delayed [h; default 24; range 0 to 10000]")
      ->check(CLI::Range(0.0, 1e4));
  cmd_->add_option("--batch", settings_.batches,
                   "batch size override MODE:CARGO=TONNES, e.g. rail:container=1200 or road:*=18 (repeat)");
  cmd_->add_option("--top", top_, "rows per list in the printed summary [default 10; range 1 to 1000]")
      ->check(CLI::Range(1, 1000));
  cmd_->add_option("--out", out_dir_, "folder for the result files [default: out/<dataset>-<scenario>-sim]");
  cmd_->add_option("--mmc", mmc_,
                   "check mode: LAMBDA,MU,C = arrivals per hour, services per hour per server, servers");
}

int SimulateCommand::Run(std::ostream& out, std::ostream& err) {
  if (mmc_.empty() == dataset_.empty()) {
    err << "corridor simulate: give either DATASET or --mmc LAMBDA,MU,C\n";
    return kExitUsage;
  }
  return mmc_.empty() ? RunDataset(out, err) : RunMmc(out, err);
}

namespace {

bool ParseMmc(const std::string& text, double* lambda, double* mu, int* c) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t comma; (comma = text.find(',', start)) != std::string::npos; start = comma + 1) {
    parts.push_back(text.substr(start, comma - start));
  }
  parts.push_back(text.substr(start));
  if (parts.size() != 3) return false;
  double v[3];
  for (int i = 0; i < 3; ++i) {
    char* end = nullptr;
    v[i] = std::strtod(parts[static_cast<std::size_t>(i)].c_str(), &end);
    if (parts[static_cast<std::size_t>(i)].empty() || *end != '\0') return false;
  }
  // Rates are checked by the engine (negative or NaN: invalid input, exit 2).
  if (!(v[2] >= 0 && v[2] <= 100000) || v[2] != std::floor(v[2])) return false;
  *lambda = v[0];
  *mu = v[1];
  *c = static_cast<int>(v[2]);
  return true;
}

std::string Sanitise(std::string s) {
  for (char& ch : s) {
    if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' || ch == '.')) ch = '_';
  }
  return s;
}

}  // namespace

int SimulateCommand::RunMmc(std::ostream& out, std::ostream& err) {
  double lambda = 0, mu = 0;
  int c = 0;
  if (!ParseMmc(mmc_, &lambda, &mu, &c)) {
    err << "corridor simulate: --mmc " << mmc_
        << ": expected LAMBDA,MU,C (two numbers and a whole number of servers), e.g. 4.5,1,5\n";
    return kExitUsage;
  }
  const int days = settings_.days > 0 ? settings_.days : 1000;
  auto r = engine::SimulateMmc(lambda, mu, c, days, settings_.replications, settings_.seed, settings_.threads);
  if (!r.ok()) {
    err << "corridor simulate: " << r.status().message() << '\n';
    return ExitFor(r.status());
  }
  const sim::ElementSummary& s = r->sim.elements[0];
  out << fmt::format("M/M/c queue: lambda {:g} /h, mu {:g} /h per server, c {}, rho {:.4f}\n", lambda, mu, c, r->rho);
  out << fmt::format("{} replications of {} days (warm-up {:g} days), seed {}, {} events in {:.2f} s\n",
                     r->sim.options.replications, days, r->sim.options.warmup_days, settings_.seed,
                     r->sim.events, r->sim.seconds);
  if (r->unstable) {
    out << fmt::format("unstable: rho >= 1, the queue grows without bound (Erlang C has no steady state); "
                       "{} batches waiting at the end, mean wait so far {} h\n",
                       report::FormatEstimate(s.queue_end, 0), report::FormatEstimate(s.wait_mean_h, 3));
    return kExitOk;
  }
  const sim::Estimate& w = s.wait_mean_h;
  const bool within = std::abs(w.mean - r->erlang_c_wait_h) <= w.half_width;
  out << fmt::format("simulated mean wait in queue: {:.4f} h (95 % CI {:.4f} to {:.4f})\n", w.mean, w.lo(), w.hi());
  out << fmt::format("Erlang C mean wait in queue:  {:.4f} h  ({} the confidence interval)\n",
                     r->erlang_c_wait_h, within ? "within" : "OUTSIDE");
  out << fmt::format("utilisation {} (rho {:.4f})\n", report::FormatEstimate(s.utilisation, 4), r->rho);
  out << fmt::format("Little's law: L = {} batches, lambda W = {}\n", report::FormatEstimate(s.little_l, 4),
                     report::FormatEstimate(s.little_lambda_w, 4));
  return kExitOk;
}

int SimulateCommand::RunDataset(std::ostream& out, std::ostream& err) {
  engine::SimulateRequest req;
  req.input = {dataset_, scenario_};
  req.settings = settings_;
  Diagnostics diags;
  spdlog::info("simulating {}{}", dataset_, scenario_.empty() ? "" : " with " + scenario_);
  auto r = engine::Simulate(req, diags);
  for (const auto& d : diags.items()) err << d.ToString() << '\n';
  if (!r.ok()) {
    if (diags.items().empty()) err << "corridor simulate: " << r.status().message() << '\n';
    return ExitFor(r.status());
  }
  const report::SimReport rep = r->Report();
  if (out_dir_.empty()) {
    out_dir_ = "out/" + Sanitise(rep.run.dataset_name) + "-" + Sanitise(rep.run.scenario_name) + "-sim";
  }
  out << report::FormatSimSummary(rep, top_);
  if (Status s = report::WriteSimFiles(out_dir_, rep); !s.ok()) {
    err << "corridor simulate: " << s.message() << '\n';
    return ExitFor(s);
  }
  spdlog::info("results written to {}", out_dir_);
  return kExitOk;
}

}  // namespace corridor::cli
