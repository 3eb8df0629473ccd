// \DexDeclareAddress taken from an expression; GDB prints it as (int *) 0x...
int main() {
  int v = 5;
  int &r = v;
  v = 3; // DexLabel('at')
  return r;
}
// DexDeclareAddress('v_addr', '&v', on_line=ref('at'))
// DexExpectWatchValue('&v', address('v_addr'), on_line=ref('at'))
// DexExpectWatchValue('&r', address('v_addr'), on_line=ref('at'))
