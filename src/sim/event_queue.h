// The simulation's future event list: a binary heap keyed by (time, sequence number).
//
// The sequence number breaks ties in insertion order, so two events at the same time
// are always handled in the same order and a run is reproducible bit for bit. A plain
// array heap (std::push_heap/pop_heap on a vector) beats node-based containers by a
// wide margin at the few dozen pending events an element has (docs/architecture.md).
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace corridor::sim {

struct Event {
  double time_h = 0.0;
  std::uint64_t seq = 0;
  std::uint32_t kind = 0;   // meaning chosen by the model
  std::uint32_t index = 0;  // e.g. the stream or server it concerns
};

class EventQueue {
 public:
  void Push(double time_h, std::uint32_t kind, std::uint32_t index) {
    heap_.push_back({time_h, next_seq_++, kind, index});
    std::push_heap(heap_.begin(), heap_.end(), Later{});
  }
  // The earliest event (precondition: !empty()).
  Event Pop() {
    std::pop_heap(heap_.begin(), heap_.end(), Later{});
    const Event e = heap_.back();
    heap_.pop_back();
    return e;
  }
  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  std::uint64_t pushed() const { return next_seq_; }
  void Clear() {
    heap_.clear();
    next_seq_ = 0;
  }

 private:
  // A function object, not a function pointer, so the heap operations inline it.
  struct Later {
    bool operator()(const Event& a, const Event& b) const {
      return a.time_h != b.time_h ? a.time_h > b.time_h : a.seq > b.seq;
    }
  };
  std::vector<Event> heap_;
  std::uint64_t next_seq_ = 0;
};

}  // namespace corridor::sim
