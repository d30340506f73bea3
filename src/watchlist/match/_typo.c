/* The typing-error similarity of match/similarity.py, compiled, and the spelling similarity
 * of two lists of words that reads it.
 *
 * Same algorithm, same costs, same early exit as `_typo_similarity_python` there, which stays
 * the reference (tests compare the two on random words). Compiled because it runs for thousands
 * of word pairs per second of screening and no library weighs edits by letter: rapidfuzz
 * weighs them by kind only. The costs and the keyboard come from Python through `configure`,
 * so they are written down once.
 *
 * `spelling_matrix` is the part of `similarity_matrix` that every query pays for, in one call:
 * the numpy version spends its time in dozens of calls of fixed cost on a few hundred pairs.
 * It computes in float32 as numpy does, and the tests compare the two.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

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

/* The similarity, 0.0 where the distance is over `limit`, or -1.0 when a word is too long for
 * the fixed buffers. */
static double typo_within(const Py_UCS4 *left, Py_ssize_t n, const Py_UCS4 *right, Py_ssize_t m,
                          double limit) {
    if (n > MAX_LENGTH || m > MAX_LENGTH) return -1.0;
    double left_extra[MAX_LENGTH], right_extra[MAX_LENGTH];
    double rows[3][MAX_LENGTH + 1];
    double *previous2 = rows[0], *previous = rows[1], *current = rows[2];
    Py_ssize_t longer = n > m ? n : m;

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
        /* A swap reaches row i from row i-2: two rows in a row over the limit (row 0 among
         * them) prove that no alignment comes back under it. */
        if (row_min(current, m + 1) > limit && row_min(previous, m + 1) > limit) {
            return 0.0;
        }
        double *spare = previous2;
        previous2 = previous;
        previous = current;
        current = spare;
    }
    if (previous[m] > limit) return 0.0;
    if (longer == 0) return 1.0;
    return 1.0 - previous[m] / (double)longer;
}

/* The least a typing-error distance of two words (of at most MAX_LENGTH letters) can be: each
 * letter one has and the other lacks (counted with repeats) takes a substitution, or a letter
 * put in or left out, at their cheapest; a swap changes no letter. Exact where it is over a
 * limit: the distance is over it too, so the table need not be filled. */
static double typo_floor(const Py_UCS4 *left, Py_ssize_t n, const Py_UCS4 *right, Py_ssize_t m) {
    unsigned char used[MAX_LENGTH] = {0};
    Py_ssize_t common = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        for (Py_ssize_t j = 0; j < m; j++) {
            if (!used[j] && right[j] == left[i]) {
                used[j] = 1;
                common++;
                break;
            }
        }
    }
    Py_ssize_t only_left = n - common, only_right = m - common;
    Py_ssize_t both = only_left < only_right ? only_left : only_right;
    double indel = cheap_edit < dropped_letter ? cheap_edit : dropped_letter;
    double substitution = neighbour_edit < 1.0 ? neighbour_edit : 1.0;
    if (2.0 * indel < substitution) substitution = 2.0 * indel;
    return substitution * (double)both + indel * (double)(only_left + only_right - 2 * both);
}

/* `typo` of two words of at most MAX_LENGTH letters whose `typo_floor` is `least`, 0.0 below
 * `lowest` (at least min_similarity). */
static double typo_over(const Py_UCS4 *left, Py_ssize_t n, const Py_UCS4 *right, Py_ssize_t m,
                        double least, double lowest) {
    Py_ssize_t longer = n > m ? n : m;
    double limit = (1.0 - lowest) * (double)longer;
    return least > limit ? 0.0 : typo_within(left, n, right, m, limit);
}

/* Returns the similarity, or -1.0 when a word is too long for the fixed buffers. */
static double typo(const Py_UCS4 *left, Py_ssize_t n, const Py_UCS4 *right, Py_ssize_t m) {
    if (n > MAX_LENGTH || m > MAX_LENGTH) return -1.0;
    return typo_over(left, n, right, m, typo_floor(left, n, right, m), min_similarity);
}

/* `typo` or, where higher, the reading after a swap (`_after_a_swap` in similarity.py): two
 * letters swapped first, then the swapped pair edited again. Readings below `wanted` (where
 * over min_similarity) may read 0.0, as the caller needs none of them. -1.0 when a word is too
 * long. */
static double best_typo(const Py_UCS4 *left, Py_ssize_t n, const Py_UCS4 *right, Py_ssize_t m,
                        double wanted) {
    if (n > MAX_LENGTH || m > MAX_LENGTH) return -1.0;
    /* A swap leaves the letters as they are: the floor of the distance holds for every
     * swapped reading too. */
    double least = typo_floor(left, n, right, m);
    double lowest = wanted - tolerance > min_similarity ? wanted - tolerance : min_similarity;
    double direct = typo_over(left, n, right, m, least, lowest);
    Py_ssize_t longer = n > m ? n : m;
    if (longer < 1) longer = 1;
    Py_UCS4 swapped[MAX_LENGTH];
    double best = 0.0;
    /* A reading after a swap changes the result only where, less the swap's cost, it reaches
     * both `direct` and min_similarity - tolerance: a swapped word further away than this is
     * not worked out to the end (a millionth of an edit more, against rounding; edits cost
     * quarters). */
    double floor = direct > lowest - tolerance ? direct : lowest - tolerance;
    double limit = (1.0 - floor) * (double)longer - cheap_edit + 1e-6;
    for (Py_ssize_t i = 0; i + 1 < n && limit >= 0.0 && least <= limit; i++) {
        if (left[i] == left[i + 1]) continue;
        memcpy(swapped, left, (size_t)n * sizeof(Py_UCS4));
        swapped[i] = left[i + 1];
        swapped[i + 1] = left[i];
        double value = typo_within(swapped, n, right, m, limit);
        if (value > 0.0 && value - cheap_edit / (double)longer > best) {
            best = value - cheap_edit / (double)longer;
        }
    }
    if (best < min_similarity - tolerance) best = 0.0;
    return direct > best ? direct : best;
}

/* The spelling readings (`configure_spelling`), float32 as numpy holds them. */
static float loose_factor, short_factor, typo_from, typo_below, typo_plain_from, typo_cap;
static float initial_similarity, list_initial_similarity;
static Py_ssize_t short_length, typo_min_length, typo_shorter_min_length, typo_length_gap;
static int spelling_configured = 0;

/* Optimal string alignment distance, as rapidfuzz's OSA: a swap of two adjacent letters is one
 * edit, and no letter is edited twice. */
static Py_ssize_t osa(const Py_UCS1 *a, Py_ssize_t n, const Py_UCS1 *b, Py_ssize_t m) {
    Py_ssize_t rows[3][MAX_LENGTH + 1];
    Py_ssize_t *previous2 = rows[0], *previous = rows[1], *current = rows[2];
    for (Py_ssize_t j = 0; j <= m; j++) previous[j] = j;
    for (Py_ssize_t i = 1; i <= n; i++) {
        current[0] = i;
        for (Py_ssize_t j = 1; j <= m; j++) {
            Py_ssize_t best = previous[j - 1] + (a[i - 1] != b[j - 1]);
            if (previous[j] + 1 < best) best = previous[j] + 1;
            if (current[j - 1] + 1 < best) best = current[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                previous2[j - 2] + 1 < best) {
                best = previous2[j - 2] + 1;
            }
            current[j] = best;
        }
        Py_ssize_t *spare = previous2;
        previous2 = previous;
        previous = current;
        current = spare;
    }
    return previous[m];
}

/* A word of up to 64 letters as the bit-parallel distance reads it: a bit mask of the places
 * of each letter. */
typedef struct {
    uint64_t places[256];
} Pattern;

static void set_pattern(Pattern *pattern, const Py_UCS1 *a, Py_ssize_t n) {
    for (Py_ssize_t i = 0; i < n; i++) pattern->places[a[i]] |= (uint64_t)1 << i;
}

static void clear_pattern(Pattern *pattern, const Py_UCS1 *a, Py_ssize_t n) {
    for (Py_ssize_t i = 0; i < n; i++) pattern->places[a[i]] = 0;
}

/* `osa` for a first word of 1 to 64 letters, a column of the table at a time in the bits of
 * one word (Hyyro 2003, as rapidfuzz computes it). */
