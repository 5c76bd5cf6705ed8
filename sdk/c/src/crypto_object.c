// SPDX-License-Identifier: BSD-2-Clause
/*
 * Generic object functions (GPD_SPE_010 §5.5) and transient objects
 * (§5.6). The §5.5 functions take any object handle, transient or
 * persistent: the core keeps both kinds in one handle table, so the
 * persistent-object functions of §5.7 reuse them unchanged.
 */
#include "crypto_private.h"

/*
 * TEE_GetObjectInfo1 (§5.5.1) fills *objectInfo. Results: TEE_SUCCESS,
 * TEE_ERROR_CORRUPT_OBJECT, TEE_ERROR_STORAGE_NOT_AVAILABLE.
 */
TEE_Result TEE_GetObjectInfo1(TEE_ObjectHandle object,
			      TEE_ObjectInfo *objectInfo)
{
	vt_check_ptr(objectInfo);
	return vt_allow(_utee_cryp_obj_get_info(VT_H(object),
						VT_ADDR(objectInfo)),
			2, TEE_ERROR_CORRUPT_OBJECT,
			TEE_ERROR_STORAGE_NOT_AVAILABLE);
}

/*
 * TEE_RestrictObjectUsage1 (§5.5.3) clears the usage bits not in
 * objectUsage. Results: TEE_SUCCESS, TEE_ERROR_CORRUPT_OBJECT,
 * TEE_ERROR_STORAGE_NOT_AVAILABLE.
 */
TEE_Result TEE_RestrictObjectUsage1(TEE_ObjectHandle object,
				    uint32_t objectUsage)
{
	return vt_allow(_utee_cryp_obj_restrict_usage(VT_H(object),
						      objectUsage),
			2, TEE_ERROR_CORRUPT_OBJECT,
			TEE_ERROR_STORAGE_NOT_AVAILABLE);
}

/*
 * TEE_GetObjectBufferAttribute (§5.5.4) copies a buffer attribute into buffer
 * (capacity *size). A value attribute id panics (the core would write its two
 * words). Results: TEE_SUCCESS, TEE_ERROR_ITEM_NOT_FOUND,
 * TEE_ERROR_SHORT_BUFFER (*size set to the size needed),
 * TEE_ERROR_CORRUPT_OBJECT, TEE_ERROR_STORAGE_NOT_AVAILABLE.
 */
TEE_Result TEE_GetObjectBufferAttribute(TEE_ObjectHandle object,
					uint32_t attributeID, void *buffer,
					size_t *size)
{
	if (attributeID & TEE_ATTR_FLAG_VALUE)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	vt_check_out(buffer, size);
	return vt_allow(_utee_cryp_obj_get_attr(VT_H(object), attributeID,
						VT_ADDR(buffer),
						VT_ADDR(size)),
			4, TEE_ERROR_ITEM_NOT_FOUND, TEE_ERROR_SHORT_BUFFER,
			TEE_ERROR_CORRUPT_OBJECT,
			TEE_ERROR_STORAGE_NOT_AVAILABLE);
}

/*
 * TEE_GetObjectValueAttribute (§5.5.5) returns the two words of a value
 * attribute; a or b may be NULL when the caller wants only the other. A
 * buffer attribute id panics. Results: TEE_SUCCESS,
 * TEE_ERROR_ITEM_NOT_FOUND, TEE_ERROR_CORRUPT_OBJECT,
 * TEE_ERROR_STORAGE_NOT_AVAILABLE.
 */
TEE_Result TEE_GetObjectValueAttribute(TEE_ObjectHandle object,
				       uint32_t attributeID, uint32_t *a,
				       uint32_t *b)
{
	uint32_t v[2] = { 0, 0 };
	uint32_t len = sizeof(v);
	TEE_Result res;

	if (!(attributeID & TEE_ATTR_FLAG_VALUE))
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	res = _utee_cryp_obj_get_attr(VT_H(object), attributeID, VT_ADDR(v),
				      VT_ADDR(&len));
	vt_allow(res, 3, TEE_ERROR_ITEM_NOT_FOUND, TEE_ERROR_CORRUPT_OBJECT,
		 TEE_ERROR_STORAGE_NOT_AVAILABLE);
	if (res == TEE_SUCCESS) {
		if (len != sizeof(v))
			TEE_Panic(TEE_ERROR_GENERIC);
		if (a)
			*a = v[0];
		if (b)
			*b = v[1];
	}
	return res;
}

/*
 * TEE_CloseObject (§5.5.6) closes a transient or persistent object;
 * TEE_HANDLE_NULL is a no-op.
 */
void TEE_CloseObject(TEE_ObjectHandle object)
{
	if (object == TEE_HANDLE_NULL)
		return;
	vt_must(_utee_cryp_obj_close(VT_H(object)));
}

/*
 * TEE_AllocateTransientObject (§5.6.1) allocates an uninitialized object
 * of objectType able to hold a key of maxObjectSize bits. On failure
 * *object is TEE_HANDLE_NULL. Results: TEE_SUCCESS,
 * TEE_ERROR_OUT_OF_MEMORY, TEE_ERROR_NOT_SUPPORTED.
 */
