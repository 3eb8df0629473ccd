// Threads: a breakpoint in the thread function, hit once per thread; the
// threads run one after the other (each joined before the next starts), so
// the order of the hits and the values are fixed.
//
// RUN: %clang -O0 -g -pthread %s -o %t -c
// RUN: %clang %t -o %t.out -pthread
// RUN: %test_debuginfo %s %t.out
// DEBUGGER: break threads.c:34
// DEBUGGER: break threads.c:45
// DEBUGGER: r
// CHECK: Breakpoint 1, worker ({{.*}}) at {{.*}}threads.c:34
// DEBUGGER: p job->id
// CHECK: ${{[0-9]+}} = 1
// DEBUGGER: p partial
// CHECK: ${{[0-9]+}} = 55
// DEBUGGER: c
// DEBUGGER: p job->id
// CHECK: ${{[0-9]+}} = 2
// DEBUGGER: p partial
// CHECK: ${{[0-9]+}} = 110
// DEBUGGER: c
// DEBUGGER: p jobs[0].result + jobs[1].result
// CHECK: ${{[0-9]+}} = 165

#include <pthread.h>

struct job { int id; int result; };

static void *worker(void *arg) {
  struct job *job = arg;
  int partial = 0;
  for (int i = 1; i <= 10; i++)
    partial += i * job->id;
  job->result = partial;
  return 0;
}

int main(void) {
  struct job jobs[2] = { { 1, 0 }, { 2, 0 } };
  for (int k = 0; k < 2; k++) {
    pthread_t t;
    pthread_create(&t, 0, worker, &jobs[k]);
    pthread_join(t, 0);
  }
  return jobs[0].result + jobs[1].result == 165 ? 0 : 1;
}
