// A Dexter command left unfinished: the test fails naming this file and line 4.
int main(void) {
  int x = 1;
  return x - 1; // DexExpectWatchValue('x', '1'
}
