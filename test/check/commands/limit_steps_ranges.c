// Overlapping \DexLimitSteps ranges, each with its own condition.
int main(void) {
  int a = 0, b = 0, sink = 0;
  for (int n = 0; n != 8; ++n) {
    sink = a + b; // DexLabel('first')
    if (n == 0) {
      a = n;
      b = n; // DexLabel('a_from')
      sink = a + b; // DexLabel('a_to')
    } else if (n == 3) {
      b = n;
      a = n; // DexLabel('b_from')
      sink = a + b; // DexLabel('b_to')
    }
    sink = a + b; // DexLabel('last')
  }
  return sink;
}
// DexExpectWatchValue('n', 0, 3, 6, from_line=ref('first'), to_line=ref('last'))
// DexExpectWatchValue('a', 0, from_line=ref('a_from'), to_line=ref('a_to'))
// DexExpectWatchValue('b', 3, from_line=ref('b_from'), to_line=ref('b_to'))
// DexLimitSteps('n', 6, from_line=ref('first'), to_line=ref('last'))
// DexLimitSteps('a', 0, from_line=ref('a_from'), to_line=ref('a_to'))
// DexLimitSteps('b', 3, from_line=ref('b_from'), to_line=ref('b_to'))
