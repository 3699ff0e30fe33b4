#include "io/tntp_reader.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <optional>

#include "core/bounds.h"
#include "io/text_file.h"

namespace corridor::io {
namespace {

constexpr std::string_view kBlank = " \t\r\n\f\v";

std::string_view Trim(std::string_view s) {
  const auto first = s.find_first_not_of(kBlank);
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(kBlank);
  return s.substr(first, last - first + 1);
}

std::string_view StripComment(std::string_view line) {
  const auto tilde = line.find('~');
  return tilde == std::string_view::npos ? line : line.substr(0, tilde);
}

std::optional<double> ParseDouble(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double v = 0.0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<std::int64_t> ParseInt(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

std::string Quoted(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('"');
  out.append(s);
  out.push_back('"');
  return out;
}

// Physical lines without their end-of-line characters (LF or CRLF).
std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    auto line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

// Splits a record (comment and `;` already cut) into fields. Tab-separated
// lines keep empty fields in place; leading and trailing empty fields are dropped
// because most files open and close records with a tab.
std::vector<std::string_view> SplitFields(std::string_view record) {
  std::vector<std::string_view> fields;
  if (record.find('\t') != std::string_view::npos) {
    std::size_t start = 0;
    while (start <= record.size()) {
      auto end = record.find('\t', start);
      if (end == std::string_view::npos) end = record.size();
      fields.push_back(Trim(record.substr(start, end - start)));
      start = end + 1;
    }
    while (!fields.empty() && fields.back().empty()) fields.pop_back();
    const auto first = std::find_if(fields.begin(), fields.end(),
                                    [](std::string_view f) { return !f.empty(); });
    fields.erase(fields.begin(), first);
    return fields;
  }
  std::size_t pos = 0;
  while ((pos = record.find_first_not_of(kBlank, pos)) != std::string_view::npos) {
    const auto end = std::min(record.find_first_of(kBlank, pos), record.size());
    fields.push_back(record.substr(pos, end - pos));
    pos = end;
  }
  return fields;
}

std::string_view CutAtSemicolon(std::string_view s) {
  const auto semi = s.find(';');
  return semi == std::string_view::npos ? s : s.substr(0, semi);
}

// Metadata block: `<TAG> value` lines up to `<END OF METADATA>`.
struct Metadata {
  std::optional<std::int64_t> zones, nodes, first_thru, links;
  std::optional<double> total_flow;
  int zones_line = 0, nodes_line = 0, links_line = 0;
  std::size_t body_start = 0;  // index of the first line after the metadata
};

Metadata ReadMetadata(const std::vector<std::string_view>& lines, const std::string& file,
                      Diagnostics& diag) {
  Metadata meta;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto line = Trim(lines[i]);
    if (line.empty()) continue;
    if (line.front() != '<') {
      // No (more) metadata: the body starts here.
      meta.body_start = i;
      return meta;
    }
    const auto close = line.find('>');
    const int line_no = static_cast<int>(i) + 1;
    if (close == std::string_view::npos) {
      diag.Error(file, line_no, "metadata", "tag " + Quoted(line) + " has no closing '>'");
      continue;
    }
    const auto tag = line.substr(1, close - 1);
    const auto value = Trim(CutAtSemicolon(StripComment(line.substr(close + 1))));
    if (tag == "END OF METADATA") {
      meta.body_start = i + 1;
      return meta;
    }
    const auto read_int = [&](std::optional<std::int64_t>& out) {
      out = ParseInt(value);
      if (!out) diag.Error(file, line_no, std::string(line.substr(0, close + 1)),
                           Quoted(value) + " is not an integer");
    };
    if (tag == "NUMBER OF ZONES") { read_int(meta.zones); meta.zones_line = line_no; }
    else if (tag == "NUMBER OF NODES") { read_int(meta.nodes); meta.nodes_line = line_no; }
    else if (tag == "FIRST THRU NODE") { read_int(meta.first_thru); }
    else if (tag == "NUMBER OF LINKS") { read_int(meta.links); meta.links_line = line_no; }
    else if (tag == "TOTAL OD FLOW") {
      meta.total_flow = ParseDouble(value);
      if (!meta.total_flow) diag.Error(file, line_no, "<TOTAL OD FLOW>",
                                       Quoted(value) + " is not a number");
    }
    // Other tags (<ORIGINAL HEADER>, <SCENARIO>, ...) carry nothing we use.
  }
  meta.body_start = lines.size();
  return meta;
}

enum LinkColumn { kInit, kTerm, kCapacity, kLength, kFftt, kB, kPower, kSpeed, kToll, kType,
                  kColumnCount };
constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "init_node", "term_node", "capacity", "length", "free_flow_time",
    "b",         "power",     "speed",    "toll",   "link_type"};
constexpr std::array<bool, kColumnCount> kColumnRequired = {true, true, true, false, true,
                                                            true, true, false, false, false};
// The numeric columns' ranges (core/bounds.h; the node ids are read as integers).
// Times are in the file's unit (minutes in the public instances).
constexpr std::array<Bounds, kColumnCount> kColumnBounds = {
    Bounds::Any(),        Bounds::Any(),         bounds::kFlow,
    bounds::kDistanceKm,  bounds::kDelayTime,    bounds::kDelayCoefficient,
    bounds::kExponent,    bounds::kCoefficient,  bounds::kUsdPerTonne,
    Bounds::Range(-1e6, 1e6)};

// Column positions from a `~ init_node term_node ...` header comment, when it
// names every required column (-1 for an optional column it does not name);
// the standard order otherwise.
std::array<int, kColumnCount> ColumnPositions(std::string_view header_comment) {
  std::array<int, kColumnCount> pos{};
  for (int c = 0; c < kColumnCount; ++c) pos[c] = c;
  if (header_comment.empty()) return pos;
  std::array<int, kColumnCount> named;
  named.fill(-1);
  const auto names = SplitFields(Trim(CutAtSemicolon(header_comment)));
  for (std::size_t i = 0; i < names.size(); ++i) {
    for (int c = 0; c < kColumnCount; ++c) {
      if (names[i] == kColumnNames[c]) named[c] = static_cast<int>(i);
    }
  }
  for (int c = 0; c < kColumnCount; ++c) {
    if (kColumnRequired[c] && named[c] < 0) return pos;
  }
  return named;
}

Result<std::string> ReadWholeFile(const std::string& path) {
  if (auto text = ReadTextFile(path)) return std::move(*text);
  return NotFound("cannot open " + path);
}

}  // namespace

NodeId TntpNetwork::FindNode(std::int64_t original_id) const {
  const auto it = std::lower_bound(original_node_ids.begin(), original_node_ids.end(),
                                   original_id);
  if (it == original_node_ids.end() || *it != original_id) return NodeId::Invalid();
  return NodeId(static_cast<NodeId::rep_type>(it - original_node_ids.begin()));
}

Result<TntpNetwork> ParseTntpNetwork(std::string_view text, const std::string& file) {
  Diagnostics diag;
  const auto lines = SplitLines(text);
  const Metadata meta = ReadMetadata(lines, file, diag);
  TntpNetwork net;
  net.zone_count = static_cast<int>(meta.zones.value_or(0));
  net.first_thru_node = meta.first_thru.value_or(1);

  struct RawLink {
    std::int64_t from, to;
    TntpLink link;
  };
  std::vector<RawLink> raw;
  std::string_view last_comment;
  std::optional<std::array<int, kColumnCount>> columns;
  for (std::size_t i = meta.body_start; i < lines.size(); ++i) {
    const int line_no = static_cast<int>(i) + 1;
    const auto trimmed = Trim(lines[i]);
    if (trimmed.empty()) continue;
    if (trimmed.front() == '~') {
      last_comment = trimmed.substr(1);
      continue;
    }
    const auto fields = SplitFields(CutAtSemicolon(StripComment(lines[i])));
    if (fields.empty()) continue;
    if (!columns) columns = ColumnPositions(last_comment);
    std::array<double, kColumnCount> values{};
    std::int64_t from = 0, to = 0;
    bool good = true;
    for (int c = 0; c < kColumnCount; ++c) {
      const int p = (*columns)[c];
      const std::string_view field =
          p >= 0 && p < static_cast<int>(fields.size()) ? fields[p] : std::string_view();
      const std::string name(kColumnNames[c]);
      if (field.empty()) {
        if (kColumnRequired[c]) {
          diag.Error(file, line_no, name, "is missing");
          good = false;
        }
        continue;
      }
      if (c == kInit || c == kTerm) {
        const auto id = ParseInt(field);
        if (!id) {
          diag.Error(file, line_no, name, Quoted(field) + " is not an integer node id");
          good = false;
        } else {
          (c == kInit ? from : to) = *id;
        }
        continue;
      }
      const auto v = ParseDouble(field);
      if (!v) {
        diag.Error(file, line_no, name, Quoted(field) + " is not a number");
        good = false;
        continue;
      }
      if (auto violation = BoundViolation(*v, kColumnBounds[c], field)) {
        diag.Error(file, line_no, name, std::move(*violation));
        good = false;
      }
      values[c] = *v;
    }
    if (!good) continue;
    TntpLink link;
    link.capacity = values[kCapacity];
    link.length = values[kLength];
    link.free_flow_time = values[kFftt];
    link.b = values[kB];
    link.power = values[kPower];
    link.speed = values[kSpeed];
    link.toll = values[kToll];
    link.link_type = static_cast<int>(values[kType]);
    link.line = line_no;
    raw.push_back({from, to, link});
  }

  std::vector<std::int64_t> ids;
  ids.reserve(raw.size() * 2);
  for (const auto& r : raw) {
    ids.push_back(r.from);
    ids.push_back(r.to);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  net.original_node_ids = std::move(ids);
  net.links.reserve(raw.size());
  for (auto& r : raw) {
    r.link.from = net.FindNode(r.from);
    r.link.to = net.FindNode(r.to);
    net.links.push_back(r.link);
  }
  if (meta.links && *meta.links != static_cast<std::int64_t>(net.links.size()) &&
      !diag.has_errors()) {
    diag.Error(file, meta.links_line, "<NUMBER OF LINKS>",
               "declares " + std::to_string(*meta.links) + " links, the file has " +
                   std::to_string(net.links.size()));
  }
  if (meta.nodes && *meta.nodes < static_cast<std::int64_t>(net.original_node_ids.size())) {
    net.warnings.Warning(file, meta.nodes_line, "<NUMBER OF NODES>",
                         "declares " + std::to_string(*meta.nodes) + " nodes, links use " +
                             std::to_string(net.original_node_ids.size()));
  }
  if (auto status = diag.ToStatus(file); !status.ok()) return status;
  return net;
}

Result<TntpTrips> ParseTntpTrips(std::string_view text, const std::string& file) {
  Diagnostics diag;
  const auto lines = SplitLines(text);
  const Metadata meta = ReadMetadata(lines, file, diag);
  TntpTrips trips;
  trips.zone_count = static_cast<int>(meta.zones.value_or(0));
  trips.declared_total = meta.total_flow.value_or(0.0);

  // Tokens: words (anything but blanks, ':' and ';'), ':' and ';'. A pair
  // `d : value` may be split over lines.
  struct Token {
    std::string_view text;
    int line;
  };
  std::vector<Token> tokens;
  for (std::size_t i = meta.body_start; i < lines.size(); ++i) {
    const auto body = StripComment(lines[i]);
    std::size_t pos = 0;
    while (pos < body.size()) {
      const char ch = body[pos];
      if (kBlank.find(ch) != std::string_view::npos) { ++pos; continue; }
      const int line_no = static_cast<int>(i) + 1;
      if (ch == ':' || ch == ';') {
        tokens.push_back({body.substr(pos, 1), line_no});
        ++pos;
        continue;
      }
      auto end = body.find_first_of(" \t\r\n\f\v:;", pos);
      if (end == std::string_view::npos) end = body.size();
      tokens.push_back({body.substr(pos, end - pos), line_no});
      pos = end;
    }
  }

  std::optional<std::int64_t> origin;
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    const Token& tok = tokens[t];
    if (tok.text == ";") continue;
    if (tok.text == "Origin") {
      const auto id = t + 1 < tokens.size() ? ParseInt(tokens[t + 1].text) : std::nullopt;
      if (!id) {
        diag.Error(file, tok.line, "Origin",
                   t + 1 < tokens.size() ? Quoted(tokens[t + 1].text) + " is not a node id"
                                         : "has no node id");
        return diag.ToStatus(file);
      }
      origin = *id;
      ++t;
      continue;
    }
    const auto dest = ParseInt(tok.text);
    if (!dest || t + 2 >= tokens.size() || tokens[t + 1].text != ":") {
      diag.Error(file, tok.line, "destination",
                 "expected `destination : demand`, got " + Quoted(tok.text));
      return diag.ToStatus(file);
    }
    const Token& value_tok = tokens[t + 2];
    const auto demand = ParseDouble(value_tok.text);
    if (!demand) {
      diag.Error(file, value_tok.line, "demand", Quoted(value_tok.text) + " is not a number");
    } else if (auto violation = BoundViolation(*demand, bounds::kFlow, value_tok.text)) {
      diag.Error(file, value_tok.line, "demand", std::move(*violation));
    } else if (!origin) {
      diag.Error(file, tok.line, "destination", "demand given before any `Origin`");
    } else {
      trips.trips.push_back({*origin, *dest, *demand, tok.line});
    }
    t += 2;
  }
  if (auto status = diag.ToStatus(file); !status.ok()) return status;
  if (meta.total_flow) {
    double sum = 0.0;
    for (const auto& trip : trips.trips) sum += trip.demand;
    if (std::abs(sum - *meta.total_flow) > 1e-6 * std::max(1.0, std::abs(sum))) {
      trips.warnings.Warning(file, 0, "<TOTAL OD FLOW>",
                             "declares " + std::to_string(*meta.total_flow) +
                                 ", the entries sum to " + std::to_string(sum));
    }
  }
  return trips;
}

Result<std::vector<TntpFlowRow>> ParseTntpFlow(std::string_view text, const std::string& file) {
  Diagnostics diag;
  std::vector<TntpFlowRow> rows;
  const auto lines = SplitLines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const int line_no = static_cast<int>(i) + 1;
    const auto fields = SplitFields(CutAtSemicolon(StripComment(lines[i])));
    if (fields.empty()) continue;
    if (rows.empty() && !ParseInt(fields[0])) continue;  // the `From To Volume Cost` header
    if (fields.size() < 4) {
      diag.Error(file, line_no, "", "expected From, To, Volume, Cost; got " +
                                        std::to_string(fields.size()) + " field(s)");
      continue;
    }
    const auto from = ParseInt(fields[0]);
    const auto to = ParseInt(fields[1]);
    const auto volume = ParseDouble(fields[2]);
    const auto cost = ParseDouble(fields[3]);
    if (!from) diag.Error(file, line_no, "From", Quoted(fields[0]) + " is not a node id");
    if (!to) diag.Error(file, line_no, "To", Quoted(fields[1]) + " is not a node id");
    if (!volume) diag.Error(file, line_no, "Volume", Quoted(fields[2]) + " is not a number");
    if (!cost) diag.Error(file, line_no, "Cost", Quoted(fields[3]) + " is not a number");
    if (from && to && volume && cost) rows.push_back({*from, *to, *volume, *cost});
  }
  if (auto status = diag.ToStatus(file); !status.ok()) return status;
  return rows;
}

Result<TntpNetwork> ReadTntpNetwork(const std::string& path) {
  auto text = ReadWholeFile(path);
  if (!text.ok()) return text.status();
  return ParseTntpNetwork(*text, BaseName(path));
}

Result<TntpTrips> ReadTntpTrips(const std::string& path) {
  auto text = ReadWholeFile(path);
  if (!text.ok()) return text.status();
  return ParseTntpTrips(*text, BaseName(path));
}

Result<std::vector<TntpFlowRow>> ReadTntpFlow(const std::string& path) {
  auto text = ReadWholeFile(path);
  if (!text.ok()) return text.status();
  return ParseTntpFlow(*text, BaseName(path));
}

}  // namespace corridor::io
