"""Training the shipped models, reproducibly, from data we may use."""
