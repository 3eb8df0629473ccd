// Purpose:
//      Threads: stepping limited to a line of the thread function, reached in
//      two threads run one after the other (each joined before the next
//      starts), and main's view of the results after the joins.
//
// RUN: %dexter --fail-lt 1.0 -w --cflags "-O0 -g -pthread" -- %s

#include <pthread.h>

static int results[2];

static void *fib_thread(void *arg) {
  int n = *(int *)arg;
  int a = 0, b = 1;
  for (int i = 0; i < n; i++) {
    int t = a + b;
    a = b;
    b = t;
  }
  results[n == 10] = a; // DexLabel('store')
  return 0;
}

int main(void) {
  int args[2] = { 7, 10 };
  for (int k = 0; k < 2; k++) {
    pthread_t th;
    pthread_create(&th, 0, fib_thread, &args[k]);
    pthread_join(th, 0);
  }
  return results[0] + results[1] == 68 ? 0 : 1; // DexLabel('joined')
}

// DexLimitSteps(from_line=ref('store'), to_line=ref('store'))
// DexLimitSteps(from_line=ref('joined'), to_line=ref('joined'))
// DexExpectWatchValue('n', '7', '10', on_line=ref('store'))
// DexExpectWatchValue('a', '13', '55', on_line=ref('store'))
// DexExpectWatchValue('results', '{13, 55}', on_line=ref('joined'))
