// C++ without thread-local storage: classes, virtual calls, templates, exceptions,
// static construction and destruction, std::string/vector/map/unique_ptr.
#include <cstdio>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

struct Animal {
  virtual ~Animal() = default;
  virtual std::string speak() const = 0;
};
struct Dog : Animal {
  std::string speak() const override { return "woof"; }
};
struct Cat : Animal {
  std::string speak() const override { return "meow"; }
};

struct Logger {
  const char *name;
  explicit Logger(const char *n) : name(n) { std::printf("construct %s\n", name); }
  ~Logger() { std::printf("destroy %s\n", name); }
};
static Logger first("first");
static Logger second("second");

__attribute__((constructor(200))) static void early() { std::puts("constructor priority 200"); }
__attribute__((destructor)) static void late() { std::puts("destructor attribute"); }

template <typename K, typename V> V total(const std::map<K, V> &m) {
  V t{};
  for (const auto &kv : m) t += kv.second;
  return t;
}

static int parse(const std::string &s) {
  if (s.empty()) throw std::invalid_argument("empty string");
  return std::stoi(s);
}

int main() {
  std::vector<std::unique_ptr<Animal>> zoo;
  zoo.push_back(std::make_unique<Dog>());
  zoo.push_back(std::make_unique<Cat>());
  std::string all;
  for (const auto &a : zoo) all += a->speak() + " ";
  std::map<std::string, int> counts{{"a", 1}, {"b", 2}, {"c", 39}};
  int errors = 0;
  for (const char *s : {"12", "", "x"}) {
    try {
      std::printf("parsed %d\n", parse(s));
    } catch (const std::invalid_argument &e) {
      ++errors;
      std::printf("invalid: %s\n", e.what());
    }
  }
  std::printf("%s| total %d errors %d\n", all.c_str(), total(counts), errors);
  return 0;
}
