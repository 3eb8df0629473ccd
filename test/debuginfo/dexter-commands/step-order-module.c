// Purpose:
//      Stepping from this module into functions of another module and back:
//      the order of the lines stepped on in both files. A step off a callee's
//      last line lands on the caller's next line, not back on the call.
//
// RUN: %dexter --fail-lt 1.0 -w --cflags "-O0 -g" -- %s

int lib_sum_squares(int a, int b);
int lib_square(int v);

int main(void) {
  int s = lib_sum_squares(2, 3); // DexExpectStepOrder(1)
  int t = lib_square(4);         // DexExpectStepOrder(9)
  return s + t == 29 ? 0 : 1;    // DexExpectStepOrder(12)
}

// DexDeclareFile('../lib/mathlib.c')
// DexExpectStepOrder(2, on_line=7)
// DexExpectStepOrder(3, 6, 10, on_line=2)
// DexExpectStepOrder(4, 7, 11, on_line=3)
// DexExpectStepOrder(5, on_line=8)
// DexExpectStepOrder(8, on_line=9)
// DexExpectWatchValue('v', '2', '3', '4', on_line=3)
// DexExpectWatchValue('sq', '4', '9', '16', on_line=3)
// DexExpectWatchValue('left', '4', on_line=9)
// DexExpectWatchValue('right', '9', on_line=9)
