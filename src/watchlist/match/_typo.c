/* The typing-error similarity of match/similarity.py, compiled.
 *
 * Same algorithm, same costs, same early exit as `_typo_similarity_python` there, which stays
 * the reference (tests compare the two on random words). Compiled because it runs for thousands
 * of word pairs per second of screening and no library weighs edits by letter: rapidfuzz
 * weighs them by kind only. The costs and the keyboard come from Python through `configure`,
 * so they are written down once.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define MAX_LENGTH 256 /* longer words are left to the Python version */
#define TABLE 128      /* neighbouring keys are ASCII letters */

static unsigned char near_keys[TABLE][TABLE];
static double cheap_edit = 0.5;
static double neighbour_edit = 0.75;
static double dropped_letter = 0.75;
static double min_similarity = 0.7;
static double tolerance = 1e-6;
static int configured = 0;

static int is_near(Py_UCS4 a, Py_UCS4 b) {
    return a < TABLE && b < TABLE && near_keys[a][b];
}

/* What leaving out each letter costs: little for a key doubled or beside the one next to it,
 * a dropped letter otherwise. */
static void extra_costs(const Py_UCS4 *text, Py_ssize_t n, double *out) {
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = text[i];
        int cheap = (i > 0 && (text[i - 1] == ch || is_near(text[i - 1], ch))) ||
                    (i + 1 < n && (text[i + 1] == ch || is_near(text[i + 1], ch)));
        out[i] = cheap ? cheap_edit : dropped_letter;
    }
}

static double row_min(const double *row, Py_ssize_t length) {
    double best = row[0];
    for (Py_ssize_t j = 1; j < length; j++) {
        if (row[j] < best) best = row[j];
    }
    return best;
}

/* Returns the similarity, or -1.0 when a word is too long for the fixed buffers. */
static double typo(const Py_UCS4 *left, Py_ssize_t n, const Py_UCS4 *right, Py_ssize_t m) {
    if (n > MAX_LENGTH || m > MAX_LENGTH) return -1.0;
    double left_extra[MAX_LENGTH], right_extra[MAX_LENGTH];
    double rows[3][MAX_LENGTH + 1];
    double *previous2 = rows[0], *previous = rows[1], *current = rows[2];
    int have_previous2 = 0;
    Py_ssize_t longer = n > m ? n : m;
    double limit = (1.0 - min_similarity) * (double)longer;

    extra_costs(left, n, left_extra);
    extra_costs(right, m, right_extra);
    previous[0] = 0.0;
    for (Py_ssize_t j = 0; j < m; j++) previous[j + 1] = previous[j] + right_extra[j];

    for (Py_ssize_t i = 1; i <= n; i++) {
        Py_UCS4 ch = left[i - 1];
        int has_before = i > 1;
        Py_UCS4 before = has_before ? left[i - 2] : 0;
        double extra = left_extra[i - 1];
        double diagonal = previous[0];
        double last = diagonal + extra;
        int has_prior = 0;
        Py_UCS4 prior = 0;
        current[0] = last;
        for (Py_ssize_t j = 0; j < m; j++) {
            Py_UCS4 other = right[j];
            double up = previous[j + 1];
            double best;
            if (ch == other) {
                best = diagonal;
            } else if (is_near(ch, other)) {
                best = diagonal + neighbour_edit;
            } else {
                best = diagonal + 1.0;
            }
            if (up + extra < best) best = up + extra;
            if (last + right_extra[j] < best) best = last + right_extra[j];
            if (has_before && has_prior && before == other && ch == prior &&
                previous2[j - 1] + cheap_edit < best) {
                best = previous2[j - 1] + cheap_edit;
            }
            current[j + 1] = best;
            last = best;
            diagonal = up;
            prior = other;
            has_prior = 1;
        }
        if (row_min(current, m + 1) > limit &&
            (!have_previous2 || row_min(previous, m + 1) > limit)) {
            return 0.0;
        }
        double *spare = previous2;
        previous2 = previous;
        previous = current;
        current = spare;
        have_previous2 = 1;
    }
    if (previous[m] > limit) return 0.0;
    if (longer == 0) return 1.0;
    return 1.0 - previous[m] / (double)longer;
}

/* `typo` or, where higher, the reading after a swap (`_after_a_swap` in similarity.py): two
 * letters swapped first, then the swapped pair edited again. -1.0 when a word is too long. */
static double best_typo(const Py_UCS4 *left, Py_ssize_t n, const Py_UCS4 *right, Py_ssize_t m) {
    double direct = typo(left, n, right, m);
    if (direct < 0.0) return -1.0;
    Py_ssize_t longer = n > m ? n : m;
    if (longer < 1) longer = 1;
    Py_UCS4 swapped[MAX_LENGTH];
    double best = 0.0;
    for (Py_ssize_t i = 0; i + 1 < n; i++) {
        if (left[i] == left[i + 1]) continue;
        memcpy(swapped, left, (size_t)n * sizeof(Py_UCS4));
        swapped[i] = left[i + 1];
        swapped[i + 1] = left[i];
        double value = typo(swapped, n, right, m);
        if (value > 0.0 && value - cheap_edit / (double)longer > best) {
            best = value - cheap_edit / (double)longer;
        }
    }
    if (best < min_similarity - tolerance) best = 0.0;
    return direct > best ? direct : best;
}

