// Cross-table checks of a Dataset (no file IO): the rules of docs/file_formats.md
// that a single row cannot check on its own.
//
// Errors: duplicate ids within a table, unknown node or commodity ids, a link or a
// demand row whose two ends are the same node, a transfer between a mode and itself,
// lat/lon out of range, dwell_aeo_h > dwell_standard_h, a gauge-change crossing
// without a rail_1520<->rail_1435 transfer at its node, two crossings at one node
// sharing a mode, a commodity none of whose allowed modes any link has.
// Warnings: a crossing at a node not of kind crossing, a crossing no link of its modes
// enters, a transfer at a node with no link of one of its modes, demand starting or
// ending at a crossing node, and demand no allowed route joins (it will be unserved).
//
// Every message carries the row's file and line (RowOrigin). Safe on any input:
// the route check is skipped when the dataset cannot be built into a network.
#pragma once

#include "core/status.h"
#include "model/dataset.h"

namespace corridor::model {

void ValidateDataset(const Dataset& dataset, Diagnostics& diags);

}  // namespace corridor::model
