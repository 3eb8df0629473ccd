// Values as GDB prints them: chars, pointers, aggregates by member, floats, addresses and types.
struct Pair {
  int left;
  int right;
};

struct Box {
  Pair corner;
  Pair size;
  const char *name;
};

typedef int Count;

int main() {
  char letter = 'q';
  char digit = '7';
  Pair p = {3, 4};
  int *lp = &p.left;
  Box b = {{1, 1}, {5, 6}, "box"};
  int row[] = {7, 8, 9};
  float ratio = 2.5f;
  double third = 1.0 / 3.0;
  Count n = 12;
  bool flag = true;
  char text[] = "abcdef";
  char *cursor = text;
  for (int i = 0; i < 3; ++i)
    cursor = cursor + 2; // !dex_label walk
  return p.left - 3; // !dex_label done
}

/*
---
!where {lines: !label walk}:
    !value cursor: [!address text, !address text + 2, !address text + 4]
!where {lines: !label done}:
    !value letter: 'q'
    !value digit: 55
    !value p:
        left: 3
        right: 4
    !value lp:
        "*lp": 3
    !value b:
        corner: {left: 1, right: 1}
        size: {left: 5, right: 6}
        name: '"box"'
    !value row:
        "[0]": 7
        "[2]": 9
    !value ratio: !float 2.5
    !value third: !float 0.3333 +- 0.001
    !value flag: true
    !type n: Count
    !type p: Pair
    !type lp: int *
    !type b:
        name: const char *
...
*/
