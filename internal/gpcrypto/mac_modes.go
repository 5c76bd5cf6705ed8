package gpcrypto

import "github.com/veritee/veritee/internal/abi"

// newModeMAC returns the engine of the block-cipher MACs (CBC-MAC, CMAC),
// which come from internal/gpcrypto/modes. Until that package is wired in
// those algorithms are unsupported in the table and never get here.
func (op *Operation) newModeMAC(iv []byte) (macEngine, error) {
	return nil, panicf("TEE_MACInit", "§6.5.1", "%s has no MAC engine", op.alg.name)
}

// aeSealModes and aeOpenModes are CCM, from internal/gpcrypto/modes; until
// it is wired in AES-CCM is unsupported in the table and never gets here.
func (op *Operation) aeSealModes(pt []byte) (ct, tag []byte, err error) {
	return nil, nil, newErr(abi.ErrNotSupported, "%s", op.alg.name)
}

func (op *Operation) aeOpenModes(ct, tag []byte) ([]byte, error) {
	return nil, newErr(abi.ErrNotSupported, "%s", op.alg.name)
}
