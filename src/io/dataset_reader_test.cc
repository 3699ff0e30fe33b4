#include "io/dataset_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace corridor::io {
namespace {

namespace fs = std::filesystem;
using Lines = std::vector<std::string>;

std::string Fixture(const std::string& name) {
  return std::string(CORRIDOR_SOURCE_DIR) + "/tests/data/datasets/" + name;
}

Lines Messages(const Diagnostics& d) {
  Lines out;
  for (const auto& item : d.items()) out.push_back(item.ToString());
  return out;
}

// A copy of a fixture in a fresh temporary folder, removed at the end of the test.
class TempCopy {
 public:
  explicit TempCopy(const std::string& fixture) {
    std::random_device rd;
    path_ = fs::temp_directory_path() / ("corridor_io_test_" + std::to_string(rd()));
    fs::create_directories(path_);
    fs::copy(Fixture(fixture), path_);
  }
  ~TempCopy() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string path() const { return path_.string(); }
  void Write(const std::string& file, const std::string& text) const {
    std::ofstream(path_ / file, std::ios::binary) << text;
  }

 private:
  fs::path path_;
};

TEST(ReadDataset, GoodFixture) {
  Diagnostics d;
  auto ds = ReadDataset(Fixture("good"), d);
  ASSERT_TRUE(ds.ok()) << ds.status().ToString();
  EXPECT_EQ(Messages(d), Lines{});
  EXPECT_EQ(ds->meta.name, "good");
  EXPECT_EQ(ds->meta.reference_year, 2022);
  ASSERT_EQ(ds->meta.sources.size(), 1u);
  EXPECT_EQ(ds->meta.sources[0].id, "fixture");
  EXPECT_EQ(ds->folder, Fixture("good"));
  EXPECT_EQ(ds->content_hash.size(), 16u);

  ASSERT_EQ(ds->nodes.size(), 4u);
  EXPECT_EQ(ds->nodes[0].name, "Иркутск");
  EXPECT_EQ(ds->nodes[2].name, "哈尔滨");
  EXPECT_EQ(ds->nodes[1].kind, model::NodeKind::kCrossing);
  EXPECT_DOUBLE_EQ(ds->nodes[3].lon, 121.5);
  EXPECT_EQ(ds->nodes[3].provenance.source, "estimate: port centroid, rounded");
  EXPECT_EQ(ds->nodes[3].provenance.confidence, "estimate");
  EXPECT_EQ(ds->nodes[3].origin.file, "nodes.csv");
  EXPECT_EQ(ds->nodes[3].origin.line, 5);

  ASSERT_EQ(ds->links.size(), 5u);
  const model::Link& r1 = ds->links[0];
  EXPECT_EQ(r1.mode, model::Mode::kRail1520);
  EXPECT_EQ(r1.capacity_t_per_year, 1e6);
  EXPECT_EQ(r1.cost_usd_per_t, 1.0);
  const model::Link& r2 = ds->links[1];
  EXPECT_EQ(r2.cost_usd_per_t, 0.0);             // default
  EXPECT_FALSE(r2.capacity_t_per_year);          // empty = unlimited
  EXPECT_TRUE(r2.both_directions);               // default
  EXPECT_FALSE(ds->links[4].both_directions);    // "no"
  EXPECT_EQ(ds->links[4].mode, model::Mode::kSea);

  ASSERT_EQ(ds->crossings.size(), 2u);
  EXPECT_TRUE(ds->crossings[0].modes.contains(model::Mode::kRail1435));
  EXPECT_TRUE(ds->crossings[0].gauge_change);
  EXPECT_EQ(ds->crossings[0].opened, "1901");
  EXPECT_EQ(ds->crossings[0].open_fraction, 1.0);
  EXPECT_EQ(ds->crossings[1].dwell_aeo_h, 48.0);  // absent = standard
  EXPECT_EQ(ds->crossings[1].open_fraction, 0.5);
  EXPECT_FALSE(ds->crossings[1].capacity_t_per_year);

  ASSERT_EQ(ds->transfers.size(), 2u);
  EXPECT_EQ(ds->transfers[1].to_mode, model::Mode::kSea);
  EXPECT_EQ(ds->transfers[0].capacity_t_per_year, 1.5e6);

  ASSERT_EQ(ds->commodities.size(), 1u);
  EXPECT_EQ(ds->commodities[0].name, "Containers, 40 ft");
  EXPECT_EQ(ds->commodities[0].aeo_share, 0.2);
  EXPECT_FALSE(ds->commodities[0].allowed_modes.contains(model::Mode::kPipeline));
  EXPECT_EQ(ds->commodities[0].provenance.confidence, "medium");

  ASSERT_EQ(ds->demand.size(), 2u);
  EXPECT_EQ(ds->demand[1].destination_node, "P");
  EXPECT_EQ(ds->demand[1].tonnes_per_year, 2e5);
  EXPECT_EQ(ds->demand[0].origin.line, 3);  // after the comment line
}

TEST(ReadDataset, ContentHashIsStableAndFollowsTheBytes) {
  Diagnostics d;
  auto a = ReadDataset(Fixture("good"), d);
  TempCopy copy("good");
  auto b = ReadDataset(copy.path(), d);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->content_hash, b->content_hash);
  copy.Write("demand.csv", "commodity,origin,destination,tonnes_per_year\nbox,A,B,1000001\n");
  auto c = ReadDataset(copy.path(), d);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_NE(a->content_hash, c->content_hash);
}

