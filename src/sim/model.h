// What the simulation takes and gives, in plain structs (no routing types): the
// engine/ facade builds a Model from a routing result and a scenario's dated events.
//
// One element (a crossing, a gauge-change or port transfer) is a multi-server queue:
// batches (trains, trucks, ships) arrive in Poisson streams, wait in one FIFO queue
// (AEO batches first under the priority policy) and are served by parallel servers
// (tracks, lanes, inspection posts, berths) whose number available on a day follows
// the element's capacity factor of that day (0 = closed). Clocks are in hours; day d
// covers [24 d, 24 (d + 1)) of the simulated period, after the warm-up.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace corridor::sim {

enum class ServiceDist : std::uint8_t { kExponential, kDeterministic, kErlang };
// kPriority: certified batches go ahead of the others in the queue; kDedicated:
// `dedicated_servers` of the servers take certified batches only (a green lane), which
// may also use the others.
enum class AeoPolicy : std::uint8_t { kNone, kPriority, kDedicated };

std::string_view ServiceDistName(ServiceDist d);
std::string_view AeoPolicyName(AeoPolicy p);

// A Poisson stream of batches of one kind (e.g. container trains from RU).
struct ArrivalStream {
  std::string label;                 // "from RU, container"
  double batches_per_hour = 0.0;     // mean rate over the period (profile mean 1)
  double tonnes_per_batch = 1.0;
  double aeo_share = 0.0;            // share of batches that are AEO-certified
  double service_mean_h = 1.0;       // mean service time of a standard batch
  double service_mean_aeo_h = 1.0;   // mean service time of a certified batch
  double value_of_time_usd_per_t_h = 0.0;
};

// A period of reduced capacity (from a dated event), for the closure report.
struct Disruption {
  std::string label;  // "closed 2021-12-11..2021-12-19" or "capacity 0.1 ..."
  int from_day = 0;   // first day, 0-based in the period
  int to_day = 0;     // one past the last day
  double factor = 0.0;
};

struct Element {
  std::string id;    // "crossing:POG_SFH_ROAD"
  std::string kind;  // crossing | transfer
  std::string mode;  // road, rail, sea, ...
  int servers = 1;
  ServiceDist service = ServiceDist::kExponential;
  int erlang_k = 2;
  AeoPolicy aeo = AeoPolicy::kNone;
  int dedicated_servers = 0;
  std::vector<ArrivalStream> streams;
  // Per day of the period: share of the servers available (empty = 1 every day);
  // days beyond the vector's end and the warm-up use 1.
  std::vector<double> capacity_factor;
  // Per day of the period: multiplier of every stream's rate (empty = 1).
  std::vector<double> arrival_factor;
  std::vector<Disruption> disruptions;
};

struct Model {
  std::vector<Element> elements;
};

struct Options {
  int days = 365;           // simulated period after the warm-up
  double warmup_days = 30;  // simulated first with factors 1 and discarded
  int replications = 20;
  std::uint64_t seed = 1;
  int threads = 1;          // output identical for any value
  double delay_threshold_h = 24;  // a batch waiting longer counts as delayed
};

// Fixed bin edges of the waiting-time histogram, hours (last bin open-ended).
inline constexpr double kWaitBinEdges[] = {0,  1,  2,   4,   8,   12,  24, 48,
                                           72, 96, 168, 336, 720, 1440};
inline constexpr int kWaitBins = static_cast<int>(sizeof(kWaitBinEdges) / sizeof(double));

// One element in one replication.
struct ElementRun {
  // Counts in the measured period (after the warm-up).
  std::int64_t in_system_at_start = 0;  // queue + in service when measuring starts
  std::int64_t arrived = 0;
  std::int64_t served = 0;              // finished service
  std::int64_t in_queue_end = 0;
  std::int64_t in_service_end = 0;
  double arrived_t = 0.0;
  double served_t = 0.0;
  double backlog_t = 0.0;               // tonnes in the queue at the end
  // Waiting time in the queue (hours) of batches that started service.
  double wait_mean_h = 0.0, wait_p50_h = 0.0, wait_p95_h = 0.0, wait_p99_h = 0.0,
         wait_max_h = 0.0;
  double wait_mean_aeo_h = 0.0, wait_mean_standard_h = 0.0;  // by class
  std::vector<std::int64_t> wait_histogram;  // kWaitBins counts
  double queue_mean = 0.0;        // time-average batches waiting
  double queue_max = 0.0;
  double utilisation = 0.0;       // busy server-hours / available server-hours
  // Little's law: time-average queue vs arrival rate x mean wait, where the mean wait
  // of the batches that arrived counts waits still running at the end.
  double little_l = 0.0, little_lambda_w = 0.0;
  double tonnes_delayed = 0.0;      // tonnes whose wait exceeded the threshold
  double tonne_days_delay = 0.0;    // tonnes x days waited (finished and running waits)
  double delay_cost_usd = 0.0;      // tonne-hours x value of time
  // Per day: batches waiting at the end of the day, most waiting during the day,
  // batches and tonnes served, servers available.
  std::vector<float> day_queue, day_queue_max, day_served, day_served_t, day_servers;
  // Per disruption: batches waiting at its end; days from its end until the queue is
  // back at its level when the disruption began (-1 = not within the period).
  std::vector<double> backlog_at_end, days_to_clear;
  std::uint64_t events = 0;
};

// A headline figure over the replications: mean and 95 % half-width (Student t).
struct Estimate {
  double mean = 0.0;
  double half_width = 0.0;
  double lo() const { return mean - half_width; }
  double hi() const { return mean + half_width; }
};

struct DisruptionSummary {
  Disruption disruption;
  Estimate backlog_at_end;    // batches
  Estimate days_to_clear;     // over the replications that cleared
  int cleared = 0;            // replications in which the backlog cleared
};

struct ElementSummary {
  const Element* element = nullptr;
  Estimate arrived_per_day, served_per_day, served_t_per_day;
  Estimate wait_mean_aeo_h, wait_mean_standard_h;
  Estimate wait_mean_h, wait_p50_h, wait_p95_h, wait_p99_h, wait_max_h;
  Estimate queue_mean, queue_max, queue_end, backlog_t;
  Estimate utilisation;
  Estimate tonnes_delayed, tonne_days_delay, delay_cost_usd;
  Estimate little_l, little_lambda_w;
  std::vector<std::int64_t> wait_histogram;  // pooled over the replications
  // Per day, mean over the replications.
  std::vector<double> day_queue, day_queue_hw, day_queue_max, day_served, day_served_t,
      day_servers;
  std::vector<DisruptionSummary> disruptions;
  bool unstable = false;  // arrivals exceed the capacity: the queue grows to the horizon
  bool no_servers = false;
};

struct SimResult {
  Options options;
  std::vector<ElementSummary> elements;  // in model order
  std::vector<std::vector<ElementRun>> runs;  // [element][replication]
  std::uint64_t events = 0;
  double seconds = 0.0;
};

}  // namespace corridor::sim
