// Purpose:
//      Locals and arguments at -O0: each assignment is seen on the next line.
//
// RUN: %dexter --fail-lt 1.0 -w --cflags "-O0 -g" -- %s

int scale(int value, int factor) {
  int product = value * factor;
  int shifted = product + 1; // DexLabel('scale_body')
  return shifted;            // DexLabel('scale_ret')
}

int main(void) {
  int a = 6;
  unsigned char c = 'a';
  double half = 2.5;
  int r = scale(a, 7);
  return r == 43 && c == 'a' && half == 2.5 ? 0 : 1; // DexLabel('main_ret')
}

// DexExpectWatchValue('value', '6', on_line=ref('scale_body'))
// DexExpectWatchValue('factor', '7', on_line=ref('scale_body'))
// DexExpectWatchValue('product', '42', on_line=ref('scale_body'))
// DexExpectWatchValue('shifted', '43', on_line=ref('scale_ret'))
// DexExpectWatchValue('a', '6', on_line=ref('main_ret'))
// DexExpectWatchValue('c', "'a'", on_line=ref('main_ret'))
// DexExpectWatchValue('half', '2.5', on_line=ref('main_ret'))
// DexExpectWatchValue('r', '43', on_line=ref('main_ret'))
// DexExpectWatchType('value', 'int', on_line=ref('scale_body'))
// DexExpectWatchType('c', 'unsigned char', on_line=ref('main_ret'))
// DexExpectWatchType('half', 'double', on_line=ref('main_ret'))
