/* Reads an array of MB megabytes at random, for ever: a neighbour that keeps the shared
 * cache busy, to see how much a memory-bound program slows beside it (BENCHMARKS.md,
 * eighth session).  cc -O2 -o cache_hog bench/cache_hog.c && taskset -c 1 ./cache_hog 16 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    size_t n = (size_t)atoi(argc > 1 ? argv[1] : "16") * 1024 * 1024 / 8;
    uint64_t *a = malloc(n * 8), x = 1, s = 0;
    for (size_t i = 0; i < n; i++) a[i] = i;
    for (;;) {
        for (int k = 0; k < 1000000; k++) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            s += a[(x >> 20) % n]++;
        }
        if (s == 42) puts("");
    }
}
