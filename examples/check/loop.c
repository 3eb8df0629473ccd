// A debug-info test in Dexter's script format: at the loop's body, GDB must show i taking the
// values 0, 1, 2 and total the values 0, 1, and i must be an int.
//   npx jitdbg check --mode parity examples/check/loop.c
int main(void) {
  int total = 0;
  for (int i = 0; i < 3; i++)
    total += i; // !dex_label body
  return total - 3;
}

/*
---
!where {lines: !label body}:
  !value i: [0, 1, 2]
  !value total: [0, 1]
  !type i: int
...
*/
