// SPDX-License-Identifier: BSD-2-Clause
/*
 * Which socket a TEE name selects: the same rules as the daemon and the Go
 * client (internal/transport/path.go, teec.InitializeContext).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "teec_private.h"

#define SYSTEM_SOCKET "/run/veritee/tee.sock"

/* copy_path copies s into out, or fails for a path too long. */
static TEEC_Result copy_path(const char *s, char *out, size_t cap)
{
	int n = snprintf(out, cap, "%s", s);
	return n < 0 || (size_t)n >= cap ? TEEC_ERROR_BAD_PARAMETERS : TEEC_SUCCESS;
}

/* default_path is $VERITEE_SOCKET; /run/veritee/tee.sock for root; else
 * $XDG_RUNTIME_DIR/veritee/tee.sock, or $TMPDIR (or /tmp)
 * /veritee-<uid>/tee.sock. */
static TEEC_Result default_path(char *out, size_t cap)
{
	const char *env = getenv("VERITEE_SOCKET");
	if (env && *env)
		return copy_path(env, out, cap);
	uid_t uid = geteuid();
	if (uid == 0)
		return copy_path(SYSTEM_SOCKET, out, cap);
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	int n;
	if (xdg && *xdg) {
		n = snprintf(out, cap, "%s/veritee/tee.sock", xdg);
	} else {
		const char *tmp = getenv("TMPDIR");
		if (!tmp || !*tmp)
			tmp = "/tmp";
		n = snprintf(out, cap, "%s/veritee-%u/tee.sock", tmp, (unsigned)uid);
	}
	return n < 0 || (size_t)n >= cap ? TEEC_ERROR_BAD_PARAMETERS : TEEC_SUCCESS;
}

/*
 * teec_socket_path resolves a TEE name: NULL or "" is the default socket;
 * "unix:PATH" or a name containing '/' is PATH. Any other name is
 * TEEC_ERROR_ITEM_NOT_FOUND: there is no TEE by that name.
 */
TEEC_Result teec_socket_path(const char *name, char *out, size_t cap)
{
	if (!name || !*name)
		return default_path(out, cap);
	if (strncmp(name, "unix:", 5) == 0) {
		if (!name[5])
			return TEEC_ERROR_ITEM_NOT_FOUND;
		return copy_path(name + 5, out, cap);
	}
	if (strchr(name, '/'))
		return copy_path(name, out, cap);
	return TEEC_ERROR_ITEM_NOT_FOUND;
}
