// Result<T>: either a value or an Error, returned instead of throwing across layer boundaries.
//
// It is [[nodiscard]] (and the build turns unused-result into an error), so an ignored failure
// does not compile quietly. We use our own type rather than std::expected because clang 14/16 on
// Debian 12 cannot compile libstdc++ 12's <expected>, and the fuzz targets are built with clang.
// Not thread-safe beyond what the contained values are; it is a plain value type.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include "base/error.hpp"

namespace hearth {

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value)
      : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit on purpose
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(state_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const& {
    assert(!ok());
    return std::get<1>(state_);
  }
  Error&& error() && {
    assert(!ok());
    return std::get<1>(std::move(state_));
  }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT: implicit on purpose

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const& {
    assert(!ok());
    return *error_;
  }
  Error&& error() && {
    assert(!ok());
    return std::move(*error_);
  }

 private:
  std::optional<Error> error_;
};

// The success value of Result<void>, for symmetry at return sites: `return ok();`.
inline Result<void> ok() {
  return {};
}

}  // namespace hearth

// Early return of a failure, for functions that return a Result themselves:
//   HEARTH_TRY(tx.insert_user(user));            // Result<void>
//   HEARTH_TRY_ASSIGN(auto user, tx.find_user(id));  // Result<T>: declares or assigns `user`
#define HEARTH_CONCAT_INNER(a, b) a##b
#define HEARTH_CONCAT(a, b) HEARTH_CONCAT_INNER(a, b)
#define HEARTH_TRY(expr)                                         \
  do {                                                           \
    if (auto hearth_try_result_ = (expr); !hearth_try_result_) { \
      return std::move(hearth_try_result_).error();              \
    }                                                            \
  } while (false)
#define HEARTH_TRY_ASSIGN(lhs, expr) \
  HEARTH_TRY_ASSIGN_IMPL(HEARTH_CONCAT(hearth_try_value_, __LINE__), lhs, expr)
#define HEARTH_TRY_ASSIGN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                           \
  if (!tmp) return std::move(tmp).error();     \
  lhs = std::move(tmp).value()
