# Script mode: cmake -DNPM=npm -DWEB_DIR=web -DREQUIRED=path|path -P NpmCi.cmake
# Installs WEB_DIR/node_modules exactly as WEB_DIR/package-lock.json pins it (`npm ci`,
# from the npm registry, no install scripts), then writes node_modules/.netvet-lock,
# the stamp the build depends on. Several build trees share one source tree, so the
# install runs under a lock and is skipped when node_modules already came from this
# very lockfile (the stamp holds its hash) and has every REQUIRED file.
file(LOCK ${WEB_DIR}/.npm-ci.lock GUARD PROCESS TIMEOUT 900 RESULT_VARIABLE locked)
if(NOT locked EQUAL 0)
  message(FATAL_ERROR "NpmCi: could not lock ${WEB_DIR}/.npm-ci.lock: ${locked}")
endif()
set(stamp ${WEB_DIR}/node_modules/.netvet-lock)
file(SHA256 ${WEB_DIR}/package-lock.json want)
set(have "")
if(EXISTS ${stamp})
  file(READ ${stamp} have)
endif()
set(complete TRUE)
string(REPLACE "|" ";" required "${REQUIRED}")
foreach(f ${required})
  if(NOT EXISTS ${f})
    set(complete FALSE)
  endif()
endforeach()
if(have STREQUAL want AND complete)
  file(TOUCH ${stamp})  # newer than the lockfile, so the build stops asking
  return()
endif()
message(STATUS "npm ci in ${WEB_DIR} (from package-lock.json)")
execute_process(COMMAND ${NPM} ci --prefix ${WEB_DIR} --ignore-scripts --no-audit --no-fund
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "`npm ci` in ${WEB_DIR} failed (exit ${rc}). The HTML report embeds the npm "
                      "packages pinned by web/package-lock.json (world-atlas, topojson-client); the build "
                      "needs the npm registry to fetch them once (or a populated npm cache).")
endif()
foreach(f ${required})
  if(NOT EXISTS ${f})
    message(FATAL_ERROR "`npm ci` in ${WEB_DIR} did not provide ${f}")
  endif()
endforeach()
file(WRITE ${stamp} "${want}")
