// Recursion: a conditional breakpoint on the deepest call, the argument in
// callers' frames selected by number, and finish returning one level.
//
// RUN: %clang -O0 -g %s -o %t -c
// RUN: %clang %t -o %t.out
// RUN: %test_debuginfo %s %t.out
// DEBUGGER: break factorial if n == 1
// DEBUGGER: r
// DEBUGGER: p n
// CHECK: ${{[0-9]+}} = 1
// DEBUGGER: p $_any_caller_matches("main", 10)
// CHECK: ${{[0-9]+}} = 1
// DEBUGGER: frame 3
// DEBUGGER: p n
// CHECK: ${{[0-9]+}} = 4
// DEBUGGER: frame 0
// DEBUGGER: finish
// CHECK: Value returned is ${{[0-9]+}} = 1
// DEBUGGER: p n
// CHECK: ${{[0-9]+}} = 2
// DEBUGGER: finish
// CHECK: Value returned is ${{[0-9]+}} = 2

unsigned long factorial(unsigned n) {
  if (n <= 1)
    return 1;
  return n * factorial(n - 1);
}

int main(void) {
  unsigned long f = factorial(5);
  return f == 120 ? 0 : 1;
}
