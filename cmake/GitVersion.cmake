# Writes the version header at build time (a custom target runs this script on every
# build): the project version and `git describe --always --dirty` of SOURCE_DIR. The
# file is rewritten only when its text changes, so an unchanged commit rebuilds nothing
# and a new commit rebuilds only what includes the header.
#   cmake -DSOURCE_DIR=... -DVERSION=... -DOUT=... -P GitVersion.cmake
execute_process(COMMAND git describe --always --dirty
  WORKING_DIRECTORY ${SOURCE_DIR} OUTPUT_VARIABLE describe RESULT_VARIABLE result
  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT result EQUAL 0 OR describe STREQUAL "")
  set(describe "unknown")
endif()
set(text "// Generated at build time by cmake/GitVersion.cmake; do not edit.
#pragma once
#define CORRIDOR_VERSION \"${VERSION}\"
#define CORRIDOR_GIT_DESCRIBE \"${describe}\"
")
set(old "")
if(EXISTS ${OUT})
  file(READ ${OUT} old)
endif()
if(NOT old STREQUAL text)
  file(WRITE ${OUT} "${text}")
endif()
