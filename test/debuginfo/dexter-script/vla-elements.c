// A variable-length array's elements given as members of an aggregate
// expected value, for two calls with different lengths (only indexes both
// lengths have: each member is read at every stop of the !where).
//
// RUN: %clang -std=gnu11 -O0 -g %s -o %t
// RUN: %dexter -w --use-script --binary %t -- %s | FileCheck %s
// CHECK-DAG: correct_step_coverage: 100.0%

int countdown(int size) {
  int vla[size];
  for (int i = 0; i < size; i++)
    vla[i] = size - i;
  return vla[0] + vla[size - 1]; // !dex_label filled
}

int main(void) {
  int a = countdown(6);
  int b = countdown(3);
  return a + b == 11 ? 0 : 1;
}

/*
---
!where {lines: !label filled}:
  !value size: [6, 3]
  !value vla:
    - "[0]": 6
      "[1]": 5
      "[2]": 4
    - "[0]": 3
      "[1]": 2
      "[2]": 1
...
*/
