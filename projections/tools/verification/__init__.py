"""The checks of `chefforum verify` (projections/tools/verify.py), one module each."""
