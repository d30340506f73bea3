/* The two respellings every query word goes through, compiled: `loose_form`
 * (normalize/features.py) and `skeleton` (normalize/phonetic.py).
 *
 * Same results as their Python versions, which stay the reference (the tests compare the two)
 * and run for words not in ASCII. The spelling tables are not written here again: the Python
 * modules hand theirs over at import (`configure_loose`, `configure_skeleton`). A table is
 * applied as the modules' regular expressions apply it: left to right, at each place the first
 * spelling of the table that starts there (the tables come longest first), else the letter.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

#define MAX_RULES 64
#define MAX_SPELLING 8

typedef struct {
    char key[MAX_SPELLING], value[MAX_SPELLING];
    Py_ssize_t key_length, value_length;
} Rule;

typedef struct {
    Rule rules[MAX_RULES];
    int count;
    Py_ssize_t longest_value;
    int ready;
} Table;

static Table loose_table, class_table, abjad_table;
static char loose_vowels[128];       /* a letter's loose class, or 0 where it stays */
static unsigned char is_vowel[128];  /* what the skeleton drops */

/* Fills `table` from a list of (spelling, respelling) pairs of ASCII str, in the order tried. */
static int set_table(Table *table, PyObject *pairs, const char *function) {
    if (!PyList_Check(pairs) || PyList_GET_SIZE(pairs) > MAX_RULES) {
        PyErr_Format(PyExc_ValueError, "%s: a list of at most %d pairs", function, MAX_RULES);
        return -1;
    }
    Table made = {0};
    made.longest_value = 1;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(pairs); i++) {
        PyObject *pair = PyList_GET_ITEM(pairs, i);
        PyObject *key, *value;
        if (!PyArg_ParseTuple(pair, "UU", &key, &value)) return -1;
        Py_ssize_t key_length, value_length;
        const char *k = PyUnicode_AsUTF8AndSize(key, &key_length);
        const char *v = k ? PyUnicode_AsUTF8AndSize(value, &value_length) : NULL;
        if (v == NULL) return -1;
        if (!PyUnicode_IS_ASCII(key) || !PyUnicode_IS_ASCII(value) || key_length < 1 ||
            key_length >= MAX_SPELLING || value_length >= MAX_SPELLING) {
            PyErr_Format(PyExc_ValueError, "%s: spellings of 1 to %d ASCII letters", function,
                         MAX_SPELLING - 1);
            return -1;
        }
        Rule *rule = &made.rules[made.count++];
        memcpy(rule->key, k, (size_t)key_length);
        memcpy(rule->value, v, (size_t)value_length);
        rule->key_length = key_length;
        rule->value_length = value_length;
        if (value_length > made.longest_value) made.longest_value = value_length;
    }
    made.ready = 1;
    *table = made;
    return 0;
}

/* `text` respelt by `table` into `out` (room for longest_value bytes a letter); its length. */
static Py_ssize_t respell(const Table *table, const char *text, Py_ssize_t n, char *out) {
    Py_ssize_t written = 0;
    for (Py_ssize_t i = 0; i < n;) {
        const Rule *found = NULL;
        for (int r = 0; r < table->count; r++) {
            const Rule *rule = &table->rules[r];
            if (rule->key_length <= n - i && memcmp(text + i, rule->key, rule->key_length) == 0) {
                found = rule;
                break;
            }
        }
        if (found != NULL) {
            memcpy(out + written, found->value, (size_t)found->value_length);
            written += found->value_length;
            i += found->key_length;
        } else {
            out[written++] = text[i++];
        }
    }
    return written;
}

/* The ASCII bytes of `token`, or NULL (no error) where it is not ASCII. */
static const char *ascii_of(PyObject *token, Py_ssize_t *length) {
    if (!PyUnicode_IS_ASCII(token)) return NULL;
    *length = PyUnicode_GET_LENGTH(token);
    return (const char *)PyUnicode_1BYTE_DATA(token);
}

/* configure_loose(rules, vowels): the consonant spellings of `loose_form`, in the order
 * tried, and the vowel classes (a dict of one letter to one letter). */
static PyObject *configure_loose(PyObject *module, PyObject *args) {
    PyObject *rules, *vowels;
    if (!PyArg_ParseTuple(args, "OO!", &rules, &PyDict_Type, &vowels)) return NULL;
    if (set_table(&loose_table, rules, "configure_loose") < 0) return NULL;
    memset(loose_vowels, 0, sizeof loose_vowels);
    PyObject *key, *value;
    Py_ssize_t position = 0;
    while (PyDict_Next(vowels, &position, &key, &value)) {
        if (!PyUnicode_Check(key) || !PyUnicode_Check(value) || !PyUnicode_IS_ASCII(key) ||
            !PyUnicode_IS_ASCII(value) || PyUnicode_GET_LENGTH(key) != 1 ||
            PyUnicode_GET_LENGTH(value) != 1) {
            loose_table.ready = 0;
            PyErr_SetString(PyExc_ValueError, "configure_loose: vowels map a letter to a letter");
            return NULL;
        }
        loose_vowels[PyUnicode_1BYTE_DATA(key)[0]] = (char)PyUnicode_1BYTE_DATA(value)[0];
    }
    Py_RETURN_NONE;
}

