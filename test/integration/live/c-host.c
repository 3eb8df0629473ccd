/* A C program that registers ELF images itself, through copies of jit-lib.c loaded with dlopen:
     c-host two LIBA LIBB IMAGE...  the first image in LIBA's descriptor, the others in LIBB's;
                                    prints "ready PID", waits for stdin to close
     c-host many LIB N IMAGE        IMAGE registered N times in LIB's descriptor; then the same
     c-host race LIB IMAGE...       prints "ready PID", then forever: registers the images in
                                    order, unregisters them in reverse order
     c-host broken LIBA LIBB IMAGE  IMAGE twice in LIBA's list, the older entry's next_entry
                                    pointing back at the newer (a cycle); once in LIBB's, its
                                    next_entry pointing at unmapped memory; then the same */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <unistd.h>

typedef void **(*register_fn)(const void *, uint64_t);
typedef void (*unregister_fn)(void *);

struct lib { register_fn reg; unregister_fn unreg; };
struct image { char *bytes; long size; };

static struct lib load(const char *path) {
  void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!h) { fprintf(stderr, "%s\n", dlerror()); exit(2); }
  struct lib l = { (register_fn)dlsym(h, "jit_register"), (unregister_fn)dlsym(h, "jit_unregister") };
  return l;
}

static struct image slurp(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) { perror(path); exit(2); }
  fseek(f, 0, SEEK_END);
  struct image im = { 0, ftell(f) };
  rewind(f);
  im.bytes = malloc(im.size);
  if (fread(im.bytes, 1, im.size, f) != (size_t)im.size) exit(2);
  fclose(f);
  return im;
}

static void ready_and_wait(void) {
  printf("ready %d\n", getpid());
  fflush(stdout);
  char buf[64];
  while (read(0, buf, sizeof buf) > 0) {}
}

int main(int argc, char **argv) {
  /* Under Yama ptrace_scope 1, GDB and jitdbg are not our ancestors: let them read us. */
  prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY, 0, 0, 0);
  if (argc >= 5 && argv[1][0] == 't') {
    struct lib a = load(argv[2]), b = load(argv[3]);
    struct image first = slurp(argv[4]);
    a.reg(first.bytes, first.size);
    for (int i = 5; i < argc; i++) { struct image im = slurp(argv[i]); b.reg(im.bytes, im.size); }
    ready_and_wait();
  } else if (argc == 5 && argv[1][0] == 'm') {
    struct lib a = load(argv[2]);
    struct image im = slurp(argv[4]);
    for (int i = atoi(argv[3]); i > 0; i--) a.reg(im.bytes, im.size);
    ready_and_wait();
  } else if (argc >= 4 && argv[1][0] == 'r') {
    struct lib a = load(argv[2]);
    int n = argc - 3;
    struct image *images = malloc(n * sizeof *images);
    void **entries = malloc(n * sizeof *entries);
    for (int i = 0; i < n; i++) images[i] = slurp(argv[3 + i]);
    printf("ready %d\n", getpid());
    fflush(stdout);
    for (;;) {
      for (int i = 0; i < n; i++) { entries[i] = a.reg(images[i].bytes, images[i].size); usleep(50); }
      for (int i = n - 1; i >= 0; i--) { a.unreg(entries[i]); usleep(50); }
    }
  } else if (argc == 5 && argv[1][0] == 'b') {
    struct lib a = load(argv[2]), b = load(argv[3]);
    struct image im = slurp(argv[4]);
    void **older = a.reg(im.bytes, im.size);
    void **newer = a.reg(im.bytes, im.size);
    older[0] = newer; /* next_entry, the first field of struct jit_code_entry */
    void **alone = b.reg(im.bytes, im.size);
    alone[0] = (void *)0x10;
    ready_and_wait();
  } else {
    fprintf(stderr, "usage: c-host two|many|race ...\n");
    return 2;
  }
  return 0;
}
