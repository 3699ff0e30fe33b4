#include "report/svg_map.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace corridor::report::svg {
namespace {

using nlohmann::json;
using Ring = std::vector<std::pair<double, double>>;  // (lon, lat)

constexpr double kRad = std::numbers::pi / 180.0;

// Every ring of the `countries` object, decoded (delta-encoded, quantised arcs).
std::vector<std::vector<Ring>> DecodePolygons(const json& topo) {
  std::vector<std::vector<Ring>> polygons;
  if (!topo.is_object() || !topo.contains("arcs") || !topo.contains("objects")) return polygons;
  const json& tr = topo.value("transform", json::object());
  const double sx = tr.contains("scale") ? tr["scale"][0].get<double>() : 1.0;
  const double sy = tr.contains("scale") ? tr["scale"][1].get<double>() : 1.0;
  const double tx = tr.contains("translate") ? tr["translate"][0].get<double>() : 0.0;
  const double ty = tr.contains("translate") ? tr["translate"][1].get<double>() : 0.0;
  const bool quantised = tr.contains("scale");
  std::vector<Ring> arcs;
  for (const json& arc : topo["arcs"]) {
    Ring pts;
    double x = 0, y = 0;
    for (const json& d : arc) {
      if (quantised) {
        x += d[0].get<double>();
        y += d[1].get<double>();
        pts.emplace_back(x * sx + tx, y * sy + ty);
      } else {
        pts.emplace_back(d[0].get<double>(), d[1].get<double>());
      }
    }
    arcs.push_back(std::move(pts));
  }
  auto ring_of = [&](const json& indices) {
    Ring out;
    for (const json& v : indices) {
      const int i = v.get<int>();
      const auto k = static_cast<std::size_t>(i >= 0 ? i : ~i);
      if (k >= arcs.size()) continue;
      Ring pts = arcs[k];
      if (i < 0) std::reverse(pts.begin(), pts.end());
      out.insert(out.end(), out.empty() ? pts.begin() : pts.begin() + 1, pts.end());
    }
    return out;
  };
  const json& countries = topo["objects"].value("countries", json::object());
  for (const json& g : countries.value("geometries", json::array())) {
    if (g.value("id", std::string()) == "010") continue;  // Antarctica, as on the web page
    const std::string type = g.value("type", "");
    std::vector<json> polys;
    if (type == "Polygon") polys.push_back(g["arcs"]);
    if (type == "MultiPolygon") {
      for (const json& p : g["arcs"]) polys.push_back(p);
    }
    for (const json& poly : polys) {
      std::vector<Ring> rings;
      for (const json& r : poly) rings.push_back(ring_of(r));
      polygons.push_back(std::move(rings));
    }
  }
  // Rings over the antimeridian continue east of 180°; the land just east of the date
  // line (Alaska's west) is repeated there.
  std::vector<std::vector<Ring>> east;
  for (auto& poly : polygons) {
    for (Ring& ring : poly) {
      double mn = 1e9, mx = -1e9;
      for (const auto& [lon, lat] : ring) mn = std::min(mn, lon), mx = std::max(mx, lon);
      if (mx - mn > 180) {
        for (auto& pt : ring) pt.first += pt.first < 0 ? 360.0 : 0.0;
      }
    }
    if (!poly.empty() && std::all_of(poly[0].begin(), poly[0].end(), [](const auto& pt) {
          return pt.first < -120 && pt.second > 45;
        })) {
      std::vector<Ring> copy = poly;
      for (Ring& ring : copy) {
        for (auto& pt : ring) pt.first += 360.0;
      }
      east.push_back(std::move(copy));
    }
  }
  polygons.insert(polygons.end(), east.begin(), east.end());
  return polygons;
}

}  // namespace

Projection::Projection(double lon0, double lon1, double lat0, double lat1, double width,
                       double height)
    : lon0_(lon0), lon1_(lon1), lat0_(lat0), lat1_(lat1), width_(width), height_(height) {
  kx_ = std::cos((lat0 + lat1) / 2 * kRad);
  const double w = std::max(1e-9, (lon1 - lon0) * kx_);
  const double h = std::max(1e-9, lat1 - lat0);
  scale_ = std::min(width / w, height / h);
  ox_ = (width - w * scale_) / 2;
  oy_ = (height - h * scale_) / 2;
}

Point Projection::operator()(double lon, double lat) const {
  return {ox_ + (lon - lon0_) * kx_ * scale_, oy_ + (lat1_ - lat) * scale_};
}

Projection FitFeatures(const std::vector<const json*>& collections, double width, double height) {
  double lon0 = std::numeric_limits<double>::max(), lon1 = -lon0, lat0 = lon0, lat1 = -lon0;
  auto add = [&](const json& c) {
    if (!c.is_array() || c.size() < 2 || !c[0].is_number()) return;
    lon0 = std::min(lon0, c[0].get<double>());
    lon1 = std::max(lon1, c[0].get<double>());
    lat0 = std::min(lat0, c[1].get<double>());
    lat1 = std::max(lat1, c[1].get<double>());
  };
  for (const json* fc : collections) {
    if (!fc || !fc->is_object()) continue;
    for (const json& f : fc->value("features", json::array())) {
      const json& g = f.value("geometry", json::object());
      const json& c = g.value("coordinates", json::array());
      if (g.value("type", "") == "Point") add(c);
      if (g.value("type", "") == "LineString") {
        for (const json& pt : c) add(pt);
      }
    }
  }
  if (lon0 > lon1) lon0 = -180, lon1 = 180, lat0 = -60, lat1 = 80;
  const double px = std::max(2.0, (lon1 - lon0) * 0.04), py = std::max(2.0, (lat1 - lat0) * 0.06);
  return Projection(lon0 - px, lon1 + px, std::max(-85.0, lat0 - py), std::min(85.0, lat1 + py),
                    width, height);
}

