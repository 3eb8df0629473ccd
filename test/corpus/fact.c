/* Recursion, globals, a struct, a switch (jump table), floating point, strings. */
#include <stdio.h>
#include <string.h>

struct point { int x, y; double weight; };

int calls;
static int table[8] = {1, 1, 2, 6, 24, 120, 720, 5040};
const char *greeting = "hello from fact.c";
struct point origin = {3, 4, 0.5};

int fact(int n) {
  calls++;
  if (n <= 1)
    return 1;
  return n * fact(n - 1);
}

static double scale(const struct point *p, double k) {
  return (p->x + p->y) * p->weight * k;
}

const char *kind(int n) {
  switch (n) {
  case 0: return "zero";
  case 1: return "one";
  case 2: return "two";
  case 3: return "three";
  case 4: return "four";
  case 5: return "five";
  default: return "many";
  }
}

int main(int argc, char **argv) {
  int n = argc > 1 ? (int)strlen(argv[1]) : 5;
  int f = fact(n);
  printf("%s: fact(%d) = %d (table %d), %s, scale %.2f, calls %d\n", greeting, n, f,
         table[n & 7], kind(n), scale(&origin, 2.0), calls);
  return f == table[n & 7] ? 0 : 1;
}
