# The build check of the layering (docs/architecture.md), run by ctest as
# BuildGraph.MeactlAndRulesKeepTheirDependencies:
#
# - meactl is a client: no source under clients/meactl includes storage/,
#   services/ or SQLite headers, and its link line (as CMake generated it,
#   with every library it pulls in transitively) has no mea_storage, no
#   mea_server and no SQLite.
# - rules/ is pure: no source includes protobuf, gRPC, mea/v1 (generated
#   protobuf), storage/, services/ or SQLite headers, and mea_rules links
#   none of them.
#
#   cmake -DSOURCE_DIR=... -DBINARY_DIR=... -DMEACTL_BUILD_DIR=...
#         -DRULES_LINK_LIBRARIES=a|b|c -P check_dependencies.cmake
#
# Prints every offence with its file and fails when there is one.
cmake_minimum_required(VERSION 3.25)

set(offences "")

# Every #include of a source under `folder` whose target matches `pattern`.
function(check_includes folder pattern why)
  file(GLOB_RECURSE sources
       "${SOURCE_DIR}/${folder}/*.h" "${SOURCE_DIR}/${folder}/*.cc")
  set(found "")
  if(NOT sources)
    list(APPEND found "${folder}: no sources found (moved? update this check)")
  endif()
  foreach(source IN LISTS sources)
    file(STRINGS "${source}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
    file(RELATIVE_PATH relative "${SOURCE_DIR}" "${source}")
    foreach(line IN LISTS lines)
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*[<\"]([^>\"]*).*" "\\1"
                           included "${line}")
      if(included MATCHES "${pattern}")
        list(APPEND found "${relative}: includes ${included} (${why})")
      endif()
    endforeach()
  endforeach()
  set(offences ${offences} ${found} PARENT_SCOPE)
endfunction()

# meactl's link command: link.txt of the Makefile generators, or the
# LINK_LIBRARIES of its build statement in build.ninja.
function(read_meactl_link_line out)
  set(link_txt "${MEACTL_BUILD_DIR}/CMakeFiles/meactl.dir/link.txt")
  if(EXISTS "${link_txt}")
    file(READ "${link_txt}" line)
    set(${out} "${line}" PARENT_SCOPE)
    return()
  endif()
  set(ninja "${BINARY_DIR}/build.ninja")
  if(EXISTS "${ninja}")
    file(READ "${ninja}" text)
    string(REGEX MATCH "\nbuild bin/meactl:[^\n]*\n([ \t]+[^\n]*\n)*" block
                 "${text}")
    if(block MATCHES "LINK_LIBRARIES = ([^\n]*)")
      set(${out} "${CMAKE_MATCH_1}" PARENT_SCOPE)
      return()
    endif()
  endif()
  message(FATAL_ERROR "cannot find meactl's link line: neither ${link_txt} "
                      "nor a build bin/meactl statement in ${ninja}")
endfunction()

check_includes(clients/meactl "^(storage|services)/|^sqlite3\\.h$"
               "meactl is a client: storage/, services/ and SQLite are mead's")
check_includes(rules
               "^google/protobuf/|^grpc(pp)?/|^mea/v1/|^(storage|services)/|^sqlite3\\.h$"
               "rules/ is pure: no protobuf, gRPC, storage or services")

read_meactl_link_line(meactl_link)
if(NOT meactl_link MATCHES "libmeactl_commands\\.")
  message(FATAL_ERROR "meactl's link line does not name meactl_commands; "
                      "is this the right line?\n${meactl_link}")
endif()
foreach(library mea_storage mea_server sqlite3)
  if(meactl_link MATCHES "[/ ]lib${library}\\.|[ ]-l${library}( |$)")
    list(APPEND offences
         "clients/meactl/CMakeLists.txt: meactl links ${library} (meactl is a client)")
  endif()
endforeach()

string(REPLACE "|" ";" rules_links "${RULES_LINK_LIBRARIES}")
foreach(library IN LISTS rules_links)
  if(library MATCHES "protobuf|gRPC|grpc|mea_proto|mea_storage|mea_server|SQLite|sqlite")
    list(APPEND offences
         "rules/CMakeLists.txt: mea_rules links ${library} (rules/ is pure)")
  endif()
endforeach()

if(offences)
  list(JOIN offences "\n  " listed)
  message(FATAL_ERROR "layering broken:\n  ${listed}")
endif()
list(LENGTH rules_links rules_count)
message(STATUS "meactl and rules/ keep their dependencies "
               "(mea_rules links ${rules_count} libraries, all allowed)")
