/* The shortlist of match/shortlist.py, compiled: which of a query's candidate names can still
 * reach the threshold, and the word pairs to align for each that can.
 *
 * Same rules, same arithmetic (doubles, summed in the same order) as `_shortlist_python`
 * there, which stays the reference; the tests compare the two. Compiled because every query
 * bounds some twenty names of about six words each, and in Python the loop over those words
 * cost more than the rest of scoring. The constants come from Python through `configure`.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

#include "../_arrays.h"
#include "../_sort.h"

static float min_similarity, join_min_similarity;
static double secondary_part_penalty, list_only_penalty, initial_pair_weight, weak_penalty;
static int configured = 0;

static Py_ssize_t column_of(const int64_t *entries, Py_ssize_t count, int64_t entry) {
    Py_ssize_t low = 0, high = count;
    while (low < high) {
        Py_ssize_t middle = (low + high) / 2;
        if (entries[middle] < entry) low = middle + 1;
        else high = middle;
    }
    return low < count && entries[low] == entry ? low : -1;
}

enum {
    MATRIX, ENTRIES, QUERY_MASKS, WEIGHTS_PERSON, WEIGHTS_OTHER, NAME_IDS, UNIT_OFFSETS,
    UNIT_ENTRIES, UNIT_MASKS, TOKEN_OFFSETS, TOKEN_WEIGHTS, FLAGS, ARRAYS
};

/* The bound of `_upper_bound` in shortlist.py, in the same order of operations. */
static double upper_bound(const double *token_weights, Py_ssize_t tokens, uint64_t list_covered,
                          const double *query_weights, Py_ssize_t query_tokens,
                          uint64_t query_covered, int person, int weak) {
    double matched = 0.0, penalty = 0.0;
    double beta = person ? secondary_part_penalty : list_only_penalty;
    for (Py_ssize_t i = 0; i < tokens; i++) {
        double weight = token_weights[i];
        if (list_covered >> i & 1) matched += weight >= initial_pair_weight ? weight
                                                                            : initial_pair_weight;
        else penalty += beta * weight;
    }
    for (Py_ssize_t i = 0; i < query_tokens; i++) {
        if (!(query_covered >> i & 1)) penalty += query_weights[i];
    }
    double bound = matched != 0.0 ? matched / (matched + penalty) : 0.0;
    return bound + (weak ? weak_penalty : 0.0);
}

/* Whether a unit covers more than one token: a joined run. */
static int is_join(uint64_t mask) { return (mask & (mask - 1)) != 0; }

/* The pairs `compare_aligned` may align: none of two runs, nor a run's below
 * join_min_similarity, which it would pass over. */
static PyObject *candidates_of(const float *matrix, Py_ssize_t rows, Py_ssize_t columns,
                               const Py_ssize_t *unit_columns, const uint64_t *unit_masks,
                               Py_ssize_t units, const uint64_t *query_masks) {
    PyObject *found = PyList_New(0);
    if (found == NULL) return NULL;
    for (Py_ssize_t li = 0; li < units; li++) {
        Py_ssize_t column = unit_columns[li];
        int list_join = is_join(unit_masks[li]);
        for (Py_ssize_t qi = 0; qi < rows; qi++) {
            float sim = matrix[qi * columns + column];
            if (!(sim >= min_similarity)) continue;
            if ((list_join || is_join(query_masks[qi])) &&
                (!(sim >= join_min_similarity) || (list_join && is_join(query_masks[qi])))) {
                continue;
            }
            PyObject *pair = Py_BuildValue("(nnd)", qi, li, (double)sim);
            if (pair == NULL || PyList_Append(found, pair) < 0) {
                Py_XDECREF(pair);
                Py_DECREF(found);
                return NULL;
            }
            Py_DECREF(pair);
        }
    }
    return found;
}

/* shortlist(matrix, entries, query_masks, weights_person, weights_other, name_ids, unit_offsets,
 * unit_entries, unit_masks, token_offsets, token_weights, flags, floor) -> [(k, candidates)]:
 * see `shortlist` in shortlist.py for the arrays. */
