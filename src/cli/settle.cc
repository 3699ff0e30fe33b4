#include "cli/settle.h"

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <ostream>
#include <string>

#include "cli/cli.h"
#include "engine/options.h"
#include "engine/settle.h"
#include "report/report.h"

namespace corridor::cli {

struct SettleCommand::Flags {
  std::string dataset, scenario, obligations, assumptions, out_dir;
  std::string cycle = "month";
  std::string level = "bank";
  bool no_compress = false;
  int top = 10;
};

SettleCommand::SettleCommand(CLI::App& app) : flags_(std::make_unique<Flags>()) {
  Flags& f = *flags_;
  cmd_ = app.add_subcommand(
      "settle", "the payments behind the freight (or a CSV of obligations) netted per cycle: "
                "gross, bilateral, multilateral, compressed, liquidity need; writes "
                "settle_result.json, positions.csv, netted.csv, cycles.csv");
  cmd_->add_option("DATASET", f.dataset, "dataset folder whose routing result is settled "
                                         "(not needed with --obligations)");
  cmd_->add_option("--scenario", f.scenario, "scenario TOML file applied to the dataset");
  cmd_->add_option("--obligations", f.obligations,
                   "CSV of obligations to net instead of the routing result "
                   "(payer,payee,currency,amount,value_date)");
  cmd_->add_option("--settlement", f.assumptions,
                   "settlement assumptions TOML [default: DATASET/settlement.toml if present, "
                   "else built-in estimates]");
  cmd_->add_option("--cycle", f.cycle, "settlement cycle shown in detail: day, week or month "
                                       "[default: month]")
      ->check(CLI::IsMember({"day", "week", "month"}));
  cmd_->add_option("--level", f.level, "who settles with whom: party, bank (clearing members) "
                                       "or country [default: bank]")
      ->check(CLI::IsMember({"party", "bank", "country"}));
  cmd_->add_flag("--no-compress", f.no_compress, "skip conservative compression (its LPs)");
  cmd_->add_option("--top", f.top, "rows shown per list in the printed summary [default: 10]")
      ->check(CLI::Range(1, 1000));
  cmd_->add_option("--out", f.out_dir,
                   "folder for the result files [default: out/<dataset>-<scenario>-settle]");
}

SettleCommand::~SettleCommand() = default;

bool SettleCommand::parsed() const { return cmd_->parsed(); }

namespace {
std::string Sanitised(std::string s) {
  for (char& c : s) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) c = '_';
  }
  return s;
}
}  // namespace

int SettleCommand::Run(std::ostream& out, std::ostream& err) {
  const Flags& f = *flags_;
  if (f.dataset.empty() && f.obligations.empty() && f.scenario.empty()) {
    err << "corridor settle: give DATASET, or --obligations FILE.csv\n";
    return kExitUsage;
  }
  engine::SettleRequest req;
  req.input = {f.dataset, f.scenario};
  req.obligations_file = f.obligations;
  req.assumptions_file = f.assumptions;
  req.cycle = f.cycle;
  req.level = f.level;
  req.compress = !f.no_compress;
  const engine::SolveSettings routing;
  req.routing = routing.ToOptions();
  req.option_record = {{"cycle", f.cycle}, {"level", f.level},
                       {"compress", f.no_compress ? "false" : "true"}};
  if (!f.obligations.empty()) req.option_record.push_back({"obligations", f.obligations});
  if (!f.assumptions.empty()) req.option_record.push_back({"settlement", f.assumptions});
  Diagnostics diags;
  spdlog::info("settling {}", f.obligations.empty() ? f.dataset : f.obligations);
  auto outcome = engine::Settle(req, diags);
  for (const auto& d : diags.items()) err << d.ToString() << '\n';
  if (!outcome.ok()) {
    if (diags.items().empty()) err << "corridor settle: " << outcome.status().message() << '\n';
    return ExitFor(outcome.status());
  }
  const settle::SettleReport rep = outcome->Report();
  std::string dir = f.out_dir;
  if (dir.empty()) {
    dir = f.obligations.empty()
              ? "out/" + Sanitised(rep.run.dataset_name) + "-" + Sanitised(rep.run.scenario_name) + "-settle"
              : "out/" + Sanitised(std::filesystem::path(f.obligations).stem().string()) + "-settle";
  }
  out << settle::FormatSettleSummary(rep, f.top);
  if (Status s = report::WriteFiles(dir, settle::SettleFiles(rep)); !s.ok()) {
    err << "corridor settle: " << s.message() << '\n';
    return ExitFor(s);
  }
  spdlog::info("results written to {}", dir);
  for (const settle::SettleResult& r : outcome->by_cycle) {
    if (!r.check.passed || r.compression_uncertified > 0) return kExitCheckFailed;
  }
  return kExitOk;
}

}  // namespace corridor::cli