/* configure_skeleton(rules, abjad_rules, vowels): the consonant classes of `skeleton`, for
 * Latin text and for text romanised from Arabic script, in the order tried, and the letters
 * it drops (a str). */
static PyObject *configure_skeleton(PyObject *module, PyObject *args) {
    PyObject *rules, *abjad_rules, *vowels;
    if (!PyArg_ParseTuple(args, "OOU", &rules, &abjad_rules, &vowels)) return NULL;
    if (!PyUnicode_IS_ASCII(vowels)) {
        PyErr_SetString(PyExc_ValueError, "configure_skeleton: vowels in ASCII");
        return NULL;
    }
    if (set_table(&class_table, rules, "configure_skeleton") < 0 ||
        set_table(&abjad_table, abjad_rules, "configure_skeleton") < 0) {
        class_table.ready = abjad_table.ready = 0;
        return NULL;
    }
    memset(is_vowel, 0, sizeof is_vowel);
    for (Py_ssize_t i = 0; i < PyUnicode_GET_LENGTH(vowels); i++)
        is_vowel[PyUnicode_1BYTE_DATA(vowels)[i]] = 1;
    Py_RETURN_NONE;
}

/* loose_form(token) -> str, or None where the token is not ASCII. */
static PyObject *loose_form(PyObject *module, PyObject *token) {
    if (!PyUnicode_Check(token)) {
        PyErr_SetString(PyExc_TypeError, "loose_form takes a str");
        return NULL;
    }
    if (!loose_table.ready) {
        PyErr_SetString(PyExc_RuntimeError, "call configure_loose() first");
        return NULL;
    }
    Py_ssize_t n;
    const char *text = ascii_of(token, &n);
    if (text == NULL) Py_RETURN_NONE;
    char *spelt = PyMem_Malloc((size_t)(n * loose_table.longest_value + 1));
    if (spelt == NULL) return PyErr_NoMemory();
    Py_ssize_t m = respell(&loose_table, text, n, spelt), kept = 0;
    for (Py_ssize_t i = 0; i < m; i++) {
        char ch = spelt[i];
        /* A leading `y` or `w` stays a consonant; a leading `o` or `e` joins its class. */
        if ((i > 0 || ch == 'o' || ch == 'e') && loose_vowels[(unsigned char)ch & 127])
            ch = loose_vowels[(unsigned char)ch & 127];
        if (kept > 0 && spelt[kept - 1] == ch) continue;
        spelt[kept++] = ch;
    }
    PyObject *result = PyUnicode_FromStringAndSize(spelt, kept);
    PyMem_Free(spelt);
    return result;
}

/* skeleton(token, abjad) -> str, or None where the token is not ASCII. */
static PyObject *skeleton(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "skeleton(token: str, abjad: bool)");
        return NULL;
    }
    int abjad = PyObject_IsTrue(args[1]);
    if (abjad < 0) return NULL;
    const Table *table = abjad ? &abjad_table : &class_table;
    if (!table->ready) {
        PyErr_SetString(PyExc_RuntimeError, "call configure_skeleton() first");
        return NULL;
    }
    Py_ssize_t n;
    const char *text = ascii_of(args[0], &n);
    if (text == NULL) Py_RETURN_NONE;
    char *classed = PyMem_Malloc((size_t)(n * table->longest_value + 1));
    if (classed == NULL) return PyErr_NoMemory();
    Py_ssize_t m = respell(table, text, n, classed), kept = 0;
    char previous = 0;
    for (Py_ssize_t i = 0; i < m; i++) {
        char ch = classed[i];
        /* Only a letter doubled in place is one consonant. */
        if (!is_vowel[(unsigned char)ch & 127] && ch != previous) classed[kept++] = ch;
        previous = ch;
    }
    if (kept > 1 && classed[kept - 1] == 'h') kept--;
    PyObject *result = kept ? PyUnicode_FromStringAndSize(classed, kept) : Py_NewRef(args[0]);
    PyMem_Free(classed);
    return result;
}

static PyMethodDef methods[] = {
    {"configure_loose", configure_loose, METH_VARARGS, "configure_loose(rules, vowels)"},
    {"configure_skeleton", configure_skeleton, METH_VARARGS,
     "configure_skeleton(rules, abjad_rules, vowels)"},
    {"loose_form", loose_form, METH_O, "loose_form(token) -> str or None"},
    {"skeleton", (PyCFunction)(void (*)(void))skeleton, METH_FASTCALL,
     "skeleton(token, abjad) -> str or None"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_respell", "Respellings of name words, compiled.", -1, methods,
};

PyMODINIT_FUNC PyInit__respell(void) { return PyModule_Create(&module); }
