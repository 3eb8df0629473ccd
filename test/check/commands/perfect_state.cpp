// \DexExpectProgramState over four frames of a recursion, values as strings and as attributes.
int gcd(int a, int b) {
  if (b == 0)
    return a; // DexLabel('base')
  return gcd(b, a % b);
}
int main() { return gcd(111, 259); }
/*
DexExpectProgramState({'frames': [
  {'location': {'lineno': ref('base')}, 'watches': {'a': '37', 'b': '0'}},
  {'watches': {'a': {'value': '111'}, 'b': {'value': '37'}}},
  {'watches': {'a': {'value': '259'}, 'b': {'value': '111'}}},
  {'watches': {'a': {'value': '111'}, 'b': {'value': '259'}}}]})
*/