static Py_ssize_t osa_bits(const Pattern *pattern, Py_ssize_t n, const Py_UCS1 *b,
                           Py_ssize_t m) {
    uint64_t vp = n == 64 ? ~(uint64_t)0 : (((uint64_t)1 << n) - 1);
    uint64_t vn = 0, d0 = 0, previous_places = 0;
    uint64_t last = (uint64_t)1 << (n - 1);
    Py_ssize_t distance = n;
    for (Py_ssize_t j = 0; j < m; j++) {
        uint64_t places = pattern->places[b[j]];
        uint64_t swapped = (((~d0) & places) << 1) & previous_places;
        d0 = (((places & vp) + vp) ^ vp) | places | vn;
        d0 |= swapped;
        uint64_t hp = vn | ~(d0 | vp);
        uint64_t hn = d0 & vp;
        if (hp & last) distance++;
        if (hn & last) distance--;
        hp = (hp << 1) | 1;
        hn = hn << 1;
        vp = hn | ~(d0 | hp);
        vn = hp & d0;
        previous_places = places;
    }
    return distance;
}

/* rapidfuzz's normalized similarity (computed in double), as cdist stores it in float32. */
static float normalized(Py_ssize_t distance, Py_ssize_t n, Py_ssize_t m) {
    Py_ssize_t longer = n > m ? n : m;
    if (longer == 0) return 1.0f;
    return (float)(1.0 - (double)distance / (double)longer);
}

/* The similarity of `a` (set in `pattern` where it has 1 to 64 letters) to `b`. */
static float osa_similarity(const Pattern *pattern, const Py_UCS1 *a, Py_ssize_t n,
                            const Py_UCS1 *b, Py_ssize_t m) {
    if (n == 0 || m == 0) return normalized(n > m ? n : m, n, m);
    if (n <= 64) return normalized(osa_bits(pattern, n, b, m), n, m);
    return normalized(osa(a, n, b, m), n, m);
}

/* A word as `spelling_matrix` reads it: its letters (one byte each) and the facts it uses. */
/* What the bound on two words' similarity reads of a word: a bit per letter (its code modulo
 * 64), and how often each letter occurs (its code modulo 32), up to 7, in four bits each. */
typedef struct {
    uint64_t set;
    uint64_t counts[2];
} Letters;

/* A word's consonant readings as `pack_readings` lays them out (`TokenFeatures.skeletons`,
 * `glides`, `spoken`): its skeleton, then its glide, then each spoken reading after a byte of
 * its length, in the blob at `at`. */
typedef struct {
    uint32_t at;
    uint8_t skeleton_length, glide_length, spoken_count;
    uint8_t readable; /* one byte a letter, each reading of 1 to MAX_READING letters */
} Readings;

#define MAX_READING 64 /* longer readings are left to numpy */

typedef struct {
    const Py_UCS1 *text;
    Py_ssize_t length;
    const Py_UCS1 *loose;
    Py_ssize_t loose_length;
    int numeric;
    Letters letters, loose_letters;
    int abjad;                 /* romanised from an abjad: its consonant readings count */
    const Readings *readings;  /* where `abjad` or its pair's is: NULL until attached */
    const Py_UCS1 *reading_blob;
} Word;

/* Bits set in `x`: __builtin_popcountll compiles to a call into libgcc where the build may
 * not assume the CPU's popcnt instruction. */
static inline Py_ssize_t bit_count(uint64_t x) {
    x = x - ((x >> 1) & 0x5555555555555555ULL);
    x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
    return (Py_ssize_t)((x * 0x0101010101010101ULL) >> 56);
}

static uint64_t letter_bits(const Py_UCS1 *text, Py_ssize_t length) {
    uint64_t bits = 0;
    for (Py_ssize_t i = 0; i < length; i++) bits |= (uint64_t)1 << (text[i] % 64);
    return bits;
}

/* The letters of `a` beyond those of `b`, counted with repeats: the sum over four-bit counts
 * (each at most 7) of what a's is over b's. */
static inline Py_ssize_t counts_over(const uint64_t *a, const uint64_t *b) {
    const uint64_t high = 0x8888888888888888ULL, low = 0x0F0F0F0F0F0F0F0FULL;
    Py_ssize_t total = 0;
    for (int half = 0; half < 2; half++) {
        uint64_t difference = (a[half] | high) - b[half]; /* 8 + a - b in each four bits */
        uint64_t over = difference & high;                 /* where a >= b */
        uint64_t kept = difference & (over - (over >> 3)); /* a - b there, 0 elsewhere */
        kept = (kept & low) + ((kept >> 4) & low);
        total += (Py_ssize_t)((kept * 0x0101010101010101ULL) >> 56);
    }
    return total;
}

/* Whether the most `osa_similarity` can give two words, times `scale`, is below `cut`. Each
 * letter one has and the other lacks takes an edit (a substitution, or a letter put in or
 * left out; a swap changes no letter), as does each letter of difference in length. Letters
 * are told apart by their code modulo 64 or 32, and counted up to 7: letters taken for one
 * another only raise the bound. The cheaper counts are read first: the bound only falls as
 * the edits grow. */
static int bound_below(const Letters *left, Py_ssize_t n, const Letters *right, Py_ssize_t m,
                       float scale, float cut) {
    Py_ssize_t edits = n > m ? n - m : m - n;
    if (normalized(edits, n, m) * scale < cut) return 1;
    Py_ssize_t missing = bit_count(left->set & ~right->set);
    Py_ssize_t extra = bit_count(right->set & ~left->set);
    if (missing > edits) edits = missing;
    if (extra > edits) edits = extra;
    if (normalized(edits, n, m) * scale < cut) return 1;
    Py_ssize_t over = counts_over(left->counts, right->counts);
    Py_ssize_t under = counts_over(right->counts, left->counts);
    if (over > edits) edits = over;
    if (under > edits) edits = under;
    return normalized(edits, n, m) * scale < cut;
}

static void read_letters(const Py_UCS1 *text, Py_ssize_t length, Letters *letters) {
    letters->set = letter_bits(text, length);
    letters->counts[0] = letters->counts[1] = 0;
    for (Py_ssize_t i = 0; i < length; i++) {
        unsigned field = text[i] % 32, shift = 4 * (field % 16);
        uint64_t *counts = &letters->counts[field / 16];
        if (((*counts >> shift) & 0xF) < 7) *counts += (uint64_t)1 << shift;
    }
}

/* Fills `word` from a str and its loose form; 0 when either is not one byte a letter or too
 * long (the caller then leaves the work to numpy), -1 on a Python error. */
static int read_word(PyObject *text, PyObject *form, Word *word) {
    if (!PyUnicode_Check(text) || !PyUnicode_Check(form)) {
        PyErr_SetString(PyExc_TypeError, "spelling_matrix compares lists of str");
        return -1;
    }
    if (PyUnicode_KIND(text) != PyUnicode_1BYTE_KIND ||
        PyUnicode_KIND(form) != PyUnicode_1BYTE_KIND || PyUnicode_GET_LENGTH(text) > MAX_LENGTH ||
        PyUnicode_GET_LENGTH(form) > MAX_LENGTH) {
        return 0;
    }
    word->text = PyUnicode_1BYTE_DATA(text);
    word->length = PyUnicode_GET_LENGTH(text);
    word->loose = PyUnicode_1BYTE_DATA(form);
    word->loose_length = PyUnicode_GET_LENGTH(form);
    word->numeric = 0;
    word->abjad = 0;
    word->readings = NULL;
    word->reading_blob = NULL;
    for (Py_ssize_t i = 0; i < word->length; i++) {
        Py_UCS1 ch = word->text[i];
        if (ch < 128 ? ch >= '0' && ch <= '9' : Py_UNICODE_ISDIGIT(ch)) word->numeric = 1;
    }
    read_letters(word->text, word->length, &word->letters);
    read_letters(word->loose, word->loose_length, &word->loose_letters);
    return 1;
}

/* `read_word` of each item of two lists of str, or of those at `entries` (int64) if given. */
static int read_words(PyObject *texts, PyObject *loose, const int64_t *entries, Word *words,
                      Py_ssize_t count) {
    Py_ssize_t size = PyList_GET_SIZE(texts);
    for (Py_ssize_t k = 0; k < count; k++) {
        Py_ssize_t at = entries != NULL ? (Py_ssize_t)entries[k] : k;
        if (at < 0 || at >= size) {
            PyErr_SetString(PyExc_IndexError, "spelling_matrix: an entry out of range");
            return -1;
        }
        int read = read_word(PyList_GET_ITEM(texts, at), PyList_GET_ITEM(loose, at), &words[k]);
        if (read <= 0) return read;
    }
    return 1;
}

/* A list's word as `pack_words` lays it out, what `read_word` works out of it made once: the
 * readers then take a list's words without touching its str objects, scattered in memory.
 * Its text and loose form lie in the blob after the records, at `text_at` and `loose_at`. */
