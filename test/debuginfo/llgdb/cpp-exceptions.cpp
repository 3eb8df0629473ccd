// Exceptions: breakpoints at the throw and in the handler that catches it
// two frames up, with the thrown object's members, and a rethrow caught by
// a second handler.
//
// RUN: %clangxx -O0 -g %s -o %t -c
// RUN: %clangxx %t -o %t.out
// RUN: %test_debuginfo %s %t.out
// DEBUGGER: break cpp-exceptions.cpp:32
// DEBUGGER: break cpp-exceptions.cpp:42
// DEBUGGER: break cpp-exceptions.cpp:52
// DEBUGGER: r
// DEBUGGER: p depth
// CHECK: ${{[0-9]+}} = 0
// DEBUGGER: c
// DEBUGGER: p err.code
// CHECK: ${{[0-9]+}} = 7
// DEBUGGER: p err.depth
// CHECK: ${{[0-9]+}} = 0
// DEBUGGER: c
// DEBUGGER: p err.code
// CHECK: ${{[0-9]+}} = 8
// DEBUGGER: p handled
// CHECK: ${{[0-9]+}} = 1

struct Failure {
  int code;
  int depth;
};

void descend(int depth) {
  if (depth == 0)
    throw Failure{7, depth};
  descend(depth - 1);
}

int handled = 0;

void middle() {
  try {
    descend(2);
  } catch (Failure &err) {
    handled++;
    err.code++;
    throw;
  }
}

int main() {
  try {
    middle();
  } catch (const Failure &err) {
    return err.code == 8 ? 0 : 1;
  }
  return 2;
}
