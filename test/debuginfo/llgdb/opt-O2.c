// Values at -O2 that GDB can still show: volatile locals, and an argument
// used after a call (kept live across it).
//
// RUN: %clang -O2 -g %s -o %t -c
// RUN: %clang %t -o %t.out
// RUN: %test_debuginfo %s %t.out
// DEBUGGER: break opt-O2.c:27
// DEBUGGER: r
// DEBUGGER: p hits
// CHECK: ${{[0-9]+}} = 9
// DEBUGGER: p limit
// CHECK: ${{[0-9]+}} = 10
// DEBUGGER: p sink
// CHECK: ${{[0-9]+}} = 9
// DEBUGGER: p hits * limit
// CHECK: ${{[0-9]+}} = 90

volatile int sink;

__attribute__((noinline)) void record(int v) { sink = v; }

__attribute__((noinline)) int count_below(int limit) {
  volatile int hits = 0;
  for (volatile int i = 1; i < limit; i++)
    hits++;
  record(hits);
  return hits + limit;
}

int main(void) {
  return count_below(10) == 19 ? 0 : 1;
}
