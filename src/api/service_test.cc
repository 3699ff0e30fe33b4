// The HTTP API through its route table (no sockets: server_test.cc covers the wire),
// on an in-memory store and the example and China–Russia datasets.
#include "api/service.h"
#include "auth/auth.h"

#include <set>
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "api/compare_view.h"
#include "engine/engine.h"
#include "engine/options.h"

namespace corridor::api {
namespace {

using nlohmann::json;

const std::string kExample = std::string(CORRIDOR_SOURCE_DIR) + "/examples/example-corridor";
const std::string kChinaRussia = std::string(CORRIDOR_SOURCE_DIR) + "/data/china-russia-2022";

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override { Start({}); }

  void Start(ServiceOptions options) {
    service_.reset();
    // Folders are read only under the data root (docs/http_api.md, "Datasets").
    if (options.data_root.empty()) options.data_root = CORRIDOR_SOURCE_DIR;
    auto s = store::Store::Open(":memory:");
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    service_ = std::make_unique<Service>(*store_, options);
    router_ = http::Router();
    service_->Register(router_);
  }

  void TearDown() override { service_.reset(); }

  // A user of an accounts server and the API token it calls with.
  std::string AddUser(const std::string& name, store::Role role) {
    auto hash = auth::HashPassword("password-of-" + name);
    EXPECT_TRUE(hash.ok());
    auto user = store_->CreateUser(name, role, *hash);
    EXPECT_TRUE(user.ok()) << user.status().ToString();
    const std::string secret = auth::NewSecret();
    EXPECT_TRUE(store_->CreateToken(user->id, "test", "api", auth::SecretHash(secret), "").ok());
    return secret;
  }
  std::string bearer_;  // sent as Authorization: Bearer when not empty

  http::Response Call(const std::string& method, const std::string& target,
                      const std::string& body = "", const std::string& type = "application/json") {
    http::Request req;
    req.method = method;
    req.target = target;
    const auto q = target.find('?');
    req.path = target.substr(0, q);
    if (q != std::string::npos) {
      std::string rest = target.substr(q + 1);
      std::size_t start = 0;
      while (start <= rest.size()) {
        const auto amp = rest.find('&', start);
        const std::string pair = rest.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
        const auto eq = pair.find('=');
        if (!pair.empty()) req.query[pair.substr(0, eq)] = eq == std::string::npos ? "" : pair.substr(eq + 1);
        if (amp == std::string::npos) break;
        start = amp + 1;
      }
    }
    req.body = body;
    if (!type.empty()) req.headers.emplace_back("Content-Type", type);
    if (!bearer_.empty()) req.headers.emplace_back("Authorization", "Bearer " + bearer_);
    return router_.Dispatch(req);
  }

  json CallJson(const std::string& method, const std::string& target, const json& body, int expect) {
    const auto r = Call(method, target, body.is_null() ? "" : body.dump());
    EXPECT_EQ(r.status, expect) << method << ' ' << target << ": " << r.body;
    return r.body.empty() ? json() : json::parse(r.body, nullptr, false);
  }

  std::int64_t Import(const std::string& folder) {
    const json d = CallJson("POST", "/v1/datasets", {{"folder", folder}}, 201);
    return d.value("id", std::int64_t{-1});
  }

