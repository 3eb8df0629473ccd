// An always_inline function at -O2: a breakpoint on its name stops in each
// inlined copy, which is frame 0 with its own argument; the caller's
// volatile local is read in the caller's frame.
//
// RUN: %clang -O2 -g %s -o %t -c
// RUN: %clang %t -o %t.out
// RUN: %test_debuginfo %s %t.out
// DEBUGGER: break clamp_add
// DEBUGGER: r
// DEBUGGER: frame
// CHECK: #0 {{.*}}clamp_add (
// DEBUGGER: p value
// CHECK: ${{[0-9]+}} = 250
// DEBUGGER: info frame
// CHECK: inlined into frame 1
// DEBUGGER: up
// DEBUGGER: p base
// CHECK: ${{[0-9]+}} = 240
// DEBUGGER: c
// DEBUGGER: p value
// CHECK: ${{[0-9]+}} = 20
// DEBUGGER: p acc
// CHECK: ${{[0-9]+}} = 250

volatile int acc;

static inline __attribute__((always_inline)) int clamp_add(int value) {
  if (value > 255)
    value = 255;
  acc += value;
  return value;
}

__attribute__((noinline)) int feed(int step) {
  volatile int base = step * 24;
  int got = clamp_add(base + step);
  got += clamp_add(step + step);
  return got;
}

int main(void) {
  return feed(10) == 270 ? 0 : 1;
}
