/* The taruntime test TA: plain C against minimal declarations of the
 * Veritee system calls. Commands follow internal/testta/proto.go where they
 * overlap; 100+ are runtime-specific. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT(n) __attribute__((export_name(n)))
#define SYSCALL(n) __attribute__((import_module("veritee"), import_name(n)))

typedef union { struct { void *buffer; uint32_t size; } memref; struct { uint32_t a, b; } value; } TEE_Param;

SYSCALL("log") uint32_t _utee_log(uint32_t level, const void *buf, uint32_t len);
SYSCALL("panic") void _utee_panic(uint32_t code);
SYSCALL("get_property") uint32_t _utee_get_property(uint32_t set, uint32_t idx, void *name, uint32_t *name_len, void *buf, uint32_t *buf_len, uint32_t *type);
SYSCALL("get_property_name_to_index") uint32_t _utee_get_property_name_to_index(uint32_t set, const void *name, uint32_t len, uint32_t *idx);
SYSCALL("get_time") uint32_t _utee_get_time(uint32_t cat, void *t);
SYSCALL("wait") uint32_t _utee_wait(uint32_t ms);
SYSCALL("get_cancellation_flag") uint32_t _utee_get_cancellation_flag(uint32_t *c);
SYSCALL("mask_cancellation") uint32_t _utee_mask_cancellation(uint32_t *old);
SYSCALL("unmask_cancellation") uint32_t _utee_unmask_cancellation(uint32_t *old);
SYSCALL("cryp_random_number_generate") uint32_t _utee_cryp_random_number_generate(void *buf, uint32_t len);
SYSCALL("check_access_rights") uint32_t _utee_check_access_rights(uint32_t flags, const void *buf, uint32_t len);
__attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_exit"))) void wasi_proc_exit(uint32_t);

#define PT(t, i) (((t) >> ((i) * 4)) & 0xF)

#ifndef TA_DATA_SIZE
#define TA_DATA_SIZE (1 << 20)
#endif

/* The property blob (abi.MarshalProps). */
static uint8_t blob[1024];
static uint32_t pos;
static void put32(uint32_t v) { memcpy(blob + pos, &v, 4); pos += 4; }
static void put(const void *p, uint32_t n) { memcpy(blob + pos, p, n); pos += n; }
static void prop(const char *name, uint32_t type, const void *v, uint32_t n)
{
	put32((uint32_t)strlen(name)); put(name, (uint32_t)strlen(name));
	put32(type); put32(n); put(v, n);
}
EXPORT("veritee_ta_props") const void *ta_props(void)
{
	static const uint8_t uuid[16] = { 0x40,0x4a,0x5c,0x8e, 0x57,0x7e, 0x00,0x40, 0x80,0x00, 0x00,0x00,0x00,0x00,0x00,0xee };
	uint32_t one = 1, ds = TA_DATA_SIZE, ss = 64 << 10;
	pos = 4;
	put32(0x31505456); put32(0x10000); put32(6);
	prop("gpd.ta.appID", 2, uuid, 16);
	prop("gpd.ta.singleInstance", 0, &one, 4);
	prop("gpd.ta.multiSession", 0, &one, 4);
	prop("gpd.ta.dataSize", 1, &ds, 4);
	prop("gpd.ta.stackSize", 1, &ss, 4);
	prop("gpd.ta.description", 4, "taruntime test TA", 17);
	uint32_t len = pos - 4;
	memcpy(blob, &len, 4);
	return blob;
}

EXPORT("veritee_alloc") void *ta_alloc(uint32_t n) { return malloc(n ? n : 1); }
EXPORT("veritee_free") void ta_free(void *p) { free(p); }

static uint32_t counter, sessions;

EXPORT("TA_CreateEntryPoint") uint32_t create(void) { return 0; }
EXPORT("TA_DestroyEntryPoint") void destroy(void) {}

