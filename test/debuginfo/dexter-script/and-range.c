// !and narrowing a function's !where to a range of lines: a local is only
// checked once it has been assigned, an argument over the whole function.
//
// RUN: %clang -std=gnu11 -O0 -g %s -o %t
// RUN: %dexter -w --use-script --binary %t -- %s | FileCheck %s
// CHECK-DAG: correct_step_coverage: 100.0%

struct pair { int a, b; };

int combine(struct pair p, int k) {
  int first = p.a * k;  // !dex_label start
  int second = p.b * k;
  int out = first - second; // !dex_label mid
  return out;               // !dex_label stop
}

int main(void) {
  struct pair p = { 9, 4 };
  return combine(p, 3) == 15 ? 0 : 1;
}

/*
---
!where {function: combine}:
  !value k: 3
  !value p.a: 9
  !and {lines: !range [!label mid, !label stop]}:
    !value first: 27
    !value second: 12
  !and {lines: !label stop}:
    !value out: 15
...
*/
