// Templates, inline functions (COMDAT groups), virtual classes, exceptions, static
// constructors and destructors.
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

template <typename T> struct Stack {
  std::vector<T> items;
  void push(const T &v) { items.push_back(v); }
  T pop() {
    if (items.empty()) throw std::runtime_error("pop from an empty stack");
    T v = items.back();
    items.pop_back();
    return v;
  }
};

struct Shape {
  virtual ~Shape() {}
  virtual double area() const = 0;
  virtual const char *name() const { return "shape"; }
};

struct Square : Shape {
  double side;
  explicit Square(double s) : side(s) {}
  double area() const override { return side * side; }
  const char *name() const override { return "square"; }
};

struct Counter {
  int constructed = 0;
  Counter() { constructed = 42; }
  ~Counter() { std::fputs("Counter destroyed\n", stdout); }
};

static Counter counter;
thread_local int tls_depth = 0;

inline int twice(int x) { return 2 * x; }

template <typename T> T sum(const std::vector<T> &v) {
  T s{};
  for (const T &x : v) s += x;
  return s;
}

int main() {
  Stack<int> s;
  s.push(twice(3));
  s.push(4);
  int a = s.pop() + s.pop();
  Square sq(3.0);
  Shape *shape = &sq;
  std::string label = std::string(shape->name()) + " of area";
  int caught = 0;
  try {
    s.pop();
  } catch (const std::exception &e) {
    caught = 1;
    std::printf("caught: %s\n", e.what());
  }
  std::vector<double> ds = {1.5, 2.5};
  tls_depth++;
  std::printf("%s %.1f, a=%d, sum=%.1f, counter=%d, caught=%d, tls=%d\n", label.c_str(), shape->area(), a,
              sum(ds), counter.constructed, caught, tls_depth);
  return 0;
}
