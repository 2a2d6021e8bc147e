"""The screens of the app: meetings, one meeting, dialogs and help."""
