// Transport modes, node kinds and cargo types, with their file spellings.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace corridor::model {

// A rail gauge is a mode of its own: changing gauge is a transfer between modes.
enum class Mode : std::uint8_t { kRail1520, kRail1435, kRoad, kSea, kRiver, kPipeline };
inline constexpr int kModeCount = 6;
inline constexpr std::array<Mode, kModeCount> kAllModes = {
    Mode::kRail1520, Mode::kRail1435, Mode::kRoad, Mode::kSea, Mode::kRiver, Mode::kPipeline};

// "rail_1520", "rail_1435", "road", "sea", "river", "pipeline".
std::string_view ModeName(Mode mode);
std::optional<Mode> ParseMode(std::string_view text);

// A set of enum values (0 .. N-1) as a bit mask.
template <typename Enum, int N>
class EnumSet {
 public:
  constexpr EnumSet() = default;
  static constexpr EnumSet All() { return EnumSet((1u << N) - 1); }
  constexpr bool contains(Enum e) const { return bits_ & Bit(e); }
  constexpr void insert(Enum e) { bits_ |= Bit(e); }
  constexpr void erase(Enum e) { bits_ &= ~Bit(e); }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr bool is_all() const { return bits_ == All().bits_; }
  constexpr std::uint32_t bits() const { return bits_; }
  friend constexpr bool operator==(EnumSet, EnumSet) = default;

 private:
  constexpr explicit EnumSet(std::uint32_t b) : bits_(b) {}
  static constexpr std::uint32_t Bit(Enum e) { return 1u << static_cast<unsigned>(e); }
  std::uint32_t bits_ = 0;
};

// A set of modes. "rail" in a file means both gauges.
using ModeSet = EnumSet<Mode, kModeCount>;

// Parses "rail_1520;road;sea" or "rail;road" (separators ';', '|' or ' ').
// Returns nullopt and sets *bad_token on an unknown mode.
std::optional<ModeSet> ParseModeSet(std::string_view text, std::string* bad_token);
std::string FormatModeSet(ModeSet set);

enum class NodeKind : std::uint8_t { kHub, kJunction, kPort, kCrossing, kTerminal };
std::string_view NodeKindName(NodeKind kind);
std::optional<NodeKind> ParseNodeKind(std::string_view text);

enum class CargoType : std::uint8_t { kContainer, kDryBulk, kLiquidBulk, kGas, kVehicles };
inline constexpr int kCargoTypeCount = 5;
inline constexpr std::array<CargoType, kCargoTypeCount> kAllCargoTypes = {
    CargoType::kContainer, CargoType::kDryBulk, CargoType::kLiquidBulk, CargoType::kGas,
    CargoType::kVehicles};
std::string_view CargoTypeName(CargoType type);
std::optional<CargoType> ParseCargoType(std::string_view text);

using CargoSet = EnumSet<CargoType, kCargoTypeCount>;

// Parses "all" or "container;dry_bulk" (separators ';', '|' or ' '). Returns nullopt
// and sets *bad_token on an unknown cargo type.
std::optional<CargoSet> ParseCargoSet(std::string_view text, std::string* bad_token);
std::string FormatCargoSet(CargoSet set);

}  // namespace corridor::model
