// Threads: a labelled line in the thread function, reached once in each of
// two threads run one after the other (each joined before the next starts),
// and the results read in main after both joins.
//
// RUN: %clang -std=gnu11 -O0 -g -pthread %s -o %t
// RUN: %dexter -w --use-script --binary %t -- %s | FileCheck %s
// CHECK-DAG: correct_step_coverage: 100.0%

#include <pthread.h>

struct task { int base; int out; };

static void *square_task(void *arg) {
  struct task *t = arg;
  int sq = t->base * t->base;
  t->out = sq; // !dex_label in_thread
  return 0;
}

int main(void) {
  struct task tasks[2] = { { 3, 0 }, { 5, 0 } };
  for (int k = 0; k < 2; k++) {
    pthread_t th;
    pthread_create(&th, 0, square_task, &tasks[k]);
    pthread_join(th, 0);
  }
  int sum = tasks[0].out + tasks[1].out;
  return sum == 34 ? 0 : 1; // !dex_label joined
}

/*
---
!where {lines: !label in_thread}:
  !value t->base: [3, 5]
  !value sq: [9, 25]
!where {lines: !label joined}:
  !value sum: 34
  !value tasks[1].out: 25
...
*/
