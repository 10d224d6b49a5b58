"""The Chromium policy of a terminal, for the address of the branch's kiosk server.

    python -m kiosk.terminal.policy --origin https://pasapas.agence.lan \\
        | sudo tee /etc/chromium/policies/managed/pasapas.json

chromium-policy.json is written for the placeholder origin below; this replaces it. Only the
server's origin can be opened (URLAllowlist), everything else is blocked (URLBlocklist « * »),
and so is the adviser console on the same server (/agent: the most specific filter wins, so
« <origin>/agent » in the blocklist beats « <origin> » in the allowlist). The other keys are
explained in docs/operators.md (reference kiosk-security-reliability.md §1.3).

Never install it on a machine that runs the browser tests: DeveloperToolsAvailability 2 also
blocks Playwright.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

POLICY_FILE = Path(__file__).with_name("chromium-policy.json")
PLACEHOLDER = "https://kiosk-server.lan"
CONSOLE_PATH = "/agent"


def origin_of(address: str) -> str:
    """``https://host[:port]``, or ValueError for anything else (a path, another scheme)."""
    parts = urlsplit(address.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/") \
            or parts.query or parts.fragment or parts.username:
        raise ValueError(f"{address!r} : une origine comme https://pasapas.agence.lan[:port]")
    return f"{parts.scheme}://{parts.netloc}"


def policy_for(origin: str) -> dict:
    origin = origin_of(origin)
    policy = json.loads(POLICY_FILE.read_text(encoding="utf-8"))
    for key in ("URLAllowlist", "URLBlocklist"):
        policy[key] = [entry.replace(PLACEHOLDER, origin) for entry in policy[key]]
    return policy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiosk.terminal.policy",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--origin", required=True,
                        help="the kiosk server as the terminals reach it, e.g. https://pasapas.agence.lan")
    args = parser.parse_args(argv)
    try:
        policy = policy_for(args.origin)
    except ValueError as error:
        parser.error(str(error))
    json.dump(policy, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
