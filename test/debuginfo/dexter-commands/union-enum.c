// Purpose:
//      A union read through each member, and an enum printed by name.
//
// RUN: %dexter --fail-lt 1.0 -w --cflags "-O0 -g" -- %s

enum kind { K_INT, K_BYTES, K_FLOAT };

union word {
  unsigned int u;
  unsigned char bytes[4];
  float f;
};

struct tagged { enum kind k; union word w; };

int main(void) {
  struct tagged t;
  t.k = K_BYTES;
  t.w.u = 0x01020304u;
  unsigned char low = t.w.bytes[0];
  t.k = K_FLOAT; // DexLabel('as_bytes')
  t.w.f = 1.5f;
  return low == 4 && t.k == K_FLOAT ? 0 : 1; // DexLabel('as_float')
}

// DexExpectWatchValue('t.k', 'K_BYTES', on_line=ref('as_bytes'))
// DexExpectWatchValue('t.w.u', '16909060', on_line=ref('as_bytes'))
// DexExpectWatchValue('t.w.bytes', '"\\004\\003\\002\\001"', on_line=ref('as_bytes'))
// DexExpectWatchValue('low', "'\\004'", on_line=ref('as_bytes'))
// DexExpectWatchValue('t.k', 'K_FLOAT', on_line=ref('as_float'))
// DexExpectWatchValue('t.w.f', '1.5', on_line=ref('as_float'))
// DexExpectWatchValue('t.w.u', '1069547520', on_line=ref('as_float'))
