// The comparison of finished solve runs the web page's compare view shows
// (docs/http_api.md, "Compare"), built from the runs' stored result.json and
// flows.geojson, so it needs no re-solve and works for any stored run.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace corridor::api {

struct StoredRun {
  std::int64_t id = 0;
  std::string scenario;       // display name
  std::string result_json;    // the run's result.json
  std::string flows_geojson;  // the run's flows.geojson
};

// KPIs with deltas against the first run, crossing utilisation per run and the
// per-link flow differences as GeoJSON. InvalidInput if a document cannot be read.
Result<std::string> CompareDocument(const std::vector<StoredRun>& runs);

}  // namespace corridor::api
