// Compiles Boost.Asio and Boost.Beast once for the whole program (the *_SEPARATE_COMPILATION
// definitions make every other file include only declarations).
#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
