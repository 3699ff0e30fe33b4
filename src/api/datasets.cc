#include <algorithm>
#include <filesystem>

#include "io/dataset_reader.h"
#include "io/text_file.h"
#include "report/report.h"

#include <nlohmann/json.hpp>

#include "api/errors.h"
#include "api/service_impl.h"

namespace corridor::api {

using nlohmann::json;
using http::Request;
using http::Response;

namespace fs = std::filesystem;

Result<Service::ImportResult> Service::Impl::ImportFolder(const std::string& folder, Diagnostics& diags) {
  // Each file is read once: the bytes that are validated are the bytes stored.
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    diags.Error(folder, 0, "", "dataset folder not found");
    return NotFound("dataset folder not found: " + folder);
  }
  Files texts;
  std::vector<store::DatasetFile> files;
  auto read = [&](const char* name, bool optional) -> Status {
    const fs::path path = fs::path(folder) / name;
    if (optional && !fs::exists(path, ec)) return Status::Ok();
    auto text = io::ReadTextFile(path.string());
    if (!text) return NotFound("cannot read " + path.string());
    texts[name] = *text;
    files.push_back({name, std::move(*text)});
    return Status::Ok();
  };
  for (const char* name : io::kDatasetFiles) {
    if (Status s = read(name, false); !s.ok()) return s;
  }
  for (const char* name : io::kOptionalDatasetFiles) {
    if (Status s = read(name, true); !s.ok()) return s;
  }
  // Settlement assumptions (docs/file_formats.md): not part of the routing dataset's hash.
  if (Status s = read("settlement.toml", true); !s.ok()) return s;
  auto ds = io::ParseDataset(folder, texts, diags);
  if (!ds.ok()) return ds.status();
  // The dataset's risk model, when it has one, is kept beside its files (not part of
  // its hash): a risk run without a model of its own uses it.
  if (Status s = read(kDatasetRiskModel, true); !s.ok()) return s;
  store::DatasetRecord meta;
  meta.name = ds->meta.name.empty() ? fs::path(folder).filename().string() : ds->meta.name;
  meta.content_hash = ds->content_hash;
  meta.reference_year = ds->meta.reference_year;
  meta.source_folder = folder;
  auto before = store.ListDatasets();
  if (!before.ok()) return before.status();
  const bool existed = std::any_of(before->begin(), before->end(), [&](const auto& d) {
    return d.content_hash == meta.content_hash;
  });
  auto record = store.ImportDataset(meta, files);
  if (!record.ok()) return record.status();
  ImportResult result{*record, !existed, 0};

  // Scenarios: every scenarios/*.toml whose name is not stored yet, if valid.
  const fs::path dir = fs::path(folder) / "scenarios";
  if (!fs::is_directory(dir, ec)) return result;
  std::vector<fs::path> paths;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".toml") paths.push_back(e.path());
  }
  std::sort(paths.begin(), paths.end());
  auto stored = store.ListScenarios(record->id);
  if (!stored.ok()) return stored.status();
  for (const fs::path& p : paths) {
    const std::string name = p.stem().string();
    if (std::any_of(stored->begin(), stored->end(), [&](const auto& s) { return s.name == name; })) {
      continue;
    }
    auto text = io::ReadTextFile(p.string());
    if (!text) continue;
    Diagnostics local;
    if (!ValidateScenario(record->id, name, *text, local).ok()) {
      diags.Warning(p.string(), 0, "", "scenario not imported: " + local.ToString());
      continue;
    }
    if (store.CreateScenario(record->id, name, *text).ok()) ++result.scenarios_imported;
  }
  return result;
}

Response Service::Impl::ListDatasets(const Request&) {
  auto list = store.ListDatasets();
  if (!list.ok()) return ErrorFromStatus(list.status());
  json out = json::array();
  for (const auto& d : *list) out.push_back(DatasetJson(d));
  return Json(200, {{"datasets", out}});
}

Response Service::Impl::ImportDataset(const Request& req) {
  Response error;
  auto body = JsonBody(req, &error);
  if (!body) return error;
  Fields f(*body);
  const auto folder = f.String("folder", true);
  if (!f.ok()) return BadRequest(f.error());
  Diagnostics diags;
  auto imported = ImportFolder(*folder, diags);
  if (!imported.ok()) return ErrorFromStatus(imported.status(), &diags);
  json out = DatasetJson(imported->dataset);
  out["scenarios_imported"] = imported->scenarios_imported;
  return Json(imported->created ? 201 : 200, out);
}

Response Service::Impl::GetDataset(const Request& req) {
  const auto id = PathId(req);
  if (!id) return BadId(req);
  auto d = store.GetDataset(*id);
  return d.ok() ? Json(200, DatasetJson(*d)) : ErrorFromStatus(d.status());
}

Response Service::Impl::Network(const Request& req) {
  const auto id = PathId(req);
  if (!id) return BadId(req);
  std::shared_ptr<const std::string> geojson;
  {
    std::lock_guard lock(cache_mu);
    if (auto it = networks.find(*id); it != networks.end()) geojson = it->second;
  }
  if (!geojson) {
    auto ds = store.GetDataset(*id);
    if (!ds.ok()) return ErrorFromStatus(ds.status());
    auto files = DatasetFiles(*id);
    if (!files.ok()) return ErrorFromStatus(files.status());
    Diagnostics diags;
    auto parsed = io::ParseDataset(ds->name, **files, diags);
    if (!parsed.ok()) return ErrorFromStatus(parsed.status(), &diags);
    geojson = std::make_shared<const std::string>(report::NetworkGeoJson(*parsed));
    std::lock_guard lock(cache_mu);
    networks[*id] = geojson;
  }
  Response r;
  r.content_type = "application/geo+json";
  r.body = *geojson;
  return r;
}

Response Service::Impl::DeleteDataset(const Request& req) {
  const auto id = PathId(req);
  if (!id) return BadId(req);
  if (Status s = store.DeleteDataset(*id); !s.ok()) return ErrorFromStatus(s);
  ForgetDataset(*id);
  return NoContent();
}

}  // namespace corridor::api
