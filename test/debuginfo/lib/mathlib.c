int lib_square(int v) {
  int sq = v * v;
  return sq;
}

int lib_sum_squares(int a, int b) {
  int left = lib_square(a);
  int right = lib_square(b);
  return left + right;
}
