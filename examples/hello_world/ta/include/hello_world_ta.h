/* SPDX-License-Identifier: BSD-2-Clause */
/* The hello_world TA's UUID and commands, shared with its client. */
#ifndef TA_HELLO_WORLD_H
#define TA_HELLO_WORLD_H

/* 8aaaf200-2450-11e4-abe2-0002a5d5c51b, OP-TEE's hello_world UUID. */
#define TA_HELLO_WORLD_UUID \
	{ 0x8aaaf200, 0x2450, 0x11e4, \
		{ 0xab, 0xe2, 0x00, 0x02, 0xa5, 0xd5, 0xc5, 0x1b } }

/*
 * TA_HELLO_WORLD_CMD_INC_VALUE adds one to a value.
 * [inout] value[0].a: the value
 */
#define TA_HELLO_WORLD_CMD_INC_VALUE 0

/*
 * TA_HELLO_WORLD_CMD_DEC_VALUE subtracts one from a value.
 * [inout] value[0].a: the value
 */
#define TA_HELLO_WORLD_CMD_DEC_VALUE 1

#endif /* TA_HELLO_WORLD_H */
