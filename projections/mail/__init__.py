"""Mail to the members: composing each member's mail (compose.py), delivering it through
SMTP or into a folder of .eml files (transport.py), and the mailing that records both as
events of the meeting (mailing.py)."""
