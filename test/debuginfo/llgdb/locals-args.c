// Locals and arguments at -O0, printed at a breakpoint inside a callee and
// again in the caller after it returned.
//
// RUN: %clang -O0 -g %s -o %t -c
// RUN: %clang %t -o %t.out
// RUN: %test_debuginfo %s %t.out
// DEBUGGER: break locals-args.c:31
// DEBUGGER: break locals-args.c:36
// DEBUGGER: r
// DEBUGGER: p count
// CHECK: ${{[0-9]+}} = 4
// DEBUGGER: p letter
// CHECK: ${{[0-9]+}} = 120 'x'
// DEBUGGER: p ratio
// CHECK: ${{[0-9]+}} = 0.25
// DEBUGGER: p weighted
// CHECK: ${{[0-9]+}} = 1200
// DEBUGGER: info args
// CHECK: count = 4
// CHECK-NEXT: letter = 120 'x'
// CHECK-NEXT: ratio = 0.25
// DEBUGGER: c
// DEBUGGER: p result
// CHECK: ${{[0-9]+}} = 1200
// DEBUGGER: p/x result
// CHECK: ${{[0-9]+}} = 0x4b0

long weigh(int count, char letter, double ratio) {
  long weighted = count * letter;
  weighted = (long)(weighted * ratio * 10);
  return weighted;
}

int main(void) {
  long result = weigh(4, 'x', 0.25);
  return result == 1200 ? 0 : 1;
}
