// Purpose:
//      Step kinds (main, then one step into each call of a function of this
//      file), and the run finished before the third call.
//
// RUN: %dexter --fail-lt 1.0 -w --cflags "-O0 -g" -- %s

int twice(int v) {
  return v * 2; // DexLabel('twice')
}

int main(void) {
  int acc = 0;
  acc += twice(1);
  acc += twice(2); // DexLabel('second')
  acc += twice(3); // DexLabel('third')
  return acc == 12 ? 0 : 1;
}

// main, twice, twice
// DexExpectStepKind('FUNC', 3)
// DexFinishTest(on_line=ref('third'))
// DexExpectWatchValue('v', '1', '2', on_line=ref('twice'))
// DexExpectWatchValue('acc', '2', on_line=ref('second'))
