#include "gmns/wkt.h"

#include <cctype>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace corridor::gmns {
namespace {

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  void SkipBlanks() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool AtEnd() {
    SkipBlanks();
    return pos_ == text_.size();
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
    const std::size_t start = pos_;
    if (pos_ < text_.size() && text_[pos_] == '+') ++pos_;
    double v = 0.0;
    const auto [ptr, ec] = std::from_chars(text_.data() + pos_, text_.data() + text_.size(), v);
    if (ec != std::errc() || !std::isfinite(v)) {
      pos_ = start;
      return std::nullopt;
    }
    pos_ = static_cast<std::size_t>(ptr - text_.data());
    return v;
  }
  // The next few characters, for messages.
  std::string Next() {
    SkipBlanks();
    if (pos_ == text_.size()) return "the end";
    return fmt::format("'{}'", text_.substr(pos_, 12));
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

std::optional<std::vector<LonLat>> ParseLineString(std::string_view text, std::string* error) {
  Scanner s(text);
  const std::string type = s.Word();
  if (type != "LINESTRING") {
    *error = type.empty() ? "expected LINESTRING" : "expected LINESTRING, got " + type;
    return std::nullopt;
  }
  int ordinates = 2;
  const std::string dims = s.Word();
  if (dims == "Z" || dims == "M") ordinates = 3;
  else if (dims == "ZM") ordinates = 4;
  else if (!dims.empty()) {
    *error = "unknown dimension " + dims + " after LINESTRING";
    return std::nullopt;
  }
  if (!s.Take('(')) {
    *error = "expected '(' after LINESTRING, got " + s.Next();
    return std::nullopt;
  }
  std::vector<LonLat> points;
  while (true) {
    const int n = static_cast<int>(points.size()) + 1;
    double v[4] = {0, 0, 0, 0};
    for (int i = 0; i < ordinates; ++i) {
      auto x = s.Number();
      if (!x) {
        *error = fmt::format("point {}: expected a number, got {}", n, s.Next());
        return std::nullopt;
      }
      v[i] = *x;
    }
    if (v[0] < -180 || v[0] > 180 || v[1] < -90 || v[1] > 90) {
      *error = fmt::format("point {}: ({} {}) is not a longitude in [-180, 180] and a latitude "
                           "in [-90, 90]", n, v[0], v[1]);
      return std::nullopt;
    }
    points.push_back({v[0], v[1]});
    if (s.Take(')')) break;
    if (!s.Take(',')) {
      *error = fmt::format("expected ',' or ')' after point {}, got {}", n, s.Next());
      return std::nullopt;
    }
  }
  if (!s.AtEnd()) {
    *error = "text after the closing ')': " + s.Next();
    return std::nullopt;
  }
  if (points.size() < 2) {
    *error = "a LINESTRING needs at least two points";
    return std::nullopt;
  }
  return points;
}

std::string FormatLineString(const std::vector<LonLat>& points) {
  std::string out = "LINESTRING (";
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (i > 0) out += ", ";
    out += fmt::format("{} {}", points[i].lon, points[i].lat);
  }
  return out + ")";
}

}  // namespace corridor::gmns
