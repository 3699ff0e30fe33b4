# Installation layout and the Debian package (`cpack -G DEB` in a build folder; README).
#   <prefix>/bin/corridor
#   <prefix>/share/corridor/web/            the built web page (web/dist), when built
#   <prefix>/share/corridor/data/<dataset>/ the built-in dataset with its scenarios
#   <prefix>/share/corridor/default_dataset the dataset `corridor serve` imports first
#   <prefix>/share/man/man1/corridor.1.gz   generated from --help by help2man
# The program finds its web page and dataset relative to its own location
# (<prefix>/bin/../share/corridor), so an unpacked package works from any folder.
include(GNUInstallDirs)

install(TARGETS corridor RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
file(STRINGS ${PROJECT_SOURCE_DIR}/scripts/default_dataset CORRIDOR_DEFAULT_DATASET LIMIT_COUNT 1)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/${CORRIDOR_DEFAULT_DATASET}
  DESTINATION ${CMAKE_INSTALL_DATADIR}/corridor/data
  PATTERN "*.py" EXCLUDE)
install(FILES ${PROJECT_SOURCE_DIR}/scripts/default_dataset
  DESTINATION ${CMAKE_INSTALL_DATADIR}/corridor)
# The page is built by scripts/build_web.sh (node); without it the package has the API
# only and `corridor serve` says so.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/web/dist/ DESTINATION ${CMAKE_INSTALL_DATADIR}/corridor/web
  OPTIONAL)
install(CODE "
  if(NOT EXISTS \"${PROJECT_SOURCE_DIR}/web/dist/index.html\")
    message(WARNING \"web/dist is not built (scripts/build_web.sh): installing without the web page\")
  endif()")

find_program(HELP2MAN_EXECUTABLE help2man)
find_program(GZIP_EXECUTABLE gzip)
# Not in the sanitizer and fuzzing builds: running their binary at build time would
# fail the build on a leak report.
if(HELP2MAN_EXECUTABLE AND GZIP_EXECUTABLE AND NOT CORRIDOR_SANITIZE AND NOT CORRIDOR_LIBFUZZER)
  set(CORRIDOR_MAN_DIR ${CMAKE_BINARY_DIR}/man)
  add_custom_command(OUTPUT ${CORRIDOR_MAN_DIR}/corridor.1.gz
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CORRIDOR_MAN_DIR}
    COMMAND ${CMAKE_COMMAND} -DCORRIDOR=$<TARGET_FILE:corridor> -DHELP2MAN=${HELP2MAN_EXECUTABLE}
      -DGZIP=${GZIP_EXECUTABLE} -DOUT=${CORRIDOR_MAN_DIR} -P ${PROJECT_SOURCE_DIR}/cmake/ManPage.cmake
    DEPENDS corridor ${PROJECT_SOURCE_DIR}/cmake/ManPage.cmake
    COMMENT "Man page corridor.1 (help2man)" VERBATIM)
  add_custom_target(corridor_man ALL DEPENDS ${CORRIDOR_MAN_DIR}/corridor.1.gz)
  install(FILES ${CORRIDOR_MAN_DIR}/corridor.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(STATUS "help2man or gzip not found: no man page (apt install help2man)")
endif()

set(CPACK_PACKAGE_NAME corridor)
set(CPACK_PACKAGE_VENDOR "Corridor")
set(CPACK_PACKAGE_CONTACT "Corridor maintainers <corridor@localhost>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "Plan cross-border freight corridors: routing, bottlenecks, scenarios")
set(CPACK_PACKAGE_DESCRIPTION
  "Corridor routes freight demand over a multimodal network with capacities (system optimum,\n user equilibrium, simulation, risk, investment planning), with a scenario store, an HTTP\n API and a web page (corridor serve). Ships the China-Russia 2022 dataset.")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # corridor_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The Debian library packages the binary links, found by dpkg-shlibdeps.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_GENERATOR DEB)
include(CPack)
