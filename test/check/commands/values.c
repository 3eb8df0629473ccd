// Values through a call, a char in GDB's form, and \DexExpectStepKind: every entry into
// square is a FUNC step, as Dexter counts them.
#include <stdio.h>
int square(int x) {
  int r = x * x; // DexLabel('sq')
  return r;
}
int main(void) {
  int total = 0;
  char c = 'a';
  for (int i = 0; i < 3; ++i) {
    total += square(i); // DexLabel('loop')
  }
  printf("%d %c\n", total, c);
  return 0; // DexLabel('ret')
}
// DexExpectWatchValue('i', 0, 1, 2, on_line=ref('loop'))
// DexExpectWatchValue('x', 0, 1, 2, on_line=ref('sq'))
// DexExpectWatchValue('total', 5, on_line=ref('ret'))
// DexExpectWatchValue('c', "'a'", on_line=ref('ret'))
// DexExpectStepKind('FUNC', 4)
