int beta(int x) {
  return x + 4;
}
