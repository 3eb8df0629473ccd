// The exact lines stepped on inside a function with a branch, called once,
// from its first statement to its closing brace.
//
// RUN: %clang -std=gnu11 -O0 -g %s -o %t
// RUN: %dexter -w --use-script --binary %t -- %s | FileCheck %s
// CHECK-DAG: correct_step_coverage: 100.0%

int clamp(int v, int lo, int hi) {
  int r = v;
  if (r < lo)
    r = lo;
  else if (r > hi)
    r = hi;
  return r;
}

int main(void) {
  int c = clamp(17, 0, 10);
  return c == 10 ? 0 : 1;
}

/*
---
!where {function: clamp}:
  !step exactly: [9, 10, 12, 13, 14, 15]
  !value v: 17
  !value hi: 10
...
*/
