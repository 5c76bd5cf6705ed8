/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * OP-TEE's util.h helpers that TAs use: sizes, MIN/MAX, ARRAY_SIZE,
 * rounding, bit masks, overflow-checked arithmetic and container_of, under
 * OP-TEE's names and with its semantics (MIN and MAX evaluate each argument
 * once; the *_OVERFLOW macros return true when the result does not fit).
 */
#ifndef UTIL_H
#define UTIL_H

#include <compiler.h>
#include <stddef.h>
#include <stdint.h>

#define SIZE_4K  UINTPTR_C(0x1000)
#define SIZE_1M  UINTPTR_C(0x100000)
#define SIZE_2M  UINTPTR_C(0x200000)
#define SIZE_4M  UINTPTR_C(0x400000)
#define SIZE_8M  UINTPTR_C(0x800000)
#define SIZE_2G  UINTPTR_C(0x80000000)

#ifndef MAX
#define MAX(a, b) \
	(__extension__({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); \
			 _a > _b ? _a : _b; }))
#define MIN(a, b) \
	(__extension__({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); \
			 _a < _b ? _a : _b; }))
#endif
/* For constant expressions: each argument may be evaluated twice. */
#define MAX_UNSAFE(a, b) (((a) > (b)) ? (a) : (b))
#define MIN_UNSAFE(a, b) (((a) < (b)) ? (a) : (b))

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(x) (sizeof(x) / sizeof((x)[0]))
#endif

/* v rounded to a multiple of size, a power of two. */
#define ROUNDUP(v, size) (((v) + ((__typeof__(v))(size) - 1)) & \
			  ~((__typeof__(v))(size) - 1))
#define ROUNDDOWN(v, size) ((v) & ~((__typeof__(v))(size) - 1))
/* ROUNDUP into *res, true when it overflows. */
#define ROUNDUP_OVERFLOW(v, size, res) \
	(__extension__({ __typeof__(*(res)) __roundup_tmp = 0; \
			 __typeof__(v) __roundup_mask = (__typeof__(v))(size) - 1; \
			 ADD_OVERFLOW((v), __roundup_mask, &__roundup_tmp) ? 1 : \
			 ((void)(*(res) = __roundup_tmp & ~__roundup_mask), 0); }))
#define DIV_ROUND_UP(x, y) (((x) + (y) - 1) / (y))
#define IS_POWER_OF_TWO(x) (((x) != 0) && (((x) & (~(x) + 1)) == (x)))
#define IS_ALIGNED(x, a) (((x) & ((a) - 1)) == 0)
#define IS_ALIGNED_WITH_TYPE(x, type) \
	(__extension__({ type __is_aligned_y; \
			 IS_ALIGNED((uintptr_t)(x), __alignof__(__is_aligned_y)); }))

#define TO_STR(x) _TO_STR(x)
#define _TO_STR(x) #x
#define CONCAT(x, y) _CONCAT(x, y)
#define _CONCAT(x, y) x##y

#define container_of(ptr, type, member) \
	(__extension__({ const __typeof__(((type *)0)->member) *__ptr = (ptr); \
			 (type *)((unsigned long)(__ptr) - offsetof(type, member)); }))

#define BIT32(nr) (UINT32_C(1) << (nr))
#define BIT64(nr) (UINT64_C(1) << (nr))
#define BIT(nr) BIT32(nr)
#define SHIFT_U32(v, shift) ((uint32_t)(v) << (shift))
#define SHIFT_U64(v, shift) ((uint64_t)(v) << (shift))
/* Bits h down to l set. */
#define GENMASK_32(h, l) \
	((UINT32_C(0xffffffff) << (l)) & (UINT32_C(0xffffffff) >> (31 - (h))))
#define GENMASK_64(h, l) \
	((UINT64_C(0xffffffffffffffff) << (l)) & \
	 (UINT64_C(0xffffffffffffffff) >> (63 - (h))))

/* a op b into *res; true when the result does not fit. */
#define ADD_OVERFLOW(a, b, res) __compiler_add_overflow((a), (b), (res))
#define SUB_OVERFLOW(a, b, res) __compiler_sub_overflow((a), (b), (res))
#define MUL_OVERFLOW(a, b, res) __compiler_mul_overflow((a), (b), (res))

static inline uint64_t reg_pair_to_64(uint32_t reg0, uint32_t reg1)
{
	return (uint64_t)reg0 << 32 | reg1;
}

static inline uint32_t high32_from_64(uint64_t val)
{
	return val >> 32;
}

static inline uint32_t low32_from_64(uint64_t val)
{
	return val & UINT32_MAX;
}

static inline void reg_pair_from_64(uint64_t val, uint32_t *reg0,
				    uint32_t *reg1)
{
	*reg0 = high32_from_64(val);
	*reg1 = low32_from_64(val);
}

#endif /* UTIL_H */
