// Reads a dataset folder (docs/file_formats.md): dataset.toml and the seven CSV
// tables, then runs model::ValidateDataset on the result.
#pragma once

#include <string>

#include "core/status.h"
#include "model/dataset.h"

namespace corridor::io {

// The files of a dataset folder, in the order their bytes enter Dataset::content_hash.
inline constexpr const char* kDatasetFiles[] = {"dataset.toml",  "nodes.csv",       "links.csv",
                                                "crossings.csv", "transfers.csv",   "commodities.csv",
                                                "demand.csv"};

// Reads and validates the dataset in `folder`. Every problem found goes to `diags`
// (warnings too), located as "<file>:<line>: ...". Returns NotFound naming the path
// if the folder or one of its files does not exist, InvalidInput listing every error
// if any, otherwise the dataset with `folder` and `content_hash` set.
// Cross-table checks are skipped when a table lacks a required column.
Result<model::Dataset> ReadDataset(const std::string& folder, Diagnostics& diags);

}  // namespace corridor::io
