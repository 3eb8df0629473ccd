// Recursion: at the innermost call, !and with at_frame_idx reads the same
// argument in the callers' frames.
//
// RUN: %clang -std=gnu11 -O0 -g %s -o %t
// RUN: %dexter -w --use-script --binary %t -- %s | FileCheck %s
// CHECK-DAG: correct_step_coverage: 100.0%

int depth_sum(int n) {
  if (n == 0)
    return 0; // !dex_label bottom
  return n + depth_sum(n - 1);
}

int main(void) {
  return depth_sum(3) == 6 ? 0 : 1;
}

/*
---
!where {lines: !label bottom}:
  !value n: 0
  !and {at_frame_idx: 1}:
    !value n: 1
  !and {at_frame_idx: 2}:
    !value n: 2
  !and {at_frame_idx: 3}:
    !value n: 3
...
*/
