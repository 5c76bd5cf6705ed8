package testta

import (
	"encoding/binary"
	"fmt"

	"github.com/veritee/veritee/internal/abi"
)

// Commands of the cryptography family (GPD_SPE_010 §5 transient objects and
// §6 operations), 300..349; C in c/crypto.c, Go in gota/crypto.go. Each
// command calls exactly one GP function (except CmdCrypBench), so a test
// drives the TA API step by step from the client the way OP-TEE's xtest
// drives its crypt TA. Handles travel as values: a TEE_OperationHandle or
// TEE_ObjectHandle is passed as its numeric value (0 = TEE_HANDLE_NULL).
//
// Unless a command says otherwise its result is the GP function's result,
// so SHORT_BUFFER reaches the client with the size needed in the output
// memref. A GP function that panics the TA panics it: the client then sees
// TARGET_DEAD. "attrs" is a memref holding attributes encoded by
// EncodeAttrs; the TA turns it into a TEE_Attribute array with
// TEE_InitRefAttribute/TEE_InitValueAttribute.
const (
	// TEE_AllocateOperation. [in] value[0]: a = algorithm, b = mode;
	// [in] value[1].a: maxKeySize; [out] value[2].a: the handle.
	CmdCrypAllocOperation = 300
	// TEE_FreeOperation. [in] value[0].a: op.
	CmdCrypFreeOperation = 301
	// TEE_GetOperationInfo. [in] value[0].a: op; [out] memref[1]: the
	// TEE_OperationInfo as 8 LE u32 (abi.OperationInfoSize bytes).
	CmdCrypGetOperationInfo = 302
	// TEE_GetOperationInfoMultiple. [in] value[0].a: op; [out] memref[1]:
	// the TEE_OperationInfoMultiple as LE u32s; its size is the size
	// passed to the function.
	CmdCrypGetOperationInfoMultiple = 303
	// TEE_ResetOperation. [in] value[0].a: op.
	CmdCrypResetOperation = 304
	// TEE_SetOperationKey. [in] value[0]: a = op, b = key object.
	CmdCrypSetOperationKey = 305
	// TEE_SetOperationKey2. [in] value[0].a: op; [in] value[1]: a = key1,
	// b = key2.
	CmdCrypSetOperationKey2 = 306
	// TEE_CopyOperation. [in] value[0]: a = dst, b = src.
	CmdCrypCopyOperation = 307
	// TEE_IsAlgorithmSupported. [in] value[0]: a = algorithm, b = element.
	CmdCrypIsAlgorithmSupported = 308

	// TEE_DigestUpdate. [in] value[0].a: op; [in] memref[1]: chunk.
	CmdCrypDigestUpdate = 310
	// TEE_DigestDoFinal. [in] value[0].a: op; [in] memref[1]: chunk;
	// [out] memref[2]: hash.
	CmdCrypDigestDoFinal = 311
	// TEE_DigestExtract. [in] value[0].a: op; [out] memref[2]: output.
	CmdCrypDigestExtract = 312
	// TEE_CipherInit. [in] value[0].a: op; [in] memref[1]: IV (may be
	// NULL with size 0).
	CmdCrypCipherInit = 313
	// TEE_CipherUpdate. [in] value[0].a: op; [in] memref[1]: src;
	// [out] memref[2]: dst.
	CmdCrypCipherUpdate = 314
	// TEE_CipherDoFinal. As CmdCrypCipherUpdate.
	CmdCrypCipherDoFinal = 315
	// TEE_MACInit. [in] value[0].a: op; [in] memref[1]: IV (may be NULL).
	CmdCrypMACInit = 316
	// TEE_MACUpdate. [in] value[0].a: op; [in] memref[1]: chunk.
	CmdCrypMACUpdate = 317
	// TEE_MACComputeFinal. [in] value[0].a: op; [in] memref[1]: message;
	// [out] memref[2]: MAC.
	CmdCrypMACComputeFinal = 318
	// TEE_MACCompareFinal. [in] value[0].a: op; [in] memref[1]: message;
	// [in] memref[2]: MAC.
	CmdCrypMACCompareFinal = 319
	// TEE_AEInit. [in] value[0]: a = op, b = tag length in bits;
	// [in] memref[1]: nonce; [in] value[2]: a = AAD length, b = payload
	// length.
	CmdCrypAEInit = 320
	// TEE_AEUpdateAAD. [in] value[0].a: op; [in] memref[1]: AAD.
	CmdCrypAEUpdateAAD = 321
	// TEE_AEUpdate. [in] value[0].a: op; [in] memref[1]: src;
	// [out] memref[2]: dst.
	CmdCrypAEUpdate = 322
	// TEE_AEEncryptFinal. [in] value[0].a: op; [in] memref[1]: src;
	// [out] memref[2]: dst; [out] memref[3]: tag.
	CmdCrypAEEncryptFinal = 323
	// TEE_AEDecryptFinal. [in] value[0].a: op; [in] memref[1]: src;
	// [out] memref[2]: dst; [in] memref[3]: tag.
	CmdCrypAEDecryptFinal = 324
	// TEE_AsymmetricEncrypt. [in] value[0].a: op; [in] memref[1]: attrs;
	// [in] memref[2]: src; [out] memref[3]: dst.
	CmdCrypAsymmetricEncrypt = 325
	// TEE_AsymmetricDecrypt. As CmdCrypAsymmetricEncrypt.
	CmdCrypAsymmetricDecrypt = 326
	// TEE_AsymmetricSignDigest. [in] value[0].a: op; [in] memref[1]:
	// attrs; [in] memref[2]: digest; [out] memref[3]: signature.
	CmdCrypAsymmetricSignDigest = 327
	// TEE_AsymmetricVerifyDigest. [in] value[0].a: op; [in] memref[1]:
	// attrs; [in] memref[2]: digest; [in] memref[3]: signature.
	CmdCrypAsymmetricVerifyDigest = 328
	// TEE_DeriveKey. [in] value[0]: a = op, b = derived object;
	// [in] memref[1]: attrs.
	CmdCrypDeriveKey = 329

	// TEE_AllocateTransientObject. [in] value[0]: a = object type,
	// b = maxObjectSize; [out] value[1].a: the handle.
	CmdCrypAllocTransientObject = 330
	// TEE_FreeTransientObject. [in] value[0].a: object.
	CmdCrypFreeTransientObject = 331
	// TEE_ResetTransientObject. [in] value[0].a: object.
	CmdCrypResetTransientObject = 332
	// TEE_PopulateTransientObject. [in] value[0].a: object;
	// [in] memref[1]: attrs.
	CmdCrypPopulateTransientObject = 333
	// TEE_CopyObjectAttributes1. [in] value[0]: a = dst, b = src.
	CmdCrypCopyObjectAttributes = 334
	// TEE_GenerateKey. [in] value[0]: a = object, b = key size;
	// [in] memref[1]: attrs (may be NULL).
	CmdCrypGenerateKey = 335
	// TEE_GetObjectInfo1. [in] value[0].a: object; [out] memref[1]: the
	// TEE_ObjectInfo as 7 LE u32 (abi.ObjectInfoSize bytes).
	CmdCrypGetObjectInfo = 336
	// TEE_RestrictObjectUsage1. [in] value[0]: a = object, b = usage.
	CmdCrypRestrictObjectUsage = 337
	// TEE_GetObjectBufferAttribute. [in] value[0]: a = object,
	// b = attribute id; [out] memref[1]: the attribute.
	CmdCrypGetObjectBufferAttribute = 338
	// TEE_GetObjectValueAttribute. [in] value[0]: a = object,
	// b = attribute id; [out] value[1]: a, b.
	CmdCrypGetObjectValueAttribute = 339
	// TEE_CloseObject. [in] value[0].a: object.
	CmdCrypCloseObject = 340

	// CmdCrypBench repeats one whole operation in the TA so that a
	// benchmark measures the TA API rather than the invoke path.
	//   [in]  value[0]: a = op, b = iterations
	//   [in]  value[1]: a = the operation (CrypBench*), b = an object
	//         (CrypBenchDerive: the derived object, reset before each
	//         derivation)
	//   [in]  memref[2]: the input (CrypBenchDerive: attrs)
	//   [inout] memref[3]: the output (CrypBenchVerify: the signature,
	//         input only)
	// The result is the last iteration's; memref[3]'s size is the last
	// output's.
	CmdCrypBench = 349
)

