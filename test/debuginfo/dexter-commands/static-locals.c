// Purpose:
//      Function-local statics: two with the same name in different blocks,
//      and one that keeps its value between calls.
//
// RUN: %dexter --fail-lt 1.0 -w --cflags "-O0 -g" -- %s

int next_id(void) {
  static int id = 40;
  id++;
  return id; // DexLabel('id_ret')
}

int pick(int x) {
  int result;
  if (x > 0) {
    static int y = 1;
    result = x + y; // DexLabel('pos')
  } else {
    static int y = 2;
    result = x - y; // DexLabel('neg')
  }
  return result;
}

int main(void) {
  int a = next_id();
  int b = next_id();
  int c = pick(5) + pick(-3);
  return a + b + c == 84 ? 0 : 1;
}

// DexExpectWatchValue('id', '41', '42', on_line=ref('id_ret'))
// DexExpectWatchValue('y', '1', on_line=ref('pos'))
// DexExpectWatchValue('y', '2', on_line=ref('neg'))
// DexExpectWatchValue('x', '5', on_line=ref('pos'))
// DexExpectWatchValue('x', '-3', on_line=ref('neg'))