static PyObject *shortlist(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != ARRAYS + 1) {
        PyErr_SetString(PyExc_TypeError, "shortlist: 12 arrays and the floor");
        return NULL;
    }
    if (!configured) {
        PyErr_SetString(PyExc_RuntimeError, "call configure() first");
        return NULL;
    }
    double floor = PyFloat_AsDouble(args[ARRAYS]);
    if (floor == -1.0 && PyErr_Occurred()) return NULL;
    Array arrays[ARRAYS] = {{{0}}};
    static const Py_ssize_t sizes[ARRAYS] = {4, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 1};
    static const char *names[ARRAYS] = {
        "matrix", "entries", "query_masks", "weights_person", "weights_other", "name_ids",
        "unit_offsets", "unit_entries", "unit_masks", "token_offsets", "token_weights", "flags"};
    PyObject *result = NULL;
    Py_ssize_t *unit_columns = NULL;
    uint64_t *column_masks = NULL;
    for (int i = 0; i < ARRAYS; i++) {
        if (take_array(args[i], &arrays[i], sizes[i], -1, "shortlist", names[i]) < 0) goto done;
    }
    const Py_ssize_t columns = arrays[ENTRIES].view.len / 8;
    const Py_ssize_t rows = arrays[QUERY_MASKS].view.len / 8;
    const Py_ssize_t query_tokens = arrays[WEIGHTS_PERSON].view.len / 8;
    const Py_ssize_t name_count = arrays[NAME_IDS].view.len / 8;
    const Py_ssize_t total_names = arrays[UNIT_OFFSETS].view.len / 8 - 1;
    const Py_ssize_t total_units = arrays[UNIT_ENTRIES].view.len / 8;
    const Py_ssize_t total_tokens = arrays[TOKEN_WEIGHTS].view.len / 8;
    if (arrays[MATRIX].view.len != rows * columns * 4 ||
        arrays[WEIGHTS_OTHER].view.len != query_tokens * 8 || query_tokens > 64 ||
        arrays[UNIT_MASKS].view.len != total_units * 8 ||
        arrays[TOKEN_OFFSETS].view.len != (total_names + 1) * 8 ||
        arrays[FLAGS].view.len != total_names || total_names < 0) {
        PyErr_SetString(PyExc_ValueError, "shortlist: arrays of mismatched lengths");
        goto done;
    }
    const float *matrix = arrays[MATRIX].view.buf;
    const int64_t *entries = arrays[ENTRIES].view.buf;
    const uint64_t *query_masks = arrays[QUERY_MASKS].view.buf;
    const double *weights_person = arrays[WEIGHTS_PERSON].view.buf;
    const double *weights_other = arrays[WEIGHTS_OTHER].view.buf;
    const int64_t *name_ids = arrays[NAME_IDS].view.buf;
    const int64_t *unit_offsets = arrays[UNIT_OFFSETS].view.buf;
    const int64_t *unit_entries = arrays[UNIT_ENTRIES].view.buf;
    const uint64_t *unit_masks = arrays[UNIT_MASKS].view.buf;
    const int64_t *token_offsets = arrays[TOKEN_OFFSETS].view.buf;
    const double *token_weights = arrays[TOKEN_WEIGHTS].view.buf;
    const uint8_t *flags = arrays[FLAGS].view.buf;

    /* The query tokens each entry is similar to (0: none). */
    column_masks = PyMem_Calloc((size_t)(columns > 0 ? columns : 1), sizeof(uint64_t));
    if (column_masks == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t qi = 0; qi < rows; qi++) {
        for (Py_ssize_t c = 0; c < columns; c++) {
            if (matrix[qi * columns + c] >= min_similarity) column_masks[c] |= query_masks[qi];
        }
    }
    result = PyList_New(0);
    if (result == NULL) goto done;
    Py_ssize_t capacity = 0;
    for (Py_ssize_t k = 0; k < name_count; k++) {
        int64_t name = name_ids[k];
        if (name < 0 || name >= total_names) {
            PyErr_SetString(PyExc_IndexError, "shortlist: a name id out of range");
            goto fail;
        }
        Py_ssize_t first = unit_offsets[name], units = unit_offsets[name + 1] - first;
        Py_ssize_t token_first = token_offsets[name];
        Py_ssize_t tokens = token_offsets[name + 1] - token_first;
        if (first < 0 || units < 0 || first + units > total_units || token_first < 0 ||
            tokens < 0 || tokens > 64 || token_first + tokens > total_tokens) {
            PyErr_SetString(PyExc_ValueError, "shortlist: a name's offsets out of range");
            goto fail;
        }
        if (units > capacity) {
            PyMem_Free(unit_columns);
            capacity = units * 2;
            unit_columns = PyMem_Malloc((size_t)capacity * sizeof(Py_ssize_t));
            if (unit_columns == NULL) {
                PyErr_NoMemory();
                goto fail;
            }
        }
        uint64_t query_covered = 0, list_covered = 0;
        for (Py_ssize_t u = 0; u < units; u++) {
            Py_ssize_t column = column_of(entries, columns, unit_entries[first + u]);
            if (column < 0) {
                PyErr_SetString(PyExc_ValueError, "shortlist: a name's word not among entries");
                goto fail;
            }
            unit_columns[u] = column;
            if (column_masks[column]) {
                query_covered |= column_masks[column];
                list_covered |= unit_masks[first + u];
            }
        }
        int person = flags[name] & 1, weak = flags[name] >> 1 & 1;
        if (floor > 0.0 &&
            upper_bound(token_weights + token_first, tokens, list_covered,
                        person ? weights_person : weights_other, query_tokens, query_covered,
                        person, weak) < floor) {
            continue;
        }
        PyObject *candidates = candidates_of(matrix, rows, columns, unit_columns,
                                             unit_masks + first, units, query_masks);
        if (candidates == NULL) goto fail;
        PyObject *item = Py_BuildValue("(nN)", k, candidates);
        if (item == NULL || PyList_Append(result, item) < 0) {
            Py_XDECREF(item);
            goto fail;
        }
        Py_DECREF(item);
    }
    goto done;
