// Catches exceptions thrown in another module (thrower.cc).
#include <cstdio>
#include "shared.h"

int checked_divide(int a, int b);

int main() {
  int ok = 0, failed = 0;
  for (int b : {2, 0, 5}) {
    try {
      std::printf("%d / %d = %d\n", 10, b, checked_divide(10, b));
      ++ok;
    } catch (const DivideError &e) {
      ++failed;
      std::printf("caught DivideError: %s\n", e.what());
    }
  }
  std::printf("ok %d failed %d box %d instances %d\n", ok, failed, Box<int>(7).get(), instances() + instances());
  return failed;
}
