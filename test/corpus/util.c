/* A second module: called from calls.c, so calls cross modules. */
#include <stdlib.h>

long accumulated;
int big_buffer[4096];          /* zero-fill (.bss) */
int shared_common __attribute__((common));

long accumulate(long v) {
  accumulated += v;
  big_buffer[v & 4095] += 1;
  return accumulated;
}

static int compare(const void *a, const void *b) {
  return *(const int *)a - *(const int *)b;
}

void sort_ints(int *v, size_t n) { qsort(v, n, sizeof *v, compare); }

__attribute__((weak)) int tunable(void) { return 7; }
