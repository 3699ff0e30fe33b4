#include "model/names.h"

#include <cmath>
#include <algorithm>
#include <numbers>

namespace corridor::model {

std::string_view ModeLabel(Mode mode) {
  switch (mode) {
    case Mode::kRail1520: return "rail 1520 mm";
    case Mode::kRail1435: return "rail 1435 mm";
    case Mode::kRoad: return "road";
    case Mode::kSea: return "sea";
    case Mode::kRiver: return "river";
    case Mode::kPipeline: return "pipeline";
  }
  return "?";
}

std::string ModeSetLabel(ModeSet modes) {
  std::string out;
  auto add = [&out](std::string_view word) {
    if (!out.empty()) out += "; ";
    out += word;
  };
  const bool rail = modes.contains(Mode::kRail1520) && modes.contains(Mode::kRail1435);
  if (rail) add("rail");
  for (Mode m : kAllModes) {
    if (!modes.contains(m)) continue;
    if (rail && (m == Mode::kRail1520 || m == Mode::kRail1435)) continue;
    add(ModeLabel(m));
  }
  return out;
}

double GreatCircleKm(GeoPoint a, GeoPoint b) {
  constexpr double kRad = std::numbers::pi / 180.0;
  const double h = std::pow(std::sin((b.lat - a.lat) * kRad / 2), 2) +
                   std::cos(a.lat * kRad) * std::cos(b.lat * kRad) *
                       std::pow(std::sin((b.lon - a.lon) * kRad / 2), 2);
  return 2 * 6371.0 * std::asin(std::sqrt(std::min(1.0, h)));
}

std::vector<GeoPoint> LinkLine(const model::Link& link, GeoPoint from, GeoPoint to) {
  std::vector<GeoPoint> line = link.shape.empty() ? std::vector<GeoPoint>{from, to} : link.shape;
  for (std::size_t i = 1; i < line.size(); ++i) {
    while (line[i].lon - line[i - 1].lon > 180.0) line[i].lon -= 360.0;
    while (line[i].lon - line[i - 1].lon < -180.0) line[i].lon += 360.0;
  }
  return line;
}

DisplayNames::DisplayNames(std::span<const model::Node> nodes) {
  for (const model::Node& n : nodes) node_names_[n.id] = n.name.empty() ? n.id : n.name;
}

std::string DisplayNames::NodeName(std::string_view id) const {
  const auto it = node_names_.find(std::string(id));
  return it == node_names_.end() ? std::string(id) : it->second;
}

std::string DisplayNames::LinkName(const model::Link& link) const {
  return NodeName(link.from) + " – " + NodeName(link.to) + " (" + std::string(ModeLabel(link.mode)) + ")";
}

std::string DisplayNames::CrossingName(const model::Crossing& crossing) const {
  const std::string place = crossing.name.empty() ? NodeName(crossing.node) : crossing.name;
  return place + " (" + ModeSetLabel(crossing.modes) + ")";
}

}  // namespace corridor::model
