#include "model/mode.h"

#include <string>

namespace corridor::model {
namespace {

constexpr std::array<std::string_view, kModeCount> kModeNames = {
    "rail_1520", "rail_1435", "road", "sea", "river", "pipeline"};
constexpr std::array<std::string_view, 5> kNodeKindNames = {"hub", "junction", "port",
                                                            "crossing", "terminal"};
constexpr std::array<std::string_view, 5> kCargoTypeNames = {
    "container", "dry_bulk", "liquid_bulk", "gas", "vehicles"};

template <typename Enum, std::size_t N>
std::optional<Enum> ParseName(const std::array<std::string_view, N>& names, std::string_view text) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == text) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view ModeName(Mode mode) { return kModeNames[static_cast<int>(mode)]; }
std::optional<Mode> ParseMode(std::string_view text) { return ParseName<Mode>(kModeNames, text); }

std::optional<ModeSet> ParseModeSet(std::string_view text, std::string* bad_token) {
  ModeSet set;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find_first_of(";| ", pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view token = text.substr(pos, end - pos);
    if (!token.empty()) {
      if (token == "rail") {
        set.insert(Mode::kRail1520);
        set.insert(Mode::kRail1435);
      } else if (auto m = ParseMode(token)) {
        set.insert(*m);
      } else {
        if (bad_token) *bad_token = std::string(token);
        return std::nullopt;
      }
    }
    pos = end + 1;
  }
  return set;
}

std::string FormatModeSet(ModeSet set) {
  std::string out;
  for (Mode m : kAllModes) {
    if (!set.contains(m)) continue;
    if (!out.empty()) out += ';';
    out += ModeName(m);
  }
  return out;
}

std::string_view NodeKindName(NodeKind kind) { return kNodeKindNames[static_cast<int>(kind)]; }
std::optional<NodeKind> ParseNodeKind(std::string_view text) {
  return ParseName<NodeKind>(kNodeKindNames, text);
}
std::string_view CargoTypeName(CargoType type) { return kCargoTypeNames[static_cast<int>(type)]; }
std::optional<CargoType> ParseCargoType(std::string_view text) {
  return ParseName<CargoType>(kCargoTypeNames, text);
}

}  // namespace corridor::model
