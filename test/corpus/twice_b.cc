// Calls into twice_a.cc; has a static helper of the same name and uses the same inline code.
#include <cstdio>
#include "twice.h"

static int helper(int x) { return x - 1; }
int from_a(int);

int main(int argc, char **) {
  Counter c;
  c.bump(helper(argc) + add<int>(2, 3));
  std::printf("from_a %d count %d sum %g\n", from_a(argc), c.get(), add<double>(1.5, 2));
  return 0;
}
