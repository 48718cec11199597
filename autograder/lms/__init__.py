"""What comes from, and goes back to, a learning-management system: submission downloads (Canvas and Moodle
zips) and rosters, each read by the reader's own naming rules (cited in each module)."""
