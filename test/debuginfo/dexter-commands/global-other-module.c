// Purpose:
//      A global defined in another module, read from this one and from the
//      module itself, and a static global of that module.
//
// RUN: %dexter --fail-lt 1.0 -w --cflags "-O0 -g" -- %s

extern int counter_total;
int counter_add(int amount);

int main(void) {
  int n = counter_add(5);
  n = counter_add(7); // DexLabel('between')
  int total = counter_total;
  return total == 112 && n == 2 ? 0 : 1; // DexLabel('end')
}

// DexExpectWatchValue('counter_total', '105', on_line=ref('between'))
// DexExpectWatchValue('n', '1', on_line=ref('between'))
// DexExpectWatchValue('counter_total', '112', on_line=ref('end'))
// DexExpectWatchValue('total', '112', on_line=ref('end'))
// DexExpectWatchValue('n', '2', on_line=ref('end'))

// DexDeclareFile('../lib/counter.c')
// DexExpectWatchValue('amount', '5', '7', on_line=6)
// DexExpectWatchValue('calls', '1', '2', on_line=6)
// DexExpectWatchValue('counter_total', '100', '105', on_line=6)
// DexExpectWatchValue('counter_total', '105', '112', on_line=7)
