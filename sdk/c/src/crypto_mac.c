// SPDX-License-Identifier: BSD-2-Clause
/* MACs, GPD_SPE_010 §6.5. */
#include "crypto_private.h"

/*
 * TEE_MACInit (§6.5.1) starts a MAC operation; IV is for the CBC-MAC
 * family and NULL otherwise. An active operation restarts.
 */
void TEE_MACInit(TEE_OperationHandle operation, const void *IV, size_t IVLen)
{
	vt_check_in(IV, IVLen);
	vt_must(_utee_mac_init(VT_H(operation), VT_ADDR(IV), (uint32_t)IVLen));
}

/* TEE_MACUpdate (§6.5.2) feeds chunk to the MAC. */
void TEE_MACUpdate(TEE_OperationHandle operation, const void *chunk,
		   size_t chunkSize)
{
	vt_check_in(chunk, chunkSize);
	vt_must(_utee_mac_update(VT_H(operation), VT_ADDR(chunk),
				 (uint32_t)chunkSize));
}

/*
 * TEE_MACComputeFinal (§6.5.3) feeds message and writes the MAC to mac
 * (capacity *macLen). Results: TEE_SUCCESS, TEE_ERROR_SHORT_BUFFER (*macLen set
 * to the size needed).
 */
TEE_Result TEE_MACComputeFinal(TEE_OperationHandle operation,
			       const void *message, size_t messageLen,
			       void *mac, size_t *macLen)
{
	vt_check_in(message, messageLen);
	vt_check_out(mac, macLen);
	return vt_allow(_utee_mac_final_compute(VT_H(operation),
						VT_ADDR(message),
						(uint32_t)messageLen,
						VT_ADDR(mac), VT_ADDR(macLen)),
			1, TEE_ERROR_SHORT_BUFFER);
}

/*
 * TEE_MACCompareFinal (§6.5.4) feeds message and compares the MAC with
 * mac/macLen in constant time, in the core. Results: TEE_SUCCESS,
 * TEE_ERROR_MAC_INVALID.
 */
TEE_Result TEE_MACCompareFinal(TEE_OperationHandle operation,
			       const void *message, size_t messageLen,
			       const void *mac, size_t macLen)
{
	vt_check_in(message, messageLen);
	vt_check_in(mac, macLen);
	return vt_allow(_utee_mac_final_compare(VT_H(operation),
						VT_ADDR(message),
						(uint32_t)messageLen,
						VT_ADDR(mac), (uint32_t)macLen),
			1, TEE_ERROR_MAC_INVALID);
}