typedef struct {
    Letters letters, loose_letters;
    uint32_t text_at, loose_at;
    uint16_t length, loose_length;
    uint8_t numeric, readable; /* readable: one byte a letter, at most MAX_LENGTH */
} Packed;

/* A packed list taken from its buffer: [int64 count][count records][blob], its records those
 * of `pack_words` (Packed) or of `pack_readings` (Readings). */
typedef struct {
    Py_buffer view;
    const void *records;
    const Py_UCS1 *blob;
    Py_ssize_t count, blob_length;
} Block;

typedef Block PackedWords;
typedef Block PackedReadings;

/* Takes a packed list of the `size` words of a list, of records of `record_size` bytes; -1
 * with a ValueError saying `refusal` where it is not one. */
static int take_block(PyObject *object, Py_ssize_t size, Py_ssize_t record_size,
                      const char *refusal, Block *block) {
    if (PyObject_GetBuffer(object, &block->view, PyBUF_C_CONTIGUOUS) < 0) return -1;
    int64_t count = -1;
    if (block->view.len >= 8) memcpy(&count, block->view.buf, 8);
    Py_ssize_t head = 8 + (Py_ssize_t)count * record_size;
    if (count != size || block->view.len < head) {
        PyBuffer_Release(&block->view);
        block->view.obj = NULL;
        PyErr_SetString(PyExc_ValueError, refusal);
        return -1;
    }
    block->records = (const char *)block->view.buf + 8;
    block->blob = (const Py_UCS1 *)block->view.buf + head;
    block->count = count;
    block->blob_length = block->view.len - head;
    return 0;
}

static void release_block(Block *block) {
    if (block->view.obj != NULL) PyBuffer_Release(&block->view);
    block->view.obj = NULL;
}

/* A new packed list (a bytearray, its count written) of `count` records of `record_size`
 * bytes and a blob of `blob` bytes, `records` and `bytes` pointing into it; NULL with an
 * error set, an OverflowError saying `too_large` past the 4 GB its offsets reach. */
static PyObject *new_block(Py_ssize_t count, Py_ssize_t record_size, Py_ssize_t blob,
                           const char *too_large, char **records, Py_UCS1 **bytes) {
    if (blob > UINT32_MAX) {
        PyErr_SetString(PyExc_OverflowError, too_large);
        return NULL;
    }
    Py_ssize_t head = 8 + count * record_size;
    PyObject *result = PyByteArray_FromStringAndSize(NULL, head + blob);
    if (result == NULL) return NULL;
    char *out = PyByteArray_AS_STRING(result);
    int64_t stored = count;
    memcpy(out, &stored, 8);
    *records = out + 8;
    *bytes = (Py_UCS1 *)out + head;
    return result;
}

/* pack_words(texts, loose) -> bytearray: the words of a list as `read_packed` reads them. */
static PyObject *pack_words(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyList_Check(args[0]) || !PyList_Check(args[1]) ||
        PyList_GET_SIZE(args[0]) != PyList_GET_SIZE(args[1])) {
        PyErr_SetString(PyExc_TypeError, "pack_words(texts, loose): two lists of one length");
        return NULL;
    }
    Py_ssize_t count = PyList_GET_SIZE(args[0]), blob = 0;
    for (Py_ssize_t k = 0; k < count; k++) {
        for (int side = 0; side < 2; side++) {
            PyObject *text = PyList_GET_ITEM(args[side], k);
            if (!PyUnicode_Check(text)) {
                PyErr_SetString(PyExc_TypeError, "pack_words: words are str");
                return NULL;
            }
            if (PyUnicode_KIND(text) == PyUnicode_1BYTE_KIND) blob += PyUnicode_GET_LENGTH(text);
        }
    }
    Py_ssize_t head = 8 + count * (Py_ssize_t)sizeof(Packed);
    char *first;
    Py_UCS1 *text_out;
    PyObject *result = new_block(count, (Py_ssize_t)sizeof(Packed), blob,
                                 "pack_words: over 4 GB of words", &first, &text_out);
    if (result == NULL) return NULL;
    Packed *records = (Packed *)first;
    uint32_t at = 0;
    for (Py_ssize_t k = 0; k < count; k++) {
        Packed *record = &records[k];
        memset(record, 0, sizeof(Packed));
        Word word;
        int read = read_word(PyList_GET_ITEM(args[0], k), PyList_GET_ITEM(args[1], k), &word);
        if (read < 0) {
            Py_DECREF(result);
            return NULL;
        }
        if (read == 0) continue; /* not readable: the readers decline it, as `read_word` does */
        record->letters = word.letters;
        record->loose_letters = word.loose_letters;
        record->length = (uint16_t)word.length;
        record->loose_length = (uint16_t)word.loose_length;
        record->numeric = (uint8_t)word.numeric;
        record->readable = 1;
        record->text_at = at;
        memcpy(text_out + at, word.text, (size_t)word.length);
        at += (uint32_t)word.length;
        record->loose_at = at;
        memcpy(text_out + at, word.loose, (size_t)word.loose_length);
        at += (uint32_t)word.loose_length;
    }
    if ((Py_ssize_t)at != blob && PyByteArray_Resize(result, head + at) < 0) {
        Py_DECREF(result);
        return NULL;
    }
    return result;
}

static int take_packed(PyObject *object, Py_ssize_t size, PackedWords *packed) {
    return take_block(object, size, (Py_ssize_t)sizeof(Packed),
                      "packed words: not pack_words of these lists", packed);
}

/* `read_words` of the packed words at `entries`: 0 where one is not readable here, -1 with
 * an error set where an entry or a record is out of range. */
static int read_packed(const PackedWords *packed, const int64_t *entries, Word *words,
                       Py_ssize_t count) {
    for (Py_ssize_t k = 0; k < count; k++) {
        int64_t at = entries[k];
        if (at < 0 || at >= packed->count) {
            PyErr_SetString(PyExc_IndexError, "spelling_matrix: an entry out of range");
            return -1;
        }
        const Packed *record = (const Packed *)packed->records + at;
        if (!record->readable) return 0;
        if ((Py_ssize_t)record->text_at + record->length > packed->blob_length ||
            (Py_ssize_t)record->loose_at + record->loose_length > packed->blob_length) {
            PyErr_SetString(PyExc_ValueError, "packed words: a word out of range");
            return -1;
        }
        Word *word = &words[k];
        word->text = packed->blob + record->text_at;
        word->length = record->length;
        word->loose = packed->blob + record->loose_at;
        word->loose_length = record->loose_length;
        word->numeric = record->numeric;
        word->letters = record->letters;
        word->loose_letters = record->loose_letters;
        word->abjad = 0;
        word->readings = NULL;
        word->reading_blob = NULL;
    }
    return 1;
}

/* The words of a list a reader takes by entry: packed if given, else from the lists. */
typedef struct {
    PyObject *texts, *loose;
    PackedWords packed;
    int has_packed;
} ListWords;

static int read_list_words(const ListWords *list, const int64_t *entries, Word *words,
                           Py_ssize_t count) {
    if (list->has_packed) return read_packed(&list->packed, entries, words, count);
    return read_words(list->texts, list->loose, entries, words, count);
}

/* ListWords of args[2:4], packed by `packed` unless it is NULL or None. */
static int take_list_words(PyObject *const *args, PyObject *packed, ListWords *list) {
    list->texts = args[2];
    list->loose = args[3];
    list->has_packed = 0;
    list->packed.view.obj = NULL;
    if (packed == NULL || packed == Py_None) return 0;
    if (take_packed(packed, PyList_GET_SIZE(args[2]), &list->packed) < 0) return -1;
    list->has_packed = 1;
    return 0;
}

/* The bytes of word k's readings as `pack_readings` lays them out, written to `out` unless it
 * is NULL: how many, 0 where they are not readable here, -1 with an error set. */
static Py_ssize_t lay_readings(PyObject *const *args, Py_ssize_t k, Py_UCS1 *out) {
    PyObject *spoken = PyList_GET_ITEM(args[1], k);
    if (!PyTuple_Check(spoken)) {
        PyErr_SetString(PyExc_TypeError, "pack_readings: a tuple of spoken readings a word");
        return -1;
    }
    Py_ssize_t readings = PyTuple_GET_SIZE(spoken), size = 0, length;
    if (readings > 255) return 0;
    for (Py_ssize_t r = -2; r < readings; r++) {
        /* The skeleton, the glide, then each spoken reading after a byte of its length. */
        PyObject *text = r == -2   ? PyList_GET_ITEM(args[0], k)
                         : r == -1 ? PyList_GET_ITEM(args[2], k)
                                   : PyTuple_GET_ITEM(spoken, r);
        if (!PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "pack_readings: readings are str");
            return -1;
        }
        length = PyUnicode_GET_LENGTH(text);
        if (PyUnicode_KIND(text) != PyUnicode_1BYTE_KIND || length > MAX_READING) return 0;
        if (length == 0 && r != -1) return 0; /* only a glide may be empty */
        if (r >= 0) {
            if (out != NULL) out[size] = (Py_UCS1)length;
            size++;
        }
        if (out != NULL) memcpy(out + size, PyUnicode_1BYTE_DATA(text), (size_t)length);
        size += length;
    }
    return size;
}

