// \DexFinishTest under the default controller: ends when i == 3.
int main(void) {
  int s = 0;
  for (int i = 0; i < 10; ++i)
    s += i; // DexLabel('add')
  return s;
}
// DexFinishTest('i', 3, on_line=ref('add'))
// DexExpectWatchValue('i', 0, 1, 2, 3, on_line=ref('add'))
