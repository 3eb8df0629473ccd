/* Runs SQL through sqlite3_exec and prints every row: linked with sqlite3.o. */
#include <stdio.h>

typedef struct sqlite3 sqlite3;
int sqlite3_open(const char *filename, sqlite3 **db);
int sqlite3_exec(sqlite3 *db, const char *sql, int (*callback)(void *, int, char **, char **), void *arg, char **errmsg);
int sqlite3_close(sqlite3 *db);
void sqlite3_free(void *p);
const char *sqlite3_libversion(void);

static int print_row(void *tag, int n, char **values, char **names) {
  printf("%s:", (const char *)tag);
  for (int i = 0; i < n; i++) printf(" %s=%s", names[i], values[i] ? values[i] : "NULL");
  putchar('\n');
  return 0;
}

static int run(sqlite3 *db, const char *tag, const char *sql) {
  char *error = 0;
  if (sqlite3_exec(db, sql, print_row, (void *)tag, &error) != 0) {
    printf("%s: error %s\n", tag, error);
    sqlite3_free(error);
    return 1;
  }
  return 0;
}

int main(void) {
  sqlite3 *db;
  if (sqlite3_open(":memory:", &db) != 0) return 2;
  int failures = 0;
  failures += run(db, "create", "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, score REAL);");
  failures += run(db, "insert", "INSERT INTO t(name, score) VALUES ('ada', 3.5), ('bob', 2.25), ('cy', NULL), ('di', 9);");
  failures += run(db, "select", "SELECT id, name, score FROM t ORDER BY score DESC;");
  failures += run(db, "aggregate", "SELECT count(*) AS n, sum(score) AS total, avg(score) AS mean, group_concat(name, '+') AS names FROM t;");
  failures += run(db, "cte", "WITH RECURSIVE fib(i, a, b) AS (SELECT 1, 0, 1 UNION ALL SELECT i + 1, b, a + b FROM fib WHERE i < 12) SELECT i, a FROM fib;");
  failures += run(db, "json", "SELECT json_object('k', 1, 'v', printf('%.3f', 3.14159)) AS j, upper('sqlite') AS u, length(sqlite_version()) > 0 AS v;");
  failures += run(db, "bad", "SELECT * FROM missing;");
  sqlite3_close(db);
  return failures;
}