/* pack_readings(skeletons, spoken, glides) -> bytearray: the consonant readings of a list of
 * words (`TokenFeatures.skeletons`, `spoken`, a tuple of str a word, and `glides`), as the
 * abjad credit reads them. A word with a reading not of one byte a letter, or too long, is
 * packed as not readable: a pair that needs it is left to numpy. */
static PyObject *pack_readings(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    (void)module;
    if (nargs != 3 || !PyList_Check(args[0]) || !PyList_Check(args[1]) ||
        !PyList_Check(args[2]) || PyList_GET_SIZE(args[0]) != PyList_GET_SIZE(args[1]) ||
        PyList_GET_SIZE(args[0]) != PyList_GET_SIZE(args[2])) {
        PyErr_SetString(PyExc_TypeError,
                        "pack_readings(skeletons, spoken, glides): three lists of one length");
        return NULL;
    }
    Py_ssize_t count = PyList_GET_SIZE(args[0]), blob = 0;
    for (Py_ssize_t k = 0; k < count; k++) {
        Py_ssize_t size = lay_readings(args, k, NULL);
        if (size < 0) return NULL;
        blob += size;
    }
    char *first;
    Py_UCS1 *bytes;
    PyObject *result = new_block(count, (Py_ssize_t)sizeof(Readings), blob,
                                 "pack_readings: over 4 GB of readings", &first, &bytes);
    if (result == NULL) return NULL;
    Readings *records = (Readings *)first;
    uint32_t at = 0;
    for (Py_ssize_t k = 0; k < count; k++) {
        Readings *record = &records[k];
        memset(record, 0, sizeof(Readings));
        Py_ssize_t size = lay_readings(args, k, bytes + at);
        if (size <= 0) continue; /* not readable (size 0 is never a readable word's) */
        PyObject *spoken = PyList_GET_ITEM(args[1], k);
        record->at = at;
        record->skeleton_length = (uint8_t)PyUnicode_GET_LENGTH(PyList_GET_ITEM(args[0], k));
        record->glide_length = (uint8_t)PyUnicode_GET_LENGTH(PyList_GET_ITEM(args[2], k));
        record->spoken_count = (uint8_t)PyTuple_GET_SIZE(spoken);
        record->readable = 1;
        at += (uint32_t)size;
    }
    return result;
}

static int take_readings(PyObject *object, Py_ssize_t size, PackedReadings *packed) {
    return take_block(object, size, (Py_ssize_t)sizeof(Readings),
                      "packed readings: not pack_readings of these words", packed);
}

/* Marks `word` abjad or not by `flag`, with the readings of word `at` of `packed`: 1, or 0
 * where those are not readable here; -1 with an error set where they lie out of range. */
static int attach_readings(Word *word, int flag, const PackedReadings *packed, Py_ssize_t at) {
    if (at < 0 || at >= packed->count) {
        PyErr_SetString(PyExc_IndexError, "packed readings: a word out of range");
        return -1;
    }
    const Readings *record = (const Readings *)packed->records + at;
    if (!record->readable) return 0;
    Py_ssize_t end = (Py_ssize_t)record->at + record->skeleton_length + record->glide_length;
    for (int r = 0; r < record->spoken_count && end <= packed->blob_length; r++)
        end = end < packed->blob_length ? end + 1 + packed->blob[end] : packed->blob_length + 1;
    if (end > packed->blob_length) {
        PyErr_SetString(PyExc_ValueError, "packed readings: a reading out of range");
        return -1;
    }
    word->abjad = flag;
    word->readings = record;
    word->reading_blob = packed->blob + record->at;
    return 1;
}

/* `_skeleton_credit`: what two agreeing readings are worth, less the fewer consonants the
 * shorter holds, as short skeletons are shared by many names. 0 where it cannot reach
 * `least` (their difference in length alone rules that out). */
static float skeleton_credit(const Py_UCS1 *a, Py_ssize_t n, const Py_UCS1 *b, Py_ssize_t m,
                             float least) {
    Py_ssize_t shortest = n < m ? n : m;
    float factor = shortest >= 3 ? 0.9f : shortest == 2 ? 0.85f : 0.75f;
    if (shortest < 2 ? n != m || factor < least
                     : normalized(n > m ? n - m : m - n, n, m) * factor < least) {
        return 0.0f;
    }
    float similarity = normalized(osa(a, n, b, m), n, m);
    if (shortest >= 2) return similarity * factor;
    return similarity == 1.0f ? factor : 0.0f;
}

/* The credit of the consonant readings of two words with readings attached (`_read_abjad`):
 * their skeletons, each spoken reading of either against the other's skeleton, and their
 * glides where both have one. Exact where it reaches `least`; else below `least`, and never
 * over the exact credit. */
static float abjad_credit(const Word *left, const Word *right, float least) {
    const Readings *a = left->readings, *b = right->readings;
    const Py_UCS1 *a_skeleton = left->reading_blob, *b_skeleton = right->reading_blob;
    /* Each reading is compared only where it may beat both `least` and the best so far. */
    float credit = skeleton_credit(a_skeleton, a->skeleton_length, b_skeleton,
                                   b->skeleton_length, least);
    for (int side = 0; side < 2; side++) {
        const Readings *own = side ? b : a;
        const Py_UCS1 *spoken = (side ? b_skeleton : a_skeleton) + own->skeleton_length +
                                own->glide_length;
        const Py_UCS1 *other = side ? a_skeleton : b_skeleton;
        Py_ssize_t other_length = side ? a->skeleton_length : b->skeleton_length;
        for (int r = 0; r < own->spoken_count; r++) {
            Py_ssize_t length = spoken[0];
            float bar = credit > least ? credit : least;
            float reading = side ? skeleton_credit(other, other_length, spoken + 1, length, bar)
                                 : skeleton_credit(spoken + 1, length, other, other_length, bar);
            if (reading > credit) credit = reading;
            spoken += 1 + length;
        }
    }
    if (a->glide_length && b->glide_length) {
        float bar = credit > least ? credit : least;
        float reading = skeleton_credit(a_skeleton + a->skeleton_length, a->glide_length,
                                        b_skeleton + b->skeleton_length, b->glide_length, bar);
        if (reading > credit) credit = reading;
    }
    return credit;
}

/* The typing-error reading of two words (`best_typo`, readings below `wanted` 0.0), -1.0
 * when it cannot be read here. */
static double word_typo(const Word *left, const Word *right, double wanted) {
    Py_UCS4 a[MAX_LENGTH], b[MAX_LENGTH];
    for (Py_ssize_t i = 0; i < left->length; i++) a[i] = left->text[i];
    for (Py_ssize_t j = 0; j < right->length; j++) b[j] = right->text[j];
    return best_typo(a, left->length, b, right->length, wanted);
}

/* Whether the typing-error reading may raise a pair of words of these lengths: the length
 * conditions of `_read_typos`, which `fill_matrix` checks again with the spelling. */
static inline int typo_lengths(Py_ssize_t n, Py_ssize_t m) {
    Py_ssize_t longer = n > m ? n : m, gap = n > m ? n - m : m - n;
    return n >= typo_shorter_min_length && m >= typo_shorter_min_length &&
           longer >= typo_min_length && gap <= typo_length_gap;
}

/* `similarity_matrix` less the readings of abjad words: `_spelling`, `_read_typos` (for the
 * rows with no word found as written), `_read_initials` and `_digits_equal`, in that order.
 * Row i is read against floors[i] (0: every pair read exactly): a pair whose spelling cannot
 * reach it is not compared (0, before initials and digits), nor, where the typing-error
 * reading could raise the pair (`typo_lengths`), one whose spelling cannot reach that
 * reading's floor either. Nothing else raises a pair, so pairs at the floor or above read
 * exactly, and a row finds a word as written (a floor is at most loose_factor) as before.
 * 0 when the words cannot be read here, -1 on a Python error. */
