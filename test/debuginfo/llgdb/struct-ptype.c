// A nested struct with an array member and a pointer to it: ptype and the
// values printed whole and member by member.
//
// RUN: %clang -O0 -g %s -o %t -c
// RUN: %clang %t -o %t.out
// RUN: %test_debuginfo %s %t.out
// DEBUGGER: break struct-ptype.c:33
// DEBUGGER: r
// DEBUGGER: ptype struct segment
// CHECK: type = struct segment {
// CHECK-NEXT: struct vec2 from;
// CHECK-NEXT: struct vec2 to;
// CHECK-NEXT: short weights[3];
// CHECK-NEXT: }
// DEBUGGER: p *s
// CHECK: ${{[0-9]+}} = {from = {x = -1, y = 2}, to = {x = 3, y = -4}, weights = {7, 8, 9}}
// DEBUGGER: p s->to
// CHECK: ${{[0-9]+}} = {x = 3, y = -4}
// DEBUGGER: p s->weights[1] + s->from.y
// CHECK: ${{[0-9]+}} = 10
// DEBUGGER: whatis s->weights
// CHECK: type = short [3]

struct vec2 { int x, y; };
struct segment {
  struct vec2 from;
  struct vec2 to;
  short weights[3];
};

int span(const struct segment *s) {
  int dx = s->to.x - s->from.x;
  return dx;
}

int main(void) {
  struct segment seg = { { -1, 2 }, { 3, -4 }, { 7, 8, 9 } };
  return span(&seg) == 4 ? 0 : 1;
}
