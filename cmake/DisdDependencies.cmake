# Every dependency comes from a Debian 12 package (scripts/install-deps.sh installs them).
find_package(Threads REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(RocksDB REQUIRED CONFIG)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(spdlog REQUIRED)
find_package(fmt REQUIRED)

# Beast and Asio are compiled once, in src/net/beast_asio_impl.cc, instead of in
# every translation unit that includes them (keeps the build small machines can afford).
add_library(disd_beast STATIC "${CMAKE_SOURCE_DIR}/src/net/beast_asio_impl.cc")
target_compile_definitions(disd_beast PUBLIC BOOST_ASIO_SEPARATE_COMPILATION
                                             BOOST_BEAST_SEPARATE_COMPILATION
                                             BOOST_ASIO_NO_DEPRECATED)
target_link_libraries(disd_beast PUBLIC Boost::headers Threads::Threads OpenSSL::SSL OpenSSL::Crypto)
