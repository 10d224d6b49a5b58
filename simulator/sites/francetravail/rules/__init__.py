"""France Travail's rules, without any storage: the calendar of the monthly actualisation, the
answers of each form checked in the real site's words. Pure functions, tested on their own."""
