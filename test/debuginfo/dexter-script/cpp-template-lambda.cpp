// A function template instantiated for two types, and a lambda it calls:
// values in each instance and the lambda's capture.
//
// RUN: %clangxx -std=c++17 -O0 -g %s -o %t
// RUN: %dexter -w --use-script --binary %t -- %s | FileCheck %s
// CHECK-DAG: correct_step_coverage: 100.0%

template <typename T> T scaled_sum(const T *items, int n, T factor) {
  auto scale = [factor](T v) {
    T r = v * factor;
    return r; // !dex_label lambda_ret
  };
  T total = 0;
  for (int i = 0; i < n; i++)
    total += scale(items[i]);
  return total; // !dex_label tmpl_ret
}

int main() {
  int ints[] = {1, 2, 3};
  double reals[] = {0.5, 1.25};
  int a = scaled_sum(ints, 3, 10);
  double b = scaled_sum(reals, 2, 4.0);
  return a == 60 && b == 7.0 ? 0 : 1;
}

/*
---
!where {lines: !label lambda_ret}:
  !value r: [10, 20, 30, 2, 5]
  !value factor: [10, 4]
!where {lines: !label tmpl_ret}:
  !value total: [60, 7]
  !value n: [3, 2]
  !type total: [int, double]
...
*/
