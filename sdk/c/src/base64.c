// SPDX-License-Identifier: BSD-2-Clause
/*
 * Base64 (RFC 4648 §4): binary-block properties are written as base64 text
 * in user_ta_header_defines.h, as in OP-TEE, and TEE_GetPropertyAsString
 * renders a binary block as base64 (GPD_SPE_010 §4.4.3).
 */
#include "utee_private.h"

static const char b64[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

size_t vt_base64_enc_len(size_t n)
{
	return (n + 2) / 3 * 4;
}

void vt_base64_enc(const uint8_t *src, size_t n, char *dst)
{
	size_t i;

	for (i = 0; i + 2 < n; i += 3) {
		uint32_t v = (uint32_t)src[i] << 16 | (uint32_t)src[i + 1] << 8 |
			     src[i + 2];
		*dst++ = b64[v >> 18];
		*dst++ = b64[(v >> 12) & 63];
		*dst++ = b64[(v >> 6) & 63];
		*dst++ = b64[v & 63];
	}
	if (i < n) {
		uint32_t v = (uint32_t)src[i] << 16;

		if (i + 1 < n)
			v |= (uint32_t)src[i + 1] << 8;
		*dst++ = b64[v >> 18];
		*dst++ = b64[(v >> 12) & 63];
		*dst++ = i + 1 < n ? b64[(v >> 6) & 63] : '=';
		*dst++ = '=';
	}
}

static int b64val(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

bool vt_base64_dec(const char *s, uint8_t *dst, size_t *n)
{
	uint32_t acc = 0;
	size_t bits = 0, out = 0, pad = 0, i;

	for (i = 0; s[i]; i++) {
		int v;

		if (s[i] == '=') {
			pad++;
			continue;
		}
		if (pad)
			return false; /* data after padding */
		v = b64val(s[i]);
		if (v < 0)
			return false;
		acc = acc << 6 | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (dst)
				dst[out] = (uint8_t)(acc >> bits);
			out++;
		}
	}
	if ((i % 4) != 0 || pad > 2 || bits >= 6)
		return false;
	*n = out;
	return true;
}
