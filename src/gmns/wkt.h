// WKT LINESTRING, the geometry of GMNS links (and of a dataset link's `geometry` column):
//   LINESTRING (x1 y1, x2 y2, ...)     x = longitude, y = latitude, degrees (EPSG:4326)
// "LINESTRING Z" / "M" / "ZM" carry extra ordinates per point, which are read and
// dropped. At least two points; every coordinate finite, longitude in [-180, 180],
// latitude in [-90, 90]. Other geometry types are refused.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace corridor::gmns {

struct LonLat {
  double lon = 0.0;
  double lat = 0.0;
};

// The points, or nullopt with *error saying what is wrong ("expected ',' or ')' after
// point 3, got 'x'").
std::optional<std::vector<LonLat>> ParseLineString(std::string_view text, std::string* error);

// "LINESTRING (lon lat, lon lat, ...)" with the shortest round-trip numbers.
std::string FormatLineString(const std::vector<LonLat>& points);

}  // namespace corridor::gmns
