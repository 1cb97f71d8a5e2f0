/* Argon2id hash time on this machine with the limits the server uses (libsodium's
 * crypto_pwhash_str with OPSLIMIT/MEMLIMIT_INTERACTIVE, crypto/password_hash.cpp).
 * Prints the median of N hashes in milliseconds. Built and run by bench/accounts.sh. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int by_value(const void* a, const void* b) {
  const double x = *(const double*)a, y = *(const double*)b;
  return (x > y) - (x < y);
}

int main(int argc, char** argv) {
  const int runs = argc > 1 ? atoi(argv[1]) : 15;
  if (sodium_init() < 0 || runs < 1 || runs > 1000) return 1;
  double* ms = calloc((size_t)runs, sizeof *ms);
  char out[crypto_pwhash_STRBYTES];
  const char* password = "Riverbend-demo-2026";
  for (int i = 0; i < runs; ++i) {
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (crypto_pwhash_str_alg(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
      return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    ms[i] = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
  }
  qsort(ms, (size_t)runs, sizeof *ms, by_value);
  printf("%.1f %.1f %.1f\n", ms[0], ms[runs / 2], ms[runs - 1]);
  free(ms);
  return 0;
}
