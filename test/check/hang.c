// A program that never ends and never leaves its line: only the run's time budget stops it.
int main(void) {
  volatile int spin = 1; // DexLabel('spin')
  while (spin) {}
  return 0;
}
// DexExpectWatchValue('spin', '1', on_line=ref('spin'))
