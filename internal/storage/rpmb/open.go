package rpmb

import (
	"github.com/veritee/veritee/internal/huk"
	"github.com/veritee/veritee/internal/storage/ree"
)

// DeviceFile is the name of the emulated partition in the REE services.
const DeviceFile = "rpmb.img"

// Partition is an emulated RPMB partition mounted with its file system.
type Partition struct {
	Device *Device
	Client *Client
	FS     *FS
}

// OpenEmulated opens (creating on first use) the emulated partition in
// svc, authenticates to it with the key derived from k, and mounts its
// file system. A partition programmed with another key, or whose file
// system is damaged, is refused.
func OpenEmulated(svc ree.Services, k *huk.Key, blocks int) (*Partition, error) {
	dev, err := OpenDevice(svc, DeviceFile, blocks)
	if err != nil {
		return nil, err
	}
	key := k.Derive(huk.LabelRPMB, nil, KeySize)
	defer clear(key)
	c, err := NewClient(dev, key)
	if err != nil {
		dev.Close()
		return nil, err
	}
	if err := c.Init(); err != nil {
		c.Close()
		dev.Close()
		return nil, err
	}
	fs, err := Mount(c, blocks)
	if err != nil {
		c.Close()
		dev.Close()
		return nil, err
	}
	return &Partition{Device: dev, Client: c, FS: fs}, nil
}

// Close drops the key and closes the device file.
func (p *Partition) Close() error {
	p.Client.Close()
	return p.Device.Close()
}
