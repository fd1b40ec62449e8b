# One place that says how a netvet library, test or benchmark is built, so that no
# CMakeLists repeats warning flags or link lines.

function(netvet_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
    -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual
    -Wconversion -Wsign-conversion -Wnull-dereference -Wdouble-promotion -Wformat=2
    -Wimplicit-fallthrough
    # Row structs are filled with designated initializers that rely on member defaults.
    -Wno-missing-field-initializers)
  if(NETVET_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# netvet_add_library(NAME SOURCES ... DEPS ...): a module of src/ as a static library.
function(netvet_add_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
  netvet_warnings(${name})
endfunction()

# netvet_add_test(NAME [POSTGRESQL] SOURCES ... DEPS ...): a GoogleTest executable
# registered with CTest. Tests run from the source tree's tests/ folder so fixtures have
# stable paths. POSTGRESQL: its tests need the throw-away server of tests/CMakeLists.txt
# (the `postgresql` fixture), whose address they find in NETVET_TEST_POSTGRESQL.
function(netvet_add_test name)
  cmake_parse_arguments(ARG "POSTGRESQL" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    NETVET_FIXTURES="${PROJECT_SOURCE_DIR}/tests/fixtures"
    NETVET_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    NETVET_BINARY="$<TARGET_FILE:netvet>")
  netvet_warnings(${name})
  include(GoogleTest)
  set(properties "")
  if(ARG_POSTGRESQL)
    set(properties PROPERTIES FIXTURES_REQUIRED postgresql
        ENVIRONMENT "NETVET_TEST_POSTGRESQL=${NETVET_TEST_POSTGRESQL}")
  endif()
  gtest_discover_tests(${name} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}/tests
    DISCOVERY_TIMEOUT 30 ${properties})
endfunction()

# netvet_add_benchmark(NAME SOURCES ... DEPS ...): a Google Benchmark executable.
function(netvet_add_benchmark name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} benchmark::benchmark)
  netvet_warnings(${name})
  # GCC 12 at -O3 raises a false -Wrestrict inside std::string concatenation (GCC bug
  # 105329); benchmark setup code builds ids that way and is not worth contorting.
  target_compile_options(${name} PRIVATE -Wno-restrict)
endfunction()
