// SPDX-License-Identifier: BSD-2-Clause
/*
 * Data streams of persistent objects (GPD_SPE_010 §5.9): read, write,
 * truncate, seek. The data position is the handle's and lives in the core,
 * as do the access rights: reading without TEE_DATA_FLAG_ACCESS_READ or
 * writing without ACCESS_WRITE comes back ACCESS_CONFLICT, which GP does
 * not list for these functions, so the TA panics, as with libutee.
 */
#include <limits.h>
#include "crypto_private.h"

/*
 * TEE_ReadObjectData (§5.9.1) reads up to size bytes from the data
 * position into buffer and advances the position; *count is the number
 * read, fewer than size only at the end of the stream. Results:
 * TEE_SUCCESS, TEE_ERROR_CORRUPT_OBJECT, TEE_ERROR_STORAGE_NOT_AVAILABLE.
 */
TEE_Result TEE_ReadObjectData(TEE_ObjectHandle object, void *buffer,
			      size_t size, size_t *count)
{
	uint32_t n = 0;
	TEE_Result res;

	vt_check_ptr(count);
	vt_check_in(buffer, size);
	res = _utee_storage_obj_read(VT_H(object), VT_ADDR(buffer), size,
				     VT_ADDR(&n));
	vt_allow(res, 2, TEE_ERROR_CORRUPT_OBJECT,
		 TEE_ERROR_STORAGE_NOT_AVAILABLE);
	*count = res == TEE_SUCCESS ? n : 0;
	return res;
}

/*
 * TEE_WriteObjectData (§5.9.2) writes size bytes at the data position,
 * zero-filling up to it when it lies past the end, and advances it.
 * Results: TEE_SUCCESS, TEE_ERROR_STORAGE_NO_SPACE, TEE_ERROR_OVERFLOW
 * (the position would pass TEE_DATA_MAX_POSITION),
 * TEE_ERROR_CORRUPT_OBJECT, TEE_ERROR_STORAGE_NOT_AVAILABLE.
 */
TEE_Result TEE_WriteObjectData(TEE_ObjectHandle object, const void *buffer,
			       size_t size)
{
	vt_check_in(buffer, size);
	return vt_allow(_utee_storage_obj_write(VT_H(object), VT_ADDR(buffer),
						size),
			4, TEE_ERROR_STORAGE_NO_SPACE, TEE_ERROR_OVERFLOW,
			TEE_ERROR_CORRUPT_OBJECT,
			TEE_ERROR_STORAGE_NOT_AVAILABLE);
}

/*
 * TEE_TruncateObjectData (§5.9.3) cuts the data stream to size bytes or
 * extends it with zeros; the position stays. Results: TEE_SUCCESS,
 * TEE_ERROR_STORAGE_NO_SPACE, TEE_ERROR_CORRUPT_OBJECT,
 * TEE_ERROR_STORAGE_NOT_AVAILABLE.
 */
TEE_Result TEE_TruncateObjectData(TEE_ObjectHandle object, size_t size)
{
	return vt_allow(_utee_storage_obj_trunc(VT_H(object), size), 3,
			TEE_ERROR_STORAGE_NO_SPACE, TEE_ERROR_CORRUPT_OBJECT,
			TEE_ERROR_STORAGE_NOT_AVAILABLE);
}

static TEE_Result seek_allow(TEE_Result res)
{
	return vt_allow(res, 3, TEE_ERROR_OVERFLOW, TEE_ERROR_CORRUPT_OBJECT,
			TEE_ERROR_STORAGE_NOT_AVAILABLE);
}

/*
 * seek_far serves an offset outside int32_t, which the seek system call
 * cannot carry. It computes the new position from the object's info as the
 * core would (a negative result is 0, one past TEE_DATA_MAX_POSITION is
 * OVERFLOW and moves nothing) and goes there in steps the call can carry.
 * A TA instance runs one call at a time, so the position read here is the
 * one the steps start from.
 */
static TEE_Result seek_far(TEE_ObjectHandle object, intmax_t offset,
			   TEE_Whence whence)
{
	TEE_ObjectInfo info;
	intmax_t base, pos;
	TEE_Result res;

	res = TEE_GetObjectInfo1(object, &info);
	if (res != TEE_SUCCESS)
		return res;
	switch (whence) {
	case TEE_DATA_SEEK_SET:
		base = 0;
		break;
	case TEE_DATA_SEEK_CUR:
		base = info.dataPosition;
		break;
	case TEE_DATA_SEEK_END:
		base = info.dataSize;
		break;
	default:
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	}
	/* base ≤ TEE_DATA_MAX_POSITION, so these comparisons cannot wrap. */
	if (offset > (intmax_t)TEE_DATA_MAX_POSITION - base)
		return TEE_ERROR_OVERFLOW;
	pos = offset < -base ? 0 : base + offset;

	res = seek_allow(_utee_storage_obj_seek(VT_H(object),
						(uint32_t)(pos > INT32_MAX ?
							   INT32_MAX : pos),
						TEE_DATA_SEEK_SET));
	for (pos -= INT32_MAX; res == TEE_SUCCESS && pos > 0; pos -= INT32_MAX)
		res = seek_allow(_utee_storage_obj_seek(VT_H(object),
							(uint32_t)(pos > INT32_MAX ?
								   INT32_MAX : pos),
							TEE_DATA_SEEK_CUR));
	return res;
}

/*
 * TEE_SeekObjectData (§5.9.4) moves the data position to offset from the
 * start, the current position or the end (whence); a position before the
 * start becomes 0, one past the end is allowed. The system call carries a
 * signed 32-bit offset, as OP-TEE's does; larger ones take seek_far.
 * Results: TEE_SUCCESS, TEE_ERROR_OVERFLOW (the position would pass
 * TEE_DATA_MAX_POSITION; it is then unchanged), TEE_ERROR_CORRUPT_OBJECT,
 * TEE_ERROR_STORAGE_NOT_AVAILABLE.
 */
TEE_Result TEE_SeekObjectData(TEE_ObjectHandle object, intmax_t offset,
			      TEE_Whence whence)
{
	if (offset < INT32_MIN || offset > INT32_MAX)
		return seek_far(object, offset, whence);
	return seek_allow(_utee_storage_obj_seek(VT_H(object),
						 (uint32_t)(int32_t)offset,
						 whence));
}
