// SPDX-License-Identifier: BSD-2-Clause
/* UUID text form (RFC 4122 §3), for properties and tee_uuid_from_str. */
#include <stdio.h>
#include <tee_internal_api_extensions.h>
#include "utee_private.h"

void vt_uuid_fmt(const TEE_UUID *u, char out[37])
{
	const uint8_t *c = u->clockSeqAndNode;

	snprintf(out, 37,
		 "%08" PRIx32 "-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 u->timeLow, u->timeMid, u->timeHiAndVersion, c[0], c[1], c[2],
		 c[3], c[4], c[5], c[6], c[7]);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* hexbytes parses 2*n hex digits at s into out, big-endian. */
static bool hexbytes(const char *s, uint8_t *out, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int hi = hexval(s[2 * i]), lo;

		if (hi < 0)
			return false;
		lo = hexval(s[2 * i + 1]);
		if (lo < 0)
			return false;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return true;
}

TEE_Result tee_uuid_from_str(TEE_UUID *uuid, const char *s)
{
	uint8_t b[16];
	size_t i;

	if (!uuid || !s)
		return TEE_ERROR_BAD_FORMAT;
	for (i = 0; i < 36; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;

		if (!s[i] || (s[i] == '-') != dash)
			return TEE_ERROR_BAD_FORMAT;
	}
	if (s[36] || !hexbytes(s, b, 4) || !hexbytes(s + 9, b + 4, 2) ||
	    !hexbytes(s + 14, b + 6, 2) || !hexbytes(s + 19, b + 8, 2) ||
	    !hexbytes(s + 24, b + 10, 6))
		return TEE_ERROR_BAD_FORMAT;
	uuid->timeLow = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
			(uint32_t)b[2] << 8 | b[3];
	uuid->timeMid = (uint16_t)(b[4] << 8 | b[5]);
	uuid->timeHiAndVersion = (uint16_t)(b[6] << 8 | b[7]);
	for (i = 0; i < 8; i++)
		uuid->clockSeqAndNode[i] = b[8 + i];
	return TEE_SUCCESS;
}
