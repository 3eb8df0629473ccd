// !then finish: the session ends at the third time a labelled line is
// reached; hit counts select which visits of another line are checked.
//
// RUN: %clang -std=gnu11 -O0 -g %s -o %t
// RUN: %dexter -w --use-script --binary %t -- %s | FileCheck %s
// CHECK-DAG: correct_step_coverage: 100.0%

volatile int sink;

int main(void) {
  for (int i = 0; i < 100; i++) {
    sink = i;          // !dex_label body
    sink = i * 10;     // !dex_label second
  }
  return 0;
}

/*
---
!where {lines: !label body, for_hit_count: 2}:
  !value i: [0, 1]
!where {lines: !label second, after_hit_count: 2}:
  !then finish
...
*/
