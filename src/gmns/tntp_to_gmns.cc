// TNTP network -> GMNS (gmns.h).
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "gmns/gmns.h"
#include "gmns/table.h"
#include "io/text_file.h"
#include "io/tntp_reader.h"

namespace corridor::gmns {
namespace {

namespace fs = std::filesystem;

struct Point {
  double x = 0.0, y = 0.0;
};

// A TNTP node table: a header line ("Node X Y ;"), then "id x y ;" per node.
Result<std::map<std::int64_t, Point>> ReadNodeTable(const std::string& path, Diagnostics& diags) {
  const auto text = io::ReadTextFile(path);
  if (!text) return NotFound(path + " does not exist");
  const std::string file = io::BaseName(path);
  std::map<std::int64_t, Point> out;
  std::istringstream in(*text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    for (char& c : line) {
      if (c == ';' || c == '\t' || c == '\r') c = ' ';
    }
    std::istringstream fields(line);
    std::string id_text, x_text, y_text;
    if (!(fields >> id_text)) continue;
    if (number == 1 && !std::isdigit(static_cast<unsigned char>(id_text[0]))) continue;  // header
    fields >> x_text >> y_text;
    std::int64_t id = 0;
    double x = 0.0, y = 0.0;
    const bool ok = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id).ec == std::errc() &&
                    std::from_chars(x_text.data(), x_text.data() + x_text.size(), x).ec == std::errc() &&
                    std::from_chars(y_text.data(), y_text.data() + y_text.size(), y).ec == std::errc() &&
                    std::isfinite(x) && std::isfinite(y);
    if (!ok) {
      diags.Error(file, number, "", fmt::format("expected 'node x y', got '{}'", line));
      continue;
    }
    out[id] = {x, y};
  }
  if (diags.has_errors()) return diags.ToStatus(file);
  return out;
}

// "<dir>/<name>_net.tntp" -> "<dir>/<name>_node.tntp" when that exists.
std::string NodeFileBeside(const std::string& net_file) {
  const std::string suffix = "_net.tntp";
  if (net_file.size() <= suffix.size() ||
      net_file.compare(net_file.size() - suffix.size(), suffix.size(), suffix) != 0) {
    return "";
  }
  const std::string candidate = net_file.substr(0, net_file.size() - suffix.size()) + "_node.tntp";
  std::error_code ec;
  return fs::is_regular_file(candidate, ec) ? candidate : "";
}

}  // namespace

Result<ConvertSummary> TntpToGmns(const std::string& net_file, const std::string& node_file,
                                  const std::string& gmns_dir, Diagnostics& diags) {
  auto net = io::ReadTntpNetwork(net_file);
  if (!net.ok()) return net.status();
  diags.Append(net->warnings);
  const std::string nodes_path = node_file.empty() ? NodeFileBeside(net_file) : node_file;
  std::map<std::int64_t, Point> coords;
  if (!nodes_path.empty()) {
    auto table = ReadNodeTable(nodes_path, diags);
    if (!table.ok()) return table.status();
    coords = std::move(table).value();
  } else {
    diags.Warning(io::BaseName(net_file), 0, "", "no node table (*_node.tntp; --nodes FILE): "
                  "every node at x_coord 0, y_coord 0");
  }
  if (Status s = MakeFolder(gmns_dir); !s.ok()) return s;

  TableWriter nodes({"node_id", "x_coord", "y_coord", "zone_id"});
  int missing = 0;
  for (std::size_t i = 0; i < net->original_node_ids.size(); ++i) {
    const std::int64_t id = net->original_node_ids[i];
    const auto it = coords.find(id);
    if (it == coords.end()) ++missing;
    const Point p = it == coords.end() ? Point{} : it->second;
    nodes.Add({std::to_string(id), Number(p.x), Number(p.y),
               id < net->first_thru_node ? std::to_string(id) : ""});
  }
  if (!nodes_path.empty() && missing > 0) {
    diags.Warning(io::BaseName(nodes_path), 0, "",
                  fmt::format("{} node(s) of the network have no coordinates: written at 0 0", missing));
  }
  // TNTP units are the network's own (its README says which), so config.csv leaves
  // long_length and speed blank; the capacity is the whole link's (lanes 1); the BPR
  // columns keep their TNTP meaning as user-defined fields.
  TableWriter links({"link_id", "from_node_id", "to_node_id", "directed", "length", "lanes", "capacity",
                     "free_speed", "free_flow_time", "bpr_b", "bpr_power", "toll", "link_type"});
  for (std::size_t i = 0; i < net->links.size(); ++i) {
    const io::TntpLink& l = net->links[i];
    links.Add({std::to_string(i + 1), std::to_string(net->original_node_ids[l.from.index()]),
               std::to_string(net->original_node_ids[l.to.index()]), "true", Number(l.length), "1",
               Number(l.capacity), Number(l.speed), Number(l.free_flow_time), Number(l.b),
               Number(l.power), Number(l.toll), std::to_string(l.link_type)});
  }
  TableWriter config({"dataset_name", "long_length", "speed", "id_type", "version_number"});
  config.Add({fs::path(net_file).stem().string(), "", "", "integer", "0.96"});
  if (Status s = WriteText(gmns_dir + "/node.csv", nodes.Text()); !s.ok()) return s;
  if (Status s = WriteText(gmns_dir + "/link.csv", links.Text()); !s.ok()) return s;
  if (Status s = WriteText(gmns_dir + "/config.csv", config.Text()); !s.ok()) return s;
  return ConvertSummary{static_cast<int>(net->original_node_ids.size()),
                        static_cast<int>(net->links.size()), 0};
}

}  // namespace corridor::gmns
