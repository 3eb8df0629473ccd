// A Dexter script whose expected value is wrong on purpose: y takes 0, 1, 2, never 5.
int main(void) {
  int total = 0;
  for (int y = 0; y < 3; y++)
    total += y; // !dex_label body
  return total - 3;
}
/*
---
!where {lines: !label body}:
  !value y: [0, 1, 5]
...
*/
