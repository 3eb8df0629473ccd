// The expected order follows the text of the file: the helper's line first,
// then the three lines of main. The helper runs only after the first two lines
// of main, so the order seen differs from the order expected in two places.
//
// RUN: %dexter_regression_test_cxx_build %s -o %t
// RUN: not %dexter_regression_test_run --binary %t -- %s | FileCheck %s
// CHECK: step_order.cpp:
// CHECK-LABEL: Misordered lines [4/8]
// CHECK-NEXT: Order mismatch, expected linenos [0, 18, 22], saw [0, 22]:
// CHECK: Order mismatch, expected linenos [23, 25], saw [23, 18, 25]:
// CHECK-LABEL: Skipped lines [0/16]
// CHECK-LABEL: Unseen lines [0/16]
// CHECK-NEXT: All lines were seen:

static int counter;

static void bump() {
  counter += 10; // DexExpectStepOrder(1)
}

int main() {
  counter = 2;  // DexExpectStepOrder(2)
  counter *= 4; // DexExpectStepOrder(3)
  bump();
  counter -= 18; // DexExpectStepOrder(4)
  return counter;
}
