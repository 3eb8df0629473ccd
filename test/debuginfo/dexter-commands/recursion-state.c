// Purpose:
//      Recursion: the whole stack of a recursive call, each frame with its
//      own argument values, at the innermost call.
//
// RUN: %dexter --fail-lt 1.0 -w --cflags "-O0 -g" -- %s

int gcd(int lhs, int rhs) {
  if (rhs == 0)
    return lhs; // DexLabel('base')
  return gcd(rhs, lhs % rhs);
}

int main(void) {
  int g = gcd(84, 60);
  return g == 12 ? 0 : 1;
}

/*
DexExpectProgramState({
  'frames': [
    {
      'function': 'gcd',
      'location': { 'lineno': ref('base') },
      'watches': { 'lhs': '12', 'rhs': '0' }
    },
    { 'function': 'gcd', 'watches': { 'lhs': '24', 'rhs': '12' } },
    { 'function': 'gcd', 'watches': { 'lhs': '60', 'rhs': '24' } },
    { 'function': 'gcd', 'watches': { 'lhs': '84', 'rhs': '60' } },
    { 'function': 'main' }
  ]
})
*/
// DexExpectWatchValue('lhs', '12', on_line=ref('base'))
// DexExpectStepKind('FUNC', 5)