  // Polls the run until it has ended (at most 120 s).
  json WaitRun(std::int64_t id) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    for (;;) {
      json run = CallJson("GET", "/v1/runs/" + std::to_string(id), nullptr, 200);
      const std::string status = run.value("status", "");
      if (status != "queued" && status != "running") return run;
      if (std::chrono::steady_clock::now() > deadline) {
        ADD_FAILURE() << "run " << id << " did not end";
        return run;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  std::int64_t StartRun(const json& body) {
    return CallJson("POST", "/v1/runs", body, 202).value("id", std::int64_t{-1});
  }

  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Service> service_;
  http::Router router_;
};

TEST_F(ApiTest, HealthReportsVersionSchemaAndJobs) {
  const json h = CallJson("GET", "/v1/health", nullptr, 200);
  EXPECT_EQ(h["status"], "ok");
  EXPECT_EQ(h["version"], engine::ProgramVersion());
  EXPECT_EQ(h["schema_version"], store::kSchemaVersion);
  EXPECT_EQ(h["jobs"]["workers"], 2);
}

TEST_F(ApiTest, ImportIsIdempotentByContentHashAndBringsTheScenarios) {
  const json first = CallJson("POST", "/v1/datasets", {{"folder", kExample}}, 201);
  EXPECT_EQ(first["scenarios_imported"], 2);
  const json again = CallJson("POST", "/v1/datasets", {{"folder", kExample}}, 200);
  EXPECT_EQ(again["id"], first["id"]);
  EXPECT_EQ(again["scenarios_imported"], 0);
  const json list = CallJson("GET", "/v1/datasets", nullptr, 200);
  ASSERT_EQ(list["datasets"].size(), 1u);
  EXPECT_EQ(list["datasets"][0]["content_hash"], first["content_hash"]);
  const json scenarios = CallJson("GET", "/v1/scenarios?dataset=" + first["id"].dump(), nullptr, 200);
  EXPECT_EQ(scenarios["scenarios"].size(), 2u);
}

TEST_F(ApiTest, ImportOfABadFolderSaysWhatAndWhere) {
  const std::string nowhere = std::string(CORRIDOR_SOURCE_DIR) + "/no/such/folder";
  const json missing = CallJson("POST", "/v1/datasets", {{"folder", nowhere}}, 404);
  EXPECT_EQ(missing["error"]["code"], "not_found");
  EXPECT_NE(missing["error"]["message"].get<std::string>().find(nowhere), std::string::npos);
  const json outside = CallJson("POST", "/v1/datasets", {{"folder", "/etc"}}, 403);
  EXPECT_EQ(outside["error"]["code"], "forbidden");
}

TEST_F(ApiTest, NetworkHasNodesLinksAndCrossings) {
  const auto id = Import(kExample);
  const auto r = Call("GET", "/v1/datasets/" + std::to_string(id) + "/network");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/geo+json");
  const json g = json::parse(r.body);
  int crossings = 0, links = 0;
  for (const json& f : g["features"]) {
    // Crossing nodes are points of kind "crossing" too; a crossing names its node.
    const std::string kind = f["properties"]["kind"];
    const bool crossing = kind == "crossing" && f["properties"].contains("node");
    crossings += crossing;
    links += kind == "link";
    if (crossing) {
      EXPECT_TRUE(f["properties"].contains("capacity_t_per_year"));
    }
  }
  EXPECT_EQ(crossings, 5);
  EXPECT_GT(links, 5);
}

TEST_F(ApiTest, MalformedRequestsGetLocatedClientErrors) {
  const auto id = Import(kExample);
  auto r = Call("POST", "/v1/scenarios", "{\"dataset_id\": 1,\n \"text\": }");
  EXPECT_EQ(r.status, 400);
  const json e = json::parse(r.body);
  EXPECT_EQ(e["error"]["code"], "invalid_json");
  EXPECT_NE(e["error"]["message"].get<std::string>().find("line 2"), std::string::npos) << r.body;

  r = Call("POST", "/v1/scenarios", "{}", "text/plain");
  EXPECT_EQ(r.status, 415);
  r = Call("POST", "/v1/scenarios", "[1, 2]");
  EXPECT_EQ(r.status, 400);
  json m = CallJson("POST", "/v1/scenarios", {{"dataset_id", id}}, 400);
  EXPECT_NE(m["error"]["message"].get<std::string>().find("'text'"), std::string::npos);
  m = CallJson("POST", "/v1/scenarios", {{"dataset_id", "one"}, {"text", ""}}, 400);
  EXPECT_NE(m["error"]["message"].get<std::string>().find("'dataset_id'"), std::string::npos);
  m = CallJson("GET", "/v1/scenarios/abc", nullptr, 400);
  EXPECT_EQ(m["error"]["code"], "bad_request");
  m = CallJson("GET", "/v1/scenarios/99", nullptr, 404);
  EXPECT_EQ(m["error"]["code"], "not_found");
  m = CallJson("POST", "/v1/runs", {{"kind", "solve"}, {"dataset_id", id}, {"options", {{"rangng", 1}}}}, 400);
  EXPECT_NE(m["error"]["message"].get<std::string>().find("rangng"), std::string::npos);
  m = CallJson("POST", "/v1/runs", {{"kind", "solve"}, {"dataset_id", id}, {"options", {{"time_limit_s", -1}}}},
               400);
  EXPECT_NE(m["error"]["message"].get<std::string>().find("time_limit_s must be between"), std::string::npos);
  m = CallJson("POST", "/v1/runs", {{"kind", "teleport"}, {"dataset_id", id}}, 400);
  m = CallJson("POST", "/v1/runs", {{"kind", "solve"}, {"dataset_id", 42}}, 404);
  m = CallJson("GET", "/v1/runs?limit=x", nullptr, 400);
  m = CallJson("GET", "/v1/compare", nullptr, 400);
}

TEST_F(ApiTest, ScenarioLifecycleWithValidation) {
  const auto id = Import(kExample);
  const std::string bad =
      "name = \"bad\"\n[[change]]\ntype = \"scale_capacity\"\nelement = \"crossing:ZAB_RAIL\"\nfactor = -0.5\n";
  // Validation is a 200 either way; the problem is located.
  json v = CallJson("POST", "/v1/scenarios/validate", {{"dataset_id", id}, {"text", bad}}, 200);
  EXPECT_FALSE(v["valid"]);
  ASSERT_FALSE(v["diagnostics"].empty());
  EXPECT_EQ(v["diagnostics"][0]["line"], 5) << v.dump();  // the factor line
  // Creating it is refused with the same details.
  json e = CallJson("POST", "/v1/scenarios", {{"dataset_id", id}, {"text", bad}}, 422);
  EXPECT_EQ(e["error"]["code"], "invalid_input");
  EXPECT_FALSE(e["error"]["details"].empty());
  // An unknown crossing is found by applying the scenario to the dataset.
  e = CallJson("POST", "/v1/scenarios",
               {{"dataset_id", id}, {"name", "x"}, {"text", "[[change]]\ntype = \"close_crossing\"\ncrossing = \"NOPE\"\n"}},
               422);
  EXPECT_NE(e.dump().find("NOPE"), std::string::npos);

  const std::string good =
      "[[change]]\ntype = \"scale_capacity\"\nelement = \"crossing:ZAB_RAIL\"\nfactor = 0.5\n";
  const json created = CallJson("POST", "/v1/scenarios", {{"dataset_id", id}, {"name", "half-zab"}, {"text", good}}, 201);
  EXPECT_EQ(created["name"], "half-zab");
  EXPECT_EQ(created["text"], good);
  CallJson("POST", "/v1/scenarios", {{"dataset_id", id}, {"name", "half-zab"}, {"text", good}}, 409);
  const std::string sid = created["id"].dump();
  EXPECT_EQ(CallJson("GET", "/v1/scenarios/" + sid, nullptr, 200)["text"], good);
  const json renamed = CallJson("PUT", "/v1/scenarios/" + sid, {{"name", "zab-half"}}, 200);
  EXPECT_EQ(renamed["name"], "zab-half");
  EXPECT_EQ(renamed["text"], good);
  CallJson("PUT", "/v1/scenarios/" + sid, {{"text", bad}}, 422);
  EXPECT_TRUE(CallJson("POST", "/v1/scenarios/" + sid + "/validate", nullptr, 200)["valid"]);
  // A dataset in use cannot be deleted; a scenario can.
  CallJson("DELETE", "/v1/datasets/" + std::to_string(id), nullptr, 409);
  EXPECT_EQ(Call("DELETE", "/v1/scenarios/" + sid).status, 204);
  CallJson("GET", "/v1/scenarios/" + sid, nullptr, 404);
}

TEST_F(ApiTest, SolveRunMatchesTheEngineCalledDirectly) {
  const auto id = Import(kExample);
  const auto run = StartRun({{"kind", "solve"}, {"dataset_id", id}, {"options", {{"ranging", 2}}}});
  const json done = WaitRun(run);
  ASSERT_EQ(done["status"], "finished") << done.dump();
  EXPECT_EQ(done["dataset_hash"], CallJson("GET", "/v1/datasets/" + std::to_string(id), nullptr, 200)["content_hash"]);
  EXPECT_EQ(done["program_version"], engine::ProgramVersion());
  EXPECT_EQ(done["progress"].get<double>(), 1.0);
  EXPECT_EQ(done["stage"], "done");
  const auto r = Call("GET", "/v1/runs/" + std::to_string(run) + "/result");
  ASSERT_EQ(r.status, 200);
  const json result = json::parse(r.body);

  // The same request through the engine, as the CLI makes it.
  engine::SolveSettings settings;
  settings.ranging = 2;
  Diagnostics diags;
  auto direct = engine::Solve({{kExample, ""}, settings.ToOptions(), settings.Record()}, diags);
  ASSERT_TRUE(direct.ok());
  EXPECT_NEAR(result["totals"]["generalised_cost_usd"].get<double>(), direct->kpis.generalised_cost_usd,
              1e-9 * direct->kpis.generalised_cost_usd);
  EXPECT_EQ(result["run"]["dataset"]["hash_fnv1a64"], direct->run.dataset_hash);
  EXPECT_TRUE(result["check"]["passed"]);
  EXPECT_EQ(done["summary"]["solve_status"], "optimal");

  for (const char* name : {"flows.csv", "od.csv", "resources.csv", "flows.geojson", "summary.txt"}) {
    const auto a = Call("GET", "/v1/runs/" + std::to_string(run) + "/" + name);
    EXPECT_EQ(a.status, 200) << name;
    EXPECT_FALSE(a.body.empty()) << name;
  }
  EXPECT_EQ(Call("GET", "/v1/runs/" + std::to_string(run) + "/flows.csv").content_type.rfind("text/csv", 0), 0u);
  CallJson("GET", "/v1/runs/" + std::to_string(run) + "/artifacts/nope.txt", nullptr, 404);
  CallJson("POST", "/v1/runs/" + std::to_string(run) + "/cancel", nullptr, 409);
}

TEST_F(ApiTest, AScenarioThatStrandsFreightFinishesWithItsStatusNotAnError) {
  const auto id = Import(kExample);
  const json s = CallJson("POST", "/v1/scenarios",
                          {{"dataset_id", id}, {"name", "all-closed"},
                           {"text", "[[change]]\ntype = \"close_crossing\"\ncrossing = \"*\"\n"}},
                          201);
  const json done = WaitRun(StartRun({{"kind", "solve"}, {"dataset_id", id}, {"scenario_id", s["id"]},
                                      {"options", {{"ranging", 0}}}}));
  ASSERT_EQ(done["status"], "finished") << done.dump();
  EXPECT_GT(done["summary"]["unserved_t"].get<double>(), 0.0);
}

TEST_F(ApiTest, CompareShowsDeltasAgainstTheFirstRun) {
  const auto id = Import(kExample);
  const json s = CallJson("POST", "/v1/scenarios",
                          {{"dataset_id", id}, {"name", "half-zab"},
                           {"text", "[[change]]\ntype = \"scale_capacity\"\nelement = \"crossing:ZAB_RAIL\"\nfactor = 0.1\n"}},
                          201);
  const auto base = StartRun({{"kind", "solve"}, {"dataset_id", id}, {"options", {{"ranging", 0}}}});
  const auto half = StartRun({{"kind", "solve"}, {"dataset_id", id}, {"scenario_id", s["id"]}, {"options", {{"ranging", 0}}}});
  // Results of a run not finished yet are a conflict, not an empty answer.
  const auto early = Call("GET", "/v1/runs/" + std::to_string(half) + "/result");
  EXPECT_TRUE(early.status == 409 || early.status == 200) << early.status;
  ASSERT_EQ(WaitRun(base)["status"], "finished");
  ASSERT_EQ(WaitRun(half)["status"], "finished");
  const json c = CallJson("GET", "/v1/compare?runs=" + std::to_string(base) + "," + std::to_string(half), nullptr, 200);
  ASSERT_EQ(c["runs"].size(), 2u);
  EXPECT_EQ(c["runs"][1]["scenario"], "half-zab");
  const json base_result = json::parse(Call("GET", "/v1/runs/" + std::to_string(base) + "/result").body);
  const json half_result = json::parse(Call("GET", "/v1/runs/" + std::to_string(half) + "/result").body);
  for (const json& k : c["kpis"]) {
    if (k["name"] != "generalised_cost_usd") continue;
    const double expected = half_result["totals"]["generalised_cost_usd"].get<double>() -
                            base_result["totals"]["generalised_cost_usd"].get<double>();
    EXPECT_GT(expected, 0.0);
    EXPECT_DOUBLE_EQ(k["deltas"][1].get<double>(), expected);
    EXPECT_EQ(k["deltas"][0], 0.0);
  }
  bool zab = false;
  for (const json& x : c["crossings"]) {
    if (x["id"] != "ZAB_RAIL") continue;
    zab = true;
    EXPECT_NEAR(x["capacity_t"][1].get<double>(), 0.1 * x["capacity_t"][0].get<double>(), 1.0);
    EXPECT_LE(x["flow_t"][1].get<double>(), x["capacity_t"][1].get<double>() * (1 + 1e-6));
  }
  EXPECT_TRUE(zab);
  double moved = 0.0;
  for (const json& f : c["link_differences"]["features"]) moved += std::abs(f["properties"]["delta_t"][1].get<double>());
  EXPECT_GT(moved, 0.0);
  // A compare run solves both in one job and stores the comparison.
  const auto cmp = StartRun({{"kind", "compare"}, {"dataset_id", id}, {"scenario_ids", {0, s["id"]}}});
  ASSERT_EQ(WaitRun(cmp)["status"], "finished");
  const auto doc = Call("GET", "/v1/runs/" + std::to_string(cmp) + "/compare");
  ASSERT_EQ(doc.status, 200);
  EXPECT_EQ(json::parse(doc.body)["scenarios"].size(), 2u);
  // Only solve runs of one dataset can be compared.
  CallJson("GET", "/v1/compare?runs=" + std::to_string(base) + "," + std::to_string(cmp), nullptr, 409);
}

TEST_F(ApiTest, AssignRunStoresTheEquilibriumAgainstTheOptimum) {
  const auto id = Import(kExample);
  const json done = WaitRun(StartRun({{"kind", "assign"}, {"dataset_id", id}, {"options", {{"gap", 1e-6}}}}));
  ASSERT_EQ(done["status"], "finished") << done.dump();
  EXPECT_GE(done["summary"]["price_of_anarchy_lower_bound"].get<double>(), 1.0 - 1e-9);
  const auto r = Call("GET", "/v1/runs/" + std::to_string(done["id"].get<std::int64_t>()) + "/result");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(json::parse(r.body).is_object());
}

TEST_F(ApiTest, RiskRunUsesTheDatasetsRiskModelOrTheOneGiven) {
  const auto id = Import(kChinaRussia);  // imported with its risk.toml
  const json done = WaitRun(StartRun(
      {{"kind", "risk"}, {"dataset_id", id}, {"options", {{"draws", 20}, {"check_draws", 1}}}}));
  ASSERT_EQ(done["status"], "finished") << done.dump();
  EXPECT_EQ(done["summary"]["draws"], 20);
  EXPECT_EQ(done["summary"]["failed"], 0);
  const auto r = Call("GET", "/v1/runs/" + std::to_string(done["id"].get<std::int64_t>()) + "/result");
  ASSERT_EQ(r.status, 200);
  const json result = json::parse(r.body);
  EXPECT_EQ(result["format"], "corridor-risk-result/1");
  EXPECT_TRUE(result["reference"]["certified_draws"][0]["passed"].get<bool>());

  const auto example = Import(kExample);  // no risk.toml: the request must give one
  const json given = WaitRun(StartRun(
      {{"kind", "risk"}, {"dataset_id", example}, {"options", {{"draws", 16}}},
       {"risk_model", "[[event]]\nid = \"rail\"\nprobability = 0.5\nelements = [\"crossing:ZAB_RAIL\"]\n"
                      "duration_days = 60\n"}}));
  ASSERT_EQ(given["status"], "finished") << given.dump();
  json m = CallJson("POST", "/v1/runs", {{"kind", "risk"}, {"dataset_id", example}}, 400);
  EXPECT_NE(m["error"]["message"].get<std::string>().find("no risk model"), std::string::npos) << m.dump();
  m = CallJson("POST", "/v1/runs",
               {{"kind", "risk"}, {"dataset_id", example}, {"risk_model", "[[event]]\nid = \"a\"\nprobability = 2\n"}},
               400);
  EXPECT_NE(m["error"]["message"].get<std::string>().find("risk.toml:3:"), std::string::npos) << m.dump();
  CallJson("POST", "/v1/runs", {{"kind", "risk"}, {"dataset_id", id}, {"options", {{"draws", 0}}}}, 400);
  CallJson("POST", "/v1/runs", {{"kind", "risk"}, {"dataset_id", id}, {"options", {{"draws", 2.5}}}}, 400);
  CallJson("POST", "/v1/runs", {{"kind", "risk"}, {"dataset_id", id}, {"measure_scenario_ids", {-1}}}, 400);
}

TEST_F(ApiTest, PlanRunChoosesAPortfolioWithItsProof) {
  const auto id = Import(kExample);
  const std::string projects =
      "id,name,changes,capital_cost_usd,annual_operating_cost_usd,lifetime_years,earliest_year,"
      "lead_time_years,committed,requires,excludes,source,confidence\n"
      "ZAB2,Zabaikalsk x2,scale_capacity element=crossing:ZAB_RAIL factor=2,1e8,0,30,2024,2,,,,test,estimate\n"
      "GRD2,Grodekovo x2,scale_capacity element=crossing:GRD_RAIL factor=2,1e13,0,30,,,,,,test,estimate\n";
  const json done = WaitRun(StartRun({{"kind", "plan"}, {"dataset_id", id},
                                      {"options", {{"projects", projects}, {"time_limit_s", 60}}}}));
  ASSERT_EQ(done["status"], "finished") << done.dump();
  EXPECT_EQ(done["summary"]["status"], "optimal") << done.dump();
  // 10 trillion USD for a crossing never pays.
  for (const auto& p : done["summary"]["portfolio"]) EXPECT_NE(p, "GRD2");
  const auto r = Call("GET", "/v1/runs/" + std::to_string(done["id"].get<std::int64_t>()) + "/result");
  ASSERT_EQ(r.status, 200);
  const json result = json::parse(r.body);
  EXPECT_EQ(result["format"], "corridor-plan-result/1");
  EXPECT_TRUE(result["routing_check"]["passed"].get<bool>());
  EXPECT_LE(result["relative_gap"].get<double>(), 1e-6);
  EXPECT_EQ(result["run"]["options"]["projects_hash_fnv1a64"].get<std::string>().size(), 16u);
  // Bad options and bad projects are refused or fail with their located errors.
  CallJson("POST", "/v1/runs", {{"kind", "plan"}, {"dataset_id", id}, {"options", {{"budget_usd", -1}}}}, 400);
  const json bad = WaitRun(StartRun({{"kind", "plan"}, {"dataset_id", id},
                                     {"options", {{"projects", projects + "X,x,open_crossing crossing=NOPE,1,0,30,,,,,,t,estimate\n"}}}}));
  EXPECT_EQ(bad["status"], "failed") << bad.dump();
  EXPECT_NE(bad.dump().find("projects.csv:4"), std::string::npos) << bad.dump();
}

TEST_F(ApiTest, PlanRunOfTheDatasetTakesItsProjectsAndCanBeCancelled) {
  Start({.workers = 1, .max_queued = 4});
  const auto id = Import(kChinaRussia);
  const auto run = StartRun({{"kind", "plan"}, {"dataset_id", id}});
  CallJson("POST", "/v1/runs/" + std::to_string(run) + "/cancel", nullptr, 202);
  const json ended = WaitRun(run);
  EXPECT_EQ(ended["status"], "cancelled") << ended.dump();
}

TEST_F(ApiTest, SettleRunNetsThePaymentsBehindTheFreight) {
  const auto id = Import(kExample);
  const json done = WaitRun(StartRun({{"kind", "settle"}, {"dataset_id", id},
                                      {"options", {{"cycle", "week"}, {"ranging", 0}}}}));
  ASSERT_EQ(done["status"], "finished") << done.dump();
  EXPECT_TRUE(done["summary"]["invariants_passed"].get<bool>());
  const double gross = done["summary"]["usd_equivalent"]["gross"].get<double>();
  EXPECT_GT(gross, 0.0);
  EXPECT_LE(done["summary"]["usd_equivalent"]["multilateral"].get<double>(), gross);
  const auto r = Call("GET", "/v1/runs/" + std::to_string(done["id"].get<std::int64_t>()) + "/result");
  ASSERT_EQ(r.status, 200);
  const json result = json::parse(r.body);
  EXPECT_EQ(result["format"], "corridor-settle-result/1");
  EXPECT_EQ(result["summary"]["cycle"], "week");
  // Bad settle options are refused when the run is asked for, not in the job.
  CallJson("POST", "/v1/runs", {{"kind", "settle"}, {"dataset_id", id}, {"options", {{"cycle", "year"}}}}, 400);
  CallJson("POST", "/v1/runs", {{"kind", "settle"}, {"dataset_id", id}, {"options", {{"level", 3}}}}, 400);
}

TEST_F(ApiTest, CancelStopsARunningSolveAndAQueuedOne) {
  Start({.workers = 1, .max_queued = 4});
  const auto id = Import(kChinaRussia);
  // Ranging 200 prices takes far longer than the test waits.
  const auto slow = StartRun({{"kind", "solve"}, {"dataset_id", id}, {"options", {{"ranging", 200}}}});
  const auto queued = StartRun({{"kind", "solve"}, {"dataset_id", id}, {"options", {{"ranging", 0}}}});
  EXPECT_EQ(CallJson("POST", "/v1/runs/" + std::to_string(queued) + "/cancel", nullptr, 202)["status"], "cancelled");
  for (int i = 0; i < 600 && CallJson("GET", "/v1/runs/" + std::to_string(slow), nullptr, 200)["stage"]
                                      .get<std::string>().rfind("ranging", 0) != 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CallJson("POST", "/v1/runs/" + std::to_string(slow) + "/cancel", nullptr, 202);
  const json ended = WaitRun(slow);
  EXPECT_EQ(ended["status"], "cancelled");
  EXPECT_EQ(ended["error"]["code"], "cancelled");
  CallJson("GET", "/v1/runs/" + std::to_string(slow) + "/result", nullptr, 409);
}

TEST_F(ApiTest, StoppingTheServiceMarksUnfinishedRunsInterrupted) {
  Start({.workers = 1, .max_queued = 4});
  const auto id = Import(kChinaRussia);
  const auto running = StartRun({{"kind", "solve"}, {"dataset_id", id}, {"options", {{"ranging", 200}}}});
  const auto queued = StartRun({{"kind", "solve"}, {"dataset_id", id}, {"options", {{"ranging", 0}}}});
  for (int i = 0; i < 600 && CallJson("GET", "/v1/runs/" + std::to_string(running), nullptr, 200)["status"] != "running"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  service_->Shutdown();
  for (auto run : {running, queued}) {
    auto r = store_->GetRun(run);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, store::RunStatus::kFailed) << "run " << run;
    EXPECT_EQ(json::parse(r->error_json)["code"], "interrupted") << r->error_json;
  }
}

TEST_F(ApiTest, AFullQueueIsRefusedWith503) {
  Start({.workers = 1, .max_queued = 1});
  const auto id = Import(kChinaRussia);
  const json body = {{"kind", "solve"}, {"dataset_id", id}, {"options", {{"ranging", 200}}}};
  std::vector<std::int64_t> accepted;
  bool refused = false;
  for (int i = 0; i < 4 && !refused; ++i) {
    const auto r = Call("POST", "/v1/runs", body.dump());
    if (r.status == 202) accepted.push_back(json::parse(r.body)["id"].get<std::int64_t>());
    if (r.status == 503) {
      refused = true;
      EXPECT_EQ(json::parse(r.body)["error"]["code"], "overloaded");
    }
  }
  EXPECT_TRUE(refused);
  for (auto a : accepted) Call("POST", "/v1/runs/" + std::to_string(a) + "/cancel");
}

TEST_F(ApiTest, RunsListNewestFirstAndFilterByDataset) {
  const auto id = Import(kExample);
  const auto a = StartRun({{"kind", "solve"}, {"dataset_id", id}, {"options", {{"ranging", 0}}}});
  const auto b = StartRun({{"kind", "solve"}, {"dataset_id", id}, {"options", {{"ranging", 0}}}});
  WaitRun(a);
  WaitRun(b);
  const json list = CallJson("GET", "/v1/runs?dataset=" + std::to_string(id) + "&limit=1", nullptr, 200);
  ASSERT_EQ(list["runs"].size(), 1u);
  EXPECT_EQ(list["runs"][0]["id"], b);
  EXPECT_TRUE(CallJson("GET", "/v1/runs?dataset=999", nullptr, 200)["runs"].empty());
}

// The "simulate" run kind: a background run with progress, its result documents, bad
// options refused up front, and cancel.
TEST_F(ApiTest, SimulateRunOfTheDatedEpidemic) {
  const json imported = CallJson("POST", "/v1/datasets", {{"folder", kChinaRussia}}, 201);
  const auto id = imported["id"].get<std::int64_t>();
  std::int64_t scenario = 0;
  const json list = CallJson("GET", "/v1/scenarios?dataset=" + std::to_string(id), nullptr, 200);
  for (const auto& s : list["scenarios"]) {
    if (s["name"] == "2021-epidemic-dated") scenario = s["id"].get<std::int64_t>();
  }
  ASSERT_GT(scenario, 0) << imported.dump();
  CallJson("POST", "/v1/runs", {{"kind", "simulate"}, {"dataset_id", id}, {"options", {{"replications", 0}}}}, 400);
  CallJson("POST", "/v1/runs", {{"kind", "simulate"}, {"dataset_id", id}, {"options", {{"aeo", "gold"}}}}, 400);
  const json done = WaitRun(StartRun({{"kind", "simulate"}, {"dataset_id", id}, {"scenario_id", scenario},
                                      {"options", {{"replications", 3}, {"aeo", "priority"}}}}));
  ASSERT_EQ(done["status"], "finished") << done.dump();
  EXPECT_EQ(done["kind"], "simulate");
  EXPECT_GT(done["summary"]["elements"].get<int>(), 10);
  const std::string run = "/v1/runs/" + std::to_string(done["id"].get<std::int64_t>());
  const json result = json::parse(Call("GET", run + "/result").body);
  EXPECT_EQ(result["format"], "corridor-sim-result/1");
  EXPECT_EQ(result["period"]["start"], "2021-07-01");
  EXPECT_EQ(result["run"]["options"]["aeo"], "priority");
  const auto daily = Call("GET", run + "/artifacts/sim_daily.csv");
  EXPECT_EQ(daily.status, 200);
  EXPECT_EQ(daily.body.rfind("element,day,date,", 0), 0u);
}

TEST_F(ApiTest, CancelStopsALongSimulation) {
  Start({.workers = 1, .max_queued = 4});
  const auto id = Import(kChinaRussia);
  const auto run_id = StartRun({{"kind", "simulate"}, {"dataset_id", id},
                                {"options", {{"replications", 1000}, {"days", 3650}}}});
  const std::string run = "/v1/runs/" + std::to_string(run_id);
  for (int i = 0; i < 1200 && CallJson("GET", run, nullptr, 200)["stage"] != "simulating"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(CallJson("GET", run, nullptr, 200)["stage"], "simulating");
  CallJson("POST", run + "/cancel", nullptr, 202);
  EXPECT_EQ(WaitRun(run_id)["status"], "cancelled");
}

TEST(CompareDocumentTest, RejectsUnreadableStoredResults) {
  EXPECT_FALSE(CompareDocument({{1, "a", "not json", "{}"}}).ok());
}


// Roles and owners on an accounts server: each user can do exactly what its role
// allows, planners change only their own scenarios and runs, and every change is in
// the audit trail with its author.
TEST_F(ApiTest, RolesAndOwnersDecideWhoMayDoWhat) {
  ServiceOptions o;
  o.auth.mode = auth::Mode::kAccounts;
  Start(o);
  const std::string admin = AddUser("root", store::Role::kAdmin);
  const std::string viewer = AddUser("vera", store::Role::kViewer);
  const std::string ana = AddUser("ana", store::Role::kPlanner);
  const std::string ivan = AddUser("ivan", store::Role::kPlanner);

  EXPECT_EQ(CallJson("GET", "/v1/datasets", nullptr, 401)["error"]["code"], "unauthenticated");
  EXPECT_EQ(CallJson("GET", "/v1/health", nullptr, 200)["auth"], "accounts");
  bearer_ = viewer;
  EXPECT_EQ(CallJson("POST", "/v1/datasets", {{"folder", kExample}}, 403)["error"]["code"], "forbidden");
  bearer_ = admin;
  const json ds = CallJson("POST", "/v1/datasets", {{"folder", kExample}}, 201);
  const json text = {{"dataset_id", ds["id"]}, {"name", "ana-half"},
                     {"text", "[[change]]\ntype = \"scale_demand\"\nfactor = 0.5\n"}};
  bearer_ = viewer;
  EXPECT_EQ(CallJson("GET", "/v1/scenarios", nullptr, 200)["scenarios"].size(), 2u);
  EXPECT_EQ(CallJson("POST", "/v1/scenarios", text, 403)["error"]["code"], "forbidden");
  EXPECT_EQ(CallJson("POST", "/v1/runs", {{"kind", "solve"}, {"dataset_id", ds["id"]}}, 403)["error"]["code"],
            "forbidden");
  EXPECT_EQ(CallJson("GET", "/v1/audit", nullptr, 403)["error"]["code"], "forbidden");
  bearer_ = ana;
  const json mine = CallJson("POST", "/v1/scenarios", text, 201);
  EXPECT_GT(mine["owner_id"].get<int>(), 0);
  const std::string path = "/v1/scenarios/" + mine["id"].dump();
  bearer_ = ivan;
  EXPECT_EQ(CallJson("PUT", path, {{"name", "hijacked"}}, 403)["error"]["code"], "forbidden");
  EXPECT_EQ(CallJson("DELETE", path, nullptr, 403)["error"]["code"], "forbidden");
  bearer_ = admin;
  EXPECT_EQ(CallJson("PUT", path, {{"name", "ana-half-2"}}, 200)["name"], "ana-half-2");
  bearer_ = ana;
  CallJson("DELETE", path, nullptr, 204);
  const json run = CallJson("POST", "/v1/runs", {{"kind", "solve"}, {"dataset_id", ds["id"]}}, 202);
  EXPECT_EQ(run["owner_id"], mine["owner_id"]);
  bearer_ = ivan;
  const auto cancel = Call("POST", "/v1/runs/" + run["id"].dump() + "/cancel", "{}");
  EXPECT_TRUE(cancel.status == 403) << cancel.body;
  // A viewer changes its own password but not its role.
  bearer_ = viewer;
  const json me = CallJson("GET", "/v1/me", nullptr, 200);
  EXPECT_EQ(me["role"], "viewer");
  const std::string self = "/v1/users/" + me["user_id"].dump();
  CallJson("PUT", self, {{"password", "a brand new password"}}, 200);
  EXPECT_EQ(CallJson("PUT", self, {{"role", "admin"}}, 403)["error"]["code"], "forbidden");
  bearer_ = admin;
  const json audit = CallJson("GET", "/v1/audit?limit=100", nullptr, 200);
  std::set<std::string> seen;
  for (const json& e : audit["audit"]) seen.insert(e["user"].get<std::string>() + " " + e["action"].get<std::string>());
  for (const char* expected : {"root dataset.import", "ana scenario.create", "root scenario.update",
                               "ana scenario.delete", "ana run.start", "vera user.password"}) {
    EXPECT_TRUE(seen.count(expected)) << expected;
  }
  EXPECT_FALSE(seen.count("ivan scenario.update"));
}

}  // namespace
}  // namespace corridor::api
