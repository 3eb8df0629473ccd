// The metrics of a script whose expects are met, missed and never reached: the figures below are
// those Dexter prints for the same situation (total 6, 4 correct, 5 values seen, 5 missing).
int scale(int k, int v) {
  int out = v * k;
  return out; // !dex_label ret_scale
}

int main(void) {
  int x = 6;
  int y = 7;
  int z = scale(x, y);
  return z - 42; // !dex_label ret_main
}

/*
---
!where {lines: !label ret_scale}:
    !value v: 5          # 7 is seen: 1 incorrect step, 5 missing
    !value k: 6          # correct
    !value out: [40, 42] # 42 correct, 40 missing
!where {lines: !label ret_main}:
    !value x: [6, 6]     # correct, counts twice as seen
    !value y: 7
    !value nothing: 42   # no such variable: a missing step
!where {lines: 300}:     # never reached
    !value never: 10
    !value seen: 'abc'
...
*/
