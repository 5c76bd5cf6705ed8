package gpcrypto

import (
	"crypto/ecdh"
	"crypto/elliptic"

	"github.com/veritee/veritee/internal/abi"
)

// curveInfo is one TEE_ECC_CURVE_* (GPD_SPE_010 §6.10.1 Table 6-14).
type curveInfo struct {
	id        uint32
	name      string
	bits      uint32 // the object size of its keys
	byteLen   int    // of a coordinate or scalar
	supported bool
	ec        elliptic.Curve // for ECDSA (crypto/ecdsa) and P-224 ECDH
	ecdh      ecdh.Curve     // for ECDH where crypto/ecdh has the curve
}

// curves lists the NIST curves. P-192 is known and unsupported: neither
// crypto/ecdsa nor crypto/ecdh implement it, and we found no maintained
// constant-time Go implementation to depend on.
var curves = map[uint32]*curveInfo{
	abi.ECCCurveNISTP192: {id: abi.ECCCurveNISTP192, name: "P-192", bits: 192, byteLen: 24},
	abi.ECCCurveNISTP224: {id: abi.ECCCurveNISTP224, name: "P-224", bits: 224, byteLen: 28, supported: true, ec: elliptic.P224()},
	abi.ECCCurveNISTP256: {id: abi.ECCCurveNISTP256, name: "P-256", bits: 256, byteLen: 32, supported: true, ec: elliptic.P256(), ecdh: ecdh.P256()},
	abi.ECCCurveNISTP384: {id: abi.ECCCurveNISTP384, name: "P-384", bits: 384, byteLen: 48, supported: true, ec: elliptic.P384(), ecdh: ecdh.P384()},
	abi.ECCCurveNISTP521: {id: abi.ECCCurveNISTP521, name: "P-521", bits: 521, byteLen: 66, supported: true, ec: elliptic.P521(), ecdh: ecdh.P521()},
}

// curveBySize returns the NIST curve whose keys have size bits.
func curveBySize(bits uint32) *curveInfo {
	for _, c := range curves {
		if c.bits == bits {
			return c
		}
	}
	return nil
}
