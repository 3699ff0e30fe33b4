#include "cli/convert.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <ostream>

#include "cli/cli.h"
#include "gmns/gmns.h"

namespace corridor::cli {
namespace {

bool IsKind(const std::string& s) { return s == "gmns" || s == "dataset" || s == "tntp"; }

}  // namespace

ConvertCommand::ConvertCommand(CLI::App& app) {
  cmd_ = app.add_subcommand(
      "convert", "convert networks: a dataset to GMNS and back, a TNTP network to GMNS "
                 "(docs/file_formats.md, \"GMNS\"); unmapped columns are warnings");
  cmd_->add_option("--from", from_,
                   "[KIND] PATH: what to read; KIND gmns (folder), tntp (a *_net.tntp file) or "
                   "dataset (folder) [default KIND: dataset]")
      ->expected(1, 2)
      ->required();
  cmd_->add_option("--to", to_,
                   "[KIND] FOLDER: what to write; KIND gmns or dataset [default: dataset from "
                   "gmns, gmns otherwise]")
      ->expected(1, 2)
      ->required();
  cmd_->add_option("--nodes", nodes_,
                   "with --from tntp: the TNTP node table with the coordinates [default: "
                   "*_node.tntp beside the network, if any]");
}

bool ConvertCommand::parsed() const { return cmd_->parsed(); }

int ConvertCommand::Run(std::ostream& out, std::ostream& err) {
  const std::string from_kind = from_.size() == 2 ? from_[0] : "dataset";
  const std::string& from = from_.back();
  const std::string to_kind = to_.size() == 2 ? to_[0] : (from_kind == "gmns" ? "dataset" : "gmns");
  const std::string& to = to_.back();
  if ((from_.size() == 2 && !IsKind(from_kind)) || (to_kind != "gmns" && to_kind != "dataset")) {
    err << "corridor convert: --from KIND is gmns, tntp or dataset; --to KIND is gmns or dataset\n";
    return kExitUsage;
  }
  if (from_kind == to_kind || (from_kind == "tntp" && to_kind != "gmns")) {
    err << fmt::format("corridor convert: no conversion from {} to {} (dataset <-> gmns, tntp -> gmns)\n",
                       from_kind, to_kind);
    return kExitUsage;
  }
  Diagnostics diags;
  auto r = from_kind == "gmns"      ? gmns::GmnsToDataset(from, to, diags)
           : from_kind == "dataset" ? gmns::DatasetToGmns(from, to, diags)
                                    : gmns::TntpToGmns(from, nodes_, to, diags);
  for (const auto& d : diags.items()) err << d.ToString() << '\n';
  if (!r.ok()) {
    if (diags.items().empty() || r.status().code() != StatusCode::kInvalidInput) {
      err << "corridor convert: " << r.status().message() << '\n';
    }
    return ExitFor(r.status());
  }
  out << fmt::format("{} ({}) -> {} ({}): {} nodes, {} links", from, from_kind, to, to_kind, r->nodes,
                     r->links);
  if (r->files_copied > 0) out << fmt::format(", {} other file(s) carried unchanged", r->files_copied);
  out << fmt::format("; {} warning(s)\n", diags.warning_count());
  return kExitOk;
}

}  // namespace corridor::cli
