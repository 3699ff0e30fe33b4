// Display names of a dataset's elements, for people (summaries, reports, the web page,
// GeoJSON `name` properties). Machine outputs keep the ids; a name is never a key.
//
//   crossing: its `name` column and its modes, "Zabaikalsk–Manzhouli (rail)"; without a
//             name, its node's name and modes
//   link:     its end nodes' names and its mode, "Khabarovsk – Ussuriysk (rail 1520 mm)"
//   node:     its `name` column
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/dataset.h"

namespace corridor::model {

// "rail 1520 mm", "rail 1435 mm", "road", "sea", "river", "pipeline".
std::string_view ModeLabel(Mode mode);
// A set as words: "rail" for both gauges, "rail 1520 mm; road", ...
std::string ModeSetLabel(ModeSet modes);

// Great-circle distance in km (sphere of radius 6371 km).
double GreatCircleKm(GeoPoint a, GeoPoint b);

// The link's line for GeoJSON: its shape, or its end nodes when it has none; longitudes
// unwrapped so that consecutive points differ by less than 180° (a line over the
// antimeridian continues past 180 instead of jumping back across the map).
std::vector<GeoPoint> LinkLine(const model::Link& link, GeoPoint from, GeoPoint to);

class DisplayNames {
 public:
  explicit DisplayNames(std::span<const model::Node> nodes);

  // The node's name, or the id when the node is unknown or has no name.
  std::string NodeName(std::string_view id) const;
  std::string LinkName(const model::Link& link) const;
  std::string CrossingName(const model::Crossing& crossing) const;

 private:
  std::unordered_map<std::string, std::string> node_names_;
};

}  // namespace corridor::model