TEE_Result TEE_AllocateTransientObject(TEE_ObjectType objectType,
				       uint32_t maxObjectSize,
				       TEE_ObjectHandle *object)
{
	uint32_t h = 0;
	TEE_Result res;

	vt_check_ptr(object);
	res = _utee_cryp_obj_alloc(objectType, maxObjectSize, VT_ADDR(&h));
	vt_allow(res, 2, TEE_ERROR_OUT_OF_MEMORY, TEE_ERROR_NOT_SUPPORTED);
	*object = res == TEE_SUCCESS ? (TEE_ObjectHandle)(uintptr_t)h
				     : TEE_HANDLE_NULL;
	return res;
}

/*
 * is_persistent reports whether object is a persistent object. The close
 * system call serves TEE_CloseObject and TEE_FreeTransientObject alike, so
 * the transient-only rule of the latter is checked here.
 */
static bool is_persistent(TEE_ObjectHandle object)
{
	TEE_ObjectInfo info;

	vt_must(_utee_cryp_obj_get_info(VT_H(object), VT_ADDR(&info)));
	return info.handleFlags & TEE_HANDLE_FLAG_PERSISTENT;
}

/*
 * TEE_FreeTransientObject (§5.6.2) frees a transient object, zeroing its
 * key material; TEE_HANDLE_NULL is a no-op and a persistent object panics.
 */
void TEE_FreeTransientObject(TEE_ObjectHandle object)
{
	if (object == TEE_HANDLE_NULL)
		return;
	if (is_persistent(object))
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	vt_must(_utee_cryp_obj_close(VT_H(object)));
}

/*
 * TEE_ResetTransientObject (§5.6.3) returns a transient object to its
 * uninitialized state; TEE_HANDLE_NULL is a no-op.
 */
void TEE_ResetTransientObject(TEE_ObjectHandle object)
{
	if (object == TEE_HANDLE_NULL)
		return;
	vt_must(_utee_cryp_obj_reset(VT_H(object)));
}

/*
 * TEE_PopulateTransientObject (§5.6.4) sets the attributes of an
 * uninitialized transient object. Results: TEE_SUCCESS,
 * TEE_ERROR_BAD_PARAMETERS (an attribute is wrong or missing; the object
 * stays uninitialized).
 */
TEE_Result TEE_PopulateTransientObject(TEE_ObjectHandle object,
				       const TEE_Attribute *attrs,
				       uint32_t attrCount)
{
	vt_check_attrs(attrs, attrCount);
	return vt_allow(_utee_cryp_obj_populate(VT_H(object), VT_ADDR(attrs),
						attrCount),
			1, TEE_ERROR_BAD_PARAMETERS);
}

/*
 * TEE_InitRefAttribute (§5.6.5) makes *attr a buffer attribute. An id
 * with TEE_ATTR_FLAG_VALUE panics.
 */
void TEE_InitRefAttribute(TEE_Attribute *attr, uint32_t attributeID,
			  const void *buffer, size_t length)
{
	vt_check_ptr(attr);
	if (attributeID & TEE_ATTR_FLAG_VALUE)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	attr->attributeID = attributeID;
	attr->content.ref.buffer = (void *)buffer;
	attr->content.ref.length = length;
}

/*
 * TEE_InitValueAttribute (§5.6.5) makes *attr a value attribute. An id
 * without TEE_ATTR_FLAG_VALUE panics.
 */
void TEE_InitValueAttribute(TEE_Attribute *attr, uint32_t attributeID,
			    uint32_t a, uint32_t b)
{
	vt_check_ptr(attr);
	if (!(attributeID & TEE_ATTR_FLAG_VALUE))
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	attr->attributeID = attributeID;
	attr->content.value.a = a;
	attr->content.value.b = b;
}

/*
 * TEE_CopyObjectAttributes1 (§5.6.7) populates the uninitialized
 * transient destObject from srcObject. Results: TEE_SUCCESS,
 * TEE_ERROR_CORRUPT_OBJECT, TEE_ERROR_STORAGE_NOT_AVAILABLE.
 */
TEE_Result TEE_CopyObjectAttributes1(TEE_ObjectHandle destObject,
				     TEE_ObjectHandle srcObject)
{
	return vt_allow(_utee_cryp_obj_copy(VT_H(destObject),
					    VT_H(srcObject)),
			2, TEE_ERROR_CORRUPT_OBJECT,
			TEE_ERROR_STORAGE_NOT_AVAILABLE);
}

/*
 * TEE_GenerateKey (§5.6.8) generates a random key of keySize bits into an
 * uninitialized transient object. Results: TEE_SUCCESS,
 * TEE_ERROR_BAD_PARAMETERS (a parameter is wrong or missing).
 */
TEE_Result TEE_GenerateKey(TEE_ObjectHandle object, uint32_t keySize,
			   const TEE_Attribute *params, uint32_t paramCount)
{
	vt_check_attrs(params, paramCount);
	return vt_allow(_utee_cryp_obj_generate_key(VT_H(object), keySize,
						    VT_ADDR(params),
						    paramCount),
			1, TEE_ERROR_BAD_PARAMETERS);
}
