"""Data folder shipped inside the drafter package (found with importlib.resources); no code here."""
