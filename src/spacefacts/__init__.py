"""spacefacts: a timeline and fact checker for curated claims about China's space industry."""

__version__ = "0.1.0"
