// Inline and template definitions both modules instantiate: COMDAT groups, kept once.
#pragma once
#include <stdexcept>
#include <string>

struct DivideError : std::runtime_error {
  explicit DivideError(const std::string &m) : std::runtime_error(m) {}
};

template <typename T> struct Box {
  T value;
  explicit Box(T v) : value(v) {}
  T get() const { return value; }
};

inline int instances() {
  static int n = 0;
  return ++n;
}
