"""Packaged phrase books (versioned YAML); a package so the files ship with the wheel."""
