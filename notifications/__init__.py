"""In-app and email notifications, and the escalation ladder that sends them when deadlines slip."""
