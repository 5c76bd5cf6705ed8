// SPDX-License-Identifier: BSD-2-Clause
/*
 * The GP v1.1 API of tee_api_compat.h, part 3: objects and secure storage
 * (§5). v1.1 had 32-bit sizes and offsets, TEE_ObjectInfo with keySize and
 * maxKeySize, and TEE_Attribute with a 32-bit length (laid out as v1.3's on
 * wasm32, gp11_compat.c).
 */
#include "utee_private.h"

static void info_from_v13(__GP11_TEE_ObjectInfo *dst, const TEE_ObjectInfo *src)
{
	dst->objectType = src->objectType;
	dst->keySize = src->objectSize;
	dst->maxKeySize = src->maxObjectSize;
	dst->objectUsage = src->objectUsage;
	dst->dataSize = src->dataSize;
	dst->dataPosition = src->dataPosition;
	dst->handleFlags = src->handleFlags;
}

void __GP11_TEE_GetObjectInfo(TEE_ObjectHandle object,
			      __GP11_TEE_ObjectInfo *objectInfo)
{
	TEE_ObjectInfo info;

	TEE_GetObjectInfo(object, &info);
	info_from_v13(objectInfo, &info);
}

TEE_Result __GP11_TEE_GetObjectInfo1(TEE_ObjectHandle object,
				     __GP11_TEE_ObjectInfo *objectInfo)
{
	TEE_ObjectInfo info;
	TEE_Result res = TEE_GetObjectInfo1(object, &info);

	if (res == TEE_SUCCESS)
		info_from_v13(objectInfo, &info);
	return res;
}

TEE_Result __GP11_TEE_GetObjectBufferAttribute(TEE_ObjectHandle object,
					       uint32_t attributeID,
					       void *buffer, uint32_t *size)
{
	size_t n = *size;
	TEE_Result res = TEE_GetObjectBufferAttribute(object, attributeID,
						      buffer, &n);

	*size = n;
	return res;
}

TEE_Result __GP11_TEE_AllocateTransientObject(TEE_ObjectType objectType,
					      uint32_t maxKeySize,
					      TEE_ObjectHandle *object)
{
	return TEE_AllocateTransientObject(objectType, maxKeySize, object);
}

TEE_Result __GP11_TEE_PopulateTransientObject(TEE_ObjectHandle object,
					      const __GP11_TEE_Attribute *attrs,
					      uint32_t attrCount)
{
	return TEE_PopulateTransientObject(object, (const TEE_Attribute *)attrs,
					   attrCount);
}

void __GP11_TEE_InitRefAttribute(__GP11_TEE_Attribute *attr,
				 uint32_t attributeID, const void *buffer,
				 uint32_t length)
{
	TEE_InitRefAttribute((TEE_Attribute *)attr, attributeID, buffer,
			     length);
}

void __GP11_TEE_InitValueAttribute(__GP11_TEE_Attribute *attr,
				   uint32_t attributeID, uint32_t a,
				   uint32_t b)
{
	TEE_InitValueAttribute((TEE_Attribute *)attr, attributeID, a, b);
}

TEE_Result __GP11_TEE_GenerateKey(TEE_ObjectHandle object, uint32_t keySize,
				  const __GP11_TEE_Attribute *params,
				  uint32_t paramCount)
{
	return TEE_GenerateKey(object, keySize, (const TEE_Attribute *)params,
			       paramCount);
}

TEE_Result __GP11_TEE_OpenPersistentObject(uint32_t storageID,
					   const void *objectID,
					   uint32_t objectIDLen, uint32_t flags,
					   TEE_ObjectHandle *object)
{
	return TEE_OpenPersistentObject(storageID, objectID, objectIDLen, flags,
					object);
}

TEE_Result __GP11_TEE_CreatePersistentObject(uint32_t storageID,
					     const void *objectID,
					     uint32_t objectIDLen,
					     uint32_t flags,
					     TEE_ObjectHandle attributes,
					     const void *initialData,
					     uint32_t initialDataLen,
					     TEE_ObjectHandle *object)
{
	return TEE_CreatePersistentObject(storageID, objectID, objectIDLen,
					  flags, attributes, initialData,
					  initialDataLen, object);
}

TEE_Result __GP11_TEE_RenamePersistentObject(TEE_ObjectHandle object,
					     const void *newObjectID,
					     uint32_t newObjectIDLen)
{
	return TEE_RenamePersistentObject(object, newObjectID, newObjectIDLen);
}

TEE_Result __GP11_TEE_GetNextPersistentObject(TEE_ObjectEnumHandle objectEnumerator,
					      __GP11_TEE_ObjectInfo *objectInfo,
					      void *objectID,
					      uint32_t *objectIDLen)
{
	TEE_ObjectInfo info;
	size_t n = *objectIDLen;
	TEE_Result res = TEE_GetNextPersistentObject(objectEnumerator,
						     objectInfo ? &info : NULL,
						     objectID, &n);

	*objectIDLen = n;
	if (res == TEE_SUCCESS && objectInfo)
		info_from_v13(objectInfo, &info);
	return res;
}

TEE_Result __GP11_TEE_ReadObjectData(TEE_ObjectHandle object, void *buffer,
				     uint32_t size, uint32_t *count)
{
	size_t n = 0;
	TEE_Result res = TEE_ReadObjectData(object, buffer, size, &n);

	*count = n;
	return res;
}

TEE_Result __GP11_TEE_WriteObjectData(TEE_ObjectHandle object,
				      const void *buffer, uint32_t size)
{
	return TEE_WriteObjectData(object, buffer, size);
}

TEE_Result __GP11_TEE_TruncateObjectData(TEE_ObjectHandle object,
					 uint32_t size)
{
	return TEE_TruncateObjectData(object, size);
}

TEE_Result __GP11_TEE_SeekObjectData(TEE_ObjectHandle object, int32_t offset,
				     TEE_Whence whence)
{
	return TEE_SeekObjectData(object, offset, whence);
}
