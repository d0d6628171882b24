"""Maps the top-level resources/ folder to the package ``greenconsole.assets``.

Everything else is in pyproject.toml. The mapping needs a package list that pyproject's
``packages.find`` cannot give (it finds packages only where they lie), hence this file. The
mapping works alike for wheels, sdists and editable installs (setuptools' editable finder).
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["greenconsole", "greenconsole.*"]), "greenconsole.assets"],
    package_dir={"greenconsole.assets": "resources"},
)
