// Steering the debugger from state nodes: nested !where, !and, at_frame_idx, hit counts,
// conditions, !step, and !then step_out / finish.
int twice(int v) {
  int r = v * 2; // !dex_label twice_body
  return r;
}

int sum_to(int n) {
  int total = 0; // !dex_label sum_start
  for (int i = 1; i <= n; ++i)
    total += i; // !dex_label sum_loop
  return total; // !dex_label sum_end
}

int noisy(int v) {
  int w = v + 1; // !dex_label noisy_body
  w = w * 3;
  return w;
}

int main(void) {
  int acc = 0;
  for (int k = 0; k < 4; ++k)
    acc += twice(k); // !dex_label call
  acc += sum_to(3);
  acc += noisy(acc);
  acc += noisy(1);
  return acc > 0 ? 0 : 1; // !dex_label end
}

/*
---
!where {function: main}:
    !where {function: twice, for_hit_count: 2}:
        !value v: [0, 1]
        !and {at_frame_idx: 1}:
            !value k: [0, 1]
    !where {function: twice, after_hit_count: 3}:
        !value v: 3
    !where {function: twice, conditions: v == 2}:
        !value v: 2
!where {function: sum_to}:
    # GDB stops on the loop's header before each iteration and once more when it ends.
    !step exactly: [!label sum_start,
        !label sum_loop - 1, !label sum_loop, !label sum_loop - 1, !label sum_loop,
        !label sum_loop - 1, !label sum_loop, !label sum_loop - 1,
        !label sum_end, !label sum_end + 1]
    !and {lines: !label sum_loop}:
        !value total: [0, 1, 3]
!where {lines: !label noisy_body}: !then step_out
!where {lines: !label end}: !then finish
...
*/
