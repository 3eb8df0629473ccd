// Purpose:
//      Limited stepping on a loop: stepping only through the iterations where
//      the condition holds, and the values the loop body sees in them.
//
// RUN: %dexter --fail-lt 1.0 -w --cflags "-O0 -g" -- %s

int main(void) {
  int squares[8];
  int total = 0;
  for (int i = 0; i < 8; i++) {
    int sq = i * i;  // DexLabel('loop_start')
    squares[i] = sq;
    total += sq;     // DexLabel('loop_end')
  }
  return total == 140 && squares[7] == 49 ? 0 : 1;
}

// DexLimitSteps('i', 2, 5, from_line=ref('loop_start'), to_line=ref('loop_end'))
// DexExpectWatchValue('i', '2', '5', from_line=ref('loop_start'), to_line=ref('loop_end'))
// DexExpectWatchValue('sq', '4', '25', on_line=ref('loop_end'))
// DexExpectWatchValue('total', '1', '30', on_line=ref('loop_end'))
// DexExpectWatchValue('squares[i]', '4', '25', on_line=ref('loop_end'))
