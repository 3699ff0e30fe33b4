#include "io/mmcf_reader.h"

#include <charconv>
#include <cmath>
#include <map>
#include <vector>

#include <fmt/format.h>

#include "core/bounds.h"
#include "io/text_file.h"

namespace corridor::io {
namespace {

struct Token {
  std::string_view text;
  int line = 0;
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

// Tokens of one line each (empty lines dropped), with 1-based line numbers.
std::vector<std::vector<Token>> SplitLines(std::string_view text) {
  std::vector<std::vector<Token>> lines;
  int line = 1;
  std::size_t i = 0;
  std::vector<Token> current;
  while (i <= text.size()) {
    if (i == text.size() || text[i] == '\n') {
      if (!current.empty()) lines.push_back(std::move(current));
      current.clear();
      ++line;
      ++i;
      continue;
    }
    if (IsSpace(text[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && !IsSpace(text[j])) ++j;
    current.push_back({text.substr(i, j - i), line});
    i = j;
  }
  return lines;
}

std::optional<double> ParseNumber(std::string_view s) {
  double v = 0.0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<long> ParseInteger(std::string_view s) {
  long v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

// A capacity of core/bounds.h or -1 (none); a supply of either sign.
constexpr Bounds kCapacityOrNone{-1.0, false, *bounds::kFlow.max, bounds::kMinNonzero};
constexpr Bounds kSupply{-*bounds::kFlow.max, false, bounds::kFlow.max, bounds::kMinNonzero};

// Reads named fields from a sequence of tokens, reporting located errors.
class FieldReader {
 public:
  FieldReader(const std::string& file, Diagnostics& diagnostics)
      : file_(file), diagnostics_(diagnostics) {}

  std::optional<double> Number(const Token& t, const char* field, const Bounds& bounds) {
    const auto v = ParseNumber(t.text);
    if (!v) {
      diagnostics_.Error(file_, t.line, field, fmt::format("expected a number, got '{}'", t.text));
    } else if (auto violation = BoundViolation(*v, bounds, t.text)) {
      diagnostics_.Error(file_, t.line, field, std::move(*violation));
      return std::nullopt;
    }
    return v;
  }
  std::optional<long> Integer(const Token& t, const char* field, long min_value, long max_value) {
    const auto v = ParseInteger(t.text);
    if (!v) {
      diagnostics_.Error(file_, t.line, field, fmt::format("expected an integer, got '{}'", t.text));
    } else if (*v < min_value || *v > max_value) {
      diagnostics_.Error(file_, t.line, field,
                         fmt::format("must be in [{}, {}], got {}", min_value, max_value, t.text));
      return std::nullopt;
    }
    return v;
  }
  void Error(int line, const char* field, std::string message) {
    diagnostics_.Error(file_, line, field, std::move(message));
  }

 private:
  const std::string& file_;
  Diagnostics& diagnostics_;
};

Result<std::string> ReadText(const std::string& path) {
  if (auto text = ReadTextFile(path)) return std::move(*text);
  return NotFound(fmt::format("{}: cannot open", path));
}

constexpr long kMaxCount = 100'000'000;

}  // namespace

Result<mcf::Instance> ParseGridPlanarInstance(std::string_view text, const std::string& file_name) {
  Diagnostics d;
  FieldReader r(file_name, d);
  std::vector<Token> tokens;
  for (auto& line : SplitLines(text)) tokens.insert(tokens.end(), line.begin(), line.end());
  std::size_t pos = 0;
  int last_line = tokens.empty() ? 1 : tokens.back().line;
  auto next = [&](const std::string& what) -> const Token* {
    if (pos < tokens.size()) return &tokens[pos++];
    r.Error(last_line, "", fmt::format("unexpected end of file, expected {}", what));
    return nullptr;
  };
  const char* header_fields[3] = {"nodes", "arcs", "commodities"};
  long header[3] = {0, 0, 0};
  for (int i = 0; i < 3; ++i) {
    const Token* t = next(header_fields[i]);
    if (!t) return d.ToStatus(file_name);
    const auto v = r.Integer(*t, header_fields[i], i == 0 ? 1 : 0, kMaxCount);
    if (!v) return d.ToStatus(file_name);
    header[i] = *v;
  }
  mcf::Instance inst;
  inst.num_nodes = static_cast<int>(header[0]);
  inst.arcs.reserve(static_cast<std::size_t>(header[1]));
  inst.commodities.reserve(static_cast<std::size_t>(header[2]));
  for (long a = 0; a < header[1]; ++a) {
    const char* fields[4] = {"from", "to", "cost", "capacity"};
    const Token* t[4];
    for (int i = 0; i < 4; ++i) {
      t[i] = next(fmt::format("{} of arc {}", fields[i], a + 1));
      if (!t[i]) return d.ToStatus(file_name);
    }
    const auto from = r.Integer(*t[0], "from", 1, header[0]);
    const auto to = r.Integer(*t[1], "to", 1, header[0]);
    const auto cost = r.Number(*t[2], "cost", bounds::kUsdPerTonne);
    const auto cap = r.Number(*t[3], "capacity", bounds::kFlow);
    if (from && to && cost && cap) {
      inst.arcs.push_back({mcf::NodeId(static_cast<int>(*from - 1)),
                           mcf::NodeId(static_cast<int>(*to - 1)), *cost, *cap});
    }
  }
  for (long k = 0; k < header[2]; ++k) {
    const char* fields[3] = {"origin", "destination", "demand"};
    const Token* t[3];
    for (int i = 0; i < 3; ++i) {
      t[i] = next(fmt::format("{} of commodity {}", fields[i], k + 1));
      if (!t[i]) return d.ToStatus(file_name);
    }
    const auto origin = r.Integer(*t[0], "origin", 1, header[0]);
    const auto destination = r.Integer(*t[1], "destination", 1, header[0]);
    const auto demand = r.Number(*t[2], "demand", bounds::kFlow);
    if (origin && destination && *origin == *destination) {
      r.Error(t[1]->line, "destination", fmt::format("equals the origin {}", *origin));
    } else if (origin && destination && demand) {
      mcf::Commodity c;
      c.origin = mcf::NodeId(static_cast<int>(*origin - 1));
      c.destination = mcf::NodeId(static_cast<int>(*destination - 1));
      c.demand = *demand;
      inst.commodities.push_back(c);
    }
  }
  if (pos < tokens.size()) {
    r.Error(tokens[pos].line, "", fmt::format("unexpected data '{}' after the last commodity",
                                              tokens[pos].text));
  }
  if (d.has_errors()) return d.ToStatus(file_name);
  return inst;
}

Result<mcf::Instance> ReadGridPlanarInstance(const std::string& path) {
  auto text = ReadText(path);
  if (!text.ok()) return text.status();
  return ParseGridPlanarInstance(*text, BaseName(path));
}

Result<mcf::Instance> ParseMnetgenInstance(const MnetgenFiles& files) {
  Diagnostics d;
  // .nod
  long num_commodities = 0, num_nodes = 0, num_records = 0, num_bundles = 0;
  {
    FieldReader r(files.nod_name, d);
    std::vector<Token> tokens;
    for (auto& line : SplitLines(files.nod)) tokens.insert(tokens.end(), line.begin(), line.end());
    const char* fields[4] = {"commodities", "nodes", "arcs", "bundles"};
    long* out[4] = {&num_commodities, &num_nodes, &num_records, &num_bundles};
    if (tokens.size() != 4) {
      r.Error(tokens.empty() ? 1 : tokens.back().line, "",
              fmt::format("expected 4 numbers (commodities nodes arcs bundles), got {}", tokens.size()));
      return d.ToStatus("MNETGEN instance");
    }
    for (int i = 0; i < 4; ++i) {
      const auto v = r.Integer(tokens[i], fields[i], i == 0 || i == 1 ? 1 : 0, kMaxCount);
      if (!v) return d.ToStatus("MNETGEN instance");
      *out[i] = *v;
    }
  }
  // .mut
  std::vector<double> bundle_capacity(static_cast<std::size_t>(num_bundles), -1.0);
  {
    FieldReader r(files.mut_name, d);
    for (const auto& line : SplitLines(files.mut)) {
      if (line.size() != 2) {
        r.Error(line[0].line, "", fmt::format("expected 2 fields (bundle capacity), got {}", line.size()));
        continue;
      }
      const auto p = r.Integer(line[0], "bundle", 1, num_bundles);
      const auto cap = r.Number(line[1], "capacity", bounds::kFlow);
      if (!p || !cap) continue;
      if (bundle_capacity[*p - 1] >= 0) r.Error(line[0].line, "bundle", fmt::format("bundle {} given twice", *p));
      bundle_capacity[*p - 1] = *cap;
    }
    for (long p = 0; p < num_bundles; ++p) {
      if (bundle_capacity[p] < 0) r.Error(0, "bundle", fmt::format("no capacity for bundle {}", p + 1));
    }
  }
  // .arc
  struct Record {
    int from, to, commodity, bundle, line;
    double cost, capacity;
  };
  std::vector<Record> records;
  {
    FieldReader r(files.arc_name, d);
    const auto lines = SplitLines(files.arc);
    if (static_cast<long>(lines.size()) != num_records) {
      r.Error(0, "", fmt::format("{} arc records, the .nod file says {}", lines.size(), num_records));
    }
    for (const auto& line : lines) {
      if (line.size() != 7) {
        r.Error(line[0].line, "",
                fmt::format("expected 7 fields (name from to commodity cost capacity bundle), got {}",
                            line.size()));
        continue;
      }
      const auto from = r.Integer(line[1], "from", 1, num_nodes);
      const auto to = r.Integer(line[2], "to", 1, num_nodes);
      const auto k = r.Integer(line[3], "commodity", 1, num_commodities);
      const auto cost = r.Number(line[4], "cost", bounds::kUsdPerTonne);
      const auto cap = r.Number(line[5], "capacity", kCapacityOrNone);
      const auto bundle = r.Integer(line[6], "bundle", 0, num_bundles);
      if (cap && *cap < 0 && *cap != -1.0) {
        r.Error(line[5].line, "capacity", fmt::format("must be >= 0 or -1 (none), got {}", line[5].text));
        continue;
      }
      if (from && to && k && cost && cap && bundle) {
        records.push_back({static_cast<int>(*from - 1), static_cast<int>(*to - 1),
                           static_cast<int>(*k - 1), static_cast<int>(*bundle), line[0].line, *cost,
                           *cap < 0 ? mcf::kUnlimited : *cap});
      }
    }
  }
  // .sup
  std::vector<std::vector<std::pair<int, double>>> sources(static_cast<std::size_t>(num_commodities));
  std::vector<std::vector<std::pair<int, double>>> sinks(static_cast<std::size_t>(num_commodities));
  {
    FieldReader r(files.sup_name, d);
    for (const auto& line : SplitLines(files.sup)) {
      if (line.size() != 3) {
        r.Error(line[0].line, "", fmt::format("expected 3 fields (node commodity supply), got {}", line.size()));
        continue;
      }
      const auto node = r.Integer(line[0], "node", 1, num_nodes);
      const auto k = r.Integer(line[1], "commodity", 1, num_commodities);
      const auto supply = r.Number(line[2], "supply", kSupply);
      if (!node || !k || !supply || *supply == 0.0) continue;
      auto& list = *supply > 0 ? sources[*k - 1] : sinks[*k - 1];
      list.emplace_back(static_cast<int>(*node - 1), std::abs(*supply));
    }
    for (long k = 0; k < num_commodities; ++k) {
      double supply = 0.0, demand = 0.0;
      for (const auto& s : sources[k]) supply += s.second;
      for (const auto& s : sinks[k]) demand += s.second;
      if (std::abs(supply - demand) > 1e-9 * std::max(1.0, supply)) {
        r.Error(0, "supply", fmt::format("commodity {}: supply {} does not balance demand {}", k + 1,
                                         supply, demand));
      }
    }
  }
  // Bundles must join records with the same end nodes.
  std::vector<std::pair<int, int>> bundle_ends(static_cast<std::size_t>(num_bundles), {-1, -1});
  {
    FieldReader r(files.arc_name, d);
    for (const Record& rec : records) {
      if (rec.bundle == 0) continue;
      auto& ends = bundle_ends[rec.bundle - 1];
      if (ends.first < 0) {
        ends = {rec.from, rec.to};
      } else if (ends != std::pair<int, int>{rec.from, rec.to}) {
        r.Error(rec.line, "bundle", fmt::format("bundle {} joins arcs with different end nodes", rec.bundle));
      }
    }
  }
  if (d.has_errors()) return d.ToStatus("MNETGEN instance");

  mcf::Instance inst;
  int next_node = static_cast<int>(num_nodes);
  std::vector<int> bundle_node(static_cast<std::size_t>(num_bundles), -1);
  std::vector<std::vector<int>> class_arcs(static_cast<std::size_t>(num_commodities));
  std::vector<std::vector<double>> class_cost(static_cast<std::size_t>(num_commodities));
  auto add_arc = [&](int from, int to, double cost, double cap, int commodity) {
    inst.arcs.push_back({mcf::NodeId(from), mcf::NodeId(to), cost, cap});
    if (commodity >= 0) {
      class_arcs[commodity].push_back(inst.num_arcs() - 1);
      class_cost[commodity].push_back(cost);
    }
    return inst.num_arcs() - 1;
  };
  std::vector<int> bundle_arc(static_cast<std::size_t>(num_bundles), -1);
  std::vector<std::vector<int>> bundle_users(static_cast<std::size_t>(num_bundles));
  for (long p = 0; p < num_bundles; ++p) {
    if (bundle_ends[p].first < 0) continue;  // unused bundle
    bundle_node[p] = next_node++;
    bundle_arc[p] = add_arc(bundle_node[p], bundle_ends[p].second, 0.0, bundle_capacity[p], -1);
  }
  for (const Record& rec : records) {
    if (rec.bundle == 0) {
      add_arc(rec.from, rec.to, rec.cost, rec.capacity, rec.commodity);
    } else {
      add_arc(rec.from, bundle_node[rec.bundle - 1], rec.cost, rec.capacity, rec.commodity);
      bundle_users[rec.bundle - 1].push_back(rec.commodity);
    }
  }
  for (long k = 0; k < num_commodities; ++k) {
    int origin = sources[k].empty() ? -1 : sources[k][0].first;
    if (sources[k].size() > 1) {
      origin = next_node++;
      for (const auto& [node, supply] : sources[k]) add_arc(origin, node, 0.0, supply, static_cast<int>(k));
    }
    for (const auto& [node, demand] : sinks[k]) {
      if (node == origin) continue;  // served where it is
      mcf::Commodity c;
      c.origin = mcf::NodeId(origin);
      c.destination = mcf::NodeId(node);
      c.demand = demand;
      c.class_id = mcf::ClassId(static_cast<int>(k));
      inst.commodities.push_back(c);
    }
  }
  inst.num_nodes = next_node;
  inst.classes.resize(static_cast<std::size_t>(num_commodities));
  for (long k = 0; k < num_commodities; ++k) {
    auto& cls = inst.classes[k];
    cls.arc_cost.assign(inst.arcs.size(), 0.0);
    cls.allowed.assign(inst.arcs.size(), false);
    for (std::size_t i = 0; i < class_arcs[k].size(); ++i) {
      cls.arc_cost[class_arcs[k][i]] = class_cost[k][i];
      cls.allowed[class_arcs[k][i]] = true;
    }
  }
  for (long p = 0; p < num_bundles; ++p) {
    for (int k : bundle_users[p]) inst.classes[k].allowed[bundle_arc[p]] = true;
  }
  return inst;
}

Result<mcf::Instance> ReadMnetgenInstance(const std::string& base_path) {
  MnetgenFiles files;
  std::string* texts[4] = {&files.nod, &files.arc, &files.sup, &files.mut};
  std::string* names[4] = {&files.nod_name, &files.arc_name, &files.sup_name, &files.mut_name};
  const char* extensions[4] = {".nod", ".arc", ".sup", ".mut"};
  for (int i = 0; i < 4; ++i) {
    const std::string path = base_path + extensions[i];
    auto text = ReadText(path);
    if (!text.ok()) return text.status();
    *texts[i] = std::move(*text);
    *names[i] = BaseName(path);
  }
  return ParseMnetgenInstance(files);
}

Result<mcf::DesignInstance> ParseDowInstance(std::string_view text, const std::string& file_name) {
  Diagnostics d;
  FieldReader r(file_name, d);
  const auto lines = SplitLines(text);
  if (lines.empty() || lines[0][0].text != "MULTIGEN.DAT:") {
    r.Error(lines.empty() ? 1 : lines[0][0].line, "header",
            "expected the line 'MULTIGEN.DAT:' first");
    return d.ToStatus(file_name);
  }
  if (lines.size() < 2 || lines[1].size() != 3) {
    r.Error(lines.size() < 2 ? lines[0][0].line : lines[1][0].line, "header",
            "expected 'nodes arcs commodities' on the second line");
    return d.ToStatus(file_name);
  }
  const auto n = r.Integer(lines[1][0], "nodes", 2, kMaxCount);
  const auto m = r.Integer(lines[1][1], "arcs", 0, kMaxCount);
  const auto k = r.Integer(lines[1][2], "commodities", 0, kMaxCount);
  if (!n || !m || !k) return d.ToStatus(file_name);
  const std::size_t expected = 2 + static_cast<std::size_t>(*m + *k);
  if (lines.size() != expected) {
    r.Error(lines.back().back().line, "",
            fmt::format("expected {} arc and {} commodity lines, got {} lines after the header",
                        *m, *k, lines.size() - 2));
    return d.ToStatus(file_name);
  }
  mcf::DesignInstance inst;
  inst.flow.num_nodes = static_cast<int>(*n);
  for (long a = 0; a < *m; ++a) {
    const auto& t = lines[2 + static_cast<std::size_t>(a)];
    if (t.size() < 5) {
      r.Error(t[0].line, "", "an arc needs tail head variable_cost capacity fixed_cost");
      continue;
    }
    const auto tail = r.Integer(t[0], "tail", 1, *n);
    const auto head = r.Integer(t[1], "head", 1, *n);
    const auto cost = r.Number(t[2], "variable_cost", bounds::kUsdPerTonne);
    const auto cap = r.Number(t[3], "capacity", bounds::kFlow);
    const auto fixed = r.Number(t[4], "fixed_cost", bounds::kFlow);
    if (tail && head && *tail == *head) {
      r.Error(t[1].line, "head", fmt::format("equals the tail {}", *tail));
    } else if (tail && head && cost && cap && fixed) {
      inst.flow.arcs.push_back({mcf::NodeId(static_cast<int>(*tail - 1)),
                                mcf::NodeId(static_cast<int>(*head - 1)), *cost, *cap});
      inst.fixed_cost.push_back(*fixed);
    }
  }
  for (long c = 0; c < *k; ++c) {
    const auto& t = lines[2 + static_cast<std::size_t>(*m + c)];
    if (t.size() != 3) {
      r.Error(t[0].line, "", "a commodity needs origin destination demand");
      continue;
    }
    const auto origin = r.Integer(t[0], "origin", 1, *n);
    const auto destination = r.Integer(t[1], "destination", 1, *n);
    const auto demand = r.Number(t[2], "demand", bounds::kFlow);
    if (origin && destination && *origin == *destination) {
      r.Error(t[1].line, "destination", fmt::format("equals the origin {}", *origin));
    } else if (origin && destination && demand) {
      mcf::Commodity commodity;
      commodity.origin = mcf::NodeId(static_cast<int>(*origin - 1));
      commodity.destination = mcf::NodeId(static_cast<int>(*destination - 1));
      commodity.demand = *demand;
      inst.flow.commodities.push_back(commodity);
    }
  }
  if (d.has_errors()) return d.ToStatus(file_name);
  return inst;
}

Result<mcf::DesignInstance> ReadDowInstance(const std::string& path) {
  auto text = ReadText(path);
  if (!text.ok()) return text.status();
  return ParseDowInstance(*text, BaseName(path));
}

}  // namespace corridor::io
