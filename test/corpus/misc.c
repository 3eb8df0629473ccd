/* Structs passed and returned by value, varargs, libc callbacks (bsearch), libm, function
   pointer tables, static locals, a large zero-filled array and argv. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct vec { double x, y, z; };
struct pair { int a; long b; };

static struct vec add(struct vec p, struct vec q) { return (struct vec){p.x + q.x, p.y + q.y, p.z + q.z}; }
struct pair swap(struct pair p) { return (struct pair){(int)p.b, p.a}; }

static int sum_ints(int n, ...) {
  va_list ap;
  va_start(ap, n);
  int s = 0;
  for (int i = 0; i < n; i++) s += va_arg(ap, int);
  va_end(ap);
  return s;
}

static void say(const char *fmt, ...) {
  char buf[128];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  fputs(buf, stdout);
}

static int cmp(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }
static int next_id(void) { static int id = 100; return id++; }
static int twice(int x) { return 2 * x; }
static int square(int x) { return x * x; }
int (*const ops[])(int) = {twice, square};
static char scratch[1 << 16];

int main(int argc, char **argv) {
  struct vec v = add((struct vec){1, 2, 3}, (struct vec){0.5, 0.25, 0.125});
  struct pair p = swap((struct pair){7, 9});
  int sorted[] = {2, 4, 8, 16, 32, 64};
  int key = 16;
  int *hit = bsearch(&key, sorted, 6, sizeof *sorted, cmp);
  memset(scratch, 'x', 10);
  say("vec %.3f %.3f %.3f pair %d %ld\n", v.x, v.y, v.z, p.a, p.b);
  say("varargs %d bsearch %ld ids %d %d\n", sum_ints(4, 1, 2, 3, 4), hit ? (long)(hit - sorted) : -1L, next_id(), next_id());
  say("libm %.4f %.4f %.4f ops %d %d scratch %zu\n", sqrt(2.0), pow(2.0, 0.5) * cos(0.0), atan2(1.0, 1.0), ops[0](21), ops[1](12), strlen(scratch));
  for (int i = 0; i < argc; i++) say("arg %d %s\n", i, i ? argv[i] : "(program)");
  return argc + 40;
}
