// A !where with a condition: only the iterations where it holds are
// checked, and a static local that counts calls across them.
//
// RUN: %clang -std=gnu11 -O0 -g %s -o %t
// RUN: %dexter -w --use-script --binary %t -- %s | FileCheck %s
// CHECK-DAG: correct_step_coverage: 100.0%

int bump(int by) {
  static int calls;
  static int total = 100;
  calls++;
  total += by;
  return total; // !dex_label bumped
}

int main(void) {
  int last = 0;
  for (int i = 1; i <= 6; i++)
    last = bump(i);
  return last == 121 ? 0 : 1;
}

/*
---
!where {lines: !label bumped, conditions: "by % 2 == 0"}:
  !value by: [2, 4, 6]
  !value calls: [2, 4, 6]
  !value total: [103, 110, 121]
...
*/
