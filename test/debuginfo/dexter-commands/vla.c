// Purpose:
//      A variable-length array whose length is an argument: its elements and
//      its size as GDB computes them from the debug info.
//
// RUN: %dexter --fail-lt 1.0 -w --cflags "-O0 -g -std=gnu11" -- %s

int fill(int n) {
  int vla[n];
  for (int i = 0; i < n; i++)
    vla[i] = (i + 1) * (i + 1);
  int sum = vla[0] + vla[n - 1]; // DexLabel('filled')
  return sum;                    // DexLabel('done')
}

int main(void) {
  int s = fill(5);
  s += fill(3);
  return s == 36 ? 0 : 1;
}

// DexExpectWatchValue('vla[0]', '1', on_line=ref('filled'))
// DexExpectWatchValue('vla[2]', '9', on_line=ref('filled'))
// DexExpectWatchValue('vla[n - 1]', '25', '9', on_line=ref('filled'))
// DexExpectWatchValue('sizeof(vla)', '20', '12', on_line=ref('filled'))
// DexExpectWatchValue('sum', '26', '10', on_line=ref('done'))
// DexExpectWatchValue('vla', '{1, 4, 9, 16, 25}', '{1, 4, 9}', on_line=ref('done'))
