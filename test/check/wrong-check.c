// An llgdb test whose second CHECK is wrong on purpose: x is 42, not 43.
int main(void) {
  int x = 42;
  return x - 42; // break here
}
// DEBUGGER: break wrong-check.c:4
// DEBUGGER: r
// DEBUGGER: p x
// CHECK: Breakpoint 1, main
// CHECK: $1 = 43
