"""Kept for older imports: the server process now lives in kiosk.server_process."""

from kiosk.server_process import LiveServer, free_port  # noqa: F401
