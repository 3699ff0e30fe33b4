# corridor_module(NAME SOURCES a.cc b.cc DEPS other_module ... PUBLIC_DEPS ...)
# Defines the library target corridor_<NAME>. Internal dependencies are linked
# PRIVATE unless listed under PUBLIC_DEPS (needed when a public header includes
# them), so an include of a module that is not declared fails the build.
function(corridor_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PUBLIC_DEPS" ${ARGN})
  add_library(corridor_${name} ${ARG_SOURCES})
  target_include_directories(corridor_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(corridor_${name} PRIVATE ${ARG_DEPS} PUBLIC ${ARG_PUBLIC_DEPS})
endfunction()

# corridor_test(NAME SOURCES a_test.cc DEPS ... [LABELS slow] [TIMEOUT s])
function(corridor_test name)
  if(NOT CORRIDOR_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    CORRIDOR_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    CORRIDOR_SHARED_DIR="${PROJECT_SOURCE_DIR}/../shared")
  if(NOT ARG_LABELS)
    set(ARG_LABELS unit)
  endif()
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  gtest_discover_tests(${name}
    PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT ${ARG_TIMEOUT}
    DISCOVERY_TIMEOUT 60)
endfunction()