TEST(ReadDataset, ExampleCorridorIsValid) {
  Diagnostics d;
  auto ds = ReadDataset(std::string(CORRIDOR_SOURCE_DIR) + "/examples/example-corridor", d);
  ASSERT_TRUE(ds.ok()) << ds.status().ToString();
  EXPECT_EQ(Messages(d), Lines{});
  EXPECT_EQ(ds->nodes.size(), 14u);
  EXPECT_EQ(ds->nodes[0].id, "RU_IRK");  // the BOM is not part of the first column name
  EXPECT_EQ(ds->nodes[6].name, "Владивосток, порт");
  EXPECT_EQ(ds->links.size(), 21u);
  EXPECT_EQ(ds->links[0].provenance.confidence, "estimate");  // CRLF: no stray '\r'
  EXPECT_EQ(ds->commodities.size(), 4u);
  EXPECT_GE(ds->demand.size(), 8u);
  EXPECT_LE(ds->demand.size(), 15u);
}

TEST(ReadDataset, MissingFolderAndFile) {
  Diagnostics d;
  auto none = ReadDataset(Fixture("no_such_folder"), d);
  EXPECT_EQ(none.status().code(), StatusCode::kNotFound);
  EXPECT_NE(none.status().message().find("no_such_folder"), std::string::npos);

  Diagnostics d2;
  auto missing = ReadDataset(Fixture("missing_file"), d2);
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  const std::string path = Fixture("missing_file") + "/demand.csv";
  EXPECT_NE(missing.status().message().find(path), std::string::npos)
      << missing.status().message();
  EXPECT_EQ(Messages(d2), Lines{path + ": file not found"});
}

TEST(ReadDataset, MissingColumnIsOneErrorAndStopsCrossChecks) {
  Diagnostics d;
  auto ds = ReadDataset(Fixture("missing_column"), d);
  EXPECT_EQ(ds.status().code(), StatusCode::kInvalidInput);
  // No "unknown node" cascade although links.csv gave no rows.
  EXPECT_EQ(Messages(d), Lines{"links.csv:1: missing required column 'distance_km'"});
}

TEST(ReadDataset, EmptyTables) {
  Diagnostics d;
  auto ds = ReadDataset(Fixture("empty_table"), d);
  EXPECT_EQ(ds.status().code(), StatusCode::kInvalidInput);
  // crossings.csv and transfers.csv may be empty; demand.csv may not.
  EXPECT_EQ(Messages(d), Lines{"demand.csv:1: table is empty"});
  EXPECT_NE(ds.status().message().find("demand.csv:1: table is empty"), std::string::npos);

  TempCopy copy("good");
  copy.Write("nodes.csv", "");
  Diagnostics d2;
  EXPECT_FALSE(ReadDataset(copy.path(), d2).ok());
  EXPECT_EQ(Messages(d2), Lines{"nodes.csv: missing required columns 'id', 'name', 'country', "
                                "'kind', 'lat', 'lon'"});
}

TEST(ReadDataset, DisconnectedDemandIsAWarningNotAnError) {
  Diagnostics d;
  auto ds = ReadDataset(Fixture("disconnected"), d);
  ASSERT_TRUE(ds.ok()) << ds.status().ToString();
  EXPECT_EQ(Messages(d), Lines{"demand.csv:5: warning: no route for commodity coal from A to P "
                               "using modes rail_1520;rail_1435 (will be unserved)"});
}

