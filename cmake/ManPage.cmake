# Generates the man page corridor.1.gz from the program's own --help with help2man: the
# top-level help, plus a COMMANDS section holding every subcommand's --help.
#   cmake -DCORRIDOR=<binary> -DHELP2MAN=... -DGZIP=... -DOUT=<dir> -P ManPage.cmake
execute_process(COMMAND ${CORRIDOR} --help OUTPUT_VARIABLE top RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "corridor --help failed (${rc})")
endif()
# CLI11 lists the subcommands after "Subcommands:", one "  name  description" a line
# (names indented by two blanks; wrapped descriptions by more).
string(REGEX REPLACE ".*\n[Ss][Uu][Bb][Cc][Oo][Mm][Mm][Aa][Nn][Dd][Ss]:\n" "" listing "${top}")
string(REGEX MATCHALL "\n  [a-z][a-z0-9-]*" names "\n${listing}")
set(include_text "[COMMANDS]\n")
foreach(entry IN LISTS names)
  string(STRIP "${entry}" name)
  execute_process(COMMAND ${CORRIDOR} ${name} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "corridor ${name} --help failed (${rc})")
  endif()
  # roff: a leading dot or quote would be a request; backslashes are escapes.
  string(REPLACE "\\" "\\\\" help "${help}")
  string(REGEX REPLACE "\n([.'])" "\n\\\\&\\1" help "\n${help}")
  string(APPEND include_text ".SS \"corridor ${name}\"\n.nf\n${help}\n.fi\n")
endforeach()
file(WRITE ${OUT}/corridor.h2m "${include_text}")
# --version prints "0.1.0 (git ...)"; help2man wants the program's name first.
execute_process(COMMAND ${CORRIDOR} --version OUTPUT_VARIABLE version
  OUTPUT_STRIP_TRAILING_WHITESPACE)
execute_process(COMMAND ${HELP2MAN} --no-info --no-discard-stderr --section=1
    "--version-string=corridor ${version}"
    "--name=plan cross-border freight corridors" --include=${OUT}/corridor.h2m
    --output=${OUT}/corridor.1 ${CORRIDOR}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "help2man failed (${rc})")
endif()
execute_process(COMMAND ${GZIP} -9 -n -f ${OUT}/corridor.1 RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gzip failed (${rc})")
endif()
