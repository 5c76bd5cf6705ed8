/* A minimal TA for the taimage tests: it exports what a TA must and a
 * property blob assembled at run time from the -D options below. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifndef TA_UUID_BYTES /* TEE_UUID layout: timeLow, timeMid, timeHi LE, then clockSeqAndNode */
#define TA_UUID_BYTES 0x78,0x56,0x34,0x12, 0x34,0x12, 0x78,0x56, 0x9a,0xbc,0xde,0xf0,0x12,0x34,0x56,0x78
#endif
#ifndef TA_ABI
#define TA_ABI 0x10000
#endif
#ifndef TA_VERSION
#define TA_VERSION "1.2"
#endif

#define EXPORT(n) __attribute__((export_name(n)))

static uint8_t blob[1024];
static uint32_t pos;

static void put32(uint32_t v) { memcpy(blob + pos, &v, 4); pos += 4; }
static void put(const void *p, uint32_t n) { memcpy(blob + pos, p, n); pos += n; }
static void prop(const char *name, uint32_t type, const void *v, uint32_t n)
{
	put32((uint32_t)strlen(name));
	put(name, (uint32_t)strlen(name));
	put32(type);
	put32(n);
	put(v, n);
}

EXPORT("veritee_ta_props") const void *ta_props(void)
{
	static const uint8_t uuid[16] = { TA_UUID_BYTES };
	uint32_t one = 1, ds = 32768;
	pos = 4;
	put32(0x31505456);
	put32(TA_ABI);
#ifdef TA_NO_APPID
	put32(2);
#else
	put32(3);
	prop("gpd.ta.appID", 2, uuid, 16);
#endif
	prop("gpd.ta.singleInstance", 0, &one, 4);
	prop("gpd.ta.version", 4, TA_VERSION, sizeof(TA_VERSION) - 1);
	(void)ds;
	uint32_t len = pos - 4;
	memcpy(blob, &len, 4);
	return blob;
}

EXPORT("veritee_alloc") void *ta_alloc(uint32_t n) { return malloc(n ? n : 1); }
EXPORT("veritee_free") void ta_free(void *p) { free(p); }
EXPORT("TA_CreateEntryPoint") uint32_t create(void) { return 0; }
EXPORT("TA_DestroyEntryPoint") void destroy(void) {}
EXPORT("TA_OpenSessionEntryPoint") uint32_t open_session(uint32_t t, void *p, void **s) { return 0; }
EXPORT("TA_CloseSessionEntryPoint") void close_session(void *s) {}
#ifndef TA_NO_INVOKE
EXPORT("TA_InvokeCommandEntryPoint") uint32_t invoke(void *s, uint32_t c, uint32_t t, void *p) { return 0; }
#endif