static int fill_matrix(const Word *lefts, Py_ssize_t n, const Word *rights, Py_ssize_t m,
                       const float *floors, float *out) {
    float *plain = PyMem_Malloc((size_t)(m > 0 ? m : 1) * sizeof(float));
    Pattern *text = PyMem_Calloc(2, sizeof(Pattern));
    if (plain == NULL || text == NULL) {
        PyMem_Free(plain);
        PyMem_Free(text);
        PyErr_NoMemory();
        return -1;
    }
    Pattern *loose_text = text + 1;
    for (Py_ssize_t i = 0; i < n; i++) {
        const Word *left = &lefts[i];
        float *row = out + i * m;
        int found = 0; /* a word of the row found as written, or as another spelling of it */
        if (left->length <= 64) set_pattern(text, left->text, left->length);
        if (left->loose_length <= 64) set_pattern(loose_text, left->loose, left->loose_length);
        for (Py_ssize_t j = 0; j < m; j++) {
            const Word *right = &rights[j];
            float cut = floors[i];
            if (cut > typo_from && typo_lengths(left->length, right->length)) cut = typo_from;
            if (cut > 0.0f &&
                bound_below(&left->letters, left->length, &right->letters, right->length, 1.0f,
                            cut) &&
                bound_below(&left->loose_letters, left->loose_length, &right->loose_letters,
                            right->loose_length, loose_factor, cut)) {
                plain[j] = 0.0f;
                row[j] = 0.0f;
                continue;
            }
            plain[j] =
                osa_similarity(text, left->text, left->length, right->text, right->length);
            float loose = osa_similarity(loose_text, left->loose, left->loose_length,
                                         right->loose, right->loose_length) *
                          loose_factor;
            float sim = plain[j] > loose ? plain[j] : loose;
            if (sim < loose_factor) {
                if (left->length <= short_length && right->length <= short_length) {
                    sim *= short_factor;
                }
            } else {
                found = 1;
            }
            row[j] = sim;
        }
        for (Py_ssize_t j = 0; j < m && !found; j++) {
            const Word *right = &rights[j];
            Py_ssize_t longer = left->length > right->length ? left->length : right->length;
            Py_ssize_t gap = left->length - right->length;
            if (gap < 0) gap = -gap;
            float sim = row[j];
            if (left->length < typo_shorter_min_length ||
                right->length < typo_shorter_min_length || longer < typo_min_length ||
                sim < typo_from || sim >= typo_below || plain[j] < typo_plain_from ||
                gap > typo_length_gap) {
                continue;
            }
            double typed = word_typo(left, right, floors[i]);
            if (typed < 0.0) {
                PyMem_Free(plain);
                PyMem_Free(text);
                return 0;
            }
            float reading = (float)typed;
            if (reading > typo_cap) reading = typo_cap;
            if (reading > sim) row[j] = reading;
        }
        for (Py_ssize_t j = 0; j < m; j++) {
            const Word *right = &rights[j];
            int same_first = left->length && right->length && left->text[0] == right->text[0];
            if (same_first && left->length == 1 && right->length > 1 &&
                row[j] < initial_similarity) {
                row[j] = initial_similarity;
            }
            if (same_first && left->length > 1 && right->length == 1 &&
                row[j] < list_initial_similarity) {
                row[j] = list_initial_similarity;
            }
            if (left->numeric || right->numeric) {
                if (row[j] < 1.0f) row[j] = 0.0f;
            } else if (left->abjad || right->abjad) {
                /* The consonant readings raise a pair with an abjad word (`_read_abjad`); a
                 * credit is below 1, so a pair with digits stays at 0. Only a credit over the
                 * pair's similarity and the row's floor is read exactly: below the floor a
                 * pair may read lower. */
                float credit = abjad_credit(left, right, row[j] > floors[i] ? row[j] : floors[i]);
                if (credit > row[j]) row[j] = credit;
            }
        }
        if (left->length <= 64) clear_pattern(text, left->text, left->length);
        if (left->loose_length <= 64) clear_pattern(loose_text, left->loose, left->loose_length);
    }
    PyMem_Free(plain);
    PyMem_Free(text);
    return 1;
}

static PyObject *spelling_matrix_of(PyObject *const *args, const Py_buffer *entries,
                                     PyObject *packed, PyObject *const *readings);

/* Whether args[0:4] are (left_texts, left_loose, right_texts, right_loose): four lists, the
 * texts and loose forms of each side of one length. */
static int word_lists(PyObject *const *args) {
    return PyList_Check(args[0]) && PyList_Check(args[1]) && PyList_Check(args[2]) &&
           PyList_Check(args[3]) && PyList_GET_SIZE(args[0]) == PyList_GET_SIZE(args[1]) &&
           PyList_GET_SIZE(args[2]) == PyList_GET_SIZE(args[3]);
}

/* The floor a pair is read against (`fill_matrix`), from a float: at most loose_factor,
 * 0 for none. -1 with an error set where it is no number or the spelling not configured. */
static int spelling_floor(PyObject *floor_arg, float *cut) {
    double floor = PyFloat_AsDouble(floor_arg);
    if (floor == -1.0 && PyErr_Occurred()) return -1;
    if (!configured || !spelling_configured) {
        PyErr_SetString(PyExc_RuntimeError, "call configure() and configure_spelling() first");
        return -1;
    }
    *cut = floor <= 0.0 ? 0.0f : (float)floor < loose_factor ? (float)floor : loose_factor;
    return 0;
}

/* `spelling_floor` of a float, or of each item of a list of `n` floats, into floors[0:n]. */
static int spelling_floors(PyObject *floor_arg, Py_ssize_t n, float *floors) {
    if (PyList_Check(floor_arg)) {
        if (PyList_GET_SIZE(floor_arg) != n) {
            PyErr_SetString(PyExc_ValueError, "spelling_matrix: a floor a left word");
            return -1;
        }
        for (Py_ssize_t i = 0; i < n; i++)
            if (spelling_floor(PyList_GET_ITEM(floor_arg, i), &floors[i]) < 0) return -1;
        return 0;
    }
    float floor;
    if (spelling_floor(floor_arg, &floor) < 0) return -1;
    for (Py_ssize_t i = 0; i < n; i++) floors[i] = floor;
    return 0;
}

/* Whether a word of `left` (a bool buffer), or of `right` at any of `entries` (int64), is
 * abjad; -1 with an error set where the flags do not fit the words. */
static int any_abjad(PyObject *left, Py_ssize_t n, PyObject *right, Py_ssize_t size,
                     const Py_buffer *entries) {
    Py_buffer flags[2] = {{0}};
    int found = -1;
    if (PyObject_GetBuffer(left, &flags[0], PyBUF_C_CONTIGUOUS) < 0) return -1;
    if (PyObject_GetBuffer(right, &flags[1], PyBUF_C_CONTIGUOUS) < 0) goto done;
    if (flags[0].len != n || flags[1].len != size) {
        PyErr_SetString(PyExc_ValueError, "spelling_matrix: an abjad flag (one byte) a word");
        goto done;
    }
    const char *lefts = flags[0].buf, *rights = flags[1].buf;
    const int64_t *at = entries->buf;
    found = 0;
    for (Py_ssize_t i = 0; i < n && !found; i++) found = lefts[i] != 0;
    for (Py_ssize_t k = 0; k < entries->len / 8 && !found; k++) {
        if (at[k] < 0 || at[k] >= size) {
            PyErr_SetString(PyExc_IndexError, "spelling_matrix: an entry out of range");
            found = -1;
            break;
        }
        found = rights[at[k]] != 0;
    }
done:
    PyBuffer_Release(&flags[0]);
    if (flags[1].obj != NULL) PyBuffer_Release(&flags[1]);
    return found;
}

/* spelling_matrix(left_texts, left_loose, right_texts, right_loose, floor[, entries[,
 * left_abjad, right_abjad[, right_packed[, left_readings, right_readings]]]]): a bytearray of
 * len(left) x len(right) float32, row by row, or None where numpy must do the work. Pairs
 * below `floor` (0: none; a float, or a list of one float a left word, each row read against
 * its own) may read lower than their similarity. With `entries` (int64, a buffer), the right
 * words are those of the right lists at these positions; with the abjad flags of both lists
 * (bool buffers) as well, a pair with an abjad word is raised to the credit of the consonant
 * readings (`pack_readings` of each list) where they are given and readable, and the result is
 * None where they are not (numpy reads those further). */
