// Purpose:
//      Struct members, nested structs and a pointer to a struct at -O0.
//
// RUN: %dexter --fail-lt 1.0 -w --cflags "-O0 -g" -- %s

struct point { int x; int y; };
struct rect { struct point origin; struct point size; char tag; };

int area(const struct rect *r) {
  int w = r->size.x;
  int h = r->size.y;
  return w * h; // DexLabel('area_ret')
}

int main(void) {
  struct rect box = { { 1, 2 }, { 3, 4 }, 'b' };
  struct point p = box.origin;
  p.x += 10;
  int a = area(&box); // DexLabel('call')
  return a == 12 ? 0 : 1; // DexLabel('ret')
}

// DexExpectWatchValue('box.origin.x', '1', on_line=ref('call'))
// DexExpectWatchValue('box.size.y', '4', on_line=ref('call'))
// DexExpectWatchValue('box.tag', "'b'", on_line=ref('call'))
// DexExpectWatchValue('p', '{x = 11, y = 2}', on_line=ref('call'))
// DexExpectWatchValue('box.size', '{x = 3, y = 4}', on_line=ref('call'))
// DexExpectWatchValue('r->origin.y', '2', on_line=ref('area_ret'))
// DexExpectWatchValue('w', '3', on_line=ref('area_ret'))
// DexExpectWatchValue('h', '4', on_line=ref('area_ret'))
// DexExpectWatchValue('a', '12', on_line=ref('ret'))
// DexExpectWatchType('p', 'struct point', on_line=ref('call'))