// Operations of CmdCrypBench. Init steps use an all-zero IV or nonce of
// the length the algorithm needs (16 bytes; AE: a 12-byte nonce, 128-bit
// tag).
const (
	CrypBenchDigest = 1 // TEE_DigestDoFinal(in) → out
	CrypBenchCipher = 2 // TEE_CipherInit(zero IV); TEE_CipherDoFinal(in) → out
	CrypBenchMAC    = 3 // TEE_MACInit(no IV); TEE_MACComputeFinal(in) → out
	CrypBenchAEEnc  = 4 // TEE_AEInit(zero 12-byte nonce, 128, 0, len(in)); TEE_AEEncryptFinal(in) → out, tag at the end of out
	CrypBenchSign   = 5 // TEE_AsymmetricSignDigest(no params, in) → out
	CrypBenchVerify = 6 // TEE_AsymmetricVerifyDigest(no params, in, sig = memref[3])
	CrypBenchDerive = 7 // TEE_ResetTransientObject(b); TEE_DeriveKey(attrs = in, b)
)

// Attr is one TEE_Attribute as the client sends it.
type Attr struct {
	ID   uint32
	Ref  []byte // a buffer attribute
	A, B uint32 // a value attribute (ID has abi.AttrFlagValue)
}

// EncodeAttrs encodes attributes for the attrs memrefs: per attribute the
// id (u32), then for a value attribute a and b (u32 each), for a buffer
// attribute its length (u32) and its bytes, padded with zeros to a
// multiple of 4. All integers little-endian.
func EncodeAttrs(attrs []Attr) []byte {
	var b []byte
	for _, a := range attrs {
		b = binary.LittleEndian.AppendUint32(b, a.ID)
		if a.ID&abi.AttrFlagValue != 0 {
			b = binary.LittleEndian.AppendUint32(b, a.A)
			b = binary.LittleEndian.AppendUint32(b, a.B)
			continue
		}
		b = binary.LittleEndian.AppendUint32(b, uint32(len(a.Ref)))
		b = append(b, a.Ref...)
		for len(b)%4 != 0 {
			b = append(b, 0)
		}
	}
	return b
}

// DecodeAttrs is EncodeAttrs' inverse; the Go test TA and tests use it.
func DecodeAttrs(b []byte) ([]Attr, error) {
	var out []Attr
	for len(b) > 0 {
		if len(b) < 8 {
			return nil, fmt.Errorf("testta: attribute record truncated")
		}
		a := Attr{ID: binary.LittleEndian.Uint32(b)}
		if a.ID&abi.AttrFlagValue != 0 {
			if len(b) < 12 {
				return nil, fmt.Errorf("testta: value attribute truncated")
			}
			a.A, a.B = binary.LittleEndian.Uint32(b[4:]), binary.LittleEndian.Uint32(b[8:])
			b = b[12:]
		} else {
			n := uint64(binary.LittleEndian.Uint32(b[4:]))
			padded := (n + 3) &^ 3
			if uint64(len(b)-8) < padded {
				return nil, fmt.Errorf("testta: buffer attribute of %d bytes truncated", n)
			}
			a.Ref = b[8 : 8+n]
			b = b[8+padded:]
		}
		out = append(out, a)
	}
	return out, nil
}
