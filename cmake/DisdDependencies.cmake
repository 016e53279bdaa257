# Every dependency comes from a Debian 12 package (scripts/install-deps.sh installs them).
find_package(Threads REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(RocksDB REQUIRED CONFIG)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(spdlog REQUIRED)
find_package(fmt REQUIRED)
find_package(simdjson REQUIRED)  # PutRecords bodies (src/api/put_records_json_parser.cc)

# Beast and Asio are compiled once, in src/net/beast_asio_impl.cc, instead of in
# every translation unit that includes them (keeps the build small machines can afford).
add_library(disd_beast STATIC "${CMAKE_SOURCE_DIR}/src/net/beast_asio_impl.cc")
target_compile_definitions(disd_beast PUBLIC BOOST_ASIO_SEPARATE_COMPILATION
                                             BOOST_BEAST_SEPARATE_COMPILATION
                                             BOOST_ASIO_NO_DEPRECATED)
target_link_libraries(disd_beast PUBLIC Boost::headers Threads::Threads OpenSSL::SSL OpenSSL::Crypto)

# The SDK wire formats: protobuf bodies (PutRecords/GetRecords, code generated at build
# time from src/api/proto/dis.proto) and the request body compressions the Java SDK sends.
find_package(Protobuf 3.12 REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(LZ4 REQUIRED IMPORTED_TARGET liblz4)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
pkg_check_modules(SNAPPY REQUIRED IMPORTED_TARGET snappy)
# libpq: the DWS sink loads batches with COPY ... FROM STDIN (src/dump/dws_*.cc).
pkg_check_modules(PQ REQUIRED IMPORTED_TARGET libpq)

# disd_proto: the C++ generated from src/api/proto/dis.proto. Generated sources live in
# the build tree only.
set(DISD_PROTO_OUT "${CMAKE_BINARY_DIR}/generated")
file(MAKE_DIRECTORY "${DISD_PROTO_OUT}")
add_library(disd_proto STATIC "${CMAKE_SOURCE_DIR}/src/api/proto/dis.proto")
protobuf_generate(TARGET disd_proto LANGUAGE cpp
                  IMPORT_DIRS "${CMAKE_SOURCE_DIR}/src"
                  PROTOC_OUT_DIR "${DISD_PROTO_OUT}")
# protoc names its outputs after the .proto's path below the source root
# (generated/src/api/proto/dis.pb.h); the second directory lets disd include them as
# "api/proto/dis.pb.h", like the sources beside them.
target_include_directories(disd_proto PUBLIC "${DISD_PROTO_OUT}" "${DISD_PROTO_OUT}/src")
target_link_libraries(disd_proto PUBLIC protobuf::libprotobuf)
