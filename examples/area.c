/* Two modules that call each other: `npx jitdbg run examples/area.c examples/shapes.c -- 3`
   and, under GDB, `npx jitdbg gdb examples/area.c examples/shapes.c --break shape_area -- 3`. */
#include <stdio.h>
#include <stdlib.h>
#include "shapes.h"

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 2;
  struct shape shapes[8];
  if (n < 1 || n > 8) n = 2;
  for (int i = 0; i < n; i++) shapes[i] = (struct shape){ i % 2 ? CIRCLE : SQUARE, i + 1.0 };
  printf("%d shapes, total area %.3f\n", n, total_area(shapes, n));
  return 0;
}