static Py_UCS4 *as_ucs4(PyObject *text, Py_ssize_t *length) {
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "typo similarity compares str");
        return NULL;
    }
    *length = PyUnicode_GET_LENGTH(text);
    return PyUnicode_AsUCS4Copy(text);
}

static PyObject *similarity_or_none(PyObject *left, PyObject *right, int *failed, int swaps) {
    Py_ssize_t n, m;
    Py_UCS4 *a = as_ucs4(left, &n);
    if (a == NULL) {
        *failed = 1;
        return NULL;
    }
    Py_UCS4 *b = as_ucs4(right, &m);
    if (b == NULL) {
        PyMem_Free(a);
        *failed = 1;
        return NULL;
    }
    double value = swaps ? best_typo(a, n, b, m) : typo(a, n, b, m);
    PyMem_Free(a);
    PyMem_Free(b);
    if (value < 0.0) Py_RETURN_NONE;
    return PyFloat_FromDouble(value);
}

static PyObject *typo_similarity(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "typo_similarity(left, right)");
        return NULL;
    }
    if (!configured) {
        PyErr_SetString(PyExc_RuntimeError, "call configure() first");
        return NULL;
    }
    int failed = 0;
    return similarity_or_none(args[0], args[1], &failed, 0);
}

/* typo_similarity_best(left, right): the higher of typo_similarity and the reading after a
 * swap, or None for words over MAX_LENGTH letters. */
static PyObject *typo_similarity_best(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "typo_similarity_best(left, right)");
        return NULL;
    }
    if (!configured) {
        PyErr_SetString(PyExc_RuntimeError, "call configure() first");
        return NULL;
    }
    int failed = 0;
    return similarity_or_none(args[0], args[1], &failed, 1);
}

/* typo_similarities(lefts, rights[, best]): one value per pair of the two equal-length lists;
 * with `best` true, as typo_similarity_best reads them. */
static PyObject *typo_similarities(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs < 2 || nargs > 3 || !PyList_Check(args[0]) || !PyList_Check(args[1]) ||
        PyList_GET_SIZE(args[0]) != PyList_GET_SIZE(args[1])) {
        PyErr_SetString(PyExc_TypeError, "typo_similarities(lefts, rights): two lists, one length");
        return NULL;
    }
    if (!configured) {
        PyErr_SetString(PyExc_RuntimeError, "call configure() first");
        return NULL;
    }
    int swaps = nargs == 3 ? PyObject_IsTrue(args[2]) : 0;
    if (swaps < 0) return NULL;
    Py_ssize_t count = PyList_GET_SIZE(args[0]);
    PyObject *out = PyList_New(count);
    if (out == NULL) return NULL;
    for (Py_ssize_t k = 0; k < count; k++) {
        int failed = 0;
        PyObject *value = similarity_or_none(
            PyList_GET_ITEM(args[0], k), PyList_GET_ITEM(args[1], k), &failed, swaps);
        if (value == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, k, value);
    }
    return out;
}

/* configure(neighbours, cheap_edit, neighbour_edit, dropped_letter, min_similarity,
 * tolerance): `neighbours` is a str of letter pairs, two characters each, a key and one beside
 * it; `tolerance` is how far below min_similarity a value after a swap still counts. */
static PyObject *configure(PyObject *module, PyObject *args) {
    PyObject *pairs;
    double cheap, neighbour, dropped, minimum, slack;
    if (!PyArg_ParseTuple(args, "Uddddd", &pairs, &cheap, &neighbour, &dropped, &minimum,
                          &slack)) {
        return NULL;
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(pairs);
    if (length % 2) {
        PyErr_SetString(PyExc_ValueError, "neighbours: an even number of letters");
        return NULL;
    }
    memset(near_keys, 0, sizeof(near_keys));
    for (Py_ssize_t k = 0; k < length; k += 2) {
        Py_UCS4 a = PyUnicode_READ_CHAR(pairs, k), b = PyUnicode_READ_CHAR(pairs, k + 1);
        if (a >= TABLE || b >= TABLE) {
            PyErr_SetString(PyExc_ValueError, "neighbours: ASCII letters only");
            return NULL;
        }
        near_keys[a][b] = 1;
    }
    cheap_edit = cheap;
    neighbour_edit = neighbour;
    dropped_letter = dropped;
    min_similarity = minimum;
    tolerance = slack;
    configured = 1;
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"typo_similarity", (PyCFunction)(void (*)(void))typo_similarity, METH_FASTCALL,
     "typo_similarity(left, right) -> float, or None for words over 256 letters"},
    {"typo_similarity_best", (PyCFunction)(void (*)(void))typo_similarity_best, METH_FASTCALL,
     "typo_similarity_best(left, right) -> float (with the reading after a swap), or None"},
    {"typo_similarities", (PyCFunction)(void (*)(void))typo_similarities, METH_FASTCALL,
     "typo_similarities(lefts, rights[, best]) -> list of float or None"},
    {"configure", configure, METH_VARARGS,
     "configure(neighbours, cheap_edit, neighbour_edit, dropped_letter, min_similarity, "
     "tolerance)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_typo", "Typing-error similarity, compiled.", -1, methods,
};

PyMODINIT_FUNC PyInit__typo(void) { return PyModule_Create(&module); }
