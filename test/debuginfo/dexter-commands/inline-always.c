// Purpose:
//      An always_inline function at -O2: stepping stops in the inlined body,
//      its argument is readable there, and the caller's volatile local too.
//
// RUN: %dexter --fail-lt 1.0 -w --cflags "-O2 -g" -- %s

volatile int out;

static inline __attribute__((always_inline)) void publish(int value) {
  out = value * 2; // DexLabel('inlined')
}

__attribute__((noinline)) void run(int base) {
  volatile int local = base + 1;
  publish(local);
  out += local; // DexLabel('after')
}

int main(void) {
  run(20);
  run(30);
  return out == 93 ? 0 : 1;
}

// DexExpectWatchValue('value', '21', '31', on_line=ref('inlined'))
// DexExpectWatchValue('local', '21', '31', on_line=ref('after'))
// DexExpectWatchValue('out', '42', '62', on_line=ref('after'))
