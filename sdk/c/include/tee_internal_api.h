/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The one header a TA includes: GPD_SPE_010 v1.3.1 §3.1 names it
 * tee_internal_api.h. tee_api_compat.h comes last: in v1.1 mode its macros
 * rename what the headers before it declared.
 */
#ifndef TEE_INTERNAL_API_H
#define TEE_INTERNAL_API_H

#include <tee_api_defines.h>
#include <tee_api_types.h>
#include <tee_api.h>
#include <tee_ta_api.h>
#include <trace.h>
#include <tee_api_compat.h>

#endif /* TEE_INTERNAL_API_H */
