"""The chefforum command and its Textual terminal UI."""
