// The one translation unit that compiles Boost.Asio and Boost.Beast (separate compilation).
// Every other file only includes their headers; see cmake/DisdDependencies.cmake.
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
