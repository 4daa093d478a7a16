"""The gongkai disclosure office: Django on top of the framework-free ``gongkai`` core."""
