// Well-known text (OGC Simple Features) LINESTRING, the shape of a link in links.csv:
//   LINESTRING (lon lat, lon lat, ...)     at least two points, degrees (WGS 84)
// Case-insensitive keyword, any blanks between tokens, `LINESTRING EMPTY` = no shape.
// Longitude in [-180, 180] and latitude in [-90, 90]; a line that crosses the
// antimeridian steps from 179.x to -179.x (consecutive points more than 180° apart in
// longitude are read as the short way round). `LINESTRING Z` / `M` / `ZM` (extra
// ordinates per point) are refused, or read and dropped when the caller asks (GMNS).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/dataset.h"

namespace corridor::io {

// The points, or nullopt with *error saying what is wrong (e.g. "point 3: latitude
// 95 out of [-90, 90]").
enum class ExtraOrdinates { kRefuse, kDrop };
std::optional<std::vector<model::GeoPoint>> ParseWktLineString(
    std::string_view text, std::string* error, ExtraOrdinates extra = ExtraOrdinates::kRefuse);

// "LINESTRING (lon lat, lon lat, ...)" with the shortest round-trip numbers.
std::string FormatWktLineString(const std::vector<model::GeoPoint>& points);

}  // namespace corridor::io
