#include "mpi/mpi.h"

#include <cstdlib>

#ifdef CORRIDOR_HAVE_MPI
#include <mpi.h>
#endif

namespace corridor::mpi {

bool Built() {
#ifdef CORRIDOR_HAVE_MPI
  return true;
#else
  return false;
#endif
}

bool LaunchedByMpirun() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"}) {
    if (std::getenv(name)) return true;
  }
  return false;
}

#ifdef CORRIDOR_HAVE_MPI

Session::Session() {
  if (!LaunchedByMpirun()) return;
  int initialised = 0;
  MPI_Initialized(&initialised);
  // Only the main thread calls MPI (between batches; the solver threads are joined).
  int provided = 0;
  if (!initialised && MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
    return;
  }
  active_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

Session::~Session() {
  if (active_) MPI_Finalize();
}

std::vector<std::vector<double>> Session::AllGather(const std::vector<double>& mine) const {
  if (!active_) return {mine};
  const int count = static_cast<int>(mine.size());
  std::vector<int> counts(static_cast<std::size_t>(size_));
  MPI_Allgather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, MPI_COMM_WORLD);
  std::vector<int> displacements(counts.size(), 0);
  long total = 0;
  for (std::size_t r = 0; r < counts.size(); ++r) {
    displacements[r] = static_cast<int>(total);
    total += counts[r];
  }
  std::vector<double> all(static_cast<std::size_t>(total));
  MPI_Allgatherv(mine.data(), count, MPI_DOUBLE, all.data(), counts.data(), displacements.data(),
                 MPI_DOUBLE, MPI_COMM_WORLD);
  std::vector<std::vector<double>> out(counts.size());
  for (std::size_t r = 0; r < counts.size(); ++r) {
    out[r].assign(all.begin() + displacements[r], all.begin() + displacements[r] + counts[r]);
  }
  return out;
}

bool Session::AllTrue(bool value) const {
  if (!active_) return value;
  int mine = value ? 1 : 0, all = 0;
  MPI_Allreduce(&mine, &all, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  return all == 1;
}

#else

Session::Session() = default;
Session::~Session() = default;
std::vector<std::vector<double>> Session::AllGather(const std::vector<double>& mine) const {
  return {mine};
}
bool Session::AllTrue(bool value) const { return value; }

#endif

}  // namespace corridor::mpi
