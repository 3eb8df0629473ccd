// `stride` lives in an inner block. Inside the loop its values are all seen;
// on the return line the block has closed, the debugger no longer knows the
// name, and the expectation there cannot be evaluated.
//
// RUN: %dexter_regression_test_cxx_build %s -o %t
// RUN: not %dexter_regression_test_run --binary %t -- %s | FileCheck %s
// CHECK: out_of_scope.cpp:
// CHECK-LABEL: [stride] ExpectValue [0/21]
// CHECK-NEXT: expected encountered watches:
// CHECK-NEXT: 1
// CHECK-NEXT: 2
// CHECK-NEXT: 4
// CHECK-NEXT: 8
// CHECK-LABEL: [stride] ExpectValue [5/7]
// CHECK-NEXT: could not evaluate:
// CHECK-NEXT: (None): step 16 [-5]

int main() {
  int total = 0;
  {
    int stride = 1;
    while (stride < 16) {
      total += stride; // DexLabel('add')
      stride *= 2;
    }
  }
  return total - 15; // DexLabel('done')
}

// DexExpectWatchValue('stride', '1', '2', '4', '8', on_line=ref('add'))
// DexExpectWatchValue('stride', '16', on_line=ref('done'))
