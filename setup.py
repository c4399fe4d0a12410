"""Which packages the distribution holds; everything else is in pyproject.toml.

The top-level `resources/` folder ships as `websight_desk.resources`: pyproject.toml's
`packages.find` only finds folders under their own name, so the mapping is declared here.
"""

from setuptools import find_namespace_packages, setup

RESOURCES = {"websight_desk.resources": "resources"}

setup(
    packages=[*find_namespace_packages(include=["websight_desk*"]), *RESOURCES],
    package_dir=RESOURCES,
)