static PyObject *spelling_matrix(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if ((nargs < 5 || nargs > 11 || nargs == 7 || nargs == 10) || !word_lists(args)) {
        PyErr_SetString(PyExc_TypeError,
                        "spelling_matrix(left_texts, left_loose, right_texts, right_loose, "
                        "floor[, entries[, left_abjad, right_abjad[, right_packed[, "
                        "left_readings, right_readings]]]]): lists, texts and loose forms of "
                        "one length");
        return NULL;
    }
    Py_buffer entries = {0};
    if (nargs >= 6) {
        if (PyObject_GetBuffer(args[5], &entries, PyBUF_C_CONTIGUOUS) < 0) return NULL;
        if (entries.len % 8) {
            PyBuffer_Release(&entries);
            PyErr_SetString(PyExc_ValueError, "spelling_matrix: entries are int64");
            return NULL;
        }
    }
    PyObject *readings[4] = {NULL}; /* left_abjad, right_abjad, left and right readings */
    if (nargs >= 8) {
        int abjad = any_abjad(args[6], PyList_GET_SIZE(args[0]), args[7],
                              PyList_GET_SIZE(args[2]), &entries);
        int readable = nargs == 11 && args[9] != Py_None && args[10] != Py_None;
        if (abjad < 0 || (abjad && !readable)) {
            PyBuffer_Release(&entries);
            if (abjad < 0) return NULL;
            Py_RETURN_NONE;
        }
        if (abjad) {
            readings[0] = args[6];
            readings[1] = args[7];
            readings[2] = args[9];
            readings[3] = args[10];
        }
    }
    PyObject *result = spelling_matrix_of(args, nargs >= 6 ? &entries : NULL,
                                          nargs >= 9 ? args[8] : NULL,
                                          readings[0] != NULL ? readings : NULL);
    if (nargs >= 6) PyBuffer_Release(&entries);
    return result;
}

/* Gives the `n` left words and the `m` right words (those at `entries`) the abjad flags and
 * consonant readings of `given`: (left_abjad, right_abjad, left_readings, right_readings).
 * 1, 0 where a word's readings are not readable here, -1 with an error set. */
static int attach_all(PyObject *const *given, Word *lefts, Py_ssize_t n, Word *rights,
                      const int64_t *entries, Py_ssize_t m, Py_ssize_t size) {
    Py_buffer flags[2] = {{0}};
    PackedReadings readings[2] = {{{0}}};
    int status = -1;
    if (PyObject_GetBuffer(given[0], &flags[0], PyBUF_C_CONTIGUOUS) < 0 ||
        PyObject_GetBuffer(given[1], &flags[1], PyBUF_C_CONTIGUOUS) < 0 ||
        take_readings(given[2], n, &readings[0]) < 0 ||
        take_readings(given[3], size, &readings[1]) < 0) {
        goto done;
    }
    const char *left_flags = flags[0].buf, *right_flags = flags[1].buf;
    status = 1;
    for (Py_ssize_t i = 0; i < n && status > 0; i++)
        status = attach_readings(&lefts[i], left_flags[i] != 0, &readings[0], i);
    for (Py_ssize_t j = 0; j < m && status > 0; j++)
        status = attach_readings(&rights[j], right_flags[entries[j]] != 0, &readings[1],
                                 entries[j]);
done:
    for (int i = 0; i < 2; i++) {
        if (flags[i].obj != NULL) PyBuffer_Release(&flags[i]);
        release_block(&readings[i]);
    }
    return status;
}

static PyObject *spelling_matrix_of(PyObject *const *args, const Py_buffer *entries,
                                     PyObject *packed, PyObject *const *readings) {
    Py_ssize_t n = PyList_GET_SIZE(args[0]);
    Py_ssize_t m = entries != NULL ? entries->len / 8 : PyList_GET_SIZE(args[2]);
    Word *words = PyMem_Malloc((size_t)(n + m > 0 ? n + m : 1) * sizeof(Word));
    float *floors = PyMem_Malloc((size_t)(n > 0 ? n : 1) * sizeof(float));
    if (words == NULL || floors == NULL) {
        PyMem_Free(words);
        PyMem_Free(floors);
        return PyErr_NoMemory();
    }
    PyObject *result = NULL;
    ListWords list = {0};
    int read = spelling_floors(args[4], n, floors) < 0 ? -1 : 1;
    if (read > 0 && take_list_words(args, entries != NULL ? packed : NULL, &list) < 0) read = -1;
    if (read > 0) read = read_words(args[0], args[1], NULL, words, n);
    if (read > 0) {
        read = entries != NULL ? read_list_words(&list, entries->buf, words + n, m)
                               : read_words(args[2], args[3], NULL, words + n, m);
    }
    if (read > 0 && readings != NULL) {
        /* The flags' sizes were checked by `any_abjad`, which also checked the entries. */
        read = attach_all(readings, words, n, words + n, entries->buf, m,
                          PyList_GET_SIZE(args[2]));
    }
    if (read > 0) {
        result = PyByteArray_FromStringAndSize(NULL, n * m * (Py_ssize_t)sizeof(float));
        if (result != NULL) {
            read = fill_matrix(words, n, words + n, m, floors,
                               (float *)PyByteArray_AS_STRING(result));
            if (read <= 0) Py_CLEAR(result);
        }
    }
    release_block(&list.packed);
    PyMem_Free(words);
    PyMem_Free(floors);
    if (read < 0) return NULL;
    if (result == NULL) {
        if (PyErr_Occurred()) return NULL;
        Py_RETURN_NONE;
    }
    return result;
}

/* spelling_pairs(left_texts, left_loose, right_texts, right_loose, floor, words, entries): a
 * bytearray of float32, one a pair: the left word at `words` against the right word at
 * `entries` (both int64, one item a pair), as `spelling_matrix` reads that cell when the row of
 * the left word holds the right words of all its pairs: a word found as written in one of its
 * pairs is not read as a typo in the others. `words` must not decrease (a word's pairs come
 * together); None where numpy must do the work. */
static PyObject *spelling_pairs(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 7 || !word_lists(args)) {
        PyErr_SetString(PyExc_TypeError,
                        "spelling_pairs(left_texts, left_loose, right_texts, right_loose, floor, "
                        "words, entries): lists, texts and loose forms of one length");
        return NULL;
    }
    float floor;
    if (spelling_floor(args[4], &floor) < 0) return NULL;
    Py_buffer words = {0}, entries = {0};
    if (PyObject_GetBuffer(args[5], &words, PyBUF_C_CONTIGUOUS) < 0) return NULL;
    if (PyObject_GetBuffer(args[6], &entries, PyBUF_C_CONTIGUOUS) < 0) {
        PyBuffer_Release(&words);
        return NULL;
    }
    PyObject *result = NULL;
    Word *read = NULL;
    Py_ssize_t n = PyList_GET_SIZE(args[0]), pairs = entries.len / 8;
    const int64_t *owner = words.buf;
    if (words.len % 8 || entries.len % 8 || words.len != entries.len) {
        PyErr_SetString(PyExc_ValueError, "spelling_pairs: words and entries, int64, one a pair");
        goto done;
    }
    for (Py_ssize_t k = 0; k < pairs; k++) {
        if (owner[k] < 0 || owner[k] >= n || (k > 0 && owner[k] < owner[k - 1])) {
            PyErr_SetString(PyExc_ValueError, "spelling_pairs: words out of range or order");
            goto done;
        }
    }
    read = PyMem_Malloc((size_t)(n + pairs > 0 ? n + pairs : 1) * sizeof(Word));
    if (read == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    int status = read_words(args[0], args[1], NULL, read, n);
    if (status > 0) status = read_words(args[2], args[3], entries.buf, read + n, pairs);
    if (status > 0) {
        result = PyByteArray_FromStringAndSize(NULL, pairs * (Py_ssize_t)sizeof(float));
        float *out = result != NULL ? (float *)PyByteArray_AS_STRING(result) : NULL;
        for (Py_ssize_t start = 0, end; out != NULL && start < pairs; start = end) {
            for (end = start + 1; end < pairs && owner[end] == owner[start]; end++) {
            }
            status = fill_matrix(read + owner[start], 1, read + n + start, end - start, &floor,
                                 out + start);
            if (status <= 0) break;
        }
    }
    if (status <= 0) Py_CLEAR(result);
done:
    PyMem_Free(read);
    PyBuffer_Release(&words);
    PyBuffer_Release(&entries);
    if (result == NULL && !PyErr_Occurred()) Py_RETURN_NONE;
    return result;
}

