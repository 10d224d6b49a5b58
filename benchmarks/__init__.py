"""Load, latency, memory and page-weight benchmarks of the kiosk server (see README.md)."""
