// ProgramVersion alone, so that a new commit recompiles this file only.
#include "corridor_version.h"
#include "engine/engine.h"

namespace corridor::engine {

std::string ProgramVersion() {
  return std::string(CORRIDOR_VERSION) + " (git " + CORRIDOR_GIT_DESCRIBE + ")";
}

}  // namespace corridor::engine
