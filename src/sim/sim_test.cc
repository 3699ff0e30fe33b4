#include <gtest/gtest.h>

#include <cmath>

#include "sim/event_queue.h"
#include "sim/random.h"
#include "sim/simulate.h"
#include "sim/stats.h"

namespace corridor::sim {
namespace {

Element Queue(const std::string& id, double lambda, double mu, int c,
              ServiceDist dist = ServiceDist::kExponential) {
  Element e;
  e.id = id;
  e.servers = c;
  e.service = dist;
  ArrivalStream s;
  s.label = "all";
  s.batches_per_hour = lambda;
  s.service_mean_h = s.service_mean_aeo_h = 1.0 / mu;
  s.tonnes_per_batch = 10;
  s.value_of_time_usd_per_t_h = 2;
  e.streams.push_back(s);
  return e;
}

Options Opts(int days, int reps = 20, std::uint64_t seed = 7) {
  Options o;
  o.days = days;
  o.warmup_days = 20;
  o.replications = reps;
  o.seed = seed;
  return o;
}

SimResult RunSim(const Model& m, const Options& o) {
  auto r = Simulate(m, o);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return std::move(r).value();
}

// The estimate is within two half-widths of the theory (about the 99.99 % level).
void ExpectNear(const Estimate& e, double theory) {
  EXPECT_GT(e.half_width, 0);
  EXPECT_LE(std::abs(e.mean - theory), 2 * e.half_width)
      << "simulated " << e.mean << " +- " << e.half_width << ", theory " << theory;
  EXPECT_LT(e.half_width, 0.1 * theory) << "interval too wide to say anything";
}

TEST(SimEventQueue, OrdersByTimeThenInsertion) {
  EventQueue q;
  q.Push(2.0, 0, 1);
  q.Push(1.0, 0, 2);
  q.Push(2.0, 0, 3);
  q.Push(0.5, 0, 4);
  EXPECT_EQ(q.Pop().index, 4u);
  EXPECT_EQ(q.Pop().index, 2u);
  EXPECT_EQ(q.Pop().index, 1u);
  EXPECT_EQ(q.Pop().index, 3u);
  EXPECT_TRUE(q.empty());
}

TEST(SimRandom, StreamsDependOnTheirKeyOnly) {
  Stream a(StreamKey(1, 0, "crossing:A", "arrivals", 0));
  Stream b(StreamKey(1, 0, "crossing:A", "arrivals", 0));
  Stream c(StreamKey(1, 0, "crossing:B", "arrivals", 0));
  const auto x = a.Next();
  EXPECT_EQ(x, b.Next());
  EXPECT_NE(x, c.Next());
  double sum = 0;
  for (int i = 0; i < 100000; ++i) sum += a.Exponential(2.0);
  EXPECT_NEAR(sum / 100000, 2.0, 0.05);
}

TEST(SimStats, StudentAndErlang) {
  EXPECT_NEAR(StudentT975(19), 2.093, 1e-3);
  EXPECT_NEAR(StudentT975(40), 2.0211, 1e-3);
  EXPECT_NEAR(StudentT975(120), 1.9799, 1e-3);
  // M/M/1: Wq = rho / (mu - lambda).
  EXPECT_NEAR(ErlangCWaitH(0.8, 1.0, 1), 4.0, 1e-12);
  // M/M/2, lambda 1, mu 1: P(wait) = 1/3, Wq = 1/3.
  EXPECT_NEAR(ErlangCWaitH(1.0, 1.0, 2), 1.0 / 3.0, 1e-12);
  EXPECT_TRUE(std::isinf(ErlangCWaitH(2.0, 1.0, 2)));
}

TEST(SimValidation, MM1MatchesTheory) {
  const auto r = RunSim({{Queue("mm1", 0.7, 1.0, 1)}}, Opts(300));
  ExpectNear(r.elements[0].wait_mean_h, ErlangCWaitH(0.7, 1.0, 1));
  ExpectNear(r.elements[0].utilisation, 0.7);
}

TEST(SimValidation, MMcMatchesErlangC) {
  const auto r = RunSim({{Queue("mmc", 4.5, 1.0, 5)}}, Opts(300));
  ExpectNear(r.elements[0].wait_mean_h, ErlangCWaitH(4.5, 1.0, 5));
}

TEST(SimValidation, MD1MatchesPollaczekKhinchine) {
  const auto r = RunSim({{Queue("md1", 0.7, 1.0, 1, ServiceDist::kDeterministic)}}, Opts(300));
  ExpectNear(r.elements[0].wait_mean_h, PollaczekKhinchineWaitH(0.7, 1.0, 0.0));
}

TEST(SimValidation, ME2OneMatchesPollaczekKhinchine) {
  Element e = Queue("me21", 0.7, 1.0, 1, ServiceDist::kErlang);
  e.erlang_k = 2;
  const auto r = RunSim({{e}}, Opts(300));
  ExpectNear(r.elements[0].wait_mean_h, PollaczekKhinchineWaitH(0.7, 1.0, 0.5));
}

Model Mixed() {
  Model m;
  m.elements.push_back(Queue("a", 0.5, 1.0, 1));
  m.elements.push_back(Queue("b", 3.0, 0.5, 8, ServiceDist::kErlang));
  Element closed = Queue("c", 2.0, 1.0, 3);
  closed.capacity_factor.assign(100, 1.0);
  for (int d = 30; d < 40; ++d) closed.capacity_factor[d] = 0.0;
  closed.disruptions.push_back({"closed", 30, 40, 0.0});
  m.elements.push_back(closed);
  Element aeo = Queue("d", 4.0, 1.0, 5);
  aeo.streams[0].aeo_share = 0.3;
  aeo.aeo = AeoPolicy::kPriority;
  m.elements.push_back(aeo);
  return m;
}

TEST(SimInvariants, ConservationAndLittleOnEveryElement) {
  const auto r = RunSim(Mixed(), Opts(100, 5));
  for (std::size_t el = 0; el < r.runs.size(); ++el) {
    for (const ElementRun& run : r.runs[el]) {
      EXPECT_EQ(run.in_system_at_start + run.arrived,
                run.served + run.in_queue_end + run.in_service_end)
          << r.elements[el].element->id;
      EXPECT_NEAR(run.little_l, run.little_lambda_w, 0.03 * run.little_l + 0.02)
          << r.elements[el].element->id;
    }
  }
}

TEST(SimInvariants, ClosureBuildsABacklogThatClears) {
  const auto r = RunSim(Mixed(), Opts(100, 5));
  const auto& d = r.elements[2].disruptions.at(0);
  // 10 days closed at 2 batches/h: about 480 batches waiting at the reopening.
  EXPECT_NEAR(d.backlog_at_end.mean, 480, 60);
  EXPECT_EQ(d.cleared, 5);
  // Spare capacity 1 batch/h clears 480 batches in about 20 days.
  EXPECT_NEAR(d.days_to_clear.mean, 20, 4);
  EXPECT_EQ(r.elements[2].day_servers[35], 0.0);
  EXPECT_GT(r.elements[2].day_queue[39], 400);
}

TEST(SimInvariants, PriorityShortensCertifiedWaits) {
  const auto r = RunSim(Mixed(), Opts(100, 5));
  EXPECT_LT(r.elements[3].wait_mean_aeo_h.mean, 0.5 * r.elements[3].wait_mean_standard_h.mean);
}

TEST(SimDeterminism, SameSeedAndAnyThreadCountGiveIdenticalOutput) {
  Options one = Opts(60, 6);
  Options three = one;
  three.threads = 3;
  const auto a = RunSim(Mixed(), one), b = RunSim(Mixed(), three);
  for (std::size_t el = 0; el < a.runs.size(); ++el) {
    for (std::size_t rep = 0; rep < a.runs[el].size(); ++rep) {
      EXPECT_EQ(a.runs[el][rep].arrived, b.runs[el][rep].arrived);
      EXPECT_EQ(a.runs[el][rep].wait_mean_h, b.runs[el][rep].wait_mean_h);
      EXPECT_EQ(a.runs[el][rep].day_queue, b.runs[el][rep].day_queue);
    }
    EXPECT_EQ(a.elements[el].wait_p95_h.mean, b.elements[el].wait_p95_h.mean);
  }
  Options other = one;
  other.seed = 8;
  EXPECT_NE(RunSim(Mixed(), other).runs[0][0].wait_mean_h, a.runs[0][0].wait_mean_h);
}

TEST(SimDeterminism, AddingAnElementLeavesTheOthersDraws) {
  Model m = Mixed();
  const auto a = RunSim(m, Opts(60, 3));
  m.elements.insert(m.elements.begin(), Queue("new", 1.0, 2.0, 1));
  const auto b = RunSim(m, Opts(60, 3));
  for (std::size_t el = 0; el < a.runs.size(); ++el) {
    EXPECT_EQ(a.runs[el][1].wait_mean_h, b.runs[el + 1][1].wait_mean_h);
  }
}

TEST(SimBadInput, ZeroServersGrowTheQueueToTheHorizon) {
  const auto r = RunSim({{Queue("none", 1.0, 1.0, 0)}}, Opts(50, 2));
  const ElementRun& run = r.runs[0][0];
  EXPECT_EQ(run.served, 0);
  EXPECT_EQ(run.in_queue_end, run.in_system_at_start + run.arrived);
  EXPECT_NEAR(static_cast<double>(run.in_queue_end), 70 * 24, 200);  // warm-up + period
  EXPECT_TRUE(r.elements[0].no_servers);
  EXPECT_TRUE(r.elements[0].unstable);
  EXPECT_GT(r.elements[0].backlog_t.mean, 0);
}

TEST(SimBadInput, NegativeOrNanRatesAreRefused) {
  Model m{{Queue("neg", -1.0, 1.0, 1)}};
  auto r = Simulate(m, Opts(10, 2));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("neg stream 'all': arrival rate"), std::string::npos);
  m.elements[0] = Queue("nan", 1.0, std::nan(""), 1);
  EXPECT_FALSE(Simulate(m, Opts(10, 2)).ok());
  m.elements[0] = Queue("huge", 1e9, 1.0, 1);
  EXPECT_FALSE(Simulate(m, Opts(10, 2)).ok());
}

TEST(SimControl, CancelStops) {
  Control c;
  c.cancelled = [] { return true; };
  auto r = Simulate(Mixed(), Opts(30, 2), c);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCancelled);
}

}  // namespace
}  // namespace corridor::sim
