// One of two modules with functions of the same names: static helpers, overloads, and the
// templates and inline methods of twice.h.
#include "twice.h"

static int helper(int x) { return x * 3; }
namespace geo {
double f(double v) { return v / 2; }
}
int f(int v) { return v + 1; }

int from_a(int x) {
  Counter c;
  c.bump(add<int>(x, 1));
  return helper(x) + c.get() + (int)geo::f(4.0) + f(x);
}
