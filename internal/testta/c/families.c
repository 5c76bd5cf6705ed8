#include <vt_families.h>

/*
 * A family whose source file is not part of the build answers
 * TEE_ERROR_NOT_SUPPORTED, like any unknown command: the weak definitions
 * below give way to the real ones in bignum.c, props.c, crypto.c
 * and storage.c.
 */
__attribute__((weak)) TEE_Result vt_bignum_cmd(uint32_t cmd, uint32_t types,
					       TEE_Param p[TEE_NUM_PARAMS])
{
	(void)cmd;
	(void)types;
	(void)p;
	return TEE_ERROR_NOT_SUPPORTED;
}

__attribute__((weak)) TEE_Result vt_props_cmd(uint32_t cmd, uint32_t types,
					      TEE_Param p[TEE_NUM_PARAMS])
{
	(void)cmd;
	(void)types;
	(void)p;
	return TEE_ERROR_NOT_SUPPORTED;
}

__attribute__((weak)) TEE_Result vt_crypto_cmd(uint32_t cmd, uint32_t types,
					       TEE_Param p[TEE_NUM_PARAMS])
{
	(void)cmd;
	(void)types;
	(void)p;
	return TEE_ERROR_NOT_SUPPORTED;
}

__attribute__((weak)) TEE_Result vt_storage_cmd(uint32_t cmd, uint32_t types,
						TEE_Param p[TEE_NUM_PARAMS])
{
	(void)cmd;
	(void)types;
	(void)p;
	return TEE_ERROR_NOT_SUPPORTED;
}

TEE_Result vt_family_cmd(uint32_t cmd, uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	if (cmd >= 100 && cmd < 150)
		return vt_bignum_cmd(cmd, types, p);
	if (cmd >= 200 && cmd < 250)
		return vt_props_cmd(cmd, types, p);
	if (cmd >= 300 && cmd < 350)
		return vt_crypto_cmd(cmd, types, p);
	if (cmd >= 400 && cmd < 450)
		return vt_storage_cmd(cmd, types, p);
	return TEE_ERROR_NOT_SUPPORTED;
}
