/* Arrays of integers sorted in place, ascending, for the compiled modules. A lookup sorts a
 * few hundred entries at a time, where qsort's call of a comparison function at each step
 * cost more than the comparisons themselves (2% of a query's time). */
#ifndef WATCHLIST_SORT_H
#define WATCHLIST_SORT_H

#include <stddef.h>

/* Defines `static void name(type *items, ptrdiff_t count)`: quicksort with a median of three
 * (the larger side looped on, the smaller recursed into, so the depth stays logarithmic),
 * insertion sort below 16 items. */
#define WATCHLIST_DEFINE_SORT(name, type)                                                    \
    static void name(type *items, ptrdiff_t count) {                                         \
        while (count > 16) {                                                                 \
            type a = items[0], b = items[count / 2], c = items[count - 1];                   \
            type pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b)); \
            ptrdiff_t i = 0, j = count - 1;                                                  \
            while (i <= j) {                                                                 \
                while (items[i] < pivot) i++;                                                \
                while (items[j] > pivot) j--;                                                \
                if (i <= j) {                                                                \
                    type swapped = items[i];                                                 \
                    items[i++] = items[j];                                                   \
                    items[j--] = swapped;                                                    \
                }                                                                            \
            }                                                                                \
            if (j + 1 < count - i) {                                                         \
                name(items, j + 1);                                                          \
                items += i;                                                                  \
                count -= i;                                                                  \
            } else {                                                                         \
                name(items + i, count - i);                                                  \
                count = j + 1;                                                               \
            }                                                                                \
        }                                                                                    \
        for (ptrdiff_t i = 1; i < count; i++) {                                              \
            type item = items[i];                                                            \
            ptrdiff_t j = i;                                                                 \
            for (; j > 0 && items[j - 1] > item; j--) items[j] = items[j - 1];               \
            items[j] = item;                                                                 \
        }                                                                                    \
    }

#endif
