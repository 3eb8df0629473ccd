/* The second module of `npx jitdbg run examples/area.c examples/shapes.c`: area.c's main calls
   total_area, defined here; jitdbg links the two objects to each other inside Node. */
#include "shapes.h"

double shape_area(const struct shape *s) {
  switch (s->kind) {
  case SQUARE: return s->size * s->size;
  case CIRCLE: return 3.14159265358979 * s->size * s->size;
  }
  return 0;
}

double total_area(const struct shape *shapes, int n) {
  double total = 0;
  for (int i = 0; i < n; i++) total += shape_area(&shapes[i]);
  return total;
}
