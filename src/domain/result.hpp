#pragma once
// Errors as values at module boundaries: a Result holds either a value or an Error that says
// what was wrong, in words fit for the person who sent the input.
#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace ofpra::domain {

// What kind of failure an Error is, so that callers test it rather than compare strings.
enum class ErrorKind : std::uint8_t {
  invalid,      // the input was wrong: say so to whoever sent it, and change nothing
  unavailable,  // a store, a file or a dependency failed: retry later (503)
  stale,        // decided on a copy older than the store's: decide again
};

struct Error {
  std::string message;
  std::string field;  // the offending field or parameter, when there is one
  ErrorKind kind = ErrorKind::invalid;

  bool is_unavailable() const { return kind == ErrorKind::unavailable; }
  bool is_stale() const { return kind == ErrorKind::stale; }
};

// The input refused at a field, with why.
inline Error refused(std::string field, std::string message) { return {std::move(message), std::move(field)}; }

// A store, a file or a dependency failed.
inline Error unavailable_error(std::string message) { return {std::move(message), {}, ErrorKind::unavailable}; }

template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Error error) : v_(std::move(error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// For operations that return nothing but may fail.
struct Done {};
using Status = Result<Done>;
inline Status success() { return Done{}; }

}  // namespace ofpra::domain
