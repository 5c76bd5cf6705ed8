/* SPDX-License-Identifier: BSD-2-Clause */
/* Internal helpers of the Veritee C SDK (the libutee analogue). */
#ifndef UTEE_PRIVATE_H
#define UTEE_PRIVATE_H

#include <stddef.h>
#include <stdint.h>
#include <tee_internal_api.h>
#include <utee_syscalls.h>

/* VT_ADDR passes a pointer to a system call: an address in linear memory. */
#define VT_ADDR(p) ((uint32_t)(uintptr_t)(p))

/* Exported to the core under the given name (docs/ta-abi.md). */
#define VT_EXPORT(name) __attribute__((export_name(name), used))

/* Base64 (RFC 4648, standard alphabet, padded) used by the properties. */
size_t vt_base64_enc_len(size_t n);
void vt_base64_enc(const uint8_t *src, size_t n, char *dst);
/* vt_base64_dec decodes s; with dst NULL it only measures. false if bad. */
bool vt_base64_dec(const char *s, uint8_t *dst, size_t *n);

/* vt_uuid_fmt writes the canonical 36-character form plus a NUL. */
void vt_uuid_fmt(const TEE_UUID *u, char out[37]);

#endif /* UTEE_PRIVATE_H */
