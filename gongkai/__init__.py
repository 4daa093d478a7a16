"""gongkai: Chinese government information disclosure (政府信息公开).

The core library is framework-free: readers, the report model, rules and calendars
can be used from a plain script.
"""

__version__ = "0.1.0"
