"""`drafter serve`: the whole job in a local web page (Starlette + Jinja + htmx, served on 127.0.0.1 only)."""
