// Thread-local storage: initialized (.tdata) and zeroed (.tbss) variables, each thread with
// its own copy, in every TLS model gcc picks: local exec (-fPIE, -fno-pic), general and local
// dynamic (-fPIC), TP offsets in 64-bit immediates (-mcmodel=large).
#include <pthread.h>
#include <stdio.h>

__thread int counter = 5;
__thread long zeroed;
static __thread char name[16] = "main";

int *address_of_counter(void) { return &counter; }

static void *worker(void *arg) {
  int id = (int)(long)arg;
  snprintf(name, sizeof name, "worker%d", id);
  for (int i = 0; i < 1000 * id; i++) counter++;
  zeroed += id;
  printf("%s: counter %d zeroed %ld\n", name, counter, zeroed);
  return NULL;
}

int main(void) {
  pthread_t threads[3];
  for (long i = 0; i < 3; i++) {
    pthread_create(&threads[i], NULL, worker, (void *)(i + 1));
    pthread_join(threads[i], NULL);
  }
  counter += 10;
  printf("%s: counter %d zeroed %ld, &counter is this thread's: %d\n", name, counter, zeroed, address_of_counter() == &counter);
  return counter;
}
