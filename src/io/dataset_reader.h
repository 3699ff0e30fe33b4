// Reads a dataset folder (docs/file_formats.md): dataset.toml, the six required CSV
// tables and the optional ones, then runs model::ValidateDataset on the result.
#pragma once

#include <map>
#include <string>

#include "core/status.h"
#include "model/dataset.h"

namespace corridor::io {

// The files of a dataset folder, in the order their bytes enter Dataset::content_hash.
inline constexpr const char* kDatasetFiles[] = {"dataset.toml",  "nodes.csv",       "links.csv",
                                                "crossings.csv", "transfers.csv",   "commodities.csv",
                                                "demand.csv"};
// Optional tables (background traffic, cargo-specific rates, extra resources); an
// absent one leaves the content hash as it is without it.
inline constexpr const char* kOptionalDatasetFiles[] = {"background.csv", "rates.csv",
                                                        "resources.csv"};

// Reads and validates the dataset in `folder`. Every problem found goes to `diags`
// (warnings too), located as "<file>:<line>: ...". Returns NotFound naming the path
// if the folder or one of its files does not exist, InvalidInput listing every error
// if any, otherwise the dataset with `folder` and `content_hash` set.
// Cross-table checks are skipped when a table lacks a required column.
Result<model::Dataset> ReadDataset(const std::string& folder, Diagnostics& diags);

// The same for a dataset held in memory (file name -> bytes, e.g. from the scenario
// store): `label` stands for the folder in messages and in Dataset::folder. The
// content hash equals that of the same files read from a folder. InvalidInput (one
// diagnostic per file) when one of kDatasetFiles is missing; other names are ignored.
Result<model::Dataset> ParseDataset(const std::string& label,
                                    const std::map<std::string, std::string>& files,
                                    Diagnostics& diags);

}  // namespace corridor::io
