int alpha(int x) {
  return x + 5;
}
