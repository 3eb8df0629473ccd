// \DexLimitSteps on one line with three values: three steps recorded.
int main() {
  int total = 0;
  for (int n = 0; n != 10; ++n) {
    int k = n;
    total += k; // DexLabel('add')
  }
  return total;
}
// DexExpectWatchValue('k', 2, 7, 9, on_line=ref('add'))
// DexLimitSteps('n', 2, 7, 9, on_line=ref('add'))
