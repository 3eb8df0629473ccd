int counter_total = 100;
static int calls;

int counter_add(int amount) {
  calls++;
  counter_total += amount;
  return calls;
}
