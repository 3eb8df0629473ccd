// A Dexter command-format test with one wrong expectation: x is never 3.
int main(void) {
  int x = 1;
  x = 2; // DexLabel('two')
  return x - 2; // DexLabel('end')
}
// DexExpectWatchValue('x', '1', '3', from_line=ref('two'), to_line=ref('end'))
