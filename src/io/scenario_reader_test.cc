#include "io/scenario_reader.h"

#include <gtest/gtest.h>

#include "io/dataset_reader.h"
#include "model/validate.h"

namespace corridor::io {
namespace {

using model::ChangeType;
using Lines = std::vector<std::string>;

std::string Data(const std::string& rel) {
  return std::string(CORRIDOR_SOURCE_DIR) + "/tests/data/" + rel;
}

Lines Messages(const Diagnostics& d) {
  Lines out;
  for (const auto& item : d.items()) out.push_back(item.ToString());
  return out;
}

TEST(ReadScenario, ParsesEveryChangeType) {
  Diagnostics d;
  auto s = ReadScenario(Data("scenarios/every_change.toml"), d);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(Messages(d), Lines{});
  EXPECT_EQ(s->name, "every-change");
  EXPECT_EQ(s->description, "fixture");
  EXPECT_EQ(s->base, "../datasets/good");
  ASSERT_EQ(s->changes.size(), 12u);
  for (std::size_t i = 0; i < s->changes.size(); ++i) {
    EXPECT_EQ(s->changes[i].index, static_cast<int>(i) + 1);
    EXPECT_EQ(s->changes[i].type, static_cast<ChangeType>(i));  // the file follows enum order
  }
  EXPECT_EQ(s->changes[0].line, 6);
  EXPECT_EQ(s->changes[0].target, "XD");
  EXPECT_EQ(s->changes[2].fraction, 0.25);
  EXPECT_EQ(s->changes[3].element_kind, model::ElementKind::kLink);
  EXPECT_EQ(s->changes[3].target, "r1");
  EXPECT_EQ(s->changes[3].factor, 2.0);
  EXPECT_EQ(s->changes[4].element_kind, model::ElementKind::kTransfer);
  EXPECT_FALSE(s->changes[4].capacity_t_per_year);
  const model::Link& add = s->changes[5].link;
  EXPECT_EQ(add.id, "d3");
  EXPECT_EQ(add.mode, model::Mode::kRoad);
  EXPECT_EQ(add.distance_km, 2100);
  EXPECT_EQ(add.capacity_t_per_year, 1e5);
  EXPECT_FALSE(add.both_directions);
  EXPECT_EQ(add.provenance.confidence, "low");
  EXPECT_EQ(s->changes[7].dwell_aeo_h, 6.0);
  EXPECT_EQ(s->changes[8].which, model::DwellWhich::kAeo);
  EXPECT_EQ(s->changes[9].target, "*");
  EXPECT_EQ(s->changes[10].share, 0.6);
  EXPECT_EQ(s->changes[11].destination, "P");
  EXPECT_EQ(s->changes[11].origin, "");
}

TEST(ReadScenario, AppliesToItsBaseDataset) {
  Diagnostics d;
  auto s = ReadScenario(Data("scenarios/every_change.toml"), d);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  const std::string base = ResolveScenarioBase(*s);
  EXPECT_EQ(base, Data("datasets/good"));
  auto ds = ReadDataset(base, d);
  ASSERT_TRUE(ds.ok()) << ds.status().ToString();
  Status st = model::ApplyScenario(*s, *ds, d);
  ASSERT_TRUE(st.ok()) << st.ToString();

  const auto& x = ds->crossings;
  EXPECT_EQ(x[1].open_fraction, 1.0);  // closed, then opened
  EXPECT_EQ(x[0].open_fraction, 0.25);
  EXPECT_EQ(x[0].dwell_standard_h, 20);
  EXPECT_EQ(x[0].dwell_aeo_h, 3);    // set to 6, then halved
  EXPECT_EQ(x[1].dwell_aeo_h, 24);   // 48 halved
  EXPECT_EQ(x[1].dwell_standard_h, 48);
  EXPECT_EQ(ds->links.size(), 5u);  // +d3, -d2
  EXPECT_EQ(ds->links[0].capacity_t_per_year, 2e6);
  EXPECT_DOUBLE_EQ(ds->links[0].cost_usd_per_t, 1.1);
  EXPECT_EQ(ds->links.back().id, "d3");
  EXPECT_DOUBLE_EQ(ds->links.back().cost_usd_per_tkm, 0.099);
  EXPECT_EQ(ds->links.back().origin.file, "scenario every_change.toml");
  EXPECT_FALSE(ds->transfers[0].capacity_t_per_year);
  EXPECT_EQ(ds->commodities[0].aeo_share, 0.6);
  EXPECT_EQ(ds->demand[0].tonnes_per_year, 1e6);
  EXPECT_EQ(ds->demand[1].tonnes_per_year, 3e5);

  model::ValidateDataset(*ds, d);
  EXPECT_EQ(Messages(d), Lines{});
}

TEST(ReadScenario, ExampleScenariosApplyToTheExampleDataset) {
  const std::string dir = std::string(CORRIDOR_SOURCE_DIR) + "/examples/example-corridor";
  for (const char* name : {"close-main-crossing.toml", "add-capacity.toml"}) {
    Diagnostics d;
    auto s = ReadScenario(dir + "/scenarios/" + name, d);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    EXPECT_FALSE(s->changes.empty());
    auto ds = ReadDataset(ResolveScenarioBase(*s), d);
    ASSERT_TRUE(ds.ok()) << ds.status().ToString();
    const model::Dataset before = *ds;
    Status st = model::ApplyScenario(*s, *ds, d);
    EXPECT_TRUE(st.ok()) << st.ToString();
    model::ValidateDataset(*ds, d);
    EXPECT_FALSE(d.has_errors()) << d.ToString();
    bool changed = false;
    for (std::size_t i = 0; i < ds->crossings.size(); ++i) {
      changed |= ds->crossings[i].open_fraction != before.crossings[i].open_fraction ||
                 ds->crossings[i].capacity_t_per_year != before.crossings[i].capacity_t_per_year;
    }
    EXPECT_TRUE(changed) << name;
  }
}

TEST(ReadScenario, BadTomlIsLocated) {
  Diagnostics d;
  auto s = ReadScenario(Data("scenarios/bad_syntax.toml"), d);
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidInput);
  ASSERT_EQ(d.items().size(), 1u);
  EXPECT_EQ(d.items()[0].file, "bad_syntax.toml");
  EXPECT_EQ(d.items()[0].line, 5);
  EXPECT_NE(s.status().message().find("bad_syntax.toml:5: "), std::string::npos);
}

// Texts toml++ 3.3 would assert on in debug builds are refused before it sees them,
// located; valid TOML that looks similar still parses.
TEST(ParseScenario, ControlCharactersAndKeylessHeadersAreLocatedErrors) {
  const std::pair<std::string, std::string> bad[] = {
      {std::string("name = \"x\"\n[\0change]\n", 19), "x.toml:2: contains the control character 0x00"},
      {"name = \"x\"\n[[\x02" "change]]\n", "x.toml:2: contains the control character 0x02"},
      {"name = \"x\"\n\n[=]\n", "x.toml:3: table header: expected a key"},
      {"[[\nchange]]\n", "x.toml:1: table header: expected a key"},
      {"  [ \xc3\xa9]\n", "x.toml:1: table header: expected a key"},
      {"name = \"x\"\nfactor = 1 \xc3\xa9\n", "x.toml:2: non-ASCII character outside a string"},
  };
  for (const auto& [text, expected] : bad) {
    Diagnostics d;
    EXPECT_FALSE(ParseScenario(text, "x.toml", d).ok());
    ASSERT_EQ(d.items().size(), 1u) << d.ToString();
    EXPECT_EQ(d.items()[0].ToString().rfind(expected, 0), 0u) << d.ToString();
  }
  // A nested array or inline table on its own line inside a multi-line array, and
  // brackets inside strings and comments, are not headers.
  Diagnostics d;
  const std::string ok =
      "name = \"x\" # [= \xc3\xa9\ndescription = \"\"\"\n[=]\n\"\"\"\nextra = [\n  [{a = \"\xc3\xa9\"}],\n  [+1],\n]\n";
  auto s = ParseScenario(ok, "x.toml", d);
  EXPECT_TRUE(s.ok()) << d.ToString();
  EXPECT_EQ(s->description, "[=]\n");
}

TEST(ReadScenario, FieldErrorsAreLocated) {
  Diagnostics d;
  auto s = ReadScenario(Data("scenarios/bad_fields.toml"), d);
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(
      Messages(d),
      (Lines{
          "bad_fields.toml:5: change 1: type is unknown: \"close_bridge\" (known: "
          "close_crossing, open_crossing, set_crossing_state, scale_capacity, set_capacity, "
          "add_link, remove_link, set_dwell, scale_dwell, scale_cost, set_aeo_share, "
          "scale_demand)",
          "bad_fields.toml:11: change 2 (scale_capacity): factor must be >= 0, got -1",
          "bad_fields.toml:15: change 3 (set_capacity): element must be link:<id>, "
          "crossing:<id>, transfer:<id> or resource:<id>, got \"road:r1\"",
          "bad_fields.toml:16: change 3 (set_capacity): capacity_t_per_year must be a number or "
          "\"unlimited\", got \"lots\"",
          "bad_fields.toml:18: change 4 (set_crossing_state): missing key 'crossing'",
          "bad_fields.toml:20: change 4 (set_crossing_state): fraction must be a number, got "
          "string",
          "bad_fields.toml:25: change 5 (scale_dwell): factor must be a finite number, got nan",
          "bad_fields.toml:26: change 5 (scale_dwell): which must be standard, aeo or both, got "
          "\"all\"",
          "bad_fields.toml:27: warning: change 5 (scale_dwell): unknown key 'extra' is ignored",
          "bad_fields.toml:34: change 6 (add_link): mode must be one of "
          "rail_1520/rail_1435/road/sea/river/pipeline, got \"hyperloop\"",
          "bad_fields.toml:29: change 6 (add_link): missing key 'distance_km'",
          "bad_fields.toml:2: warning: unknown key 'colour' is ignored",
      }));
}

TEST(ReadScenario, ChangesMustBeTables) {
  Diagnostics d;
  auto s = ReadScenario(Data("scenarios/not_tables.toml"), d);
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(Messages(d), (Lines{"not_tables.toml:2: change 1: must be a table",
                                "not_tables.toml:2: warning: change 2 (remove_link): unknown key "
                                "'colour' is ignored"}));
}

TEST(ReadScenario, MissingFileIsNotFound) {
  Diagnostics d;
  auto s = ReadScenario(Data("scenarios/nope.toml"), d);
  EXPECT_EQ(s.status().code(), StatusCode::kNotFound);
  EXPECT_NE(s.status().message().find("nope.toml"), std::string::npos);
}

TEST(ReadScenario, UnknownTargetIsReportedWhenApplied) {
  Diagnostics d;
  auto s = ReadScenario(Data("scenarios/unknown_target.toml"), d);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  auto ds = ReadDataset(ResolveScenarioBase(*s), d);
  ASSERT_TRUE(ds.ok());
  Status st = model::ApplyScenario(*s, *ds, d);
  EXPECT_EQ(st.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(Messages(d),
            Lines{"unknown_target.toml:8: change 2 (close_crossing): unknown crossing 'NOPE'"});
}

TEST(ResolveScenarioBase, RelativeToTheScenarioFile) {
  model::Scenario s;
  s.file = "runs/scenarios/a.toml";
  s.base = "..";
  EXPECT_EQ(ResolveScenarioBase(s), "runs");
  s.base = "../../data/ds";
  EXPECT_EQ(ResolveScenarioBase(s), "data/ds");
  s.base = "/abs/ds";
  EXPECT_EQ(ResolveScenarioBase(s), "/abs/ds");
  s.file = "a.toml";
  s.base = ".";
  EXPECT_EQ(ResolveScenarioBase(s), ".");
  s.base = "";
  EXPECT_EQ(ResolveScenarioBase(s), "");
}

}  // namespace
}  // namespace corridor::io
