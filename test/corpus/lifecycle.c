// What a C program gets from and registers with its C run time: main's third argument, the
// environment; atexit handlers (run last registered first, after main returns), an
// at_quick_exit handler and pthread_atfork handlers that are registered but never called.
// glibc keeps these three in libc_nonshared.a, not in libc.so.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int forks;
static void before_fork(void) { forks++; }
static void first_registered(void) { printf("atexit: first registered, runs last (forks %d)\n", forks); }
static void second_registered(void) { printf("atexit: second registered, runs first\n"); }
static void quick(void) { printf("never: quick_exit is not called\n"); }

extern char **environ;

int main(int argc, char **argv, char **envp) {
  (void)argv;
  int paths = 0;
  for (char **e = envp; *e; e++) paths += strncmp(*e, "PATH=", 5) == 0;
  printf("envp is environ: %d, PATH entries: %d\n", envp == environ, paths);
  if (atexit(first_registered) != 0 || atexit(second_registered) != 0) return 1;
  if (at_quick_exit(quick) != 0) return 2;
  if (pthread_atfork(before_fork, NULL, NULL) != 0) return 3;
  printf("main returns %d\n", argc);
  return argc;
}
