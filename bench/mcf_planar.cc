// Writes a planar-family instance (mcf/planar_instance.h) in the grid/planar format
// (../shared/benchmarks/README.md, "mmcf/"), for mcf_solve and for other solvers:
//   mcf_planar NODES ARCS COMMODITIES SEED OUT
// planar2500's shape: mcf_planar 2500 12990 81430 1 planar2500_gen
#include <cstdio>
#include <cstdlib>
#include <string>

#include "mcf/planar_instance.h"

int main(int argc, char** argv) {
  if (argc != 6) {
    std::fprintf(stderr, "usage: mcf_planar NODES ARCS COMMODITIES SEED OUT\n");
    return 2;
  }
  corridor::mcf::PlanarInstanceSpec spec;
  spec.num_nodes = std::atoi(argv[1]);
  spec.num_arcs = std::atoi(argv[2]);
  spec.num_commodities = std::atoi(argv[3]);
  const auto inst = corridor::mcf::GeneratePlanarInstance(spec, std::strtoull(argv[4], nullptr, 10));
  std::FILE* out = std::fopen(argv[5], "w");
  if (out == nullptr) {
    std::fprintf(stderr, "mcf_planar: cannot write %s\n", argv[5]);
    return 1;
  }
  std::fprintf(out, "%d\n%d\n%d\n", inst.num_nodes, inst.num_arcs(), inst.num_commodities());
  for (const auto& a : inst.arcs) {
    std::fprintf(out, "%d %d %.0f %.0f\n", a.tail.value() + 1, a.head.value() + 1, a.cost, a.capacity);
  }
  for (const auto& c : inst.commodities) {
    std::fprintf(out, "%d %d %.0f\n", c.origin.value() + 1, c.destination.value() + 1, c.demand);
  }
  std::fclose(out);
  std::printf("%s: %d nodes, %d arcs, %d commodities\n", argv[5], inst.num_nodes, inst.num_arcs(),
              inst.num_commodities());
  return 0;
}