static uint32_t do_params(uint32_t t, TEE_Param *p)
{
	uint32_t acc = 0;
	for (int i = 0; i < 4; i++) {
		TEE_Param *q = &p[i];
		uint8_t *b = q->memref.buffer;
		switch (PT(t, i)) {
		case 1: acc += q->value.a + q->value.b; break;
		case 3: acc += q->value.a + q->value.b; q->value.a += 1; q->value.b += 2; break;
		case 2: q->value.a = acc; q->value.b = i; break;
		case 5: if (b) for (uint32_t k = 0; k < q->memref.size; k++) acc += b[k]; break;
		case 7: if (b) for (uint32_t k = 0; k < q->memref.size; k++) { acc += b[k]; b[k] ^= 0xFF; } break;
		case 6: if (b) memset(b, (i + 1) * 0x11, q->memref.size); break;
		}
	}
	return 0;
}

EXPORT("TA_OpenSessionEntryPoint") uint32_t open_session(uint32_t t, TEE_Param p[4], void **sess)
{
	if (PT(t, 0) == 1 && p[0].value.a == 0xDEAD)
		return 0xFFFF0001;
	sessions++;
	*sess = (void *)(uintptr_t)(0x1000 + sessions);
	return do_params(t, p);
}
EXPORT("TA_CloseSessionEntryPoint") void close_session(void *s) { sessions--; }

EXPORT("TA_InvokeCommandEntryPoint") uint32_t invoke(void *s, uint32_t cmd, uint32_t t, TEE_Param p[4])
{
	uint32_t old, c, res;
	switch (cmd) {
	case 0: return 0;
	case 1: return do_params(t, p);
	case 2: /* short buffer */
		if (p[0].memref.size < p[1].value.a) { p[0].memref.size = p[1].value.a; return 0xFFFF0010; }
		memset(p[0].memref.buffer, 0xA5, p[1].value.a);
		p[0].memref.size = p[1].value.a;
		return 0;
	case 3: _utee_panic(0xDEAD); return 0;
	case 4: __builtin_trap();
	case 5: _utee_unmask_cancellation(&old); return _utee_wait(p[0].value.a);
	case 6:
		_utee_unmask_cancellation(&old);
		for (;;) { _utee_get_cancellation_flag(&c); if (c) return 0xFFFF0002; }
	case 7: for (volatile int x = 0;; x++) ; 
	case 8: { /* malloc hog */
		void **blocks = 0; uint32_t n = 0;
		for (;;) {
			void *b = malloc(64 << 10);
			if (!b) break;
			void **nb = realloc(blocks, (n + 1) * sizeof(void *));
			if (!nb) { free(b); break; }
			blocks = nb; blocks[n++] = b;
		}
		for (uint32_t i = 0; i < n; i++) free(blocks[i]);
		free(blocks);
		p[0].value.a = n * 64;
		return 0xFFFF000C;
	}
	case 9: return _utee_cryp_random_number_generate(p[0].memref.buffer, p[0].memref.size);
	case 10: return _utee_get_time(0, &p[0].value);
	case 11: return _utee_check_access_rights(p[1].value.a, p[0].memref.buffer, p[0].memref.size);
	case 13: return _utee_log(1, p[0].memref.buffer, p[0].memref.size);
	case 15: p[0].value.a = ++counter; return 0;
	case 100: /* rewrite the buffer pointers, then succeed */
		for (int i = 0; i < 4; i++) p[i].memref.buffer = (void *)16;
		return 0;
	case 101: { /* p0 memref out: name of TA property p1.a; p2 value out: type, value size */
		uint32_t nl = p[0].memref.size, bl = 64, ty = 0; uint8_t v[64];
		res = _utee_get_property(0xFFFFFFFF, p[1].value.a, p[0].memref.buffer, &nl, v, &bl, &ty);
		p[0].memref.size = nl; p[2].value.a = ty; p[2].value.b = bl;
		return res;
	}
	case 102: wasi_proc_exit(3); return 0;
	case 103: { /* p0 value out: index of p1 memref name in CURRENT_TA */
		uint32_t idx = 0;
		res = _utee_get_property_name_to_index(0xFFFFFFFF, p[1].memref.buffer, p[1].memref.size, &idx);
		p[0].value.a = idx;
		return res;
	}
	case 104: /* cancellation mask as seen at entry: p0 value out a = old mask */
		_utee_mask_cancellation(&old); p[0].value.a = old;
		if (!old) _utee_unmask_cancellation(&old);
		return 0;
	case 105: _utee_unmask_cancellation(&old); return 0;
	}
	return 0xFFFF0006;
}
