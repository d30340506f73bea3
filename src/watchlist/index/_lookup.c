/* The two lookups of index/candidates.py that every query word goes through, compiled:
 * `entries_for_each` (blocking keys -> vocabulary entries), `deletion_entries` (the same for
 * the keys of words less up to two letters, made here) and `best_credit_per_name_each` (entries -> the
 * names holding them, each with its best credit).
 *
 * Same results as `_entries_for_each_python` and `_best_credit_per_name_each_python` there,
 * which stay the reference (the tests compare the two): keys hashed with CRC-32 of their UTF-8
 * bytes as zlib.crc32 hashes them, entries and names returned sorted and each once, credits
 * computed in float32 as numpy computes them. Compiled because a query looks up a handful of
 * words, and the dozen numpy calls each lookup made cost more than the lookup itself.
 * Scratch tables are kept between calls (the GIL is held throughout, so calls never overlap).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../_arrays.h"
#include "../_sort.h"

static uint32_t crc_table[256];

static void make_crc_table(void) {
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[n] = c;
    }
}

static uint32_t crc32_of(const char *bytes, Py_ssize_t length) {
    uint32_t c = 0xFFFFFFFFu;
    for (Py_ssize_t i = 0; i < length; i++)
        c = crc_table[(c ^ (uint8_t)bytes[i]) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

/* A growable array of 4-byte items. */
typedef struct {
    char *items;
    Py_ssize_t size, capacity;
} Buffer;

