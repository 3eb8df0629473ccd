// A loop's induction variable and accumulator at a labelled line inside the
// loop body: every value the loop takes there is seen.
//
// RUN: %clang -std=gnu11 -O0 -g %s -o %t
// RUN: %dexter -w --use-script --binary %t -- %s | FileCheck %s
// CHECK-DAG: seen_values: 10
// CHECK-DAG: correct_step_coverage: 100.0%

volatile int sink;

int main(void) {
  int acc = 1;
  for (int i = 0; i < 5; ++i) {
    acc = acc * 2 + i;
    sink = acc; // !dex_label loop
  }
  return acc == 58 ? 0 : 1;
}

/*
---
!where {lines: !label loop}:
  !value i: [0, 1, 2, 3, 4]
  !value acc: [2, 5, 12, 27, 58]
...
*/