/* similar_runs(left_texts, left_loose, right_texts, right_loose, floor, floors, runs,
 *              left_abjad, right_abjad[, right_packed[, left_readings, right_readings]])
 *              -> (entries, similarities, bounds, skipped, best) or None:
 * for each left word k, the entries of runs[k] (int32) whose `spelling_pairs` similarity to it
 * is at least floors[k], in order, as int32 and float32 bytearrays; word k's are
 * entries[bounds[k]:bounds[k + 1]] (int64). A word that is abjad, or whose run holds an abjad
 * entry (left_abjad, right_abjad: a bool buffer each), reads the consonant readings of both
 * sides (`pack_readings` of each list) as `spelling_matrix` does; it is left for the caller,
 * its run empty here and its number in `skipped`, where they are not given (None) or not
 * readable. None where a word
 * is not one byte a letter, as `spelling_pairs`. `right_packed` (`pack_words` of the right
 * lists) is read in place of them. `best` (float32) holds each word's best similarity kept, 0
 * where none (or skipped). */
static PyObject *similar_runs(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if ((nargs < 9 || nargs > 12 || nargs == 11) || !word_lists(args) ||
        !PyList_Check(args[5]) || !PyList_Check(args[6]) ||
        PyList_GET_SIZE(args[5]) != PyList_GET_SIZE(args[0]) ||
        PyList_GET_SIZE(args[6]) != PyList_GET_SIZE(args[0])) {
        PyErr_SetString(PyExc_TypeError,
                        "similar_runs(left_texts, left_loose, right_texts, right_loose, floor, "
                        "floors, runs, left_abjad, right_abjad[, right_packed[, left_readings, "
                        "right_readings]]): a floor and a run a left word");
        return NULL;
    }
    float floor;
    if (spelling_floor(args[4], &floor) < 0) return NULL;
    Py_ssize_t n = PyList_GET_SIZE(args[0]), size = PyList_GET_SIZE(args[2]);
    Py_buffer flags[2] = {{0}};
    Py_buffer *runs = PyMem_Calloc((size_t)(n > 0 ? n : 1), sizeof(Py_buffer));
    Word *lefts = NULL, *rights = NULL;
    int64_t *at = NULL, *bounds = NULL;
    int32_t *kept_entries = NULL;
    float *sims = NULL, *kept_sims = NULL, *best = NULL;
    PyObject *skipped = PyList_New(0), *result = NULL;
    int declined = 0;
    ListWords list = {0};
    PackedReadings readings[2] = {{{0}}};
    int has_readings = nargs == 12 && args[10] != Py_None && args[11] != Py_None;
    if (runs == NULL || skipped == NULL) goto no_memory;
    if (take_list_words(args, nargs >= 10 ? args[9] : NULL, &list) < 0) goto done;
    if (has_readings && (take_readings(args[10], n, &readings[0]) < 0 ||
                         take_readings(args[11], size, &readings[1]) < 0)) {
        goto done;
    }
    if (PyObject_GetBuffer(args[7], &flags[0], PyBUF_C_CONTIGUOUS) < 0 ||
        PyObject_GetBuffer(args[8], &flags[1], PyBUF_C_CONTIGUOUS) < 0) {
        goto done;
    }
    if (flags[0].len != n || flags[1].len != size) {
        PyErr_SetString(PyExc_ValueError, "similar_runs: an abjad flag (one byte) a word");
        goto done;
    }
    /* Every run taken first: the buffers are then made once, as large as the runs need. */
    Py_ssize_t longest = 0, total = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        if (PyObject_GetBuffer(PyList_GET_ITEM(args[6], k), &runs[k], PyBUF_C_CONTIGUOUS) < 0)
            goto done;
        if (runs[k].len % 4) {
            PyErr_SetString(PyExc_ValueError, "similar_runs: runs are int32");
            goto done;
        }
        Py_ssize_t m = runs[k].len / 4;
        const int32_t *entries = runs[k].buf;
        for (Py_ssize_t i = 0; i < m; i++) {
            if (entries[i] < 0 || entries[i] >= size) {
                PyErr_SetString(PyExc_IndexError, "similar_runs: an entry out of range");
                goto done;
            }
        }
        if (m > longest) longest = m;
        total += m;
    }
    lefts = PyMem_Malloc((size_t)(n > 0 ? n : 1) * sizeof(Word));
    rights = PyMem_Malloc((size_t)(longest > 0 ? longest : 1) * sizeof(Word));
    at = PyMem_Malloc((size_t)(longest > 0 ? longest : 1) * sizeof(int64_t));
    sims = PyMem_Malloc((size_t)(longest > 0 ? longest : 1) * sizeof(float));
    bounds = PyMem_Malloc((size_t)(n + 1) * sizeof(int64_t));
    kept_entries = PyMem_Malloc((size_t)(total > 0 ? total : 1) * sizeof(int32_t));
    kept_sims = PyMem_Malloc((size_t)(total > 0 ? total : 1) * sizeof(float));
    best = PyMem_Calloc((size_t)(n > 0 ? n : 1), sizeof(float));
    if (!lefts || !rights || !at || !sims || !bounds || !kept_entries || !kept_sims || !best)
        goto no_memory;
    int status = read_words(args[0], args[1], NULL, lefts, n);
    if (status <= 0) {
        declined = status == 0;
        goto done;
    }
    const char *left_flags = flags[0].buf, *right_flags = flags[1].buf;
    Py_ssize_t kept = 0;
    bounds[0] = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        bounds[k + 1] = kept;
        Py_ssize_t m = runs[k].len / 4;
        const int32_t *entries = runs[k].buf;
        int abjad = left_flags[k] != 0;
        for (Py_ssize_t i = 0; i < m && !abjad; i++) abjad = right_flags[entries[i]] != 0;
        int skip = abjad && !has_readings;
        if (!skip && m == 0) continue;
        if (!skip) {
            for (Py_ssize_t i = 0; i < m; i++) at[i] = entries[i];
            status = read_list_words(&list, at, rights, m);
            if (status <= 0) {
                declined = status == 0;
                goto done;
            }
        }
        if (!skip && abjad) {
            /* Every pair of the run reads the consonant readings of both words: their credit
             * applies where either is abjad. A word whose readings are not readable here
             * leaves its run to the caller. */
            status = attach_readings(&lefts[k], left_flags[k] != 0, &readings[0], k);
            for (Py_ssize_t i = 0; i < m && status > 0; i++)
                status = attach_readings(&rights[i], right_flags[entries[i]] != 0, &readings[1],
                                         entries[i]);
            if (status < 0) goto done;
            skip = status == 0;
        }
        if (skip) {
            PyObject *number = PyLong_FromSsize_t(k);
            int appended = number != NULL ? PyList_Append(skipped, number) : -1;
            Py_XDECREF(number);
            if (appended < 0) goto done;
            continue;
        }
        float least = (float)PyFloat_AsDouble(PyList_GET_ITEM(args[5], k));
        if (PyErr_Occurred()) goto done;
        /* Only pairs at the word's own floor are kept: read against it (or `floor`, if
         * higher: pairs below it may read lower, as documented). */
        float row_floor;
        if (spelling_floor(PyList_GET_ITEM(args[5], k), &row_floor) < 0) goto done;
        if (row_floor < floor) row_floor = floor;
        status = fill_matrix(lefts + k, 1, rights, m, &row_floor, sims);
        if (status <= 0) {
            declined = status == 0;
            goto done;
        }
        for (Py_ssize_t i = 0; i < m; i++) {
            if (sims[i] >= least) {
                kept_entries[kept] = entries[i];
                kept_sims[kept++] = sims[i];
                if (sims[i] > best[k]) best[k] = sims[i];
            }
        }
        bounds[k + 1] = kept;
    }
    PyObject *found = PyByteArray_FromStringAndSize((const char *)kept_entries, kept * 4);
    PyObject *scored = found ? PyByteArray_FromStringAndSize((const char *)kept_sims, kept * 4)
                             : NULL;
    PyObject *limits = scored ? PyByteArray_FromStringAndSize((const char *)bounds,
                                                              (n + 1) * (Py_ssize_t)8)
                              : NULL;
    PyObject *bests = limits ? PyByteArray_FromStringAndSize((const char *)best,
                                                             n * (Py_ssize_t)sizeof(float))
                             : NULL;
    if (bests) result = PyTuple_Pack(5, found, scored, limits, skipped, bests);
    Py_XDECREF(found);
    Py_XDECREF(scored);
    Py_XDECREF(limits);
    Py_XDECREF(bests);
    goto done;
no_memory:
    PyErr_NoMemory();
