"""The terminal: Chromium in kiosk mode on a kiosk's own address, restarted with a fresh profile
after every learner (launcher.py), locked by the enterprise policy file (chromium-policy.json,
policy.py), with systemd unit examples (systemd/). docs/operators.md says how to install it.

launcher.py and policy.py use the standard library only, so that a terminal can run them with
the system's Python; the server's side is status.py."""
