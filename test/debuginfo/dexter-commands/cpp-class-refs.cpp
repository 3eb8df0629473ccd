// Purpose:
//      C++ classes: members through `this` in a method, a reference argument
//      and a const reference (read by value: a reference prints its address),
//      and the object seen from the caller.
//
// RUN: %dexter --fail-lt 1.0 -w --cflags "-O0 -g" -- %s

class Account {
public:
  explicit Account(int start) : balance_(start), ops_(0) {}
  void deposit(const int &amount) {
    balance_ += amount;
    ops_++; // DexLabel('deposit')
  }
  int balance() const { return balance_; }
private:
  int balance_;
  int ops_;
};

void transfer(Account &from, Account &to, int amount) {
  from.deposit(-amount);
  to.deposit(amount);
  int check = from.balance() + to.balance(); // DexLabel('transferred')
  (void)check;
}

int main() {
  Account a(100), b(5);
  transfer(a, b, 30);
  Account &alias = b;
  return alias.balance() == 35 ? 0 : 1; // DexLabel('end')
}

// DexExpectWatchValue('amount + 0', '-30', '30', on_line=ref('deposit'))
// DexExpectWatchValue('balance_', '70', '35', on_line=ref('deposit'))
// DexExpectWatchValue('this->ops_', '0', on_line=ref('deposit'))
// DexExpectWatchValue('from.balance_', '70', on_line=ref('transferred'))
// DexExpectWatchValue('to.balance_', '35', on_line=ref('transferred'))
// DexExpectWatchValue('amount', '30', on_line=ref('transferred'))
// DexExpectWatchValue('a', '{balance_ = 70, ops_ = 1}', on_line=ref('end'))
// DexExpectWatchValue('alias.balance_', '35', on_line=ref('end'))
// DexExpectWatchType('alias', 'Account &', on_line=ref('end'))
