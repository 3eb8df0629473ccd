// C++ methods matched by their qualified name: members read unqualified and
// through this, a namespace-qualified class, and a reference argument read
// through a member.
//
// RUN: %clangxx -std=c++17 -O0 -g %s -o %t
// RUN: %dexter -w --use-script --binary %t -- %s | FileCheck %s
// CHECK-DAG: correct_step_coverage: 100.0%

namespace geo {
struct Vec {
  int x, y;
  int dot(const Vec &o) const {
    int d = x * o.x + y * o.y;
    return d; // !dex_label dot_ret
  }
};
} // namespace geo

class Tally {
public:
  void add(int v) {
    total_ += v;
    count_++; // !dex_label add_body
  }
  int count_ = 0;
  int total_ = 0;
};

int main() {
  geo::Vec a{2, 3}, b{4, -1};
  Tally t;
  t.add(a.dot(b));
  t.add(b.dot(b));
  return t.total_ == 22 && t.count_ == 2 ? 0 : 1;
}

/*
---
!where {function: geo::Vec::dot}:
  !value this->x: [2, 4]
  !value o.y: -1
  !and {lines: !label dot_ret}:
    !value d: [5, 17]
!where {lines: !label add_body}:
  !value v: [5, 17]
  !value total_: [5, 22]
  !value this->count_: [0, 1]
...
*/
