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

// 2 for a plain LINESTRING, 3 or 4 after Z / M / ZM; 0 (with *error) when refused.
int Ordinates(const std::string& word, ExtraOrdinates extra, std::string* error) {
  const int n = word.empty() ? 2 : (word == "Z" || word == "M") ? 3 : word == "ZM" ? 4 : 0;
  if (n == 0 || (n > 2 && extra == ExtraOrdinates::kRefuse)) {
    *error = "LINESTRING " + word + " is not supported (2-D LINESTRING (lon lat, ...) only)";
    return 0;
  }
  return n;
}

}  // namespace

std::optional<std::vector<model::GeoPoint>> ParseWktLineString(std::string_view text,
                                                                std::string* error,
                                                                ExtraOrdinates extra) {
  Scanner s(text);
  const std::string keyword = s.Word();
  if (keyword != "LINESTRING") {
    *error = "must be a WKT LINESTRING (lon lat, ...), got '" + std::string(text.substr(0, 30)) + "'";
    return std::nullopt;
  }
  const std::string next = s.Word();
  if (next == "EMPTY" && s.AtEnd()) return std::vector<model::GeoPoint>{};
  const int ordinates = Ordinates(next, extra, error);
  if (ordinates == 0) return std::nullopt;
  if (!s.Take('(')) {
    *error = "expected '(' after LINESTRING";
    return std::nullopt;
  }
  std::vector<model::GeoPoint> points;
  while (true) {
    const std::size_t k = points.size() + 1;
    const auto lon = s.Number();
    const auto lat = lon ? s.Number() : std::nullopt;
    bool extra_ok = true;
    for (int i = 2; i < ordinates && extra_ok; ++i) extra_ok = s.Number().has_value();
    if (!lon || !lat || !extra_ok) {
      *error = fmt::format("point {}: expected {} numbers, got '{}'", k,
                           ordinates == 2 ? "two" : ordinates == 3 ? "three" : "four", s.Rest());
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

std::string FormatWktLineString(const std::vector<model::GeoPoint>& points) {
  std::string out = "LINESTRING (";
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (i > 0) out += ", ";
    out += fmt::format("{} {}", points[i].lon, points[i].lat);
  }
  return out + ")";
}

}  // namespace corridor::io
