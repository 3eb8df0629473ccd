/* A program with GDB's JIT interface in its own executable (not exported: only in .symtab),
   as GDB's jit-elf test has it: registers each IMAGE, prints "ready PID", waits for stdin to close. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "jit-lib.c"

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    FILE *f = fopen(argv[i], "rb");
    if (!f) { perror(argv[i]); return 2; }
    static char image[1 << 20];
    size_t n = fread(image, 1, sizeof image, f);
    fclose(f);
    jit_register(image, n);
  }
  printf("ready %d\n", getpid());
  fflush(stdout);
  char buf[64];
  while (read(0, buf, sizeof buf) > 0) {}
  return 0;
}
