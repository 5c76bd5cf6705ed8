package rollback

import (
	"fmt"
	"sync"

	"github.com/veritee/veritee/internal/abi"
)

// Memory is a Store that forgets everything when the process ends, for a
// TEE without a state directory.
type Memory struct {
	mu sync.Mutex
	m  map[key]uint32
}

// Highest implements Store.
func (s *Memory) Highest(kind Kind, id abi.UUID) (uint32, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[key{kind, id}]
	return v, ok, nil
}

// Advance implements Store.
func (s *Memory) Advance(kind Kind, id abi.UUID, v uint32) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[key]uint32{}
	}
	k := key{kind, id}
	if old, ok := s.m[k]; ok && v < old {
		return fmt.Errorf("%w: %s %v version %d, highest seen %d", ErrRollback, kind, id, v, old)
	}
	s.m[k] = v
	return nil
}