std::string LandPaths(const json& topology, const Projection& p, int* paths) {
  *paths = 0;
  std::string out;
  for (const auto& poly : DecodePolygons(topology)) {
    std::string d;
    for (const Ring& ring : poly) {
      double mn_lon = 1e9, mx_lon = -1e9, mn_lat = 1e9, mx_lat = -1e9;
      for (const auto& [lon, lat] : ring) {
        mn_lon = std::min(mn_lon, lon), mx_lon = std::max(mx_lon, lon);
        mn_lat = std::min(mn_lat, lat), mx_lat = std::max(mx_lat, lat);
      }
      if (mx_lon < p.lon0() || mn_lon > p.lon1() || mx_lat < p.lat0() || mn_lat > p.lat1()) continue;
      Point last{-1e9, -1e9};
      int kept = 0;
      std::string rd;
      for (const auto& [lon, lat] : ring) {
        const Point q = p(lon, lat);
        if (std::hypot(q.x - last.x, q.y - last.y) < 0.7) continue;
        rd += fmt::format("{}{:.1f} {:.1f}", kept == 0 ? "M" : "L", q.x, q.y);
        last = q;
        ++kept;
      }
      if (kept >= 3) d += rd + "Z";
    }
    if (d.empty()) continue;
    out += "<path class=\"land\" d=\"" + d + "\"/>";
    ++*paths;
  }
  return out;
}

std::string LinePath(const json& coordinates, const Projection& p) {
  std::string d;
  for (const json& c : coordinates) {
    if (!c.is_array() || c.size() < 2) continue;
    const Point q = p(c[0].get<double>(), c[1].get<double>());
    d += fmt::format("{}{:.1f} {:.1f}", d.empty() ? "M" : "L", q.x, q.y);
  }
  return d;
}

std::string Escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string UtilisationColour(double u) {
  if (!(u >= 0)) return "#a9aeb5";
  if (u < 0.6) return "#2e8540";
  if (u < 0.85) return "#d9a400";
  if (u < 0.999) return "#e0701b";
  return "#c0392b";
}

std::string HorizontalBars(const BarChart& chart) {
  static const char* kColours[] = {"#1f6fb4", "#e0701b", "#2e8540", "#7a4fa0", "#c0392b", "#5b6b84"};
  const double label_w = 380, bar_w = 420, row_h = 8.0 + 10.0 * static_cast<double>(chart.series_names.size());
  const double top = 26, height = top + row_h * static_cast<double>(chart.labels.size()) + 34;
  const double width = label_w + bar_w + 70;
  std::string s = fmt::format(
      "<svg class=\"chart\" data-testid=\"chart-{}\" viewBox=\"0 0 {} {}\" width=\"{}\" "
      "height=\"{}\" role=\"img\" aria-label=\"{}\"><text x=\"0\" y=\"14\" class=\"ct\">{}</text>",
      chart.id, width, height, width, height, Escape(chart.title), Escape(chart.title));
  int bars = 0;
  for (std::size_t r = 0; r < chart.labels.size(); ++r) {
    const double y = top + row_h * static_cast<double>(r);
    s += fmt::format("<text x=\"{}\" y=\"{:.1f}\" class=\"cl\" text-anchor=\"end\">{}</text>",
                     label_w - 6, y + row_h / 2 + 3, Escape(chart.labels[r]));
    for (std::size_t k = 0; k < chart.series_names.size(); ++k) {
      const double v = r < chart.values.size() && k < chart.values[r].size() ? chart.values[r][k] : NAN;
      if (!std::isfinite(v)) continue;
      const double w = bar_w * std::clamp(v, 0.0, 1.2) / 1.2;
      const double by = y + 4 + 10.0 * static_cast<double>(k);
      s += fmt::format(
          "<rect class=\"bar\" x=\"{}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"8\" fill=\"{}\">"
          "<title>{}: {}: {:.1f}%</title></rect><text x=\"{:.1f}\" y=\"{:.1f}\" class=\"cv\">{:.0f}%</text>",
          label_w, by, w, chart.series_names.size() > 1 ? kColours[k % 6] : UtilisationColour(v),
          Escape(chart.labels[r]), Escape(chart.series_names[k]), 100 * v, label_w + w + 4, by + 7.5,
          100 * v);
      ++bars;
    }
  }
  const double full = label_w + bar_w / 1.2;
  s += fmt::format("<line x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" class=\"full\"/>"
                   "<text x=\"{0}\" y=\"{3}\" class=\"cl\" text-anchor=\"middle\">100%</text>",
                   full, top - 4, height - 30, height - 18);
  if (chart.series_names.size() > 1) {
    double x = label_w;
    for (std::size_t k = 0; k < chart.series_names.size(); ++k) {
      s += fmt::format("<rect x=\"{:.0f}\" y=\"{}\" width=\"10\" height=\"8\" fill=\"{}\"/>"
                       "<text x=\"{:.0f}\" y=\"{}\" class=\"cl\">{}</text>",
                       x, height - 10, kColours[k % 6], x + 14, height - 2,
                       Escape(chart.series_names[k]));
      x += 24 + 7.0 * static_cast<double>(chart.series_names[k].size());
    }
  }
  s += "</svg>";
  return fmt::format("<div class=\"chartbox\" data-bars=\"{}\">", bars) + s + "</div>";
}

}  // namespace corridor::report::svg