TEST(ReadDataset, AllErrorsAtOnce) {
  Diagnostics d;
  auto ds = ReadDataset(Fixture("many_errors"), d);
  ASSERT_EQ(ds.status().code(), StatusCode::kInvalidInput);
  const Lines expected = {
      // Row by row, file by file...
      "dataset.toml:2: reference_year must be an integer, got string",
      "dataset.toml:3: warning: unknown key 'colour' is ignored",
      "nodes.csv:1: warning: unknown column 'population' is ignored",
      "nodes.csv:3: lat must be a finite number, got 'NaN'",
      "nodes.csv:4: country must be an ISO 3166-1 alpha-2 code such as RU, got 'China'",
      "nodes.csv:4: lon must be a finite number, got 'inf'",
      "nodes.csv:5: kind must be one of hub/junction/port/crossing/terminal, got 'city'",
      "links.csv:2: capacity_t_per_year must be >= 0, got -5",
      "links.csv:3: both_directions must be true/false/yes/no/1/0, got 'maybe'",
      "links.csv:5: time_h must be a number, got '12abc'",
      "crossings.csv:2: modes has unknown mode 'bus' (known: rail, "
      "rail_1520/rail_1435/road/sea/river/pipeline)",
      "crossings.csv:2: state must be open, closed or a fraction in [0, 1], got 'half'",
      "transfers.csv:3: cost_usd_per_t must be >= 0, got -1",
      "commodities.csv:2: aeo_share must be in [0, 1], got 1.5",
      "commodities.csv:3: unserved_penalty_usd_per_t must be > 0, got 0",
      "demand.csv:5: tonnes_per_year must be >= 0, got -3",
      // ...then the checks across tables.
      "nodes.csv:5: duplicate id 'A' (first on line 2)",
      "nodes.csv:5: lat must be in [-90, 90], got 95",
      "transfers.csv:3: duplicate id 'g' (first on line 2)",
      "links.csv:4: to refers to unknown node 'Q'",
      "commodities.csv:3: allowed_modes of commodity 'oil' (pipeline) are used by no link",
      "demand.csv:3: commodity refers to unknown commodity 'coal'",
      "demand.csv:4: origin and destination are both 'A'",
  };
  EXPECT_EQ(Messages(d), expected);
  EXPECT_EQ(d.error_count(), static_cast<int>(expected.size()) - 2);
  // The status lists every error, not just the first.
  for (const auto& item : d.items()) {
    if (item.severity == Diagnostic::Severity::kError) {
      EXPECT_NE(ds.status().message().find(item.ToString()), std::string::npos) << item.ToString();
    }
  }
}

TEST(ReadDataset, BadTomlIsLocated) {
  TempCopy copy("good");
  copy.Write("dataset.toml", "name = \"x\"\n\nreference_year = = 2022\n");
  Diagnostics d;
  auto ds = ReadDataset(copy.path(), d);
  EXPECT_EQ(ds.status().code(), StatusCode::kInvalidInput);
  ASSERT_EQ(d.error_count(), 1);
  EXPECT_EQ(d.items()[0].file, "dataset.toml");
  EXPECT_EQ(d.items()[0].line, 3);
}

TEST(ReadDataset, MetaRules) {
  TempCopy copy("good");
  copy.Write("dataset.toml",
             "reference_year = 1066\ncurrency = \"EUR\"\nmass_unit = \"kg\"\n"
             "sources = \"none\"\n");
  Diagnostics d;
  EXPECT_FALSE(ReadDataset(copy.path(), d).ok());
  EXPECT_EQ(Messages(d), (Lines{
                             "dataset.toml: missing key 'name'",
                             "dataset.toml:1: reference_year must be in [1900, 2200], got 1066",
                             "dataset.toml:2: currency must be \"USD\", got \"EUR\"",
                             "dataset.toml:3: mass_unit must be \"t\", got \"kg\"",
                             "dataset.toml:4: sources must be an array of tables ([[sources]]), "
                             "got string",
                         }));
}

TEST(ReadDataset, ConfidenceMustBeKnown) {
  TempCopy copy("good");
  copy.Write("demand.csv",
             "commodity,origin,destination,tonnes_per_year,confidence\nbox,A,B,1,sure\n");
  Diagnostics d;
  EXPECT_FALSE(ReadDataset(copy.path(), d).ok());
  EXPECT_EQ(Messages(d),
            Lines{"demand.csv:2: confidence must be one of high/medium/low/estimate, got 'sure'"});
}

}  // namespace
}  // namespace corridor::io

