// Arrays: a 2-D global array, a local array, a slice through a pointer with
// the @ operator, and a char buffer holding a string.
//
// RUN: %clang -O0 -g %s -o %t -c
// RUN: %clang %t -o %t.out
// RUN: %test_debuginfo %s %t.out
// DEBUGGER: break arrays.c:33
// DEBUGGER: r
// DEBUGGER: p grid
// CHECK: ${{[0-9]+}} = {{[{][{]}}0, 1, 2}, {10, 11, 12{{[}][}]}}
// DEBUGGER: p grid[1]
// CHECK: ${{[0-9]+}} = {10, 11, 12}
// DEBUGGER: p local
// CHECK: ${{[0-9]+}} = {5, 4, 3, 2, 1}
// DEBUGGER: p *tail@3
// CHECK: ${{[0-9]+}} = {3, 2, 1}
// DEBUGGER: p name
// CHECK: ${{[0-9]+}} = "grid\000\000\000"
// DEBUGGER: p sizeof(grid) / sizeof(grid[0][0])
// CHECK: ${{[0-9]+}} = 6

int grid[2][3];

int main(void) {
  char name[8] = "grid";
  int local[5];
  for (int r = 0; r < 2; r++)
    for (int c = 0; c < 3; c++)
      grid[r][c] = r * 10 + c;
  for (int i = 0; i < 5; i++)
    local[i] = 5 - i;
  int *tail = &local[2];
  return name[0] == 'g' && tail[0] == 3 ? 0 : 1;
}
