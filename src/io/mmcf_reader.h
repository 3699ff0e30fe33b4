// Readers of published linear multicommodity flow instances into mcf::Instance.
//
// Errors are located: "planar30:17: cost: expected a number, got 'x'" (file:line:
// field: message), all errors of a file at once, as an InvalidInput Status; a missing
// file is NotFound.
//
// 1. The grid/planar format (Larsson & Yuan families, Universita di Pisa collection).
//    Whitespace-separated numbers, nodes numbered 1..n:
//      n  m  K                         (nodes, arcs, commodities; usually one a line)
//      from to cost capacity           (m records: joint capacity shared by all)
//      origin destination demand       (K records: the demand must be met)
//    Read as one class; costs, capacities and demands >= 0; origin != destination.
//
// 2. The MNETGEN four-file format (Ali & Kennington's generator, as distributed by the
//    same collection). Files <base>.nod, <base>.arc, <base>.sup, <base>.mut, each
//    whitespace-separated, one record a line, nodes and commodities numbered from 1:
//      .nod  K n m b         commodities, nodes, arc records, bundles (mutual capacities)
//      .arc  name from to commodity cost capacity bundle
//                            one arc for one commodity: its cost, its individual
//                            capacity (-1: none) and its bundle (0: none)
//      .sup  node commodity supply      supply > 0 at a source, < 0 (demand) at a sink
//      .mut  bundle capacity           joint capacity of all arc records of a bundle
//    Mapping to mcf::Instance: one class per MNETGEN commodity (its arc costs; allowed
//    only on its own arc records). An arc record without bundle becomes one arc with
//    its individual capacity. A bundle p (whose records must share from and to) gets an
//    extra node w_p and an arc w_p -> to with the bundle capacity; each of its records
//    becomes an arc from -> w_p with the record's cost and individual capacity, usable
//    by the record's commodity only, so both capacities hold exactly. Each sink of a
//    commodity becomes one OD commodity from its single source; a commodity with several
//    sources gets a super source with an arc to each source capped at that source's
//    supply. Supplies and demands of each commodity must balance.
//
// 3. The DOW format of fixed-charge network design instances (the Canad C and R sets),
//    read into mcf::DesignInstance. One record a line, nodes numbered 1..n:
//      MULTIGEN.DAT:                   (header line)
//      n  m  K                         (nodes, arcs, commodities)
//      tail head cost capacity fixed_cost [...]   (m lines; further fields ignored)
//      origin destination demand       (K lines; the whole demand must be shipped)
//    Costs, capacities and demands >= 0; tail != head; origin != destination.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "mcf/design.h"
#include "mcf/instance.h"

namespace corridor::io {

Result<mcf::Instance> ReadGridPlanarInstance(const std::string& path);
// `file_name` is used in error messages only.
Result<mcf::Instance> ParseGridPlanarInstance(std::string_view text, const std::string& file_name);

struct MnetgenFiles {  // the texts of the four files and their names for messages
  std::string nod, arc, sup, mut;
  std::string nod_name = "nod", arc_name = "arc", sup_name = "sup", mut_name = "mut";
};
// `base_path` without extension: reads base_path + ".nod", ".arc", ".sup", ".mut".
Result<mcf::Instance> ReadMnetgenInstance(const std::string& base_path);
Result<mcf::Instance> ParseMnetgenInstance(const MnetgenFiles& files);

Result<mcf::DesignInstance> ReadDowInstance(const std::string& path);
Result<mcf::DesignInstance> ParseDowInstance(std::string_view text, const std::string& file_name);

}  // namespace corridor::io
