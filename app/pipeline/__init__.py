"""Extraction as pure functions: article text in, typed statements and reactions out.

Nothing in this package imports the database or the web layer, except `persist`,
the one stage that writes an `Extraction` through a Session.
"""