done:
    for (Py_ssize_t k = 0; runs != NULL && k < n; k++)
        if (runs[k].obj != NULL) PyBuffer_Release(&runs[k]);
    for (int i = 0; i < 2; i++)
        if (flags[i].obj != NULL) PyBuffer_Release(&flags[i]);
    release_block(&list.packed);
    release_block(&readings[0]);
    release_block(&readings[1]);
    PyMem_Free(runs);
    PyMem_Free(lefts);
    PyMem_Free(rights);
    PyMem_Free(at);
    PyMem_Free(sims);
    PyMem_Free(bounds);
    PyMem_Free(kept_entries);
    PyMem_Free(kept_sims);
    PyMem_Free(best);
    Py_XDECREF(skipped);
    if (result == NULL && declined && !PyErr_Occurred()) Py_RETURN_NONE;
    return result;
}

/* entries_within(text, texts, entries, max_edits, shortest, longest[, packed]): (kept int32,
 * distances int8) as two bytearrays: the entries (int32) whose word in `texts` has `shortest`
 * to `longest` letters and is within `max_edits` of `text` by optimal string alignment, in
 * order, with their distances. None where a word is not one byte a letter. `packed`
 * (`pack_words` of `texts` and their loose forms) is read in place of `texts`. */
static PyObject *entries_within(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if ((nargs != 6 && nargs != 7) || !PyUnicode_Check(args[0]) || !PyList_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "entries_within(text, texts, entries, max_edits, "
                                         "shortest, longest[, packed])");
        return NULL;
    }
    Py_ssize_t max_edits = PyLong_AsSsize_t(args[3]);
    Py_ssize_t shortest = PyLong_AsSsize_t(args[4]);
    Py_ssize_t longest = PyLong_AsSsize_t(args[5]);
    if (PyErr_Occurred()) return NULL;
    PyObject *text = args[0], *texts = args[1];
    if (PyUnicode_KIND(text) != PyUnicode_1BYTE_KIND) Py_RETURN_NONE;
    PackedWords packed = {0};
    int has_packed = nargs == 7 && args[6] != Py_None;
    if (has_packed && take_packed(args[6], PyList_GET_SIZE(texts), &packed) < 0) return NULL;
    Py_buffer entries = {0};
    if (PyObject_GetBuffer(args[2], &entries, PyBUF_C_CONTIGUOUS) < 0) {
        release_block(&packed);
        return NULL;
    }
    const Py_UCS1 *a = PyUnicode_1BYTE_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), count = entries.len / 4;
    Py_ssize_t size = PyList_GET_SIZE(texts);
    const int32_t *at = entries.buf;
    uint64_t own = letter_bits(a, n);
    Pattern *pattern = n >= 1 && n <= 64 ? PyMem_Calloc(1, sizeof(Pattern)) : NULL;
    char *kept = PyMem_Malloc((size_t)(count > 0 ? count : 1) * 5);
    PyObject *result = NULL;
    Py_ssize_t found = 0;
    int declined = 0;
    if (entries.len % 4) {
        PyErr_SetString(PyExc_ValueError, "entries_within: entries are int32");
        goto done;
    }
    if (kept == NULL || (n >= 1 && n <= 64 && pattern == NULL)) {
        PyErr_NoMemory();
        goto done;
    }
    if (pattern != NULL) set_pattern(pattern, a, n);
    char *distances = kept + count * 4;
    for (Py_ssize_t k = 0; k < count; k++) {
        if (at[k] < 0 || at[k] >= size) {
            PyErr_SetString(PyExc_IndexError, "entries_within: an entry out of range");
            goto done;
        }
        const Py_UCS1 *b;
        Py_ssize_t m;
        uint64_t theirs;
        if (has_packed) {
            Word word;
            if (read_packed(&packed, (const int64_t[]){at[k]}, &word, 1) <= 0) {
                if (PyErr_Occurred()) goto done;
                declined = 1;
                break;
            }
            b = word.text;
            m = word.length;
            if (m < shortest || m > longest) continue;
            theirs = word.letters.set;
        } else {
            PyObject *other = PyList_GET_ITEM(texts, at[k]);
            if (!PyUnicode_Check(other) || PyUnicode_KIND(other) != PyUnicode_1BYTE_KIND ||
                (n > 64 && (n > MAX_LENGTH || PyUnicode_GET_LENGTH(other) > MAX_LENGTH))) {
                declined = 1;
                break;
            }
            b = PyUnicode_1BYTE_DATA(other);
            m = PyUnicode_GET_LENGTH(other);
            if (m < shortest || m > longest) continue;
            theirs = letter_bits(b, m);
        }
        if (bit_count(theirs & ~own) > max_edits || bit_count(own & ~theirs) > max_edits) continue;
        Py_ssize_t distance = n == 0 || m == 0 ? (n > m ? n : m)
                              : pattern != NULL ? osa_bits(pattern, n, b, m)
                                                : osa(a, n, b, m);
        if (distance > max_edits) continue;
        memcpy(kept + found * 4, &at[k], 4);
        distances[found] = (char)distance;
        found++;
    }
    if (declined) {
        result = Py_NewRef(Py_None);
    } else {
        PyObject *entries_kept = PyByteArray_FromStringAndSize(kept, found * 4);
        PyObject *edits = entries_kept ? PyByteArray_FromStringAndSize(distances, found) : NULL;
        if (edits) result = PyTuple_Pack(2, entries_kept, edits);
        Py_XDECREF(entries_kept);
        Py_XDECREF(edits);
    }
done:
    PyMem_Free(pattern);
    PyMem_Free(kept);
    PyBuffer_Release(&entries);
    release_block(&packed);
    return result;
}

/* configure_spelling(loose_factor, short_factor, short_length, typo_min_length,
 * typo_shorter_min_length, typo_length_gap, typo_from, typo_below, typo_plain_from, typo_cap,
 * initial_similarity, list_initial_similarity): the constants of similarity.py. */
static PyObject *configure_spelling(PyObject *module, PyObject *args) {
    if (!PyArg_ParseTuple(args, "ffnnnnffffff", &loose_factor, &short_factor, &short_length,
                          &typo_min_length, &typo_shorter_min_length, &typo_length_gap,
                          &typo_from, &typo_below, &typo_plain_from, &typo_cap,
                          &initial_similarity, &list_initial_similarity)) {
        return NULL;
    }
    spelling_configured = 1;
    Py_RETURN_NONE;
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
    double value = swaps ? best_typo(a, n, b, m, 0.0) : typo(a, n, b, m);
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
    {"pack_words", (PyCFunction)(void (*)(void))pack_words, METH_FASTCALL,
     "pack_words(texts, loose) -> bytearray: a list's words as the readers take them"},
    {"pack_readings", (PyCFunction)(void (*)(void))pack_readings, METH_FASTCALL,
     "pack_readings(skeletons, spoken, glides) -> bytearray: a list's consonant readings"},
    {"typo_similarities", (PyCFunction)(void (*)(void))typo_similarities, METH_FASTCALL,
     "typo_similarities(lefts, rights[, best]) -> list of float or None"},
    {"spelling_matrix", (PyCFunction)(void (*)(void))spelling_matrix, METH_FASTCALL,
     "spelling_matrix(left_texts, left_loose, right_texts, right_loose, floor[, entries[, "
     "left_abjad, right_abjad[, right_packed[, left_readings, right_readings]]]]) -> bytearray "
     "or None"},
    {"entries_within", (PyCFunction)(void (*)(void))entries_within, METH_FASTCALL,
     "entries_within(text, texts, entries, max_edits, shortest, longest) -> (kept, distances) "
     "or None"},
    {"similar_runs", (PyCFunction)(void (*)(void))similar_runs, METH_FASTCALL,
     "similar_runs(left_texts, left_loose, right_texts, right_loose, floor, floors, runs, "
     "left_abjad, right_abjad[, right_packed[, left_readings, right_readings]]) -> (entries, "
     "similarities, bounds, skipped, best) or None"},
    {"spelling_pairs", (PyCFunction)(void (*)(void))spelling_pairs, METH_FASTCALL,
     "spelling_pairs(left_texts, left_loose, right_texts, right_loose, floor, words, entries) "
     "-> bytearray or None"},
    {"configure_spelling", configure_spelling, METH_VARARGS,
     "configure_spelling(loose_factor, short_factor, short_length, typo_min_length, "
     "typo_shorter_min_length, typo_length_gap, typo_from, typo_below, typo_plain_from, "
     "typo_cap, initial_similarity, list_initial_similarity)"},
    {"configure", configure, METH_VARARGS,
     "configure(neighbours, cheap_edit, neighbour_edit, dropped_letter, min_similarity, "
     "tolerance)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_typo", "Typing-error similarity, compiled.", -1, methods,
};

PyMODINIT_FUNC PyInit__typo(void) { return PyModule_Create(&module); }
