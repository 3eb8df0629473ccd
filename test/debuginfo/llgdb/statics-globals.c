// Globals and function-local statics: a static local read by its function's
// name from another frame, a file-scope static, and a global struct.
//
// RUN: %clang -O0 -g %s -o %t -c
// RUN: %clang %t -o %t.out
// RUN: %test_debuginfo %s %t.out
// DEBUGGER: break statics-globals.c:34
// DEBUGGER: r
// DEBUGGER: p tick::count
// CHECK: ${{[0-9]+}} = 3
// DEBUGGER: p 'statics-globals.c'::seed
// CHECK: ${{[0-9]+}} = 17
// DEBUGGER: p config
// CHECK: ${{[0-9]+}} = {name = "alpha", level = 3, ratio = 0.5}
// DEBUGGER: p config.name[0]
// CHECK: ${{[0-9]+}} = 97 'a'
// DEBUGGER: whatis tick::count
// CHECK: type = int

struct settings { char name[6]; int level; double ratio; };
struct settings config = { "alpha", 1, 0.5 };
static int seed = 14;

int tick(void) {
  static int count;
  count++;
  seed++;
  return count;
}

int main(void) {
  for (int i = 0; i < 3; i++)
    config.level = tick();
  return config.level == 3 && seed == 17 ? 0 : 1;
}
