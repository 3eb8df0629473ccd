// \DexLimitSteps with hit_count: only the first two iterations are seen.
int g;
int main() {
  for (int i = 0; i < 4; i++) {
    g = i; // DexLabel('here')
  }
  return 0;
}
// DexLimitSteps(hit_count=2, on_line=ref('here'))
// DexExpectWatchValue('i', '0', '1')
