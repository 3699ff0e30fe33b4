// SVG maps and charts for the HTML report: drawn here, once, so that the report is a
// plain file (no tiles, no scripts needed to see it, no network).
//
// The map projection is equirectangular, x scaled by cos(middle latitude), fitted to
// the bounding box of what is drawn; longitudes are taken as GeoJSON gives them
// (unwrapped over the antimeridian, so a line may continue past 180°). Country outlines
// come from a world-atlas TopoJSON file (the outlines the web page bundles): rings over
// the antimeridian continue east of 180° and Alaska's west is repeated there, as the web
// page does; every ring is thinned to points at least 0.7 px apart.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace corridor::report::svg {

struct Point {
  double x = 0.0;
  double y = 0.0;
};

class Projection {
 public:
  // Fits [lon0, lon1] x [lat0, lat1] into width x height pixels (aspect kept, centred).
  Projection(double lon0, double lon1, double lat0, double lat1, double width, double height);
  Point operator()(double lon, double lat) const;
  double width() const { return width_; }
  double height() const { return height_; }
  double lon0() const { return lon0_; }
  double lon1() const { return lon1_; }
  double lat0() const { return lat0_; }
  double lat1() const { return lat1_; }

 private:
  double lon0_, lon1_, lat0_, lat1_, width_, height_, kx_, scale_, ox_, oy_;
};

// A projection that fits every coordinate of the features (GeoJSON FeatureCollections).
Projection FitFeatures(const std::vector<const nlohmann::json*>& collections, double width,
                       double height);

// `<path class="land" d="...">` elements of the TopoJSON's `countries` object within the
// projection's view; `*paths` counts them. Empty for an empty or unreadable TopoJSON.
std::string LandPaths(const nlohmann::json& topology, const Projection& p, int* paths);

// "M x y L x y ..." of a GeoJSON LineString's coordinates.
std::string LinePath(const nlohmann::json& coordinates, const Projection& p);

// Text made safe for HTML and SVG.
std::string Escape(const std::string& text);

// Utilisation colour (green -> amber -> red), as on the web page.
std::string UtilisationColour(double utilisation);

// A horizontal bar chart: one row per label, bars of `values[row][series]` (a share:
// 1 = full), series in `colours`; rows with NaN draw no bar. data-testid="chart-<id>".
struct BarChart {
  std::string id;
  std::string title;
  std::vector<std::string> labels;
  std::vector<std::string> series_names;
  std::vector<std::vector<double>> values;  // [row][series]
};
std::string HorizontalBars(const BarChart& chart);

}  // namespace corridor::report::svg
