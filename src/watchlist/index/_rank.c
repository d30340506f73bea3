/* `CandidateIndex.rank` of index/candidates.py, compiled: the names a query's words found,
 * each with its estimate, and the best `limit` of them.
 *
 * Same arithmetic as `_rank_python` there, which stays the reference (the tests compare the
 * two): credits summed per name in float64 in the order given (as numpy's bincount sums them),
 * the rest in float32, ties broken by name id. Compiled because a common word finds thousands
 * of names, and numpy's unique, bincount and partition over them cost more per query than all
 * of the rest of retrieval. A name's running sum lives in a scratch table kept between calls
 * (the GIL is held throughout, so calls never overlap).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

#include "../_arrays.h"

static Py_ssize_t capacity = 0;   /* names the scratch tables hold */
static int32_t *slot_of = NULL;   /* per name: its place in `touched`, or -1 */
static int32_t *touched = NULL;   /* names found, in the order first found */
static double *sums = NULL;       /* per place: the credits summed */

static int reserve(Py_ssize_t names) {
    if (names <= capacity) return 0;
    int32_t *slots = PyMem_Realloc(slot_of, (size_t)names * sizeof(int32_t));
    if (slots == NULL) return -1;
    slot_of = slots;
    int32_t *places = PyMem_Realloc(touched, (size_t)names * sizeof(int32_t));
    if (places == NULL) return -1;
    touched = places;
    double *totals = PyMem_Realloc(sums, (size_t)names * sizeof(double));
    if (totals == NULL) return -1;
    sums = totals;
    for (Py_ssize_t i = capacity; i < names; i++) slot_of[i] = -1;
    capacity = names;
    return 0;
}

typedef struct {
    float estimate;
    int32_t name;
} Ranked;

/* Whether `a` ranks before `b`: the higher estimate, then the lower name id. */
static int before(const Ranked *a, const Ranked *b) {
    return a->estimate > b->estimate || (a->estimate == b->estimate && a->name < b->name);
}

/* A heap of the `limit` best so far, the worst at the top. */
static void sift_down(Ranked *heap, Py_ssize_t size, Py_ssize_t i) {
    for (;;) {
        Py_ssize_t worst = i, left = 2 * i + 1, right = left + 1;
        if (left < size && before(&heap[worst], &heap[left])) worst = left;
        if (right < size && before(&heap[worst], &heap[right])) worst = right;
        if (worst == i) return;
        Ranked swap = heap[i];
        heap[i] = heap[worst];
        heap[worst] = swap;
        i = worst;
    }
}

static int by_rank(const void *a, const void *b) {
    return before(a, b) ? -1 : before(b, a) ? 1 : 0;
}

/* rank(runs, initials, mask, name_weights, query_weight, limit, list_only_share,
 * initial_credit) -> (names, estimates): `runs` a list of (names int32, credits float32),
 * `initials` a list of one flag (uint8) per name, `mask` one such or None; the result two
 * bytearrays, int32 and float32, best first. */
