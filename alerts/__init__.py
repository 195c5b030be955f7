"""Rule matching, alert rendering and delivery."""
