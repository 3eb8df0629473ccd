// The stepping benchmark (npm run bench -- check): about 2,000 line steps through one loop,
// with one watched value at each. DexExpectWatchValue('n', '1000', from_line=ref('first'), to_line=ref('last'))
static int sum(int n) {
  volatile int s = 0; // DexLabel('first')
  for (int i = 0; i < n; i++)
    s += i;
  return s; // DexLabel('last')
}

int main(void) {
  return sum(1000) == 499500 ? 0 : 1;
}
