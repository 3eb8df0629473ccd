// Two heap records are passed between the pointers `head` and `tail`.
// `tail` is expected to hold the records in the order they were made, but the
// hand-over gives it the second record first; a third address is declared on
// a branch the program never takes, so it is never resolved and the value
// that names it is never seen.
//
// RUN: not %dexter_regression_test -v -- %s | FileCheck %s

// CHECK: Resolved Addresses:
// CHECK-NEXT: 'rec_one': 0x[[ONE:[0-9a-f]+]]
// CHECK-NEXT: 'rec_two': 0x[[TWO:[0-9a-f]+]]
// CHECK: Unresolved Addresses:
// CHECK-NEXT: ['rec_spare']

// CHECK-LABEL: [head] ExpectValue
// CHECK: expected encountered watches:
// CHECK-NEXT: address 'rec_one' (0x[[ONE]])
// CHECK-NEXT: address 'rec_two' (0x[[TWO]])
// CHECK: missing values:
// CHECK-NEXT: address 'rec_spare'

// CHECK-LABEL: [tail] ExpectValue
// CHECK: expected encountered watches:
// CHECK-NEXT: address 'rec_one' (0x[[ONE]])
// CHECK-NEXT: address 'rec_two' (0x[[TWO]])
// CHECK: misordered result:
// CHECK-NEXT: (0x[[TWO]]): step 4
// CHECK-NEXT: (0x[[ONE]]): step 7

struct Record {
  long key;
  Record *next;
};

int main(int argc, char **argv) {
  Record *head = new Record{1, nullptr};
  Record *tail = new Record{2, head};
  if (argc > 42 && argv[0] == nullptr) {
    head = nullptr; // DexLabel('never_taken')
  }
  Record *held = head; // DexLabel('hand_over')
  head = tail;
  tail = held;
  long sum = head->key + tail->key;
  delete head;
  delete tail; // DexLabel('release')
  return sum == 3 ? 0 : 1;
}

// DexDeclareAddress('rec_one', 'head', on_line=ref('hand_over'))
// DexDeclareAddress('rec_two', 'tail', on_line=ref('hand_over'))
// DexDeclareAddress('rec_spare', 'head', on_line=ref('never_taken'))
// DexExpectWatchValue('head', address('rec_spare'), address('rec_one'), address('rec_two'), from_line=ref('hand_over'), to_line=ref('release'))
// DexExpectWatchValue('tail', address('rec_one'), address('rec_two'), from_line=ref('hand_over'), to_line=ref('release'))
