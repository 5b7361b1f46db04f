"""What citizens see without an account: the petition lookup and the answers councils publish."""
