// Process measures the benchmarks report: peak resident memory and CPU time.
#pragma once

#include <sys/resource.h>

#include <ctime>

namespace corridor::bench {

// High-water mark of the process's resident memory so far (getrusage), MiB.
inline double PeakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

// CPU time of the whole process (all threads), seconds.
inline double CpuSeconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

}  // namespace corridor::bench
