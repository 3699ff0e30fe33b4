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

namespace {

// Calls add(token) for every non-empty token of `text` split at ';', '|' or ' ';
// stops and returns false (with *bad_token set) at the first token add refuses.
template <typename Add>
bool ForEachToken(std::string_view text, std::string* bad_token, Add add) {
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find_first_of(";| ", pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view token = text.substr(pos, end - pos);
    if (!token.empty() && !add(token)) {
      if (bad_token) *bad_token = std::string(token);
      return false;
    }
    pos = end + 1;
  }
  return true;
}

}  // namespace

std::optional<ModeSet> ParseModeSet(std::string_view text, std::string* bad_token) {
  ModeSet set;
  const bool ok = ForEachToken(text, bad_token, [&](std::string_view token) {
    if (token == "rail") {
      set.insert(Mode::kRail1520);
      set.insert(Mode::kRail1435);
    } else if (auto m = ParseMode(token)) {
      set.insert(*m);
    } else {
      return false;
    }
    return true;
  });
  if (!ok) return std::nullopt;
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

std::optional<CargoSet> ParseCargoSet(std::string_view text, std::string* bad_token) {
  CargoSet set;
  const bool ok = ForEachToken(text, bad_token, [&](std::string_view token) {
    if (token == "all") {
      set = CargoSet::All();
    } else if (auto t = ParseCargoType(token)) {
      set.insert(*t);
    } else {
      return false;
    }
    return true;
  });
  if (!ok) return std::nullopt;
  return set;
}

std::string FormatCargoSet(CargoSet set) {
  if (set.is_all()) return "all";
  std::string out;
  for (CargoType t : kAllCargoTypes) {
    if (!set.contains(t)) continue;
    if (!out.empty()) out += ';';
    out += CargoTypeName(t);
  }
  return out;
}

}  // namespace corridor::model
