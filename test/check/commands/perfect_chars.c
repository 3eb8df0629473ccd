// GDB's forms of a char, a bool, doubles and floats (float_range), and types.
#include <stdbool.h>
int main(void) {
  char c = 'q';
  bool ok = true;
  const char *s = "hi";
  double d = 0.25;
  float f = 3.14159f;
  return c + ok + s[0] + (int)d + (int)f; // DexLabel('all')
}
// DexExpectWatchValue('c', "'q'", on_line=ref('all'))
// DexExpectWatchValue('ok', 'true', on_line=ref('all'))
// DexExpectWatchValue('d', '0.25', on_line=ref('all'))
// DexExpectWatchValue('f', 3.1416, float_range=0.001, on_line=ref('all'))
// DexExpectWatchType('c', 'char', on_line=ref('all'))
// DexExpectWatchType('s', 'const char *', on_line=ref('all'))
