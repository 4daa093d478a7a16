"""The library's domain work: collecting files, reading them in bounded child processes,
matching them to agencies, comparing years, the region overview and the exports."""
