// A nested !where: values in a callee only when it is called from one
// particular caller, and the caller's frame read in the same stop.
//
// RUN: %clang -std=gnu11 -O0 -g %s -o %t
// RUN: %dexter -w --use-script --binary %t -- %s | FileCheck %s
// CHECK-DAG: correct_step_coverage: 100.0%

int cube(int x) {
  int c = x * x * x;
  return c; // !dex_label cube_ret
}

int from_odd(int n) {
  return cube(2 * n + 1);
}

int from_even(int n) {
  return cube(2 * n);
}

int main(void) {
  int a = from_odd(1) + from_even(2);
  int b = from_odd(2);
  return a + b == 216 ? 0 : 1;
}

/*
---
!where {function: from_odd}:
  !where {lines: !label cube_ret}:
    !value x: [3, 5]
    !value c: [27, 125]
!where {function: from_even}:
  !where {lines: !label cube_ret}:
    !value x: 4
    !value c: 64
...
*/
