#include "model/dataset.h"

#include <array>

namespace corridor::model {
namespace {

constexpr std::array<std::string_view, 5> kRefKindNames = {"link", "crossing", "transfer",
                                                           "resource", "port"};
constexpr std::array<std::string_view, 3> kDirectionNames = {"both", "forward", "reverse"};

}  // namespace

std::string_view RefKindName(RefKind kind) { return kRefKindNames[static_cast<int>(kind)]; }
std::string_view DirectionName(Direction d) { return kDirectionNames[static_cast<int>(d)]; }

std::optional<Direction> ParseDirection(std::string_view text) {
  if (text.empty()) return Direction::kBoth;
  for (std::size_t i = 0; i < kDirectionNames.size(); ++i) {
    if (kDirectionNames[i] == text) return static_cast<Direction>(i);
  }
  return std::nullopt;
}

std::optional<ElementRef> ParseElementRef(std::string_view text, std::string* error) {
  const std::size_t colon = text.find(':');
  auto fail = [&](std::string message) -> std::optional<ElementRef> {
    if (error) *error = std::move(message);
    return std::nullopt;
  };
  if (colon == std::string_view::npos) {
    return fail("must be kind:id with kind link, crossing, transfer, resource or port");
  }
  ElementRef ref;
  const std::string_view kind = text.substr(0, colon);
  std::size_t k = 0;
  while (k < kRefKindNames.size() && kRefKindNames[k] != kind) ++k;
  if (k == kRefKindNames.size()) {
    return fail("has unknown element kind '" + std::string(kind) +
                "' (known: link, crossing, transfer, resource, port)");
  }
  ref.kind = static_cast<RefKind>(k);
  std::string_view rest = text.substr(colon + 1);
  if (const std::size_t c2 = rest.rfind(':'); c2 != std::string_view::npos) {
    const auto dir = ParseDirection(rest.substr(c2 + 1));
    if (!dir || rest.substr(c2 + 1).empty()) {
      return fail("has unknown direction '" + std::string(rest.substr(c2 + 1)) +
                  "' (known: forward, reverse)");
    }
    if (ref.kind != RefKind::kLink && ref.kind != RefKind::kTransfer) {
      return fail("a direction applies to links and transfers only");
    }
    ref.direction = *dir;
    rest = rest.substr(0, c2);
  }
  if (rest.empty()) return fail("has an empty id");
  ref.id = std::string(rest);
  return ref;
}

std::string FormatElementRef(const ElementRef& ref) {
  std::string out = std::string(RefKindName(ref.kind)) + ":" + ref.id;
  if (ref.direction != Direction::kBoth) out += ":" + std::string(DirectionName(ref.direction));
  return out;
}

}  // namespace corridor::model
