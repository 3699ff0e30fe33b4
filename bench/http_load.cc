// A closed-loop HTTP load generator for bench/api_load.sh: C keep-alive connections
// spread over T threads send GET TARGET as fast as answers come back, for S seconds,
// and report requests per second and latency percentiles. Built from the tests' raw
// client (http/test_client.h), so the benchmark needs no tool outside the project.
//
// Usage: http_load PORT TARGET [--connections 16] [--threads 2] [--seconds 10]
//                  [--header "Name: value" ...]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "http/test_client.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace client = corridor::http::testing;

struct Worker {
  std::vector<double> latencies_ms;
  long non_2xx = 0, errors = 0;
};

void Run(int port, const std::string& target, const client::Headers& headers, int connections,
         Clock::time_point end, Worker& out) {
  std::vector<client::RawConnection> conns;
  for (int i = 0; i < connections; ++i) conns.emplace_back(port);
  std::size_t next = 0;
  while (Clock::now() < end) {
    client::RawConnection& c = conns[next++ % conns.size()];
    if (!c.connected()) c = client::RawConnection(port);
    const auto t0 = Clock::now();
    const auto r = c.Request("GET", target, "", headers);
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    if (r.status == 0) {
      ++out.errors;
      c = client::RawConnection(port);
      continue;
    }
    if (r.status < 200 || r.status >= 300) ++out.non_2xx;
    out.latencies_ms.push_back(ms);
  }
}

double Percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0.0;
  const std::size_t k = std::min(v.size() - 1, static_cast<std::size_t>(p * (v.size() - 1) + 0.5));
  std::nth_element(v.begin(), v.begin() + static_cast<long>(k), v.end());
  return v[k];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: http_load PORT TARGET [--connections C] [--threads T] "
                         "[--seconds S] [--header 'Name: value' ...]\n");
    return 1;
  }
  const int port = std::atoi(argv[1]);
  const std::string target = argv[2];
  int connections = 16, threads = 2;
  double seconds = 10;
  client::Headers headers;
  for (int i = 3; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--connections") connections = std::max(1, std::atoi(value.c_str()));
    else if (flag == "--threads") threads = std::max(1, std::atoi(value.c_str()));
    else if (flag == "--seconds") seconds = std::atof(value.c_str());
    else if (flag == "--header" && value.find(':') != std::string::npos) {
      const auto colon = value.find(':');
      headers.emplace_back(value.substr(0, colon), value.substr(value.find_first_not_of(' ', colon + 1)));
    } else {
      std::fprintf(stderr, "http_load: unknown or malformed option %s %s\n", flag.c_str(), value.c_str());
      return 1;
    }
  }
  const auto start = Clock::now();
  const auto end = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  std::vector<Worker> workers(static_cast<std::size_t>(threads));
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    const int share = connections / threads + (t < connections % threads ? 1 : 0);
    pool.emplace_back(Run, port, target, headers, std::max(1, share), end, std::ref(workers[static_cast<std::size_t>(t)]));
  }
  for (auto& th : pool) th.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<double> all;
  long non_2xx = 0, errors = 0;
  for (auto& w : workers) {
    all.insert(all.end(), w.latencies_ms.begin(), w.latencies_ms.end());
    non_2xx += w.non_2xx;
    errors += w.errors;
  }
  const double rps = static_cast<double>(all.size()) / elapsed;
  const double p50 = Percentile(all, 0.50), p99 = Percentile(all, 0.99);
  std::printf("requests %zu rps %.0f p50_ms %.3f p99_ms %.3f non_2xx %ld errors %ld\n", all.size(), rps,
              p50, p99, non_2xx, errors);
  return errors > 0 || non_2xx > 0 ? 3 : 0;
}