namespace corridor::io {
namespace {

TEST(ReadDataset, OptionalTablesAreReadAndHashed) {
  Diagnostics d;
  auto base = ReadDataset(Fixture("good"), d);
  ASSERT_TRUE(base.ok());
  TempCopy copy("good");
  copy.Write("background.csv",
             "element,tonnes_per_year,origin_country,description,source,confidence\n"
             "crossing:XR,500000,RU,other trade,estimate: test,estimate\n"
             "link:r1:forward,1e5,,,estimate: test,estimate\n");
  copy.Write("rates.csv", "scope,cargo_type,factor\nmode:rail_1520,container,1.5\n");
  copy.Write("resources.csv",
             "id,name,kind,members,cargo_types,capacity_t_per_year\n"
             "XR_BOX,boxes,slots,crossing:XR;link:r2:reverse,container,4e5\n");
  Diagnostics d2;
  auto ds = ReadDataset(copy.path(), d2);
  ASSERT_TRUE(ds.ok()) << d2.ToString();
  EXPECT_NE(ds->content_hash, base->content_hash);
  ASSERT_EQ(ds->preloads.size(), 2u);
  EXPECT_EQ(ds->preloads[0].origin_country, "RU");
  EXPECT_EQ(ds->preloads[1].element.direction, model::Direction::kForward);
  ASSERT_EQ(ds->rates.size(), 1u);
  EXPECT_DOUBLE_EQ(ds->rates[0].factor, 1.5);
  ASSERT_EQ(ds->resources.size(), 1u);
  EXPECT_EQ(ds->resources[0].members.size(), 2u);
  EXPECT_TRUE(ds->resources[0].cargo.contains(model::CargoType::kContainer));
  EXPECT_FALSE(ds->resources[0].cargo.contains(model::CargoType::kDryBulk));
}

TEST(ReadDataset, BadOptionalRowsAreLocatedAndNothingIsReturned) {
  TempCopy copy("good");
  copy.Write("background.csv",
             "element,tonnes_per_year\n"
             "crossing:XR,-5\n"
             "crossing:XR,nan\n"
             "bridge:XR,5\n"
             "port:B,5\n"
             "crossing:NOPE,5\n");
  copy.Write("rates.csv", "scope,cargo_type,factor\nmode:rail_1520,coal,0.5\nmode:maglev,container,1\n");
  copy.Write("resources.csv",
             "id,kind,members,cargo_types,capacity_t_per_year\n"
             "R1,berth,port:B,container,1e5\n"
             "R2,slots,,container,1e5\n"
             "R3,slots,crossing:XR,grain,1e5\n");
  Diagnostics d;
  auto ds = ReadDataset(copy.path(), d);
  EXPECT_FALSE(ds.ok());
  const std::string text = d.ToString();
  for (const char* expected :
       {"background.csv:2: tonnes_per_year must be >= 0", "background.csv:3: tonnes_per_year",
        "background.csv:4: element has unknown element kind 'bridge'",
        "background.csv:5: element must be a link, crossing, transfer or resource",
        "background.csv:6: element refers to unknown crossing 'NOPE'",
        "rates.csv:2: cargo_type must be one of", "rates.csv:3: scope has unknown mode 'maglev'",
        "resources.csv:2: kind must be one of", "resources.csv:3: members",
        "resources.csv:4: cargo_types has unknown cargo type 'grain'"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << "missing: " << expected << "\n" << text;
  }
}

TEST(ReadDataset, LinkGeometryAndCrossingNameAreRead) {
  TempCopy copy("good");
  copy.Write("links.csv",
             "id,from,to,mode,distance_km,time_h,geometry\n"
             "r1,A,X,rail_1520,1500,30,\"LINESTRING (104.3 52.3, 110 51, 117.3 49.6)\"\n"
             "r2,X,B,rail_1435,900,18,\n"
             "d1,A,X,road,1400,25,\n"
             "d2,X,B,road,950,16,\n"
             "s1,B,P,sea,2000,90,\n");
  Diagnostics d;
  auto ds = ReadDataset(copy.path(), d);
  ASSERT_TRUE(ds.ok()) << d.ToString();
  ASSERT_EQ(ds->links[0].shape.size(), 3u);
  EXPECT_DOUBLE_EQ(ds->links[0].shape[1].lon, 110.0);
  EXPECT_TRUE(ds->links[1].shape.empty());
}

TEST(ReadDataset, BadLinkGeometryIsLocated) {
  TempCopy copy("good");
  copy.Write("links.csv",
             "id,from,to,mode,distance_km,time_h,geometry\n"
             "r1,A,X,rail_1520,1500,30,\"LINESTRING (104.3 52.3, 117.3 95)\"\n"
             "r2,X,B,rail_1435,900,18,POINT (1 2)\n"
             "d1,A,X,road,1400,25,\"LINESTRING (100 52.3, 117.3 49.6)\"\n"
             "d2,X,B,road,950,16,\"LINESTRING (117.3 49.6, 126.5 40)\"\n"
             "s1,B,P,sea,2000,90,\n");
  Diagnostics d;
  auto ds = ReadDataset(copy.path(), d);
  EXPECT_FALSE(ds.ok());
  const std::string text = d.ToString();
  for (const char* expected :
       {"links.csv:2: geometry point 2: latitude 95 out of [-90, 90]",
        "links.csv:3: geometry must be a WKT LINESTRING",
        "links.csv:4: geometry must start at node 'A' (104.3 52.3), its first point (100 52.3) is 292 km away",
        "links.csv:5: geometry must end at node 'B'"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << "missing: " << expected << "\n" << text;
  }
}

}  // namespace
}  // namespace corridor::io
