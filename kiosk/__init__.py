"""The kiosk around the simulated world: the learner's screen, the adviser, the terminal."""
