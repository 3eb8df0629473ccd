// Templates: a class template instantiated twice and a function template,
// each instance's frame named with its template arguments.
//
// RUN: %clangxx -O0 -g %s -o %t -c
// RUN: %clangxx %t -o %t.out
// RUN: %test_debuginfo %s %t.out
// DEBUGGER: break cpp-templates.cpp:33
// DEBUGGER: r
// DEBUGGER: frame
// CHECK: #0 {{.*}}Pair<int>::sum{{.*}} at {{.*}}cpp-templates.cpp:{{[0-9]+}}
// DEBUGGER: p *this
// CHECK: ${{[0-9]+}} = {first = 3, second = 4}
// DEBUGGER: c
// DEBUGGER: frame
// CHECK: #0 {{.*}}Pair<double>::sum{{.*}} at
// DEBUGGER: p first + second
// CHECK: ${{[0-9]+}} = 2
// DEBUGGER: break largest<long>
// DEBUGGER: c
// DEBUGGER: p count
// CHECK: ${{[0-9]+}} = 3
// DEBUGGER: p values[count - 1]
// CHECK: ${{[0-9]+}} = -7
// DEBUGGER: ptype Pair<int>
// CHECK: type = {{struct|class}} Pair<int> [with T = int] {
// CHECK: T first;
// CHECK-NEXT: T second;

template <typename T> struct Pair {
  T first;
  T second;
  T sum() const {
    return first + second;
  }
};

template <typename T> T largest(const T *values, int count) {
  T best = values[0];
  for (int i = 1; i < count; i++)
    if (values[i] > best) best = values[i];
  return best;
}

int main() {
  Pair<int> pi{3, 4};
  Pair<double> pd{0.5, 1.5};
  long vals[] = {12, 40, -7};
  long r = pi.sum() + (long)pd.sum() + largest(vals, 3);
  return r == 49 ? 0 : 1;
}
