// Static directed graph in compressed sparse row (forward and backward star).
//
// Links keep the LinkId they were given (their position in the input arrays);
// OutLinks(v) and InLinks(v) are contiguous spans of LinkId, so a traversal
// touches no per-arc heap object. Parallel links and self-loops are allowed.
// Build: O(n + m) time and memory.
#pragma once

#include <span>
#include <vector>

#include "core/ids.h"

namespace corridor::paths {

class Graph {
 public:
  Graph() = default;
  // tails[i] -> heads[i] is LinkId(i); every id must be < node_count.
  Graph(int node_count, std::span<const NodeId> tails, std::span<const NodeId> heads);

  int node_count() const { return node_count_; }
  int link_count() const { return static_cast<int>(tail_.size()); }
  NodeId tail(LinkId link) const { return tail_[link.index()]; }
  NodeId head(LinkId link) const { return head_[link.index()]; }
  std::span<const LinkId> OutLinks(NodeId node) const {
    return {out_links_.data() + out_begin_[node.index()],
            out_links_.data() + out_begin_[node.index() + 1]};
  }
  std::span<const LinkId> InLinks(NodeId node) const {
    return {in_links_.data() + in_begin_[node.index()],
            in_links_.data() + in_begin_[node.index() + 1]};
  }

 private:
  int node_count_ = 0;
  std::vector<NodeId> tail_, head_;
  std::vector<int> out_begin_, in_begin_;
  std::vector<LinkId> out_links_, in_links_;
};

}  // namespace corridor::paths
