/* The cache of the minimum-cover counter (mincount.c): counted
 * subproblems (U, F) under the exact list of their rows and PIs, with
 * their exact (m, N) or a proven lower bound on m. Open addressing over
 * entries packed in one pool of words; both grow up to the memory cap,
 * then the cache is emptied (the counts stay exact, only slower). */
#include <stdlib.h>
#include <string.h>

#include "common/bits.h"
#include "cover/mincount.h"
#include "cover/mincount_internal.h"

uint64_t fsq__mc_hash(const uint32_t *key, size_t len)
{
    uint64_t h = UINT64_C(0x9e3779b97f4a7c15) ^ len;
    for (size_t i = 0; i < len; i++) {
        h = (h ^ key[i]) * UINT64_C(0xff51afd7ed558ccd);
        h ^= h >> 29;
    }
    return h ^ (h >> 32);
}

/* The key of (U, F) into s->key: |U|, U's rows, F's PIs; returns its length. */
size_t fsq__mc_make_key(fsq__mc *s, const uint64_t *u, const uint64_t *f)
{
    size_t len = 1;
    for (size_t w = 0; w < s->cw; w++)
        for (uint64_t bits = u[w]; bits; bits &= bits - 1)
            s->key[len++] = (uint32_t)(w * 64 + (size_t)fsq__ctz64(bits));
    s->key[0] = (uint32_t)(len - 1);
    for (size_t w = 0; w < s->pw; w++)
        for (uint64_t bits = f[w]; bits; bits &= bits - 1)
            s->key[len++] = (uint32_t)(w * 64 + (size_t)fsq__ctz64(bits));
    return len;
}

static int key_equal(const uint64_t *entry, const uint32_t *key, size_t len)
{
    if ((size_t)(entry[0] >> 32) != len)
        return 0;
    const uint64_t *kw = entry + 2;
    for (size_t i = 0; i < len; i += 2) {
        uint64_t w = key[i] | (i + 1 < len ? (uint64_t)key[i + 1] << 32 : 0);
        if (kw[i / 2] != w)
            return 0;
    }
    return 1;
}

/* The entry of the key (s->key, len), or NULL; *slot: where it is or goes. */
const uint64_t *fsq__mc_cache_find(const fsq__mc *s, size_t len, uint64_t hash, size_t *slot)
{
    if (!s->nslots)
        return NULL;
    size_t mask = s->nslots - 1;
    for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
        const mc_slot *sl = &s->slots[i];
        if (!sl->off) {
            *slot = i;
            return NULL;
        }
        if (sl->hash == hash && key_equal(s->pool + sl->off - 1, s->key, len)) {
            *slot = i;
            return s->pool + sl->off - 1;
        }
    }
}

static void cache_clear(fsq__mc *s)
{
    memset(s->slots, 0, s->nslots * sizeof *s->slots);
    s->used = 0;
    s->pool_used = 0;
}

/* Stores (key, m, exact, count) under the key's hash; the slot of an
 * earlier entry of the same key is repointed. Without room: the cache is
 * emptied first, or nothing is stored (never an error). */
void fsq__mc_cache_store(fsq__mc *s, size_t len, uint64_t hash, size_t m, int exact,
                        mpz_srcptr count)
{
    size_t nlimbs = exact ? mpz_size(count) : 0, need = 2 + (len + 1) / 2 + nlimbs, slot = 0;
    if (!s->nslots)
        return;
    if (need * sizeof(uint64_t) > s->cache_bytes / 8)
        return; /* one huge entry: not worth a place */
    if (s->pool_used + need > s->pool_cap) {
        size_t cap = s->pool_cap ? s->pool_cap : 1;
        while (cap < s->pool_used + need)
            cap *= 2;
        uint64_t *grown = NULL;
        if ((cap + s->nslots * 2) * sizeof(uint64_t) <= s->cache_bytes)
            grown = realloc(s->pool, cap * sizeof *grown);
        if (grown) {
            s->pool = grown;
            s->pool_cap = cap;
        } else {
            cache_clear(s);
            if (need > s->pool_cap)
                return;
        }
    }
    if ((s->used + 1) * 10 > s->nslots * 7) {
        size_t grow = s->nslots * 2;
        mc_slot *slots = NULL;
        if ((s->pool_cap + grow * 2) * sizeof(uint64_t) <= s->cache_bytes)
            slots = calloc(grow, sizeof *slots);
        if (slots) {
            for (size_t i = 0; i < s->nslots; i++)
                if (s->slots[i].off) {
                    size_t j = (size_t)s->slots[i].hash & (grow - 1);
                    while (slots[j].off)
                        j = (j + 1) & (grow - 1);
                    slots[j] = s->slots[i];
                }
            free(s->slots);
            s->slots = slots;
            s->nslots = grow;
        } else {
            cache_clear(s);
        }
    }
    if (!fsq__mc_cache_find(s, len, hash, &slot))
        s->used++;
    uint64_t *e = s->pool + s->pool_used;
    e[0] = (uint64_t)len << 32 | nlimbs;
    e[1] = (uint64_t)m << 1 | (uint64_t)(exact != 0);
    for (size_t i = 0; i < len; i += 2)
        e[2 + i / 2] = s->key[i] | (i + 1 < len ? (uint64_t)s->key[i + 1] << 32 : 0);
    const mp_limb_t *limbs = nlimbs ? mpz_limbs_read(count) : NULL;
    for (size_t i = 0; i < nlimbs; i++)
        e[2 + (len + 1) / 2 + i] = (uint64_t)limbs[i];
    s->slots[slot] = (mc_slot){hash, s->pool_used + 1};
    s->pool_used += need;
}

void fsq__mc_entry_count(const uint64_t *e, mpz_ptr out)
{
    size_t len = (size_t)(e[0] >> 32), nlimbs = (size_t)(e[0] & 0xffffffffu);
    mp_limb_t *limbs = mpz_limbs_write(out, (mp_size_t)(nlimbs ? nlimbs : 1));
    for (size_t i = 0; i < nlimbs; i++)
        limbs[i] = (mp_limb_t)e[2 + (len + 1) / 2 + i];
    mpz_limbs_finish(out, (mp_size_t)nlimbs);
}

