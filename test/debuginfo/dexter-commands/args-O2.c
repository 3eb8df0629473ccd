// Purpose:
//      Arguments and locals at -O2: volatile locals stay readable, and an
//      argument used after a call is still live at the call's return.
//
// RUN: %dexter --fail-lt 1.0 -w --cflags "-O2 -g" -- %s

volatile int sink;

__attribute__((noinline)) void consume(int v) { sink = v; }

__attribute__((noinline)) int accumulate(int n, int step) {
  volatile int total = 0;
  for (volatile int i = 0; i < n; i++)
    total += step;
  consume(total);
  return n * total + step; // DexLabel('after_call')
}

int main(void) {
  volatile int first = 3;
  int got = accumulate(first, 5);
  sink = got; // DexLabel('main_end')
  return 0;
}

// DexExpectWatchValue('total', '15', on_line=ref('after_call'))
// DexExpectWatchValue('n', '3', on_line=ref('after_call'))
// DexExpectWatchValue('step', '5', on_line=ref('after_call'))
// DexExpectWatchValue('first', '3', on_line=ref('main_end'))
// DexExpectWatchValue('got', '50', on_line=ref('main_end'))
