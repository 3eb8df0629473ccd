/* AArch64 code for the disassembler's differential test, without headers (no AArch64 sysroot
   is needed): direct and indirect calls and jumps, tail calls, conditional branches of every
   form (b.cond, cbz/cbnz, tbz/tbnz), a jump table, loads and stores, floating point and the
   vector instructions a vectorized loop gives. */
typedef unsigned long size_t;

int external(int);
extern int (*handlers[4])(int);

static int __attribute__((noinline)) square(int x) { return x * x; }

int calls(int x) { return square(x) + external(x) + handlers[x & 3](x); }

int tail(int x) { return external(x + 1); }

int branches(int x, long *p) {
  if (!p) return -1;
  if (x & 8) return 8;
  if (*p > 100) return 100;
  for (int i = 0; i < x; i++) *p += i;
  return (int)*p;
}

int table(int k) {
  switch (k) {
  case 0: return external(10);
  case 1: return 11;
  case 2: return external(12) * 3;
  case 3: return 13;
  case 4: return external(14) - 1;
  case 5: return 15;
  default: return 0;
  }
}

double scale(double *v, size_t n, double f) {
  double s = 0;
  for (size_t i = 0; i < n; i++) {
    v[i] *= f;
    s += v[i];
  }
  return s;
}

void add_vectors(int *restrict a, const int *restrict b, size_t n) {
  for (size_t i = 0; i < n; i++) a[i] += b[i] * 3;
}

unsigned long bits(unsigned long x) { return (x >> 7) ^ (x << 3) ^ __builtin_popcountl(x) ^ (unsigned long)__builtin_clzl(x | 1); }
