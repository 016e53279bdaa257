# disd_module(<name> DEPS <targets...>)
# Builds the static library disd_<name> from src/<name>/**/*.cc. Public headers live in
# include/disd/<name>/; sources may also include private headers beside them in src/.
function(disd_module name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/src/${name}/*.cc")
  list(FILTER sources EXCLUDE REGEX ".*/(main|beast_asio_impl)\\.cc$")
  if(NOT sources)
    set(sources "${CMAKE_SOURCE_DIR}/cmake/empty.cc")
  endif()
  add_library(disd_${name} STATIC ${sources})
  target_include_directories(disd_${name} PUBLIC "${CMAKE_SOURCE_DIR}/include"
                                          PRIVATE "${CMAKE_SOURCE_DIR}/src")
  target_link_libraries(disd_${name} PUBLIC ${ARG_DEPS} Threads::Threads)
  target_compile_definitions(disd_${name} PUBLIC DISD_VERSION="${PROJECT_VERSION}")
endfunction()