fail:
    Py_CLEAR(result);
done:
    PyMem_Free(unit_columns);
    PyMem_Free(column_masks);
    release(arrays, ARRAYS);
    return result;
}

WATCHLIST_DEFINE_SORT(sort_entries, int64_t)

/* entries_of(name_ids, unit_offsets, unit_entries) -> bytearray of int64: the vocabulary
 * entries of the names' units, sorted, each once. */
static PyObject *entries_of(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "entries_of(name_ids, unit_offsets, unit_entries)");
        return NULL;
    }
    Array arrays[3] = {{{0}}};
    static const char *what[3] = {"name_ids", "unit_offsets", "unit_entries"};
    PyObject *result = NULL;
    for (int i = 0; i < 3; i++) {
        if (take_array(args[i], &arrays[i], 8, -1, "entries_of", what[i]) < 0) goto done;
    }
    const int64_t *ids = arrays[0].view.buf, *offsets = arrays[1].view.buf;
    const int64_t *entries = arrays[2].view.buf;
    Py_ssize_t names = arrays[0].view.len / 8, total_names = arrays[1].view.len / 8 - 1;
    Py_ssize_t total_units = arrays[2].view.len / 8, count = 0;
    for (Py_ssize_t k = 0; k < names; k++) {
        if (ids[k] < 0 || ids[k] >= total_names || offsets[ids[k]] < 0 ||
            offsets[ids[k] + 1] > total_units || offsets[ids[k] + 1] < offsets[ids[k]]) {
            PyErr_SetString(PyExc_IndexError, "entries_of: a name id or offset out of range");
            goto done;
        }
        count += offsets[ids[k] + 1] - offsets[ids[k]];
    }
    result = PyByteArray_FromStringAndSize(NULL, count * 8);
    if (result == NULL) goto done;
    int64_t *out = (int64_t *)PyByteArray_AS_STRING(result);
    Py_ssize_t at = 0;
    for (Py_ssize_t k = 0; k < names; k++) {
        for (int64_t u = offsets[ids[k]]; u < offsets[ids[k] + 1]; u++) out[at++] = entries[u];
    }
    sort_entries(out, count);
    Py_ssize_t kept = 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        if (kept == 0 || out[kept - 1] != out[i]) out[kept++] = out[i];
    }
    if (PyByteArray_Resize(result, kept * 8) < 0) Py_CLEAR(result);
done:
    release(arrays, 3);
    return result;
}

/* configure(min_similarity, join_min_similarity, secondary_part_penalty, list_only_penalty,
 * initial_pair_weight, weak_penalty): the constants of shortlist.py. */
static PyObject *configure(PyObject *module, PyObject *args) {
    if (!PyArg_ParseTuple(args, "ffdddd", &min_similarity, &join_min_similarity,
                          &secondary_part_penalty, &list_only_penalty, &initial_pair_weight,
                          &weak_penalty)) {
        return NULL;
    }
    configured = 1;
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"shortlist", (PyCFunction)(void (*)(void))shortlist, METH_FASTCALL,
     "shortlist(matrix, entries, query_masks, weights_person, weights_other, name_ids, "
     "unit_offsets, unit_entries, unit_masks, token_offsets, token_weights, flags, floor) -> "
     "list of (k, candidates)"},
    {"entries_of", (PyCFunction)(void (*)(void))entries_of, METH_FASTCALL,
     "entries_of(name_ids, unit_offsets, unit_entries) -> bytearray of int64, sorted, unique"},
    {"configure", configure, METH_VARARGS,
     "configure(min_similarity, join_min_similarity, secondary_part_penalty, "
     "list_only_penalty, initial_pair_weight, weak_penalty)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_shortlist", "The shortlist of candidate names, compiled.", -1,
    methods,
};

PyMODINIT_FUNC PyInit__shortlist(void) { return PyModule_Create(&module); }
