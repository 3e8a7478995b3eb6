"""The cramp diary: its words (words.py), its inline style and policy (styles.py), its pages
(views.py). The entries themselves never reach the server."""
