/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Attribute and builtin shorthands OP-TEE's sources and TAs use
 * (__maybe_unused, __packed, __aligned(), __printf(), the overflow
 * builtins, fallthrough, ...), under OP-TEE's names. trace.h includes this
 * header, as OP-TEE's does, so TA code that writes
 * "TEE_Param __maybe_unused params[4]" builds with tee_internal_api.h alone.
 * Section placement macros are kept for source compatibility only: a wasm
 * module has no linker script that gives them a meaning.
 */
#ifndef COMPILER_H
#define COMPILER_H

#define __deprecated   __attribute__((deprecated))
#ifndef __packed
#define __packed       __attribute__((packed))
#endif
#define __weak         __attribute__((weak))
#define __alias(x)     __attribute__((alias(x)))
#ifndef __noreturn
#define __noreturn     __attribute__((__noreturn__))
#endif
#define __pure         __attribute__((pure))
#define __aligned(x)   __attribute__((aligned(x)))
#define __printf(a, b) __attribute__((format(printf, a, b)))
#define __noinline     __attribute__((noinline))
#define __attr_const   __attribute__((__const__))
/* wasi-libc names struct fields __unused (mqueue.h): include those first. */
#ifndef __unused
#define __unused       __attribute__((unused))
#endif
#define __maybe_unused __attribute__((unused))
#ifndef __used
#define __used         __attribute__((__used__))
#endif
#define __must_check   __attribute__((warn_unused_result))
#define __cold         __attribute__((__cold__))
#define __section(x)   __attribute__((section(x)))
#define __data         __section(".data")
#define __bss          __section(".bss")
#define __rodata       __section(".rodata")
#define __noprof       __attribute__((no_instrument_function))
#define __nostackcheck __attribute__((no_instrument_function))
#define __no_stackprot

#define __compiler_bswap64(x) __builtin_bswap64((x))
#define __compiler_bswap32(x) __builtin_bswap32((x))
#define __compiler_bswap16(x) __builtin_bswap16((x))

/* Nonzero when a op b does not fit *res; *res is the wrapped result. */
#define __HAVE_BUILTIN_OVERFLOW 1
#define __compiler_add_overflow(a, b, res) __builtin_add_overflow((a), (b), (res))
#define __compiler_sub_overflow(a, b, res) __builtin_sub_overflow((a), (b), (res))
#define __compiler_mul_overflow(a, b, res) __builtin_mul_overflow((a), (b), (res))

#define __compiler_compare_and_swap(p, oval, nval) \
	__atomic_compare_exchange_n((p), (oval), (nval), 1, \
				    __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)
#define __compiler_atomic_load(p) __atomic_load_n((p), __ATOMIC_RELAXED)
#define __compiler_atomic_store(p, val) \
	__atomic_store_n((p), (val), __ATOMIC_RELAXED)

#define barrier() __asm__ volatile("" : : : "memory")

#ifndef fallthrough
#define fallthrough __attribute__((__fallthrough__))
#endif

#endif /* COMPILER_H */
