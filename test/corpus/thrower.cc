// Throws across modules: called from catcher.cc; shares inline/template code (COMDAT) with it.
#include <stdexcept>
#include <string>
#include "shared.h"

int checked_divide(int a, int b) {
  if (b == 0) throw DivideError("divide by zero: " + std::to_string(a));
  return Box<int>(a).get() / b;
}
