/* Calls into util.c and libc; uses a weak reference that stays undefined. */
#include <stdio.h>
#include <stddef.h>

long accumulate(long v);
void sort_ints(int *v, size_t n);
int tunable(void);
extern int shared_common;
extern void never_defined(void) __attribute__((weak));

int main(void) {
  int v[] = {5, 3, 9, 1, 7};
  sort_ints(v, 5);
  long total = 0;
  for (int i = 0; i < 5; i++) total = accumulate(v[i]);
  shared_common = 3;
  printf("sorted %d %d %d %d %d total %ld tunable %d weak %s common %d\n", v[0], v[1], v[2], v[3], v[4], total,
         tunable(), never_defined ? "defined" : "null", shared_common);
  return 0;
}
