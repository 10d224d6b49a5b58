"""The Chromium policy file of the terminals (kiosk/terminal/chromium-policy.json): valid JSON
with the locks of reference kiosk-security-reliability.md §1.3, only the server's origin
allowed, and the adviser console (/agent) blocked even on that origin. It is never installed
here: DeveloperToolsAvailability 2 would block Playwright."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from kiosk.terminal.policy import PLACEHOLDER, POLICY_FILE, main, origin_of, policy_for


def test_the_policy_file_is_valid_json_with_the_kiosk_locks():
    policy = json.loads(POLICY_FILE.read_text(encoding="utf-8"))
    assert policy["URLBlocklist"][:2] == ["*", "view-source:*"]
    assert policy["URLAllowlist"] == [PLACEHOLDER]
    expected = {
        "DownloadRestrictions": 3,  # block all downloads
        "PrintingEnabled": False,
        "DeveloperToolsAvailability": 2,  # never
        "PasswordManagerEnabled": False,
        "AutofillAddressEnabled": False,
        "AutofillCreditCardEnabled": False,
        "AllowFileSelectionDialogs": False,
        "IncognitoModeAvailability": 1,
        "ForceEphemeralProfiles": True,
        "TranslateEnabled": False,
        "SyncDisabled": True,
    }
    assert {key: policy[key] for key in expected} == expected
    assert set(policy["ClearBrowsingDataOnExitList"]) == {
        "browsing_history", "download_history", "cookies_and_other_site_data",
        "cached_images_and_files", "password_signin", "autofill", "site_settings",
        "hosted_app_data"}


def _chromium_decides(policy: dict, url: str) -> str:
    """Chromium's rule for URLBlocklist/URLAllowlist, for the filters used here: the filter
    with the longest host match wins, then the longest path; on a tie the allowlist wins
    (chromium.org/administrators/url-blocklist-filter-format)."""
    target = urlsplit(url)
    best = None
    for verdict, key in (("blocked", "URLBlocklist"), ("allowed", "URLAllowlist")):
        for entry in policy[key]:
            if entry == "*":
                rank = (0, 0)
            elif entry.startswith("view-source:"):
                continue
            else:
                f = urlsplit(entry)
                if (f.scheme, f.netloc) != (target.scheme, target.netloc):
                    continue
                if not target.path.startswith(f.path or "/"):
                    continue
                rank = (len(f.hostname), len(f.path))
            if best is None or rank > best[0] or (rank == best[0] and verdict == "allowed"):
                best = (rank, verdict)
    return best[1] if best else "allowed"


@pytest.mark.parametrize("origin", ["https://pasapas.agence.lan", "http://127.0.0.1:8000"])
def test_only_the_servers_origin_is_allowed_and_never_the_console(origin):
    policy = policy_for(origin)
    assert policy["URLAllowlist"] == [origin]
    assert f"{origin}/agent" in policy["URLBlocklist"]
    assert not any(entry.startswith(f"{origin}/agent") for entry in policy["URLAllowlist"])
    decides = lambda path: _chromium_decides(policy, origin + path)  # noqa: E731
    assert decides("/borne/borne-1") == "allowed"
    assert decides("/sites/banque/connexion") == "allowed"
    assert decides("/agent/") == "blocked"
    assert decides("/agent/connexion") == "blocked"
    assert _chromium_decides(policy, "https://www.google.com/") == "blocked"
    assert _chromium_decides(policy, "file:///etc/passwd") == "blocked"


@pytest.mark.parametrize("bad", ["pasapas.lan", "ftp://pasapas.lan", "https://pasapas.lan/agent",
                                 "https://user@pasapas.lan", "https://pasapas.lan/?x=1"])
def test_an_address_that_is_not_an_origin_is_refused(bad):
    with pytest.raises(ValueError):
        origin_of(bad)


def test_the_command_prints_the_policy_for_the_branchs_server(capsys):
    assert main(["--origin", "https://pasapas.agence.lan/"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["URLAllowlist"] == ["https://pasapas.agence.lan"]
    assert printed == policy_for("https://pasapas.agence.lan")
