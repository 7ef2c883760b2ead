"""The shared base: reports and error codes, YAML reading, text, the project, git, output paths and the one writer."""
