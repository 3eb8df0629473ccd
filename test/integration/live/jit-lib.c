/* GDB's JIT interface, defined by a library of its own (as in GDB's jit-reader-simple test):
   two copies of it loaded RTLD_LOCAL are two descriptors in one process. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef enum { JIT_NOACTION = 0, JIT_REGISTER_FN, JIT_UNREGISTER_FN } jit_actions_t;

struct jit_code_entry {
  struct jit_code_entry *next_entry;
  struct jit_code_entry *prev_entry;
  const char *symfile_addr;
  uint64_t symfile_size;
};

struct jit_descriptor {
  uint32_t version;
  uint32_t action_flag;
  struct jit_code_entry *relevant_entry;
  struct jit_code_entry *first_entry;
};

struct jit_descriptor __jit_debug_descriptor = { 1, 0, 0, 0 };

void __attribute__((noinline)) __jit_debug_register_code(void) { __asm__ volatile(""); }

/* A copy of the image behind a new entry at the head of the list. */
struct jit_code_entry *jit_register(const void *image, uint64_t size) {
  struct jit_code_entry *e = malloc(sizeof *e);
  char *copy = malloc(size);
  memcpy(copy, image, size);
  e->symfile_addr = copy;
  e->symfile_size = size;
  e->prev_entry = 0;
  e->next_entry = __jit_debug_descriptor.first_entry;
  if (e->next_entry) e->next_entry->prev_entry = e;
  __jit_debug_descriptor.first_entry = e;
  __jit_debug_descriptor.relevant_entry = e;
  __jit_debug_descriptor.action_flag = JIT_REGISTER_FN;
  __jit_debug_register_code();
  __jit_debug_descriptor.action_flag = JIT_NOACTION;
  return e;
}

/* Unlinks and frees, scribbling over the memory first: a reader holding a stale pointer sees garbage. */
void jit_unregister(struct jit_code_entry *e) {
  if (e->prev_entry) e->prev_entry->next_entry = e->next_entry;
  else __jit_debug_descriptor.first_entry = e->next_entry;
  if (e->next_entry) e->next_entry->prev_entry = e->prev_entry;
  __jit_debug_descriptor.relevant_entry = e;
  __jit_debug_descriptor.action_flag = JIT_UNREGISTER_FN;
  __jit_debug_register_code();
  __jit_debug_descriptor.action_flag = JIT_NOACTION;
  memset((char *)e->symfile_addr, 0xaa, e->symfile_size);
  free((char *)e->symfile_addr);
  memset(e, 0xaa, sizeof *e);
  free(e);
}
