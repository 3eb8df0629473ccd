// C++ through iostream at gcc's default flags (-fPIE): 32-bit PC-relative leas and loads of
// std::cout and VTTs (node's copies, low in memory), typeinfo objects and libc's data (near
// the top), which no single placement reaches.
#include <algorithm>
#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <typeinfo>
#include <vector>

struct Shape {
  virtual ~Shape() = default;
  virtual double area() const = 0;
};
struct Square : Shape {
  double side;
  explicit Square(double s) : side(s) {}
  double area() const override { return side * side; }
};
struct Circle : Shape {
  double r;
  explicit Circle(double radius) : r(radius) {}
  double area() const override { return 3.14159 * r * r; }
};

struct Banner {
  Banner() { std::cout << "banner up" << std::endl; }
  ~Banner() { std::cout << "banner down" << std::endl; }
};
static Banner banner;

static int next_id() {
  static int id = 100;
  return ++id;
}

static void check(int v) {
  if (v < 0) throw std::invalid_argument("negative: " + std::to_string(v));
  if (v > 9) throw std::out_of_range("too big");
}

int main(int argc, char **argv) {
  std::vector<std::unique_ptr<Shape>> shapes;
  shapes.push_back(std::make_unique<Square>(2.0));
  shapes.push_back(std::make_unique<Circle>(1.5));
  for (const auto &s : shapes) {
    std::cout << typeid(*s).name() << ' ' << std::fixed << std::setprecision(3) << s->area()
              << (dynamic_cast<Circle *>(s.get()) ? " round" : " square") << '\n';
  }
  std::map<std::string, int> words;
  for (int i = 1; i < argc; i++) {
    std::istringstream in(argv[i]);
    for (std::string w; in >> w;) words[w] += i;
  }
  std::ostringstream out;
  for (const auto &[w, n] : words) out << w << ':' << n << ' ';
  std::cout << out.str() << '\n';
  std::function<int(int)> scaled = [](int x) { return x * next_id(); };
  std::cout << scaled(2) << ' ' << scaled(3) << '\n';
  std::vector<int> v{5, -3, 12, 7};
  std::sort(v.begin(), v.end());
  for (int x : v) {
    try {
      check(x);
      std::cout << "ok " << x << '\n';
    } catch (const std::invalid_argument &e) {
      std::cout << "invalid " << e.what() << '\n';
    } catch (const std::exception &e) {
      std::cout << typeid(e).name() << ' ' << e.what() << '\n';
    }
  }
  try {
    std::vector<int>().at(3);
  } catch (const std::out_of_range &) {
    std::cout << "at threw" << std::endl;
  }
  // At -O2 the reference counting reads libc's __libc_single_threaded (writable, high in
  // memory) with a cmpb, and istringstream's construction reads its VTT (node's copy, low).
  auto shared = std::make_shared<Square>(3.0);
  std::shared_ptr<Shape> alias = shared;
  std::cout << "shared " << alias.use_count() << ' ' << alias->area() << '\n';
  return static_cast<int>(words.size());
}
