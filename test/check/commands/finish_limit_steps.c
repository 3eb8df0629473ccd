// \DexFinishTest under the conditional controller: ends at the third hit of x == 2.
int main(void) {
  int sink = 0;
  for (int y = 0; y < 4; ++y)
    for (int x = 0; x < 4; ++x)
      sink += x; // DexLabel('body')
  return sink;
}
// DexLimitSteps(on_line=ref('body'))
// DexFinishTest('x', 2, on_line=ref('body'), hit_count=2)
// DexExpectWatchValue('x', 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, on_line=ref('body'))
// DexExpectWatchValue('y', 0, 1, 2, on_line=ref('body'))
