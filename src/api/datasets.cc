#include <algorithm>
#include <cctype>
#include <string_view>
#include <filesystem>

#include "io/dataset_reader.h"
#include "io/text_file.h"
#include "report/report.h"

#include <nlohmann/json.hpp>

#include "api/errors.h"
#include "api/run_work.h"
#include "api/service_impl.h"

namespace corridor::api {

using nlohmann::json;
using http::Request;
using http::Response;

namespace fs = std::filesystem;

namespace {

// Files kept beside a dataset's own (not part of its content hash): settlement
// assumptions, its risk model and its candidate projects.
constexpr const char* kExtraFiles[] = {"settlement.toml", kDatasetRiskModel, "projects.csv"};
constexpr std::size_t kMaxScenarioFiles = 1000;

bool IsDatasetFile(const std::string& name, bool* required) {
  for (const char* n : io::kDatasetFiles) {
    if (name == n) return *required = true;
  }
  *required = false;
  for (const char* n : io::kOptionalDatasetFiles) {
    if (name == n) return true;
  }
  for (const char* n : kExtraFiles) {
    if (name == n) return true;
  }
  return false;
}

// "scenarios/NAME.toml" with a plain NAME -> NAME; "" otherwise.
std::string ScenarioFileName(const std::string& name) {
  constexpr std::string_view kDir = "scenarios/", kExt = ".toml";
  if (name.size() <= kDir.size() + kExt.size() || !name.starts_with(kDir) || !name.ends_with(kExt)) {
    return "";
  }
  const std::string stem = name.substr(kDir.size(), name.size() - kDir.size() - kExt.size());
  for (unsigned char c : stem) {
    if (!(std::isalnum(c) || c == '-' || c == '_' || c == '.')) return "";
  }
  return stem.front() == '.' ? "" : stem;
}

std::string PercentDecoded(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

bool Inside(const fs::path& path, const fs::path& root) {
  auto r = root.begin();
  auto p = path.begin();
  for (; r != root.end(); ++r, ++p) {
    if (p == path.end() || *p != *r) return false;
  }
  return true;
}

// The folder `folder` names under `root`, resolved (symlinks followed) and checked to
// stay inside it: PermissionDenied for "..", encoded or not, or an escape.
Result<fs::path> Confined(const std::string& folder, const std::string& root) {
  const std::string decoded = PercentDecoded(folder);
  for (const std::string& text : {folder, decoded}) {
    for (const auto& part : fs::path(text)) {
      if (part == "..") return PermissionDenied("folder '" + folder + "' contains '..'");
    }
    if (text.find('\0') != std::string::npos) return PermissionDenied("folder '" + folder + "' contains a NUL");
  }
  std::error_code ec;
  const fs::path canon_root = fs::canonical(root, ec);
  if (ec) return Unavailable("the data root '" + root + "' cannot be read: " + ec.message());
  const fs::path given(folder);
  const fs::path joined = given.is_absolute() ? given : canon_root / given;
  const fs::path canon = fs::canonical(joined, ec);
  if (ec) return NotFound("dataset folder not found under the data root: " + folder);
  if (!Inside(canon, canon_root)) {
    return PermissionDenied("folder '" + folder + "' is outside the data root (it resolves to a "
                            "path out of it)");
  }
  return canon;
}

}  // namespace

Result<Files> Service::Impl::ReadFolder(const std::string& folder, const std::string& confine_to,
                                        Diagnostics& diags) {
  std::error_code ec;
  fs::path dir(folder);
  if (!confine_to.empty()) {
    auto confined = Confined(folder, confine_to);
    if (!confined.ok()) return confined.status();
    dir = *confined;
  }
  if (!fs::is_directory(dir, ec)) {
    diags.Error(folder, 0, "", "dataset folder not found");
    return NotFound("dataset folder not found: " + folder);
  }
  Files files;
  const fs::path root = confine_to.empty() ? fs::path() : fs::canonical(confine_to, ec);
  // Each file is read once: the bytes that are validated are the bytes stored.
  auto read = [&](const fs::path& path, const std::string& name, bool optional) -> Status {
    if (optional && !fs::exists(path, ec)) return Status::Ok();
    if (!confine_to.empty()) {  // a symlinked file must not reach out of the root either
      const fs::path canon = fs::canonical(path, ec);
      if (ec || root.empty() || !Inside(canon, root)) {
        return PermissionDenied("file '" + name + "' of folder '" + folder +
                                "' resolves outside the data root");
      }
    }
    auto text = io::ReadTextFile(path.string());
    if (!text) return NotFound("cannot read " + path.string());
    files[name] = std::move(*text);
    return Status::Ok();
  };
  for (const char* name : io::kDatasetFiles) {
    if (Status s = read(dir / name, name, false); !s.ok()) return s;
  }
  for (const char* name : io::kOptionalDatasetFiles) {
    if (Status s = read(dir / name, name, true); !s.ok()) return s;
  }
  for (const char* name : kExtraFiles) {
    if (Status s = read(dir / name, name, true); !s.ok()) return s;
  }
  const fs::path scenarios = dir / "scenarios";
  if (!fs::is_directory(scenarios, ec)) return files;
  for (const auto& e : fs::directory_iterator(scenarios, ec)) {
    const std::string name = "scenarios/" + e.path().filename().string();
    if (ScenarioFileName(name).empty()) continue;
    if (Status s = read(e.path(), name, false); !s.ok()) return s;
  }
  return files;
}

Result<Service::ImportResult> Service::Impl::ImportFolder(const std::string& folder, Diagnostics& diags) {
  auto files = ReadFolder(folder, "", diags);
  if (!files.ok()) return files.status();
  return ImportFiles(folder, *files, folder, 0, diags);
}

Result<Service::ImportResult> Service::Impl::ImportFiles(const std::string& label, const Files& all,
                                                         const std::string& source,
                                                         std::int64_t owner_id, Diagnostics& diags) {
  Files texts;
  std::map<std::string, std::string> scenario_texts;  // name -> text, sorted by name
  for (const auto& [name, text] : all) {
    bool required = false;
    if (IsDatasetFile(name, &required)) {
      texts[name] = text;
    } else if (const std::string scenario = ScenarioFileName(name); !scenario.empty()) {
      scenario_texts[scenario] = text;
    } else if (name.empty() || name.front() == '.' || name.find('/') != std::string::npos ||
               name.find('\\') != std::string::npos || name.find('\0') != std::string::npos) {
      diags.Error(name, 0, "", "not a file name of a dataset (plain names, or scenarios/NAME.toml)");
      return InvalidInput("dataset '" + label + "': file name '" + name + "' is not allowed");
    } else {
      diags.Warning(name, 0, "", "not a table the server uses (docs/file_formats.md lists them): "
                                 "not stored");
    }
  }
  if (scenario_texts.size() > kMaxScenarioFiles) {
    return InvalidInput("dataset '" + label + "': more than " + std::to_string(kMaxScenarioFiles) +
                        " scenarios");
  }
  auto ds = io::ParseDataset(label, texts, diags);
  if (!ds.ok()) return ds.status();
  std::vector<store::DatasetFile> files;
  for (const auto& [name, text] : texts) files.push_back({name, text});
  store::DatasetRecord meta;
  meta.name = ds->meta.name.empty() ? fs::path(label).filename().string() : ds->meta.name;
  meta.content_hash = ds->content_hash;
  meta.reference_year = ds->meta.reference_year;
  meta.source_folder = source;
  auto before = store.ListDatasets();
  if (!before.ok()) return before.status();
  const bool existed = std::any_of(before->begin(), before->end(), [&](const auto& d) {
    return d.content_hash == meta.content_hash;
  });
  auto record = store.ImportDataset(meta, files);
  if (!record.ok()) return record.status();
  ImportResult result{*record, !existed, 0};

  // Scenarios: every one whose name is not stored yet, if valid.
  auto stored = store.ListScenarios(record->id);
  if (!stored.ok()) return stored.status();
  for (const auto& [name, text] : scenario_texts) {
    if (std::any_of(stored->begin(), stored->end(), [&](const auto& s) { return s.name == name; })) {
      continue;
    }
    Diagnostics local;
    if (!ValidateScenario(record->id, name, text, local).ok()) {
      diags.Warning("scenarios/" + name + ".toml", 0, "", "scenario not imported: " + local.ToString());
      continue;
    }
    if (store.CreateScenario(record->id, name, text, owner_id).ok()) ++result.scenarios_imported;
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

// {"files": {name: text, ...}, "name"?} uploads a dataset; {"folder": F} reads one
// under the data root (--data-root), refused without one.
Response Service::Impl::ImportDataset(const Request& req, const Caller& caller) {
  Response error;
  auto body = JsonBody(req, &error);
  if (!body) return error;
  Fields f(*body);
  const auto folder = f.String("folder", false);
  const auto name = f.String("name", false);
  if (!f.ok()) return BadRequest(f.error());
  const auto files_it = body->find("files");
  const bool upload = files_it != body->end();
  if (upload == folder.has_value()) {
    return BadRequest("give either 'files' (an object of file name -> content) or 'folder'");
  }
  Diagnostics diags;
  Result<Files> files = Files{};
  std::string label, source;
  if (upload) {
    if (!files_it->is_object() || files_it->empty()) {
      return BadRequest("field 'files' must be an object of file name -> content, got " +
                        std::string(files_it->type_name()));
    }
    for (const auto& [file, content] : files_it->items()) {
      if (!content.is_string()) return BadRequest("file '" + file + "' must be a string");
      (*files)[file] = content.get<std::string>();
    }
    label = name && !name->empty() ? *name : "upload";
    source = "upload by " + caller.name;
  } else {
    if (options.data_root.empty()) {
      return ErrorFromStatus(PermissionDenied(
          "this server reads no folders: upload the dataset's files ({\"files\": {...}}) or start "
          "corridor serve with --data-root DIR"));
    }
    files = ReadFolder(*folder, options.data_root, diags);
    label = source = *folder;
  }
  if (!files.ok()) return ErrorFromStatus(files.status(), &diags);
  auto imported = ImportFiles(label, *files, source, caller.user_id, diags);
  if (!imported.ok()) return ErrorFromStatus(imported.status(), &diags);
  if (imported->created) {
    Audit(caller, "dataset.import", "dataset " + std::to_string(imported->dataset.id),
          {{"name", imported->dataset.name}, {"content_hash", imported->dataset.content_hash},
           {"source", source}});
  }
  json out = DatasetJson(imported->dataset);
  out["scenarios_imported"] = imported->scenarios_imported;
  out["warnings"] = DiagnosticsArray(diags);
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

Response Service::Impl::DeleteDataset(const Request& req, const Caller& caller) {
  const auto id = PathId(req);
  if (!id) return BadId(req);
  if (Status s = store.DeleteDataset(*id); !s.ok()) return ErrorFromStatus(s);
  ForgetDataset(*id);
  Audit(caller, "dataset.delete", "dataset " + std::to_string(*id));
  return NoContent();
}

}  // namespace corridor::api
