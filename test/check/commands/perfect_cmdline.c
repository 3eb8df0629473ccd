// \DexCommandLine gives the program its arguments; \DexUnreachable on the other branch.
int main(int argc, const char **argv) {
  if (argc == 4)
    return 0; // DexLabel('ok')
  return 1; // DexUnreachable()
}
// DexExpectWatchValue('argc', '4', on_line=ref('ok'))
// DexCommandLine(['a', 'b', 'c'])
