// GMNS conversion: the built-in dataset through GMNS and back solves to the same optimum,
// every kind of bad GMNS input is a located error, unmapped columns and tables are
// warnings, geometry and units are mapped, and a TNTP network becomes GMNS link by link.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "gmns/gmns.h"
#include "io/csv.h"
#include "io/dataset_reader.h"
#include "io/text_file.h"
#include "io/tntp_reader.h"
#include "model/network.h"
#include "routing/system_optimum.h"

namespace corridor::gmns {
namespace {

namespace fs = std::filesystem;

const std::string kBuiltIn = std::string(CORRIDOR_SOURCE_DIR) + "/data/china-russia-2022";

std::string Fresh(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("corridor_gmns_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

void Write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

bool Has(const Diagnostics& d, const std::string& text) {
  return d.ToString().find(text) != std::string::npos;
}

double SolveObjective(const model::Dataset& ds) {
  auto net = model::BuildNetwork(ds);
  EXPECT_TRUE(net.ok()) << net.status().ToString();
  routing::Options opt;
  opt.ranging_top_n = 0;
  auto sol = routing::SolveSystemOptimum(*net, opt);
  EXPECT_TRUE(sol.ok()) << sol.status().ToString();
  EXPECT_EQ(sol->status, routing::SolveStatus::kOptimal);
  EXPECT_TRUE(sol->check.passed);
  return sol->objective_usd;
}

TEST(GmnsRoundTrip, BuiltInDatasetSolvesToTheSameOptimum) {
  const std::string gmns = Fresh("rt_gmns");
  const std::string back = Fresh("rt_back");
  Diagnostics d1, d2, d3, d4;
  auto out = DatasetToGmns(kBuiltIn, gmns, d1);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_TRUE(fs::exists(gmns + "/node.csv") && fs::exists(gmns + "/link.csv") &&
              fs::exists(gmns + "/use_definition.csv") && fs::exists(gmns + "/config.csv"));
  auto in = GmnsToDataset(gmns, back, d2);
  ASSERT_TRUE(in.ok()) << in.status().ToString() << d2.ToString();
  EXPECT_EQ(d2.error_count(), 0) << d2.ToString();

  auto original = io::ReadDataset(kBuiltIn, d3);
  auto converted = io::ReadDataset(back, d4);
  ASSERT_TRUE(original.ok() && converted.ok()) << d4.ToString();
  EXPECT_EQ(out->nodes, static_cast<int>(original->nodes.size()));
  EXPECT_EQ(in->links, static_cast<int>(original->links.size()));
  ASSERT_EQ(converted->nodes.size(), original->nodes.size());
  ASSERT_EQ(converted->links.size(), original->links.size());
  for (std::size_t i = 0; i < original->nodes.size(); ++i) {
    const auto& a = original->nodes[i];
    const auto& b = converted->nodes[i];
    EXPECT_TRUE(a.id == b.id && a.name == b.name && a.country == b.country && a.kind == b.kind &&
                a.lat == b.lat && a.lon == b.lon && a.provenance.source == b.provenance.source)
        << a.id;
  }
  for (std::size_t i = 0; i < original->links.size(); ++i) {
    const auto& a = original->links[i];
    const auto& b = converted->links[i];
    EXPECT_TRUE(a.id == b.id && a.from == b.from && a.to == b.to && a.mode == b.mode &&
                a.distance_km == b.distance_km && a.time_h == b.time_h &&
                a.cost_usd_per_t == b.cost_usd_per_t && a.cost_usd_per_tkm == b.cost_usd_per_tkm &&
                a.capacity_t_per_year == b.capacity_t_per_year &&
                a.both_directions == b.both_directions && a.provenance.confidence == b.provenance.confidence)
        << a.id;
  }
  const double before = SolveObjective(*original);
  const double after = SolveObjective(*converted);
  EXPECT_LE(std::abs(before - after), 1e-9 * std::abs(before)) << before << " vs " << after;
}

// A small GMNS network in the style other tools write: every mapped and unmapped part.
struct Network {
  std::string node = "node_id,name,x_coord,y_coord,node_type,ctrl_type,country\n"
                     "1,Alpha,100,50,intersection,signal,RU\n"
                     "2,Beta,101,51,,,RU\n"
                     "3,,102,52,port,,CN\n";
  std::string link = "link_id,from_node_id,to_node_id,directed,allowed_uses,length,free_speed,lanes,toll,geometry_id,dir_flag\n"
                     "a,1,2,true,\"truck,bike\",10,50,2,1.5,g1,-1\n"
                     "b,2,3,false,rail_1520,20,40,,,,\n";
  std::string geometry = "geometry_id,geometry\ng1,\"LINESTRING (101 51, 100.5 50.5, 100 50)\"\n";
  std::string config = "dataset_name,long_length,speed,crs\nsmall,mi,mph,EPSG:4326\n";
};

std::string WriteNetwork(const std::string& name, const Network& n) {
  const std::string dir = Fresh(name);
  Write(dir + "/node.csv", n.node);
  Write(dir + "/link.csv", n.link);
  Write(dir + "/geometry.csv", n.geometry);
  Write(dir + "/config.csv", n.config);
  return dir;
}

TEST(GmnsRead, MapsUnitsGeometryAndUsesAndReportsWhatItDrops) {
  const std::string dir = WriteNetwork("map", Network{});
  Write(dir + "/link_tod.csv", "link_tod_id,link_id,timeday_id,capacity\n1,a,am,1000\n");
  const std::string out = Fresh("map_out");
  Diagnostics d;
  auto r = GmnsToDataset(dir, out, d);
  ASSERT_TRUE(r.ok()) << r.status().ToString() << d.ToString();
  EXPECT_EQ(r->nodes, 3);
  EXPECT_EQ(r->links, 2);
  // One warning per unmapped column or table, naming it.
  for (const char* w : {"node.csv:1: warning: ctrl_type dropped", "link.csv:1: warning: lanes dropped",
                        "link.csv:1: warning: toll dropped", "link_tod.csv: warning: time-of-day",
                        "use 'bike' is not freight", "'intersection' is not a corridor node kind",
                        "dataset.toml: warning: absent", "demand.csv: warning: absent"}) {
    EXPECT_TRUE(Has(d, w)) << w << "\n" << d.ToString();
  }
  Diagnostics csv;
  const io::CsvTable links = io::ParseCsv(*io::ReadTextFile(out + "/links.csv"), "links.csv", csv);
  ASSERT_EQ(links.records.size(), 2u);
  auto field = [&](int row, const char* column) {
    return links.records[row].fields[links.ColumnIndex(column)];
  };
  EXPECT_EQ(field(0, "mode"), "road");
  EXPECT_EQ(field(1, "mode"), "rail_1520");
  EXPECT_DOUBLE_EQ(std::stod(field(0, "distance_km")), 10 * 1.609344);
  EXPECT_DOUBLE_EQ(std::stod(field(0, "time_h")), 10.0 / 50.0);  // miles / mph
  EXPECT_EQ(field(0, "both_directions"), "false");
  EXPECT_EQ(field(1, "both_directions"), "true");
  EXPECT_EQ(field(0, "geometry"), "LINESTRING (100 50, 100.5 50.5, 101 51)");  // dir_flag -1
  EXPECT_EQ(field(1, "geometry"), "");
  const io::CsvTable nodes = io::ParseCsv(*io::ReadTextFile(out + "/nodes.csv"), "nodes.csv", csv);
  EXPECT_EQ(nodes.records[2].fields[nodes.ColumnIndex("name")], "3");  // no name: the id
  EXPECT_EQ(nodes.records[0].fields[nodes.ColumnIndex("kind")], "junction");
  EXPECT_TRUE(fs::exists(out + "/crossings.csv") && fs::exists(out + "/transfers.csv"));
}

// The bad input: missing required columns, unknown modes, dangling node
// references, bad WKT, each located.
TEST(GmnsRead, BadInputIsLocated) {
  struct Case {
    std::string name;
    Network net;
    std::string expected;
  };
  std::vector<Case> cases;
  Network n;
  n.link = "link_id,from_node_id,to_node_id,allowed_uses,length\na,1,2,road,10\n";
  cases.push_back({"missing", n, "link.csv:1: missing required column(s): directed"});
  n = Network{};
  n.link = "link_id,from_node_id,to_node_id,directed,allowed_uses,length,free_speed\n"
           "a,1,2,true,road,10,50\nb,2,3,true,hovercraft,10,50\n";
  cases.push_back({"mode", n, "link.csv:3: allowed_uses unknown mode 'hovercraft'"});
  n.link = "link_id,from_node_id,to_node_id,directed,allowed_uses,length,free_speed\n"
           "a,1,9,true,road,10,50\n";
  cases.push_back({"dangling", n, "link.csv:2: to_node_id unknown node '9' (not in node.csv)"});
  n.link = "link_id,from_node_id,to_node_id,directed,allowed_uses,length,free_speed,geometry\n"
           "a,1,2,true,road,10,50,\"LINESTRING (100 50, 101)\"\n";
  cases.push_back({"wkt", n, "link.csv:2: geometry bad WKT: point 2: expected two numbers"});
  n.link = "link_id,from_node_id,to_node_id,directed,allowed_uses,length,free_speed,geometry_id\n"
           "a,1,2,true,road,10,50,g9\n";
  cases.push_back({"geometry_id", n, "link.csv:2: geometry_id unknown geometry 'g9'"});
  n.link = "link_id,from_node_id,to_node_id,directed,allowed_uses,length\na,1,2,true,road,10\n";
  cases.push_back({"speed", n, "link.csv:2: free_speed must be > 0 to give the travel time"});
  n.link = "link_id,from_node_id,to_node_id,directed,allowed_uses,length,free_speed\n"
           "a,1,2,true,\"road,rail_1435\",10,50\n";
  cases.push_back({"two_modes", n, "link.csv:2: allowed_uses names 2 freight modes"});
  n = Network{};
  n.node = "node_id,x_coord\n1,100\n";
  cases.push_back({"node_columns", n, "node.csv:1: missing required column(s): y_coord"});
  n = Network{};
  n.config = "long_length,crs\nfurlong,EPSG:3857\n";
  cases.push_back({"config", n, "config.csv:2: long_length unknown unit 'furlong'"});
  for (const Case& c : cases) {
    const std::string dir = WriteNetwork("bad_" + c.name, c.net);
    Diagnostics d;
    auto r = GmnsToDataset(dir, Fresh("bad_out_" + c.name), d);
    EXPECT_FALSE(r.ok()) << c.name;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput) << c.name;
    EXPECT_TRUE(Has(d, c.expected)) << c.name << ": expected " << c.expected << "\n" << d.ToString();
  }
  Diagnostics d;
  EXPECT_EQ(GmnsToDataset(Fresh("empty"), Fresh("empty_out"), d).status().code(), StatusCode::kNotFound);
}

TEST(TntpToGmns, SiouxFallsLinkByLink) {
  const std::string net_file = std::string(CORRIDOR_SHARED_DIR) +
                               "/benchmarks/tntp/SiouxFalls/SiouxFalls_net.tntp";
  const std::string out = Fresh("tntp");
  Diagnostics d;
  auto r = TntpToGmns(net_file, "", out, d);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->nodes, 24);
  EXPECT_EQ(r->links, 76);
  auto net = io::ReadTntpNetwork(net_file);
  ASSERT_TRUE(net.ok());
  Diagnostics csv;
  const io::CsvTable links = io::ParseCsv(*io::ReadTextFile(out + "/link.csv"), "link.csv", csv);
  ASSERT_EQ(links.records.size(), net->links.size());
  for (std::size_t i = 0; i < net->links.size(); ++i) {
    const auto& f = links.records[i].fields;
    const io::TntpLink& l = net->links[i];
    EXPECT_EQ(f[links.ColumnIndex("from_node_id")], std::to_string(net->original_node_ids[l.from.index()]));
    EXPECT_EQ(std::stod(f[links.ColumnIndex("capacity")]), l.capacity);
    EXPECT_EQ(std::stod(f[links.ColumnIndex("free_flow_time")]), l.free_flow_time);
    EXPECT_EQ(std::stod(f[links.ColumnIndex("bpr_b")]), l.b);
    EXPECT_EQ(f[links.ColumnIndex("directed")], "true");
  }
  // Coordinates from SiouxFalls_node.tntp beside the network.
  const io::CsvTable nodes = io::ParseCsv(*io::ReadTextFile(out + "/node.csv"), "node.csv", csv);
  EXPECT_EQ(nodes.records[0].fields[nodes.ColumnIndex("x_coord")], "-96.77041974");
  // Zone centroids are the nodes below FIRST THRU NODE (1 in Sioux Falls: none).
  for (const auto& rec : nodes.records) {
    const bool centroid = std::stoll(rec.fields[0]) < net->first_thru_node;
    EXPECT_EQ(rec.fields[nodes.ColumnIndex("zone_id")], centroid ? rec.fields[0] : "");
  }
  EXPECT_EQ(d.error_count(), 0) << d.ToString();
}

}  // namespace
}  // namespace corridor::gmns
