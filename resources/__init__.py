"""The app's resources; setup.py ships this folder inside the wheel as ``greenconsole.assets``."""
