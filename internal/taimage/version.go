package taimage

import (
	"strconv"
	"strings"

	"github.com/veritee/veritee/internal/abi"
)

// TAVersion derives the image's TA version, the number a later anti-rollback
// check compares, from the property gpd.ta.version (GPD_SPE_010 §4.5,
// Table 4-13). A u32 property is taken as it is. A string "M" or "M.m" of
// decimal numbers, each at most 65535, gives M<<16 | m ("1.2" is 0x00010002,
// "3" is 0x00030000). Anything else, or no property, gives 0.
func TAVersion(p *abi.Props) uint32 {
	e, ok := p.Lookup(abi.PropVersion)
	if !ok {
		return 0
	}
	if e.Type == abi.PropU32 {
		return p.U32(abi.PropVersion, 0)
	}
	if e.Type != abi.PropString {
		return 0
	}
	major, minor, _ := strings.Cut(string(e.Value), ".")
	if minor == "" && strings.Contains(string(e.Value), ".") {
		return 0
	}
	if minor == "" {
		minor = "0"
	}
	ma, err1 := parse16(major)
	mi, err2 := parse16(minor)
	if err1 != nil || err2 != nil {
		return 0
	}
	return ma<<16 | mi
}

// parse16 parses a plain decimal number of at most 65535, refusing signs,
// spaces and empty strings, which strconv alone would partly accept.
func parse16(s string) (uint32, error) {
	if s == "" || len(s) > 5 || strings.TrimLeft(s, "0123456789") != "" {
		return 0, strconv.ErrSyntax
	}
	v, err := strconv.ParseUint(s, 10, 16)
	return uint32(v), err
}
