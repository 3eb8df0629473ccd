/* `npx jitdbg run examples/zlib-version.c` prints the zlib inside Node (its own copy);
   `npx jitdbg run --lib libz.so.1 examples/zlib-version.c` the system's, as `cc -lz` would. */
#include <stdio.h>

const char *zlibVersion(void);

int main(void) {
  printf("zlib %s\n", zlibVersion());
  return 0;
}
