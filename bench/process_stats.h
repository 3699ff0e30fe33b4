// Process measures the benchmarks report: peak resident memory and CPU time.
#pragma once

#include <sys/resource.h>

#include <unistd.h>

#include <cstdio>
#include <ctime>

namespace corridor::bench {

// High-water mark of the process's resident memory so far (getrusage), MiB.
inline double PeakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

// Resident memory of the process now (/proc/self/statm), MiB; 0 if unreadable.
inline double CurrentRssMiB() {
  long pages_total = 0, pages_resident = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages_total, &pages_resident) != 2) pages_resident = 0;
    std::fclose(f);
  }
  return static_cast<double>(pages_resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) /
         (1024.0 * 1024.0);
}

// Resets the kernel's resident high-water mark (VmHWM) to the current resident
// size (Linux >= 4.0, /proc/self/clear_refs); false if that failed.
inline bool ResetPeakRss() {
  FILE* f = std::fopen("/proc/self/clear_refs", "w");
  if (!f) return false;
  const bool ok = std::fputs("5", f) >= 0;
  return std::fclose(f) == 0 && ok;
}

// VmHWM of /proc/self/status (the high-water mark since the last ResetPeakRss),
// MiB; 0 if unreadable.
inline double HighWaterRssMiB() {
  double kib = 0;
  if (FILE* f = std::fopen("/proc/self/status", "r")) {
    char line[256];
    while (std::fgets(line, sizeof line, f)) {
      if (std::sscanf(line, "VmHWM: %lf", &kib) == 1) break;
    }
    std::fclose(f);
  }
  return kib / 1024.0;
}

// CPU time of the whole process (all threads), seconds.
inline double CpuSeconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

}  // namespace corridor::bench
