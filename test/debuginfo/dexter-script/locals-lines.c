// Locals and arguments at -O0 read at labelled lines, with their types.
//
// RUN: %clang -std=gnu11 -O0 -g %s -o %t
// RUN: %dexter -w --use-script --binary %t -- %s | FileCheck %s
// CHECK-DAG: correct_step_coverage: 100.0%

int mix(int left, short right) {
  int sum = left + right;
  long wide = (long)sum * 1000;
  return (int)(wide / 7); // !dex_label mixed
}

int main(void) {
  char initial = 'q';
  int result = mix(40, -5);
  return result == 5000 && initial == 'q' ? 0 : 1; // !dex_label end
}

/*
---
!where {lines: !label mixed}:
  !value left: 40
  !value right: -5
  !value sum: 35
  !value wide: 35000
  !type left: int
  !type right: short
  !type wide: long
!where {lines: !label end}:
  !value initial: "'q'"
  !value result: 5000
  !type initial: char
...
*/
