"""Start Ralph, the LRS of the tests (run with .venv-ralph/bin/python; imports nothing of ours).

Test harness only. Ralph's file-system LRS backend writes with the « create » operation, which
refuses to touch an existing file: after the first batch of new statements every write fails
with a 500 (reference kiosk-security-reliability.md §5.3). Appending is what a statements file
needs, so this launcher switches the backend's default operation before serving.

    .venv-ralph/bin/python tests/lrs/ralph_launcher.py --port 8100

The settings come from the environment (RALPH_RUNSERVER_BACKEND=fs, RALPH_AUTH_FILE,
RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH…), as for `ralph runserver`.
"""

import argparse

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    FSLRSBackend.default_operation_type = BaseOperationType.APPEND
    # One process: a single JSON-lines file has no locking (and the patch above must be in the
    # process that serves).
    uvicorn.run("ralph.api:app", host=args.host, port=args.port, workers=1, log_level="warning")


if __name__ == "__main__":
    main()
