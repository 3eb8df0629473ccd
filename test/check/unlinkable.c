// Built with AddressSanitizer, which jitdbg cannot link (the ASan runtime is not in Node's
// process): natively the test runs; under the JIT it is an error that says why.
// RUN: %clang -g -O0 -fsanitize=address %s -o %t
int main(void) {
  int a[4] = {1, 2, 3, 4};
  return a[3] - 4; // DEBUGGER: break unlinkable.c:6
}
// DEBUGGER: r
// DEBUGGER: p a[3]
// CHECK: $1 = 4
