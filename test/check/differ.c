// Parity must catch a difference: argv[0] is the executable natively and the first object
// under jitdbg run, so its length differs between the two links. (A loop, not strlen: stepping
// into a library function is a difference of its own; see docs/check.md.)
int main(int argc, char **argv) {
  int n = 0; // DexLabel('n')
  while (argv[0][n] != '\0')
    n++;
  return n > 0 && argc > 0 ? 0 : 1; // DexLabel('ret')
}

// DexExpectWatchValue('argc', '1', on_line=ref('ret'))
// DexExpectWatchValue('n', '30', on_line=ref('ret'))
