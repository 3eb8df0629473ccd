// C++ thread_local objects with constructors and destructors: each thread constructs its own
// on first use and destroys it when it ends (__cxa_thread_atexit); the initial thread's are
// destroyed at exit, before the static destructors.
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

struct Noisy {
  std::string tag = "fresh";
  ~Noisy() { std::printf("~Noisy %s\n", tag.c_str()); }
};

struct Static {
  ~Static() { std::printf("~Static\n"); }
} at_exit;

thread_local Noisy noisy;
thread_local std::vector<int> seen;

int main() {
  for (int i = 1; i <= 2; i++) {
    std::thread t([i] {
      noisy.tag = "thread " + std::to_string(i);
      seen.assign(i, i);
      std::printf("in thread %d: %zu seen\n", i, seen.size());
    });
    t.join();
  }
  noisy.tag = "main";
  seen.push_back(7);
  std::printf("main: %zu seen, %s\n", seen.size(), noisy.tag.c_str());
  return 0;
}
