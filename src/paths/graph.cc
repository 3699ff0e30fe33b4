#include "paths/graph.h"

#include <cassert>

namespace corridor::paths {
namespace {

// Counting sort of the links by `key` node into a CSR (begin offsets, link list).
void BuildStar(int node_count, std::span<const NodeId> key, std::vector<int>& begin,
               std::vector<LinkId>& links) {
  begin.assign(node_count + 1, 0);
  for (NodeId v : key) ++begin[v.index() + 1];
  for (int v = 0; v < node_count; ++v) begin[v + 1] += begin[v];
  links.resize(key.size());
  std::vector<int> next(begin.begin(), begin.end() - 1);
  for (std::size_t i = 0; i < key.size(); ++i) {
    links[next[key[i].index()]++] = LinkId(static_cast<LinkId::rep_type>(i));
  }
}

}  // namespace

Graph::Graph(int node_count, std::span<const NodeId> tails, std::span<const NodeId> heads)
    : node_count_(node_count), tail_(tails.begin(), tails.end()), head_(heads.begin(), heads.end()) {
  assert(tails.size() == heads.size());
  for (std::size_t i = 0; i < tails.size(); ++i) {
    assert(tails[i].valid() && tails[i].value() < node_count);
    assert(heads[i].valid() && heads[i].value() < node_count);
  }
  BuildStar(node_count, tails, out_begin_, out_links_);
  BuildStar(node_count, heads, in_begin_, in_links_);
}

}  // namespace corridor::paths