static PyObject *rank(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 8 || !PyList_Check(args[0]) || !PyList_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError,
                        "rank(runs, initials, mask, name_weights, query_weight, limit, "
                        "list_only_share, initial_credit)");
        return NULL;
    }
    double query_weight = PyFloat_AsDouble(args[4]);
    Py_ssize_t limit = PyLong_AsSsize_t(args[5]);
    double share = PyFloat_AsDouble(args[6]);
    double credit = PyFloat_AsDouble(args[7]);
    if (PyErr_Occurred()) return NULL;
    if (limit < 0) limit = 0;
    Array weights = {{0}}, mask = {{0}}, run_names = {{0}}, run_credits = {{0}}, flags = {{0}};
    PyObject *result = NULL;
    Ranked *best = NULL;
    Py_ssize_t found = 0;
    if (PyObject_GetBuffer(args[3], &weights.view, PyBUF_C_CONTIGUOUS) < 0) return NULL;
    weights.held = 1;
    Py_ssize_t names = weights.view.len / (Py_ssize_t)sizeof(float);
    if (reserve(names) < 0) {
        PyErr_NoMemory();
        goto done;
    }
    if (args[2] != Py_None && take_array(args[2], &mask, 1, names, "rank", "mask") < 0) {
        goto done;
    }
    for (Py_ssize_t r = 0; r < PyList_GET_SIZE(args[0]); r++) {
        PyObject *run = PyList_GET_ITEM(args[0], r);
        if (!PyTuple_Check(run) || PyTuple_GET_SIZE(run) != 2) {
            PyErr_SetString(PyExc_TypeError, "rank: each run is (names, credits)");
            goto done;
        }
        if (PyObject_GetBuffer(PyTuple_GET_ITEM(run, 0), &run_names.view,
                               PyBUF_C_CONTIGUOUS) < 0) {
            goto done;
        }
        run_names.held = 1;
        Py_ssize_t count = run_names.view.len / 4;
        if (take_array(PyTuple_GET_ITEM(run, 1), &run_credits, 4, count, "rank", "credits") < 0) {
            goto done;
        }
        const int32_t *ids = run_names.view.buf;
        const float *credits = run_credits.view.buf;
        for (Py_ssize_t i = 0; i < count; i++) {
            int32_t name = ids[i];
            if (name < 0 || name >= names) {
                PyErr_SetString(PyExc_IndexError, "rank: a name id out of range");
                goto done;
            }
            if (slot_of[name] < 0) {
                slot_of[name] = (int32_t)found;
                touched[found] = name;
                sums[found] = 0.0;
                found++;
            }
            sums[slot_of[name]] += (double)credits[i];
        }
        release(&run_names, 1);
        release(&run_credits, 1);
    }
    float *totals = PyMem_Malloc((size_t)(found > 0 ? found : 1) * sizeof(float));
    best = PyMem_Malloc((size_t)(limit > 0 ? limit : 1) * sizeof(Ranked));
    if (totals == NULL || best == NULL) {
        PyMem_Free(totals);
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t t = 0; t < found; t++) totals[t] = (float)sums[t];
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(args[1]); k++) {
        if (take_array(PyList_GET_ITEM(args[1], k), &flags, 1, names, "rank", "initials") < 0) {
            PyMem_Free(totals);
            goto done;
        }
        const uint8_t *has = flags.view.buf;
        for (Py_ssize_t t = 0; t < found; t++) {
            if (has[touched[t]]) totals[t] += (float)credit;
        }
        release(&flags, 1);
    }
    const float *name_weights = weights.view.buf;
    const uint8_t *allowed = mask.held ? mask.view.buf : NULL;
    const float denominator_base = (float)(query_weight > 1e-3 ? query_weight : 1e-3);
    Py_ssize_t size = 0;
    for (Py_ssize_t t = 0; t < found; t++) {
        int32_t name = touched[t];
        if (allowed != NULL && !allowed[name]) continue;
        float uncovered = name_weights[name] - totals[t];
        if (!(uncovered >= 0.0f)) uncovered = 0.0f;
        Ranked item = {totals[t] / (denominator_base + (float)share * uncovered), name};
        if (size < limit) {
            best[size++] = item;
            if (size == limit) {
                for (Py_ssize_t i = size / 2 - 1; i >= 0; i--) sift_down(best, size, i);
            }
        } else if (limit > 0 && before(&item, &best[0])) {
            best[0] = item;
            sift_down(best, size, 0);
        }
    }
    PyMem_Free(totals);
    qsort(best, (size_t)size, sizeof(Ranked), by_rank);
    PyObject *ids = PyByteArray_FromStringAndSize(NULL, size * 4);
    PyObject *estimates = PyByteArray_FromStringAndSize(NULL, size * 4);
    if (ids != NULL && estimates != NULL) {
        int32_t *out_ids = (int32_t *)PyByteArray_AS_STRING(ids);
        float *out_estimates = (float *)PyByteArray_AS_STRING(estimates);
        for (Py_ssize_t i = 0; i < size; i++) {
            out_ids[i] = best[i].name;
            out_estimates[i] = best[i].estimate;
        }
        result = PyTuple_Pack(2, ids, estimates);
    }
    Py_XDECREF(ids);
    Py_XDECREF(estimates);
done:
    for (Py_ssize_t t = 0; t < found; t++) slot_of[touched[t]] = -1;
    PyMem_Free(best);
    release(&weights, 1);
    release(&mask, 1);
    release(&run_names, 1);
    release(&run_credits, 1);
    release(&flags, 1);
    return result;
}

static PyMethodDef methods[] = {
    {"rank", (PyCFunction)(void (*)(void))rank, METH_FASTCALL,
     "rank(runs, initials, mask, name_weights, query_weight, limit, list_only_share, "
     "initial_credit) -> (names, estimates) as bytearrays"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_rank", "Candidate ranking, compiled.", -1, methods,
};

PyMODINIT_FUNC PyInit__rank(void) { return PyModule_Create(&module); }
