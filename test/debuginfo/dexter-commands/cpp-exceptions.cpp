// Purpose:
//      C++ exceptions: a throw two frames down is caught in main; the code
//      after the throw is never stepped on, and the handler sees the value.
//      GDB cannot step from a throw into its handler (the step runs on), so
//      stepping is limited to the throw line and the handler.
//
// RUN: %dexter --fail-lt 1.0 -w --cflags "-O0 -g" -- %s

struct ParseError {
  int code;
  int where;
};

int parse_digit(char c, int pos) {
  if (c < '0' || c > '9')
    throw ParseError{22, pos}; // DexLabel('throw')
  return c - '0';
}

int parse(const char *s) {
  int value = 0;
  for (int i = 0; s[i] != 0; i++)
    value = value * 10 + parse_digit(s[i], i);
  return value; // DexUnreachable()
}

int main() {
  int result = -1;
  try {
    result = parse("42x7");
  } catch (const ParseError &e) {
    result = e.code * 100 + e.where; // DexLabel('handler')
  }
  return result == 2202 ? 0 : 1; // DexLabel('end')
}

// DexLimitSteps(from_line=ref('throw'), to_line=ref('throw'))
// DexLimitSteps(from_line=ref('handler'), to_line=ref('end'))
// DexExpectWatchValue('pos', '2', on_line=ref('throw'))
// DexExpectWatchValue('c', "'x'", on_line=ref('throw'))
// DexExpectWatchValue('e.code', '22', on_line=ref('handler'))
// DexExpectWatchValue('e.where', '2', on_line=ref('handler'))
// DexExpectWatchValue('result', '2202', on_line=ref('end'))
