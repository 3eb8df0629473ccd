// C++ inheritance: a virtual method reached through a base pointer stops in
// the derived override; base members through `this`, a downcast, and the
// class layout as ptype shows it.
//
// RUN: %clangxx -O0 -g %s -o %t -c
// RUN: %clangxx %t -o %t.out
// RUN: %test_debuginfo %s %t.out
// DEBUGGER: break Square::area
// DEBUGGER: r
// CHECK: Breakpoint 1, Square::area
// DEBUGGER: p side
// CHECK: ${{[0-9]+}} = 6
// DEBUGGER: p id
// CHECK: ${{[0-9]+}} = 2
// DEBUGGER: p this->Shape::id
// CHECK: ${{[0-9]+}} = 2
// DEBUGGER: up
// DEBUGGER: p ((Square *)s)->side * 2
// CHECK: ${{[0-9]+}} = 12
// DEBUGGER: whatis s
// CHECK: type = const Shape *
// DEBUGGER: ptype Square
// CHECK: type = class Square : public Shape {
// CHECK: int side;
// CHECK: virtual int area(void) const;

class Shape {
public:
  explicit Shape(int id) : id(id) {}
  virtual ~Shape() {}
  virtual int area() const = 0;
  int id;
};

class Square : public Shape {
public:
  Square(int id, int side) : Shape(id), side(side) {}
  int area() const override { return side * side; }
private:
  int side;
};

int measure(const Shape *s) {
  return s->area() + s->id;
}

int main() {
  Square sq(2, 6);
  return measure(&sq) == 38 ? 0 : 1;
}
