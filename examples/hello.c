/* A program for `npx jitdbg run examples/hello.c -- world`: compiled with cc -g -c, linked into
   the running Node process by jitdbg, and called like a native main. */
#include <stdio.h>
#include <stdlib.h>

static int compare(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

int main(int argc, char **argv) {
  int v[] = {42, 7, 19, 3};
  qsort(v, 4, sizeof *v, compare); /* a callback from libc into JIT-linked code */
  printf("hello, %s: sorted %d %d %d %d\n", argc > 1 ? argv[1] : "jitdbg", v[0], v[1], v[2], v[3]);
  return 0;
}
