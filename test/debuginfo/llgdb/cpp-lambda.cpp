// Lambdas: a breakpoint inside a lambda's body, its captures (by value and
// by reference, read by value: a reference prints its address) and its
// parameter, and the enclosing function's locals.
//
// RUN: %clangxx -std=c++17 -O0 -g %s -o %t -c
// RUN: %clangxx %t -o %t.out
// RUN: %test_debuginfo %s %t.out
// DEBUGGER: break cpp-lambda.cpp:35
// DEBUGGER: r
// DEBUGGER: p x
// CHECK: ${{[0-9]+}} = 1
// DEBUGGER: p factor
// CHECK: ${{[0-9]+}} = 3
// DEBUGGER: p calls + 0
// CHECK: ${{[0-9]+}} = 1
// DEBUGGER: c
// DEBUGGER: c
// DEBUGGER: p x
// CHECK: ${{[0-9]+}} = 3
// DEBUGGER: p calls + 0
// CHECK: ${{[0-9]+}} = 3
// DEBUGGER: break cpp-lambda.cpp:40
// DEBUGGER: delete 1
// DEBUGGER: c
// DEBUGGER: p total
// CHECK: ${{[0-9]+}} = 18
// DEBUGGER: p calls
// CHECK: ${{[0-9]+}} = 3

int main() {
  int factor = 3;
  int calls = 0;
  auto scale = [factor, &calls](int x) {
    calls++;
    return x * factor;
  };
  int total = 0;
  for (int i = 1; i <= 3; i++)
    total += scale(i);
  return total == 18 && calls == 3 ? 0 : 1;
}
