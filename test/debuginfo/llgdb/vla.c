// A variable-length array: its type, size and elements as GDB reads them
// from the bound the debug info describes.
//
// RUN: %clang -std=gnu11 -O0 -g %s -o %t -c
// RUN: %clang %t -o %t.out
// RUN: %test_debuginfo %s %t.out
// DEBUGGER: break vla.c:25
// DEBUGGER: r
// DEBUGGER: p n
// CHECK: ${{[0-9]+}} = 4
// DEBUGGER: whatis vla
// CHECK: type = long [4]
// DEBUGGER: p vla
// CHECK: ${{[0-9]+}} = {3, 6, 9, 12}
// DEBUGGER: p sizeof(vla)
// CHECK: ${{[0-9]+}} = 32
// DEBUGGER: c
// DEBUGGER: p vla
// CHECK: ${{[0-9]+}} = {3, 6}

long fill(int n) {
  long vla[n];
  for (int i = 0; i < n; i++)
    vla[i] = 3 * (i + 1);
  return vla[n - 1];
}

int main(void) {
  long a = fill(4);
  long b = fill(2);
  return a + b == 18 ? 0 : 1;
}
