"""The corpus of published minutes (tests/fixtures/corpus/): each file retells one real
referat that a municipality, region or board published (its address and the day it was
read are in the file and in SOURCES.md), keeping the layout and conventions of that
referat: its header, labels, item headings, case number labels, decision headings.

This package prints each of them as a PDF the ways municipalities' systems do, with three
producers (headless Chromium from HTML, fpdf2, Typst with a template of its own), and
compares what the PDF import reads with what was printed, block for block.

    python -m tests.corpus          # writes tests/fixtures/corpus/pdf/*.pdf

A file of the corpus is read in source.py, set line by line as its publisher prints it in
printed.py, printed as a PDF in producers.py, and what was printed compared with what the
import read in compare.py.
"""
