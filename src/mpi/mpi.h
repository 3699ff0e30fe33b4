// Running one command over several processes started by `mpirun` (OpenMPI), as an
// optional build dependency: without MPI found by CMake, Built() is false and a
// Session is never active, and the binary works as a single process.
//
// MPI is initialised only when the process was started by mpirun (its environment
// says so), so a plain `corridor ...` never touches MPI.
#pragma once

#include <string>
#include <vector>

namespace corridor::mpi {

bool Built();
// The environment of a process started by mpirun / mpiexec (OpenMPI, PMI, PMIx).
bool LaunchedByMpirun();

class Session {
 public:
  // Initialises MPI when Built() and LaunchedByMpirun(); otherwise inactive (rank 0 of 1).
  Session();
  ~Session();  // finalises MPI if it initialised it
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  bool active() const { return active_; }
  int rank() const { return rank_; }
  int size() const { return size_; }
  // Every rank's `mine`, indexed by rank (collective: every rank must call it).
  std::vector<std::vector<double>> AllGather(const std::vector<double>& mine) const;
  bool AllTrue(bool value) const;  // true when `value` is true on every rank (collective)

 private:
  bool active_ = false;
  int rank_ = 0;
  int size_ = 1;
};

}  // namespace corridor::mpi
