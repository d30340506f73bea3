/* Array arguments of the compiled modules: numpy arrays (or any contiguous buffer) read in
 * place, their length checked, released however the call ends. */
#ifndef WATCHLIST_ARRAYS_H
#define WATCHLIST_ARRAYS_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    Py_buffer view;
    int held;
} Array;

/* Takes `object` as an array of `count` items of `size` bytes (count -1: any number); on a
 * mismatch, a ValueError that names `function` and `what`. */
static int take_array(PyObject *object, Array *array, Py_ssize_t size, Py_ssize_t count,
                      const char *function, const char *what) {
    if (PyObject_GetBuffer(object, &array->view, PyBUF_C_CONTIGUOUS) < 0) return -1;
    array->held = 1;
    if (array->view.len % size || (count >= 0 && array->view.len != count * size)) {
        PyErr_Format(PyExc_ValueError, "%s: %s has %zd bytes, not %zd items of %zd", function,
                     what, array->view.len, count, size);
        return -1;
    }
    return 0;
}

static void release(Array *arrays, int count) {
    for (int i = 0; i < count; i++) {
        if (arrays[i].held) PyBuffer_Release(&arrays[i].view);
        arrays[i].held = 0;
    }
}

#endif