static int push(Buffer *buffer, const void *item) {
    if (buffer->size == buffer->capacity) {
        Py_ssize_t capacity = buffer->capacity ? 2 * buffer->capacity : 1024;
        char *items = PyMem_Realloc(buffer->items, (size_t)capacity * 4);
        if (items == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        buffer->items = items;
        buffer->capacity = capacity;
    }
    memcpy(buffer->items + buffer->size * 4, item, 4);
    buffer->size++;
    return 0;
}

static PyObject *as_bytearray(const void *items, Py_ssize_t bytes) {
    return PyByteArray_FromStringAndSize(bytes ? (const char *)items : "", bytes);
}

/* Per-item flags kept between calls, all clear outside a call. */
static uint8_t *flags = NULL;
static Py_ssize_t flag_capacity = 0;
static float *best = NULL;
static Py_ssize_t best_capacity = 0;

static int reserve_flags(Py_ssize_t size) {
    if (size <= flag_capacity) return 0;
    uint8_t *more = PyMem_Realloc(flags, (size_t)size);
    if (more == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    memset(more + flag_capacity, 0, (size_t)(size - flag_capacity));
    flags = more;
    flag_capacity = size;
    return 0;
}

static int reserve_best(Py_ssize_t size) {
    if (size <= best_capacity) return 0;
    float *more = PyMem_Realloc(best, (size_t)size * sizeof(float));
    if (more == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    best = more;
    best_capacity = size;
    return 0;
}

WATCHLIST_DEFINE_SORT(sort_entries, int32_t)

/* Sorts the items of `buffer` from `start`, and clears their flags. */
static void settle_run(Buffer *buffer, Py_ssize_t start) {
    int32_t *run = (int32_t *)buffer->items + start;
    Py_ssize_t count = buffer->size - start;
    sort_entries(run, count);
    for (Py_ssize_t i = 0; i < count; i++) flags[run[i]] = 0;
}

static PyObject *bounds_of(const int64_t *bounds, Py_ssize_t lists) {
    return as_bytearray(bounds, (lists + 1) * (Py_ssize_t)sizeof(int64_t));
}

/* A table of keys: sorted hashes, the entries of key i at entries[offsets[i]:offsets[i+1]];
 * and, where `buckets` is not NULL, where the hashes of each top `32 - shift` bits begin:
 * those of bucket b are hashes[buckets[b]:buckets[b + 1]]. */
typedef struct {
    const uint32_t *hashes;
    const int64_t *offsets;
    const int32_t *entries;
    Py_ssize_t keys, entry_items, entry_count;
    const char *function;
    const uint32_t *buckets;
    int shift;
} Table;

/* Adds to `found` the entries under `hash` not flagged yet, and flags them; only those set in
 * `only` where it is not NULL. */
static int collect(const Table *table, uint32_t hash, Buffer *found, const uint8_t *only) {
    Py_ssize_t low = 0, high = table->keys;  /* the first hash not below `hash` */
    if (table->buckets != NULL) {
        /* A search over a few hashes, not the whole table: most of a lookup's time was the
         * cache misses of the whole table's binary search. Clamped: a directory made for
         * another table finds wrong entries, never reads past the table. */
        uint32_t bucket = hash >> table->shift;
        Py_ssize_t first = table->buckets[bucket], last = table->buckets[bucket + 1];
        low = first < high ? first : high;
        high = last < high ? last : high;
    }
    while (low < high) {
        Py_ssize_t middle = low + (high - low) / 2;
        if (table->hashes[middle] < hash) low = middle + 1;
        else high = middle;
    }
    if (low == table->keys || table->hashes[low] != hash) return 0;
    int64_t start = table->offsets[low], end = table->offsets[low + 1];
    if (start < 0 || end > table->entry_items) {
        PyErr_Format(PyExc_ValueError, "%s: key offsets out of range", table->function);
        return -1;
    }
    for (int64_t p = start; p < end; p++) {
        int32_t entry = table->entries[p];
        if (entry < 0 || entry >= table->entry_count) {
            PyErr_Format(PyExc_ValueError, "%s: entry %d out of range", table->function, entry);
            return -1;
        }
        if (flags[entry] || (only != NULL && !only[entry])) continue;
        flags[entry] = 1;
        if (push(found, &entry) < 0) return -1;
    }
    return 0;
}

/* Takes the key table of args[0:3] (hashes, offsets, entries) of `entry_count` entries into
 * `arrays` and `table`, and makes room for their flags. */
static int take_table(PyObject *const *args, Array *arrays, Py_ssize_t entry_count,
                      const char *name, Table *table) {
    if (take_array(args[0], &arrays[0], 4, -1, name, "hashes") < 0) return -1;
    Py_ssize_t keys = arrays[0].view.len / 4;
    if (take_array(args[1], &arrays[1], 8, keys + 1, name, "offsets") < 0) return -1;
    if (take_array(args[2], &arrays[2], 4, -1, name, "entries") < 0) return -1;
    Table taken = {arrays[0].view.buf, arrays[1].view.buf, arrays[2].view.buf, keys,
                   arrays[2].view.len / 4, entry_count, name, NULL, 0};
    *table = taken;
    return reserve_flags(entry_count);
}

/* Gives `table` the directory of its hashes `object` (`buckets`: uint32, 2**bits + 1 items,
 * bits 1 to 24) unless it is None. */
static int take_buckets(PyObject *object, Array *array, Table *table) {
    if (object == Py_None) return 0;
    if (take_array(object, array, 4, -1, table->function, "buckets") < 0) return -1;
    Py_ssize_t count = array->view.len / 4 - 1;
    int bits = 0;
    while (bits < 24 && ((Py_ssize_t)1 << bits) < count) bits++;
    if (count < 2 || ((Py_ssize_t)1 << bits) != count) {
        PyErr_Format(PyExc_ValueError, "%s: buckets are 2**bits + 1 offsets, bits 1 to 24",
                     table->function);
        return -1;
    }
    table->buckets = array->view.buf;
    table->shift = 32 - bits;
    return 0;
}

/* Room for the bounds of `count` runs, the first set to 0; NULL with an error set. */
static int64_t *new_bounds(Py_ssize_t count) {
    int64_t *bounds = PyMem_Malloc((size_t)(count + 1) * sizeof(int64_t));
    if (bounds == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    bounds[0] = 0;
    return bounds;
}

/* entries_for_each(key_hashes, key_offsets, key_entries, entry_count, key_lists[, only,
 *                  filtered[, buckets]])
 *   -> (entries, bounds): per list of keys, the entries under any of them, sorted, each once;
 *      list i's are entries[bounds[i]:bounds[i + 1]] (int32 and int64 bytearrays). Where
 *      filtered[i] is true, only the entries set in `only` (a bool a entry) are list i's; both
 *      None for no filter. `buckets`: the directory of key_hashes (`take_buckets`), or None. */
static PyObject *entries_for_each(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    (void)self;
    if (nargs != 5 && nargs != 7 && nargs != 8) {
        PyErr_SetString(PyExc_TypeError, "entries_for_each takes 5, 7 or 8 arguments");
        return NULL;
    }
    Py_ssize_t entry_count = PyLong_AsSsize_t(args[3]);
    if (entry_count < 0) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "entries_for_each: entry_count is negative");
        return NULL;
    }
    PyObject *key_lists = args[4];
    if (!PyList_Check(key_lists)) {
        PyErr_SetString(PyExc_TypeError, "entries_for_each: key_lists must be a list");
        return NULL;
    }
    Array arrays[5] = {{{0}}};
    Buffer found = {0};
    int64_t *bounds = NULL;
    PyObject *result = NULL;
    const char *name = "entries_for_each";
    Table table;
    if (take_table(args, arrays, entry_count, name, &table) < 0) goto done;
    if (nargs == 8 && take_buckets(args[7], &arrays[4], &table) < 0) goto done;
    Py_ssize_t lists = PyList_GET_SIZE(key_lists);
    const uint8_t *only = NULL;
    PyObject *filtered = nargs >= 7 && args[6] != Py_None ? args[6] : NULL;
    if (filtered != NULL) {
        if (take_array(args[5], &arrays[3], 1, entry_count, name, "only") < 0) goto done;
        only = arrays[3].view.buf;
        if (!PyList_Check(filtered) || PyList_GET_SIZE(filtered) != lists) {
            PyErr_Format(PyExc_TypeError, "%s: filtered must be a list, a bool a key list", name);
            goto done;
        }
    }
    if ((bounds = new_bounds(lists)) == NULL) goto done;
    for (Py_ssize_t l = 0; l < lists; l++) {
        PyObject *list = PyList_GET_ITEM(key_lists, l);
        if (!PyList_Check(list)) {
            PyErr_Format(PyExc_TypeError, "%s: key list %zd is not a list", name, l);
            goto done;
        }
        const uint8_t *kept = NULL;
        if (filtered != NULL) {
            int truth = PyObject_IsTrue(PyList_GET_ITEM(filtered, l));
            if (truth < 0) goto done;
            if (truth) kept = only;
        }
        Py_ssize_t start = found.size;
        for (Py_ssize_t k = 0; k < PyList_GET_SIZE(list); k++) {
            Py_ssize_t length;
            const char *bytes = PyUnicode_AsUTF8AndSize(PyList_GET_ITEM(list, k), &length);
            if (bytes == NULL) goto done;
            if (collect(&table, crc32_of(bytes, length), &found, kept) < 0) goto done;
        }
        settle_run(&found, start);
        bounds[l + 1] = found.size;
    }
    PyObject *items = as_bytearray(found.items, found.size * 4);
    PyObject *limits = items ? bounds_of(bounds, lists) : NULL;
    if (items && limits) result = PyTuple_Pack(2, items, limits);
    Py_XDECREF(items);
    Py_XDECREF(limits);
done:
    if (result == NULL && found.items != NULL) {
        /* A failed call leaves no flag set: clear whatever the current run flagged. */
        for (Py_ssize_t i = 0; i < found.size; i++) flags[((int32_t *)found.items)[i]] = 0;
    }
    release(arrays, 5);
    PyMem_Free(found.items);
    PyMem_Free(bounds);
    return result;
}

/* Calls `use` with the hash of each key `prefix` + `text` less `fewest` to `most` (at most 2)
 * of its letters, and `context`; stops at the first that returns -1. `key` holds at least
 * plen + n bytes. A key made twice (`aab` less either a) is hashed twice. */
static int each_deletion(const char *prefix, Py_ssize_t plen, const char *text, Py_ssize_t n,
                         int fewest, int most, char *key, int (*use)(uint32_t, void *),
                         void *context) {
    memcpy(key, prefix, (size_t)plen);
    char *rest = key + plen;
    if (fewest == 0) {
        memcpy(rest, text, (size_t)n);
        if (use(crc32_of(key, plen + n), context) < 0) return -1;
    }
    for (Py_ssize_t i = 0; most >= 1 && i < n; i++) {
        if (fewest <= 1) {
            Py_ssize_t k = 0;
            for (Py_ssize_t c = 0; c < n; c++)
                if (c != i) rest[k++] = text[c];
            if (use(crc32_of(key, plen + k), context) < 0) return -1;
        }
        for (Py_ssize_t j = i + 1; most >= 2 && j < n; j++) {
            Py_ssize_t m = 0;
            for (Py_ssize_t c = 0; c < n; c++)
                if (c != i && c != j) rest[m++] = text[c];
            if (use(crc32_of(key, plen + m), context) < 0) return -1;
        }
    }
    return 0;
}

/* What `collect_hash` adds to: a key table and the entries found so far. */
typedef struct {
    const Table *table;
    Buffer *found;
} Collecting;

static int collect_hash(uint32_t hash, void *context) {
    Collecting *collecting = context;
    return collect(collecting->table, hash, collecting->found, NULL);
}

/* The length of the longest of `texts` (a list), 0 or more; -2 where one is not ASCII (the
 * caller then makes its keys in Python), -1 with a TypeError naming `function` and the text
 * where one is not a str. */
static Py_ssize_t longest_ascii(PyObject *texts, const char *function) {
    Py_ssize_t longest = 0;
    for (Py_ssize_t t = 0; t < PyList_GET_SIZE(texts); t++) {
        PyObject *text = PyList_GET_ITEM(texts, t);
        if (!PyUnicode_Check(text)) {
            PyErr_Format(PyExc_TypeError, "%s: text %zd is not a str", function, t);
            return -1;
        }
        if (!PyUnicode_IS_ASCII(text)) return -2;
        if (PyUnicode_GET_LENGTH(text) > longest) longest = PyUnicode_GET_LENGTH(text);
    }
    return longest;
}

/* deletion_entries(hashes, offsets, entries, entry_count, texts, prefix, fewest, most[,
 *                  buckets])
 *   -> (entries, bounds) or None: per text, the entries under the keys `prefix` + the text
 *      less `fewest` to `most` (0 to 2) of its letters, sorted, each once; text i's are
 *      entries[bounds[i]:bounds[i + 1]] (int32 and int64 bytearrays). None where a text or
 *      the prefix is not ASCII (the caller makes the keys then). The keys are made here, not
 *      as Python strings. `buckets`: the directory of the hashes (`take_buckets`), or None. */
static PyObject *deletion_entries(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    (void)self;
    const char *name = "deletion_entries";
    if ((nargs != 8 && nargs != 9) || !PyList_Check(args[4]) || !PyUnicode_Check(args[5])) {
        PyErr_SetString(PyExc_TypeError, "deletion_entries(hashes, offsets, entries, count, "
                                         "texts: list[str], prefix: str, fewest, most[, "
                                         "buckets])");
        return NULL;
    }
    PyObject *texts = args[4], *prefix = args[5];
    Py_ssize_t entry_count = PyLong_AsSsize_t(args[3]);
    long fewest = PyLong_AsLong(args[6]), most = PyLong_AsLong(args[7]);
    if (PyErr_Occurred()) return NULL;
    if (entry_count < 0 || fewest < 0 || most > 2 || fewest > most) {
        PyErr_Format(PyExc_ValueError, "%s: needs count >= 0 and 0 <= fewest <= most <= 2", name);
        return NULL;
    }
    if (!PyUnicode_IS_ASCII(prefix)) Py_RETURN_NONE;
    Py_ssize_t count = PyList_GET_SIZE(texts), longest = longest_ascii(texts, name);
    if (longest == -1) return NULL;
    if (longest == -2) Py_RETURN_NONE;
    Py_ssize_t plen = PyUnicode_GET_LENGTH(prefix);
    Array arrays[4] = {{{0}}};
    Buffer found = {0};
    char *key = NULL;
    int64_t *bounds = NULL;
    PyObject *result = NULL;
    Table table;
    if (take_table(args, arrays, entry_count, name, &table) < 0) goto done;
    if (nargs == 9 && take_buckets(args[8], &arrays[3], &table) < 0) goto done;
    if ((bounds = new_bounds(count)) == NULL) goto done;
    key = PyMem_Malloc((size_t)(plen + longest) + 1);
    if (key == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t t = 0; t < count; t++) {
        PyObject *text = PyList_GET_ITEM(texts, t);
        Py_ssize_t start = found.size;
        Collecting collecting = {&table, &found};
        if (each_deletion((const char *)PyUnicode_1BYTE_DATA(prefix), plen,
                          (const char *)PyUnicode_1BYTE_DATA(text), PyUnicode_GET_LENGTH(text),
                          (int)fewest, (int)most, key, collect_hash, &collecting) < 0)
            goto done;
        settle_run(&found, start);
        bounds[t + 1] = found.size;
    }
    PyObject *items = as_bytearray(found.items, found.size * 4);
    PyObject *limits = items ? bounds_of(bounds, count) : NULL;
    if (limits) result = PyTuple_Pack(2, items, limits);
    Py_XDECREF(items);
    Py_XDECREF(limits);
done:
    if (result == NULL)
        for (Py_ssize_t i = 0; i < found.size; i++) flags[((int32_t *)found.items)[i]] = 0;
    release(arrays, 4);
    PyMem_Free(found.items);
    PyMem_Free(key);
    PyMem_Free(bounds);
    return result;
}

static int push_hash(uint32_t hash, void *buffer) { return push(buffer, &hash); }

/* near_key_hashes(texts) -> (hashes, owners) or None: the hash of every key `near_entries`
 * makes of each text (uint32), and the text's position in `texts` (int32), as two bytearrays;
 * a key made twice of one text (`aab` less either a) is listed twice. None where a text is not
 * ASCII (the caller makes the keys then). */
static PyObject *near_key_hashes(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    (void)self;
    if (nargs != 1 || !PyList_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "near_key_hashes(texts: list[str])");
        return NULL;
    }
    PyObject *texts = args[0];
    Py_ssize_t count = PyList_GET_SIZE(texts), longest = longest_ascii(texts, "near_key_hashes");
    if (longest == -1) return NULL;
    if (longest == -2) Py_RETURN_NONE;
    Buffer hashes = {0}, owners = {0};
    PyObject *result = NULL;
    char *key = PyMem_Malloc((size_t)longest + 1);
    if (key == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t t = 0; t < count; t++) {
        PyObject *object = PyList_GET_ITEM(texts, t);
        Py_ssize_t before = hashes.size;
        if (each_deletion("", 0, (const char *)PyUnicode_1BYTE_DATA(object),
                          PyUnicode_GET_LENGTH(object), 0, 2, key, push_hash, &hashes) < 0)
            goto done;
        int32_t owner = (int32_t)t;
        for (Py_ssize_t k = before; k < hashes.size; k++)
            if (push(&owners, &owner) < 0) goto done;
    }
    PyObject *found = as_bytearray(hashes.items, hashes.size * 4);
    PyObject *whose = found ? as_bytearray(owners.items, owners.size * 4) : NULL;
    if (whose) result = PyTuple_Pack(2, found, whose);
    Py_XDECREF(found);
    Py_XDECREF(whose);
done:
    PyMem_Free(key);
    PyMem_Free(hashes.items);
    PyMem_Free(owners.items);
    return result;
}

/* best_credit_per_name_each(entry_offsets, entry_names, name_count, idf, runs, weights)
 *   -> (names, credits, bounds): per run (entries int32, similarities float32), the names
 *      holding any of its entries, sorted, each with the best of similarity * min(idf of the
 *      entry, the run's weight) among its entries; run i's are names[bounds[i]:bounds[i + 1]]
 *      (int32, float32 and int64 bytearrays). */
static PyObject *best_credit_per_name_each(PyObject *self, PyObject *const *args,
                                           Py_ssize_t nargs) {
    (void)self;
    if (nargs != 6) {
        PyErr_SetString(PyExc_TypeError, "best_credit_per_name_each takes 6 arguments");
        return NULL;
    }
    const char *name = "best_credit_per_name_each";
    Py_ssize_t name_count = PyLong_AsSsize_t(args[2]);
    if (name_count < 0) {
        if (!PyErr_Occurred()) PyErr_Format(PyExc_ValueError, "%s: name_count is negative", name);
        return NULL;
    }
    PyObject *runs = args[4], *weights = args[5];
    if (!PyList_Check(runs) || !PyList_Check(weights) ||
        PyList_GET_SIZE(runs) != PyList_GET_SIZE(weights)) {
        PyErr_Format(PyExc_TypeError, "%s: runs and weights must be lists of one length", name);
        return NULL;
    }
    Py_ssize_t lists = PyList_GET_SIZE(runs);
    Array arrays[5] = {{{0}}};  /* entry_offsets, entry_names, idf, a run's entries and sims */
    Buffer names = {0}, credits = {0};
    int64_t *bounds = NULL;
    PyObject *result = NULL;
    if (take_array(args[0], &arrays[0], 8, -1, name, "entry_offsets") < 0) goto done;
    Py_ssize_t entry_count = arrays[0].view.len / 8 - 1;
    if (take_array(args[1], &arrays[1], 4, -1, name, "entry_names") < 0) goto done;
    if (take_array(args[3], &arrays[2], 4, entry_count, name, "idf") < 0) goto done;
    const int64_t *offsets = arrays[0].view.buf;
    const int32_t *holders = arrays[1].view.buf;
    const float *idf = arrays[2].view.buf;
    Py_ssize_t holder_items = arrays[1].view.len / 4;
    if (reserve_flags(name_count) < 0 || reserve_best(name_count) < 0) goto done;
    if ((bounds = new_bounds(lists)) == NULL) goto done;
    for (Py_ssize_t l = 0; l < lists; l++) {
        PyObject *run = PyList_GET_ITEM(runs, l);
        if (!PyTuple_Check(run) || PyTuple_GET_SIZE(run) != 2) {
            PyErr_Format(PyExc_TypeError, "%s: run %zd is not (entries, similarities)", name, l);
            goto done;
        }
        float weight = (float)PyFloat_AsDouble(PyList_GET_ITEM(weights, l));
        if (PyErr_Occurred()) goto done;
        if (take_array(PyTuple_GET_ITEM(run, 0), &arrays[3], 4, -1, name, "entries") < 0)
            goto done;
        Py_ssize_t count = arrays[3].view.len / 4;
        if (take_array(PyTuple_GET_ITEM(run, 1), &arrays[4], 4, count, name, "similarities") < 0)
            goto done;
        const int32_t *entries = arrays[3].view.buf;
        const float *sims = arrays[4].view.buf;
        Py_ssize_t start = names.size;
        for (Py_ssize_t i = 0; i < count; i++) {
            int32_t entry = entries[i];
            if (entry < 0 || entry >= entry_count || offsets[entry] < 0 ||
                offsets[entry + 1] > holder_items) {
                PyErr_Format(PyExc_ValueError, "%s: entry %d out of range", name, entry);
                goto failed_run;
            }
            float rarity = idf[entry];
            float credit = sims[i] * (weight < rarity ? weight : rarity);
            for (int64_t p = offsets[entry]; p < offsets[entry + 1]; p++) {
                int32_t holder = holders[p];
                if (holder < 0 || holder >= name_count) {
                    PyErr_Format(PyExc_ValueError, "%s: name %d out of range", name, holder);
                    goto failed_run;
                }
                if (!flags[holder]) {
                    flags[holder] = 1;
                    best[holder] = credit;
                    if (push(&names, &holder) < 0) goto failed_run;
                } else if (credit > best[holder]) {
                    best[holder] = credit;
                }
            }
        }
        settle_run(&names, start);
        for (Py_ssize_t i = start; i < names.size; i++) {
            if (push(&credits, &best[((int32_t *)names.items)[i]]) < 0) goto done;
        }
        bounds[l + 1] = names.size;
        release(arrays + 3, 2);
        continue;
    failed_run:
        for (Py_ssize_t i = start; i < names.size; i++) flags[((int32_t *)names.items)[i]] = 0;
        goto done;
    }
    PyObject *found = as_bytearray(names.items, names.size * 4);
    PyObject *scores = found ? as_bytearray(credits.items, credits.size * 4) : NULL;
    PyObject *limits = scores ? bounds_of(bounds, lists) : NULL;
    if (limits) result = PyTuple_Pack(3, found, scores, limits);
    Py_XDECREF(found);
    Py_XDECREF(scores);
    Py_XDECREF(limits);
done:
    release(arrays, 5);
    PyMem_Free(names.items);
    PyMem_Free(credits.items);
    PyMem_Free(bounds);
    return result;
}

static PyMethodDef methods[] = {
    {"entries_for_each", (PyCFunction)(void (*)(void))entries_for_each, METH_FASTCALL,
     "entries_for_each(key_hashes, key_offsets, key_entries, entry_count, key_lists[, only, "
     "filtered[, buckets]]) -> (entries, bounds) as bytearrays"},
    {"deletion_entries", (PyCFunction)(void (*)(void))deletion_entries, METH_FASTCALL,
     "deletion_entries(hashes, offsets, entries, entry_count, texts, prefix, fewest, most[, "
     "buckets]) -> (entries, bounds) or None"},
    {"near_key_hashes", (PyCFunction)(void (*)(void))near_key_hashes, METH_FASTCALL,
     "near_key_hashes(texts) -> (hashes, owners) or None"},
    {"best_credit_per_name_each", (PyCFunction)(void (*)(void))best_credit_per_name_each,
     METH_FASTCALL,
     "best_credit_per_name_each(entry_offsets, entry_names, name_count, idf, runs, weights) -> "
     "(names, credits, bounds) as bytearrays"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_lookup", "Candidate index lookups, compiled.", -1, methods,
};

PyMODINIT_FUNC PyInit__lookup(void) {
    make_crc_table();
    return PyModule_Create(&module);
}
