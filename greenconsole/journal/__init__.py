"""The capture journal (SQLite), its filter language, export/import/replay. No Qt here."""
