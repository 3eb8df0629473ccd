template <typename T> T add(T a, T b) { return a + b; }
// Inline code both twice_a.cc and twice_b.cc emit (COMDAT groups): the linker keeps one copy of
// each, and the DWARF of the dropped copy describes the kept one. add<int> is on the first line,
// where LLDB finds the two descriptions at two addresses natively (one without its prologue).
// No #pragma once: each source includes this once, and it must stay the first line.

struct Counter {
  int n = 0;
  void bump(int by) { n += by; }
  int get() const { return n; }
};
