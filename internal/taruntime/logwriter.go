package taruntime

import (
	"bytes"
	"log/slog"
)

// maxLogLine bounds one line of TA stdout/stderr in the log.
const maxLogLine = 4096

// logWriter turns what a TA writes to WASI stdout and stderr into log
// records, one per write, at Info level.
type logWriter struct{ log *slog.Logger }

func (w *logWriter) Write(p []byte) (int, error) {
	n := len(p)
	p = bytes.TrimRight(p, "\n")
	if len(p) > maxLogLine {
		p = p[:maxLogLine]
	}
	if len(p) > 0 {
		w.log.Info(string(p), "stream", "stdio")
	}
	return n, nil
}
