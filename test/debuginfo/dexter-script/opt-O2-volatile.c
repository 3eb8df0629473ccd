// At -O2: a volatile local and an argument still needed after a call are
// readable at a line after that call, in a function that is not inlined.
//
// RUN: %clang -std=gnu11 -O2 -g %s -o %t
// RUN: %dexter -w --use-script --binary %t -- %s | FileCheck %s
// CHECK-DAG: correct_step_coverage: 100.0%

volatile int sink;

__attribute__((noinline)) void emit(int v) { sink = v; }

__attribute__((noinline)) int weigh(int n) {
  volatile int w = n * 3;
  emit(w);
  return n * w + sink; // !dex_label after_emit
}

int main(void) {
  int r = weigh(4) + weigh(7);
  return r == 228 ? 0 : 1;
}

/*
---
!where {lines: !label after_emit}:
  !value n: [4, 7]
  !value w: [12, 21]
  !value sink: [12, 21]
...
*/
