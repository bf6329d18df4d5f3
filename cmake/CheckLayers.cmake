# Fails when a lib/ folder includes a header of a folder above it or beside it (docs/DESIGN.md
# "Layers"). Run by ctest as "layers: lib/ includes only go down":
#   cmake -DLIB_DIR=<repo>/lib -P cmake/CheckLayers.cmake
# A folder may include its own headers and those of folders with a lower rank.
set(M2PG_LAYERS
  "util=0"
  "model=1"
  "source=2" "target=2" "convert=2"
  "schema=3" "profile=3"
  "report=4"
  "migrate=5"
  "check=6" "copy=6" "index=6" "verify=6"
  "run=7" "compat=7" "pipeline=7")

foreach(entry IN LISTS M2PG_LAYERS)
  string(REPLACE "=" ";" pair "${entry}")
  list(GET pair 0 folder)
  list(GET pair 1 rank)
  set(rank_${folder} ${rank})
endforeach()

get_filename_component(LIB_DIR "${LIB_DIR}" ABSOLUTE)
file(GLOB_RECURSE sources RELATIVE ${LIB_DIR} ${LIB_DIR}/*.hpp ${LIB_DIR}/*.cpp)
if(NOT sources)
  message(FATAL_ERROR "no sources under ${LIB_DIR}")
endif()
set(violations "")
foreach(source IN LISTS sources)
  string(REGEX MATCH "^[^/]+" folder "${source}")
  if(NOT DEFINED rank_${folder})
    string(APPEND violations "\n  lib/${source}: folder ${folder} has no layer (add it to cmake/CheckLayers.cmake)")
    continue()
  endif()
  file(STRINGS ${LIB_DIR}/${source} includes REGEX "^#include \"[a-z_]+/")
  foreach(line IN LISTS includes)
    string(REGEX REPLACE "^#include \"([a-z_]+)/.*" "\\1" used "${line}")
    if(used STREQUAL folder OR NOT DEFINED rank_${used})
      continue()  # its own headers, or a generated header
    endif()
    if(NOT rank_${used} LESS rank_${folder})
      string(APPEND violations "\n  lib/${source}: ${line} (${folder} is layer ${rank_${folder}}, ${used} is ${rank_${used}})")
    endif()
  endforeach()
endforeach()
if(violations)
  message(FATAL_ERROR "includes that go up or sideways between lib/ folders:${violations}")
endif()
message(STATUS "lib/ layers: every include goes down")
