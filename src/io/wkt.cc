#include "io/wkt.h"

#include <cctype>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace corridor::io {
namespace {

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}
  void SkipBlanks() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool AtEnd() {
    SkipBlanks();
    return pos_ >= text_.size();
  }
  bool Take(char c) {
    SkipBlanks();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  std::string Word() {
    SkipBlanks();
    std::string w;
    while (pos_ < text_.size() && std::isalpha(static_cast<unsigned char>(text_[pos_]))) {
      w += static_cast<char>(std::toupper(static_cast<unsigned char>(text_[pos_++])));
    }
    return w;
  }
  std::optional<double> Number() {
    SkipBlanks();
    const char* begin = text_.data() + pos_;
    const char* end = text_.data() + text_.size();
    if (begin < end && *begin == '+') ++begin;
    double v = 0.0;
    const auto [ptr, ec] = std::from_chars(begin, end, v);
    if (ec != std::errc() || !std::isfinite(v)) return std::nullopt;
    pos_ = static_cast<std::size_t>(ptr - text_.data());
    return v;
  }
  std::string Rest() const { return std::string(text_.substr(pos_, 20)); }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

std::optional<std::vector<model::GeoPoint>> ParseWktLineString(std::string_view text,
                                                                std::string* error) {
  Scanner s(text);
  const std::string keyword = s.Word();
  if (keyword != "LINESTRING") {
    *error = "must be a WKT LINESTRING (lon lat, ...), got '" + std::string(text.substr(0, 30)) + "'";
    return std::nullopt;
  }
  const std::string next = s.Word();
  if (next == "EMPTY" && s.AtEnd()) return std::vector<model::GeoPoint>{};
  if (!next.empty()) {
    *error = "LINESTRING " + next + " is not supported (2-D LINESTRING (lon lat, ...) only)";
    return std::nullopt;
  }
  if (!s.Take('(')) {
    *error = "expected '(' after LINESTRING";
    return std::nullopt;
  }
  std::vector<model::GeoPoint> points;
  while (true) {
    const std::size_t k = points.size() + 1;
    const auto lon = s.Number();
    const auto lat = lon ? s.Number() : std::nullopt;
    if (!lon || !lat) {
      *error = fmt::format("point {}: expected two numbers 'lon lat', got '{}'", k, s.Rest());
      return std::nullopt;
    }
    if (*lon < -180.0 || *lon > 180.0) {
      *error = fmt::format("point {}: longitude {} out of [-180, 180]", k, *lon);
      return std::nullopt;
    }
    if (*lat < -90.0 || *lat > 90.0) {
      *error = fmt::format("point {}: latitude {} out of [-90, 90]", k, *lat);
      return std::nullopt;
    }
    points.push_back({*lon, *lat});
    if (s.Take(',')) continue;
    if (s.Take(')')) break;
    *error = fmt::format("point {}: expected ',' or ')', got '{}'", k, s.Rest());
    return std::nullopt;
  }
  if (!s.AtEnd()) {
    *error = "unexpected text after ')': '" + s.Rest() + "'";
    return std::nullopt;
  }
  if (points.size() < 2) {
    *error = "a LINESTRING needs at least two points";
    return std::nullopt;
  }
  return points;
}

}  // namespace corridor::io
