// Strong integer ids. String keys live only at the edges (files, API) and are
// mapped to dense ids once; inside the engine every index has its own type so a
// NodeId cannot be passed where an ArcId is expected.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <limits>

namespace corridor {

template <typename Tag, typename Rep = std::int32_t>
class StrongId {
 public:
  using rep_type = Rep;
  constexpr StrongId() = default;
  constexpr explicit StrongId(Rep v) : value_(v) {}
  static constexpr StrongId Invalid() { return StrongId(); }
  constexpr Rep value() const { return value_; }
  constexpr bool valid() const { return value_ != kInvalid; }
  // Convenience for indexing parallel arrays.
  constexpr std::size_t index() const { return static_cast<std::size_t>(value_); }
  friend constexpr auto operator<=>(StrongId, StrongId) = default;

 private:
  static constexpr Rep kInvalid = std::numeric_limits<Rep>::max();
  Rep value_ = kInvalid;
};

// Physical (dataset) entities.
struct NodeTag {};
struct LinkTag {};
struct CommodityTag {};
struct CrossingTag {};
struct TransferTag {};
using NodeId = StrongId<NodeTag>;
using LinkId = StrongId<LinkTag>;
using CommodityId = StrongId<CommodityTag>;
using CrossingId = StrongId<CrossingTag>;
using TransferId = StrongId<TransferTag>;

// Virtual network entities.
struct VNodeTag {};
struct ArcTag {};
struct ResourceTag {};
using VNodeId = StrongId<VNodeTag>;
using ArcId = StrongId<ArcTag>;
using ResourceId = StrongId<ResourceTag>;

}  // namespace corridor

template <typename Tag, typename Rep>
struct std::hash<corridor::StrongId<Tag, Rep>> {
  std::size_t operator()(corridor::StrongId<Tag, Rep> id) const noexcept {
    return std::hash<Rep>()(id.value());
  }
};
