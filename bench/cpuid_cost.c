// The cost of one `cpuid` instruction, which glibc's start-up executes many times (it asks
// for cache sizes). Under a hypervisor each one may exit to it.
//
//   cc -O2 -o cpuid_cost bench/cpuid_cost.c && ./cpuid_cost
#include <cpuid.h>
#include <stdio.h>
#include <time.h>

int main(void) {
    enum { ROUNDS = 1000 };
    unsigned a = 0, b, c, d, sum = 0;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < ROUNDS; i++) {
        __cpuid_count(0x8000001D, i & 3, a, b, c, d);
        sum += a;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ns = (t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec);
    printf("%.2f us per cpuid (checksum %u)\n", ns / ROUNDS / 1000.0, sum);
    return 0;
}
