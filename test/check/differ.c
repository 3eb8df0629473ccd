// Parity must catch a difference: argv[0] is the executable natively and the first object
// under jitdbg run, so its length differs between the two links.
#include <string.h>

int main(int argc, char **argv) {
  int n = (int)strlen(argv[0]); // DexLabel('n')
  return n > 0 ? 0 : 1; // DexLabel('ret')
}
// DexExpectWatchValue('argc', '1', on_line=ref('ret'))
// DexExpectWatchValue('n', '30', on_line=ref('ret'))
