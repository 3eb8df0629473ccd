int delta(int x) {
  return x + 5;
}
